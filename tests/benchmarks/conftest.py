"""A SYNTHETIC test document (made-up sentences, not news) with gold of every layer.

Tokens: ``Alice Smith met Bob Jones in Paris .`` / ``Acme Corp said the plan will work .`` /
``Smith said Jones may resign .``
"""

from __future__ import annotations

from typing import Any

import pytest

from corpus.schema import Annotation, Article

SYNTHETIC_TEXT = (
    "Alice Smith met Bob Jones in Paris.\n"
    "Acme Corp said the plan will work.\n"
    "Smith said Jones may resign."
)


def span(surface: str, occurrence: int = 0) -> dict[str, int]:
    """Offsets of the ``occurrence``-th appearance of ``surface`` in the synthetic text."""
    start = -1
    for _ in range(occurrence + 1):
        start = SYNTHETIC_TEXT.index(surface, start + 1)
    return {"start": start, "end": start + len(surface)}


def mention(
    mention_id: str, surface: str, type_: str, entity: str | None = None, occurrence: int = 0
) -> dict[str, Any]:
    return {
        "id": mention_id,
        **span(surface, occurrence),
        "type": type_,
        "kind": "NAM",
        "entity": entity,
    }


def claim(
    claim_id: str, content: str, cue: tuple[str, int] | None, sources: list[str], **rest: str
) -> dict[str, Any]:
    """A claim; ``cue`` is ``(surface, occurrence)``."""
    cue_span = None if cue is None else span(*cue)
    return {"id": claim_id, "content": span(content), "cue": cue_span, "sources": sources, **rest}


GOLD: dict[str, Any] = {
    "doc_id": "synthetic1",
    "mentions": [
        mention("m1", "Alice Smith", "PERSON", "e1"),
        mention("m2", "Bob Jones", "PERSON", "e2"),
        mention("m3", "Paris", "GPE", "e3"),
        mention("m4", "Acme Corp", "ORG", "e4"),
        mention("m5", "Smith", "PERSON", "e1", occurrence=1),
        mention("m6", "Jones", "PERSON", "e2", occurrence=1),
    ],
    "entities": [{"id": f"e{i}", "name": f"entity {i}"} for i in range(1, 5)],
    "relations": [
        {"id": "r1", "type": "MEETS", "head": "m1", "tail": "m2"},
        {"id": "r2", "type": "SUPPLIES", "head": "m4", "tail": "m3"},
    ],
    "claims": [
        claim("c1", "the plan will work", ("said", 0), ["m4"]),
        claim(
            "c2", "Jones may resign", ("said", 1), ["m5"], certainty="POSSIBLE", kind="PREDICTION"
        ),
    ],
    "claim_links": [{"id": "l1", "type": "CONTRADICTS", "from": "c1", "to": "c2"}],
}


def annotation(data: dict[str, Any] | None = None, **layers: list) -> Annotation:
    """The gold of the synthetic document, or ``data``, with ``layers`` replaced."""
    return Annotation.from_dict({**(data or GOLD), **layers})


@pytest.fixture
def synthetic_article() -> Article:
    return Article("synthetic1", SYNTHETIC_TEXT)


@pytest.fixture
def synthetic_gold() -> Annotation:
    return annotation()
