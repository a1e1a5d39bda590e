"""The push/pull/config/serve verbs through ``corpus.cli.run``: one line and exit 1 on errors."""

from __future__ import annotations

from annotation import config
from annotation.__main__ import build_parser
from annotation.server import LabelStudioError, free_port
from baselines.registry import UnknownBaselineError
from corpus import cli


def run_verbs(argv: list[str]) -> int:
    """``python -m annotation`` in process."""
    return cli.run(build_parser(), argv, user_errors=(LabelStudioError, UnknownBaselineError))


def test_server_down_is_one_line(capsys, corpus_store):
    url = f"http://127.0.0.1:{free_port()}"
    argv = ["push", "--url", url, "--api-key", "k", "--corpus", str(corpus_store.root)]
    assert run_verbs(argv) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"python -m annotation: error: cannot reach Label Studio at {url}")


def test_wrong_key_is_one_line(capsys, label_studio, corpus_store):
    argv = [
        "pull",
        "--url",
        label_studio.url,
        "--api-key",
        "wrong",
        "--corpus",
        str(corpus_store.root),
    ]
    assert run_verbs(argv) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert (
        line
        == f"python -m annotation: error: Label Studio at {label_studio.url} rejected the API key"
    )


def test_push_then_pull_report_who_annotated(capsys, label_studio, client, corpus_store):
    connection = ["--url", label_studio.url, "--api-key", label_studio.credentials.api_key]
    common = [*connection, "--project", "cli", "--corpus", str(corpus_store.root)]
    assert run_verbs(["push", *common]) == 0
    assert "2 task(s) created, 0 article(s) already present" in capsys.readouterr().out
    assert run_verbs(["pull", *common]) == 0
    assert capsys.readouterr().out.strip() == (
        "0 annotation file(s) written, 0 kept (edited locally), 0 problem(s)"
    )


def test_config_verb_prints_xml(capsys):
    assert run_verbs(["config"]) == 0
    assert capsys.readouterr().out == config.label_config()


def test_missing_project_is_one_line(capsys, label_studio, corpus_store):
    connection = ["--url", label_studio.url, "--api-key", label_studio.credentials.api_key]
    assert run_verbs(["pull", *connection, "--project", "no such project"]) == 1
    assert "no Label Studio project titled 'no such project'" in capsys.readouterr().err
