"""The corpus folder: atomic writes, stable JSON, reads with errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.schema import Annotation, Article, ArticleMeta, Mention
from corpus.store import (
    LOCK_FILE,
    CorpusError,
    CorpusStore,
    dumps,
    read_json,
    write_json,
    write_text_atomic,
)

# Synthetic article, for tests only.
ARTICLE = Article("synthetic1", "Synthetic text about Oslo.", ArticleMeta(rights="Synthetic."))


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "file.json"
    write_json(path, {"a": 1})
    write_json(path, {"a": 2})
    assert read_json(path) == {"a": 2}
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "sub",
        "sub/file.json",
    ]


def test_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    write_text_atomic(path, "old\n")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(path, "new \ud800\n")  # a lone surrogate cannot be encoded
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_dumps_is_stable_and_one_item_per_line() -> None:
    data = {"doc_id": "d", "empty": [], "items": [{"id": "m1", "text": "Café"}, 2], "n": None}
    expected = (
        "{\n"
        '  "doc_id": "d",\n'
        '  "empty": [],\n'
        '  "items": [\n'
        '    {"id": "m1", "text": "Café"},\n'
        "    2\n"
        "  ],\n"
        '  "n": null\n'
        "}\n"
    )
    assert dumps(data) == expected
    assert dumps(dict(data)) == dumps(data)


def test_read_json_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": 1,\n}', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.json: invalid JSON at line 2"):
        read_json(bad)
    with pytest.raises(CorpusError, match=r"missing\.json: no such file"):
        read_json(tmp_path / "missing.json")


def test_store_round_trips_articles_and_annotations(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    path = store.save_article(ARTICLE)
    assert path == tmp_path / "articles" / "synthetic1.json"
    assert store.load_article("synthetic1") == ARTICLE
    assert list(store.articles()) == [ARTICLE]
    annotation = Annotation("synthetic1", mentions=(Mention("m1", 21, 25, "GPE"),))
    store.save_annotation(annotation, store.gold_path("synthetic1"))
    assert list(store.gold()) == [annotation]
    store.save_annotation(annotation, store.annotation_path("ann1", "synthetic1"))
    assert store.annotators() == ["ann1"]


def test_store_load_errors_name_the_file(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    write_json(store.article_path("x"), {"id": "x", "text": ""})
    with pytest.raises(CorpusError, match=r"articles/x\.json: x: empty text"):
        store.load_article("x")


def test_splits_empty_when_absent_and_checked_when_present(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    assert store.splits() == {}
    write_json(store.splits_path, {"train": ["a"], "test": ["b"]})
    assert store.split_of() == {"a": "train", "b": "test"}
    write_json(store.splits_path, {"train": "a"})
    with pytest.raises(CorpusError, match="split -> list of ids"):
        store.splits()


def test_gold_documents_of_a_split_are_those_with_gold_in_id_order(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    for doc_id in ("syn-b", "syn-a", "syn-c", "syn-d"):  # SYNTHETIC ids and texts
        store.save_article(Article(doc_id, f"Synthetic text {doc_id}."))
    for doc_id in ("syn-b", "syn-a", "syn-d"):
        store.save_annotation(Annotation(doc_id), store.gold_path(doc_id))
    write_json(store.splits_path, {"train": ["syn-b", "syn-c", "syn-a"], "test": ["syn-d"]})

    gold, articles = store.gold_documents("train")

    assert [g.doc_id for g in gold] == [a.id for a in articles] == ["syn-a", "syn-b"]
    assert store.gold_documents("dev") == ([], [])


def test_read_and_write_errors_name_the_file_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(CorpusError, match=r"folder\.json: is a folder, not a file$"):
        read_json(tmp_path / "folder.json")
    with pytest.raises(CorpusError, match=r"folder\.json: cannot write: Is a directory$"):
        write_text_atomic(tmp_path / "folder.json", "x")
    write_text_atomic(tmp_path / "file", "x")
    with pytest.raises(CorpusError, match=r"file/out\.json: cannot write: File exists$"):
        write_text_atomic(tmp_path / "file" / "out.json", "x")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["file", "folder.json"]


def test_a_missing_corpus_folder_is_an_error_not_an_empty_corpus(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path / "typo")
    for read in (store.article_paths, store.splits, store.annotators, store.gold_paths):
        with pytest.raises(CorpusError, match=r"typo: no such corpus folder$"):
            read()
    with pytest.raises(CorpusError, match=r"typo: no such corpus folder$"), store.transaction():
        pass
    assert not store.root.exists()


def test_a_transaction_refused_midway_puts_back_what_it_wrote(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    store.save_article(ARTICLE)
    write_json(store.splits_path, {"train": ["synthetic1"]})
    (tmp_path / "annotations").write_text("a file where a folder should be", encoding="utf-8")
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    refused = pytest.raises(CorpusError, match=r"annotations/ann/x\.json: cannot write: ")
    with refused, store.transaction() as transaction:
        transaction.write_json(store.splits_path, {"train": ["synthetic1", "x"]})
        transaction.write_json(store.gold_path("x"), {"doc_id": "x"})  # in a new folder
        transaction.write_json(store.annotation_path("ann", "x"), {"doc_id": "x"})
    after = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert after == before | {tmp_path / LOCK_FILE: after[tmp_path / LOCK_FILE]}
    assert not store.gold_dir.exists() and not store.journal_path.exists()


def test_an_error_inside_a_transaction_writes_nothing(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    with pytest.raises(KeyError), store.transaction() as transaction:
        transaction.write_json(store.splits_path, {"train": []})
        raise KeyError("a bug of the writer")
    assert not store.splits_path.exists() and not store.journal_path.exists()
