"""Every command that reads a corpus refuses a folder that does not exist (a ``--corpus`` typo)
in one line and a non-zero exit, and creates nothing: a typo is not an empty corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotation.__main__ import build_parser as annotation_parser
from annotation.server import LabelStudioError, free_port
from baselines.__main__ import main as baselines_main
from baselines.registry import UnknownBaselineError
from benchmarks.__main__ import main as benchmarks_main
from corpus import cli
from corpus.__main__ import build_parser as corpus_parser


def corpus_main(argv: list[str]) -> int:
    return cli.run(corpus_parser(), argv)


def annotation_main(argv: list[str]) -> int:
    errors = (LabelStudioError, UnknownBaselineError)
    return cli.run(annotation_parser(), argv, user_errors=errors)


def server() -> list[str]:
    return ["--url", f"http://127.0.0.1:{free_port()}", "--api-key", "k"]  # never reached


COMMANDS = {
    "corpus ingest": (corpus_main, lambda t: ["ingest", str(t / "a.txt")]),
    "corpus select": (corpus_main, lambda t: ["select"]),
    "corpus stats": (corpus_main, lambda t: ["stats"]),
    "corpus export": (corpus_main, lambda t: ["export", "--out", str(t / "out")]),
    "baselines extract": (
        baselines_main,
        lambda t: ["extract", "rules", "--output", str(t / "p.jsonl")],
    ),
    "benchmarks run": (benchmarks_main, lambda t: ["run", "--results", str(t / "results")]),
    "benchmarks evaluate": (benchmarks_main, lambda t: ["evaluate", str(t / "p.jsonl")]),
    "annotation push": (annotation_main, lambda t: ["push", *server()]),
    "annotation pull": (annotation_main, lambda t: ["pull", *server()]),
    "annotation place": (
        annotation_main,
        lambda t: ["place", str(t / "q.json"), "--annotator", "a"],
    ),
    "annotation quote": (annotation_main, lambda t: ["quote", "doc"]),
    "annotation agreement": (annotation_main, lambda t: ["agreement"]),
    "annotation adjudicate": (annotation_main, lambda t: ["adjudicate", "doc", "--base", "a"]),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_corpus_folder_is_one_line_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    (tmp_path / "a.txt").write_text("A synthetic article.", encoding="utf-8")
    (tmp_path / "p.jsonl").write_text(json.dumps({"doc_id": "doc"}) + "\n", encoding="utf-8")
    (tmp_path / "q.json").write_text(json.dumps({"doc_id": "doc"}), encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    main, arguments = COMMANDS[command]
    typo = tmp_path / "corpsu"
    assert main([*arguments(tmp_path), "--corpus", str(typo)]) == 1
    error = capsys.readouterr().err
    assert error.splitlines()[-1].endswith(f"error: {typo}: no such corpus folder")
    assert "Traceback" not in error
    assert sorted(tmp_path.iterdir()) == before
