"""The one additive score type every metric builds on (and its per-type table), bootstrap
intervals over documents, and the rounding of written results.

Zero-division rule: a ratio whose denominator is 0 is 0.0 (precision with no prediction,
recall with no gold item, F1 when precision + recall is 0), as ``zero_division=0`` in seqeval
and scikit-learn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives; ``+`` adds them up.

    Counts are integers except for partial credit (the span-level *partial* score gives 0.5).
    """

    tp: float = 0
    fp: float = 0
    fn: float = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return ratio(2 * self.precision * self.recall, self.precision + self.recall)

    def to_dict(self) -> dict[str, float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def total(counts: Iterable[Counts]) -> Counts:
    return sum(counts, Counts())


@dataclass(frozen=True)
class TypedCounts:
    """Counts per type, with the micro average (their sum) and the macro average (the mean of
    the per-type F1 over the types present)."""

    per_type: dict[str, Counts]

    @property
    def micro(self) -> Counts:
        return total(self.per_type.values())

    @property
    def macro_f1(self) -> float:
        scores = [counts.f1 for counts in self.per_type.values()]
        return sum(scores) / len(scores) if scores else 0.0

    def to_dict(self) -> dict:
        return {
            "micro": self.micro.to_dict(),
            "macro_f1": self.macro_f1,
            "per_type": {name: counts.to_dict() for name, counts in self.per_type.items()},
        }


def add_by_key(tables: Iterable[Mapping[str, Counts]]) -> dict[str, Counts]:
    """Key-wise sum of ``{key: Counts}`` tables, keys sorted."""
    summed: dict[str, Counts] = {}
    for table in tables:
        for key, counts in table.items():
            summed[key] = summed.get(key, Counts()) + counts
    return dict(sorted(summed.items()))


def set_counts(gold: Iterable, predicted: Iterable) -> Counts:
    """Counts of two collections compared as sets (duplicates collapse)."""
    gold_set, predicted_set = set(gold), set(predicted)
    tp = len(gold_set & predicted_set)
    return Counts(tp, len(predicted_set) - tp, len(gold_set) - tp)


@dataclass(frozen=True)
class Interval:
    """A bootstrap confidence interval of an F1 score over documents."""

    low: float
    high: float

    def to_dict(self) -> dict[str, float]:
        return {"low": self.low, "high": self.high}


def bootstrap_f1(
    per_document: Mapping[str, Sequence[Counts]],
    resamples: int,
    seed: int,
    confidence: float = 0.95,
) -> dict[str, Interval | None]:
    """Percentile intervals of micro F1 when documents are drawn with replacement; None (no
    interval) over fewer than two documents: one document resampled is itself every time.

    ``per_document`` maps a metric name to its Counts per document (the same documents, in the
    same order, for every metric). No metric is re-run: each resample weights every document's
    Counts by how often it was drawn, one draw shared by all metrics. Seeded: the same inputs
    give the same intervals.
    """
    names = list(per_document)
    n = len(per_document[names[0]]) if names else 0
    if n < 2:
        return dict.fromkeys(names)
    table = np.array(
        [[(c.tp, c.fp, c.fn) for c in per_document[name]] for name in names], dtype=float
    )  # metrics x documents x 3
    rng = np.random.default_rng(seed)
    scores = np.empty((resamples, len(names)))
    for i in range(resamples):
        weights = np.bincount(rng.integers(0, n, size=n), minlength=n)
        tp, fp, fn = np.einsum("d,mdk->km", weights, table)
        denominator = 2 * tp + fp + fn  # F1 = 2tp / (2tp + fp + fn); 0 when nothing at all
        scores[i] = np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=denominator > 0)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(scores, [tail, 100 - tail], axis=0)
    return {name: Interval(float(low[k]), float(high[k])) for k, name in enumerate(names)}


DIGITS = 4  # figures are rounded once, when a result is written


def rounded(value: Any, digits: int = DIGITS) -> Any:
    """``value`` with every float in it rounded; tuples become lists (as JSON has them)."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {key: rounded(item, digits) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(item, digits) for item in value]
    return value
