"""A SYNTHETIC fixture document (invented for tests, not an article) with its gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.schema import Annotation, Article, Claim, Entity, Mention, Span
from corpus.store import CorpusStore, write_json
from corpus.text import derive_doc_id, text_sha256

# SYNTHETIC test text: not a news article.
SYNTHETIC_TEXT = (
    "Maria Lopez, secretary of the Finance Ministry, said on Monday that Canada will send "
    "two thousand engineers to Peru.\n"
    "“We are ready,” said Lopez."
)


def _span(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


@pytest.fixture
def synthetic_article() -> Article:
    return make_synthetic_article()


@pytest.fixture
def synthetic_gold(synthetic_article: Article) -> Annotation:
    return make_synthetic_gold(synthetic_article)


def make_synthetic_article() -> Article:
    return Article(derive_doc_id(SYNTHETIC_TEXT), SYNTHETIC_TEXT)


def make_synthetic_gold(synthetic_article: Article) -> Annotation:
    text = synthetic_article.text
    spans = [
        ("Maria Lopez", 0, "PERSON", "e1"),
        ("secretary", 0, "ROLE", "e2"),
        ("Finance Ministry", 0, "ORG", "e3"),
        ("Monday", 0, "DATE", "e4"),
        ("Canada", 0, "GPE", "e5"),
        ("two thousand", 0, "QUANTITY", "e6"),
        ("Peru", 0, "GPE", "e7"),
        ("Lopez", 1, "PERSON", "e1"),
    ]
    mentions = tuple(
        Mention(f"m{i + 1}", *_span(text, surface, nth), type_, "NAM", entity, surface)
        for i, (surface, nth, type_, entity) in enumerate(spans)
    )
    entities = tuple(
        Entity(f"e{i}", name)
        for i, name in enumerate(
            [
                "Maria Lopez",
                "secretary",
                "Finance Ministry",
                "Monday",
                "Canada",
                "two thousand",
                "Peru",
            ],
            start=1,
        )
    )
    claims = (
        Claim(
            "c1",
            Span(*_span(text, "Canada will send two thousand engineers to Peru")),
            Span(*_span(text, "said")),
            ("m1",),
            kind="INTENTION",
        ),
        Claim(
            "c2",
            Span(*_span(text, "We are ready")),
            Span(*_span(text, "said", 1)),
            ("m8",),
            quote="DIRECT",
        ),
    )
    from corpus.schema import Relation

    relations = (
        Relation("r1", "HAS_ROLE", "m1", "m2"),
        Relation("r2", "MEMBER_OF", "m1", "m3"),
        Relation("r3", "DEPLOYS_TO", "m5", "m7"),
    )
    return Annotation(
        synthetic_article.id, text_sha256(text), mentions, entities, relations, claims
    )


def write_synthetic_corpus(
    root: Path, splits: dict[str, int], by_hand: dict[str, int] | None = None, label: str = "A"
) -> CorpusStore:
    """A SYNTHETIC corpus folder: per split, that many variants of the synthetic document (its
    text and a closing line with ``label`` and a number) with their gold; ``by_hand`` more per
    split are placed there by hand (a ``selection.json`` lists the others as drawn)."""
    store = CorpusStore(root)
    recorded: dict[str, list[str]] = {}
    drawn: list[dict[str, str]] = []
    number = 0
    for split, count in splits.items():
        for n in range(count + (by_hand or {}).get(split, 0)):
            number += 1
            text = f"{SYNTHETIC_TEXT}\nSYNTHETIC variant {label}{number}."
            article = Article(derive_doc_id(text), text)
            store.save_article(article)
            store.save_annotation(make_synthetic_gold(article), store.gold_path(article.id))
            recorded.setdefault(split, []).append(article.id)
            if n < count:
                drawn.append({"id": article.id, "split": split})
    write_json(store.splits_path, {split: sorted(ids) for split, ids in recorded.items()})
    if by_hand:
        write_json(store.root / "selection.json", {"documents": drawn})
    return store
