"""python -m corpus import: into a corpus folder in one transaction, again as a no-op, scored
by the benchmark (the SYNTHETIC brat documents of tests/corpus/formats/synthetic.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from baselines.__main__ import main as baselines_main
from baselines.training import MIN_TRAIN_DOCUMENTS
from benchmarks.__main__ import main as benchmarks_main
from corpus import cli
from corpus.__main__ import build_parser
from corpus.store import CorpusStore
from corpus.validate import check_corpus
from tests.corpus.formats.synthetic import (
    TEXT_A,
    write_brat_copies,
    write_brat_folder,
    write_exact,
    write_mapping,
)


def run(*argv: str | Path) -> int:
    return cli.run(build_parser(), [*map(str, argv)])


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    """The brat folder and its mapping file."""
    return write_brat_folder(tmp_path / "brat"), write_mapping(tmp_path / "map.toml")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def import_brat(inputs: tuple[Path, Path], corpus: Path, *options: str | Path) -> int:
    folder, mapping = inputs
    return run("import", "brat", folder, "--map", mapping, "--corpus", corpus, *options)


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(path.relative_to(folder)): (path.read_text(encoding="utf-8"), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".claimwire")
    }


@pytest.mark.parametrize("verb", [["import"], ["import", "brat"], ["import", "conll"]])
def test_help(verb: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([*verb, "--help"])
    assert exit_.value.code == 0
    assert "usage: python -m corpus import" in capsys.readouterr().out


def test_import_writes_articles_gold_and_splits_then_again_nothing(
    tmp_path: Path,
    inputs: tuple[Path, Path],
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = tmp_path / "import.log"
    assert import_brat(inputs, corpus, "--split", "test", "--log", log, "--rights", "CC0") == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "imported 2 documents (2 new articles; 2 annotation files written, 0 unchanged): "
        f"7 items not placed, 0 placed with a change; see {log}"
    )
    assert len(log.read_text(encoding="utf-8").splitlines()) == 7
    store = CorpusStore(corpus)
    assert store.splits() == {"train": [], "dev": [], "test": ["a", "b"]}
    assert store.load_article("a").text == TEXT_A
    assert store.load_article("a").meta.rights == "CC0"
    assert [g.doc_id for g in store.gold()] == ["a", "b"]
    assert check_corpus(store) == []
    before = snapshot(corpus)
    assert import_brat(inputs, corpus, "--split", "test", "--log", log, "--rights", "CC0") == 0
    assert "(0 new articles; 0 annotation files written, 2 unchanged)" in capsys.readouterr().out
    assert snapshot(corpus) == before


def test_an_annotators_pass_and_an_annotation_that_differs(
    tmp_path: Path,
    inputs: tuple[Path, Path],
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = tmp_path / "import.log"
    assert import_brat(inputs, corpus, "--split", "train", "--log", log) == 0
    assert import_brat(inputs, corpus, "--annotator", "brat-pass", "--log", log) == 0
    store = CorpusStore(corpus)
    assert store.annotators() == ["brat-pass"]
    assert store.load_article("a").id == "a" and len(list(store.articles())) == 2
    before = snapshot(corpus)
    # the same documents with a discontinuous span taken as its hull: another annotation
    assert import_brat(inputs, corpus, "--discontinuous", "hull", "--log", log) == 1
    error = capsys.readouterr().err.splitlines()[-1]
    assert error == (
        f"python -m corpus: error: {store.gold_path('a')}: holds another annotation of a "
        f"(from {inputs[0] / 'a.txt'}); nothing written (--overwrite replaces it)"
    )
    assert snapshot(corpus) == before
    argv = ("--discontinuous", "hull", "--overwrite", "--log", log)
    assert import_brat(inputs, corpus, *argv) == 0
    assert len(CorpusStore(corpus).load_article("a").text) == len(TEXT_A)
    claims = {g.doc_id: len(g.claims) for g in CorpusStore(corpus).gold()}
    assert claims == {"a": 3, "b": 1}


def test_bad_input_writes_nothing(
    tmp_path: Path,
    inputs: tuple[Path, Path],
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, _ = inputs
    write_exact(folder / "c.txt", "Vinter left.")
    write_exact(folder / "c.ann", "T1\tPerson 0 6\tVinter\nR1\tEmployment Arg1:T1\n")
    assert import_brat(inputs, corpus) == 1
    error = capsys.readouterr().err
    assert error.splitlines()[-1] == (
        f"python -m corpus: error: {folder / 'c.ann'}:2: R1: expected 2 arguments, got 1"
    )
    assert "Traceback" not in error
    assert list(corpus.iterdir()) == []


def test_gold_cannot_be_imported_into_the_pool(
    inputs: tuple[Path, Path], corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_brat(inputs, corpus, "--split", "pool") == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m corpus: error: gold cannot be in the pool: give --split train, dev or test"
    )
    assert list(corpus.iterdir()) == []


def test_a_text_present_with_other_whitespace_is_refused(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Vinter  left.", encoding="utf-8")  # two spaces
    assert run("ingest", tmp_path / "a.txt", "--corpus", corpus, "--split", "test") == 0
    folder = tmp_path / "brat"
    write_exact(folder / "b.txt", "Vinter left.")
    write_exact(folder / "b.ann", "T1\tPERSON 0 6\tVinter\n")
    assert run("import", "brat", folder, "--corpus", corpus) == 1
    error = capsys.readouterr().err.splitlines()[-1]
    assert error.startswith(f"python -m corpus: error: {folder / 'b.txt'}: the corpus holds this ")
    assert "with other whitespace, so the offsets would not match; nothing written" in error
    assert CorpusStore(corpus).gold_paths() == []


def test_an_imported_brat_corpus_is_scored_by_the_benchmark(
    tmp_path: Path,
    inputs: tuple[Path, Path],
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert import_brat(inputs, corpus, "--split", "test", "--log", tmp_path / "log") == 0
    predictions = tmp_path / "rules.jsonl"
    argv = ["extract", "rules", "--corpus", str(corpus), "--output", str(predictions)]
    assert baselines_main(argv) == 0
    scores = tmp_path / "scores.json"
    argv = ["evaluate", str(predictions), "--corpus", str(corpus), "--json", str(scores)]
    assert benchmarks_main([*argv, "--resamples", "10"]) == 0
    result = json.loads(scores.read_text(encoding="utf-8"))
    assert result["documents"] == 2 and result["predicted_documents"] == 2
    assert 0 < result["headline"]["entities.seqeval"]["f1"] <= 1
    assert "entities" in capsys.readouterr().out


def test_an_imported_brat_corpus_trains_crf_for_another_corpus(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brat = write_brat_copies(tmp_path / "brat", MIN_TRAIN_DOCUMENTS)
    inputs = (brat, write_mapping(tmp_path / "map.toml"))
    assert import_brat(inputs, corpus, "--split", "train", "--log", tmp_path / "log") == 0
    other = tmp_path / "other"
    other.mkdir()
    scored = (write_brat_folder(tmp_path / "b"), inputs[1])
    assert import_brat(scored, other, "--split", "test", "--log", tmp_path / "log-b") == 0
    predictions = tmp_path / "crf.jsonl"
    argv = ["extract", "crf", "--corpus", other, "--train-corpus", corpus, "--output", predictions]
    assert baselines_main([*map(str, argv)]) == 0
    trained = f"crf: trained on the train split of {corpus}: {MIN_TRAIN_DOCUMENTS} gold documents"
    assert trained in capsys.readouterr().out
    scores = tmp_path / "scores.json"
    argv = ["evaluate", predictions, "--corpus", other, "--train-corpus", corpus, "--json", scores]
    assert benchmarks_main([*map(str, argv), "--resamples", "10"]) == 0
    result = json.loads(scores.read_text(encoding="utf-8"))
    assert result["documents"] == 2 and result["predicted_documents"] == 2
    assert result["headline"]["entities.seqeval"]["f1"] > 0
