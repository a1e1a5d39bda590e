"""Label Studio result items -> a canonical ``Annotation``, or every problem, named for people.

The reverse of ``annotation.convert`` (whose docstring gives the encoding). Nothing is
guessed: a mention without a kind, a link without a label, a relation between mentions of
types it does not accept, a cue linked to no content are problems, never defaults. Unset claim
attributes take the schema's defaults (``corpus.schema.default_claim_attribute``).

Problems are one line each (``annotation.results``); all problems of a document are reported
together, and there is no annotation unless there is none. Ids are renumbered in text order
(``corpus.canonical``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from annotation.config import CONTENT, CUE, CUE_OF, ENTITY, MENTION_KIND, NESTED_IN, SOURCE
from annotation.convert import ATTRIBUTE_OF_CONTROL, ENTITY_SUFFIX, ConversionError
from annotation.results import ResultReader
from corpus.canonical import canonical
from corpus.schema import (
    CLAIM_LINK_TYPES,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    Annotation,
    Claim,
    ClaimLink,
    Entity,
    Mention,
    Relation,
    default_claim_attribute,
)
from corpus.text import text_sha256


def _link_ends(reader: ResultReader, label: str) -> list[tuple[str, str]]:
    return [(link.source, link.target) for link in reader.links if link.label == label]


def _mentions(reader: ResultReader) -> tuple[list[Mention], list[Entity]]:
    """The mentions with their entities: one per ``entity`` text, one per empty field."""
    mention_ids = [r.id for r in reader.regions.values() if r.label in MENTION_TYPES]
    mention_ids.sort(key=lambda m: (reader.regions[m].span.start, -reader.regions[m].span.end))
    members: dict[tuple[str, str], list[str]] = defaultdict(list)  # (field or "", id) -> ids
    for mention_id in mention_ids:
        field = reader.values.get((mention_id, ENTITY))
        members[(field, "") if field else ("", mention_id)].append(mention_id)
    entity_of: dict[str, str] = {}
    entities = []
    for number, ((field, _), ids) in enumerate(members.items(), 1):
        texts = [reader.surface(m) for m in ids]
        name = ENTITY_SUFFIX.sub("", field) if field else texts[0]
        if name not in texts:
            reader.problem(
                f"entity {field!r} ({', '.join(reader.name(m) for m in ids)}): its name is not "
                "the text of any of its mentions; type it as one of them reads (its first name)"
            )
        entities.append(Entity(f"e{number}", name))
        entity_of.update((m, f"e{number}") for m in ids)
    mentions = []
    for mention_id in mention_ids:
        region = reader.regions[mention_id]
        kind = reader.values.get((mention_id, MENTION_KIND))
        if kind is None:
            *others, last = MENTION_KINDS
            reader.problem(
                f"{reader.name(mention_id)}: no kind; select it and choose "
                f"{', '.join(others)} or {last}"
            )
            continue
        start, end, type_ = region.span.start, region.span.end, region.label
        entity, surface = entity_of[mention_id], reader.surface(mention_id)
        mentions.append(Mention(mention_id, start, end, type_, kind, entity, surface))
    return mentions, entities


def _claims(reader: ResultReader) -> list[Claim]:
    """The claims, their cue, sources and parent checked (one cue, one parent, no cycle)."""
    cue_of: dict[str, list[str]] = defaultdict(list)
    for cue, content in _link_ends(reader, CUE_OF):
        cue_of[content].append(cue)
    linked = {cue for cues in cue_of.values() for cue in cues}
    for region in reader.regions.values():
        if region.label == CUE and region.id not in linked:
            reader.problem(
                f"{reader.name(region.id)}: a cue linked to no content; draw {CUE_OF} from it "
                "to its CONTENT, or delete it"
            )
    parent: dict[str, list[str]] = defaultdict(list)
    for inner, outer in _link_ends(reader, NESTED_IN):
        parent[inner].append(outer)
    sources: dict[str, list[str]] = defaultdict(list)
    for mention, content in _link_ends(reader, SOURCE):
        sources[content].append(mention)
    claims = []
    for content in (r.id for r in reader.regions.values() if r.label == CONTENT):
        for what, found in (("cues", cue_of[content]), ("parents", parent[content])):
            if len(found) > 1:
                names = ", ".join(reader.name(r) for r in found)
                reader.problem(f"{reader.name(content)}: {len(found)} {what} ({names}); keep one")
        claims.append(
            Claim(
                id=content,
                content=reader.regions[content].span,
                cue=reader.regions[cue_of[content][0]].span if cue_of[content] else None,
                sources=tuple(sources[content]),
                parent=parent[content][0] if parent[content] else None,
                **{
                    attribute: reader.values.get((content, control))
                    or default_claim_attribute(attribute)
                    for control, attribute in ATTRIBUTE_OF_CONTROL.items()
                },
            )
        )
    _check_nesting(reader, {claim.id: claim.parent for claim in claims})
    return claims


def _check_nesting(reader: ResultReader, parents: dict[str, str | None]) -> None:
    """Report each cycle of NESTED_IN links once."""
    reported: set[str] = set()
    for start in parents:
        chain, current = [], start
        while current is not None and current not in chain and current not in reported:
            chain.append(current)
            current = parents.get(current)
        if current in chain:
            cycle = chain[chain.index(current) :]
            reported.update(cycle)
            names = " -> ".join(reader.name(c) for c in [*cycle, current])
            reader.problem(f"{NESTED_IN} links form a cycle: {names}; delete one")
        reported.update(chain)


def _links(reader: ResultReader, types: Iterable[str]) -> list[tuple[str, str, str]]:
    wanted = set(types)
    return [(k.label, k.source, k.target) for k in reader.links if k.label in wanted]


def results_to_annotation(results: list[Any], text: str, doc_id: str) -> Annotation:
    """The canonical annotation held by Label Studio ``results`` over ``text``.

    Raises ``ConversionError`` with one line per problem when there is any.
    """
    reader = ResultReader(text, doc_id)
    if not isinstance(results, list):
        raise ConversionError([f"{doc_id}: results are not a list"])
    reader.read(results)
    mentions, entities = _mentions(reader)
    claims = _claims(reader)
    if reader.problems:
        raise ConversionError(reader.problems)
    relations = [
        Relation(f"r{n}", label, head, tail)
        for n, (label, head, tail) in enumerate(_links(reader, RELATION_TYPES), 1)
    ]
    claim_links = [
        ClaimLink(f"l{n}", label, source, target)
        for n, (label, source, target) in enumerate(_links(reader, CLAIM_LINK_TYPES), 1)
    ]
    return canonical(
        Annotation(
            doc_id=doc_id,
            text_sha256=text_sha256(text),
            mentions=tuple(mentions),
            entities=tuple(entities),
            relations=tuple(relations),
            claims=tuple(claims),
            claim_links=tuple(claim_links),
        )
    )
