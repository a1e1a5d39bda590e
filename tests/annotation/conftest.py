"""A real Label Studio for the session, and a SYNTHETIC document with every layer.

The server is found the way ``python -m annotation serve`` finds it. Without one the
server-backed tests skip with the reason, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from label_studio_sdk import LabelStudio

from annotation.client import connect
from annotation.server import (
    DEFAULT_DATA_DIR,
    Credentials,
    LabelStudioError,
    LabelStudioServer,
    find_label_studio,
    free_port,
)
from corpus.schema import (
    Annotation,
    Article,
    ArticleMeta,
    Claim,
    ClaimLink,
    Entity,
    Mention,
    Relation,
    Span,
)
from corpus.store import CorpusStore
from corpus.text import derive_doc_id, text_sha256

# SYNTHETIC test text, written for these tests; not a real article.
SYNTHETIC_TEXT = (
    "Synthetic test text.\n"
    "Officials in Seoul said North Korea sent troops to Kursk, and Kim Jong Un praised them.\n"
    "Moscow has denied the report, TASS said, citing Shoigu as saying that he met Kim."
)
# SYNTHETIC text with non-BMP characters and a Windows line break.
EMOJI_TEXT = "Rocket 🚀 launch in Seoul.\r\nThe 😀 crowd cheered Kim 𝒳 later in Pyongyang."


def server_missing(reason: str) -> None:
    """Fail in CI, skip (with the reason) elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabelStudioServer]:
    try:
        executable = find_label_studio(DEFAULT_DATA_DIR)
    except LabelStudioError as error:
        server_missing(str(error))
    data_dir = tmp_path_factory.mktemp("label-studio")
    credentials = Credentials("tester@claimwire.local", "tester-password-1", "t" * 40)
    server = LabelStudioServer(executable, data_dir, free_port(), credentials)
    with server:
        yield server


@pytest.fixture(scope="session")
def client(label_studio: LabelStudioServer) -> LabelStudio:
    return connect(label_studio.url, label_studio.credentials.api_key)


def mention_at(text: str, mention_id: str, surface: str, type_: str, **fields) -> Mention:
    """The mention of the first occurrence of ``surface`` after ``fields['after']``."""
    start = text.index(surface, fields.pop("after", 0))
    return Mention(mention_id, start, start + len(surface), type_, text=surface, **fields)


def synthetic_annotation(text: str) -> Annotation:
    """Every layer and attribute over ``SYNTHETIC_TEXT`` (SYNTHETIC); ids not in text order."""
    line3 = text.index("Moscow")
    mentions = (
        mention_at(text, "m1", "Seoul", "GPE", entity="e4"),
        mention_at(text, "m2", "North Korea", "GPE", entity="e1"),
        mention_at(text, "m3", "Kursk", "LOC", entity="e5"),
        mention_at(text, "m4", "Kim Jong Un", "PERSON", entity="e2"),
        mention_at(text, "m5", "Officials", "PERSON", kind="NOM", entity="e6"),
        mention_at(text, "m6", "Moscow", "GPE", entity="e7"),
        mention_at(text, "m7", "TASS", "ORG", entity="e8"),
        mention_at(text, "m8", "Shoigu", "PERSON", entity="e3"),
        mention_at(text, "m9", "he", "PERSON", kind="PRO", entity="e3", after=line3 + 60),
        mention_at(text, "m10", "Kim", "PERSON", entity="e2", after=line3),
    )

    def span(surface: str, after: int = 0) -> Span:
        start = text.index(surface, after)
        return Span(start, start + len(surface))

    claims = (
        Claim(
            "c1",
            span("North Korea sent troops to Kursk"),
            span("said"),
            ("m5",),
            None,
            "ASSERT",
            "PROBABLE",
            "FACT",
            "INDIRECT",
        ),
        Claim("c2", span("the report"), span("has denied"), ("m6",), None, "DENY"),
        Claim(
            "c3",
            span("he met Kim"),
            span("citing"),
            ("m8",),
            "c4",
            "ASSERT",
            "POSSIBLE",
            "OPINION",
            "MIXED",
        ),
        Claim("c4", span("citing Shoigu as saying that he met Kim"), span("said", line3), ("m7",)),
        Claim("c5", span("Kim Jong Un praised them"), None, (), None, kind="PREDICTION"),
    )
    return Annotation(
        doc_id=derive_doc_id(text),
        text_sha256=text_sha256(text),
        mentions=mentions,
        entities=(
            Entity("e1", "North Korea"),
            Entity("e2", "Kim Jong Un"),
            Entity("e3", "Shoigu"),
            Entity("e4", "Seoul"),
            Entity("e5", "Kursk"),
            Entity("e6", "Officials"),
            Entity("e7", "Moscow"),
            Entity("e8", "TASS"),
        ),
        relations=(
            Relation("r1", "DEPLOYS_TO", "m2", "m3"),
            Relation("r2", "MEETS", "m9", "m10"),
        ),
        claims=claims,
        claim_links=(
            ClaimLink("l1", "CONTRADICTS", "c2", "c1"),
            ClaimLink("l2", "SUPPORTS", "c4", "c1"),
        ),
    )


def emoji_annotation(text: str) -> Annotation:
    """Mentions after (and one with) non-BMP characters and a ``\\r\\n`` (SYNTHETIC)."""
    return Annotation(
        doc_id=derive_doc_id(text),
        text_sha256=text_sha256(text),
        mentions=(
            mention_at(text, "m1", "Seoul", "GPE", entity="e1"),
            mention_at(text, "m2", "Kim 𝒳", "PERSON", entity="e2"),
            mention_at(text, "m3", "Pyongyang", "GPE", entity="e3"),
        ),
        entities=(Entity("e1", "Seoul"), Entity("e2", "Kim 𝒳"), Entity("e3", "Pyongyang")),
        claims=(Claim("c1", Span(text.index("crowd"), text.index(" later")), None),),
    )


def synthetic_article(text: str) -> Article:
    return Article(derive_doc_id(text), text, ArticleMeta(title="Synthetic test document"))


@pytest.fixture
def corpus_store(tmp_path: Path) -> CorpusStore:
    """A corpus folder holding the two SYNTHETIC articles."""
    store = CorpusStore(tmp_path / "corpus")
    for text in (SYNTHETIC_TEXT, EMOJI_TEXT):
        store.save_article(synthetic_article(text))
    return store
