"""``python -m benchmarks run --baselines llm --llm-model NAME`` end to end, against a real
chat-completions server on loopback that replays recorded answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.__main__ import main
from corpus.store import CorpusStore, write_json
from tests.baselines.conftest import make_synthetic_article, make_synthetic_gold
from tests.baselines.llm.chat_server import ChatServer
from tests.baselines.llm.recordings import FIRST, FIRST_ANSWER, SECOND, SECOND_ANSWER

ARTICLE = make_synthetic_article()


@pytest.fixture(autouse=True)
def no_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)


def corpus(folder: Path) -> Path:
    store = CorpusStore(folder)
    store.save_article(ARTICLE)
    store.save_annotation(make_synthetic_gold(ARTICLE), store.gold_path(ARTICLE.id))
    write_json(store.splits_path, {"train": [], "dev": [], "test": [ARTICLE.id]})
    return store.root


def run_llm(tmp_path: Path, *options: str) -> int:
    argv = ["run", "--baselines", "llm", "--llm-model", "test-model", "--date", "2026-01-01"]
    argv += ["--corpus", str(corpus(tmp_path / "corpus")), "--results", str(tmp_path / "results")]
    return main([*argv, "--llm-cache", str(tmp_path / "cache"), *options])


def test_a_served_model_is_scored_and_a_rerun_costs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with ChatServer({FIRST: [FIRST_ANSWER], SECOND: [SECOND_ANSWER]}) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
        assert run_llm(tmp_path, "--llm-passage-chars", "120") == 0
        first = json.loads((tmp_path / "results" / "llm-test-model.json").read_text("utf-8"))
        leaderboard = (tmp_path / "results" / "leaderboard.md").read_text("utf-8")
        assert run_llm(tmp_path, "--llm-passage-chars", "120") == 0
        second = json.loads((tmp_path / "results" / "llm-test-model.json").read_text("utf-8"))
    assert len(server.requests) == 2  # both passages asked once: the second run asked nothing
    assert first["baseline"] == "llm-test-model"
    assert first["groups"]["test"]["scores"]["headline"]["entities.seqeval"]["f1"] > 0.5
    report = first["llm"]
    assert report["model"] == "test-model" and report["prompt_version"].startswith("1-")
    assert (report["passages"], report["answered"], report["cached"]) == (2, 2, 0)
    assert report["tokens"] == {"prompt": 2000, "completion": 400}
    assert report["asked"] == {"json_schema": 2} and report["seed"] == 0
    assert report["unplaced"] == 1 and report["dropped"] == {
        "mentions: malformed": 1,
        "mentions: not in the passage": 1,
        "relations: refers to a dropped item": 1,
    }
    assert (second["llm"]["answered"], second["llm"]["cached"]) == (0, 2)
    assert second["groups"] == first["groups"]  # identical results from the cache
    row = next(line for line in leaderboard.splitlines() if line.startswith("- `llm-test-model`"))
    assert "zero-shot, prompt 1-" in row and "model test-model" in row
    assert "2 passages of 1 documents: 2 answered, 0 from the cache" in row
    assert "2,000 prompt + 400 completion tokens; 1 spans unplaced" in row
    secret = "sk-test-secret"
    assert all(
        secret not in path.read_text("utf-8")
        for path in (tmp_path / "results").glob("*.*")
        if path.suffix != ".png"
    )
    assert secret not in capsys.readouterr().err


def test_no_endpoint_skips_the_baseline_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_llm(tmp_path) == 0
    err = capsys.readouterr().err
    assert "skipped llm: no endpoint: set OPENAI_BASE_URL" in err and "Traceback" not in err
    leaderboard = (tmp_path / "results" / "leaderboard.md").read_text("utf-8")
    assert "- `llm`: no endpoint" in leaderboard


def test_an_endpoint_that_cannot_be_reached_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with ChatServer({}) as server:
        url = server.url
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    assert run_llm(tmp_path, "--llm-retries", "0") == 1
    [line] = capsys.readouterr().err.strip().splitlines()[-1:]
    assert line.startswith(f"python -m benchmarks: error: llm: {url}: cannot reach the endpoint")
    assert not (tmp_path / "results").exists()  # nothing half-written
