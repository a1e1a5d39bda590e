"""Claim metrics: content, cue, source, full attribution, attributes, nesting and links.

Token overlap of two contents is their token Dice coefficient, 2·|G ∩ P| / (|G| + |P|), over
the tokens (``corpus.text``) each span touches. Claims are **matched** one-to-one, greedily by
overlap (highest first; ties by gold, then predicted order), among pairs with overlap ≥ 0.5.

- ``content_exact``: content spans compared as multisets;
- ``content_tokens``: token-level P/R/F1: tp = Σ |G ∩ P| over matched claims, fp = predicted
  content tokens - tp, fn = gold content tokens - tp;
- ``cue``: cue spans compared as multisets;
- ``source_mention`` / ``source_entity``: tp = shared source spans / entities of matched claims,
  fp and fn = the other sources of all predicted / gold claims (a predicted source takes the
  entity of the gold mention with the same span, else it is an entity of its own);
- ``attribution``: a predicted claim is right when its source entities and cue equal a gold
  claim's and the contents overlap ≥ 0.5; matched one-to-one, greedily by overlap;
- ``stance``, ``certainty``, ``kind``, ``quote``: scikit-learn on matched claims
  (``classification_report`` over the labels that occur, macro F1, accuracy, and a confusion
  matrix with rows = gold and columns = predicted in the order of ``CLAIM_ATTRIBUTES``);
- ``parent``: accuracy over matched gold claims that have a parent: the predicted parent must
  be the claim matched to the gold parent;
- ``links``: ``(type, from, to)`` sets with predicted claims renamed to their matched gold
  claims (an unmatched one matches nothing); CONTRADICTS is order-free.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from sklearn.metrics import classification_report, confusion_matrix

from benchmarks.metrics.counts import Counts, ratio, set_counts, total
from benchmarks.metrics.matching import (
    gold_entity_keys,
    greedy_one_to_one,
    link_key,
    match_by_key,
    predicted_entity_keys,
)
from benchmarks.metrics.token_index import TokenIndex
from corpus.schema import CLAIM_ATTRIBUTES, CLAIM_LINK_TYPES, Annotation, Claim, Span

MATCH_OVERLAP = 0.5

COUNT_METRICS: tuple[str, ...] = (
    "content_exact",
    "content_tokens",
    "cue",
    "source_mention",
    "source_entity",
    "attribution",
    "links",
)


@dataclass(frozen=True)
class ClaimScores:
    """Claim scores of one document or of several (summed)."""

    counts: dict[str, Counts]  # one per COUNT_METRICS
    attributes: dict[str, tuple[tuple[str, str], ...]]  # name -> (gold, predicted) of matches
    parent_correct: int
    parent_total: int
    missed: tuple[tuple[str, str], ...]  # (doc_id, gold claim id) without full attribution
    spurious: tuple[tuple[str, str], ...]  # (doc_id, predicted claim id) likewise

    @property
    def parent_accuracy(self) -> float:
        return ratio(self.parent_correct, self.parent_total)

    def to_dict(self) -> dict:
        return {
            **{name: self.counts[name].to_dict() for name in COUNT_METRICS},
            "attributes": {
                name: attribute_report(name, pairs) for name, pairs in self.attributes.items()
            },
            "parent": {
                "correct": self.parent_correct,
                "total": self.parent_total,
                "accuracy": self.parent_accuracy,
            },
            "missed": [{"doc_id": d, "id": i} for d, i in self.missed],
            "spurious": [{"doc_id": d, "id": i} for d, i in self.spurious],
        }


def attribute_report(name: str, pairs: Sequence[tuple[str, str]]) -> dict:
    """scikit-learn's report of one claim attribute on matched claims."""
    order = CLAIM_ATTRIBUTES[name]
    gold = [g for g, _ in pairs]
    predicted = [p for _, p in pairs]
    if not pairs:
        empty = [[0] * len(order) for _ in order]
        return {
            "matched": 0,
            "accuracy": 0.0,
            "macro_f1": 0.0,
            "report": {},
            "labels": list(order),
            "confusion": empty,
        }
    present = [label for label in order if label in set(gold) | set(predicted)]
    report = classification_report(
        gold, predicted, labels=present, output_dict=True, zero_division=0
    )
    return {
        "matched": len(pairs),
        "accuracy": ratio(sum(g == p for g, p in pairs), len(pairs)),
        "macro_f1": report["macro avg"]["f1-score"],
        "report": report,
        "labels": list(order),
        "confusion": confusion_matrix(gold, predicted, labels=list(order)).tolist(),
    }


