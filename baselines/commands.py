"""``python -m baselines list`` and ``python -m baselines extract``."""

from __future__ import annotations

import argparse
from pathlib import Path

from baselines import registry
from baselines.base import BaselineError, TrainableExtractor, describe_dropped
from baselines.llm.settings import add_llm_options, llm_settings
from baselines.ray_engine import extract_on_ray
from baselines.training import training_documents
from baselines.workers import extract_with_workers, prediction_line
from corpus.cli import (
    add_corpus_option,
    add_train_corpus_option,
    add_workers_option,
    output_file,
    subcommand,
)
from corpus.jsonl import write_lines
from corpus.store import CorpusStore


def register(verbs: argparse._SubParsersAction) -> None:
    subcommand(verbs, "list", _list, "List the registered baselines and whether each can run.")
    parser = subcommand(
        verbs,
        "extract",
        _extract,
        "Run one baseline on the articles of a corpus folder and write its predictions as "
        "JSON Lines (one annotation per document, in article order); a trained baseline is first "
        "trained, with its default setting, on the gold documents of the train split of "
        "--train-corpus.",
    )
    parser.add_argument(
        "baseline", type=baseline_name, help="baseline name (see `python -m baselines list`)"
    )
    parser.add_argument(
        "--output",
        type=output_file,
        required=True,
        metavar="FILE",
        help="JSON Lines file, written only when every article is done",
    )
    add_corpus_option(parser)
    add_train_corpus_option(parser)
    parser.add_argument(
        "--dataset",
        type=Path,
        default=None,
        metavar="DIR",
        help="extract the articles of an exported dataset folder (python -m corpus export: its "
        "data/documents/*.parquet, file by file in name order) instead of --corpus",
    )
    add_workers_option(parser, "extract the articles, in chunks (Ray workers with --engine ray)")
    parser.add_argument(
        "--engine",
        choices=("processes", "ray"),
        default="processes",
        help="processes: worker processes on this machine (default); ray: Ray Data map_batches "
        "on a Ray cluster, for pools beyond one machine (the claimwire[scale] extra)",
    )
    parser.add_argument(
        "--ray-address",
        default=None,
        metavar="ADDRESS",
        help="the Ray cluster to run on, as host:port (with --engine ray). Its nodes need "
        "claimwire installed, and a cluster with a token needs Ray's RAY_AUTH_MODE=token and "
        "its token (RAY_AUTH_TOKEN_PATH) here. Default: a local instance started for the run, "
        "on 127.0.0.1, stopped after",
    )
    add_llm_options(parser)


def baseline_name(name: str) -> str:
    """An argparse type: a registered baseline name, or an error with a close match."""
    try:
        registry.get(name)
    except registry.UnknownBaselineError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return name


def _list(args: argparse.Namespace) -> int:
    for name in registry.names():
        extractor = registry.get(name)
        reason = extractor.unavailable()
        status = f"unavailable: {reason}" if reason else "ready"
        layers = ", ".join(extractor.layers)
        print(f"{name}\t{extractor.version}\t{layers}\t{status}")
    return 0


def _extract(args: argparse.Namespace) -> int:
    settings = {"llm": llm_settings(args)}
    extractor = registry.get(args.baseline, settings)
    reason = extractor.unavailable()
    if reason:
        raise BaselineError(f"{args.baseline}: {reason}")
    train_corpus = args.train_corpus or args.corpus
    if args.engine == "ray":
        articles = args.dataset or list(CorpusStore(args.corpus).articles())
        lines, dropped = extract_on_ray(
            args.baseline, settings, train_corpus, articles, args.workers, args.ray_address, True
        )
    else:
        if isinstance(extractor, TrainableExtractor):
            train_store = CorpusStore(train_corpus)
            report = extractor.fit(
                *training_documents(train_store, args.baseline), extractor.settings[0]
            )
            print(f"{args.baseline}: trained on the train split of {train_store.root}: {report}")
        if args.dataset:
            from corpus.export_rows import dataset_articles  # here: it imports datasets (slow)

            articles = dataset_articles(args.dataset)
        else:
            articles = list(CorpusStore(args.corpus).articles())
        lines = extract_with_workers(extractor, articles, args.workers, True, prediction_line)
        dropped = extractor.dropped
    count = write_lines(args.output, lines)
    print(f"{count} predictions written to {args.output}")
    if dropped:
        print(f"left out to keep them valid: {describe_dropped(dropped)}")
    return 0
