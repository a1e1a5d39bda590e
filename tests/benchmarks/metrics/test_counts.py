from __future__ import annotations

import pytest

from benchmarks.metrics.counts import (
    Counts,
    TypedCounts,
    add_by_key,
    bootstrap_f1,
    set_counts,
    total,
)


def test_counts_add_and_ratios() -> None:
    counts = Counts(3, 1, 2) + Counts(1, 1, 0)
    assert counts == Counts(4, 2, 2)
    assert counts.precision == pytest.approx(4 / 6)
    assert counts.recall == pytest.approx(4 / 6)
    assert counts.f1 == pytest.approx(4 / 6)
    assert Counts(1, 0, 3).f1 == pytest.approx(2 * 1 * 0.25 / 1.25)


def test_zero_division_is_zero() -> None:
    assert Counts().precision == Counts().recall == Counts().f1 == 0.0
    assert Counts(0, 2, 0).precision == 0.0 and Counts(0, 0, 2).recall == 0.0
    assert Counts(0, 2, 2).f1 == 0.0


def test_sums() -> None:
    assert total([Counts(1, 0, 0), Counts(0, 1, 0), Counts(0, 0, 1)]) == Counts(1, 1, 1)
    summed = add_by_key([{"B": Counts(1, 0, 0)}, {"A": Counts(0, 1, 0), "B": Counts(0, 0, 1)}])
    assert summed == {"A": Counts(0, 1, 0), "B": Counts(1, 0, 1)}
    assert list(summed) == ["A", "B"]
    assert set_counts(["a", "b", "b"], ["b", "c"]) == Counts(1, 1, 1)


def test_bootstrap_is_seeded_and_brackets_the_score() -> None:
    per_document = {"x": [Counts(1, 0, 0), Counts(0, 1, 1), Counts(2, 0, 1), Counts(1, 1, 0)]}
    first = bootstrap_f1(per_document, resamples=200, seed=7)
    assert first == bootstrap_f1(per_document, resamples=200, seed=7)
    score = total(per_document["x"]).f1
    assert 0.0 <= first["x"].low <= score <= first["x"].high <= 1.0
    assert first["x"].low < first["x"].high


def test_bootstrap_of_identical_documents_is_a_point() -> None:
    interval = bootstrap_f1({"x": [Counts(1, 1, 0)] * 5}, resamples=50, seed=0)["x"]
    assert interval.low == pytest.approx(2 / 3) and interval.high == pytest.approx(2 / 3)


def test_no_interval_over_fewer_than_two_documents() -> None:
    assert bootstrap_f1({"x": []}, resamples=10, seed=0) == {"x": None}
    assert bootstrap_f1({"x": [Counts(1, 1, 0)]}, resamples=10, seed=0) == {"x": None}


def test_typed_counts_micro_sums_and_macro_averages_the_types() -> None:
    typed = TypedCounts({"A": Counts(1, 0, 0), "B": Counts(0, 1, 1)})
    assert typed.micro == Counts(1, 1, 1)
    assert typed.macro_f1 == pytest.approx((1.0 + 0.0) / 2)
    assert TypedCounts({}).macro_f1 == 0.0
