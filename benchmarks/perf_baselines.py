"""How fast and how lean each baseline is: ``python -m benchmarks.perf_baselines``.

The corpus's articles are repeated (under new ids) to about ``--tokens`` tokens (1,000,000 by
default). Each baseline runs in a process of its own, so the peak memory (max RSS) is its own:
it is loaded and warmed up on one article (model loading is timed apart), then extracts
everything in batches, as ``benchmarks run`` does, ``--rounds`` times. Prints tokens per second
of wall-clock and of CPU time of the fastest round (as ``timeit`` advises: slower rounds are
slowed by other processes of a shared machine, not by the code) and the peak memory. A trained
baseline is first trained on the gold documents of the train split (only its inference is timed).

Each baseline's row is its whole pipeline, the figure its speed target applies to. For crf a
second row times the CRF tagger step alone (token features and decoding, on the text layer's
tokens and the rule baseline's mentions computed beforehand, untimed) on the same articles.

A second table shows how the cost grows with the length of one document: for each of
``--lengths`` (characters; 10 KB, 100 KB and 1 MB by default) one article of that length (the
corpus's texts joined as paragraphs) is extracted; its CPU time per token, and that figure's
ratio to the shortest document's, which stays near 1 for a baseline linear in the length.

A last table (``benchmarks.perf_workers``) shows the throughput of the same articles at 1, 2 and
N worker processes (``--workers``, default every core) and on a local Ray instance with N Ray
workers (``--engines``), against the issue's targets: two workers at least 1.7 times one, Ray
within 1.5 times the process pool's time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import queue
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import baselines
from baselines.base import Extractor, TrainableExtractor, batches, extract_all
from baselines.training import training_documents
from benchmarks.perf_workers import ENGINES, print_scaling, scaling
from corpus.cli import add_corpus_option, add_workers_option, positive_int
from corpus.schema import Article
from corpus.store import CorpusStore
from corpus.text import tokens as text_tokens

# The targets, in tokens per second of the whole pipeline; crf-spacy runs spaCy's
# recognizer, so it is held to spacy's.
TARGETS = {"rules": 100_000, "spacy": 4_000, "crf": 50_000, "crf-spacy": 4_000}
CRF_TAGGER_ROW = "crf (tagger step only: features + decoding)"
LENGTHS = (10_000, 100_000, 1_000_000)  # characters of one document: 10 KB, 100 KB, 1 MB

Row = dict[str, float | str]


def repeated_articles(store: CorpusStore, tokens: int) -> tuple[list[Article], int]:
    """The corpus's articles, repeated under new ids until about ``tokens`` tokens."""
    originals = list(store.articles())
    if not originals:
        raise SystemExit(f"{store.articles_dir}: no articles")
    sizes = [len(text_tokens(article.text)) for article in originals]
    articles, total = [], 0
    while total < tokens:
        for article, size in zip(originals, sizes, strict=True):
            articles.append(Article(f"{article.id}-{len(articles)}", article.text, article.meta))
            total += size
    return articles, total


