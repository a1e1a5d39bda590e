"""A canonical ``Annotation`` as Label Studio result items (``annotation.decode`` goes back).

Encoding (the names come from ``annotation.config``):

- a mention is a ``mention`` region whose id is the mention id, with its kind as a per-region
  ``mention_kind`` choice;
- its entity is the per-region ``entity`` text, the entity's name: mentions with the same text
  form one entity. A mention alone in its entity and named by its own text leaves it empty (an
  empty field means "this mention alone", named by its text), and so does a mention without an
  entity: it comes back as an entity of its own (guidelines 2.3: every mention has one). When
  two entities share a name, the later ones get `` #2``, `` #3`` after it (``ENTITY_SUFFIX``);
- a claim is a ``CONTENT`` region whose id is the claim id, with its four attributes as
  per-region choices; its cue is a ``CUE`` region ``<claim id>-cue`` linked CUE_OF -> content;
  sources are SOURCE links mention -> content; the parent a NESTED_IN link content -> parent;
- relations and claim links are Label Studio relations between those regions (Label Studio
  keeps no id for them and one link per ordered pair of regions: pull numbers them in text
  order).

Offsets: Label Studio 1.23 stores ``Text`` spans as code-point offsets into the task text,
``\\r\\n`` counting as two (checked in the browser by ``tests/annotation/test_browser.py``),
which are Python ``str`` indices: no conversion.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from annotation.config import (
    CLAIM,
    CONTENT,
    CUE,
    CUE_OF,
    ENTITY,
    MENTION,
    MENTION_KIND,
    NESTED_IN,
    SOURCE,
    TEXT,
    claim_attribute_control,
)
from corpus.schema import CLAIM_ATTRIBUTES, Annotation, Mention, SchemaError, Span

CUE_SUFFIX = "-cue"
# Label Studio colours a region by a CSS class built from its id: a "." or ":" in it loses the
# colour (the region is drawn blank), so ids are letters, digits, "_" and "-".
REGION_ID = re.compile(r"[A-Za-z0-9_-]+")
ENTITY_SUFFIX = re.compile(r" #(\d+)$")  # "Kim #2": a second entity named "Kim"
ATTRIBUTE_OF_CONTROL: dict[str, str] = {claim_attribute_control(a): a for a in CLAIM_ATTRIBUTES}
# Per-region control -> its result type.
PER_REGION_CONTROLS: dict[str, str] = {
    MENTION_KIND: "choices",
    ENTITY: "textarea",
    **{control: "choices" for control in ATTRIBUTE_OF_CONTROL},
}


class ConversionError(SchemaError):
    """Results that cannot be converted; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _region(region_id: str, control: str, span: Span, text: str, label: str) -> dict[str, Any]:
    value = {"start": span.start, "end": span.end, "text": text[span.start : span.end]}
    return {
        "id": region_id,
        "from_name": control,
        "to_name": TEXT,
        "type": "labels",
        "value": {**value, "labels": [label]},
    }


def _per_region(region_id: str, control: str, span: Span, value: str) -> dict[str, Any]:
    kind = PER_REGION_CONTROLS[control]
    key = "choices" if kind == "choices" else "text"
    return {
        "id": region_id,
        "from_name": control,
        "to_name": TEXT,
        "type": kind,
        "value": {"start": span.start, "end": span.end, key: [value]},
    }


def _link(source: str, target: str, label: str) -> dict[str, Any]:
    return {
        "from_id": source,
        "to_id": target,
        "type": "relation",
        "direction": "right",
        "labels": [label],
    }


