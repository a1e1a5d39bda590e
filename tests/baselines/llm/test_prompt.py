"""The prompt: generated from the schema and the guidelines in short, versioned, strict."""

from __future__ import annotations

import json
import re
from typing import Any

from annotation.guidelines import guidelines_version
from annotation.short_form import BLOCK
from baselines.llm.prompt import (
    SHORT_GUIDELINES,
    TEMPLATE_VERSION,
    Example,
    answer_schema,
    messages,
    prompt_version,
    short_guidelines,
    system_message,
)
from corpus.markdown import embed_block
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    CLAIM_PARTS,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    STRUCTURAL_RELATIONS,
)

LABELS = {
    *MENTION_TYPES,
    *MENTION_KINDS,
    *RELATION_TYPES,
    *(value for values in CLAIM_ATTRIBUTES.values() for value in values),
    *CLAIM_LINK_TYPES,
}


def test_the_system_message_names_every_label_of_the_schema() -> None:
    words = set(re.findall(r"[A-Z][A-Z_]+", system_message()))
    assert words >= LABELS


def test_the_rules_in_short_name_only_the_schemas_labels() -> None:
    """A label renamed or removed in the schema leaves no trace in the hand-written rules
    (words in capitals of three letters or more, or with an underscore, are labels); the
    label block is generated (tests/annotation/test_short_form.py)."""
    rules = embed_block(SHORT_GUIDELINES.read_text(encoding="utf-8"), BLOCK, "")
    words = set(re.findall(r"\b(?:[A-Z]{3,}|[A-Z]+(?:_[A-Z]+)+)\b", rules))
    assert words <= LABELS | set(CLAIM_PARTS) | set(STRUCTURAL_RELATIONS)
    assert {"NAM", "NOM", "PRO", "HAS_ROLE", "DENY", "POSSIBLE", "OPINION", "MIXED"} <= words


def test_the_guidelines_in_short_are_of_the_current_guidelines() -> None:
    """When the guidelines get a new version, this fails until the rules in short are
    reviewed and their version set (baselines/llm/guidelines.md)."""
    assert f"Version {guidelines_version()} of the claimwire guidelines" in short_guidelines()
    assert "<!--" not in short_guidelines()  # the maintainers' note stays out of the prompt


def test_the_prompt_version_follows_its_text() -> None:
    version = prompt_version()
    assert re.fullmatch(rf"{TEMPLATE_VERSION}-[0-9a-f]{{8}}", version)


def strict(schema: dict[str, Any]) -> bool:
    """Whether every object of ``schema`` requires all its keys and allows no other, as
    OpenAI's strict structured output needs."""
    if schema.get("type") == "object":
        props = schema["properties"]
        if schema["required"] != list(props) or schema["additionalProperties"] is not False:
            return False
        return all(strict(value) for value in props.values())
    if schema.get("type") == "array":
        return strict(schema["items"])
    return all(strict(option) for option in schema.get("anyOf", []))


def test_the_answer_schema_is_strict_and_lists_the_labels() -> None:
    schema = answer_schema()
    assert strict(schema)
    text = json.dumps(schema)
    assert all(f'"{label}"' in text for label in LABELS)


def test_messages_put_examples_between_the_instructions_and_the_passage() -> None:
    example = Example("train1", "SYNTHETIC: Ana spoke.", {"mentions": [], "claims": []})
    sent = messages("SYNTHETIC: Bo spoke.", [example])
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user"]
    assert sent[0]["content"] == system_message()
    assert sent[1]["content"].endswith("SYNTHETIC: Ana spoke.")
    assert json.loads(sent[2]["content"]) == example.answer
    assert sent[3]["content"].endswith("SYNTHETIC: Bo spoke.")
    assert messages("SYNTHETIC: Bo spoke.") == [sent[0], sent[3]]
