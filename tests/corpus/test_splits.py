"""Splits: derived once from the id, explicit when asked, never reshuffled."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest

from corpus.splits import POOL, SPLITS, add_to_splits, split_for
from corpus.store import CorpusError


def test_split_for_follows_the_id_hash_buckets() -> None:
    for doc_id in ("a", "b", "synthetic-7", "ecc15c41bcd53d94"):
        bucket = int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 100
        expected = "train" if bucket < 80 else "dev" if bucket < 90 else "test"
        assert split_for(doc_id) == expected


def test_split_for_is_roughly_80_10_10() -> None:
    counts = Counter(split_for(f"doc{i}") for i in range(2000))
    assert set(counts) == set(SPLITS)
    assert 1500 < counts["train"] < 1700
    assert 120 < counts["dev"] < 280
    assert 120 < counts["test"] < 280


def test_new_ids_get_their_split_sorted_and_all_splits_are_present() -> None:
    result = add_to_splits({}, {"z": "test", "a": "test", "m": None})
    assert list(result) == ["train", "dev", "test"]
    assert result["test"] == ["a", "z"]
    assert "m" in result[split_for("m")]


def test_recorded_ids_are_never_moved() -> None:
    recorded = {"train": ["x"], "dev": [], "test": ["y"]}
    # "x" would not go to train if it were new with an explicit split, yet it stays there.
    result = add_to_splits(recorded, {"x": None, "y": "test", "new": "dev"})
    assert result == {"train": ["x"], "dev": ["new"], "test": ["y"]}
    assert recorded == {"train": ["x"], "dev": [], "test": ["y"]}  # input not mutated


def test_adding_documents_keeps_earlier_assignments() -> None:
    first = add_to_splits({}, {f"doc{i}": None for i in range(50)})
    second = add_to_splits(first, {f"doc{i}": None for i in range(50, 100)})
    for split in SPLITS:
        assert set(first[split]) <= set(second[split])
    assert sum(len(ids) for ids in second.values()) == 100


def test_asking_to_move_a_recorded_id_is_an_error() -> None:
    with pytest.raises(CorpusError, match="x: already in split 'train', not moved to 'test'"):
        add_to_splits({"train": ["x"]}, {"x": "test"})


def test_unknown_split_names_are_errors() -> None:
    with pytest.raises(CorpusError, match="unknown split 'validation'"):
        add_to_splits({}, {"x": "validation"})
    with pytest.raises(CorpusError, match="unknown split\\(s\\) extra"):
        add_to_splits({"extra": ["x"]}, {})


def test_pool_documents_leave_the_pool_once_for_a_split() -> None:
    pooled = add_to_splits({}, {"a": POOL, "b": POOL})
    assert pooled == {"train": [], "dev": [], "test": [], POOL: ["a", "b"]}
    assert add_to_splits(pooled, {"a": None, "b": POOL}) == pooled  # re-ingest: no move
    selected = add_to_splits(pooled, {"a": "dev"})
    assert selected == {"train": [], "dev": ["a"], "test": [], POOL: ["b"]}
    with pytest.raises(CorpusError, match="a: already in split 'dev', not moved to 'pool'"):
        add_to_splits(selected, {"a": POOL})
    emptied = add_to_splits(selected, {"b": "test"})
    assert POOL not in emptied  # an empty pool is not written