def claims_document(gold: Annotation, predicted: Annotation, index: TokenIndex) -> ClaimScores:
    """Claim scores of one document; ``index`` holds the tokens of its text."""
    gold_claims, predicted_claims = gold.claims, predicted.claims
    overlaps = {
        (i, j): index.overlap(g.content, p.content)
        for i, g in enumerate(gold_claims)
        for j, p in enumerate(predicted_claims)
    }
    matched = greedy_one_to_one(
        (dice, i, j) for (i, j), (_, dice) in overlaps.items() if dice >= MATCH_OVERLAP
    )
    gold_mentions = {m.id: m for m in gold.mentions}
    predicted_mentions = {m.id: m for m in predicted.mentions}
    gold_entity, predicted_entity = gold_entity_keys(gold), predicted_entity_keys(gold, predicted)

    def spans(claim: Claim, mentions: Mapping) -> set[tuple[int, int]]:
        return {(mentions[s].start, mentions[s].end) for s in claim.sources}

    gold_spans = [spans(c, gold_mentions) for c in gold_claims]
    predicted_spans = [spans(c, predicted_mentions) for c in predicted_claims]
    gold_entities = [{gold_entity[s] for s in c.sources} for c in gold_claims]
    predicted_entities = [{predicted_entity[s] for s in c.sources} for c in predicted_claims]

    attributed = greedy_one_to_one(
        (overlaps[i, j][1], i, j)
        for i, g in enumerate(gold_claims)
        for j, p in enumerate(predicted_claims)
        if overlaps[i, j][1] >= MATCH_OVERLAP
        and g.cue == p.cue
        and gold_entities[i] == predicted_entities[j]
    )
    gold_of = {predicted_claims[j].id: gold_claims[i].id for i, j in matched}
    parents = [
        gold_of.get(predicted_claims[j].parent) == gold_claims[i].parent
        for i, j in matched
        if gold_claims[i].parent is not None
    ]
    counts = {
        "content_exact": _multiset(
            [(c.id, c.content) for c in gold_claims], [(c.id, c.content) for c in predicted_claims]
        ),
        "content_tokens": _token_counts(gold_claims, predicted_claims, matched, overlaps, index),
        "cue": _multiset(
            [(c.id, c.cue) for c in gold_claims if c.cue],
            [(c.id, c.cue) for c in predicted_claims if c.cue],
        ),
        "source_mention": _source_counts(gold_spans, predicted_spans, matched),
        "source_entity": _source_counts(gold_entities, predicted_entities, matched),
        "attribution": Counts(
            len(attributed),
            len(predicted_claims) - len(attributed),
            len(gold_claims) - len(attributed),
        ),
        "links": set_counts(
            {claim_link_key(link.type, link.source, link.target) for link in gold.claim_links},
            {
                claim_link_key(
                    link.type,
                    gold_of.get(link.source, f"predicted:{link.source}"),
                    gold_of.get(link.target, f"predicted:{link.target}"),
                )
                for link in predicted.claim_links
            },
        ),
    }
    attributed_gold = {i for i, _ in attributed}
    attributed_predicted = {j for _, j in attributed}
    return ClaimScores(
        counts=counts,
        attributes={
            name: tuple(
                (gold_claims[i].attribute(name), predicted_claims[j].attribute(name))
                for i, j in matched
            )
            for name in CLAIM_ATTRIBUTES
        },
        parent_correct=sum(parents),
        parent_total=len(parents),
        missed=tuple(
            (gold.doc_id, c.id) for i, c in enumerate(gold_claims) if i not in attributed_gold
        ),
        spurious=tuple(
            (gold.doc_id, c.id)
            for j, c in enumerate(predicted_claims)
            if j not in attributed_predicted
        ),
    )


def _multiset(gold: list[tuple[str, Span]], predicted: list[tuple[str, Span]]) -> Counts:
    pairs, missed, spurious = match_by_key(gold, predicted)
    return Counts(len(pairs), len(spurious), len(missed))


def _token_counts(
    gold: Sequence[Claim],
    predicted: Sequence[Claim],
    matched: list[tuple[int, int]],
    overlaps: Mapping[tuple[int, int], tuple[int, float]],
    index: TokenIndex,
) -> Counts:
    def length(claim: Claim) -> int:
        start, end = index.token_range(claim.content)
        return end - start

    tp = sum(overlaps[pair][0] for pair in matched)
    return Counts(tp, sum(map(length, predicted)) - tp, sum(map(length, gold)) - tp)


def _source_counts(
    gold: Sequence[set], predicted: Sequence[set], matched: list[tuple[int, int]]
) -> Counts:
    tp = sum(len(gold[i] & predicted[j]) for i, j in matched)
    return Counts(tp, sum(map(len, predicted)) - tp, sum(map(len, gold)) - tp)


def claim_link_key(link_type: str, source: Hashable, target: Hashable) -> tuple:
    """``(type, from, to)``, order-free when the type is symmetric."""
    return link_key(link_type, source, target, CLAIM_LINK_TYPES[link_type])


def summarize_claims(documents: Sequence[ClaimScores]) -> ClaimScores:
    return ClaimScores(
        counts={name: total(d.counts[name] for d in documents) for name in COUNT_METRICS},
        attributes={
            name: tuple(pair for d in documents for pair in d.attributes[name])
            for name in CLAIM_ATTRIBUTES
        },
        parent_correct=sum(d.parent_correct for d in documents),
        parent_total=sum(d.parent_total for d in documents),
        missed=tuple(item for d in documents for item in d.missed),
        spurious=tuple(item for d in documents for item in d.spurious),
    )
