"""The leaderboard from SYNTHETIC result dicts (made-up figures)."""

from __future__ import annotations

from typing import Any

from benchmarks.leaderboard import COLUMNS, FLAG, below_dev, render


def _group(f1: float, interval: tuple[float, float] | None, by_hand: bool = False) -> dict:
    ci95 = None if interval is None else {"low": interval[0], "high": interval[1]}
    headline = {name: {"f1": f1, "ci95": ci95} for _, name in COLUMNS}
    return {
        "split": "test",
        "by_hand": by_hand,
        "documents": 1 if interval is None else 4,
        "in_split": 5,
        "document_ids": ["synthetic9"] if by_hand else None,
        "seen_in_training": [],
        "scores": {"headline": headline},
    }


def _result(name: str, layers: list[str], groups: dict[str, Any]) -> dict:
    return {
        "benchmark_version": "0.2.0",
        "corpus_revision": "ab" * 32,
        "date": "2026-01-01",
        "baseline": name,
        "baseline_version": "1",
        "protocol": "synthetic",
        "layers": layers,
        "dropped": {"names off the text layer's tokens": 2},
        "groups": groups,
    }


def _row(table: str, section: str, baseline: str) -> list[str]:
    lines = table[table.index(section) :].splitlines()
    row = next(line for line in lines if line.startswith(f"| {baseline} |"))
    return [cell.strip() for cell in row.strip("|").split("|")]


def test_tables_per_group_flags_and_intervals_over_one_document() -> None:
    steady = _result(
        "steady",
        ["entities"],
        {
            "dev": _group(0.6, (0.5, 0.7)),
            "test": _group(0.55, (0.45, 0.65)),
            "test, placed by hand": _group(0.9, None, by_hand=True),
        },
    )
    falling = _result(
        "falling",
        ["entities", "claims"],
        {"dev": _group(0.8, (0.7, 0.9)), "test": _group(0.6, (0.5, 0.7))},
    )
    table = render([steady, falling], skipped={"spacy": "no model"})

    assert table.index("## test: 4 of 5") < table.index("## dev: 4 of 5")
    assert table.index("## dev") < table.index("## test, placed by hand: 1 of 5")
    steady_test = _row(table, "## test:", "steady")
    assert steady_test[2] == "0.550 [0.45, 0.65]"  # inside the dev interval: no flag
    assert steady_test[4:] == ["not produced"] * 5
    falling_test = _row(table, "## test:", "falling")
    assert falling_test[2] == f"0.600 [0.50, 0.70] {FLAG}"  # below the dev interval [0.7, 0.9]
    assert falling_test[4] == "not produced" and falling_test[-1] == f"0.600 [0.50, 0.70] {FLAG}"
    assert below_dev(falling, "entities.seqeval") and not below_dev(steady, "entities.seqeval")
    assert _row(table, "## test, placed by hand", "steady")[2] == "0.900 (n/a)"
    assert _row(table, "## test, placed by hand", "falling")[2] == "no gold"
    assert "Documents: synthetic9. Placed in the split by hand" in table
    assert f"{FLAG}: the test figure lies below the baseline's dev interval (`falling`" in table
    assert "- `steady` 1: synthetic; left out of its predictions to keep them valid: 2 names" in (
        table
    )
    assert "- `spacy`: no model" in table


def test_no_flag_without_a_dev_interval() -> None:
    alone = _result(
        "alone", ["entities"], {"dev": _group(0.9, None), "test": _group(0.1, (0, 0.2))}
    )
    assert not below_dev(alone, "entities.seqeval")
    assert "No test figure lies below its baseline's dev interval" in render([alone], {})
