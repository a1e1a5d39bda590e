"""``python -m benchmarks run``: run the baselines, score them on dev and test, write results.

The protocol (``DESIGN.md``): a trained baseline learns from the gold documents of the train
split of ``--train-corpus`` (default: ``--corpus``); when dev has gold, its setting is chosen
there (``CHOICE_METRIC``), else it keeps its default; it is never trained on what it is scored
on, and with too little train gold it is skipped, not run another way. The test split is read
only here. Every baseline is scored on each group of ``benchmarks.groups``: dev, test, and the
documents placed in a split by hand (the seed), apart.

For each baseline: ``results/<baseline>.json`` (provenance, protocol and per group the scorer's
figures, rounded once here; ``llm-<model>.json`` for the llm baseline, with what its run
cost), then ``results/leaderboard.md`` and the plots. A baseline that
cannot run here is skipped with its one-line reason; a layer it does not produce is reported as
such.

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

import baselines
from baselines.base import BaselineError, Extractor, TrainableExtractor
from baselines.commands import baseline_name
from baselines.llm.settings import add_llm_options, llm_settings
from baselines.training import training_documents
from baselines.workers import extract_with_workers
from benchmarks.evaluate import evaluate
from benchmarks.groups import Group, scored_groups
from benchmarks.leaderboard import render
from benchmarks.metrics.counts import rounded
from benchmarks.plots import write_plots
from corpus.cli import (
    add_corpus_option,
    add_train_corpus_option,
    add_workers_option,
    all_cores,
    subcommand,
)
from corpus.output_folder import check_replaceable, replacing_folder
from corpus.store import CorpusStore, write_json, write_text_atomic

BENCHMARK_VERSION = "0.2.0"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
CHOICE_METRIC = "entities.seqeval"  # what a trained baseline's setting is chosen by, on dev


def corpus_revision(store: CorpusStore) -> str:
    """SHA-256 over the gold files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for path in store.gold_paths():
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def dev_score(
    extractor: Extractor, dev: Group, metric: str = CHOICE_METRIC, workers: int = 1
) -> float:
    """The headline ``metric`` of the extractor's predictions on the dev group."""
    predicted = {p.doc_id: p for p in extract_with_workers(extractor, dev.articles, workers)}
    by_id = {article.id: article for article in dev.articles}
    return evaluate(dev.gold, predicted, by_id, split=dev.split).headline()[metric]


def choose_thresholds(extractor: TrainableExtractor, dev: Group, workers: int = 1) -> str:
    """Set each of the (trained) extractor's thresholds to the value that scores best on
    ``dev`` by the threshold's metric (the earlier on a tie); returns the choices in words,
    "" when it has none."""
    chosen = []
    for threshold in extractor.thresholds:
        scores = []
        for value in threshold.values:
            extractor.set_threshold(threshold.name, value)
            scores.append(dev_score(extractor, dev, threshold.metric, workers))
            print(
                f"{extractor.name}: {threshold.name}={value}: dev {threshold.metric} "
                f"{scores[-1]:.4f}",
                file=sys.stderr,
            )
        best = threshold.values[scores.index(max(scores))]
        extractor.set_threshold(threshold.name, best)
        chosen.append(
            f"{threshold.name}={best} chosen on dev by {threshold.metric} F1 among "
            f"{len(threshold.values)} values"
        )
    return "".join(f", {choice}" for choice in chosen)


def train(
    extractor: TrainableExtractor, train_store: CorpusStore, dev: Group | None, workers: int = 1
) -> str:
    """Train ``extractor`` on the train split of ``train_store`` with the setting that scores
    best on ``dev`` (the earlier on a tie; the default without dev gold), then choose its
    thresholds there; returns the protocol in one line. Raises :class:`BaselineError` when the
    train split has too little gold."""
    gold, articles = training_documents(train_store, extractor.name)
    where = f"the train split of {train_store.root.name}/"
    settings = extractor.settings
    if dev is None or not dev.gold:
        report = extractor.fit(gold, articles, settings[0])
        defaults = "".join(f", {t.name}={t.values[0]}" for t in extractor.thresholds)
        why = "no dev gold to choose on" if len(settings) > 1 or defaults else "its only setting"
        return f"trained on {where} ({report}), {_setting(settings[0])}{defaults} ({why})"
    if len(settings) == 1:
        report = extractor.fit(gold, articles, settings[0])
        line = f"trained on {where} ({report}), {_setting(settings[0])} (its only setting)"
    else:
        scores = []
        for setting in settings:
            report = extractor.fit(gold, articles, setting)
            scores.append(dev_score(extractor, dev, workers=workers))
            chosen = f"{extractor.name}: {_setting(setting)}: dev {CHOICE_METRIC} {scores[-1]:.4f}"
            print(chosen, file=sys.stderr)
        best = scores.index(max(scores))
        if best != len(settings) - 1:
            report = extractor.fit(gold, articles, settings[best])
        line = (
            f"trained on {where} ({report}), {_setting(settings[best])} chosen on dev by "
            f"{CHOICE_METRIC} F1 among {len(settings)} settings"
        )
    thresholds = choose_thresholds(extractor, dev, workers)
    if len(settings) == 1 and not thresholds:
        return line
    return f"{line}{thresholds} (so its dev figures are optimistic)"


