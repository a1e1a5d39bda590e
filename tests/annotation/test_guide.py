"""The annotators' guide: rendered from the config, embedded in the guidelines as rendered."""

from __future__ import annotations

import re

import pytest

from annotation.config import choice_hotkeys, region_hotkeys
from annotation.guide import BLOCK, embed_markdown, render_markdown
from corpus.markdown import markers
from corpus.schema import RELATION_TYPES
from tests.conftest import REPO

GUIDELINES = REPO / "annotation" / "guidelines.md"
BEGIN, END = markers(BLOCK)


def test_the_guidelines_embed_the_guide_as_rendered():
    document = GUIDELINES.read_text(encoding="utf-8")
    assert document.count(BEGIN) == document.count(END) == 1
    assert embed_markdown(document) == document


def test_the_guide_gives_every_hotkey_of_the_config():
    guide = render_markdown()
    for label, key in region_hotkeys().items():
        assert f"| {label} | `{key}` |" in guide
    for value, key in choice_hotkeys().items():
        assert re.search(rf"\| {value} \| `{re.escape(key)}` \|", guide)
    assert "| quote | INDIRECT | `shift+e` | default |" in guide


def test_the_guide_gives_the_argument_types_of_every_relation():
    guide = render_markdown()
    for name in RELATION_TYPES:
        assert f"| {name} | " in guide
    assert "| HAS_ROLE | PERSON | ROLE |  |" in guide
    assert "| MEETS | PERSON | PERSON | either way |" in guide


def test_embedding_needs_exactly_one_block():
    with pytest.raises(ValueError, match="found 0"):
        embed_markdown("no block here")
    stale = f"before\n{BEGIN}\nold text\n{END}\nafter"
    assert embed_markdown(stale) == f"before\n{BEGIN}\n{render_markdown()}{END}\nafter"
