"""The document model: JSON and pickle round trips and errors that name the item."""

from __future__ import annotations

import pickle
from dataclasses import fields

import pytest

from corpus.schema import (
    Annotation,
    Article,
    ArticleMeta,
    Claim,
    ClaimLink,
    Entity,
    Mention,
    Relation,
    SchemaError,
    Span,
)

# Synthetic items (not taken from any article).
META = ArticleMeta(
    title="Synthetic title",
    source="Synthetic Wire",
    published="2025-06-17",
    url="https://example.org/synthetic",
    language="en",
    rights="Synthetic test text.",
)
MENTION = Mention("m1", 0, 11, "GPE", "NAM", "e1", "North Korea")
ENTITY = Entity("e1", "North Korea")
RELATION = Relation("r1", "DEPLOYS_TO", "m1", "m2")
CLAIM_FULL = Claim(
    "c1",
    content=Span(0, 40),
    cue=Span(45, 49),
    sources=("m3", "m4"),
    parent="c2",
    stance="DENY",
    certainty="POSSIBLE",
    kind="INTENTION",
    quote="DIRECT",
)
CLAIM_BARE = Claim("c2", content=Span(0, 60))
LINK = ClaimLink("l1", "CONTRADICTS", "c1", "c2")


@pytest.mark.parametrize(
    "item",
    [
        META,
        ArticleMeta(),
        Article("doc1", "Synthetic text.\nSecond paragraph.", META),
        Article("doc2", "Synthetic text."),
        MENTION,
        Mention("m2", 3, 9, "PERSON", "PRO"),
        ENTITY,
        RELATION,
        CLAIM_FULL,
        CLAIM_BARE,
        LINK,
    ],
    ids=lambda item: type(item).__name__,
)
def test_round_trip(item) -> None:
    if isinstance(item, (ArticleMeta, Article)):
        assert type(item).from_dict(item.to_dict()) == item
    else:
        assert type(item).from_dict(item.to_dict(), "doc") == item


def test_annotation_round_trip() -> None:
    annotation = Annotation(
        "doc1",
        "0" * 64,
        mentions=(MENTION, Mention("m2", 20, 26, "LOC")),
        entities=(ENTITY,),
        relations=(RELATION,),
        claims=(CLAIM_FULL, CLAIM_BARE),
        claim_links=(LINK,),
    )
    assert Annotation.from_dict(annotation.to_dict()) == annotation
    empty = Annotation("doc2")
    assert Annotation.from_dict(empty.to_dict()) == empty


def test_pickled_as_class_and_field_values() -> None:
    """What ``--workers`` sends back: every field kept, by the fast path (``Record``)."""
    annotation = Annotation(
        "doc1", "0" * 64, mentions=(MENTION,), entities=(ENTITY,), claims=(CLAIM_FULL,)
    )
    assert pickle.loads(pickle.dumps(annotation)) == annotation
    for item in (annotation, CLAIM_FULL, Article("doc1", "Synthetic text.", META)):
        values = tuple(getattr(item, f.name) for f in fields(item))
        assert item.__reduce__() == (type(item), values)


def test_claim_json_names_cue_and_parent_as_null_when_absent() -> None:
    data = CLAIM_BARE.to_dict()
    assert data["cue"] is None and data["parent"] is None and data["sources"] == []


def test_claim_link_uses_from_and_to_in_json() -> None:
    assert LINK.to_dict() == {"id": "l1", "type": "CONTRADICTS", "from": "c1", "to": "c2"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"doc_id": "d", "mentions": [{"id": "m7", "start": 0, "end": 2, "type": "ANIMAL"}]},
            "d: mention m7: unknown mention type 'ANIMAL'",
        ),
        (
            {
                "doc_id": "d",
                "mentions": [{"id": "m7", "start": 0, "end": 2, "type": "GPE", "kind": "X"}],
            },
            "d: mention m7: unknown mention kind 'X'",
        ),
        (
            {"doc_id": "d", "relations": [{"id": "r3", "type": "LOVES", "head": "a", "tail": "b"}]},
            "d: relation r3: unknown relation type 'LOVES'",
        ),
        (
            {
                "doc_id": "d",
                "claims": [{"id": "c4", "content": {"start": 0, "end": 5}, "kind": "X"}],
            },
            "d: claim c4: unknown kind 'X'",
        ),
        (
            {"doc_id": "d", "claim_links": [{"id": "l2", "type": "MAYBE", "from": "a", "to": "b"}]},
            "d: claim link l2: unknown claim link type 'MAYBE'",
        ),
        (
            {"doc_id": "d", "mentions": [{"id": "m8", "start": 0, "type": "GPE"}]},
            "d: mention m8: missing field 'end'",
        ),
        (
            {"doc_id": "d", "claims": [{"id": "c5", "sources": []}]},
            "d: claim c5: missing field 'content'",
        ),
        ({"doc_id": "d", "entities": [{"id": "e9"}]}, "d: entity e9: missing field 'name'"),
        (
            {"doc_id": "d", "relations": [{"id": "r4", "type": "MEETS", "head": "m1"}]},
            "d: relation r4: missing field 'tail'",
        ),
        ({"mentions": []}, "annotation: missing field 'doc_id'"),
    ],
)
def test_annotation_errors_name_the_item(data: dict, message: str) -> None:
    with pytest.raises(SchemaError) as raised:
        Annotation.from_dict(data)
    assert message in str(raised.value)


def test_article_errors_name_the_file_and_document() -> None:
    with pytest.raises(SchemaError, match=r"a\.json: doc1: missing field 'text'"):
        Article.from_dict({"id": "doc1"}, "a.json")
    with pytest.raises(SchemaError, match=r"a\.json: doc1: empty text"):
        Article.from_dict({"id": "doc1", "text": " \n "}, "a.json")
    with pytest.raises(SchemaError, match=r"doc1: meta: unknown field\(s\) 'author'"):
        Article.from_dict({"id": "doc1", "text": "x", "meta": {"author": "A"}}, "a.json")


def test_span_must_be_non_empty() -> None:
    with pytest.raises(SchemaError, match=r"mention m1: empty or negative span \[5, 5\)"):
        Mention.from_dict({"id": "m1", "start": 5, "end": 5, "type": "GPE"}, "d")
