"""The answer format: a JSON object of quoted spans, read from a model, written from gold.

The model quotes, it never counts: a span is ``{"text": …, "context": …}``, the words of the
passage as they stand and, when they occur more than once there, a longer piece of the
passage around this occurrence that occurs once (``corpus.locate``); a mention carries the
two keys itself. Items refer to each other by ids the model chooses::

    {"mentions": [{"id": "m1", "text": "Maria Lopez", "context": null, "type": "PERSON",
                   "kind": "NAM", "entity": "Maria Lopez"}, …],
     "relations": [{"type": "HAS_ROLE", "head": "m1", "tail": "m2"}],
     "claims": [{"id": "c1", "content": {"text": "…", "context": null},
                 "cue": {"text": "said", "context": "Lopez said"}, "sources": ["m1"],
                 "parent": null, "stance": "ASSERT", "certainty": "CERTAIN", "kind": "FACT",
                 "quote": "INDIRECT"}],
     "claim_links": [{"type": "SUPPORTS", "from": "c2", "to": "c1"}]}

``entity`` names the entity of a mention: the same string for each of its mentions, null for
a mention that is an entity of its own.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from corpus.locate import unique_context
from corpus.schema import CLAIM_ATTRIBUTES, Annotation, Span

LAYERS: tuple[str, ...] = ("mentions", "relations", "claims", "claim_links")
# A JSON answer wrapped in a Markdown code fence, as chat models often write it.
FENCED = re.compile(r"```(?:json)?\s*\n(.*)\n\s*```", flags=re.S)
# The reasoning that some models (and servers without a reasoning parser) put before it.
THINKING = re.compile(r"\A\s*<think>.*?</think>", flags=re.S)


class UnparseableAnswer(ValueError):
    """An answer that is not a JSON object; the message says why, in one line."""


def parse_answer(content: str | None) -> dict[str, Any]:
    """The JSON object of an answer (one Markdown code fence around it, and a reasoning
    model's ``<think>…</think>`` before it, are allowed)."""
    content = THINKING.sub("", content or "", count=1).strip()
    if not content:
        raise UnparseableAnswer("empty answer")
    fenced = FENCED.fullmatch(content)
    try:
        answer = json.loads(fenced.group(1) if fenced else content)
    except json.JSONDecodeError as error:
        raise UnparseableAnswer(f"not JSON: {error}") from None
    if not isinstance(answer, dict):
        raise UnparseableAnswer(f"a JSON {type(answer).__name__}, not an object")
    return answer


def answer_of(annotation: Annotation, text: str, start: int, end: int) -> dict[str, Any]:
    """The answer that ``annotation`` (gold of ``text``) gives for the passage
    ``text[start:end]``: its items that lie in the passage, with the claims' cues, sources and
    parents and the links' claims that lie there too; entities of several mentions in the
    passage named by their name (then "#2", "#3" for another entity of the same name)."""

    def inside(span: Span) -> bool:
        return start <= span.start and span.end <= end

    def quoted(span: Span) -> dict[str, str | None]:
        return {
            "text": text[span.start : span.end],
            "context": unique_context(text, span, start, end),
        }

    mentions = [m for m in annotation.mentions if inside(m.span)]
    entity_names = _entity_names(annotation, [m.entity for m in mentions])
    claims = [c for c in annotation.claims if inside(c.content)]
    mention_ids, claim_ids = {m.id for m in mentions}, {c.id for c in claims}
    return {
        "mentions": [
            {
                "id": m.id,
                **quoted(m.span),
                "type": m.type,
                "kind": m.kind,
                "entity": entity_names.get(m.entity),
            }
            for m in mentions
        ],
        "relations": [
            {"type": r.type, "head": r.head, "tail": r.tail}
            for r in annotation.relations
            if r.head in mention_ids and r.tail in mention_ids
        ],
        "claims": [
            {
                "id": c.id,
                "content": quoted(c.content),
                "cue": quoted(c.cue) if c.cue and inside(c.cue) else None,
                "sources": [s for s in c.sources if s in mention_ids],
                "parent": c.parent if c.parent in claim_ids else None,
                **{name: c.attribute(name) for name in CLAIM_ATTRIBUTES},
            }
            for c in claims
        ],
        "claim_links": [
            {"type": link.type, "from": link.source, "to": link.target}
            for link in annotation.claim_links
            if link.source in claim_ids and link.target in claim_ids
        ],
    }


def _entity_names(annotation: Annotation, entities: list[str | None]) -> dict[str, str]:
    """Entity id -> the name the answer gives it, for the entities of several mentions."""
    name_of = {entity.id: entity.name for entity in annotation.entities}
    counts = Counter(entities)
    names: dict[str, str] = {}
    taken: Counter[str] = Counter()
    for entity in dict.fromkeys(entities):  # in the order of their first mention
        if entity is None or counts[entity] < 2:
            continue
        name = name_of.get(entity, entity)
        taken[name] += 1
        names[entity] = name if taken[name] == 1 else f"{name} #{taken[name]}"
    return names
