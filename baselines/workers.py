"""Extraction across worker processes: ``--workers N`` of ``baselines extract`` and
``benchmarks run``.

The articles go to the workers (``corpus.parallel``) in chunks of ``CHUNK_BATCHES`` batches,
cut where the batches of one process are cut, and the predictions come back in article order:
the same predictions as one process. The workers are forked once the extractor is ready, so they
start with what it holds: a trained model (crf) is trained once, here, and a model it has
loaded (spaCy) is loaded once; one it loads on its first ``extract`` is loaded once per worker,
which keeps it for the chunks that follow. What the drafts left out (``Extractor.dropped``) is
added up over the workers.

An extractor that reports on its runs (``run_report``: the llm baseline's calls and what they
cost) runs in this process whatever the number of workers, so that its report is whole; it
spends its time waiting for a server, not on a core.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from baselines.base import BATCH_SIZE, Extractor, extract_all
from corpus.jsonl import dumps_line
from corpus.parallel import map_in_order
from corpus.schema import Annotation, Article

CHUNK_BATCHES = 4  # batches of ``BATCH_SIZE`` articles a worker extracts at a time
CHUNK = CHUNK_BATCHES * BATCH_SIZE

# The extractor, articles and form of the predictions of the run under way, which forked
# workers inherit.
_RUN: tuple[Extractor, Sequence[Article], Callable[[Annotation], Any]] | None = None


def reports_runs(extractor: Extractor) -> bool:
    """Whether the extractor keeps a report of its runs (its class has ``run_report``)."""
    return type(extractor).run_report is not Extractor.run_report


def prediction_line(prediction: Annotation) -> str:
    """A prediction as its line of JSON Lines, as ``baselines extract`` writes it."""
    return dumps_line(prediction.to_dict())


def chunk_bounds(count: int, size: int) -> list[tuple[int, int]]:
    """``[start, end)`` of each chunk of ``count`` articles."""
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def _extract_chunk(bounds: tuple[int, int]) -> tuple[list[Any], Counter[str]]:
    """In a worker: the predictions of one chunk, in their form, and what their drafts left
    out."""
    assert _RUN is not None, "a worker forked outside extract_with_workers"
    extractor, articles, form = _RUN
    extractor.dropped = Counter()  # this worker's copy counts this chunk alone
    predictions = extract_all(extractor, articles[bounds[0] : bounds[1]])
    return [form(prediction) for prediction in predictions], extractor.dropped


def extract_with_workers(
    extractor: Extractor,
    articles: Sequence[Article],
    workers: int,
    progress: bool = False,
    form: Callable[[Annotation], Any] = lambda prediction: prediction,
) -> list[Any]:
    """``extract_all`` across ``workers`` processes: the same predictions, in article order,
    and the same ``dropped`` counts. One worker, one chunk of articles or an extractor that
    reports on its runs: in this process. Each prediction is given in ``form`` (by default
    as it is), which the workers apply: a line of JSON Lines costs less to send back than an
    ``Annotation``, and they make the lines at the same time."""
    global _RUN
    chunks = chunk_bounds(len(articles), CHUNK)
    if workers == 1 or len(chunks) == 1 or reports_runs(extractor):
        return [form(prediction) for prediction in extract_all(extractor, articles, progress)]
    predictions: list[Any] = []
    _RUN = (extractor, articles, form)
    try:
        desc = f"{extractor.name} ({workers} workers, chunks)"
        for chunk, dropped in map_in_order(_extract_chunk, chunks, workers, desc, progress):
            predictions.extend(chunk)
            extractor.dropped.update(dropped)
    finally:
        _RUN = None
    return predictions
