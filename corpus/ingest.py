"""python -m corpus ingest: add articles from text, HTML, JSON Lines, URLs or a HF dataset.

Every input is read (``corpus.readers``) and checked before anything is written: one bad input
writes nothing. The articles and ``splits.json`` are then written in one transaction under the
corpus's lock (``CorpusStore.transaction``): parallel ingests follow one another, and an
interrupted one leaves the corpus as it was. A text already in the corpus (under any id, with
other whitespace or a byte order mark: ``corpus.text.dedupe_key``) is skipped; a given id that
already names a different text is an error. The corpus folder must exist: a new corpus starts
as an empty folder.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.cli import add_corpus_option, positive_int, subcommand
from corpus.readers import META_FIELDS, READERS, Incoming, Limits, read_hf, read_inputs
from corpus.schema import Article, is_date
from corpus.splits import SPLIT_KEYS, add_to_splits
from corpus.store import CorpusError, CorpusStore, Transaction
from corpus.text import dedupe_key


@dataclass(frozen=True)
class IngestResult:
    added: tuple[str, ...]
    present: tuple[str, ...]
    ids: tuple[str, ...]  # the corpus id of each incoming article, in order


def ingest(store: CorpusStore, incoming: Sequence[Incoming], split: str | None) -> IngestResult:
    """Add the new articles and record their splits, all in one transaction; everything is
    checked before anything is written."""
    with store.transaction() as transaction:
        return add_articles(store, transaction, incoming, split)


def add_articles(
    store: CorpusStore, transaction: Transaction, incoming: Sequence[Incoming], split: str | None
) -> IngestResult:
    """Have ``transaction`` (of ``store``) write the new articles and their splits."""
    by_id = {article.id: dedupe_key(article.text) for article in store.articles()}
    by_key = {key: doc_id for doc_id, key in by_id.items()}
    added: list[Article] = []
    present: list[str] = []
    ids: list[str] = []
    for item in incoming:
        article, key = item.article, dedupe_key(item.article.text)
        if key in by_key:
            present.append(by_key[key])
            ids.append(by_key[key])
            continue
        if article.id in by_id:
            raise CorpusError(f"{item.origin}: id {article.id!r} already names a different text")
        by_key[key], by_id[article.id] = article.id, key
        added.append(article)
        ids.append(article.id)
    requested = {doc_id: split for doc_id in (*(a.id for a in added), *present)}
    recorded = store.splits()
    splits = add_to_splits(recorded, requested)
    for article in added:
        transaction.write_json(store.article_path(article.id), article.to_dict())
    if splits != recorded:
        transaction.write_json(store.splits_path, splits)
    return IngestResult(tuple(a.id for a in added), tuple(present), tuple(ids))


# --- command line ----------------------------------------------------------------------------


def _column_options(args: argparse.Namespace) -> dict[str, str]:
    names = ("id", *META_FIELDS)
    return {
        name: getattr(args, f"{name}_column") for name in names if getattr(args, f"{name}_column")
    }


def add_max_chars_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-chars",
        type=positive_int,
        default=Limits.max_chars,
        metavar="N",
        help=f"refuse an article longer than N characters (default: {Limits.max_chars:,})",
    )


def add_metadata_options(parser: argparse.ArgumentParser, title: str) -> None:
    """``--title``, ``--source``, ``--published``… : metadata given on the command line."""
    meta = parser.add_argument_group(title)
    for name in META_FIELDS:
        if name == "published":
            meta.add_argument("--published", type=_date_argument, metavar="YYYY-MM-DD")
        else:
            meta.add_argument(f"--{name}")


def given_metadata(args: argparse.Namespace) -> dict[str, str | None]:
    return {name: getattr(args, name) for name in META_FIELDS}


def _date_argument(value: str) -> str:
    if not is_date(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date")
    return value


def _run(args: argparse.Namespace) -> int:
    given = given_metadata(args)
    columns = _column_options(args)
    if args.hf is None and (args.hf_split or args.text_column or columns):
        raise CorpusError("--hf-split, --text-column and --*-column options need --hf")
    if args.hf is not None and not (args.hf_split and args.text_column):
        raise CorpusError("--hf needs --hf-split and --text-column")
    if not args.inputs and args.hf is None:
        raise CorpusError("nothing to ingest: give files, URLs or --hf")
    limits = Limits(args.max_chars, args.min_page_chars)
    store = CorpusStore(args.corpus)
    store.check()  # before reading the inputs, which may take long
    incoming = read_inputs(args.inputs, given, limits)
    if args.hf is not None:
        incoming += read_hf(args.hf, args.hf_split, args.text_column, columns, given, limits)
    result = ingest(store, incoming, args.split)
    print(f"added {len(result.added)}, already present {len(result.present)}")
    return 0


def register(verbs: argparse._SubParsersAction) -> None:
    files = ", ".join(sorted(name for name in READERS if name.startswith(".")))
    parser = subcommand(
        verbs, "ingest", _run, f"Add articles from files ({files}), URLs or a HF dataset."
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help=f"a file ({files}) or a URL")
    add_corpus_option(parser)
    parser.add_argument(
        "--split",
        choices=SPLIT_KEYS,
        help="split of the new documents, or 'pool' (ingested for annotation, split chosen when "
        "selected by `python -m corpus select`); default: derived from each id, 80/10/10",
    )
    add_max_chars_option(parser)
    parser.add_argument(
        "--min-page-chars",
        type=positive_int,
        default=Limits.min_page_chars,
        metavar="N",
        help="refuse an HTML page or URL whose main text is shorter than N characters: a "
        f"login, error or index page (default: {Limits.min_page_chars})",
    )
    add_metadata_options(parser, "metadata (overrides what an input states)")
    hf = parser.add_argument_group("Hugging Face dataset")
    hf.add_argument("--hf", metavar="NAME_OR_PATH", help="dataset name on the Hub or local folder")
    hf.add_argument("--hf-split", metavar="SPLIT", help="the dataset split to read")
    hf.add_argument("--text-column", metavar="COLUMN", help="column holding the article text")
    for name in ("id", *META_FIELDS):
        hf.add_argument(f"--{name}-column", metavar="COLUMN", help=f"column for the {name} field")