def _setting(setting: dict[str, float]) -> str:
    return ", ".join(f"{name}={value}" for name, value in setting.items()) or "default setting"


def score_groups(extractor: Extractor, groups: Sequence[Group], workers: int = 1) -> dict[str, Any]:
    """Per group: its documents and the scores of the extractor's predictions (None without
    gold). The extractor predicts every scored article once, in ``workers`` processes."""
    articles = [article for group in groups for article in group.articles]
    predictions = extract_with_workers(extractor, articles, workers, progress=True)
    predicted = {p.doc_id: p for p in predictions}
    scored = {}
    for group in groups:
        by_id = {article.id: article for article in group.articles}
        result = None
        if group.gold:
            mine = {doc_id: predicted[doc_id] for doc_id in by_id}
            result = evaluate(group.gold, mine, by_id, split=group.split).to_dict()
        scored[group.name] = {
            "split": group.split,
            "by_hand": group.by_hand,
            "documents": len(group.gold),
            "in_split": group.in_split,
            "document_ids": sorted(by_id) if group.by_hand else None,
            "seen_in_training": group.seen_in_training,
            "scores": result,
        }
    return scored


def prepare(
    extractor: Extractor, groups: Sequence[Group], train_store: CorpusStore, workers: int = 1
) -> str | None:
    """Train a trained baseline (its setting chosen on dev) and return its protocol; None for
    one applied as is, whose protocol is read after it ran (it may report the run: llm).
    Raises ``BaselineError`` when it cannot be trained (too little gold)."""
    if not isinstance(extractor, TrainableExtractor):
        return None
    dev = next((group for group in groups if group.name == "dev"), None)
    protocol = train(extractor, train_store, dev, workers)
    extractor.dropped.clear()  # count what the scored predictions drop, not the choice's
    return protocol


def run_baseline(
    extractor: Extractor, groups: Sequence[Group], protocol: str | None, workers: int = 1
) -> dict[str, Any]:
    """The result of one (prepared) baseline: its name, version, protocol and layers, what its
    drafts left out to stay valid, and its scores per group (predicted in ``workers``
    processes: the same figures whatever their number)."""
    groups_scored = score_groups(extractor, groups, workers)
    return {
        "baseline": extractor.result_name,
        "baseline_version": extractor.version,
        "protocol": protocol or extractor.protocol,
        # the leaderboard reports a layer missing here as not produced, never as zero
        "layers": list(extractor.layers),
        "dropped": dict(sorted(extractor.dropped.items())),
        "groups": groups_scored,
        **extractor.run_report(),
    }


def run(
    corpus: Path,
    names: Sequence[str],
    results_dir: Path,
    date: str,
    train_corpus: Path | None = None,
    settings: Mapping[str, Any] | None = None,
    workers: int | None = None,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Run and score every baseline of ``names`` (made with its ``settings``, by name: see
    ``baselines.get``), then replace ``results_dir`` with their results, the leaderboard and
    the plots; returns the results and the skipped. Trained baselines learn from the train
    split of ``train_corpus`` (default: ``corpus``); extraction runs in ``workers`` processes
    (default: every core)."""
    workers = workers or all_cores()
    check_replaceable(results_dir)  # before the work
    store = CorpusStore(corpus)
    train_store = CorpusStore(train_corpus or corpus)
    groups = scored_groups(store, train_store)
    provenance = {
        "benchmark_version": BENCHMARK_VERSION,
        "corpus_revision": corpus_revision(store),
        "train_corpus_revision": corpus_revision(train_store),
        "date": date,
    }
    results, skipped = [], {}
    for name in names:
        extractor = baselines.get(name, settings)
        reason = extractor.unavailable()
        if reason is None:
            try:
                protocol = prepare(extractor, groups, train_store, workers)
            except BaselineError as error:  # e.g. too little gold to train on
                reason = str(error).removeprefix(f"{name}: ")
        if reason is not None:
            skipped[name] = reason
            print(f"skipped {name}: {reason}", file=sys.stderr)
            continue
        # a failure while it runs (an endpoint that cannot be reached) stops the run
        result = run_baseline(extractor, groups, protocol, workers)
        results.append(rounded(provenance | result))
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
        "Run the baselines, train the trained ones on the train split (their setting chosen "
        "on dev), score them on dev and test (documents placed in a split by hand apart) and "
        "write results/<baseline>.json, results/leaderboard.md and the plots.",
    )
    parser.add_argument(
        "--baselines",
        nargs="+",
        type=baseline_name,
        metavar="NAME",
        help="baselines to run (default: all registered)",
    )
    add_corpus_option(parser)
    add_train_corpus_option(parser)
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
    add_workers_option(parser, "extract the articles, in chunks")
    add_llm_options(parser)


def _run(args: argparse.Namespace) -> int:
    date = args.date or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    names = args.baselines or baselines.names()
    settings = {"llm": llm_settings(args)}
    results, skipped = run(
        args.corpus, names, args.results, date, args.train_corpus, settings, args.workers
    )
    print(render(results, skipped))
    return 0
