"""The export's speed script runs end to end on a few SYNTHETIC documents (its figures are not
checked: not timed) and its synthetic corpus is valid."""

from __future__ import annotations

from pathlib import Path

from benchmarks.perf_export import main, write_synthetic_corpus
from corpus.validate import check_corpus


def test_the_synthetic_corpus_is_valid(tmp_path: Path) -> None:
    store = write_synthetic_corpus(tmp_path / "corpus", 200, seed=3)
    assert check_corpus(store) == []


def test_prints_the_time_at_each_worker_count_and_that_the_bytes_agree(capsys) -> None:
    main(["--documents", "12", "--workers", "2"])
    out = capsys.readouterr().out.splitlines()
    timed = [line for line in out if line.startswith("export (validation included)")]
    assert [line.split(",")[0] for line in timed] == [
        "export (validation included)",
        "export (validation included)",
    ]
    assert ["1 worker(s)" in timed[0], "2 worker(s)" in timed[1]] == [True, True]
    assert "bytes identical across worker counts [1, 2]: yes" in out
