"""``benchmarks run`` on SYNTHETIC corpus folders: the protocol (train, choose on dev, score dev
and test, documents placed by hand apart), training on one corpus and scoring another."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from baselines.base import BENCHMARK_LAYERS, Setting, Threshold, TrainableExtractor
from baselines.training import MIN_TRAIN_DOCUMENTS
from benchmarks.groups import scored_groups
from benchmarks.run import run, train
from corpus.schema import Annotation, Article
from corpus.store import CorpusError
from tests.baselines.conftest import make_synthetic_gold, write_synthetic_corpus
from tests.conftest import REPO

SPLITS = {"train": MIN_TRAIN_DOCUMENTS, "dev": 2, "test": 2}


def test_run_scores_dev_test_and_the_documents_placed_by_hand_apart(tmp_path: Path) -> None:
    store = write_synthetic_corpus(tmp_path / "corpus", SPLITS, by_hand={"test": 1})
    results_dir = tmp_path / "results"

    results, skipped = run(store.root, ["rules"], results_dir, "2026-01-01")

    assert skipped == {}
    written = json.loads((results_dir / "rules.json").read_text(encoding="utf-8"))
    assert written == results[0]
    assert written["baseline"] == "rules" and written["date"] == "2026-01-01"
    assert len(written["corpus_revision"]) == 64 and written["layers"] == list(BENCHMARK_LAYERS)
    assert written["dropped"] == {}
    groups = written["groups"]
    assert list(groups) == ["dev", "test", "test, placed by hand"]
    assert [groups[name]["documents"] for name in groups] == [2, 2, 1]
    assert groups["test, placed by hand"]["by_hand"] and not groups["test"]["by_hand"]
    headline = groups["test"]["scores"]["headline"]
    assert headline["entities.seqeval"]["f1"] > 0.5 and headline["claims.attribution"]["f1"] > 0
    assert headline["entities.seqeval"]["ci95"] is not None
    alone = groups["test, placed by hand"]["scores"]["headline"]["entities.seqeval"]
    assert alone["ci95"] is None  # one document: no interval
    leaderboard = (results_dir / "leaderboard.md").read_text(encoding="utf-8")
    assert leaderboard.index("## test: 2 of 2") < leaderboard.index("## dev: 2 of 2")
    assert "## test, placed by hand: 1 of 1" in leaderboard and "(n/a)" in leaderboard
    plots = sorted(path.name for path in results_dir.glob("*.png"))
    assert plots == ["claim_attributes_rules.png", "entity_f1_by_type.png"]

    again, _ = run(store.root, ["rules"], results_dir, "2026-01-01")
    assert again == results  # reproducible run to run


def test_a_trained_baseline_with_too_little_train_gold_is_skipped(tmp_path: Path) -> None:
    splits = dict(SPLITS, train=MIN_TRAIN_DOCUMENTS - 1)
    store = write_synthetic_corpus(tmp_path / "corpus", splits)

    results, skipped = run(store.root, ["crf"], tmp_path / "results", "2026-01-01")

    assert results == []
    assert f"has {MIN_TRAIN_DOCUMENTS - 1} gold document(s), fewer than" in skipped["crf"]
    assert "- `crf`: the train split of" in (tmp_path / "results" / "leaderboard.md").read_text()


def test_train_on_one_corpus_and_score_another_leaving_out_what_training_saw(
    tmp_path: Path,
) -> None:
    ours = write_synthetic_corpus(tmp_path / "ours", SPLITS)
    theirs = write_synthetic_corpus(tmp_path / "theirs", {"test": 2}, label="B")
    seen = ours.gold_documents("train")[1][0]  # a training text, also in their test split
    theirs.save_article(seen)
    theirs.save_annotation(ours.gold_documents("train")[0][0], theirs.gold_path(seen.id))
    splits = theirs.splits()
    (theirs.root / "splits.json").write_text(
        json.dumps(dict(splits, test=sorted([*splits["test"], seen.id]))), encoding="utf-8"
    )

    (result,), skipped = run(theirs.root, ["crf"], tmp_path / "results", "2026-01-01", ours.root)

    assert skipped == {}
    trained_on = f"trained on the train split of ours/ ({MIN_TRAIN_DOCUMENTS} gold documents"
    assert result["protocol"].startswith(trained_on)
    assert result["groups"]["test"]["documents"] == 2
    assert result["groups"]["test"]["seen_in_training"] == [seen.id]
    assert result["groups"]["dev"]["scores"] is None  # their corpus has no dev split


class Remembering(TrainableExtractor):
    """A SYNTHETIC trained baseline: with its second setting it predicts the gold, with the
    others nothing."""

    name, version, layers = "remembering", "1", BENCHMARK_LAYERS
    settings = ({"which": 0}, {"which": 1}, {"which": 2})

    def fit(self, gold: Sequence[Annotation], articles: Sequence[Article], setting: Setting) -> str:
        self.setting = setting
        return f"{len(gold)} documents"

    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        perfect = self.setting["which"] == 1  # the setting that fits dev best
        return [
            make_synthetic_gold(article) if perfect else Annotation(article.id)
            for article in articles
        ]


def test_the_setting_that_scores_best_on_dev_is_chosen(tmp_path: Path) -> None:
    store = write_synthetic_corpus(tmp_path / "corpus", SPLITS)
    dev = next(group for group in scored_groups(store, store) if group.name == "dev")
    extractor = Remembering()

    protocol = train(extractor, store, dev)

    assert extractor.setting == {"which": 1}
    assert "which=1 chosen on dev by entities.seqeval F1 among 3 settings" in protocol
    no_dev = train(extractor, store, None)
    assert extractor.setting == {"which": 0} and "(no dev gold to choose on)" in no_dev


class Thresholded(Remembering):
    """A SYNTHETIC trained baseline: as ``Remembering``, but its claims only with its
    threshold at 0.3."""

    name = "thresholded"
    thresholds = (Threshold("cut", "claims.attribution", (0.5, 0.3, 0.1)),)

    def set_threshold(self, name: str, value: float) -> None:
        assert name == "cut"
        self.cut = value

    def fit(self, gold: Sequence[Annotation], articles: Sequence[Article], setting: Setting) -> str:
        self.cut = 0.5
        return super().fit(gold, articles, setting)

    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        predicted = super().extract(articles)
        if self.cut == 0.3:
            return predicted
        return [replace(annotation, claims=(), claim_links=()) for annotation in predicted]


def test_thresholds_are_chosen_on_dev_by_their_own_metric_after_the_setting(
    tmp_path: Path,
) -> None:
    store = write_synthetic_corpus(tmp_path / "corpus", SPLITS)
    dev = next(group for group in scored_groups(store, store) if group.name == "dev")
    extractor = Thresholded()

    protocol = train(extractor, store, dev)

    assert extractor.cut == 0.3
    assert "cut=0.3 chosen on dev by claims.attribution F1 among 3 values" in protocol
    no_dev = train(extractor, store, None)
    assert extractor.cut == 0.5 and "cut=0.5 (no dev gold to choose on)" in no_dev


def test_gold_with_a_dangling_relation_head_is_one_line(tmp_path: Path) -> None:
    store = write_synthetic_corpus(tmp_path / "corpus", SPLITS)
    gold_path = store.gold_path(store.splits()["test"][0])
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    data["relations"][0]["head"] = "m9"
    gold_path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CorpusError, match=r"relation r1: unknown head mention 'm9'") as error:
        scored_groups(store, store)
    assert str(gold_path) in str(error.value) and "\n" not in str(error.value)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_run_interrupted_midway_leaves_the_previous_results(tmp_path: Path) -> None:
    """A real run of rules then crf, interrupted (SIGINT) while crf trains: the results of
    the previous run stay as they were, leaderboard included."""
    store = write_synthetic_corpus(tmp_path / "corpus", SPLITS)
    results_dir = tmp_path / "results"
    run(store.root, ["rules"], results_dir, "2026-01-01")
    before = files_of(results_dir)
    argv = ["--corpus", str(store.root), "--results", str(results_dir), "--date", "2026-01-02"]
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks", "run", "--baselines", "rules", "crf", *argv],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in child.stderr:  # rules is done and scored once crf scores a setting on dev
        if line.startswith("crf: "):
            break
    child.send_signal(signal.SIGINT)
    child.stderr.read()
    assert child.wait(timeout=120) == 130
    assert files_of(results_dir) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus", "results"]


def test_a_folder_not_made_by_a_run_is_refused_before_the_work(tmp_path: Path) -> None:
    store = write_synthetic_corpus(tmp_path / "corpus", SPLITS)
    with pytest.raises(CorpusError, match="refusing to replace a folder this command did not"):
        run(store.root, ["rules"], tmp_path, "2026-01-01")  # holds the corpus
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus"]
