"""Pairing gold and predicted items: by equal keys, one-to-one by score, mentions to entities;
the key of a typed link between two items."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable

from corpus.schema import Annotation


def match_by_key(
    gold: Iterable[tuple[str, Hashable]], predicted: Iterable[tuple[str, Hashable]]
) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """Pair ``(id, key)`` items with equal keys, each used once (a multiset intersection).

    Returns the ``(gold_id, predicted_id)`` pairs, the unpaired gold ids (missed) and the
    unpaired predicted ids (spurious), in input order.
    """
    waiting: dict[Hashable, list[str]] = defaultdict(list)
    gold_order = []
    for gold_id, key in gold:
        waiting[key].append(gold_id)
        gold_order.append(gold_id)
    pairs, spurious = [], []
    for predicted_id, key in predicted:
        if waiting.get(key):
            pairs.append((waiting[key].pop(0), predicted_id))
        else:
            spurious.append(predicted_id)
    paired = {gold_id for gold_id, _ in pairs}
    return pairs, [gold_id for gold_id in gold_order if gold_id not in paired], spurious


def link_key(link_type: str, one: Hashable, other: Hashable, symmetric: bool) -> tuple:
    """``(type, one, other)`` of a link between two items (a relation, a claim link); for a
    ``symmetric`` type the two ends in one fixed order (by ``repr``: any hashable ends), so that
    both directions give the same key."""
    if symmetric:
        one, other = sorted((one, other), key=repr)
    return link_type, one, other


def greedy_one_to_one(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of ``(score, gold_index, predicted_index)`` candidates.

    Highest score first (ties: lower gold index, then lower predicted index); a pair is taken
    when neither side is taken yet.
    """
    taken_gold, taken_predicted, pairs = set(), set(), []
    for _, gold_index, predicted_index in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gold_index not in taken_gold and predicted_index not in taken_predicted:
            taken_gold.add(gold_index)
            taken_predicted.add(predicted_index)
            pairs.append((gold_index, predicted_index))
    return pairs


def gold_entity_keys(gold: Annotation) -> dict[str, str]:
    """Gold mention id -> entity key (its entity id, or the mention itself when it has none)."""
    return {m.id: f"gold:{m.entity or m.id}" for m in gold.mentions}


def predicted_entity_keys(gold: Annotation, predicted: Annotation) -> dict[str, str]:
    """Predicted mention id -> entity key.

    A predicted mention whose span equals a gold mention's takes that mention's gold entity;
    any other is an entity of its own, which no gold entity equals.
    """
    gold_keys = gold_entity_keys(gold)
    by_span: dict[tuple[int, int], str] = {}
    for m in gold.mentions:
        by_span.setdefault((m.start, m.end), gold_keys[m.id])
    return {m.id: by_span.get((m.start, m.end), f"predicted:{m.id}") for m in predicted.mentions}
