"""Tests of baselines/workers.py: extraction across worker processes gives the predictions of
one process, in order, for the real baselines on real articles (the repo's corpus)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

import baselines
from baselines import workers
from baselines.__main__ import main
from baselines.base import BATCH_SIZE, Extractor, TrainableExtractor, extract_all
from baselines.spacy_model import installed_model
from baselines.workers import chunk_bounds, extract_with_workers, prediction_line
from corpus.schema import Annotation, Article
from corpus.store import REPO_CORPUS, CorpusStore

ARTICLES = 40  # of the repo's corpus: three chunks of 16 (the last shorter)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return list(CorpusStore(REPO_CORPUS).articles())[:ARTICLES]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "CHUNK", BATCH_SIZE)


class ProcessRecorder(Extractor):
    """An extractor that predicts nothing and counts, as "dropped", the articles each process
    saw: which processes did the work is then in the counts the workers send back."""

    version = "0"
    layers = ("entities",)
    name = "process-recorder"

    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        self.dropped[f"process {os.getpid()}"] += len(articles)
        return [Annotation(article.id) for article in articles]


def test_chunks_cover_every_article_once() -> None:
    assert chunk_bounds(40, 16) == [(0, 16), (16, 32), (32, 40)]
    assert chunk_bounds(0, 16) == []


def test_the_work_is_done_in_the_workers_and_its_counts_come_back(
    articles: list[Article], small_chunks: None
) -> None:
    recorder = ProcessRecorder()
    predictions = extract_with_workers(recorder, articles, 2)
    assert [p.doc_id for p in predictions] == [a.id for a in articles]
    assert sum(recorder.dropped.values()) == len(articles)
    assert f"process {os.getpid()}" not in recorder.dropped  # not this process
    assert len(recorder.dropped) <= 2


def test_one_worker_works_here(articles: list[Article]) -> None:
    recorder = ProcessRecorder()
    extract_with_workers(recorder, articles, 1)
    assert recorder.dropped == {f"process {os.getpid()}": len(articles)}


@pytest.mark.parametrize("name", ["rules", "spacy", "crf"])
def test_two_workers_predict_what_one_does(
    name: str, articles: list[Article], small_chunks: None
) -> None:
    if name == "spacy" and installed_model() is None:
        pytest.skip("no spaCy English model installed")
    extractor = baselines.get(name)
    if isinstance(extractor, TrainableExtractor):  # trained once, here; the workers inherit it
        gold, train_articles = CorpusStore(REPO_CORPUS).gold_documents("train")
        extractor.fit(gold, train_articles, extractor.settings[0])
    alone = [p.to_dict() for p in extract_all(extractor, articles)]
    dropped_alone = dict(extractor.dropped)
    extractor.dropped.clear()

    together = [p.to_dict() for p in extract_with_workers(extractor, articles, 2)]

    assert together == alone
    assert dict(extractor.dropped) == dropped_alone


def test_extract_with_two_workers_writes_the_same_bytes(
    articles: list[Article], tmp_path: Path, small_chunks: None
) -> None:
    store = CorpusStore(tmp_path / "corpus")
    for article in articles:
        store.save_article(article)
    outputs = []
    for count in ("1", "2"):
        output = tmp_path / f"rules-{count}.jsonl"
        argv = ["extract", "rules", "--corpus", str(store.root), "--workers", count]
        assert main([*argv, "--output", str(output)]) == 0
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == ARTICLES
    alone = extract_all(baselines.get("rules"), articles)
    assert outputs[0].decode().splitlines() == [prediction_line(p) for p in alone]


def test_workers_must_be_a_positive_number(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["extract", "rules", "--workers", "0", "--output", str(tmp_path / "p.jsonl")])
    assert "must be at least 1" in capsys.readouterr().err
