"""What the validator rejects is dropped, with what refers to it, until nothing is left."""

from __future__ import annotations

import pytest

from baselines.llm.validity import valid_part
from corpus.schema import Annotation, Article, Claim, ClaimLink, Entity, Mention, Span
from corpus.store import CorpusStore
from corpus.validate import check_annotation
from tests.conftest import REPO

# SYNTHETIC test text: not a news article.
ARTICLE = Article("synthetic", "Ana said he left. Bo said it rained.")


def test_valid_part_keeps_a_valid_annotation_whole() -> None:
    store = CorpusStore(REPO / "corpus")
    [annotation], [article] = (lists[:1] for lists in store.gold_documents("train"))
    assert valid_part(annotation, article) == (annotation, [])


def test_valid_part_refuses_what_it_cannot_drop() -> None:
    wrong_text = Annotation("synthetic", text_sha256="0" * 64)
    with pytest.raises(ValueError, match="cannot drop 'text_sha256'"):
        valid_part(wrong_text, ARTICLE)


def test_a_rejected_claim_takes_its_links_and_its_childrens_parent_along() -> None:
    text = ARTICLE.text
    ana = Mention("m1", 0, 3, "PERSON", "NAM", "e1", "Ana")
    outside = Claim("c1", Span(9, 900), Span(4, 8), ("m1",))  # past the end of the text
    child = Claim("c2", Span(text.index("he"), 16), None, (), parent="c1")
    other = Claim("c3", Span(text.index("it"), 35), Span(text.index("said", 20), 25))
    links = (ClaimLink("l1", "SUPPORTS", "c3", "c1"), ClaimLink("l2", "SUPPORTS", "c3", "c2"))
    annotation = Annotation(
        "synthetic", None, (ana,), (Entity("e1", "Ana"),), (), (outside, child, other), links
    )
    valid, drops = valid_part(annotation, ARTICLE)
    assert check_annotation(valid, ARTICLE, "test") == []
    assert [c.id for c in valid.claims] == ["c2", "c3"] and valid.claims[0].parent is None
    assert [link.id for link in valid.claim_links] == ["l2"]
    assert sorted(drop.key for drop in drops) == [
        "claim links: refers to a dropped item",
        "claim parents: refers to a dropped item",
        "claims: invalid",
    ]
