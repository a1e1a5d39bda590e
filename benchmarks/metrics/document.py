"""The scores of one document on every layer, and their sum over documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.metrics.claims import ClaimScores, claims_document, summarize_claims
from benchmarks.metrics.entities import EntityScores, entities_document, summarize_entities
from benchmarks.metrics.relations import RelationScores, relations_document, summarize_relations
from benchmarks.metrics.token_index import TokenIndex
from corpus.schema import Annotation
from corpus.text import sentences


@dataclass(frozen=True)
class DocumentScores:
    """Scores of one document, or of several (summed)."""

    entities: EntityScores
    relations: RelationScores
    claims: ClaimScores


def score_document(gold: Annotation, predicted: Annotation, text: str) -> DocumentScores:
    """Every layer's scores of ``predicted`` against ``gold``, annotations of ``text``."""
    index = TokenIndex(sentences(text))  # cached: validating the prediction tokenized it
    return DocumentScores(
        entities=entities_document(gold, predicted, index),
        relations=relations_document(gold, predicted),
        claims=claims_document(gold, predicted, index),
    )


def summarize_documents(documents: Sequence[DocumentScores]) -> DocumentScores:
    """The sum of the scores of ``documents``."""
    return DocumentScores(
        entities=summarize_entities([d.entities for d in documents]),
        relations=summarize_relations([d.relations for d in documents]),
        claims=summarize_claims([d.claims for d in documents]),
    )
