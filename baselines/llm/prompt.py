"""The prompt: instructions generated from the schema and the guidelines in short, few-shot
examples from the train split, and the JSON schema of the answer.

The system message is the template below, filled with the guidelines in short
(``guidelines.md`` beside this module, less its comments) and the answer format, whose labels
come from ``corpus.schema``. Its version is ``TEMPLATE_VERSION`` (raised by hand when the
template changes its design) and the first 8 hex digits of the SHA-256 of the system message
and the answer schema, so that any change of the guidelines in short or of the schema gives a
new version, and answers cached for another prompt are never reused.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
)

TEMPLATE_VERSION = "1"
SHORT_GUIDELINES = Path(__file__).with_name("guidelines.md")
COMMENT = re.compile(r"<!--.*?-->\n?", flags=re.S)

Message = dict[str, str]

TEMPLATE = """\
You annotate English news articles for the claimwire benchmark: mentions (typed, grouped into \
entities), relations between mentions, and claims (who says what, how). You read one passage \
of an article at a time and answer with one JSON object, nothing else.

{guidelines}

# Your answer

One JSON object with four lists (empty when the passage has none):

- "mentions": every mention, in the order of the passage, repetitions included: {{"id": an id \
of your choice, unique in the answer, "text" and "context": its span, "type": {types}, \
"kind": {kinds}, "entity": the name of its entity, the same string for every mention of one \
entity (the text of its first name; "Kim #2" for a second entity with the same name), or null \
for a mention that is an entity of its own}}.
- "relations": {{"type": {relations}, "head": a mention id, "tail": a mention id}}.
- "claims": {{"id": an id of your choice, "content": a span, "cue": a span or null, \
"sources": a list of mention ids, "parent": a claim id or null, {attributes}}}.
- "claim_links": {{"type": {links}, "from": a claim id, "to": a claim id}}.

A span is quoted, never counted: "text" copies the words of the span from the passage \
exactly as they stand there (same spelling, same punctuation), nothing added and nothing left \
out; "context" is null when "text" occurs once in the passage, else a longer piece of the \
passage, copied exactly, that holds this occurrence and occurs once (for one of several \
"said": "Lopez said"). "content" and "cue" are objects {{"text": …, "context": …}}; a \
mention has the two keys itself.
"""


def _one_of(values: Sequence[str]) -> str:
    return "one of " + ", ".join(values) if len(values) > 2 else " or ".join(values)


@cache
def short_guidelines() -> str:
    """The guidelines in short, as the prompt gives them (without the file's comments)."""
    return COMMENT.sub("", SHORT_GUIDELINES.read_text(encoding="utf-8")).strip()


@cache
def system_message() -> str:
    attributes = ", ".join(
        f'"{name}": {_one_of(values)}' for name, values in CLAIM_ATTRIBUTES.items()
    )
    return TEMPLATE.format(
        guidelines=short_guidelines(),
        types=_one_of(MENTION_TYPES),
        kinds=_one_of(MENTION_KINDS),
        relations=_one_of(tuple(RELATION_TYPES)),
        attributes=attributes,
        links=_one_of(tuple(CLAIM_LINK_TYPES)),
    )


def _object(**properties: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _enum(values: Sequence[str]) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


@cache
def answer_schema() -> dict[str, Any]:
    """The JSON schema of an answer, strict (every key required, no other key), for servers
    that constrain their output to one (``response_format`` ``json_schema``)."""
    string, optional = {"type": "string"}, {"type": ["string", "null"]}
    span = _object(text=string, context=optional)
    mention = _object(
        id=string,
        text=string,
        context=optional,
        type=_enum(MENTION_TYPES),
        kind=_enum(MENTION_KINDS),
        entity=optional,
    )
    claim = _object(
        id=string,
        content=span,
        cue={"anyOf": [span, {"type": "null"}]},
        sources=_list(string),
        parent=optional,
        **{name: _enum(values) for name, values in CLAIM_ATTRIBUTES.items()},
    )
    return _object(
        mentions=_list(mention),
        relations=_list(_object(type=_enum(tuple(RELATION_TYPES)), head=string, tail=string)),
        claims=_list(claim),
        claim_links=_list(
            _object(type=_enum(tuple(CLAIM_LINK_TYPES)), **{"from": string, "to": string})
        ),
    )


@cache
def prompt_version() -> str:
    """``TEMPLATE_VERSION`` and a digest of the system message and the answer schema."""
    digest = hashlib.sha256(system_message().encode("utf-8"))
    digest.update(json.dumps(answer_schema(), sort_keys=True).encode("utf-8"))
    return f"{TEMPLATE_VERSION}-{digest.hexdigest()[:8]}"


@dataclass(frozen=True)
class Example:
    """A few-shot example: a passage of a train document and the answer its gold gives."""

    doc_id: str
    passage: str
    answer: dict[str, Any]


def _user_message(passage: str) -> Message:
    return {"role": "user", "content": f"Annotate this passage.\n\n{passage}"}


def messages(passage: str, examples: Sequence[Example] = ()) -> list[Message]:
    """The chat messages that ask for the answer for ``passage``: the system message, each
    example as a question and its answer, then the passage."""
    shots: list[Message] = []
    for example in examples:
        answer = json.dumps(example.answer, ensure_ascii=False)
        shots += [_user_message(example.passage), {"role": "assistant", "content": answer}]
    return [{"role": "system", "content": system_message()}, *shots, _user_message(passage)]
