"""Answers placed on the text layer: quoted spans become offsets, ids become references.

A span is found by :func:`corpus.locate.matches` inside its passage (exact, then with other
quotation marks and whitespace), then narrowed by its ``context`` when that is found there
too. Among what is left, a mention takes the first occurrence no earlier mention holds (a
model that lists each repetition of a name in order gets each one), a cue the occurrence
nearest its content, a content the first. What cannot be placed is left out and recorded
as a :class:`~baselines.llm.validity.Drop`; so is what the validator rejects once the
document is built (:func:`~baselines.llm.validity.valid_part`), with what refers to it: the
result always passes the validator.
"""

from __future__ import annotations

from typing import Any

from baselines.base import Draft, DraftClaim
from baselines.llm.validity import NOT_FOUND, Drop, valid_part
from corpus.locate import matches
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    Annotation,
    Article,
    Span,
    default_claim_attribute,
)

RELATION_ENDS, LINK_ENDS = ("head", "tail"), ("from", "to")  # the keys of what they join


class Malformed(ValueError):
    """An item of an answer without a field it needs, or with a wrong value."""


def _field(item: dict[str, Any], key: str, kind: type, optional: bool = False) -> Any:
    value = item.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise Malformed(f"{key} {value!r} is not a {kind.__name__}")
    return value


def _label(item: dict[str, Any], key: str, allowed: tuple[str, ...] | dict) -> str:
    value = item.get(key)
    if not isinstance(value, str) or value not in allowed:
        raise Malformed(f"{key} {value!r} is not one of {', '.join(allowed)}")
    return value


def _id(value: Any) -> str | None:
    """An id of the answer as a string (models write some as numbers), or None."""
    if isinstance(value, str) or isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _where(item: Any) -> tuple[str, str | None]:
    """A span of an answer as ``(text, context)``: an object, or a bare string."""
    if isinstance(item, str):
        return item, None
    if not isinstance(item, dict):
        raise Malformed(f"a span is an object with 'text', not {item!r}")
    return _field(item, "text", str), _field(item, "context", str, optional=True)


