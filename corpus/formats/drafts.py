"""An imported document before it joins the corpus, and placing its items.

An importer turns each document into a :class:`Draft`: its article, the annotation read from
the input (ids of the input where it has them) and where each item came from. ``place`` keeps
what the corpus accepts: every item that ``corpus.validate.check_annotation`` finds a problem
with (a name off the text layer's tokens or across a sentence, overlapping names, a relation
whose argument types do not fit, a claim whose source was not placed…) is left out and
reported as a :class:`Finding`, never moved; then ids are numbered in text order
(``corpus.canonical``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from corpus.canonical import canonical
from corpus.readers import Incoming
from corpus.schema import Annotation, Entity, Mention
from corpus.validate import ITEM_NOUNS, check_annotation

LAYER_OF_NOUN: dict[str, str] = {noun: layer for layer, noun in ITEM_NOUNS.items()}


class Origin(NamedTuple):
    """Where an item of the input is: its file, line and how the input names it."""

    path: str
    line: int
    item: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.item}"


@dataclass(frozen=True)
class Finding:
    """What happened to one item of the input: where it is and why it was not placed (or how
    it was changed, for an item ``placed`` all the same)."""

    origin: Origin
    message: str
    placed: bool = False

    def __str__(self) -> str:
        status = "placed" if self.placed else "not placed"
        return f"{self.origin}: {status}: {self.message}"


@dataclass(frozen=True)
class Draft:
    """One imported document: its article, its annotation as read, the origin of each item
    (by ``"<noun> <id>"``, as validation names items) and what was found while reading."""

    incoming: Incoming
    annotation: Annotation
    origins: dict[str, Origin]
    findings: tuple[Finding, ...] = ()


def name_entities(mentions: Iterable[Mention]) -> tuple[Entity, ...]:
    """One entity per entity id of ``mentions``, named by guidelines §2.3: the text of its
    first NAM mention, or of its first mention when it has none."""
    named: dict[str, Mention] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if mention.entity is None:
            continue
        first = named.get(mention.entity)
        if first is None or (first.kind != "NAM" and mention.kind == "NAM"):
            named[mention.entity] = mention
    return tuple(Entity(entity_id, named[entity_id].text or "") for entity_id in sorted(named))


def place(draft: Draft) -> tuple[Annotation, list[Finding]]:
    """The draft's annotation without the items the corpus does not accept, ids in text order,
    and the findings (the draft's own and one per item left out) in the input's order."""
    article, annotation = draft.incoming.article, draft.annotation
    findings = list(draft.findings)
    while problems := check_annotation(annotation, article, draft.incoming.origin):
        dropped: dict[str, set[str]] = {}
        for problem in problems:
            noun, _, item_id = problem.item.rpartition(" ")
            if noun not in LAYER_OF_NOUN:  # not an item of the input: a bug of the importer
                raise AssertionError(f"import made an invalid annotation: {problem}")
            dropped.setdefault(LAYER_OF_NOUN[noun], set()).add(item_id)
            origin = draft.origins.get(problem.item, Origin(draft.incoming.origin, 0, problem.item))
            findings.append(Finding(origin, problem.message))
        kept = {
            layer: tuple(item for item in annotation.layer(layer) if item.id not in ids)
            for layer, ids in dropped.items()
        }
        annotation = replace(annotation, **kept)
        annotation = replace(annotation, entities=name_entities(annotation.mentions))
    unique = dict.fromkeys(findings)  # a claim part two claims share is reported once
    return canonical(annotation), sorted(unique, key=lambda finding: finding.origin)
