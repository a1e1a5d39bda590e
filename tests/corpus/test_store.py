"""The corpus folder: atomic writes, stable JSON, reads with errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.schema import Annotation, Article, ArticleMeta, Mention
from corpus.store import (
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