def entity_fields(annotation: Annotation, text: str) -> dict[str, str]:
    """Mention id -> the text of its ``entity`` field (mentions that leave it empty are absent)."""
    where = annotation.doc_id
    members: dict[str, list[Mention]] = {entity.id: [] for entity in annotation.entities}
    for mention in annotation.mentions:
        if mention.entity is not None:
            if mention.entity not in members:
                raise ConversionError([f"{where}: mention {mention.id}: unknown entity"])
            members[mention.entity].append(mention)
    fields: dict[str, str] = {}
    named = Counter[str]()
    for entity in annotation.entities:
        chain = members[entity.id]
        if not chain:
            raise ConversionError([f"{where}: entity {entity.id}: has no mention"])
        if ENTITY_SUFFIX.search(entity.name):
            raise ConversionError(
                [
                    f"{where}: entity {entity.id}: a name ending like {entity.name!r} reads as a "
                    "numbered duplicate in Label Studio"
                ]
            )
        if len(chain) == 1 and entity.name == text[chain[0].start : chain[0].end]:
            continue
        named[entity.name] += 1
        value = entity.name + (f" #{named[entity.name]}" if named[entity.name] > 1 else "")
        fields.update((mention.id, value) for mention in chain)
    return fields


def annotation_to_results(annotation: Annotation, text: str) -> list[dict[str, Any]]:
    """Label Studio result items holding every layer of ``annotation`` over ``text``."""
    _check_region_ids(annotation)
    fields = entity_fields(annotation, text)
    results: list[dict[str, Any]] = []
    for mention in annotation.mentions:
        results.append(_region(mention.id, MENTION, mention.span, text, mention.type))
        results.append(_per_region(mention.id, MENTION_KIND, mention.span, mention.kind))
        if mention.id in fields:
            results.append(_per_region(mention.id, ENTITY, mention.span, fields[mention.id]))
    for relation in annotation.relations:
        results.append(_link(relation.head, relation.tail, relation.type))
    for claim in annotation.claims:
        results.append(_region(claim.id, CLAIM, claim.content, text, CONTENT))
        for control, attribute in ATTRIBUTE_OF_CONTROL.items():
            value = claim.attribute(attribute)
            results.append(_per_region(claim.id, control, claim.content, value))
        if claim.cue is not None:
            cue_id = claim.id + CUE_SUFFIX
            results.append(_region(cue_id, CLAIM, claim.cue, text, CUE))
            results.append(_link(cue_id, claim.id, CUE_OF))
        results.extend(_link(source, claim.id, SOURCE) for source in claim.sources)
        if claim.parent is not None:
            results.append(_link(claim.id, claim.parent, NESTED_IN))
    results.extend(_link(link.source, link.target, link.type) for link in annotation.claim_links)
    _check_one_link_per_pair(annotation.doc_id, results)
    return results


def _check_region_ids(annotation: Annotation) -> None:
    """Mention ids, claim ids and cue ids share one namespace in Label Studio, and name CSS."""
    region_ids = [m.id for m in annotation.mentions] + [c.id for c in annotation.claims]
    region_ids += [c.id + CUE_SUFFIX for c in annotation.claims if c.cue is not None]
    twice = sorted(region_id for region_id, n in Counter(region_ids).items() if n > 1)
    problems = [
        f"{annotation.doc_id}: region id {region_id!r} is used twice (mention, claim and cue ids "
        "must be distinct)"
        for region_id in twice
    ]
    problems += [
        f"{annotation.doc_id}: region id {region_id!r}: Label Studio needs letters, digits, "
        "'_' and '-' only"
        for region_id in region_ids
        if not REGION_ID.fullmatch(region_id)
    ]
    if problems:
        raise ConversionError(problems)


def _check_one_link_per_pair(doc_id: str, results: list[dict[str, Any]]) -> None:
    """Label Studio's editor keeps one link per ordered pair of regions and drops the rest."""
    pairs = Counter((r["from_id"], r["to_id"]) for r in results if r["type"] == "relation")
    twice = sorted(pair for pair, n in pairs.items() if n > 1)
    if twice:
        raise ConversionError(
            [
                f"{doc_id}: {source} -> {target}: two links between the same regions (Label "
                "Studio keeps one)"
                for source, target in twice
            ]
        )
