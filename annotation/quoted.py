"""Annotations written with quoted text instead of offsets, for annotating by hand or in a chat.

A *quoted* file is the JSON of an annotation in which every span is located by the text it
covers, and items refer to each other by names the annotator chooses::

    {"doc_id": "…", "guidelines": "2.0",
     "mentions": [{"id": "obama", "text": "Barack Obama", "type": "PERSON", "kind": "NAM",
                   "entity": "Obama"},
                  {"id": "he", "text": "he", "n": 2, "type": "PERSON", "kind": "PRO",
                   "entity": "Obama"},
                  {"text": "Monday", "type": "DATE", "kind": "NAM"}],
     "relations": [{"type": "HAS_ROLE", "head": "obama", "tail": "president"}],
     "claims": [{"id": "c1", "content": "the talks went well",
                 "cue": {"text": "said", "context": "he said the talks"}, "sources": ["he"],
                 "parent": null, "stance": "ASSERT", "certainty": "CERTAIN", "kind": "FACT",
                 "quote": "INDIRECT"}],
     "claim_links": [{"type": "SUPPORTS", "from": "c2", "to": "c1"}]}

A span is ``text`` (it must occur once in the article, as whole words), or ``text`` with ``n``
(its n-th occurrence, from 1) or with ``context`` (a longer piece of the article that occurs
once and holds ``text`` once). A mention carries these keys itself; a claim's ``content`` and
``cue`` are a string or such an object (``cue`` may be null). ``id`` is needed only on items
that others name; ``entity`` groups coreferent mentions (a mention without one is a singleton).
Every label and attribute is given explicitly: nothing defaults.

:func:`place` turns a quoted file into the corpus's annotation (offsets, ids in text order,
entities named by their first name), checked against the article; :func:`quote` is its inverse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotation.guidelines import guidelines_version
from corpus.canonical import canonical
from corpus.locate import locate, occurrences
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    Annotation,
    Article,
    Claim,
    ClaimLink,
    Entity,
    Mention,
    Relation,
    Span,
)
from corpus.store import CorpusError
from corpus.text import text_sha256
from corpus.validate import check_annotation


class QuotedError(CorpusError):
    """A quoted file cannot be placed; the message lists one problem per line."""


# --- placing a quoted file -------------------------------------------------------------------


@dataclass
class _Placer:
    """Collects one problem per item while placing, so that an annotator sees them all."""

    text: str
    problems: list[str]

    def problem(self, item: str, message: str) -> None:
        self.problems.append(f"{item}: {message}")

    def span(self, item: str, where: Any) -> Span | None:
        if isinstance(where, str):
            where = {"text": where}
        if not isinstance(where, dict):
            self.problem(item, "a span is a string or an object with 'text'")
            return None
        unknown = set(where) - {"text", "n", "context"}
        if unknown:
            self.problem(item, f"unknown span key(s) {', '.join(sorted(unknown))}")
            return None
        try:
            return locate(self.text, where)
        except ValueError as error:
            self.problem(item, str(error))
            return None

    def label(self, item: str, data: dict, key: str, allowed: Any) -> str | None:
        value = data.get(key)
        if value not in allowed:
            self.problem(item, f"{key} {value!r} is not one of {', '.join(allowed)}")
            return None
        return value

    def unknown_keys(self, item: str, data: dict, known: set[str]) -> None:
        extra = sorted(set(data) - known)
        if extra:
            self.problem(item, f"unknown key(s) {', '.join(extra)}")


def _items(data: dict, layer: str, placer: _Placer) -> list[tuple[str, dict]]:
    """(name for messages, item) of a layer; items that are not objects are problems."""
    items = data.get(layer, [])
    if not isinstance(items, list):
        placer.problem(layer, "must be a list")
        return []
    named = []
    for index, item in enumerate(items, 1):
        noun = layer.rstrip("s").replace("_", " ")
        label = f"{noun} {item.get('id', f'#{index}')!s}" if isinstance(item, dict) else noun
        if not isinstance(item, dict):
            placer.problem(f"{noun} #{index}", "must be an object")
            continue
        named.append((label, item))
    return named


def _ids(items: list[tuple[str, dict]], prefix: str, placer: _Placer) -> list[str]:
    """Each item's own ``id`` (unique) or a generated one."""
    ids, seen = [], set()
    for index, (label, item) in enumerate(items, 1):
        given = item.get("id")
        if given is not None and (not isinstance(given, str) or given in seen):
            placer.problem(label, "id must be a unique string")
        ids.append(given if isinstance(given, str) else f"{prefix}#{index}")
        seen.add(given)
    return ids


