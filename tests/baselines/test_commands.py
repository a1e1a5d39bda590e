from __future__ import annotations

import json
from pathlib import Path

import pytest

from baselines.__main__ import main
from baselines.training import MIN_TRAIN_DOCUMENTS
from corpus.schema import Article
from corpus.store import CorpusStore
from tests.baselines.conftest import write_synthetic_corpus


def test_extract_writes_one_prediction_per_article(
    tmp_path: Path, synthetic_article: Article
) -> None:
    store = CorpusStore(tmp_path / "corpus")
    store.save_article(synthetic_article)
    output = tmp_path / "predictions.jsonl"
    argv = ["extract", "rules", "--corpus", str(store.root), "--output", str(output)]

    assert main(argv) == 0

    lines = output.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == [synthetic_article.id]


def test_extract_rejects_an_unknown_baseline_with_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "rulez", "--output", str(tmp_path / "p.jsonl")])
    assert exit_info.value.code == 2
    assert "did you mean 'rules'?" in capsys.readouterr().err


def test_trained_baseline_without_enough_train_gold_fails_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = write_synthetic_corpus(tmp_path / "corpus", {"train": MIN_TRAIN_DOCUMENTS - 1})
    argv = ["extract", "crf", "--corpus", str(store.root), "--output", str(tmp_path / "p.jsonl")]

    assert main(argv) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0
    assert f"has {MIN_TRAIN_DOCUMENTS - 1} gold document(s), fewer than the" in error
    assert not (tmp_path / "p.jsonl").exists()


def test_trained_baseline_trains_on_the_train_corpus_and_extracts_another(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = write_synthetic_corpus(tmp_path / "ours", {"train": MIN_TRAIN_DOCUMENTS})
    theirs = write_synthetic_corpus(tmp_path / "theirs", {"test": 2}, label="B")
    output = tmp_path / "p.jsonl"
    argv = ["extract", "crf", "--corpus", str(theirs.root), "--train-corpus", str(ours.root)]

    assert main([*argv, "--output", str(output)]) == 0

    out = capsys.readouterr().out
    assert f"crf: trained on the train split of {ours.root}: {MIN_TRAIN_DOCUMENTS} gold" in out
    doc_ids = [json.loads(line)["doc_id"] for line in output.read_text().splitlines()]
    assert doc_ids == sorted(theirs.splits()["test"])
