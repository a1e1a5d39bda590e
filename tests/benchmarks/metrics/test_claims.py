"""Claim metrics on the SYNTHETIC fixture, with hand-computed numbers.

Gold: c1 "the plan will work" (4 tokens), cue "said", source Acme Corp (e4);
c2 "Jones may resign" (3 tokens), cue the second "said", source Smith (e1), POSSIBLE, PREDICTION;
l1 c1 CONTRADICTS c2.
"""

from __future__ import annotations

import pytest

from benchmarks.metrics.claims import attribute_report, claims_document, summarize_claims
from benchmarks.metrics.counts import Counts
from benchmarks.metrics.token_index import TokenIndex
from corpus.schema import Annotation
from corpus.text import sentences
from tests.benchmarks.conftest import GOLD, SYNTHETIC_TEXT, annotation, claim, mention

MENTIONS = [
    mention("p1", "Alice Smith", "PERSON"),
    mention("p3", "Paris", "GPE"),
    mention("p4", "Acme Corp", "ORG"),
    mention("p5", "Smith", "PERSON", occurrence=1),
]
C1 = GOLD["claims"][0]


def score(claims: list[dict], links: list[dict] = (), gold: Annotation | None = None):
    predicted = annotation(
        {"doc_id": "synthetic1"}, mentions=MENTIONS, claims=claims, claim_links=list(links)
    )
    return claims_document(gold or annotation(), predicted, TokenIndex(sentences(SYNTHETIC_TEXT)))


def test_right_content_wrong_source() -> None:
    scores = score(
        [
            claim("d1", "the plan will work", ("said", 0), ["p3"]),  # Paris, not Acme Corp
            claim("d2", "Jones may resign", ("said", 1), ["p5"], kind="PREDICTION"),
        ]
    )
    counts = scores.counts
    assert counts["content_exact"] == Counts(2, 0, 0)
    assert counts["content_tokens"] == Counts(7, 0, 0)
    assert counts["cue"] == Counts(2, 0, 0)
    assert counts["source_mention"] == Counts(1, 1, 1)
    assert counts["source_entity"] == Counts(1, 1, 1)
    assert counts["attribution"] == Counts(1, 1, 1)
    assert counts["attribution"].f1 == pytest.approx(0.5)
    assert scores.missed == (("synthetic1", "c1"),)
    assert scores.spurious == (("synthetic1", "d1"),)
    assert counts["links"] == Counts(0, 0, 1)


def test_attributes_on_matched_claims() -> None:
    scores = score(
        [
            claim("d1", "the plan will work", ("said", 0), ["p4"]),
            claim("d2", "Jones may resign", ("said", 1), ["p5"], kind="PREDICTION"),
        ]
    )
    certainty = attribute_report("certainty", scores.attributes["certainty"])
    # gold CERTAIN, POSSIBLE; predicted CERTAIN, CERTAIN
    assert certainty["matched"] == 2 and certainty["accuracy"] == 0.5
    assert certainty["report"]["CERTAIN"]["f1-score"] == pytest.approx(2 / 3)
    assert certainty["report"]["POSSIBLE"]["f1-score"] == 0.0
    assert "PROBABLE" not in certainty["report"]  # labels that occur
    assert certainty["macro_f1"] == pytest.approx(1 / 3)
    assert certainty["labels"] == ["CERTAIN", "PROBABLE", "POSSIBLE"]
    assert certainty["confusion"] == [[1, 0, 0], [0, 0, 0], [1, 0, 0]]
    kind = attribute_report("kind", scores.attributes["kind"])
    assert kind["accuracy"] == 1.0 and kind["macro_f1"] == 1.0


