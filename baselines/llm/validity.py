"""What is left out of a model's answer: each item as a :class:`Drop`, and what the validator
rejects once a document is built (:func:`valid_part`), so that a prediction always passes
``corpus.validate.check_annotation``, the one place the rules of a valid annotation live."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from corpus.schema import Annotation, Article, Claim, ClaimLink, Mention, Relation
from corpus.validate import check_annotation


@dataclass(frozen=True)
class Drop:
    """Something of an answer left out (or changed): the layer, why (counted by ``key``) and
    what, for its one line."""

    layer: str
    reason: str
    detail: str

    @property
    def key(self) -> str:
        return f"{self.layer}: {self.reason}"

    def __str__(self) -> str:
        return f"{self.layer}: {self.reason}: {self.detail}"


NOT_FOUND = "not in the passage"  # the reason of an unplaced span


# How the validator names an item of each layer it may reject -> the layer of its drops.
DROPPABLE: dict[str, str] = {
    "mention": "mentions",
    "relation": "relations",
    "claim": "claims",
    "claim link": "claim links",
}

Item = TypeVar("Item", Mention, Relation, Claim, ClaimLink)


def valid_part(annotation: Annotation, article: Article) -> tuple[Annotation, list[Drop]]:
    """``annotation`` without the items ``check_annotation`` rejects and without what refers
    to them (a relation to a dropped mention, a source or parent reference cut from a claim, a
    link to a dropped claim), until the validator finds nothing; and the drops."""
    drops: list[Drop] = []
    while problems := check_annotation(annotation, article, "prediction"):
        rejected = {problem.item for problem in problems}  # as "mention m3"
        for problem in problems:
            noun = problem.item.rpartition(" ")[0]
            if noun not in DROPPABLE:
                raise ValueError(f"cannot drop {problem.item!r} of a draft: {problem.message}")
            drops.append(Drop(DROPPABLE[noun], "invalid", f"{problem.item}: {problem.message}"))
        annotation = _without(annotation, rejected, drops)
    return annotation, drops


def _kept(
    items: tuple[Item, ...],
    noun: str,
    rejected: set[str],
    drops: list[Drop],
    refers_to_kept: Callable[[Item], bool] = lambda item: True,
) -> tuple[Item, ...]:
    """The ``items`` not rejected whose references are kept (the others are drops)."""
    kept = []
    for item in items:
        if f"{noun} {item.id}" in rejected:
            continue
        if refers_to_kept(item):
            kept.append(item)
        else:
            drops.append(Drop(DROPPABLE[noun], "refers to a dropped item", f"{noun} {item.id}"))
    return tuple(kept)


def _without(annotation: Annotation, rejected: set[str], drops: list[Drop]) -> Annotation:
    mentions = _kept(annotation.mentions, "mention", rejected, drops)
    mention_ids = {m.id for m in mentions}
    relations = _kept(
        annotation.relations, "relation", rejected, drops, lambda r: {r.head, r.tail} <= mention_ids
    )
    claims = _kept(annotation.claims, "claim", rejected, drops)
    claim_ids = {c.id for c in claims}
    links = _kept(
        annotation.claim_links,
        "claim link",
        rejected,
        drops,
        lambda link: {link.source, link.target} <= claim_ids,
    )
    cut = []
    for claim in claims:
        sources = tuple(source for source in claim.sources if source in mention_ids)
        parent = claim.parent if claim.parent in claim_ids else None
        for layer, lost in (
            ("claim sources", len(claim.sources) - len(sources)),
            ("claim parents", claim.parent != parent),
        ):
            drops += [Drop(layer, "refers to a dropped item", f"claim {claim.id}")] * lost
        cut.append(replace(claim, sources=sources, parent=parent))
    entity_ids = {m.entity for m in mentions}
    return replace(
        annotation,
        mentions=mentions,
        entities=tuple(e for e in annotation.entities if e.id in entity_ids),
        relations=relations,
        claims=tuple(cut),
        claim_links=links,
    )
