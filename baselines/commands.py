"""``python -m baselines list`` and ``python -m baselines extract``."""

from __future__ import annotations

import argparse

from baselines import registry
from baselines.base import BaselineError, TrainableExtractor, describe_dropped
from baselines.llm.settings import add_llm_options, llm_settings
from baselines.training import training_documents
from baselines.workers import extract_with_workers
from corpus.cli import (
    add_corpus_option,
    add_train_corpus_option,
    add_workers_option,
    output_file,
    subcommand,
)
from corpus.jsonl import write_jsonl
from corpus.store import CorpusStore


def register(verbs: argparse._SubParsersAction) -> None:
    subcommand(verbs, "list", _list, "List the registered baselines and whether each can run.")
    parser = subcommand(
        verbs,
        "extract",
        _extract,
        "Run one baseline on the articles of a corpus folder and write its predictions as "
        "JSON Lines (one annotation per document); a trained baseline is first trained, with "
        "its default setting, on the gold documents of the train split of --train-corpus.",
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
    add_workers_option(parser, "extract the articles, in chunks")
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
    extractor = registry.get(args.baseline, {"llm": llm_settings(args)})
    reason = extractor.unavailable()
    if reason:
        raise BaselineError(f"{args.baseline}: {reason}")
    if isinstance(extractor, TrainableExtractor):
        train_store = CorpusStore(args.train_corpus or args.corpus)
        report = extractor.fit(
            *training_documents(train_store, args.baseline), extractor.settings[0]
        )
        print(f"{args.baseline}: trained on the train split of {train_store.root}: {report}")
    store = CorpusStore(args.corpus)
    articles = list(store.articles())
    predictions = extract_with_workers(extractor, articles, args.workers, progress=True)
    count = write_jsonl(args.output, (annotation.to_dict() for annotation in predictions))
    print(f"{count} predictions written to {args.output}")
    if extractor.dropped:
        print(f"left out to keep them valid: {describe_dropped(extractor.dropped)}")
    return 0
