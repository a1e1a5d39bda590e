"""``baselines extract --engine ray``: the extraction on Ray, for pools beyond one machine.

The articles (of a corpus folder, or of an exported dataset folder's ``documents`` parquet files,
as one Arrow table) go through Ray Data ``map_batches`` to a pool of Ray workers (actors),
one per CPU asked for; each makes the baseline once, as ``baselines extract`` does (a trained
baseline trains on the train split of the train corpus: the crf tagger cannot be serialised,
so each Ray worker trains its own, the same way), then extracts its batches. The predictions
come back in article order (Ray Data's ``preserve_order``): the same JSON Lines as the process
engine.

Ray runs on an existing cluster (``--ray-address``) or on a local instance started here and
stopped after, bound to 127.0.0.1, without a dashboard and without usage statistics: nothing
leaves this machine. Ray is an optional extra: ``pip install 'claimwire[scale]'``.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

import baselines
from baselines.base import (
    BATCH_SIZE,
    BaselineError,
    Extractor,
    TrainableExtractor,
    extract_all,
)
from baselines.training import training_documents
from baselines.workers import CHUNK, reports_runs
from corpus.export_rows import ARTICLE_COLUMNS, dataset_files
from corpus.jsonl import dumps_line
from corpus.schema import Article
from corpus.store import CorpusStore

INSTALL_HINT = "install claimwire[scale] (pip install 'claimwire[scale]')"
LOCAL_HOST = "127.0.0.1"
LOCAL_OBJECT_STORE_BYTES = 512 * 1024**2  # a local instance's shared memory for the articles


def import_ray() -> ModuleType:
    """The ``ray`` module (with Ray Data), or a one-line error saying how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise BaselineError(f"--engine ray needs Ray: {INSTALL_HINT}") from None
    return ray


# Ray's switch for the clusters of Windows and macOS: off, Ray takes this machine's address
# to be loopback (read when ray is imported) rather than asking the network for one.
LOOPBACK_SWITCH = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


@contextmanager
def ray_session(address: str | None, cpus: int) -> Iterator[ModuleType]:
    """Ray, connected: to the cluster at ``address``, else to the instance this process
    already has, else to a local instance of ``cpus`` CPUs on loopback, stopped on exit."""
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # no usage report sent anywhere
    if not address:
        os.environ[LOOPBACK_SWITCH] = "0"
    ray = import_ray()
    logging.getLogger("ray").setLevel(logging.WARNING)  # its progress: the bars
    if ray.is_initialized():
        yield ray
        return
    if address:
        ray.init(address=address, log_to_driver=False, configure_logging=False)
    else:
        here = str(Path(baselines.__file__).resolve().parents[1])  # the workers run this code
        quiet = {"RAY_USAGE_STATS_ENABLED": "0", LOOPBACK_SWITCH: "0"}
        ray.init(
            num_cpus=cpus,
            include_dashboard=False,
            _node_ip_address=LOCAL_HOST,
            object_store_memory=LOCAL_OBJECT_STORE_BYTES,
            runtime_env={"env_vars": {"PYTHONPATH": here, **quiet}},
            log_to_driver=False,
            configure_logging=False,
        )
    try:
        yield ray
    finally:
        ray.shutdown()


def ready_extractor(name: str, settings: Mapping[str, Any] | None, train_corpus: Path) -> Extractor:
    """The baseline ``name``, trained (with its default setting) when it is a trained one."""
    extractor = baselines.get(name, settings)
    if isinstance(extractor, TrainableExtractor):
        gold, articles = training_documents(CorpusStore(train_corpus), name)
        extractor.fit(gold, articles, extractor.settings[0])
    return extractor


class _Predictor:
    """A Ray worker: the baseline made once, then its predictions batch by batch, each as
    its line of JSON Lines (``dumps_line``), with what the batch's drafts left out."""

    def __init__(self, name: str, settings: Mapping[str, Any] | None, train: Path) -> None:
        self.extractor = ready_extractor(name, settings, train)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        articles = [
            Article.from_dict({"id": i, "text": t, "meta": dict(m)}, "ray batch")
            for i, t, m in zip(batch["id"], batch["text"], batch["meta"], strict=True)
        ]
        self.extractor.dropped = Counter()
        predictions = [dumps_line(p.to_dict()) for p in extract_all(self.extractor, articles)]
        dropped = [json.dumps(self.extractor.dropped)] + ["{}"] * (len(predictions) - 1)
        return {"prediction": predictions, "dropped": dropped}


def extract_on_ray(
    name: str,
    settings: Mapping[str, Any] | None,
    train_corpus: Path,
    articles: Sequence[Article] | Path,
    workers: int,
    address: str | None = None,
    progress: bool = False,
) -> tuple[list[str], Counter[str]]:
    """The predictions (as lines of JSON Lines, in article order) of baseline ``name`` on
    ``articles`` (or the documents of the exported dataset folder at that path), on Ray with
    ``workers`` Ray workers, and what the drafts left out."""
    probe = baselines.get(name, settings)
    if reports_runs(probe):
        raise BaselineError(f"{name}: runs with --engine processes (its run report is kept whole)")
    if isinstance(probe, TrainableExtractor):
        training_documents(CorpusStore(train_corpus), name)  # too little gold: an error now
    with ray_session(address, workers) as ray:
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = progress
        if isinstance(articles, Path):
            # read here, not with ray.data.read_parquet: its file listing imports fsspec's
            # HTTP filesystem from several threads at once, which fails without aiohttp
            tables = [
                pq.read_table(path, columns=ARTICLE_COLUMNS) for path in dataset_files(articles)
            ]
            data = ray.data.from_arrow(pa.concat_tables(tables))
        else:
            data = ray.data.from_items([article.to_dict() for article in articles])
        predicted = data.map_batches(
            _Predictor,
            fn_constructor_args=(name, settings, train_corpus),
            batch_size=CHUNK,
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
        )
        predictions: list[str] = []
        dropped: Counter[str] = Counter()
        for batch in predicted.iter_batches(batch_size=BATCH_SIZE, batch_format="numpy"):
            predictions += [str(line) for line in batch["prediction"]]
            for counts in batch["dropped"]:
                dropped.update(json.loads(counts))
    return predictions, dropped
