"""The two engines of ``baselines extract``, end to end: ``python -m benchmarks.perf_engines``.

``benchmarks.perf_workers`` times the extraction inside one process, whose pool forks workers
from a process that has its baseline loaded already, while each Ray worker starts and loads its
own: a comparison of a warm pool with cold Ray workers. Here both engines are timed as a user
runs them: ``python -m baselines extract`` in a fresh process each round, on a corpus folder of
the repo's articles repeated (under new ids, in the same order) to about ``--tokens`` tokens,
with 1, 2 and N worker processes, and with N Ray workers on a Ray cluster started before on
loopback (``ray start``, reached by ``--ray-address``; its start is printed apart). Each
figure is the fastest of ``--rounds`` rounds; every run must write the same bytes.

A trained baseline is trained in each run (on Ray, in each Ray worker), so its rows time its
training too.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import baselines
from baselines.ray_cluster import local_cluster
from benchmarks.perf_baselines import repeated_articles
from benchmarks.perf_workers import (
    Row,
    fastest_wall,
    print_scaling,
    with_throughput,
    worker_counts,
)
from corpus.cli import add_corpus_option, add_workers_option, positive_int
from corpus.schema import Article
from corpus.store import CorpusStore

DEFAULT_BASELINES = ("rules", "spacy")  # the baselines of the targets


def write_corpus(articles: Sequence[Article], root: Path) -> Path:
    """A corpus folder of ``articles``, under ids that keep their order (a corpus lists its
    articles by id): copies of one text never follow each other, as in the timing in process."""
    store = CorpusStore(root)
    for number, article in enumerate(articles):
        store.save_article(Article(f"{number:06d}-{article.id}", article.text, article.meta))
    return store.root


def timed_extract(
    name: str,
    corpus: Path,
    output: Path,
    options: Sequence[str],
    rounds: int,
    env: Mapping[str, str] | None = None,
) -> float:
    """The wall seconds of the fastest of ``rounds`` runs of ``python -m baselines extract``;
    a failed run is an error naming the command."""
    command = [sys.executable, "-m", "baselines", "extract", name, "--corpus", str(corpus)]
    command += [*options, "--output", str(output)]

    def run() -> None:
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise SystemExit(f"{' '.join(command[1:])}: exit code {done.returncode}: {last}")

    return fastest_wall(rounds, run)


def engine_rows(
    name: str, articles: Sequence[Article], tokens: int, rounds: int, most: int, work: Path
) -> list[Row]:
    """Rows of baseline ``name``: 1, 2 and ``most`` worker processes, then ``most`` Ray workers
    on a local cluster; an error when a run writes other bytes than the first."""
    corpus = write_corpus(articles, work / f"{name}-corpus")
    rows: list[Row] = []
    outputs: list[Path] = []
    for count in worker_counts(most):
        outputs.append(work / f"{name}-{count}.jsonl")
        wall = timed_extract(name, corpus, outputs[-1], ["--workers", str(count)], rounds)
        rows.append({"baseline": name, "engine": "processes", "workers": count, "wall_s": wall})
    started = time.perf_counter()
    with local_cluster(most) as cluster:
        start_s = time.perf_counter() - started
        outputs.append(work / f"{name}-ray.jsonl")
        options = ["--engine", "ray", "--ray-address", cluster.address, "--workers", str(most)]
        wall = timed_extract(name, corpus, outputs[-1], options, rounds, cluster.env)
    rows.append(
        {"baseline": name, "engine": "ray (cluster)", "workers": most, "wall_s": wall}
        | {"ray_start_s": start_s}
    )
    first = outputs[0].read_bytes()
    for output in outputs[1:]:
        if output.read_bytes() != first:
            raise SystemExit(f"{output.name}: other predictions than {outputs[0].name}")
    return with_throughput(rows, tokens)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.perf_engines", description=__doc__)
    parser.add_argument(
        "--baselines",
        nargs="+",
        default=list(DEFAULT_BASELINES),
        choices=baselines.names(),
        metavar="NAME",
        help=f"default: {' '.join(DEFAULT_BASELINES)}",
    )
    parser.add_argument("--tokens", type=int, default=1_000_000, help="about how many tokens")
    add_corpus_option(parser)
    parser.add_argument(
        "--rounds", type=positive_int, default=3, help="timed runs; the fastest counts (default 3)"
    )
    add_workers_option(parser, "the table times (1, 2 and N, and N Ray workers)")
    args = parser.parse_args(argv)
    articles, tokens = repeated_articles(CorpusStore(args.corpus), args.tokens)
    print(f"python -m baselines extract, a fresh process per run; the fastest of {args.rounds}")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="claimwire-engines-") as work:
        for name in args.baselines:
            rows += engine_rows(name, articles, tokens, args.rounds, args.workers, Path(work))
    print_scaling(rows, "end to end, as a user runs it (wall time; the fastest round)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
