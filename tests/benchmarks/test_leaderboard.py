from __future__ import annotations

from benchmarks.leaderboard import COLUMNS, render


def _result(layers: list[str]) -> dict:
    headline = {name: {"f1": 0.5, "ci95": {"low": 0.25, "high": 0.75}} for _, name in COLUMNS}
    return {
        "benchmark_version": "0.1.0",
        "corpus_revision": "ab" * 32,
        "split": "test",
        "documents": 1,
        "baseline": "partial",
        "baseline_version": "1",
        "protocol": "synthetic",
        "layers": layers,
        "scores": {"headline": headline},
    }


def test_a_layer_not_produced_is_said_so_not_zero() -> None:
    table = render([_result(["entities"])], skipped={"spacy": "no model"})
    row = next(line for line in table.splitlines() if line.startswith("| partial |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[2] == "0.500 [0.25, 0.75]"
    assert cells[4:9] == ["not produced"] * 5
    assert "- `spacy`: no model" in table