def place(data: Any, article: Article, where: str) -> Annotation:
    """The annotation a quoted file describes, ids in text order; raises QuotedError listing
    every problem (one per line, each naming ``where`` and the item)."""
    if not isinstance(data, dict):
        raise QuotedError(f"{where}: expected an object")
    placer = _Placer(article.text, [])
    placer.unknown_keys("file", data, {"doc_id", "guidelines", *LAYER_KEYS})
    if data.get("doc_id") != article.id:
        placer.problem("doc_id", f"{data.get('doc_id')!r} is not the article's {article.id!r}")
    mentions = _place_mentions(data, placer)
    entities = _entities(mentions, article.text)
    # References are checked against every declared id: an item that failed to place has
    # its own problem already, and those that name it are not reported again.
    declared_mentions = _declared(data, "mentions")
    relations = _place_relations(data, placer, declared_mentions)
    claims = _place_claims(data, placer, declared_mentions)
    links = _place_links(data, placer, _declared(data, "claims"))
    if placer.problems:
        raise QuotedError("\n".join(f"{where}: {problem}" for problem in placer.problems))
    guidelines = data.get("guidelines") or guidelines_version()
    placed = Annotation(
        article.id,
        text_sha256(article.text),
        tuple(mentions),
        entities,
        tuple(relations),
        tuple(claims),
        tuple(links),
        guidelines=str(guidelines),
    )
    problems = check_annotation(placed, article, where)  # with the annotator's own names
    if problems:
        raise QuotedError("\n".join(f"{where}: {p.item}: {p.message}" for p in problems))
    return canonical(placed)


LAYER_KEYS = ("mentions", "relations", "claims", "claim_links")


