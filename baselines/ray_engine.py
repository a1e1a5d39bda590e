"""``baselines extract --engine ray``: the extraction on Ray, for pools beyond one machine.

The articles (of a corpus folder, or of an exported dataset folder's ``documents`` parquet files,
checked here) go, in blocks of one batch each, through Ray Data ``map_batches`` to a pool of Ray
workers (actors), one per CPU asked for; each makes the baseline once, as ``baselines extract``
does (a trained baseline trains on the train split of the train corpus: the crf tagger cannot be
serialised, so each Ray worker trains its own, the same way), then extracts its batches. The
predictions come back in article order (Ray Data's ``preserve_order``): the same JSON Lines as
the process engine.

Ray runs on an existing cluster (``--ray-address``) or on a local instance
(``baselines.ray_cluster``). Ray is an optional extra: ``pip install 'claimwire[scale]'``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

import baselines
from baselines.base import (
    BaselineError,
    Extractor,
    TrainableExtractor,
    extract_all,
)
from baselines.ray_cluster import ray_session
from baselines.training import training_documents
from baselines.workers import CHUNK, prediction_line, reports_runs
from corpus.schema import Article
from corpus.store import CorpusStore


def ready_extractor(name: str, settings: Mapping[str, Any] | None, train_corpus: Path) -> Extractor:
    """The baseline ``name``, trained (with its default setting) when it is a trained one."""
    extractor = baselines.get(name, settings)
    if isinstance(extractor, TrainableExtractor):
        gold, articles = training_documents(CorpusStore(train_corpus), name)
        extractor.fit(gold, articles, extractor.settings[0])
    return extractor


class _Predictor:
    """A Ray worker: the baseline made once, then its predictions batch by batch, each as
    its line of JSON Lines (``prediction_line``), with what the batch's drafts left out."""

    def __init__(self, name: str, settings: Mapping[str, Any] | None, train: Path) -> None:
        self.extractor = ready_extractor(name, settings, train)

    def __call__(self, batch: pa.Table) -> pa.Table:
        articles = [Article.from_dict(row, "ray batch") for row in batch.to_pylist()]
        self.extractor.dropped = Counter()
        predictions = [prediction_line(p) for p in extract_all(self.extractor, articles)]
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
        blocks = max(1, -(-len(rows) // CHUNK))
        data = ray.data.from_items(rows, override_num_blocks=blocks)
        predicted = data.map_batches(
            _Predictor,
            fn_constructor_args=(name, settings, train_corpus),
            batch_size=None,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(workers, blocks)),  # none idle
            num_cpus=1,
        )
        predictions: list[str] = []
        dropped: Counter[str] = Counter()
        for batch in predicted.iter_batches(batch_size=None, batch_format="pyarrow"):
            predictions += batch.column("prediction").to_pylist()
            for counts in batch.column("dropped").to_pylist():
                dropped.update(json.loads(counts))
    return predictions, dropped
