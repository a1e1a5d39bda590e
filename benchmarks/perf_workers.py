"""The throughput of a baseline at 1, 2 and N worker processes, and on a local Ray instance:
the table ``python -m benchmarks.perf_baselines`` prints last.

Each row is the wall time of extracting the same articles (the fastest of the rounds) with
``baselines.workers.extract_with_workers`` or, for Ray, ``baselines.ray_engine.extract_on_ray``
with N Ray workers, on a local instance started before the timing (its start is printed apart;
each run's Ray workers start, and load their model, inside the timing: that is the Ray path's
overhead). A trained baseline is trained once before; on Ray each Ray worker trains its own, so
it has no Ray row (its training would be timed).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

import baselines
from baselines.base import TrainableExtractor
from baselines.training import training_documents
from baselines.workers import extract_with_workers
from corpus.schema import Article
from corpus.store import CorpusStore

ENGINES = ("processes", "ray")
SPEEDUP_TARGET = 1.7  # two workers against one, for rules and spacy (the target)
RAY_TARGET = 1.5  # Ray's wall time against the process pool's at N workers, at most

Row = dict[str, float | str]

IN_PROCESS_TITLE = (
    "throughput by workers, in this process (wall time; the fastest round): the pool forks from "
    "the loaded baseline, each Ray worker starts and loads its own (perf_engines: end to end)"
)


def worker_counts(most: int) -> list[int]:
    """1, 2 and ``most`` workers (each once, in order)."""
    return sorted({1, min(2, most), most})


def fastest_wall(rounds: int, run: Callable[[], object]) -> float:
    """The wall seconds of the fastest of ``rounds`` runs."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def scaling(
    name: str,
    corpus: Path,
    articles: Sequence[Article],
    tokens: int,
    rounds: int,
    most: int,
    engines: Sequence[str],
) -> list[Row]:
    """Rows of the throughput of baseline ``name`` on ``articles`` (``tokens`` tokens) by
    engine and number of workers; run in a process of its own (the Ray rows start Ray)."""
    extractor = baselines.get(name)
    if isinstance(extractor, TrainableExtractor):
        extractor.fit(*training_documents(CorpusStore(corpus), name), extractor.settings[0])
    extractor.extract(articles[:1])  # loaded and warm before the workers are forked
    rows: list[Row] = []
    for count in worker_counts(most) if "processes" in engines else ():
        wall = fastest_wall(rounds, lambda: extract_with_workers(extractor, articles, count))  # noqa: B023
        rows.append({"baseline": name, "engine": "processes", "workers": count, "wall_s": wall})
    if "ray" in engines and not isinstance(extractor, TrainableExtractor):
        from baselines.ray_cluster import ray_session
        from baselines.ray_engine import extract_on_ray

        started = time.perf_counter()
        with ray_session(None, most):
            start_s = time.perf_counter() - started
            wall = fastest_wall(rounds, lambda: extract_on_ray(name, None, corpus, articles, most))
        rows.append(
            {"baseline": name, "engine": "ray (local)", "workers": most, "wall_s": wall}
            | {"ray_start_s": start_s}
        )
    return with_throughput(rows, tokens)


def with_throughput(rows: list[Row], tokens: int) -> list[Row]:
    """The rows, each with the tokens it extracted and its tokens per second."""
    for row in rows:
        row["tokens"] = tokens
        row["tokens_per_s"] = tokens / float(row["wall_s"])
    return rows


def print_scaling(rows: Sequence[Row], title: str = IN_PROCESS_TITLE) -> None:
    """The table: per row its throughput, its speed-up over one worker (with the target for
    two) and, for Ray, its wall time against the process pool's at as many workers."""
    print()
    print(title)
    print(
        "baseline  engine  workers  tokens  wall s  tokens/s  x one worker  "
        f"target (2 workers >= {SPEEDUP_TARGET}x one; Ray <= {RAY_TARGET}x the pool's time)"
    )
    base = {(r["baseline"], r["workers"]): r for r in rows if r["engine"] == "processes"}
    for row in rows:
        one = base.get((row["baseline"], 1))
        speedup = float(one["wall_s"]) / float(row["wall_s"]) if one else None
        verdict = "-"
        if row["engine"] == "processes" and row["workers"] == 2 and speedup is not None:
            verdict = f"{'yes' if speedup >= SPEEDUP_TARGET else 'NO'}"
        pool = base.get((row["baseline"], row["workers"]))
        if row["engine"] != "processes" and pool:
            ratio = float(row["wall_s"]) / float(pool["wall_s"])
            verdict = (
                f"{ratio:.2f}x the pool's time, {'yes' if ratio <= RAY_TARGET else 'NO'} "
                f"(Ray started in {float(row['ray_start_s']):.1f} s, apart)"
            )
        shown = f"{speedup:.2f}" if speedup is not None else "-"
        print(
            f"{row['baseline']}  {row['engine']}  {row['workers']}  {row['tokens']:,}  "
            f"{float(row['wall_s']):.1f}  {float(row['tokens_per_s']):,.0f}  {shown}  {verdict}",
            flush=True,
        )
