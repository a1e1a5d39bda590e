"""Coreference metrics, checked against numbers computed by hand.

Key {a, b, c} {d, e}; response {a, b} {c, d} {e}:
- MUC: recall (1 + 0) / (2 + 1) = 1/3, precision (1 + 0 + 0) / (1 + 1 + 0) = 1/2;
- B³: recall (2/3 + 2/3 + 1/3 + 1/2 + 1/2) / 5 = 8/15, precision (1 + 1 + 1/2 + 1/2 + 1) / 5 = 4/5;
- CEAF-e: φ4 of the best alignment {a,b,c}~{a,b} (4/5) and {d,e}~{e} (2/3) = 22/15, recall over
  2 key clusters 11/15, precision over 3 response clusters 22/45.
"""

from __future__ import annotations

import pytest

from benchmarks.metrics.coreference import (
    b_cubed,
    ceaf_e,
    conll_f1,
    coreference_scores,
    entity_clusters,
    muc,
)
from corpus.schema import Annotation, Mention

KEY = [frozenset("abc"), frozenset("de")]
RESPONSE = [frozenset("ab"), frozenset("cd"), frozenset("e")]


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall)


def test_muc() -> None:
    scores = muc(KEY, RESPONSE)
    assert (scores.recall, scores.precision) == pytest.approx((1 / 3, 1 / 2))
    assert scores.f1 == pytest.approx(0.4)


def test_b_cubed() -> None:
    scores = b_cubed(KEY, RESPONSE)
    assert (scores.recall, scores.precision) == pytest.approx((8 / 15, 4 / 5))


def test_ceaf_e() -> None:
    scores = ceaf_e(KEY, RESPONSE)
    assert (scores.recall, scores.precision) == pytest.approx((11 / 15, 22 / 45))


def test_conll_f1_is_the_mean_of_the_three() -> None:
    expected = (0.4 + f1(4 / 5, 8 / 15) + f1(22 / 45, 11 / 15)) / 3
    assert conll_f1(coreference_scores(KEY, RESPONSE)) == pytest.approx(expected)


def test_identical_clusterings_score_one_and_missing_mentions_count() -> None:
    assert conll_f1(coreference_scores(KEY, KEY)) == pytest.approx(1.0)
    half = b_cubed(KEY, [frozenset("ab")])  # c, d, e missing from the response
    assert (half.recall, half.precision) == pytest.approx(((2 / 3 + 2 / 3) / 5, 1.0))
    assert ceaf_e(KEY, []).f1 == 0.0


def test_document_sums_give_corpus_figures() -> None:
    both = muc(KEY, RESPONSE) + muc(KEY, KEY)
    assert both.recall == pytest.approx((1 + 3) / (3 + 3))


def test_entity_clusters_leave_out_value_types() -> None:
    annotation = Annotation(
        "synthetic",
        mentions=(
            Mention("m1", 0, 3, "PERSON", "NAM", "e1"),
            Mention("m2", 10, 12, "PERSON", "PRO", "e1"),
            Mention("m3", 20, 26, "DATE", "NAM", "e2"),
            Mention("m4", 30, 33, "ORG", "NAM", None),
        ),
    )
    assert sorted(map(sorted, entity_clusters(annotation))) == [[(0, 3), (10, 12)], [(30, 33)]]
