"""The document model and the label inventories: the one place where these are written.

Offsets are Python ``str`` indices (code points), half-open: ``[start, end)``.
Everything else (validator, Label Studio config, dataset features, metrics) reads these tables.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

# --- label inventories -------------------------------------------------------------------

MENTION_TYPES: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "NORP",
    "EVENT",
    "LAW",
    "WEAPON",
    "ROLE",
    "DATE",
    "QUANTITY",
)
MENTION_KINDS: tuple[str, ...] = ("NAM", "NOM", "PRO")
# Pronouns (lower case): a mention that is one of them is PRO, never NAM (corpus.validate).
PRONOUNS: frozenset[str] = frozenset(
    {"i", "me", "my", "mine", "you", "your", "yours", "he", "him", "his", "she", "her", "hers"}
    | {"it", "its", "we", "us", "our", "ours", "they", "them", "their", "theirs", "there"}
)


@dataclass(frozen=True, slots=True)
class RelationSpec:
    """Which mention types a relation accepts as head and tail, and whether order matters."""

    heads: frozenset[str]
    tails: frozenset[str]
    symmetric: bool = False

    def accepts(self, head_type: str, tail_type: str) -> bool:
        if head_type in self.heads and tail_type in self.tails:
            return True
        return self.symmetric and tail_type in self.heads and head_type in self.tails


def _types(names: str) -> frozenset[str]:
    return frozenset(names.split("|"))


RELATION_TYPES: dict[str, RelationSpec] = {
    "HAS_ROLE": RelationSpec(_types("PERSON"), _types("ROLE")),
    "MEMBER_OF": RelationSpec(_types("PERSON|ORG"), _types("ORG")),
    "LEADER_OF": RelationSpec(_types("PERSON"), _types("ORG|GPE|NORP")),
    "PART_OF": RelationSpec(_types("ORG|GPE|LOC|FAC"), _types("ORG|GPE|LOC")),
    "AFFILIATED_WITH": RelationSpec(_types("PERSON|ORG|NORP"), _types("GPE")),
    "MEETS": RelationSpec(_types("PERSON"), _types("PERSON"), symmetric=True),
    "DEPLOYS_TO": RelationSpec(_types("GPE|ORG|PERSON|NORP"), _types("GPE|LOC")),
    "SUPPLIES": RelationSpec(_types("GPE|ORG"), _types("GPE|ORG")),
    "ATTACKS": RelationSpec(_types("GPE|ORG|NORP"), _types("GPE|ORG|LOC|NORP")),
    "ALLIED_WITH": RelationSpec(
        _types("PERSON|ORG|GPE|NORP"), _types("PERSON|ORG|GPE|NORP"), symmetric=True
    ),
    "PARTY_TO": RelationSpec(_types("PERSON|GPE|ORG"), _types("LAW")),
}

CLAIM_PARTS: tuple[str, ...] = ("CONTENT", "CUE")

CLAIM_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "stance": ("ASSERT", "DENY"),
    "certainty": ("CERTAIN", "PROBABLE", "POSSIBLE"),
    "kind": ("FACT", "PREDICTION", "INTENTION", "OPINION"),
    "quote": ("DIRECT", "INDIRECT", "MIXED"),
}

# Claim link type -> symmetric?
CLAIM_LINK_TYPES: dict[str, bool] = {"SUPPORTS": False, "CONTRADICTS": True}

# Links between Label Studio regions that encode the structure of claims.
STRUCTURAL_RELATIONS: tuple[str, ...] = ("SOURCE", "CUE_OF", "NESTED_IN")


# --- errors --------------------------------------------------------------------------------


DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # ArticleMeta.published


class SchemaError(ValueError):
    """A document or annotation does not follow the model; the message names where."""


def _where(doc_id: str | None, item: str | None) -> str:
    return ": ".join(part for part in (doc_id, item) if part)


def _need(data: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, dict):
        raise SchemaError(f"{where}: expected an object, got {type(data).__name__}")
    if key not in data:
        raise SchemaError(f"{where}: missing field {key!r}")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        raise SchemaError(f"{where}: field {key!r} has the wrong type ({type(value).__name__})")
    return value


def _optional(data: dict, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if data.get(key) is None:
        return None
    return _need(data, key, kind, where)


def _item_where(where: str, noun: str, data: Any) -> str:
    """Where an item is, for errors: ``"<where>: claim c3"`` (``?`` for an item without id)."""
    return f"{where}: {noun} {data.get('id', '?') if isinstance(data, dict) else '?'}"


def _label(value: str, allowed: tuple[str, ...] | dict, what: str, where: str) -> str:
    if value not in allowed:
        raise SchemaError(f"{where}: unknown {what} {value!r} (known: {', '.join(allowed)})")
    return value


def is_date(value: str) -> bool:
    """Whether ``value`` is a real calendar date written YYYY-MM-DD."""
    try:
        return bool(DATE.fullmatch(value)) and bool(datetime.date.fromisoformat(value))
    except ValueError:
        return False


def _unknown_keys(data: Any, known: set[str], where: str) -> None:
    if not isinstance(data, dict):
        raise SchemaError(f"{where}: expected an object, got {type(data).__name__}")
    extra = sorted(set(data) - known)
    if extra:
        raise SchemaError(f"{where}: unknown field(s) {', '.join(map(repr, extra))}")


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


class Record:
    """The base of the document model's frozen dataclasses: pickled as the class and its field
    values, which are passed to ``__init__`` again. A frozen dataclass's own pickling sets each
    field through Python code: twice as slow, which ``--workers`` felt in sending predictions
    back."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return type(self), tuple(getattr(self, name) for name in _field_names(type(self)))


