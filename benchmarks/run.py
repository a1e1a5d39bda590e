"""``python -m benchmarks run``: run the baselines on a split, score them, write the results.

For each baseline: ``results/<baseline>.json`` (provenance and the scorer's figures, rounded
once here; ``llm-<model>.json`` for the llm baseline, with what its run cost), then
``results/leaderboard.md`` and the plots. A baseline that cannot run here is skipped with its
one-line reason; a layer it does not produce is reported as such.

Every baseline is run and scored before anything is written; the results folder is then
replaced whole (``corpus.output_folder``), so a run that fails or is interrupted leaves the
previous results, and the leaderboard always matches the result files beside it.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

import baselines
from baselines.base import Extractor, TrainableExtractor
from baselines.commands import baseline_name
from baselines.llm.settings import add_llm_options, llm_settings
from benchmarks.evaluate import evaluate, load_split
from benchmarks.leaderboard import render
from benchmarks.metrics.counts import rounded
from benchmarks.plots import write_plots
from corpus.cli import add_corpus_option, subcommand
from corpus.output_folder import check_replaceable, replacing_folder
from corpus.schema import Annotation, Article
from corpus.splits import SPLITS
from corpus.store import CorpusStore, write_json, write_text_atomic
from corpus.text import sentences

BENCHMARK_VERSION = "0.1.0"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
BATCH_SIZE = 16
MIN_TRAIN_DOCUMENTS = 10  # fewer gold documents in train: trained baselines cross-validate
CV_FOLDS = 5


def corpus_revision(store: CorpusStore) -> str:
    """SHA-256 over the gold files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for path in store.gold_paths():
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def predict(extractor: Extractor, articles: Sequence[Article]) -> list[Annotation]:
    predictions: list[Annotation] = []
    batches = range(0, len(articles), BATCH_SIZE)
    for first in tqdm(batches, desc=extractor.name, unit="batch", file=sys.stderr):
        predictions.extend(extractor.extract(articles[first : first + BATCH_SIZE]))
    return predictions


def trained_predictions(
    extractor: TrainableExtractor,
    store: CorpusStore,
    split: str,
    gold: Sequence[Annotation],
    articles: Sequence[Article],
) -> tuple[list[Annotation], str]:
    """Predictions of a trained baseline and the protocol that produced them: trained on the
    train split when it has enough gold documents, else cross-validated over sentences."""
    train_gold, train_articles = store.gold_documents("train")
    if split != "train" and len(train_gold) >= MIN_TRAIN_DOCUMENTS:
        extractor.fit(train_gold, train_articles)
        protocol = f"trained on the train split ({len(train_gold)} documents)"
        return predict(extractor, articles), protocol
    folds = min(CV_FOLDS, sum(len(sentences(a.text)) for a in articles))
    protocol = (
        f"{folds}-fold cross-validation over the sentences of the {split} split (the train "
        f"split has {len(train_gold)} gold documents, fewer than {MIN_TRAIN_DOCUMENTS})"
    )
    print(f"{extractor.name}: {protocol}", file=sys.stderr)
    return extractor.cross_validate(gold, articles, folds), protocol


def run_baseline(
    extractor: Extractor,
    store: CorpusStore,
    split: str,
    gold: Sequence[Annotation],
    articles: Sequence[Article],
) -> dict[str, Any]:
    """The result of one baseline: its name, version, protocol and layers, and the scores."""
    if isinstance(extractor, TrainableExtractor):
        predictions, protocol = trained_predictions(extractor, store, split, gold, articles)
    else:
        predictions = predict(extractor, articles)
        protocol = extractor.protocol  # after predicting: it may report the run (llm)
    by_id = {article.id: article for article in articles}
    predicted = {annotation.doc_id: annotation for annotation in predictions}
    return {
        "baseline": extractor.result_name,
        "baseline_version": extractor.version,
        "protocol": protocol,
        # the leaderboard reports a layer missing here as not produced, never as zero
        "layers": list(extractor.layers),
        "scores": evaluate(gold, predicted, by_id, split=split).to_dict(),
        **extractor.run_report(),
    }


def run(
    corpus: Path,
    split: str,
    names: Sequence[str],
    results_dir: Path,
    date: str,
    settings: Mapping[str, Any] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Run and score every baseline of ``names`` (made with its ``settings``, by name: see
    ``baselines.get``), then replace ``results_dir`` with their results, the leaderboard and
    the plots; returns the results and the skipped."""
    check_replaceable(results_dir)  # before the work
    store = CorpusStore(corpus)
    gold, articles = load_split(store, split)
    provenance = {
        "benchmark_version": BENCHMARK_VERSION,
        "corpus_revision": corpus_revision(store),
        "split": split,
        "documents": len(gold),
        "date": date,
    }
    results, skipped = [], {}
    for name in names:
        extractor = baselines.get(name, settings)
        reason = extractor.unavailable()
        if reason:
            skipped[name] = reason
            print(f"skipped {name}: {reason}", file=sys.stderr)
            continue
        results.append(rounded(provenance | run_baseline(extractor, store, split, gold, articles)))
    with replacing_folder(results_dir, "python -m benchmarks run") as staging:
        for result in results:
            write_json(staging / f"{result['baseline']}.json", result)
        write_text_atomic(staging / "leaderboard.md", render(results, skipped))
        write_plots(results, staging)
    return results, skipped


# --- command line ----------------------------------------------------------------------------


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(
        verbs,
        "run",
        _run,
        "Run the baselines on a split, score them and write results/<baseline>.json, "
        "results/leaderboard.md and the plots.",
    )
    parser.add_argument(
        "--baselines",
        nargs="+",
        type=baseline_name,
        metavar="NAME",
        help="baselines to run (default: all registered)",
    )
    parser.add_argument("--split", choices=SPLITS, default="test", help="split (default: test)")
    add_corpus_option(parser)
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS_DIR,
        metavar="DIR",
        help="the results folder, replaced whole when every baseline is done: missing, empty "
        "or made by a previous run (default: benchmarks/results)",
    )
    parser.add_argument(
        "--date",
        required=False,
        default=None,
        metavar="YYYY-MM-DD",
        help="date recorded in the results (default: today, UTC)",
    )
    add_llm_options(parser)


def _run(args: argparse.Namespace) -> int:
    date = args.date or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    names = args.baselines or baselines.names()
    settings = {"llm": llm_settings(args)}
    results, skipped = run(args.corpus, args.split, names, args.results, date, settings)
    print(render(results, skipped))
    return 0
