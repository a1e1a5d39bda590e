"""Coreference by surface, for the rule baseline and the models built on it.

A value (a DATE, QUANTITY or ROLE mention) is an entity of its own. A name is the entity of an
earlier name with the same parts, case aside ("Kim Jong-un" and "Kim Jong Un" both have the
parts Kim, Jong, un); a lone part that starts or ends a person's name is that person ("Shoigu"
after "Sergei Shoigu"; the person named last wins).
"""

from __future__ import annotations

from collections.abc import Sequence

VALUE_TYPES: frozenset[str] = frozenset({"DATE", "QUANTITY", "ROLE"})


def value_key(type_: str, start: int) -> str:
    """The entity key of a value mention at ``start``: its own."""
    return f"{type_}:{start}"


def surface_key(parts: Sequence[str]) -> str:
    """What names with the same parts share: the parts joined, lower-cased."""
    return "".join(parts).lower()


class NameEntities:
    """The names of one document met so far: surface key -> (mention type, entity key)."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[str, str]] = {}

    def find(self, parts: Sequence[str]) -> tuple[str, str] | None:
        """The type and entity key of the earlier name with these parts, or None."""
        return self._known.get(surface_key(parts))

    def add(self, parts: Sequence[str], type_: str, entity_key: str) -> None:
        """A new name; a person's first and last part stand for the person from now on."""
        self._known[surface_key(parts)] = (type_, entity_key)
        if type_ == "PERSON":
            for part in (*parts[:1], *parts[-1:]):  # none for a name without parts ("-")
                self._known[surface_key([part])] = (type_, entity_key)
