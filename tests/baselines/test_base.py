"""Drafts (``baselines/base.py``) build valid annotations, on a SYNTHETIC sentence."""

from __future__ import annotations

from baselines.base import (
    ACROSS_SENTENCES,
    CYCLE,
    OFF_TOKENS,
    OVERLAPPING,
    PRONOUN_NAMES,
    RELATIONS_OF_LEFT_OUT,
    SOURCES_LEFT_OUT,
    Draft,
    DraftClaim,
    sentence_tokens,
)
from corpus.schema import Article
from corpus.validate import check_annotation

TEXT = "Ann Lee met Bo Ruiz in Lima. I left."  # SYNTHETIC


def _draft() -> Draft:
    return Draft("synthetic", TEXT, sentence_tokens(TEXT))


def _claim(content: tuple[int, int], parent: int | None, sources: tuple[int, ...] = ()):
    return DraftClaim(content, None, sources, parent, "ASSERT", "CERTAIN", "FACT", "INDIRECT")


def test_names_that_an_annotation_cannot_hold_are_dropped_and_counted() -> None:
    # off tokens, a pronoun, across two sentences, overlapping an earlier name
    draft = _draft()
    ann = draft.add_mention(0, 7, "PERSON", "NAM", "ann")  # "Ann Lee"
    lee = draft.add_mention(4, 7, "PERSON", "NAM", "lee")  # inside "Ann Lee"
    off = draft.add_mention(12, 13, "PERSON", "NAM", "b")  # "B" of "Bo"
    bo = draft.add_mention(12, 19, "PERSON", "NAM", "bo")
    pronoun = draft.add_mention(4, 7, "PERSON", "PRO", "x")  # same span: the first index
    draft.add_mention(29, 30, "ORG", "NAM", "i")  # "I"
    draft.add_mention(23, 30, "GPE", "NAM", "lima")  # "Lima. I": across two sentences
    draft.add_relation("MEETS", ann, bo)
    draft.add_relation("MEETS", lee, bo)
    draft.add_claim(_claim((8, 27), None, sources=(off, ann)))

    annotation = draft.build()

    assert pronoun == lee
    assert [m.text for m in annotation.mentions] == ["Ann Lee", "Bo Ruiz"]
    assert [(r.head, r.tail) for r in annotation.relations] == [("m1", "m2")]
    assert annotation.claims[0].sources == ("m1",)
    assert draft.dropped == {
        OFF_TOKENS: 1,
        OVERLAPPING: 1,
        PRONOUN_NAMES: 1,
        ACROSS_SENTENCES: 1,
        RELATIONS_OF_LEFT_OUT: 1,  # and what named them
        SOURCES_LEFT_OUT: 1,
    }
    assert check_annotation(annotation, Article("synthetic", TEXT), "draft") == []


def test_a_parent_that_closes_a_cycle_is_cut_and_counted() -> None:
    draft = _draft()
    for content, parent in (((0, 7), 1), ((8, 14), 0), ((15, 19), 0), ((20, 27), 2)):
        draft.add_claim(_claim(content, parent))

    annotation = draft.build()

    assert [c.parent for c in annotation.claims] == [None, "c1", "c1", "c3"]
    assert draft.dropped == {CYCLE: 1}
    assert check_annotation(annotation, Article("synthetic", TEXT), "draft") == []