# --- articles ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleMeta(Record):
    title: str | None = None
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    language: str = "en"
    rights: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict, where: str = "") -> ArticleMeta:
        names = {f.name for f in fields(cls)}
        _unknown_keys(data, names, f"{where}: meta")
        values = {name: _optional(data, name, str, f"{where}: meta") for name in names}
        values["language"] = values["language"] or "en"
        if values["published"] is not None and not is_date(values["published"]):
            raise SchemaError(
                f"{where}: meta: published {values['published']!r} is not a YYYY-MM-DD date"
            )
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Article(Record):
    id: str
    text: str
    meta: ArticleMeta = field(default_factory=ArticleMeta)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "meta": self.meta.to_dict()}

    @classmethod
    def from_dict(cls, data: dict, where: str = "") -> Article:
        _unknown_keys(data, {"id", "text", "meta"}, where or "article")
        doc_id = _need(data, "id", str, where or "article")
        where = _where(where, doc_id)
        text = _need(data, "text", str, where)
        if not text.strip():
            raise SchemaError(f"{where}: empty text")
        return cls(doc_id, text, ArticleMeta.from_dict(data.get("meta") or {}, where))


# --- annotation layers ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span(Record):
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict, where: str) -> Span:
        span = cls(_need(data, "start", int, where), _need(data, "end", int, where))
        if not 0 <= span.start < span.end:
            raise SchemaError(f"{where}: empty or negative span [{span.start}, {span.end})")
        return span


@dataclass(frozen=True, slots=True)
class Mention(Record):
    id: str
    start: int
    end: int
    type: str
    kind: str = "NAM"
    entity: str | None = None
    text: str | None = None  # the surface, for readers; must equal the article's slice

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "start": self.start, "end": self.end}
        if self.text is not None:
            data["text"] = self.text
        data.update(type=self.type, kind=self.kind, entity=self.entity)
        return data

    @classmethod
    def from_dict(cls, data: dict, where: str) -> Mention:
        where = _item_where(where, "mention", data)
        _unknown_keys(data, {"id", "start", "end", "text", "type", "kind", "entity"}, where)
        span = Span.from_dict(data, where)
        return cls(
            id=_need(data, "id", str, where),
            start=span.start,
            end=span.end,
            type=_label(_need(data, "type", str, where), MENTION_TYPES, "mention type", where),
            kind=_label(data.get("kind", "NAM"), MENTION_KINDS, "mention kind", where),
            entity=_optional(data, "entity", str, where),
            text=_optional(data, "text", str, where),
        )


@dataclass(frozen=True, slots=True)
class Entity(Record):
    id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}

    @classmethod
    def from_dict(cls, data: dict, where: str) -> Entity:
        where = _item_where(where, "entity", data)
        _unknown_keys(data, {"id", "name"}, where)
        return cls(_need(data, "id", str, where), _need(data, "name", str, where))


@dataclass(frozen=True, slots=True)
class Relation(Record):
    id: str
    type: str
    head: str  # mention id
    tail: str  # mention id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "head": self.head, "tail": self.tail}

    @classmethod
    def from_dict(cls, data: dict, where: str) -> Relation:
        where = _item_where(where, "relation", data)
        _unknown_keys(data, {"id", "type", "head", "tail"}, where)
        return cls(
            id=_need(data, "id", str, where),
            type=_label(_need(data, "type", str, where), RELATION_TYPES, "relation type", where),
            head=_need(data, "head", str, where),
            tail=_need(data, "tail", str, where),
        )


