"""Shared fixtures. Tests never reach the network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus.store import CorpusStore

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"

REPO = Path(__file__).resolve().parents[1]
# The seed article's source file, kept beside the repo (not in it); its text is in the corpus.
SEED_FILE = REPO.parent / "shared" / "seeds" / "000_69929a91afba228c.txt"
SEED_DOC_ID = "ecc15c41bcd53d94"


def seed_text() -> str:
    """The seed article's text, as the repo's corpus holds it."""
    return CorpusStore(REPO / "corpus").load_article(SEED_DOC_ID).text


@pytest.fixture
def repo_corpus() -> Path:
    return REPO / "corpus"
