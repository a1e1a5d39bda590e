"""The gold corpus read, validated and turned into Arrow tables in one pass, across processes.

Each gold file is read once and its article tokenized once: the validation of a gold file
tokenizes its text, and the rows of the ``ner``, ``claims`` and ``relations`` configurations
reuse those sentences (``corpus.text`` keeps the last text's). The gold documents of a split
go, in id order, in chunks of ``CHUNK_DOCUMENTS`` to worker processes (``corpus.parallel``),
each of which returns one Arrow table per configuration; the tables are joined in chunk order,
so the export is the same, byte for byte, whatever the number of workers.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from corpus.cli import all_cores
from corpus.export_rows import ROW_BUILDERS, GoldDocument, split_statistics
from corpus.features import CONFIG_FEATURES, label_encoder
from corpus.licences import is_open
from corpus.parallel import map_in_order
from corpus.schema import Article, ArticleMeta
from corpus.store import CorpusError, CorpusStore
from corpus.text import sentences
from corpus.validate import (
    Problem,
    check_annotation_files,
    check_articles,
    check_splits,
    read_annotation_file,
)

CHUNK_DOCUMENTS = 250  # gold documents a worker turns into tables at a time


@dataclass(frozen=True)
class Chunk:
    """Gold files of one split, in id order (``split`` None: in no split, checked only)."""

    split: str | None
    paths: list[Path]
    open_only: bool


@dataclass
class ChunkTables:
    """What a worker makes of a chunk: the problems of its gold files and, when it has none,
    a table per configuration, the split statistics and the metadata of its documents."""

    problems: list[Problem]
    tables: dict[str, pa.Table] = field(default_factory=dict)
    statistics: Counter[str] = field(default_factory=Counter)
    kept: list[ArticleMeta] = field(default_factory=list)
    left_out: list[ArticleMeta] = field(default_factory=list)


@dataclass
class GoldTables:
    """The export of a valid corpus: per split, a table per configuration (its rows in
    document order), the statistics, and the metadata of the documents kept and left out."""

    tables: dict[str, dict[str, pa.Table]]  # split -> config -> table
    statistics: dict[str, dict[str, int]]
    kept: list[ArticleMeta]
    left_out: list[ArticleMeta]


def rows_table(rows: list[dict[str, Any]], config: str) -> pa.Table:
    """``rows`` (holding label names) of ``config`` as an Arrow table of its features."""
    features = CONFIG_FEATURES[config]
    encode = label_encoder(features)
    encoded = [encode(row) for row in rows] if encode else rows
    return pa.Table.from_pylist(encoded, schema=features.arrow_schema)


_ARTICLES: dict[str, Article | None] = {}  # a worker's articles, by id


def _set_articles(articles: dict[str, Article | None]) -> None:
    global _ARTICLES
    _ARTICLES = articles


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off for a while: a chunk's many small objects (tokens, items,
    rows) live until its tables are made, and scanning them again and again took a third of
    the export's time. Cycles left behind are collected once it is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def chunk_tables(chunk: Chunk) -> ChunkTables:
    """Check the chunk's gold files against their articles; when none has a problem, the
    chunk's tables (without the documents not under an open licence, with ``open_only``)."""
    with collector_paused():
        return _chunk_tables(chunk)


def _chunk_tables(chunk: Chunk) -> ChunkTables:
    result = ChunkTables(problems=[])
    documents: list[GoldDocument] = []
    for path in chunk.paths:
        annotation, problems = read_annotation_file(path, _ARTICLES)
        result.problems += problems
        if result.problems or chunk.split is None:
            continue
        assert annotation is not None  # it loaded: it has no problem
        article = _ARTICLES[annotation.doc_id]
        assert article is not None  # it loaded: the gold file has no problem
        if chunk.open_only and not is_open(article.meta.rights):
            result.left_out.append(article.meta)
            continue
        # the text was tokenized by the check just above: this reads the cached sentences
        documents.append(GoldDocument(article, annotation, sentences(article.text)))
    if result.problems or chunk.split is None:
        return result
    for config, build in ROW_BUILDERS.items():
        result.tables[config] = rows_table([row for doc in documents for row in build(doc)], config)
    result.statistics.update(split_statistics(documents))
    result.kept = [doc.article.meta for doc in documents]
    return result


def _chunks(store: CorpusStore, open_only: bool) -> list[Chunk]:
    """The gold files by split (in the order of ``splits.json``, ids sorted), in chunks; the
    gold files in no split last, in a chunk of their own (checked, then refused)."""
    split_of = store.split_of()
    paths = store.gold_paths()
    chunks = []
    for split, ids in store.splits().items():
        mine = set(ids)
        in_split = [path for path in paths if path.stem in mine]
        for first in range(0, len(in_split), CHUNK_DOCUMENTS):
            chunks.append(Chunk(split, in_split[first : first + CHUNK_DOCUMENTS], open_only))
    unsplit = [path for path in paths if path.stem not in split_of]
    if unsplit:
        chunks.append(Chunk(None, unsplit, open_only))
    return chunks


def _results(chunks: Sequence[Chunk], articles: dict, workers: int) -> Iterator[ChunkTables]:
    """Each chunk's tables, in order, in up to ``workers`` processes (forked: they inherit
    the articles)."""
    _set_articles(articles)
    try:
        yield from map_in_order(chunk_tables, chunks, workers, "validate and export (chunks)")
    finally:
        _set_articles({})


def gold_tables(
    store: CorpusStore, open_only: bool = False, workers: int | None = None
) -> tuple[list[Problem], GoldTables | None]:
    """Every problem of the corpus (``check_corpus``'s, in its order) and, when there is
    none, its export as tables (documents not under an open licence left out, with
    ``open_only``); ``workers`` processes (default: every core)."""
    articles, article_problems = check_articles(store)
    problems: list[Problem] = []  # of the gold files
    chunks = _chunks(store, open_only)
    tables: dict[str, dict[str, list[pa.Table]]] = {}
    statistics: dict[str, Counter[str]] = {}
    kept: list[ArticleMeta] = []
    left_out: list[ArticleMeta] = []
    results = _results(chunks, articles, workers or all_cores())
    for chunk, result in zip(chunks, results, strict=True):
        problems += result.problems
        if problems or article_problems or chunk.split is None:
            continue
        for config, table in result.tables.items():
            tables.setdefault(chunk.split, {}).setdefault(config, []).append(table)
        statistics.setdefault(chunk.split, Counter()).update(result.statistics)
        kept += result.kept
        left_out += result.left_out
    problems.sort(key=lambda problem: problem.path)  # the gold files' in path order, as
    problems[:0] = article_problems  # check_corpus lists them
    problems += check_annotation_files(store.annotation_paths(), articles)
    problems += check_splits(store, set(articles))
    if problems:
        return problems, None
    unsplit = chunks[-1].paths if chunks and chunks[-1].split is None else []
    if unsplit:
        raise CorpusError(f"{unsplit[0]}: {unsplit[0].stem} is in no split of {store.splits_path}")
    joined = {
        split: {config: pa.concat_tables(parts) for config, parts in by_config.items()}
        for split, by_config in tables.items()
        if statistics[split]["documents"]
    }
    counts = {split: dict(statistics[split]) for split in joined}
    return [], GoldTables(joined, counts, kept, left_out)
