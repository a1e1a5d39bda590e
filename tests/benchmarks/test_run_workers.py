"""``benchmarks run --workers``: the results of two workers are those of one, on the repo's
corpus (real news) with the rule baseline, its articles in several chunks."""

from __future__ import annotations

from pathlib import Path

import pytest

from baselines import workers
from baselines.base import BATCH_SIZE
from benchmarks.__main__ import build_parser
from benchmarks.run import run
from corpus.store import REPO_CORPUS


def test_two_workers_give_the_results_of_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "CHUNK", BATCH_SIZE)
    folders = {count: tmp_path / f"results-{count}" for count in (1, 2)}
    for count, folder in folders.items():
        run(REPO_CORPUS, ["rules"], folder, "2026-01-01", workers=count)
    one, two = (folder / "rules.json" for folder in folders.values())
    assert one.read_bytes() == two.read_bytes()
    assert (folders[1] / "leaderboard.md").read_bytes() == (
        folders[2] / "leaderboard.md"
    ).read_bytes()


def test_the_run_command_takes_workers() -> None:
    args = build_parser().parse_args(["run", "--workers", "2"])
    assert args.workers == 2
