"""Train/dev/test splits: a document's split is chosen once, from its id, and never reshuffled.

``splits.json`` is ``{"train": [...], "dev": [...], "test": [...]}`` with sorted ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from corpus.store import CorpusError

# Percent of new documents that go to each split, in bucket order.
SPLIT_SHARES: dict[str, int] = {"train": 80, "dev": 10, "test": 10}
SPLITS: tuple[str, ...] = tuple(SPLIT_SHARES)


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
    """``recorded`` plus each requested id not yet in it, in its requested or derived split.

    A recorded id keeps its split; asking for a different one is an error, not a move.
    """
    unknown = sorted(set(recorded) - set(SPLITS))
    if unknown:
        known = ", ".join(SPLITS)
        raise CorpusError(f"splits: unknown split(s) {', '.join(unknown)} (known: {known})")
    split_of = {doc_id: split for split, ids in recorded.items() for doc_id in ids}
    result = {split: set(recorded.get(split, ())) for split in SPLITS}
    for doc_id, wanted in requested.items():
        if wanted is not None and wanted not in SPLITS:
            raise CorpusError(f"{doc_id}: unknown split {wanted!r} (known: {', '.join(SPLITS)})")
        if doc_id in split_of:
            if wanted not in (None, split_of[doc_id]):
                raise CorpusError(
                    f"{doc_id}: already in split {split_of[doc_id]!r}, not moved to {wanted!r}"
                    " (splits are recorded once)"
                )
            continue
        result[wanted or split_for(doc_id)].add(doc_id)
    return {split: sorted(ids) for split, ids in result.items()}
