"""``python -m annotation place`` and ``quote``: quoted annotation files in and out.

See :mod:`annotation.quoted` for the format. ``place`` checks every file before it writes any.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from annotation.quoted import QuotedError, place, quote
from corpus.cli import add_corpus_option, subcommand
from corpus.schema import LAYERS, Annotation
from corpus.store import CorpusStore, dumps, load_annotation, read_json
from corpus.text import paragraphs

# --- command line ----------------------------------------------------------------------------


def register(verbs: argparse._SubParsersAction) -> None:
    place_parser = subcommand(
        verbs,
        "place",
        _place,
        "Turn quoted annotation files (spans given as text, see annotation/quoted.py) into "
        "corpus annotation files with offsets, checked against their articles; every problem "
        "is listed, one per line, and nothing is written unless all files place.",
    )
    place_parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _add_target(place_parser)
    place_parser.add_argument(
        "--force", action="store_true", help="replace existing files (default: refuse)"
    )
    add_corpus_option(place_parser)
    quote_parser = subcommand(
        verbs,
        "quote",
        _quote,
        "Print an annotation file in quoted form (the inverse of `place`), or with --text the "
        "article's title and paragraphs.",
    )
    quote_parser.add_argument("doc_id", metavar="DOC_ID")
    _add_target(quote_parser, required=False)
    quote_parser.add_argument("--text", action="store_true", help="print the article's text")
    add_corpus_option(quote_parser)


def _add_target(parser: argparse.ArgumentParser, required: bool = True) -> None:
    target = parser.add_mutually_exclusive_group(required=required)
    target.add_argument("--annotator", metavar="NAME", help="an annotator's file")
    target.add_argument("--gold", action="store_true", help="the gold file")


def _target(store: CorpusStore, args: argparse.Namespace, doc_id: str) -> Path:
    if args.gold:
        return store.gold_path(doc_id)
    return store.annotation_path(args.annotator, doc_id)


def _place(args: argparse.Namespace) -> int:
    store = CorpusStore(args.corpus)
    store.check()
    placed: list[tuple[Path, Annotation]] = []
    problems: list[str] = []
    for path in args.files:
        data = read_json(path)
        doc_id = data.get("doc_id") if isinstance(data, dict) else None
        if not isinstance(doc_id, str) or not store.article_path(doc_id).exists():
            problems.append(f"{path}: doc_id: no article {doc_id!r} in {store.articles_dir}")
            continue
        target = _target(store, args, doc_id)
        if target.exists() and not args.force:
            problems.append(f"{path}: {target} exists (use --force to replace it)")
            continue
        try:
            placed.append((target, place(data, store.load_article(doc_id), str(path))))
        except QuotedError as error:
            problems += str(error).splitlines()
    if problems:
        raise QuotedError("\n".join(problems))
    with store.transaction() as transaction:
        for target, annotation in placed:
            transaction.write_json(target, annotation.to_dict())
    for target, annotation in placed:
        print(f"{target}: {_summary(annotation)}")
    return 0


def _summary(annotation: Annotation) -> str:
    return ", ".join(f"{len(annotation.layer(layer))} {layer}" for layer in LAYERS)


def _quote(args: argparse.Namespace) -> int:
    store = CorpusStore(args.corpus)
    article = store.load_article(args.doc_id)
    if args.text or not (args.gold or args.annotator):
        print(f"{article.id}: {article.meta.title or '(no title)'}\n")
        for number, (_, paragraph) in enumerate(paragraphs(article.text), 1):
            print(f"[{number}] {paragraph}\n")
        return 0
    annotation = load_annotation(_target(store, args, args.doc_id))
    print(dumps(quote(annotation, article)), end="")
    return 0
