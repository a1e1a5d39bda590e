"""Corpus statistics per split and in total: documents, sentences, tokens and gold labels.

Every label of the inventories gets a count, zero included, so a reader sees what is missing.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from tqdm import tqdm

from corpus.cli import add_corpus_option, subcommand
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    Annotation,
)
from corpus.splits import SPLITS
from corpus.store import CorpusStore
from corpus.text import sentences

# The statistics of one group of documents (a split, the total): a number, or one per label.
GroupStats = dict[str, Any]


def empty_stats() -> GroupStats:
    return {
        "documents": 0,
        "sentences": 0,
        "tokens": 0,
        "gold_documents": 0,
        "mentions": 0,
        "mentions_by_type": dict.fromkeys(MENTION_TYPES, 0),
        "mentions_by_kind": dict.fromkeys(MENTION_KINDS, 0),
        "entities": 0,
        "relations": 0,
        "relations_by_type": dict.fromkeys(RELATION_TYPES, 0),
        "claims": 0,
        **{
            f"claims_by_{name}": dict.fromkeys(values, 0)
            for name, values in CLAIM_ATTRIBUTES.items()
        },
        "nested_claims": 0,
        "claim_links": 0,
        "claim_links_by_type": dict.fromkeys(CLAIM_LINK_TYPES, 0),
    }


def corpus_stats(store: CorpusStore, progress: bool = False) -> dict[str, Any]:
    """``{"splits": {split: stats}, "total": stats}``; documents in no split count in total."""
    recorded = store.splits()  # a missing folder is an error here
    by_split = {split: empty_stats() for split in (*SPLITS, *recorded)}
    total = empty_stats()
    split_of = store.split_of()

    def groups(doc_id: str) -> list[GroupStats]:
        return [total, by_split[split_of[doc_id]]] if doc_id in split_of else [total]

    paths = store.article_paths()
    for article in tqdm(
        store.articles(), total=len(paths), desc="stats", unit="doc", disable=not progress
    ):
        found = sentences(article.text)
        for group in groups(article.id):
            group["documents"] += 1
            group["sentences"] += len(found)
            group["tokens"] += sum(len(sentence.tokens) for sentence in found)
    for annotation in store.gold():
        for group in groups(annotation.doc_id):
            _add_gold(group, annotation)
    return {"splits": by_split, "total": total}


def _add_gold(group: GroupStats, annotation: Annotation) -> None:
    group["gold_documents"] += 1
    group["mentions"] += len(annotation.mentions)
    for mention in annotation.mentions:
        group["mentions_by_type"][mention.type] += 1
        group["mentions_by_kind"][mention.kind] += 1
    group["entities"] += len(annotation.entities)
    group["relations"] += len(annotation.relations)
    for relation in annotation.relations:
        group["relations_by_type"][relation.type] += 1
    group["claims"] += len(annotation.claims)
    for claim in annotation.claims:
        for name in CLAIM_ATTRIBUTES:
            group[f"claims_by_{name}"][claim.attribute(name)] += 1
        group["nested_claims"] += claim.parent is not None
    group["claim_links"] += len(annotation.claim_links)
    for link in annotation.claim_links:
        group["claim_links_by_type"][link.type] += 1


def format_table(stats: dict[str, Any]) -> str:
    """One row per count (a per-label count under its heading), one column per split + total."""
    columns = {**stats["splits"], "total": stats["total"]}
    rows: list[tuple[str, list[str]]] = []
    for key, value in stats["total"].items():
        label = key.replace("_", " ")
        if isinstance(value, dict):
            rows.append((label, [""] * len(columns)))
            rows += [(f"  {name}", [str(c[key][name]) for c in columns.values()]) for name in value]
        else:
            rows.append((label, [str(c[key]) for c in columns.values()]))
    label_width = max(len(label) for label, _ in rows)
    widths = [
        max(len(name), *(len(cells[i]) for _, cells in rows)) for i, name in enumerate(columns)
    ]

    def line(label: str, cells: list[str]) -> str:
        padded = (cell.rjust(width) for cell, width in zip(cells, widths, strict=True))
        return f"{label.ljust(label_width)}  {'  '.join(padded)}".rstrip()

    return "\n".join([line("", list(columns)), *(line(label, cells) for label, cells in rows)])


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(
        verbs,
        "stats",
        _stats,
        "Count documents, sentences, tokens and gold labels per split and in total.",
    )
    add_corpus_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _stats(args: argparse.Namespace) -> int:
    stats = corpus_stats(CorpusStore(args.corpus), progress=True)
    print(json.dumps(stats, indent=2) if args.json else format_table(stats))
    return 0
