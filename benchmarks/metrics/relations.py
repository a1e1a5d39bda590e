"""Relation metrics: mention level (strict, boundaries) and entity level.

- ``strict``: a predicted relation is correct when a gold relation has the same type, the same
  head span and type, and the same tail span and type;
- ``boundaries``: the same type and the same head and tail spans (mention types ignored);
- ``entity``: relations as ``(type, head entity, tail entity)`` sets per document; a predicted
  mention whose span equals a gold mention's takes that mention's entity, any other mention is
  an entity of its own (so its relations are wrong).

Mention-level relations are matched one-to-one (a duplicate prediction is a false positive).
For a symmetric type (``RELATION_TYPES[type].symmetric``) head and tail are order-free.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from benchmarks.metrics.counts import Counts, TypedCounts, add_by_key, set_counts, total
from benchmarks.metrics.matching import (
    gold_entity_keys,
    link_key,
    match_by_key,
    predicted_entity_keys,
)
from corpus.schema import RELATION_TYPES, Annotation, Relation

# A relation traced to its document: (doc_id, relation id).
Item = tuple[str, str]


def relation_key(relation_type: str, head: Hashable, tail: Hashable) -> tuple:
    """``(type, head, tail)``, order-free when the type is symmetric."""
    return link_key(relation_type, head, tail, RELATION_TYPES[relation_type].symmetric)


@dataclass(frozen=True)
class RelationScores:
    """Relation scores of one document or of several (summed); strict misses and false alarms."""

    strict: TypedCounts  # per relation type
    boundaries: Counts
    entity: Counts
    missed: tuple[Item, ...]  # gold relations without a strict match
    spurious: tuple[Item, ...]  # predicted relations without a strict match

    def to_dict(self) -> dict:
        return {
            "strict": self.strict.micro.to_dict(),
            "strict_macro_f1": self.strict.macro_f1,
            "strict_per_type": {name: c.to_dict() for name, c in self.strict.per_type.items()},
            "boundaries": self.boundaries.to_dict(),
            "entity": self.entity.to_dict(),
            "missed": [{"doc_id": d, "id": i} for d, i in self.missed],
            "spurious": [{"doc_id": d, "id": i} for d, i in self.spurious],
        }


def _keyed(annotation: Annotation, strict: bool) -> list[tuple[str, tuple]]:
    mentions = {m.id: m for m in annotation.mentions}

    def argument(mention_id: str) -> tuple:
        m = mentions[mention_id]
        return (m.start, m.end, m.type) if strict else (m.start, m.end)

    return [
        (r.id, relation_key(r.type, argument(r.head), argument(r.tail)))
        for r in annotation.relations
    ]


def relations_document(gold: Annotation, predicted: Annotation) -> RelationScores:
    """Relation scores of one document."""
    pairs, missed, spurious = match_by_key(_keyed(gold, True), _keyed(predicted, True))
    type_of = {("gold", r.id): r.type for r in gold.relations}
    type_of.update({("predicted", r.id): r.type for r in predicted.relations})
    table: dict[str, list[int]] = {}
    for gold_id, _ in pairs:
        table.setdefault(type_of["gold", gold_id], [0, 0, 0])[0] += 1
    for predicted_id in spurious:
        table.setdefault(type_of["predicted", predicted_id], [0, 0, 0])[1] += 1
    for gold_id in missed:
        table.setdefault(type_of["gold", gold_id], [0, 0, 0])[2] += 1
    boundary_pairs, _, _ = match_by_key(_keyed(gold, False), _keyed(predicted, False))
    n_gold, n_predicted = len(gold.relations), len(predicted.relations)
    return RelationScores(
        strict=TypedCounts({name: Counts(*row) for name, row in sorted(table.items())}),
        boundaries=Counts(
            len(boundary_pairs), n_predicted - len(boundary_pairs), n_gold - len(boundary_pairs)
        ),
        entity=set_counts(
            _entity_relations(gold.relations, gold_entity_keys(gold)),
            _entity_relations(predicted.relations, predicted_entity_keys(gold, predicted)),
        ),
        missed=tuple((gold.doc_id, i) for i in missed),
        spurious=tuple((gold.doc_id, i) for i in spurious),
    )


def _entity_relations(relations: Sequence[Relation], entity_of: Mapping[str, str]) -> set[tuple]:
    return {relation_key(r.type, entity_of[r.head], entity_of[r.tail]) for r in relations}


def summarize_relations(documents: Sequence[RelationScores]) -> RelationScores:
    return RelationScores(
        strict=TypedCounts(add_by_key(d.strict.per_type for d in documents)),
        boundaries=total(d.boundaries for d in documents),
        entity=total(d.entity for d in documents),
        missed=tuple(item for d in documents for item in d.missed),
        spurious=tuple(item for d in documents for item in d.spurious),
    )
