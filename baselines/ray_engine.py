"""``baselines extract --engine ray``: the extraction on Ray, for pools beyond one machine.

The articles (of a corpus folder, or of an exported dataset folder's ``documents`` parquet files,
checked here) go, in blocks of one batch each, through Ray Data ``map_batches`` to a pool of Ray
workers (actors), one per CPU asked for; each makes the baseline once, as ``baselines extract``
does (a trained baseline trains on the train split of the train corpus: the crf tagger cannot be
serialised, so each Ray worker trains its own, the same way), then extracts its batches. The
predictions come back in article order (Ray Data's ``preserve_order``): the same JSON Lines as
the process engine.

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

import baselines
from baselines.base import (
    BaselineError,
    Extractor,
    TrainableExtractor,
    extract_all,
)
from baselines.training import training_documents
from baselines.workers import CHUNK, reports_runs
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

    def __call__(self, batch: pa.Table) -> pa.Table:
        articles = [Article.from_dict(row, "ray batch") for row in batch.to_pylist()]
        self.extractor.dropped = Counter()
        predictions = [dumps_line(p.to_dict()) for p in extract_all(self.extractor, articles)]
        dropped = [json.dumps(self.extractor.dropped)] + ["{}"] * (len(predictions) - 1)
        return pa.table({"prediction": predictions, "dropped": dropped})


def article_rows(articles: Sequence[Article] | Path) -> list[dict[str, Any]]:
    """The articles, or those of the exported dataset folder at that path, as rows."""
    if isinstance(articles, Path):
        # Imported here: a Ray worker imports this module, and needs none of the export's
        # (its ``datasets`` import alone costs each Ray worker half a second).
        from corpus.export_rows import dataset_articles

        articles = dataset_articles(articles)
    return [article.to_dict() for article in articles]


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
    rows = article_rows(articles)  # a bad dataset row: an error now, naming its file
    with ray_session(address, workers) as ray:
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = progress
        # blocks of at most CHUNK rows, each a batch: made here (from_arrow runs a Ray task on
        # each to read its size), neither cut nor joined on the way to a worker
        data = ray.data.from_items(rows, override_num_blocks=max(1, -(-len(rows) // CHUNK)))
        predicted = data.map_batches(
            _Predictor,
            fn_constructor_args=(name, settings, train_corpus),
            batch_size=None,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
        )
        predictions: list[str] = []
        dropped: Counter[str] = Counter()
        for batch in predicted.iter_batches(batch_size=None, batch_format="pyarrow"):
            predictions += batch.column("prediction").to_pylist()
            for counts in batch.column("dropped").to_pylist():
                dropped.update(json.loads(counts))
    return predictions, dropped
