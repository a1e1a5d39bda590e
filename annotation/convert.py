"""Exact conversion between a canonical ``Annotation`` and Label Studio result items.

Encoding (the names come from ``annotation.config``):

- a mention is a ``mention`` region whose id is the mention id; its kind is a per-region
  ``mention_kind`` choice;
- an entity is a COREF chain (each later mention -> the previous mention of the entity); the
  first mention carries the entity's id and name as per-region ``entity_id``/``entity_name``
  text. A cluster drawn in the browser without them gets the id ``e-<first mention id>`` and
  the first mention's text as its name; a mention outside any chain has no entity;
- a claim is a ``CONTENT`` region whose id is the claim id, with its attributes as per-region
  choices (absent choices take the schema's defaults); its cue is a ``CUE`` region
  ``<claim id>.cue`` linked CUE_OF -> content; sources are SOURCE links mention -> content, in
  order; the parent is a NESTED_IN link content -> parent content;
- relations and claim links are Label Studio relations; the canonical id rides along as ``id``
  (relations drawn in the browser have none and get ``<type>:<head>:<tail>``).

Item order is kept: layers come back in the order their items appear in the results.

Offsets: Label Studio 1.23 stores ``Text`` spans as code-point offsets into the task text,
``\\r\\n`` counting as two (checked in the browser by ``tests/annotation/test_browser.py``),
which are Python ``str`` indices: no conversion, but every region's ``text`` is checked
against the article.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotation.config import (
    CLAIM,
    CONTENT,
    COREF,
    CUE,
    CUE_OF,
    ENTITY_ID,
    ENTITY_NAME,
    MENTION,
    MENTION_KIND,
    NESTED_IN,
    SOURCE,
    TEXT,
    claim_attribute_control,
)
from corpus.schema import (
    CLAIM_ATTRIBUTES,
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
    SchemaError,
    Span,
)
from corpus.text import text_sha256

CUE_SUFFIX = ".cue"
ATTRIBUTE_OF_CONTROL: dict[str, str] = {claim_attribute_control(a): a for a in CLAIM_ATTRIBUTES}
PER_REGION_CONTROLS: dict[str, str] = {
    MENTION_KIND: "choices",
    ENTITY_ID: "textarea",
    ENTITY_NAME: "textarea",
    **{control: "choices" for control in ATTRIBUTE_OF_CONTROL},
}


class ConversionError(SchemaError):
    """Label Studio results that cannot be turned into an annotation; names the region."""


# --- canonical -> Label Studio ----------------------------------------------------------------


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


def _link(source: str, target: str, label: str, link_id: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"from_id": source, "to_id": target, "type": "relation"}
    if link_id is not None:
        item["id"] = link_id
    return {**item, "direction": "right", "labels": [label]}


def annotation_to_results(annotation: Annotation, text: str) -> list[dict[str, Any]]:
    """Label Studio result items holding every layer of ``annotation`` over ``text``."""
    where = f"{annotation.doc_id}"
    _check_region_ids(annotation)
    results: list[dict[str, Any]] = []
    for mention in annotation.mentions:
        results.append(_region(mention.id, MENTION, mention.span, text, mention.type))
        results.append(_per_region(mention.id, MENTION_KIND, mention.span, mention.kind))

    members: dict[str, list[Mention]] = {entity.id: [] for entity in annotation.entities}
    for mention in annotation.mentions:
        if mention.entity is not None:
            if mention.entity not in members:
                raise ConversionError(
                    f"{where}: mention {mention.id}: unknown entity {mention.entity!r}"
                )
            members[mention.entity].append(mention)
    for entity in annotation.entities:
        chain = members[entity.id]
        if not chain:
            raise ConversionError(f"{where}: entity {entity.id}: has no mention")
        first = chain[0]
        results.append(_per_region(first.id, ENTITY_ID, first.span, entity.id))
        results.append(_per_region(first.id, ENTITY_NAME, first.span, entity.name))
        for antecedent, mention in zip(chain, chain[1:], strict=False):
            results.append(_link(mention.id, antecedent.id, COREF))

    for relation in annotation.relations:
        results.append(_link(relation.head, relation.tail, relation.type, relation.id))

    for claim in annotation.claims:
        results.append(_region(claim.id, CLAIM, claim.content, text, CONTENT))
        for control, attribute in ATTRIBUTE_OF_CONTROL.items():
            value = claim.attribute(attribute)
            results.append(_per_region(claim.id, control, claim.content, value))
        if claim.cue is not None:
            cue_id = claim.id + CUE_SUFFIX
            results.append(_region(cue_id, CLAIM, claim.cue, text, CUE))
            results.append(_link(cue_id, claim.id, CUE_OF))
        for source in claim.sources:
            results.append(_link(source, claim.id, SOURCE))
        if claim.parent is not None:
            results.append(_link(claim.id, claim.parent, NESTED_IN))

    for link in annotation.claim_links:
        results.append(_link(link.source, link.target, link.type, link.id))
    return results


def _check_region_ids(annotation: Annotation) -> None:
    """Mention ids, claim ids and cue ids share one namespace in Label Studio."""
    seen: set[str] = set()
    region_ids = [m.id for m in annotation.mentions] + [c.id for c in annotation.claims]
    region_ids += [c.id + CUE_SUFFIX for c in annotation.claims if c.cue is not None]
    for region_id in region_ids:
        if region_id in seen:
            raise ConversionError(
                f"{annotation.doc_id}: region id {region_id!r} is used twice "
                "(mention, claim and cue ids must be distinct)"
            )
        seen.add(region_id)


# --- Label Studio -> canonical ----------------------------------------------------------------


def _span(item: dict[str, Any], text: str, where: str) -> Span:
    value = item.get("value")
    if not isinstance(value, dict):
        raise ConversionError(f"{where}: no value")
    start, end = value.get("start"), value.get("end")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        raise ConversionError(f"{where}: offsets missing or not integers ({start!r}, {end!r})")
    if not 0 <= start < end <= len(text):
        raise ConversionError(
            f"{where}: offsets [{start}, {end}) out of range for a text of {len(text)} characters"
        )
    return Span(start, end)


def _single(item: dict[str, Any], key: str, known: Iterable[str] | None, where: str) -> str:
    value = item.get("value")
    values = value.get(key) if isinstance(value, dict) else None
    if not isinstance(values, list) or len(values) != 1 or not isinstance(values[0], str):
        raise ConversionError(f"{where}: expected exactly one value in {key!r}, got {values!r}")
    if known is not None and values[0] not in known:
        raise ConversionError(f"{where}: unknown {key[:-1]} {values[0]!r}")
    return values[0]


class _Regions:
    """The regions of one result list, indexed by id, with their per-region values."""

    def __init__(self, results: list[dict[str, Any]], text: str, doc_id: str) -> None:
        self.doc_id, self.text = doc_id, text
        self.spans: dict[str, Span] = {}
        self.labels: dict[str, str] = {}  # region id -> label (a mention type, CONTENT or CUE)
        self.order: list[str] = []  # region ids in the order of their label items
        self.values: dict[tuple[str, str], tuple[int, str]] = {}  # (id, control) -> (pos, value)
        self.links: list[dict[str, Any]] = []
        for position, item in enumerate(results):
            if not isinstance(item, dict):
                raise ConversionError(f"{doc_id}: result {position}: not an object")
            if item.get("type") == "relation":
                self.links.append(item)
                continue
            region_id = item.get("id")
            if not isinstance(region_id, str) or not region_id:
                raise ConversionError(f"{doc_id}: result {position}: region id missing")
            where = f"{doc_id}: region {region_id}"
            control = item.get("from_name")
            if control in (MENTION, CLAIM):
                self._add_region(item, region_id, control, text, where)
            elif control in PER_REGION_CONTROLS:
                key = "choices" if PER_REGION_CONTROLS[control] == "choices" else "text"
                known = MENTION_KINDS if control == MENTION_KIND else None
                if control in ATTRIBUTE_OF_CONTROL:
                    known = CLAIM_ATTRIBUTES[ATTRIBUTE_OF_CONTROL[control]]
                if (region_id, control) in self.values:
                    raise ConversionError(f"{where}: two {control} values")
                value = _single(item, key, known, f"{where}: {control}")
                self.values[region_id, control] = (position, value)
            else:
                raise ConversionError(f"{where}: unknown control {control!r}")
        for region_id, control in self.values:
            allowed = (CONTENT,) if control in ATTRIBUTE_OF_CONTROL else MENTION_TYPES
            if self.labels.get(region_id) not in allowed:
                raise ConversionError(
                    f"{doc_id}: region {region_id}: {control} on a "
                    f"{self.labels.get(region_id, 'missing region')}"
                )

    def _add_region(
        self, item: dict[str, Any], region_id: str, control: str, text: str, where: str
    ) -> None:
        if region_id in self.labels:
            raise ConversionError(f"{where}: region id used twice")
        known = MENTION_TYPES if control == MENTION else (CONTENT, CUE)
        label = _single(item, "labels", known, where)
        span = _span(item, text, where)
        surface = item["value"].get("text")
        if surface is not None and surface != text[span.start : span.end]:
            raise ConversionError(
                f"{where}: region text {surface!r} differs from the article's "
                f"{text[span.start : span.end]!r} at [{span.start}, {span.end})"
            )
        self.spans[region_id], self.labels[region_id] = span, label
        self.order.append(region_id)

    def spans_text(self, region_id: str) -> str:
        span = self.spans[region_id]
        return self.text[span.start : span.end]

    def of_label(self, labels: Iterable[str]) -> list[str]:
        wanted = set(labels)
        return [region_id for region_id in self.order if self.labels[region_id] in wanted]

    def value(self, region_id: str, control: str) -> str | None:
        found = self.values.get((region_id, control))
        return found[1] if found else None

    def check_link(self, item: dict[str, Any], heads: Iterable[str], tails: Iterable[str]):
        """``(from_id, to_id)`` of a link whose ends are regions with the expected labels."""
        label = item["labels"][0]
        source, target = item.get("from_id"), item.get("to_id")
        for end, allowed in ((source, set(heads)), (target, set(tails))):
            if end not in self.labels:
                raise ConversionError(
                    f"{self.doc_id}: {label} link {source} -> {target}: no region {end!r}"
                )
            if self.labels[end] not in allowed:
                raise ConversionError(
                    f"{self.doc_id}: {label} link {source} -> {target}: region {end} is a "
                    f"{self.labels[end]}, expected {' or '.join(sorted(allowed))}"
                )
        return source, target


def results_to_annotation(results: list[dict[str, Any]], text: str, doc_id: str) -> Annotation:
    """The canonical annotation held by Label Studio result items over ``text``."""
    regions = _Regions(results, text, doc_id)
    links: dict[str, list[dict[str, Any]]] = {}
    for item in regions.links:
        labels = item.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            raise ConversionError(
                f"{doc_id}: link {item.get('from_id')} -> {item.get('to_id')}: "
                f"expected exactly one relation label, got {labels!r}"
            )
        if labels[0] not in (*RELATION_TYPES, *CLAIM_LINK_TYPES, SOURCE, CUE_OF, COREF, NESTED_IN):
            raise ConversionError(
                f"{doc_id}: link {item.get('from_id')} -> {item.get('to_id')}: "
                f"unknown relation label {labels[0]!r}"
            )
        links.setdefault(labels[0], []).append(item)

    mention_ids = regions.of_label(MENTION_TYPES)
    entity_of, entities = _entities(regions, mention_ids, links.get(COREF, []))
    mentions = tuple(
        Mention(
            id=mention_id,
            start=regions.spans[mention_id].start,
            end=regions.spans[mention_id].end,
            type=regions.labels[mention_id],
            kind=regions.value(mention_id, MENTION_KIND) or "NAM",
            entity=entity_of.get(mention_id),
            text=regions.spans_text(mention_id),
        )
        for mention_id in mention_ids
    )
    relations = []
    for relation_type in RELATION_TYPES:
        for item in links.get(relation_type, []):
            head, tail = regions.check_link(item, MENTION_TYPES, MENTION_TYPES)
            relation_id = item.get("id") or f"{relation_type}:{head}:{tail}"
            relations.append((item, Relation(relation_id, relation_type, head, tail)))
    claim_links = []
    for link_type in CLAIM_LINK_TYPES:
        for item in links.get(link_type, []):
            source, target = regions.check_link(item, (CONTENT,), (CONTENT,))
            link_id = item.get("id") or f"{link_type}:{source}:{target}"
            claim_links.append((item, ClaimLink(link_id, link_type, source, target)))
    position = {id(item): index for index, item in enumerate(regions.links)}
    return Annotation(
        doc_id=doc_id,
        text_sha256=text_sha256(text),
        mentions=mentions,
        entities=entities,
        relations=tuple(r for _, r in sorted(relations, key=lambda p: position[id(p[0])])),
        claims=_claims(regions, links),
        claim_links=tuple(c for _, c in sorted(claim_links, key=lambda p: position[id(p[0])])),
    )


def _entities(
    regions: _Regions, mention_ids: list[str], coref: list[dict[str, Any]]
) -> tuple[dict[str, str], tuple[Entity, ...]]:
    """Each mention's entity id, and the entities in the order their id items appear."""
    root = {mention_id: mention_id for mention_id in mention_ids}

    def find(mention_id: str) -> str:
        while root[mention_id] != mention_id:
            root[mention_id] = root[root[mention_id]]
            mention_id = root[mention_id]
        return mention_id

    for item in coref:
        mention, antecedent = regions.check_link(item, MENTION_TYPES, MENTION_TYPES)
        root[find(mention)] = find(antecedent)
    clusters: dict[str, list[str]] = {}
    for mention_id in mention_ids:
        clusters.setdefault(find(mention_id), []).append(mention_id)

    found: list[tuple[tuple[int, int], Entity, list[str]]] = []
    for members in clusters.values():
        named = [m for m in members if regions.value(m, ENTITY_ID) is not None]
        if len(named) > 1:
            raise ConversionError(
                f"{regions.doc_id}: mentions {', '.join(named)} are coreferent but each "
                f"carries an {ENTITY_ID}"
            )
        for mention_id in members:
            has_name = regions.value(mention_id, ENTITY_NAME) is not None
            if has_name and mention_id not in named:
                raise ConversionError(
                    f"{regions.doc_id}: region {mention_id}: {ENTITY_NAME} without {ENTITY_ID}"
                )
        if named:
            first = named[0]
            entity_position, entity_id = regions.values[first, ENTITY_ID]
            name = regions.value(first, ENTITY_NAME) or regions.spans_text(first)
            found.append(((0, entity_position), Entity(entity_id, name), members))
        elif len(members) > 1:
            first = members[0]
            entity = Entity(f"e-{first}", regions.spans_text(first))
            found.append(((1, mention_ids.index(first)), entity, members))
    found.sort(key=lambda entry: entry[0])
    entity_of = {m: entity.id for _, entity, members in found for m in members}
    return entity_of, tuple(entity for _, entity, _ in found)


