"""Helpers for the rule modules' tests: every sentence given to them is a CONSTRUCTED test
fixture (invented people, organisations and events; real place names only where the gazetteer
needs one), not news."""

from __future__ import annotations

from baselines.base import Draft
from baselines.rules import rules_draft, sentence_tokens
from corpus.schema import Article


def draft_of(text: str) -> Draft:
    """All rule predictions of ``text`` (mentions, relations, claims), before ids are given."""
    return rules_draft(Article("constructed", text), sentence_tokens(text))


def surface(draft: Draft, index: int) -> str:
    mention = draft.mentions[index]
    return draft.text[mention.start : mention.end]


def mentions_of(text: str) -> list[str]:
    """Each mention of ``text`` as ``"surface TYPE"``, in text order."""
    return [f"{m.text} {m.type}" for m in draft_of(text).build().mentions]


def relations_of(text: str) -> set[str]:
    """Each relation of ``text`` as ``"head TYPE tail"`` (surfaces)."""
    draft = draft_of(text)
    return {f"{surface(draft, h)} {type_} {surface(draft, t)}" for type_, h, t in draft.relations}
