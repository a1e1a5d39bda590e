from __future__ import annotations

import json
from pathlib import Path

import pytest

from baselines.__main__ import main
from corpus.schema import Article
from corpus.store import CorpusStore


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


def test_trained_baseline_without_train_gold_fails_in_one_line(
    tmp_path: Path, synthetic_article: Article, capsys: pytest.CaptureFixture[str]
) -> None:
    store = CorpusStore(tmp_path / "corpus")
    store.save_article(synthetic_article)
    argv = ["extract", "crf", "--corpus", str(store.root), "--output", str(tmp_path / "p.jsonl")]

    assert main(argv) == 1
    assert "no gold documents in the train split" in capsys.readouterr().err
    assert not (tmp_path / "p.jsonl").exists()