class Placement:
    """The answers for the passages of one article, placed into one draft."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.draft = Draft.of(article)
        self.drops: list[Drop] = []  # of the answer being placed
        self._taken: set[tuple[int, int]] = set()  # spans of the draft's mentions
        self._passage = (0, len(article.text))

    def add(self, answer: dict[str, Any], start: int, end: int) -> list[Drop]:
        """Place the answer for the passage ``[start, end)`` of the article; returns what
        was left out of it."""
        self.drops, self._passage = [], (start, end)
        mentions = self._mentions(self._items(answer, "mentions"))
        for item in self._items(answer, "relations"):
            if relation := self._pair("relations", item, RELATION_TYPES, RELATION_ENDS, mentions):
                self.draft.add_relation(*relation)
        claims = self._claims(self._items(answer, "claims"), mentions)
        for item in self._items(answer, "claim_links"):
            if link := self._pair("claim links", item, CLAIM_LINK_TYPES, LINK_ENDS, claims):
                self.draft.claim_links.append(link)
        return self.drops

    def build(self) -> tuple[Annotation, list[Drop]]:
        """The article's annotation, valid, and what was left out to make it so: what the
        draft drops when it builds (``Draft.dropped``), then what the validator rejects."""
        annotation = self.draft.build()
        built = [
            Drop("draft", reason, "left out by the draft")
            for reason, count in sorted(self.draft.dropped.items())
            for _ in range(count)
        ]
        annotation, rejected = valid_part(annotation, self.article)
        return annotation, built + rejected

    # --- spans ---------------------------------------------------------------------------------

    def _spans(self, layer: str, where: Any) -> list[Span]:
        """The occurrences that a quoted span may be, in text order (empty: dropped)."""
        needle, context = _where(where)
        found = matches(self.article.text, needle, *self._passage)
        if not found:
            self.drops.append(Drop(layer, NOT_FOUND, repr(needle)))
        elif context is not None:
            regions = matches(self.article.text, context, *self._passage)
            inside = [
                s for s in found if any(r.start <= s.start and s.end <= r.end for r in regions)
            ]
            if inside:
                return inside
            self.drops.append(
                Drop(layer, "context not in the passage (hint unused)", repr(context))
            )
        return found

    # --- items ---------------------------------------------------------------------------------

    def _items(self, answer: dict[str, Any], key: str) -> list[dict[str, Any]]:
        """The objects of a layer of the answer (its other items are dropped)."""
        layer, items = key.replace("_", " "), answer.get(key, [])
        if not isinstance(items, list):
            self.drops.append(Drop(layer, "malformed", f"not a list: {items!r:.60}"))
            return []
        objects = [item for item in items if isinstance(item, dict)]
        for item in items:
            if not isinstance(item, dict):
                self.drops.append(Drop(layer, "malformed", f"not an object: {item!r:.60}"))
        return objects

    def _mentions(self, items: list[dict[str, Any]]) -> dict[str, int | None]:
        """Mention id -> draft index (None: declared but dropped)."""
        placed: dict[str, int | None] = {}
        for number, item in enumerate(items, 1):
            mention_id = _id(item.get("id"))
            if mention_id is not None:
                placed.setdefault(mention_id, None)
            try:
                type_ = _label(item, "type", MENTION_TYPES)
                kind = _label(item, "kind", MENTION_KINDS)
                entity = _field(item, "entity", str, optional=True)
                spans = self._spans("mentions", item)
            except Malformed as error:
                self.drops.append(Drop("mentions", "malformed", f"#{number}: {error}"))
                continue
            if not spans:
                continue
            span = next((s for s in spans if (s.start, s.end) not in self._taken), spans[0])
            if (span.start, span.end) in self._taken:
                self.drops.append(Drop("mentions", "duplicate", repr(item["text"])))
            self._taken.add((span.start, span.end))
            key = f"entity {entity}" if entity else f"mention {len(self.draft.mentions)}"
            index = self.draft.add_mention(span.start, span.end, type_, kind, key)
            if mention_id is not None and placed[mention_id] is None:
                placed[mention_id] = index
        return placed

    def _reference(self, layer: str, ref: Any, placed: dict[str, int | None]) -> int | None:
        """The draft index an id of the answer names, or None (and a drop)."""
        key = _id(ref)
        if key is None or key not in placed:
            self.drops.append(Drop(layer, "unknown id", repr(ref)))
            return None
        if placed[key] is None:
            self.drops.append(Drop(layer, "refers to a dropped item", repr(ref)))
        return placed[key]

    def _pair(
        self,
        layer: str,
        item: dict[str, Any],
        types: tuple[str, ...] | dict,
        ends: tuple[str, str],
        placed: dict[str, int | None],
    ) -> tuple[str, int, int] | None:
        """The type and the draft indices of the two ``ends`` of a relation or a claim link,
        or None (and a drop)."""
        try:
            type_ = _label(item, "type", types)
        except Malformed as error:
            self.drops.append(Drop(layer, "malformed", str(error)))
            return None
        first = self._reference(layer, item.get(ends[0]), placed)
        second = self._reference(layer, item.get(ends[1]), placed) if first is not None else None
        if first is None or second is None:
            return None
        if first == second:
            self.drops.append(Drop(layer, "malformed", f"{item.get(ends[0])!r} to itself"))
            return None
        return type_, first, second

    def _claims(
        self, items: list[dict[str, Any]], mentions: dict[str, int | None]
    ) -> dict[str, int | None]:
        """Claim id -> draft index (None: declared but dropped); parents set last."""
        placed: dict[str, int | None] = {}
        parents: list[tuple[int, Any]] = []
        for number, item in enumerate(items, 1):
            claim_id = _id(item.get("id"))
            if claim_id is not None:
                placed.setdefault(claim_id, None)
            try:
                contents = self._spans("claims", item.get("content"))
                cue = item.get("cue")
                cues = self._spans("claim cues", cue) if cue is not None else []
                sources = _field(item, "sources", list, optional=True) or []
            except Malformed as error:
                self.drops.append(Drop("claims", "malformed", f"#{number}: {error}"))
                continue
            if not contents:
                continue
            content = contents[0]
            cue_span = min(
                cues, key=lambda s: max(s.start - content.end, content.start - s.end), default=None
            )
            source_indices = [self._reference("claim sources", ref, mentions) for ref in sources]
            index = self.draft.add_claim(
                DraftClaim(
                    (content.start, content.end),
                    (cue_span.start, cue_span.end) if cue_span else None,
                    tuple(dict.fromkeys(s for s in source_indices if s is not None)),
                    None,
                    **{name: self._attribute(item, name) for name in CLAIM_ATTRIBUTES},
                )
            )
            if claim_id is not None and placed[claim_id] is None:
                placed[claim_id] = index
            if item.get("parent") is not None:
                parents.append((index, item["parent"]))
        for index, parent in parents:
            self._parent(index, self._reference("claim parents", parent, placed))
        return placed

    def _attribute(self, item: dict[str, Any], name: str) -> str:
        value = item.get(name)
        if isinstance(value, str) and value in CLAIM_ATTRIBUTES[name]:
            return value
        default = default_claim_attribute(name)
        self.drops.append(
            Drop("claim attributes", "default used", f"{name} {value!r} -> {default}")
        )
        return default

    def _parent(self, index: int, parent: int | None) -> None:
        """Set the parent of claim ``index``, unless it would close a cycle."""
        claims = self.draft.claims
        ancestor = parent
        while ancestor is not None and ancestor != index:
            ancestor = claims[ancestor].parent
        if parent is not None and ancestor == index:
            self.drops.append(Drop("claim parents", "cycle", f"claim #{index + 1}"))
        elif parent is not None:
            claims[index].parent = parent