def _claims(regions: _Regions, links: dict[str, list[dict[str, Any]]]) -> tuple[Claim, ...]:
    doc_id = regions.doc_id
    cue_of: dict[str, str] = {}
    linked_cues: set[str] = set()
    for item in links.get(CUE_OF, []):
        cue, content = regions.check_link(item, (CUE,), (CONTENT,))
        if content in cue_of:
            raise ConversionError(f"{doc_id}: region {content}: two cues linked by {CUE_OF}")
        cue_of[content] = cue
        linked_cues.add(cue)
    for cue in regions.of_label((CUE,)):
        if cue not in linked_cues:
            raise ConversionError(f"{doc_id}: region {cue}: a CUE linked to no CONTENT by CUE_OF")
    sources: dict[str, list[str]] = {}
    for item in links.get(SOURCE, []):
        mention, content = regions.check_link(item, MENTION_TYPES, (CONTENT,))
        sources.setdefault(content, []).append(mention)
    parent: dict[str, str] = {}
    for item in links.get(NESTED_IN, []):
        inner, outer = regions.check_link(item, (CONTENT,), (CONTENT,))
        if inner in parent:
            raise ConversionError(f"{doc_id}: region {inner}: two {NESTED_IN} links")
        parent[inner] = outer
    claims = []
    for content in regions.of_label((CONTENT,)):
        attributes = {
            attribute: regions.value(content, control) or CLAIM_ATTRIBUTES[attribute][0]
            for control, attribute in ATTRIBUTE_OF_CONTROL.items()
        }
        cue = cue_of.get(content)
        claims.append(
            Claim(
                id=content,
                content=regions.spans[content],
                cue=regions.spans[cue] if cue is not None else None,
                sources=tuple(sources.get(content, ())),
                parent=parent.get(content),
                **attributes,
            )
        )
    return tuple(claims)
