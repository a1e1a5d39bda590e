"""What brat types mean in claimwire: the mapping file of ``python -m corpus import brat``.

A mapping (TOML, or YAML with the same keys) has four tables, each optional::

    [mentions]                    # brat entity type -> claimwire mention type (kind NAM)
    Person = "PERSON"
    Pronoun = { type = "PERSON", kind = "PRO" }

    [relations]                   # brat relation type -> relation type or claim link type
    Employment = "MEMBER_OF"
    Agrees = "SUPPORTS"           # between two events that are claims

    [claims.Attribution]          # a brat event type whose events are claims
    content = "Content"           # the role holding the content, or "trigger" (required)
    cue = "trigger"               # the role holding the cue, or "trigger" (optional)
    sources = "Source"            # the role of the source mentions; Source2, Source3… too
    parent = "Parent"             # the role whose event is the outer claim (optional)

    [attributes.Polarity]         # a brat attribute -> a claim attribute or a mention's kind
    sets = "claim.stance"         # claim.stance|claim.certainty|claim.kind|claim.quote|mention.kind
    values = { Negative = "DENY", Positive = "ASSERT" }   # default: the same names
    [attributes.Negated]          # a binary attribute (no value in brat)
    sets = "claim.stance"
    value = "DENY"

A type, role or attribute the mapping does not name is not imported, and reported.
``CLAIMWIRE`` is the mapping of what ``python -m corpus export --format brat`` writes.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
)
from corpus.store import CorpusError, read_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TRIGGER = "trigger"  # a claim part held by the event's trigger, not by a role
MENTION_KIND = "mention.kind"
CLAIM_SETTINGS: dict[str, str] = {f"claim.{name}": name for name in CLAIM_ATTRIBUTES}

# The brat vocabulary of claimwire's own export (``CLAIMWIRE``).
CLAIM_EVENT = "Claim"  # event type; its trigger is the content
CUE_TYPE = "Cue"  # text-bound type of a cue
SOURCE_ROLE, CUE_ROLE, PARENT_ROLE = "Source", "Cue", "Parent"
ATTRIBUTE_NAMES: dict[str, str] = {  # what an attribute sets -> its brat name
    **{setting: name.capitalize() for setting, name in CLAIM_SETTINGS.items()},
    MENTION_KIND: "MentionKind",
}
EQUIVALENCE = "Equiv"  # the brat relation of coreference


@dataclass(frozen=True)
class MentionMapping:
    type: str
    kind: str = "NAM"


@dataclass(frozen=True)
class ClaimMapping:
    """Where an event holds each claim part: a role name or ``TRIGGER``."""

    content: str
    cue: str | None = None
    sources: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class AttributeMapping:
    sets: str  # a key of CLAIM_SETTINGS, or MENTION_KIND
    values: Mapping[str | None, str]  # brat value (None: a binary attribute) -> claimwire value

    @property
    def on_claims(self) -> bool:
        return self.sets in CLAIM_SETTINGS


@dataclass(frozen=True)
class BratMapping:
    mentions: Mapping[str, MentionMapping] = field(default_factory=dict)
    relations: Mapping[str, str] = field(default_factory=dict)
    claims: Mapping[str, ClaimMapping] = field(default_factory=dict)
    attributes: Mapping[str, AttributeMapping] = field(default_factory=dict)


def _allowed(sets: str) -> tuple[str, ...]:
    return MENTION_KINDS if sets == MENTION_KIND else CLAIM_ATTRIBUTES[CLAIM_SETTINGS[sets]]


CLAIMWIRE = BratMapping(
    mentions={name: MentionMapping(name) for name in MENTION_TYPES},
    relations={name: name for name in (*RELATION_TYPES, *CLAIM_LINK_TYPES)},
    claims={CLAIM_EVENT: ClaimMapping(TRIGGER, CUE_ROLE, SOURCE_ROLE, PARENT_ROLE)},
    attributes={
        name: AttributeMapping(sets, {value: value for value in _allowed(sets)})
        for sets, name in ATTRIBUTE_NAMES.items()
    },
)


# --- reading a mapping file --------------------------------------------------------------------


def load_mapping(path: Path) -> BratMapping:
    """The mapping in ``path`` (``.toml``, ``.yaml`` or ``.yml``), checked against the schema."""
    text = read_text(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data = tomllib.loads(text)
        elif suffix in (".yaml", ".yml"):
            data = yaml.safe_load(text) or {}
        else:
            raise CorpusError(f"{path}: a mapping is a .toml, .yaml or .yml file")
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as error:
        reason = " ".join(str(error).split())
        raise CorpusError(f"{path}: not valid {suffix[1:].upper()}: {reason}") from None
    return parse_mapping(data, str(path))


def parse_mapping(data: Any, where: str) -> BratMapping:
    """A :class:`BratMapping` from the mapping's tables; a :class:`CorpusError` naming the
    table and key of anything the schema does not know."""
    tables = _table(data, where, {"mentions", "relations", "claims", "attributes"})
    return BratMapping(
        mentions={
            name: _mention(value, f"{where}: mentions.{name}")
            for name, value in _table(tables.get("mentions", {}), f"{where}: mentions").items()
        },
        relations={
            name: _choice(value, (*RELATION_TYPES, *CLAIM_LINK_TYPES), f"{where}: relations.{name}")
            for name, value in _table(tables.get("relations", {}), f"{where}: relations").items()
        },
        claims={
            name: _claim(value, f"{where}: claims.{name}")
            for name, value in _table(tables.get("claims", {}), f"{where}: claims").items()
        },
        attributes={
            name: _attribute(value, f"{where}: attributes.{name}")
            for name, value in _table(tables.get("attributes", {}), f"{where}: attributes").items()
        },
    )


def _table(data: Any, where: str, known: set[str] | None = None) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CorpusError(f"{where}: expected a table, got {type(data).__name__}")
    unknown = sorted(set(data) - known) if known is not None else []
    if unknown:
        raise CorpusError(
            f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    return data


def _choice(value: Any, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise CorpusError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise CorpusError(f"{where}: expected a name, got {value!r}")
    return value


def _mention(value: Any, where: str) -> MentionMapping:
    if isinstance(value, str):
        return MentionMapping(_choice(value, MENTION_TYPES, where))
    table = _table(value, where, {"type", "kind"})
    return MentionMapping(
        _choice(table.get("type"), MENTION_TYPES, f"{where}.type"),
        _choice(table.get("kind", "NAM"), MENTION_KINDS, f"{where}.kind"),
    )


def _claim(value: Any, where: str) -> ClaimMapping:
    table = _table(value, where, {"content", "cue", "sources", "parent"})
    if "content" not in table:
        raise CorpusError(f"{where}: missing 'content' (a role, or {TRIGGER!r})")
    roles = {key: _text(role, f"{where}.{key}") for key, role in table.items()}
    if roles.get("sources") == TRIGGER or roles.get("parent") == TRIGGER:
        raise CorpusError(f"{where}: sources and parent are roles, never the {TRIGGER}")
    held = [role for role in roles.values()]
    if len(set(held)) < len(held):
        raise CorpusError(f"{where}: one role (or the trigger) holds two parts")
    return ClaimMapping(**roles)


def _attribute(value: Any, where: str) -> AttributeMapping:
    table = _table(value, where, {"sets", "values", "value"})
    sets = _choice(table.get("sets"), (*CLAIM_SETTINGS, MENTION_KIND), f"{where}.sets")
    allowed = _allowed(sets)
    if "value" in table and "values" in table:
        raise CorpusError(f"{where}: give 'value' (binary attribute) or 'values', not both")
    if "value" in table:
        return AttributeMapping(sets, {None: _choice(table["value"], allowed, f"{where}.value")})
    values = _table(table.get("values", {value: value for value in allowed}), f"{where}.values")
    return AttributeMapping(
        sets,
        {
            _text(brat, f"{where}.values"): _choice(ours, allowed, f"{where}.values.{brat}")
            for brat, ours in values.items()
        },
    )