def _declared(data: dict, layer: str) -> set[str]:
    items = data.get(layer)
    if not isinstance(items, list):
        return set()
    return {
        item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def _place_mentions(data: dict, placer: _Placer) -> list[Mention]:
    items = _items(data, "mentions", placer)
    mentions = []
    for (label, item), mention_id in zip(items, _ids(items, "m", placer), strict=True):
        known = {"id", "text", "n", "context", "type", "kind", "entity"}
        placer.unknown_keys(label, item, known)
        span = placer.span(label, {k: v for k, v in item.items() if k in ("text", "n", "context")})
        type_ = placer.label(label, item, "type", MENTION_TYPES)
        kind = placer.label(label, item, "kind", MENTION_KINDS)
        entity = item.get("entity")
        if entity is not None and not isinstance(entity, str):
            placer.problem(label, "entity must be a string")
        if span and type_ and kind:
            key = f"entity:{entity}" if isinstance(entity, str) else f"single:{mention_id}"
            mentions.append(
                Mention(mention_id, span.start, span.end, type_, kind, key, item["text"])
            )
    return mentions


def _entities(mentions: list[Mention], text: str) -> tuple[Entity, ...]:
    """One entity per key, named by its first NAM mention, else its first mention."""
    name: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.entity not in name or m.kind == "NAM" and name[m.entity].kind != "NAM":
            name[m.entity] = m
    return tuple(Entity(key, text[m.start : m.end]) for key, m in name.items())


def _references(
    placer: _Placer, label: str, refs: Any, known: set[str], what: str
) -> tuple[str, ...]:
    if not isinstance(refs, list) or not all(isinstance(ref, str) for ref in refs):
        placer.problem(label, f"{what} must be a list of ids")
        return ()
    for ref in refs:
        if ref not in known:
            placer.problem(label, f"unknown {what.rstrip('s')} {ref!r}")
    return tuple(refs)


def _place_relations(data: dict, placer: _Placer, mentions: set[str]) -> list[Relation]:
    items = _items(data, "relations", placer)
    relations = []
    for (label, item), relation_id in zip(items, _ids(items, "r", placer), strict=True):
        placer.unknown_keys(label, item, {"id", "type", "head", "tail"})
        type_ = placer.label(label, item, "type", RELATION_TYPES)
        head, tail = _references(
            placer, label, [item.get("head"), item.get("tail")], mentions, "arguments"
        ) or (None, None)
        if type_ and head in mentions and tail in mentions:
            relations.append(Relation(relation_id, type_, head, tail))
    return relations


def _place_claims(data: dict, placer: _Placer, mentions: set[str]) -> list[Claim]:
    items = _items(data, "claims", placer)
    ids = _ids(items, "c", placer)
    known = set(ids)
    claims = []
    for (label, item), claim_id in zip(items, ids, strict=True):
        placer.unknown_keys(
            label, item, {"id", "content", "cue", "sources", "parent", *CLAIM_ATTRIBUTES}
        )
        content = placer.span(f"{label} content", item.get("content"))
        cue = item.get("cue")
        cue_span = placer.span(f"{label} cue", cue) if cue is not None else None
        sources = _references(placer, label, item.get("sources", []), mentions, "sources")
        parent = item.get("parent")
        if parent is not None and parent not in known:
            placer.problem(label, f"unknown parent claim {parent!r}")
        attributes = {
            name: placer.label(label, item, name, values)
            for name, values in CLAIM_ATTRIBUTES.items()
        }
        if content and (cue is None or cue_span) and all(attributes.values()):
            claims.append(Claim(claim_id, content, cue_span, sources, parent, **attributes))
    return claims


def _place_links(data: dict, placer: _Placer, claims: set[str]) -> list[ClaimLink]:
    items = _items(data, "claim_links", placer)
    links = []
    for (label, item), link_id in zip(items, _ids(items, "l", placer), strict=True):
        placer.unknown_keys(label, item, {"id", "type", "from", "to"})
        type_ = placer.label(label, item, "type", CLAIM_LINK_TYPES)
        ends = _references(placer, label, [item.get("from"), item.get("to")], claims, "claims")
        if type_ and len(ends) == 2 and all(end in claims for end in ends):
            links.append(ClaimLink(link_id, type_, *ends))
    return links


# --- quoting an annotation -------------------------------------------------------------------


def _quoted_span(text: str, span: Span) -> str | dict[str, Any]:
    needle = text[span.start : span.end]
    found = occurrences(text, needle)
    if found == [span.start]:
        return needle
    if span.start in found:
        return {"text": needle, "n": found.index(span.start) + 1}
    raise ValueError(f"span [{span.start}, {span.end}) {needle!r} cuts a word")


def quote(annotation: Annotation, article: Article) -> dict[str, Any]:
    """The quoted form of ``annotation`` (ids kept): :func:`place` gives it back."""
    text = article.text

    def mention(m: Mention) -> dict[str, Any]:
        where = _quoted_span(text, m.span)
        located = where if isinstance(where, dict) else {"text": where}
        return {"id": m.id, **located, "type": m.type, "kind": m.kind, "entity": m.entity}

    def claim(c: Claim) -> dict[str, Any]:
        return {
            "id": c.id,
            "content": _quoted_span(text, c.content),
            "cue": _quoted_span(text, c.cue) if c.cue else None,
            "sources": list(c.sources),
            "parent": c.parent,
            **{name: c.attribute(name) for name in CLAIM_ATTRIBUTES},
        }

    return {
        "doc_id": annotation.doc_id,
        "guidelines": annotation.guidelines,
        "mentions": [mention(m) for m in annotation.mentions],
        "relations": [
            {"id": r.id, "type": r.type, "head": r.head, "tail": r.tail}
            for r in annotation.relations
        ],
        "claims": [claim(c) for c in annotation.claims],
        "claim_links": [link.to_dict() for link in annotation.claim_links],
    }
