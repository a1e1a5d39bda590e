"""Entity metrics on the SYNTHETIC fixture, with hand-computed numbers and seqeval as oracle."""

from __future__ import annotations

import random

import pytest
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from benchmarks.metrics.counts import Counts
from benchmarks.metrics.entities import (
    bio_counts,
    entities_document,
    names,
    summarize_entities,
)
from benchmarks.metrics.token_index import TokenIndex
from corpus.schema import Annotation
from corpus.text import offsets_to_bio, sentences
from tests.benchmarks.conftest import GOLD, SYNTHETIC_TEXT, annotation, mention

# COR Alice Smith, Smith; INC Bob Jones (ORG); PAR Acme (for Acme Corp); MIS Paris, Jones;
# SPU plan.
PREDICTED = annotation(
    {"doc_id": "synthetic1"},
    mentions=[
        mention("p1", "Alice Smith", "PERSON"),
        mention("p2", "Bob Jones", "ORG"),
        mention("p3", "Acme", "ORG"),
        mention("p4", "plan", "ORG"),
        mention("p5", "Smith", "PERSON", occurrence=1),
    ],
)


def score(predicted: Annotation):
    return entities_document(annotation(), predicted, TokenIndex(sentences(SYNTHETIC_TEXT)))


def test_outcomes_name_the_items() -> None:
    outcomes = score(PREDICTED).spans.outcomes
    doc = "synthetic1"
    assert outcomes == {
        "correct": ((doc, "m1", "p1"), (doc, "m5", "p5")),
        "incorrect": ((doc, "m2", "p2"),),
        "partial": ((doc, "m4", "p3"),),
        "missed": ((doc, "m3", None), (doc, "m6", None)),
        "spurious": ((doc, None, "p4"),),
    }


def test_type_error_versus_boundary_error() -> None:
    spans = score(PREDICTED).spans
    # POS = 6 gold names, ACT = 5 predicted.
    assert spans.strict.micro == Counts(2, 3, 4)  # F1 = 4/11
    assert spans.strict.micro.f1 == pytest.approx(4 / 11)
    assert spans.exact == Counts(3, 2, 3)  # the type error counts, the boundary error not
    assert spans.exact.f1 == pytest.approx(6 / 11)
    assert spans.partial == Counts(3.5, 1.5, 2.5)  # the boundary error gets half
    assert spans.partial.precision == pytest.approx(0.7)
    assert spans.partial.recall == pytest.approx(3.5 / 6)
    assert spans.partial.f1 == pytest.approx(7 / 11)
    assert spans.type.micro == Counts(3, 2, 3)  # the boundary error of the right type counts
    assert spans.type.per_type == {
        "GPE": Counts(0, 0, 1),
        "ORG": Counts(1, 2, 0),
        "PERSON": Counts(2, 0, 2),
    }


def test_seqeval_counts_per_type_micro_and_macro() -> None:
    seqeval = score(PREDICTED).seqeval
    assert seqeval.per_type == {
        "GPE": Counts(0, 0, 1),
        "ORG": Counts(0, 3, 1),
        "PERSON": Counts(2, 0, 2),
    }
    assert seqeval.micro == Counts(2, 3, 4)
    assert seqeval.macro_f1 == pytest.approx((2 / 3) / 3)


def tags(annotation_: Annotation) -> list[list[str]]:
    spans = [(m.start, m.end, m.type) for m in names(annotation_)]
    found = []
    for sentence in sentences(SYNTHETIC_TEXT):
        inside = [s for s in spans if sentence.start <= s[0] < sentence.end]
        found.append(offsets_to_bio(sentence.tokens, inside)[0])
    return found


