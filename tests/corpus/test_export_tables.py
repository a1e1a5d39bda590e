"""Tests of corpus/export_tables.py: the export made in chunks across worker processes is the
export made the old way (every document validated, then tokenized again and turned into rows
in one process), byte for byte, on the repo's corpus (real news; no text written here)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pytest

from corpus import export_tables
from corpus.export import InvalidCorpus, export_corpus, write_export_folder
from corpus.export_rows import ROW_BUILDERS, documents_by_split, split_statistics
from corpus.export_tables import GoldTables, rows_table
from corpus.output_folder import MARKER
from corpus.store import REPO_CORPUS, CorpusStore, write_json
from corpus.validate import check_corpus


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file of an export, but the marker that says who made it."""
    files = (path for path in folder.rglob("*") if path.is_file() and path.name != MARKER)
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in files}


def old_way_export(store: CorpusStore, out: Path) -> None:
    """The export as it was made before chunks and workers: ``check_corpus``, then every gold
    document read and tokenized again, and each configuration's rows made into one table."""
    assert check_corpus(store) == []
    by_split = documents_by_split(store)
    tables: dict[str, dict[str, pa.Table]] = {
        split: {
            config: rows_table([row for doc in docs for row in build(doc)], config)
            for config, build in ROW_BUILDERS.items()
        }
        for split, docs in by_split.items()
    }
    statistics = {split: split_statistics(docs) for split, docs in by_split.items()}
    kept = [doc.article.meta for docs in by_split.values() for doc in docs]
    out.mkdir()
    write_export_folder(out, GoldTables(tables, statistics, kept, []), None, None)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> CorpusStore:
    """The repo's corpus without its agreement figures and provenance (which the old-way
    reference does not read)."""
    root = tmp_path / "corpus"
    shutil.copytree(REPO_CORPUS, root, ignore=shutil.ignore_patterns("*.md", "agreement.json"))
    return CorpusStore(root)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 7 documents, so that the repo's gold makes several per split."""
    monkeypatch.setattr(export_tables, "CHUNK_DOCUMENTS", 7)


def test_chunks_and_workers_give_the_old_way_s_bytes(
    corpus_copy: CorpusStore, tmp_path: Path, small_chunks: None
) -> None:
    old_way_export(corpus_copy, tmp_path / "old")
    export_corpus(corpus_copy, tmp_path / "one", workers=1)
    export_corpus(corpus_copy, tmp_path / "two", workers=2)
    reference = files_of(tmp_path / "old")
    assert any(name.endswith(".parquet") for name in reference)
    assert files_of(tmp_path / "one") == reference
    assert files_of(tmp_path / "two") == reference


def test_statistics_add_up_over_chunks(corpus_copy: CorpusStore, small_chunks: None) -> None:
    problems, gold = export_tables.gold_tables(corpus_copy, workers=1)
    assert problems == [] and gold is not None
    by_split = documents_by_split(corpus_copy)
    assert gold.statistics == {split: split_statistics(docs) for split, docs in by_split.items()}
    rows = Counter({split: gold.tables[split]["ner"].num_rows for split in gold.tables})
    assert rows == Counter(
        {split: statistics["sentences"] for split, statistics in gold.statistics.items()}
    )


def test_a_problem_found_by_a_worker_refuses_the_export(
    corpus_copy: CorpusStore, tmp_path: Path, small_chunks: None
) -> None:
    path = corpus_copy.gold_paths()[-1]
    gold = json.loads(path.read_text(encoding="utf-8"))
    gold["mentions"][0]["text"] = "Not The Surface"
    write_json(path, gold)
    out = tmp_path / "export"
    with pytest.raises(InvalidCorpus, match="Not The Surface") as refused:
        export_corpus(corpus_copy, out, workers=2)
    assert refused.value.problems == check_corpus(corpus_copy)
    assert not out.exists()
