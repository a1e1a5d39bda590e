"""``python -m baselines list`` and ``python -m baselines extract``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from baselines import registry
from baselines.base import BaselineError, TrainableExtractor, describe_dropped, extract_all
from baselines.training import training_documents
from corpus.cli import add_corpus_option, add_train_corpus_option, subcommand
from corpus.store import CorpusStore, write_text_atomic


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
    parser.add_argument("--output", type=Path, required=True, metavar="FILE", help="JSONL file")
    add_corpus_option(parser)
    add_train_corpus_option(parser)


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
    extractor = registry.get(args.baseline)
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
    predictions = extract_all(extractor, list(store.articles()), progress=True)
    lines = [json.dumps(annotation.to_dict(), ensure_ascii=False) for annotation in predictions]
    write_text_atomic(args.output, "".join(line + "\n" for line in lines))
    print(f"{len(lines)} predictions written to {args.output}")
    if extractor.dropped:
        print(f"left out to keep them valid: {describe_dropped(extractor.dropped)}")
    return 0