def long_article(store: CorpusStore, chars: int) -> Article:
    """One article of ``chars`` characters: the corpus's texts joined as paragraphs (repeated
    when they are too few), cut at ``chars``."""
    texts = [article.text for article in store.articles()]
    if not texts:
        raise SystemExit(f"{store.articles_dir}: no articles")
    joined = "\n".join(texts * (chars // len("\n".join(texts)) + 1))
    return Article(f"long-{chars}", joined[:chars])


def _speed(name: str, total: int, wall: float, cpu: float) -> Row:
    return {
        "baseline": name,
        "tokens": total,
        "wall_s": wall,
        "tokens_per_s_wall": total / wall,
        "tokens_per_s_cpu": total / cpu,
    }


def _fastest(rounds: int, run: Callable[[], tuple[float, float]]) -> tuple[float, float]:
    """The wall and CPU seconds of the fastest of ``rounds`` runs (by CPU time)."""
    return min((run() for _ in range(rounds)), key=lambda seconds: seconds[1])


def extraction(extractor: Extractor, articles: Sequence[Article]) -> tuple[float, float]:
    """Wall and CPU seconds of extracting ``articles`` in batches."""
    wall, cpu = time.perf_counter(), time.process_time()
    extract_all(extractor, articles)
    return time.perf_counter() - wall, time.process_time() - cpu


def crf_tagger_step(extractor: Extractor, articles: Sequence[Article]) -> tuple[float, float]:
    """Wall and CPU seconds of the CRF tagger alone (features and decoding) on ``articles``;
    their tokens and rule mentions are prepared batch by batch outside the timing."""
    from baselines.crf import CrfExtractor, prepare, tag_sentence

    assert isinstance(extractor, CrfExtractor) and extractor.models is not None
    wall = cpu = 0.0
    for batch in batches(articles):
        documents = prepare(batch, None, rule_claims=False)
        started, started_cpu = time.perf_counter(), time.process_time()
        for document in documents:
            for index in range(len(document.sentences)):
                tag_sentence(document, index, extractor.models)
        wall += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
    return wall, cpu


def by_length(
    extractor: Extractor, store: CorpusStore, lengths: Sequence[int], rounds: int
) -> list[Row]:
    """CPU microseconds per token of one document of each length, and the ratio of each
    figure to the first's."""
    rows: list[Row] = []
    for chars in lengths:
        article = long_article(store, chars)
        _, cpu = _fastest(rounds, lambda: extraction(extractor, [article]))  # noqa: B023
        tokens = len(text_tokens(article.text))
        rows.append({"baseline": extractor.name, "chars": len(article.text), "tokens": tokens})
        rows[-1]["us_per_token"] = cpu / tokens * 1e6
        rows[-1]["ratio"] = rows[-1]["us_per_token"] / rows[0]["us_per_token"]
    return rows


def measure(
    name: str,
    corpus: Path,
    tokens: int,
    rounds: int,
    lengths: Sequence[int],
    workers: int = 1,
    engines: Sequence[str] = (),
) -> tuple[list[Row], list[Row], list[Row]]:
    """Run in a child process: load, train if needed, warm up, then time the extraction; the
    rows of the speed table, those of the cost by document length, and those of the
    throughput by workers (up to ``workers``) on ``engines``."""
    store = CorpusStore(corpus)
    extractor = baselines.get(name)
    reason = extractor.unavailable()
    if reason:
        return [{"baseline": name, "skipped": reason}], [], []
    articles, total = repeated_articles(store, tokens)
    started = time.perf_counter()
    if isinstance(extractor, TrainableExtractor):
        extractor.fit(*training_documents(store, name), extractor.settings[0])
    extractor.extract(articles[:1])
    load_seconds = time.perf_counter() - started
    whole = _speed(name, total, *_fastest(rounds, lambda: extraction(extractor, articles))) | {
        "load_s": load_seconds,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    rows = [whole]
    if name == "crf":
        tagger = _fastest(rounds, lambda: crf_tagger_step(extractor, articles))
        rows.append(_speed(CRF_TAGGER_ROW, total, *tagger))
    lengths_rows = by_length(extractor, store, lengths, rounds)
    by_workers = scaling(name, corpus, articles, total, rounds, workers, engines) if engines else []
    return rows, lengths_rows, by_workers


def _child(
    name: str,
    corpus: Path,
    tokens: int,
    rounds: int,
    lengths: Sequence[int],
    workers: int,
    engines: Sequence[str],
    results: multiprocessing.Queue,
) -> None:
    results.put(measure(name, corpus, tokens, rounds, lengths, workers, engines))


def _rows_of(child: multiprocessing.process.BaseProcess, results: multiprocessing.Queue) -> list:
    """The rows the child measured; a child that died first (its traceback is on stderr) is an
    error, not a wait for ever."""
    while True:
        try:
            rows = results.get(timeout=1)
            break
        except queue.Empty:
            if not child.is_alive() and results.empty():
                message = f"the measuring process failed (exit code {child.exitcode})"
                raise SystemExit(message) from None
    child.join()
    return rows


def _print_row(row: Row) -> None:
    target = TARGETS.get(str(row["baseline"]))
    if target is None:
        verdict = "-  -"  # a step, not a pipeline: no target of its own
    else:
        met = min(row["tokens_per_s_wall"], row["tokens_per_s_cpu"]) >= target
        verdict = f"{target:,}  {'yes' if met else 'NO'}"
    load = f"{row['load_s']:.1f}" if "load_s" in row else "-"
    rss = f"{row['peak_rss_mib']:,.0f}" if "peak_rss_mib" in row else "-"
    print(
        f"{row['baseline']}  {row['tokens']:,}  {load}  {row['wall_s']:.1f}  "
        f"{row['tokens_per_s_wall']:,.0f}  {row['tokens_per_s_cpu']:,.0f}  {rss}  {verdict}",
        flush=True,
    )


def _print_length_rows(rows: Sequence[Row]) -> None:
    print()
    print("cost by document length: one document, CPU microseconds per token (fastest round)")
    print("baseline  characters  tokens  us/token  x shortest")
    for row in rows:
        print(
            f"{row['baseline']}  {row['chars']:,}  {row['tokens']:,}  "
            f"{row['us_per_token']:.1f}  {row['ratio']:.2f}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.perf_baselines", description=__doc__
    )
    parser.add_argument("--baselines", nargs="+", default=None, metavar="NAME")
    parser.add_argument("--tokens", type=int, default=1_000_000, help="about how many tokens")
    add_corpus_option(parser)
    parser.add_argument(
        "--rounds", type=positive_int, default=3, help="timed runs; the fastest counts (default 3)"
    )
    parser.add_argument(
        "--lengths",
        nargs="+",
        type=positive_int,
        default=LENGTHS,
        metavar="CHARS",
        help="document lengths of the cost-by-length table (default: 10000 100000 1000000)",
    )
    add_workers_option(parser, "the last table times (1, 2 and N)")
    parser.add_argument(
        "--engines",
        nargs="*",
        choices=ENGINES,
        default=list(ENGINES),
        help="engines of the throughput-by-workers table (default: processes ray; none: no table)",
    )
    args = parser.parse_args(argv)
    context = multiprocessing.get_context("spawn")
    print(f"each figure: the fastest of {args.rounds} round(s) over the same articles")
    print(
        "baseline  tokens  load s  wall s  tokens/s (wall)  tokens/s (CPU)  peak RSS MiB  "
        "target tokens/s  met (wall and CPU)"
    )
    length_rows: list[Row] = []
    worker_rows: list[Row] = []
    for name in args.baselines or baselines.names():
        results = context.Queue()
        child = context.Process(
            target=_child,
            args=(
                name,
                args.corpus,
                args.tokens,
                args.rounds,
                args.lengths,
                args.workers,
                args.engines,
                results,
            ),
        )
        child.start()
        rows, by_length_rows, by_workers_rows = _rows_of(child, results)
        for row in rows:
            if "skipped" in row:
                print(f"{row['baseline']}  skipped: {row['skipped']}")
            else:
                _print_row(row)
        length_rows += by_length_rows
        worker_rows += by_workers_rows
    _print_length_rows(length_rows)
    if worker_rows:
        print_scaling(worker_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
