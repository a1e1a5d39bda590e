"""Train/dev/test splits: a document's split is chosen once and never reshuffled.

``splits.json`` is ``{"train": [...], "dev": [...], "test": [...], "pool": [...]}`` with sorted
ids. ``pool`` holds documents ingested for annotation but not yet selected: a document leaves
the pool once, for the split its selection gives it (``python -m corpus select``), and never
moves again. A document ingested without a split gets one derived from its id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from corpus.store import CorpusError

# Percent of new documents that go to each split, in bucket order.
SPLIT_SHARES: dict[str, int] = {"train": 80, "dev": 10, "test": 10}
SPLITS: tuple[str, ...] = tuple(SPLIT_SHARES)
POOL = "pool"  # ingested, not yet selected: no split yet
SPLIT_KEYS: tuple[str, ...] = (*SPLITS, POOL)  # the keys of splits.json


def split_for(doc_id: str) -> str:
    """The deterministic split of a new document: its id's SHA-256 as a bucket in [0, 100)."""
    bucket = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 100
    for split, share in SPLIT_SHARES.items():
        if bucket < share:
            return split
        bucket -= share
    raise AssertionError("SPLIT_SHARES must add up to 100")


def add_to_splits(
    recorded: Mapping[str, list[str]], requested: Mapping[str, str | None]
) -> dict[str, list[str]]:
    """``recorded`` plus each requested id in its requested (or derived) split or the pool.

    A recorded id keeps its split; asking for a different one is an error, not a move. The one
    move allowed is out of the pool into a split (the document's selection).
    """
    known = ", ".join(SPLIT_KEYS)
    unknown = sorted(set(recorded) - set(SPLIT_KEYS))
    if unknown:
        raise CorpusError(f"splits: unknown split(s) {', '.join(unknown)} (known: {known})")
    split_of = {doc_id: split for split, ids in recorded.items() for doc_id in ids}
    result = {split: set(recorded.get(split, ())) for split in SPLIT_KEYS}
    for doc_id, wanted in requested.items():
        if wanted is not None and wanted not in SPLIT_KEYS:
            raise CorpusError(f"{doc_id}: unknown split {wanted!r} (known: {known})")
        current = split_of.get(doc_id)
        if current is None:
            result[wanted or split_for(doc_id)].add(doc_id)
        elif current == POOL and wanted not in (None, POOL):
            result[POOL].discard(doc_id)
            result[wanted].add(doc_id)
        elif wanted not in (None, current):
            raise CorpusError(
                f"{doc_id}: already in split {current!r}, not moved to {wanted!r}"
                " (splits are recorded once)"
            )
    return {split: sorted(ids) for split, ids in result.items() if ids or split in SPLITS}
