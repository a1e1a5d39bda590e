"""The push/pull/config/serve verbs through ``corpus.cli.run``: one line and exit 1 on errors."""

from __future__ import annotations

import sqlite3

import pytest

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


@pytest.mark.parametrize("size", ["0", "-1"])
def test_a_batch_size_below_one_is_refused_before_any_request(capsys, corpus_store, size):
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens: no request is made
    argv = ["push", "--url", url, "--api-key", "k", "--corpus", str(corpus_store.root)]
    with pytest.raises(SystemExit) as exit_info:
        run_verbs([*argv, "--batch-size", size])
    assert exit_info.value.code == 2
    assert f"argument --batch-size: {size}: must be at least 1" in capsys.readouterr().err


@pytest.fixture
def projects_table_hidden(label_studio):
    """The real server's ``project`` table renamed for the test: Label Studio still logs in,
    then answers 500 to every request about projects."""
    database = sqlite3.connect(label_studio.data_dir / "label_studio.sqlite3")
    database.execute("ALTER TABLE project RENAME TO project_hidden_by_test")
    database.commit()
    try:
        yield
    finally:
        database.execute("ALTER TABLE project_hidden_by_test RENAME TO project")
        database.commit()
        database.close()


@pytest.mark.parametrize("verb", ["push", "pull"])
def test_a_server_error_after_login_is_one_line(
    capsys, label_studio, corpus_store, projects_table_hidden, verb
):
    connection = ["--url", label_studio.url, "--api-key", label_studio.credentials.api_key]
    assert run_verbs([verb, *connection, "--corpus", str(corpus_store.root)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        f"python -m annotation: error: Label Studio at {label_studio.url} answered 500: "
        "no such table: project"
    )
