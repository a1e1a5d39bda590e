from __future__ import annotations

from benchmarks.metrics.matching import (
    gold_entity_keys,
    greedy_one_to_one,
    link_key,
    match_by_key,
    predicted_entity_keys,
)
from tests.benchmarks.conftest import annotation, mention


def test_match_by_key_is_a_multiset_intersection() -> None:
    gold = [("g1", "a"), ("g2", "a"), ("g3", "b")]
    predicted = [("p1", "a"), ("p2", "c"), ("p3", "a"), ("p4", "a")]
    pairs, missed, spurious = match_by_key(gold, predicted)
    assert pairs == [("g1", "p1"), ("g2", "p3")]
    assert missed == ["g3"]
    assert spurious == ["p2", "p4"]


def test_greedy_one_to_one_takes_the_best_first() -> None:
    candidates = [(0.6, 0, 0), (0.9, 1, 0), (0.7, 0, 1), (0.7, 1, 1)]
    # (1, 0) first at 0.9; then (0, 1) at 0.7 (tie with (1, 1), whose gold is taken).
    assert greedy_one_to_one(candidates) == [(1, 0), (0, 1)]
    assert greedy_one_to_one([]) == []


def test_entity_keys() -> None:
    gold = annotation()
    assert gold_entity_keys(gold)["m1"] == gold_entity_keys(gold)["m5"] == "gold:e1"
    predicted = annotation(
        {"doc_id": "synthetic1"},
        mentions=[mention("p1", "Smith", "PERSON", occurrence=1), mention("p2", "Bob", "PERSON")],
    )
    assert predicted_entity_keys(gold, predicted) == {"p1": "gold:e1", "p2": "predicted:p2"}


def test_link_key_is_order_free_only_when_symmetric() -> None:
    assert link_key("MEETS", "b", "a", True) == link_key("MEETS", "a", "b", True)
    assert link_key("SUPPLIES", "b", "a", False) != link_key("SUPPLIES", "a", "b", False)
    # ends that do not compare (here None and a tuple) are ordered all the same
    assert link_key("LINK", None, (1, 2), True) == link_key("LINK", (1, 2), None, True)