@dataclass(frozen=True, slots=True)
class Claim(Record):
    id: str
    content: Span
    cue: Span | None = None
    sources: tuple[str, ...] = ()  # mention ids
    parent: str | None = None  # claim id
    stance: str = "ASSERT"
    certainty: str = "CERTAIN"
    kind: str = "FACT"
    quote: str = "INDIRECT"

    def attribute(self, name: str) -> str:
        return getattr(self, name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "sources": list(self.sources),
            "parent": self.parent,
            **{name: self.attribute(name) for name in CLAIM_ATTRIBUTES},
        }

    @classmethod
    def from_dict(cls, data: dict, where: str) -> Claim:
        where = _item_where(where, "claim", data)
        known = {"id", "content", "cue", "sources", "parent", *CLAIM_ATTRIBUTES}
        _unknown_keys(data, known, where)
        sources = _optional(data, "sources", list, where) or []
        if not all(isinstance(source, str) for source in sources):
            raise SchemaError(f"{where}: sources must be mention ids (strings)")
        cue = _optional(data, "cue", dict, where)
        attributes = {
            name: _label(data.get(name, _CLAIM_DEFAULTS[name]), values, name, where)
            for name, values in CLAIM_ATTRIBUTES.items()
        }
        return cls(
            id=_need(data, "id", str, where),
            content=Span.from_dict(_need(data, "content", dict, where), f"{where}: content"),
            cue=Span.from_dict(cue, f"{where}: cue") if cue is not None else None,
            sources=tuple(sources),
            parent=_optional(data, "parent", str, where),
            **attributes,
        )


_CLAIM_DEFAULTS = {f.name: f.default for f in fields(Claim)}


def default_claim_attribute(name: str) -> str:
    """The value a claim takes when ``name`` (stance, certainty, kind, quote) is not given."""
    return _CLAIM_DEFAULTS[name]


@dataclass(frozen=True, slots=True)
class ClaimLink(Record):
    id: str
    type: str
    source: str  # claim id ("from" in JSON)
    target: str  # claim id ("to" in JSON)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "from": self.source, "to": self.target}

    @classmethod
    def from_dict(cls, data: dict, where: str) -> ClaimLink:
        where = _item_where(where, "claim link", data)
        _unknown_keys(data, {"id", "type", "from", "to"}, where)
        return cls(
            id=_need(data, "id", str, where),
            type=_label(
                _need(data, "type", str, where), CLAIM_LINK_TYPES, "claim link type", where
            ),
            source=_need(data, "from", str, where),
            target=_need(data, "to", str, where),
        )


LAYERS: dict[str, type] = {
    "mentions": Mention,
    "entities": Entity,
    "relations": Relation,
    "claims": Claim,
    "claim_links": ClaimLink,
}


@dataclass(frozen=True, slots=True)
class Annotation(Record):
    """All layers of one document: a gold file, an annotator's file or a prediction.

    ``guidelines`` is the version of ``annotation/guidelines.md`` the file follows. A
    prediction may leave ``text_sha256`` and ``guidelines`` unset and any layer empty.
    """

    doc_id: str
    text_sha256: str | None = None
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    claims: tuple[Claim, ...] = ()
    claim_links: tuple[ClaimLink, ...] = ()
    guidelines: str | None = None

    def layer(self, name: str) -> tuple:
        return getattr(self, name)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"doc_id": self.doc_id, "text_sha256": self.text_sha256}
        if self.guidelines is not None:
            data["guidelines"] = self.guidelines
        for name in LAYERS:
            data[name] = [item.to_dict() for item in self.layer(name)]
        return data

    @classmethod
    def from_dict(cls, data: dict, where: str = "") -> Annotation:
        _unknown_keys(data, {"doc_id", "text_sha256", "guidelines", *LAYERS}, where or "annotation")
        doc_id = _need(data, "doc_id", str, where or "annotation")
        where = _where(where, doc_id)
        layers = {}
        for name, item_type in LAYERS.items():
            items = _optional(data, name, list, where) or []
            layers[name] = tuple(item_type.from_dict(item, where) for item in items)
        return cls(
            doc_id,
            _optional(data, "text_sha256", str, where),
            guidelines=_optional(data, "guidelines", str, where),
            **layers,
        )
