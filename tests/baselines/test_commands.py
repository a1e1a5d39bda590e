from __future__ import annotations

import json
from pathlib import Path

import pytest

from baselines.__main__ import main
from baselines.rules import RulesExtractor
from baselines.training import MIN_TRAIN_DOCUMENTS
from benchmarks.predictions import read_predictions
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


def test_predictions_with_line_separators_in_their_strings_read_back(tmp_path: Path) -> None:
    # CONSTRUCTED: a name whose parts a U+2028 and a U+0085 join, as in some scraped pages
    text = "Synthetic report: Maria\u2028Lopez met Ivo\x85Kern in Lima on Monday."
    store = CorpusStore(tmp_path / "corpus")
    store.save_article(Article("syn", text))
    output = tmp_path / "p.jsonl"
    assert main(["extract", "rules", "--corpus", str(store.root), "--output", str(output)]) == 0
    written = output.read_text(encoding="utf-8")
    assert "\u2028" not in written and "\x85" not in written and "\\u2028" in written
    [predicted] = RulesExtractor().extract([Article("syn", text)])
    assert "Maria\u2028Lopez" in {mention.text for mention in predicted.mentions}
    assert read_predictions(output) == {"syn": (1, predicted)}


def test_a_corpus_folder_typo_is_an_error_and_keeps_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "p.jsonl"
    output.write_text("earlier predictions\n", encoding="utf-8")
    argv = ["extract", "rules", "--corpus", str(tmp_path / "corpsu"), "--output", str(output)]
    assert main(argv) == 1
    assert capsys.readouterr().err.endswith(f"{tmp_path / 'corpsu'}: no such corpus folder\n")
    assert output.read_text(encoding="utf-8") == "earlier predictions\n"
    assert not (tmp_path / "corpsu").exists()


@pytest.mark.parametrize(
    ("output", "message"), [(".", "is a folder, not a file"), ("file/p.jsonl", "is a file, not")]
)
def test_an_output_that_cannot_be_a_file_is_refused_before_the_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, message: str
) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "rules", "--output", str(tmp_path / output)])
    assert exit_info.value.code == 2 and message in capsys.readouterr().err


def test_extract_asks_a_served_model_with_the_llm_options(
    tmp_path: Path, synthetic_article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.baselines.llm.chat_server import ChatServer
    from tests.baselines.llm.recordings import FIRST, FIRST_ANSWER, SECOND, SECOND_ANSWER

    store = CorpusStore(tmp_path / "corpus")
    store.save_article(synthetic_article)
    output = tmp_path / "predictions.jsonl"
    argv = ["extract", "llm", "--llm-model", "test-model", "--corpus", str(store.root)]
    argv += ["--output", str(output), "--llm-cache", str(tmp_path / "cache")]
    with ChatServer({FIRST: [FIRST_ANSWER], SECOND: [SECOND_ANSWER]}) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        assert main(argv) == 0
    [prediction] = read_predictions(output).values()
    assert len(prediction[1].mentions) == 5 and len(server.requests) == 1  # one passage


def test_list_says_why_the_llm_baseline_cannot_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    assert main(["list"]) == 0
    assert (
        "llm\t0.1.0\tentities, relations, claims\tunavailable: no model" in capsys.readouterr().out
    )
