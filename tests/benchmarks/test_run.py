from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from baselines.base import BENCHMARK_LAYERS
from benchmarks.run import run
from corpus.store import CorpusError, CorpusStore, write_json
from tests.baselines.conftest import make_synthetic_article, make_synthetic_gold
from tests.conftest import REPO


def test_run_writes_results_and_leaderboard(tmp_path: Path) -> None:
    synthetic_article = make_synthetic_article()
    synthetic_gold = make_synthetic_gold(synthetic_article)
    store = CorpusStore(tmp_path / "corpus")
    store.save_article(synthetic_article)
    store.save_annotation(synthetic_gold, store.gold_path(synthetic_article.id))
    write_json(store.splits_path, {"train": [], "dev": [], "test": [synthetic_article.id]})
    results_dir = tmp_path / "results"

    results, skipped = run(store.root, "test", ["rules"], results_dir, "2026-01-01")

    assert skipped == {}
    written = json.loads((results_dir / "rules.json").read_text(encoding="utf-8"))
    assert written == results[0]
    assert written["baseline"] == "rules" and written["split"] == "test"
    assert written["date"] == "2026-01-01" and len(written["corpus_revision"]) == 64
    assert written["layers"] == list(BENCHMARK_LAYERS)
    headline = written["scores"]["headline"]
    assert headline["entities.seqeval"]["f1"] > 0.5
    assert headline["relations.strict"]["f1"] > 0
    assert headline["claims.attribution"]["f1"] > 0
    leaderboard = (results_dir / "leaderboard.md").read_text(encoding="utf-8")
    assert "| rules |" in leaderboard
    plots = sorted(path.name for path in results_dir.glob("*.png"))
    assert plots == ["claim_attributes_rules.png", "entity_f1_by_type.png"]

    again, _ = run(store.root, "test", ["rules"], results_dir, "2026-01-01")
    assert again == results  # reproducible run to run


def test_trained_baseline_is_cross_validated_without_a_train_split(tmp_path: Path) -> None:
    synthetic_article = make_synthetic_article()
    store = CorpusStore(tmp_path / "corpus")
    store.save_article(synthetic_article)
    store.save_annotation(
        make_synthetic_gold(synthetic_article), store.gold_path(synthetic_article.id)
    )
    write_json(store.splits_path, {"train": [], "dev": [], "test": [synthetic_article.id]})

    (result,), _ = run(store.root, "test", ["crf"], tmp_path / "results", "2026-01-01")

    assert result["protocol"].startswith("2-fold cross-validation over the sentences")
    assert "0 gold documents" in result["protocol"]


def synthetic_corpus(folder: Path) -> CorpusStore:
    synthetic_article = make_synthetic_article()
    store = CorpusStore(folder)
    store.save_article(synthetic_article)
    store.save_annotation(
        make_synthetic_gold(synthetic_article), store.gold_path(synthetic_article.id)
    )
    write_json(store.splits_path, {"train": [], "dev": [], "test": [synthetic_article.id]})
    return store


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_run_interrupted_midway_leaves_the_previous_results(tmp_path: Path) -> None:
    """A real run of rules then crf, interrupted (SIGINT) while crf trains: the results of
    the previous run stay as they were, leaderboard included."""
    store = synthetic_corpus(tmp_path / "corpus")
    results_dir = tmp_path / "results"
    run(store.root, "test", ["rules"], results_dir, "2026-01-01")
    before = files_of(results_dir)
    argv = ["--corpus", str(store.root), "--results", str(results_dir), "--date", "2026-01-02"]
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks", "run", "--baselines", "rules", "crf", *argv],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in child.stderr:  # rules is done and scored once crf says how it trains
        if line.startswith("crf: "):
            break
    child.send_signal(signal.SIGINT)
    child.stderr.read()
    assert child.wait(timeout=120) == 130
    assert files_of(results_dir) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus", "results"]


def test_a_folder_not_made_by_a_run_is_refused_before_the_work(tmp_path: Path) -> None:
    store = synthetic_corpus(tmp_path / "corpus")
    with pytest.raises(CorpusError, match="refusing to replace a folder this command did not"):
        run(store.root, "test", ["rules"], tmp_path, "2026-01-01")  # holds the corpus
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus"]