def test_two_predictions_compete_for_one_gold_claim() -> None:
    gold = annotation(claims=[C1], claim_links=[])
    scores = score(
        [
            claim("d1", "the plan will work", ("said", 0), ["p4"]),
            claim("d2", "plan will work", ("said", 0), ["p4"]),  # Dice 6/7, also ≥ 0.5
        ],
        gold=gold,
    )
    assert scores.counts["attribution"] == Counts(1, 1, 0)
    assert scores.counts["attribution"].f1 == pytest.approx(2 / 3)
    assert scores.counts["content_tokens"] == Counts(4, 3, 0)
    assert scores.counts["content_tokens"].f1 == pytest.approx(8 / 11)
    assert scores.counts["content_exact"] == Counts(1, 1, 0)
    assert scores.spurious == (("synthetic1", "d2"),)


def test_overlap_below_half_does_not_match() -> None:
    gold = annotation(claims=[C1], claim_links=[])
    scores = score([claim("d1", "work", ("said", 0), ["p4"])], gold=gold)  # Dice 2/5
    assert scores.counts["content_tokens"] == Counts(0, 1, 4)
    assert scores.counts["attribution"] == Counts(0, 1, 1)
    assert scores.counts["source_mention"] == Counts(0, 1, 1)
    assert scores.attributes["stance"] == ()


def test_source_entity_accepts_a_coreferent_mention() -> None:
    gold = annotation(claims=[GOLD["claims"][1]], claim_links=[])
    # "Alice Smith" is entity e1, like the gold source "Smith".
    scores = score([claim("d2", "Jones may resign", ("said", 1), ["p1"])], gold=gold)
    assert scores.counts["source_mention"] == Counts(0, 1, 1)
    assert scores.counts["source_entity"] == Counts(1, 0, 0)
    assert scores.counts["attribution"] == Counts(1, 0, 0)


def test_wrong_cue_fails_attribution() -> None:
    gold = annotation(claims=[C1], claim_links=[])
    scores = score([claim("d1", "the plan will work", None, ["p4"])], gold=gold)
    assert scores.counts["cue"] == Counts(0, 0, 1)
    assert scores.counts["attribution"] == Counts(0, 1, 1)


def test_parent_accuracy_on_matched_nested_claims() -> None:
    nested = dict(GOLD["claims"][1], parent="c1")
    gold = annotation(claims=[C1, nested], claim_links=[])
    d1 = claim("d1", "the plan will work", ("said", 0), ["p4"])
    d2 = claim("d2", "Jones may resign", ("said", 1), ["p5"])
    right = score([d1, dict(d2, parent="d1")], gold=gold)
    assert (right.parent_correct, right.parent_total, right.parent_accuracy) == (1, 1, 1.0)
    wrong = score([d1, d2], gold=gold)
    assert (wrong.parent_correct, wrong.parent_total, wrong.parent_accuracy) == (0, 1, 0.0)


def test_links_symmetric_contradicts_and_directed_supports() -> None:
    d1 = claim("d1", "the plan will work", ("said", 0), ["p4"])
    d2 = claim("d2", "Jones may resign", ("said", 1), ["p5"])
    reversed_contradicts = [{"id": "k1", "type": "CONTRADICTS", "from": "d2", "to": "d1"}]
    assert score([d1, d2], reversed_contradicts).counts["links"] == Counts(1, 0, 0)
    gold = annotation(claim_links=[{"id": "l1", "type": "SUPPORTS", "from": "c2", "to": "c1"}])
    reversed_supports = [{"id": "k1", "type": "SUPPORTS", "from": "d1", "to": "d2"}]
    assert score([d1, d2], reversed_supports, gold=gold).counts["links"] == Counts(0, 1, 1)


def test_empty_and_perfect() -> None:
    empty = claims_document(
        annotation(), Annotation("synthetic1"), TokenIndex(sentences(SYNTHETIC_TEXT))
    )
    for name, counts in empty.counts.items():
        assert counts.tp == 0 and counts.fp == 0 and counts.f1 == 0.0, name
    assert empty.to_dict()["attributes"]["stance"]["macro_f1"] == 0.0
    index = TokenIndex(sentences(SYNTHETIC_TEXT))
    perfect = summarize_claims([claims_document(annotation(), annotation(), index)])
    assert all(counts.f1 == 1.0 for counts in perfect.counts.values())
    assert all(a["macro_f1"] == 1.0 for a in perfect.to_dict()["attributes"].values())
