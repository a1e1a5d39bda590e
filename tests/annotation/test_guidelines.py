"""The guidelines: a version, and no quotation from a dev or test article (protocol)."""

from __future__ import annotations

import re

from annotation.guidelines import GUIDELINES, documents_developed_on, guidelines_version
from corpus.store import REPO_CORPUS, CorpusStore

SHINGLE = 8  # words in a row that count as a quotation


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def test_the_guidelines_state_a_version() -> None:
    assert re.fullmatch(r"\d+\.\d+", guidelines_version())


def test_no_dev_or_test_article_is_quoted() -> None:
    store = CorpusStore(REPO_CORPUS)
    guidelines = shingles(GUIDELINES.read_text(encoding="utf-8"))
    splits = store.splits()
    quoted = {
        doc_id: sorted(" ".join(s) for s in shingles(store.load_article(doc_id).text) & guidelines)
        for split in ("dev", "test")
        for doc_id in splits.get(split, [])
    }
    assert {doc_id: found for doc_id, found in quoted.items() if found} == {}


def test_examples_cite_train_articles_only() -> None:
    cited = set(re.findall(r"train: ([0-9a-f]{16})", GUIDELINES.read_text(encoding="utf-8")))
    train = set(CorpusStore(REPO_CORPUS).splits()["train"])
    assert cited and cited <= train
    assert documents_developed_on() == cited | {"ecc15c41bcd53d94"}  # and the seed, for 1.0