@pytest.mark.parametrize("options", [{"mode": "strict", "scheme": IOB2}, {}])
def test_oracle_seqeval_on_the_same_tags(options: dict) -> None:
    report = classification_report(
        tags(annotation()), tags(PREDICTED), output_dict=True, zero_division=0, **options
    )
    ours = score(PREDICTED).seqeval
    assert report["micro avg"]["precision"] == pytest.approx(ours.micro.precision)
    assert report["micro avg"]["recall"] == pytest.approx(ours.micro.recall)
    assert report["micro avg"]["f1-score"] == pytest.approx(ours.micro.f1)
    assert report["macro avg"]["f1-score"] == pytest.approx(ours.macro_f1)
    for name, counts in ours.per_type.items():
        assert report[name]["f1-score"] == pytest.approx(counts.f1)
        assert report[name]["support"] == counts.tp + counts.fn


def test_ill_formed_bio_under_both_modes() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    predicted = [["O", "I-PER", "O", "B-LOC"]]  # I- after O
    # strict IOB2: the stray I-PER starts no entity; only LOC is found.
    strict = bio_counts(gold, predicted, strict=True)
    assert strict == {"LOC": Counts(1, 0, 0), "PER": Counts(0, 0, 1)}
    assert sum(strict.values(), Counts()).f1 == pytest.approx(2 / 3)
    # default (conlleval): I-PER after O starts PER at token 1, which is not gold's PER.
    default = bio_counts(gold, predicted, strict=False)
    assert default == {"LOC": Counts(1, 0, 0), "PER": Counts(0, 1, 1)}
    assert sum(default.values(), Counts()).f1 == pytest.approx(0.5)


@pytest.mark.parametrize("strict", [True, False])
def test_oracle_bio_counts_on_random_tags(strict: bool) -> None:
    rng = random.Random(3)
    alphabet = ["O", "O", "O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
    gold = [[rng.choice(alphabet) for _ in range(rng.randint(1, 12))] for _ in range(200)]
    predicted = [[rng.choice(alphabet) for _ in sequence] for sequence in gold]
    options = {"mode": "strict", "scheme": IOB2} if strict else {}
    report = classification_report(gold, predicted, output_dict=True, zero_division=0, **options)
    ours = bio_counts(gold, predicted, strict=strict)
    for name, counts in ours.items():
        assert report[name]["precision"] == pytest.approx(counts.precision)
        assert report[name]["recall"] == pytest.approx(counts.recall)
        assert report[name]["support"] == counts.tp + counts.fn


def test_bio_counts_refuses_shapes_that_differ() -> None:
    with pytest.raises(ValueError, match="shape"):
        bio_counts([["O", "B-PER"]], [["O"]], strict=True)


def test_misaligned_prediction_is_counted_not_tagged() -> None:
    off_tokens = annotation(
        {"doc_id": "synthetic1"}, mentions=[mention("p1", "Alice Smit", "PERSON")]
    )
    scores = score(off_tokens)
    assert scores.misaligned_predicted == 1 and scores.misaligned_gold == 0
    assert scores.seqeval.micro == Counts(0, 0, 6)
    assert len(scores.spans.outcomes["partial"]) == 1


def test_empty_and_perfect_predictions() -> None:
    empty = score(Annotation("synthetic1"))
    assert empty.seqeval.micro == Counts(0, 0, 6)
    assert empty.spans.strict.micro.f1 == 0.0 and empty.spans.partial.f1 == 0.0
    perfect = score(annotation())
    for counts in (
        perfect.seqeval.micro,
        perfect.spans.strict.micro,
        perfect.spans.exact,
        perfect.spans.partial,
        perfect.spans.type.micro,
    ):
        assert counts.precision == counts.recall == counts.f1 == 1.0
    assert perfect.seqeval.macro_f1 == 1.0


def test_summarize_entities_sums_documents() -> None:
    index = TokenIndex(sentences(SYNTHETIC_TEXT))
    other = annotation(dict(GOLD, doc_id="synthetic2"))
    scores = summarize_entities(
        [
            entities_document(annotation(), annotation(), index),
            entities_document(other, Annotation("synthetic2"), index),
        ]
    )
    assert scores.seqeval.micro == Counts(6, 0, 6)
    assert [d for d, _, _ in scores.spans.outcomes["missed"]] == ["synthetic2"] * 6
