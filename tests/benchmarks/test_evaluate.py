"""``evaluate`` and ``python -m benchmarks evaluate`` on a SYNTHETIC corpus folder and the seed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.__main__ import main
from benchmarks.evaluate import HEADLINES, evaluate, load_split
from benchmarks.predictions import PredictionsError
from corpus.schema import Annotation, Article
from corpus.store import CorpusError, CorpusStore, write_json
from tests.benchmarks.conftest import GOLD, mention
from tests.conftest import REPO

SEED_ID = "ecc15c41bcd53d94"


@pytest.fixture
def corpus_dir(tmp_path: Path, synthetic_article: Article, synthetic_gold: Annotation) -> Path:
    store = CorpusStore(tmp_path / "corpus")
    store.save_article(synthetic_article)
    store.save_annotation(synthetic_gold, store.gold_path(synthetic_article.id))
    write_json(store.splits_path, {"train": [], "dev": [], "test": [synthetic_article.id]})
    return store.root


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_gold_against_itself_is_one(synthetic_article: Article, synthetic_gold: Annotation) -> None:
    result = evaluate(
        [synthetic_gold],
        {synthetic_gold.doc_id: synthetic_gold},
        {synthetic_article.id: synthetic_article},
        split="test",
    )
    assert result.headline() == dict.fromkeys(HEADLINES, 1.0)
    assert set(result.intervals.values()) == {None}  # one document: no interval
    assert result.scores.claims.parent_accuracy == 0.0  # no nested claim: 0/0, stated rule


def test_empty_predictions_are_zero(synthetic_article: Article, synthetic_gold: Annotation) -> None:
    result = evaluate([synthetic_gold], {}, {synthetic_article.id: synthetic_article}, split="test")
    assert result.headline() == dict.fromkeys(HEADLINES, 0.0)
    data = result.to_dict()
    assert data["predicted_documents"] == 0
    assert data["entities"]["spans"]["counts"]["missed"] == 6


def test_prediction_outside_the_split_is_refused(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    other = Annotation("elsewhere")
    with pytest.raises(PredictionsError, match="elsewhere: not a document of the 'test' split"):
        evaluate(
            [synthetic_gold],
            {"elsewhere": other},
            {synthetic_article.id: synthetic_article},
            split="test",
        )


def test_cli_scores_and_writes_json(corpus_dir: Path, tmp_path: Path, capsys) -> None:
    predictions = write_lines(tmp_path / "pred.jsonl", [json.dumps(GOLD)])
    out = tmp_path / "result.json"
    code = main(
        [
            "evaluate",
            str(predictions),
            "--corpus",
            str(corpus_dir),
            "--json",
            str(out),
            "--resamples",
            "50",
        ]
    )
    assert code == 0
    table = capsys.readouterr().out
    assert "seqeval strict = default" in table and "attribution" in table
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {
        "split",
        "documents",
        "predicted_documents",
        "headline",
        "bootstrap",
        "entities",
        "relations",
        "claims",
        "left_out",
    }
    assert data["headline"]["claims.attribution"] == {"f1": 1.0, "ci95": None}
    assert data["left_out"] == {"predictions_outside_split": 0, "documents_seen_in_training": []}
    assert "n/a" in table
    assert data["bootstrap"] == {"resamples": 50, "seed": 0, "confidence": 0.95}


def test_cli_line_with_no_layers_counts_as_empty(corpus_dir: Path, tmp_path: Path) -> None:
    predictions = write_lines(tmp_path / "pred.jsonl", [json.dumps({"doc_id": "synthetic1"})])
    out = tmp_path / "result.json"
    assert (
        main(["evaluate", str(predictions), "--corpus", str(corpus_dir), "--json", str(out)]) == 0
    )
    assert json.loads(out.read_text())["headline"]["entities.seqeval"]["f1"] == 0.0


OUTSIDE = dict(GOLD, mentions=[*GOLD["mentions"], dict(mention("m9", "Paris", "GPE"), end=999)])
BAD_LABEL = dict(GOLD, mentions=[dict(mention("m9", "Paris", "GPE"), type="CITY")])
DANGLING = dict(GOLD, relations=[{"id": "r9", "type": "MEETS", "head": "m1", "tail": "m42"}])


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["{not json"], "pred.jsonl:1: invalid JSON"),
        (
            [json.dumps(GOLD), json.dumps(GOLD)],
            "pred.jsonl:2: synthetic1: already predicted on line 1",
        ),
        (
            [json.dumps(OUTSIDE)],
            "pred.jsonl:1: synthetic1: mention m9: span [29, 999) is not inside",
        ),
        (
            [json.dumps(BAD_LABEL)],
            "pred.jsonl:1: synthetic1: mention m9: unknown mention type 'CITY'",
        ),
        (
            [json.dumps(DANGLING)],
            "pred.jsonl:1: synthetic1: relation r9: unknown tail mention 'm42'",
        ),
        (["", " "], "pred.jsonl: no predictions (an empty file)"),
    ],
)
def test_cli_malformed_predictions_exit_one_with_one_line(
    corpus_dir: Path, tmp_path: Path, capsys, lines: list[str], message: str
) -> None:
    predictions = write_lines(tmp_path / "pred.jsonl", lines)
    out = tmp_path / "result.json"
    code = main(["evaluate", str(predictions), "--corpus", str(corpus_dir), "--json", str(out)])
    error = capsys.readouterr().err
    assert code == 1
    # one error line (after the progress bar, when the error is found while scoring)
    errors = [line for line in error.splitlines() if "error:" in line]
    assert len(errors) == 1 and message in errors[0], error
    assert error.splitlines()[-1] == errors[0]
    assert not out.exists()  # nothing half-written


def test_cli_leaves_out_and_counts_predictions_outside_the_split_unless_strict(
    corpus_dir: Path, tmp_path: Path, capsys
) -> None:
    lines = [json.dumps(dict(GOLD, doc_id="elsewhere")), json.dumps(GOLD)]
    predictions = write_lines(tmp_path / "pred.jsonl", lines)
    out = tmp_path / "result.json"
    argv = ["evaluate", str(predictions), "--corpus", str(corpus_dir), "--json", str(out)]

    assert main(argv) == 0
    assert "left out: 1 prediction(s) of documents outside split 'test'" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["left_out"]["predictions_outside_split"] == 1
    assert data["headline"]["entities.seqeval"]["f1"] == 1.0

    out.unlink()
    assert main([*argv, "--strict"]) == 1
    error = capsys.readouterr().err
    assert "pred.jsonl:1: elsewhere: not a document of the 'test' split (--strict)" in error
    assert not out.exists()


def test_cli_gold_with_a_dangling_relation_head_is_one_line(
    corpus_dir: Path, tmp_path: Path, capsys
) -> None:
    gold_path = CorpusStore(corpus_dir).gold_path(GOLD["doc_id"])
    write_json(gold_path, dict(DANGLING, relations=[dict(DANGLING["relations"][0], head="m9")]))
    predictions = write_lines(tmp_path / "pred.jsonl", [json.dumps(GOLD)])

    assert main(["evaluate", str(predictions), "--corpus", str(corpus_dir)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and str(gold_path) in error
    assert "synthetic1: relation r9: unknown head mention 'm9'" in error


def test_cli_leaves_out_documents_whose_text_the_train_corpus_holds(
    corpus_dir: Path, tmp_path: Path, synthetic_article: Article, capsys
) -> None:
    train = CorpusStore(tmp_path / "train")
    train.save_article(Article("other-id", synthetic_article.text))
    train.save_annotation(Annotation("other-id"), train.gold_path("other-id"))
    write_json(train.splits_path, {"train": ["other-id"]})
    predictions = write_lines(tmp_path / "pred.jsonl", [json.dumps(GOLD)])
    argv = ["evaluate", str(predictions), "--corpus", str(corpus_dir)]

    assert main([*argv, "--train-corpus", str(train.root)]) == 1  # nothing left to score
    assert "every gold document of split 'test' is in training" in capsys.readouterr().err
    assert main([*argv, "--train-corpus", str(train.root), "--strict"]) == 1
    assert "synthetic1: its text is in the train split of" in capsys.readouterr().err


def test_cli_unknown_split_is_one_line(corpus_dir: Path, tmp_path: Path, capsys) -> None:
    predictions = write_lines(tmp_path / "pred.jsonl", [])
    assert main(["evaluate", str(predictions), "--corpus", str(corpus_dir), "--split", "x"]) == 1
    assert "no split 'x' (known: train, dev, test)" in capsys.readouterr().err


def test_load_split_scores_the_documents_with_gold(corpus_dir: Path) -> None:
    store = CorpusStore(corpus_dir)
    store.save_article(Article("synthetic2", "A second SYNTHETIC text."))
    write_json(store.splits_path, {"test": ["synthetic2", "synthetic1"], "dev": ["synthetic2"]})
    gold, articles = load_split(store, "test")  # synthetic2 is selected, not yet adjudicated
    assert [a.doc_id for a in gold] == [a.id for a in articles] == ["synthetic1"]
    with pytest.raises(CorpusError, match="gold: no gold document in split 'dev'"):
        load_split(store, "dev")


def test_module_exits_non_zero_on_a_malformed_file(corpus_dir: Path, tmp_path: Path) -> None:
    predictions = write_lines(tmp_path / "pred.jsonl", ["[1, 2]"])
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "evaluate",
            str(predictions),
            "--corpus",
            str(corpus_dir),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "pred.jsonl:1: expected an object, got list" in done.stderr


def test_results_are_reproducible(synthetic_article: Article, synthetic_gold: Annotation) -> None:
    half = Annotation.from_dict(
        dict(GOLD, mentions=GOLD["mentions"][:3], relations=[], claims=[], claim_links=[])
    )
    runs = [
        evaluate(
            [synthetic_gold],
            {half.doc_id: half},
            {synthetic_article.id: synthetic_article},
            split="test",
        ).to_dict()
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert runs[0]["headline"]["entities.seqeval"]["f1"] == pytest.approx(2 * 3 / (3 + 6))


@pytest.mark.skipif(
    not (REPO / "corpus" / "gold" / f"{SEED_ID}.json").exists(),
    reason="the seed gold corpus/gold/ecc15c41bcd53d94.json does not exist yet",
)
def test_seed_gold_against_itself_and_empty() -> None:
    gold, in_split = load_split(CorpusStore(REPO / "corpus"), "test")
    articles = {article.id: article for article in in_split}
    seed = [g for g in gold if g.doc_id == SEED_ID]
    perfect = evaluate(seed, {SEED_ID: seed[0]}, articles, split="test", resamples=20)
    for name, f1 in perfect.headline().items():
        layer_items = HEADLINES[name](perfect.scores)
        assert f1 == (1.0 if layer_items.tp + layer_items.fn else 0.0), name
    empty = evaluate(seed, {}, articles, split="test", resamples=20)
    assert set(empty.headline().values()) == {0.0}


def test_cli_gold_with_a_dangling_id_is_one_line(corpus_dir: Path, tmp_path: Path, capsys) -> None:
    store = CorpusStore(corpus_dir)
    write_json(store.gold_path("synthetic1"), DANGLING)
    predictions = write_lines(tmp_path / "pred.jsonl", [json.dumps(GOLD)])
    assert main(["evaluate", str(predictions), "--corpus", str(corpus_dir)]) == 1
    error = capsys.readouterr().err
    assert error == (
        f"python -m benchmarks: error: {store.gold_path('synthetic1')}: synthetic1: relation "
        "r9: unknown tail mention 'm42'\n"
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--resamples", "0"], "argument --resamples: 0: must be at least 1"),
        (["--resamples", "many"], "argument --resamples: 'many' is not a whole number"),
        (["--json", "."], "is a folder, not a file"),
        (["--json", "pred.jsonl/out.json"], "pred.jsonl is a file, not a folder"),
    ],
)
def test_cli_bad_options_are_refused_before_scoring(
    corpus_dir: Path, tmp_path: Path, capsys, option: list[str], message: str, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    predictions = write_lines(tmp_path / "pred.jsonl", [json.dumps(GOLD)])
    with pytest.raises(SystemExit) as exit_info:
        main(["evaluate", str(predictions), "--corpus", str(corpus_dir), *option])
    assert exit_info.value.code == 2 and message in capsys.readouterr().err
