"""Relation metrics on the SYNTHETIC fixture, with hand-computed numbers."""

from __future__ import annotations

import pytest

from benchmarks.metrics.counts import Counts
from benchmarks.metrics.relations import relations_document, summarize_relations
from corpus.schema import Annotation
from tests.benchmarks.conftest import annotation, mention

# Gold: r1 MEETS Alice Smith -> Bob Jones (symmetric), r2 SUPPLIES Acme Corp -> Paris.
MENTIONS = [
    mention("p1", "Alice Smith", "PERSON"),
    mention("p2", "Bob Jones", "PERSON"),
    mention("p3", "Paris", "GPE"),
    mention("p4", "Acme Corp", "ORG"),
    mention("p5", "Smith", "PERSON", occurrence=1),
]


def predicted(relations: list[dict], mentions: list[dict] = MENTIONS) -> Annotation:
    return annotation({"doc_id": "synthetic1"}, mentions=mentions, relations=relations)


def relation(relation_id: str, type_: str, head: str, tail: str) -> dict:
    return {"id": relation_id, "type": type_, "head": head, "tail": tail}


def test_reversed_symmetric_is_right_and_reversed_directed_is_wrong() -> None:
    scores = relations_document(
        annotation(),
        predicted([relation("q1", "MEETS", "p2", "p1"), relation("q2", "SUPPLIES", "p3", "p4")]),
    )
    assert scores.strict.per_type == {"MEETS": Counts(1, 0, 0), "SUPPLIES": Counts(0, 1, 1)}
    assert scores.strict.micro == Counts(1, 1, 1)
    assert scores.strict.micro.f1 == pytest.approx(0.5)
    assert scores.boundaries == Counts(1, 1, 1)
    assert scores.entity == Counts(1, 1, 1)
    assert scores.missed == (("synthetic1", "r2"),)
    assert scores.spurious == (("synthetic1", "q2"),)


def test_wrong_argument_type_fails_strict_not_boundaries() -> None:
    mentions = [*MENTIONS[:3], mention("p4", "Acme Corp", "GPE")]  # ORG predicted as GPE
    scores = relations_document(
        annotation(), predicted([relation("q1", "SUPPLIES", "p4", "p3")], mentions)
    )
    assert scores.strict.micro == Counts(0, 1, 2)
    assert scores.boundaries == Counts(1, 0, 1)
    assert scores.boundaries.f1 == pytest.approx(2 / 3)


def test_entity_level_accepts_another_mention_of_the_same_entity() -> None:
    # "Smith" (line 3) is gold entity e1 like "Alice Smith": right entity, wrong mention.
    scores = relations_document(annotation(), predicted([relation("q1", "MEETS", "p5", "p2")]))
    assert scores.strict.micro == Counts(0, 1, 2)
    assert scores.entity == Counts(1, 0, 1)


def test_unmatched_mention_is_its_own_entity() -> None:
    mentions = [*MENTIONS, mention("p6", "Bob", "PERSON")]
    scores = relations_document(
        annotation(), predicted([relation("q1", "MEETS", "p1", "p6")], mentions)
    )
    assert scores.entity == Counts(0, 1, 2)
    assert scores.boundaries == Counts(0, 1, 2)


def test_duplicate_prediction_is_a_false_positive() -> None:
    scores = relations_document(
        annotation(),
        predicted([relation("q1", "MEETS", "p1", "p2"), relation("q2", "MEETS", "p2", "p1")]),
    )
    assert scores.strict.micro == Counts(1, 1, 1)
    assert scores.entity == Counts(1, 0, 1)  # entity level compares sets


def test_empty_and_perfect() -> None:
    empty = relations_document(annotation(), Annotation("synthetic1"))
    assert empty.strict.micro == Counts(0, 0, 2) and empty.entity == Counts(0, 0, 2)
    assert empty.strict.micro.f1 == 0.0
    perfect = summarize_relations([relations_document(annotation(), annotation())])
    for counts in (perfect.strict.micro, perfect.boundaries, perfect.entity):
        assert counts.f1 == 1.0
    assert perfect.to_dict()["strict_macro_f1"] == 1.0
