"""Coreference metrics between two clusterings of mentions: MUC, B³, CEAF-e and the CoNLL F1.

The definitions of the CoNLL-2012 reference scorer (Pradhan et al., 2014): a *key* and a
*response* are each a list of clusters (sets of mention keys); a mention of one side that the
other side lacks counts as a singleton there. Each metric gives a recall and a precision as
fractions whose numerators and denominators add up over documents (:class:`Fractions`), so that
corpus figures are computed once from the sums, as the reference scorer does.

:func:`entity_clusters` takes the clusters of an annotation: its entities, each as the set of
its mentions' spans, without the value types (DATE, QUANTITY, ROLE), which are singletons by rule
and would inflate B³ and CEAF-e.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from benchmarks.metrics.counts import ratio
from corpus.schema import Annotation

Cluster = frozenset[Hashable]
VALUE_TYPES: frozenset[str] = frozenset({"DATE", "QUANTITY", "ROLE"})


@dataclass(frozen=True)
class Fractions:
    """Recall and precision as sums of numerators and denominators; ``+`` adds them up."""

    recall_numerator: float = 0.0
    recall_denominator: float = 0.0
    precision_numerator: float = 0.0
    precision_denominator: float = 0.0

    def __add__(self, other: Fractions) -> Fractions:
        return Fractions(
            self.recall_numerator + other.recall_numerator,
            self.recall_denominator + other.recall_denominator,
            self.precision_numerator + other.precision_numerator,
            self.precision_denominator + other.precision_denominator,
        )

    @property
    def recall(self) -> float:
        return ratio(self.recall_numerator, self.recall_denominator)

    @property
    def precision(self) -> float:
        return ratio(self.precision_numerator, self.precision_denominator)

    @property
    def f1(self) -> float:
        return ratio(2 * self.precision * self.recall, self.precision + self.recall)


def _muc_side(gold: Sequence[Cluster], other: Sequence[Cluster]) -> tuple[int, int]:
    """Links of ``gold`` clusters that ``other`` keeps, and all links of ``gold``."""
    cluster_of = {mention: i for i, cluster in enumerate(other) for mention in cluster}
    kept = total = 0
    for cluster in gold:
        parts = {cluster_of.get(mention, ("alone", mention)) for mention in cluster}
        kept += len(cluster) - len(parts)
        total += len(cluster) - 1
    return kept, total


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> Fractions:
    """Vilain et al. (1995): the links needed to join each cluster, found on the other side."""
    return Fractions(*_muc_side(key, response), *_muc_side(response, key))


def _b_cubed_side(gold: Sequence[Cluster], other: Sequence[Cluster]) -> tuple[float, int]:
    cluster_of = {mention: cluster for cluster in other for mention in cluster}
    found = sum(
        len(cluster & cluster_of.get(mention, frozenset())) / len(cluster)
        for cluster in gold
        for mention in cluster
    )
    return found, sum(len(cluster) for cluster in gold)


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> Fractions:
    """Bagga and Baldwin (1998): per mention, the share of its cluster the other side agrees on."""
    return Fractions(*_b_cubed_side(key, response), *_b_cubed_side(response, key))


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> Fractions:
    """Luo (2005), entity-based: the best one-to-one alignment of clusters by φ4 similarity."""
    if not key or not response:
        return Fractions(0.0, len(key), 0.0, len(response))
    similarity = np.array(
        [[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key], dtype=float
    )
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    best = float(similarity[rows, columns].sum())
    return Fractions(best, len(key), best, len(response))


COREFERENCE_METRICS = {"muc": muc, "b_cubed": b_cubed, "ceaf_e": ceaf_e}


def coreference_scores(key: Sequence[Cluster], response: Sequence[Cluster]) -> dict[str, Fractions]:
    return {name: metric(key, response) for name, metric in COREFERENCE_METRICS.items()}


def conll_f1(scores: dict[str, Fractions]) -> float:
    """The CoNLL-2012 figure: the mean F1 of MUC, B³ and CEAF-e."""
    return sum(scores[name].f1 for name in COREFERENCE_METRICS) / len(COREFERENCE_METRICS)


def entity_clusters(annotation: Annotation) -> list[Cluster]:
    """Each entity's mention spans, value types left out; a mention without entity alone."""
    clusters: dict[Hashable, set[Hashable]] = {}
    for mention in annotation.mentions:
        if mention.type not in VALUE_TYPES:
            entity = mention.entity if mention.entity is not None else ("alone", mention.id)
            clusters.setdefault(entity, set()).add((mention.start, mention.end))
    return [frozenset(cluster) for cluster in clusters.values()]
