"""The label block of the guidelines in short: generated from the schema and the guidelines'
tables, and embedded in the llm baseline's prompt file as generated."""

from __future__ import annotations

import pytest

from annotation.guidelines import GUIDELINES
from annotation.short_form import (
    BLOCK,
    TYPES_TABLE,
    embed_labels,
    render_labels,
    table_rows,
)
from corpus.markdown import markers
from corpus.schema import CLAIM_LINK_TYPES, MENTION_KINDS, MENTION_TYPES, RELATION_TYPES
from tests.conftest import REPO

SHORT_FORM = REPO / "baselines" / "llm" / "guidelines.md"


def test_the_prompt_file_embeds_the_label_block_as_generated() -> None:
    document = SHORT_FORM.read_text(encoding="utf-8")
    begin, end = markers(BLOCK)
    assert document.count(begin) == document.count(end) == 1
    assert embed_labels(document) == document  # else: python -m annotation.short_form FILE


def test_every_label_gets_its_definition_from_the_guidelines() -> None:
    guidelines = GUIDELINES.read_text(encoding="utf-8")
    block = render_labels(guidelines)
    for label in (*MENTION_KINDS, *MENTION_TYPES):
        assert f"\n- {label}: " in block
    for name in RELATION_TYPES:
        assert f"\n- {name} (" in block
    assert "- HAS_ROLE (PERSON → ROLE): the sentence states that the person holds" in block
    assert "- MEETS (PERSON ↔ PERSON)" in block
    assert "- quote: INDIRECT, DIRECT, MIXED" in block  # the default first
    assert all(link in block for link in CLAIM_LINK_TYPES)
    assert "train:" not in block and "(constructed)" not in block  # for annotators only


def test_a_table_missing_or_with_other_labels_is_an_error() -> None:
    guidelines = GUIDELINES.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="expected one table headed"):
        table_rows("no tables here", TYPES_TABLE)
    renamed = guidelines.replace("| WEAPON |", "| ARMS |", 1)
    with pytest.raises(ValueError, match=r"missing \['WEAPON'\], unknown \['ARMS'\]"):
        render_labels(renamed)
    broken = guidelines.replace("| LOC | a place", "| LOC | a | place", 1)
    with pytest.raises(ValueError, match="table row with 5 cells"):
        render_labels(broken)
