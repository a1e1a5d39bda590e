"""Shared fixtures. Tests never reach the network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"

REPO = Path(__file__).resolve().parents[1]
SEED_FILE = REPO.parent / "shared" / "seeds" / "000_69929a91afba228c.txt"


@pytest.fixture
def repo_corpus() -> Path:
    return REPO / "corpus"
