"""Scores of every layer of one document, and their sum, on the SYNTHETIC fixture."""

from __future__ import annotations

from benchmarks.metrics.counts import Counts
from benchmarks.metrics.document import score_document, summarize_documents
from corpus.schema import Annotation
from tests.benchmarks.conftest import SYNTHETIC_TEXT, annotation


def test_score_document_scores_every_layer(synthetic_gold: Annotation) -> None:
    empty = Annotation("synthetic1")
    scores = score_document(synthetic_gold, empty, SYNTHETIC_TEXT)
    assert scores.entities.seqeval.micro == Counts(0, 0, 6)
    assert scores.relations.boundaries == Counts(0, 0, 2)
    assert scores.claims.counts["cue"] == Counts(0, 0, 2)


def test_summarize_documents_adds_every_layer(synthetic_gold: Annotation) -> None:
    perfect = score_document(synthetic_gold, synthetic_gold, SYNTHETIC_TEXT)
    missing = score_document(synthetic_gold, annotation({"doc_id": "synthetic1"}), SYNTHETIC_TEXT)
    summed = summarize_documents([perfect, missing])
    assert summed.entities.seqeval.micro == Counts(6, 0, 6)
    assert summed.relations.boundaries == Counts(2, 0, 2)
    assert summed.claims.counts["attribution"] == Counts(2, 0, 2)
