"""python -m corpus ingest: add articles from text, HTML, JSON Lines, URLs or a HF dataset.

Every input is read and checked before anything is written: one bad input writes nothing.
Text is normalised (``normalize_text``); a document's id is the given one or derived from its
text. A text already in the corpus (under any id) is skipped; a given id that already names a
different text is an error. Metadata is kept when given, never guessed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import datasets
import trafilatura
from tqdm import tqdm

from corpus.cli import add_corpus_option, subcommand
from corpus.schema import Article, ArticleMeta, SchemaError
from corpus.splits import SPLIT_KEYS, add_to_splits
from corpus.store import CorpusError, CorpusStore, write_json
from corpus.text import derive_doc_id, normalize_text, text_sha256

META_FIELDS: tuple[str, ...] = ("title", "source", "published", "url", "rights", "language")
JSONL_FIELDS: frozenset[str] = frozenset({"text", "id", *META_FIELDS})
HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm"})
DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# <meta> keys (property, name or itemprop) that state a publication date.
PUBLISHED_META_KEYS: frozenset[str] = frozenset(
    {
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.date",
        "pubdate",
        "publish-date",
        "parsely-pub-date",
    }
)

Meta = Mapping[str, str | None]


@dataclass(frozen=True)
class Incoming:
    """An article read from an input, with where it came from (file, file:line, dataset row)."""

    origin: str
    article: Article


@dataclass(frozen=True)
class IngestResult:
    added: tuple[str, ...]
    present: tuple[str, ...]


# --- building an article from what an input gives -----------------------------------------


def is_date(value: str) -> bool:
    """Whether ``value`` is a real calendar date written YYYY-MM-DD."""
    try:
        return bool(DATE.fullmatch(value)) and bool(datetime.date.fromisoformat(value))
    except ValueError:
        return False


def check_date(value: str, where: str) -> None:
    if not is_date(value):
        raise CorpusError(f"{where}: published {value!r} is not a YYYY-MM-DD date")


def make_incoming(origin: str, text: Any, doc_id: Any, found: Meta, given: Meta) -> Incoming:
    """The article for one input: ``given`` (command line) metadata wins over ``found``."""
    if not isinstance(text, str):
        raise CorpusError(f"{origin}: text must be a string, got {type(text).__name__}")
    text = normalize_text(text)
    if not text:
        raise CorpusError(f"{origin}: empty text")
    if doc_id is None:
        doc_id = derive_doc_id(text)
    elif not isinstance(doc_id, str) or not DOC_ID.fullmatch(doc_id):
        raise CorpusError(f"{origin}: id {doc_id!r} is not letters, digits, '.', '_' or '-'")
    values = {**found, **{name: value for name, value in given.items() if value is not None}}
    try:
        meta = ArticleMeta.from_dict(values, origin)
    except SchemaError as error:
        raise CorpusError(str(error)) from None
    if meta.published is not None:
        check_date(meta.published, origin)
    return Incoming(origin, Article(doc_id, text, meta))


# --- readers, one per input kind ------------------------------------------------------------


class _PublishedMeta(HTMLParser):
    """Collects the ``content`` of ``<meta>`` tags that state a publication date."""

    def __init__(self) -> None:
        super().__init__()
        self.dates: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        attributes = dict(attrs)
        key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
        content = attributes.get("content")
        if key and key.lower() in PUBLISHED_META_KEYS and content:
            self.dates.append(content.strip())


def published_from_html(html: str) -> str | None:
    """The first valid YYYY-MM-DD publication date in the page's ``<meta>`` tags, if any.

    Only declared metadata counts: dates that appear in the page's text are not guessed from.
    """
    parser = _PublishedMeta()
    parser.feed(html)
    return next((value[:10] for value in parser.dates if is_date(value[:10])), None)


def read_html(origin: str, html: str, given: Meta, url: str | None = None) -> Incoming:
    """The page's main text (trafilatura), its title and its declared publication date."""
    document = trafilatura.bare_extraction(
        html, url=url, include_comments=False, with_metadata=True
    )
    if document is None or not document.text:
        raise CorpusError(f"{origin}: no main text found in the HTML")
    found = {"title": document.title or None, "published": published_from_html(html), "url": url}
    return make_incoming(origin, document.text, None, found, given)


def read_text_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8 text") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a directory, not a file") from None


def read_jsonl(path: Path, given: Meta) -> list[Incoming]:
    """One article per non-blank line: ``{"text": ..., "id"?: ..., <metadata>?: ...}``."""
    found: list[Incoming] = []
    for number, line in enumerate(read_text_file(path).splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{origin}: invalid JSON: {error.msg}") from None
        if not isinstance(record, dict):
            raise CorpusError(f"{origin}: expected an object, got {type(record).__name__}")
        unknown = sorted(set(record) - JSONL_FIELDS)
        if unknown:
            raise CorpusError(f"{origin}: unknown field(s) {', '.join(map(repr, unknown))}")
        if "text" not in record:
            raise CorpusError(f"{origin}: missing field 'text'")
        meta = {name: record.get(name) for name in META_FIELDS}
        found.append(make_incoming(origin, record["text"], record.get("id"), meta, given))
    return found


def read_url(url: str, given: Meta) -> Incoming:
    html = trafilatura.fetch_url(url)
    if html is None:
        raise CorpusError(f"{url}: could not be fetched")
    return read_html(url, html, given, url=url)


def read_input(name: str, given: Meta) -> list[Incoming]:
    """The articles of one command-line input: a URL, or a .txt, .html/.htm or .jsonl file."""
    if name.startswith(("http://", "https://")):
        return [read_url(name, given)]
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return [make_incoming(str(path), read_text_file(path), None, {}, given)]
    if suffix in HTML_SUFFIXES:
        return [read_html(str(path), read_text_file(path), given)]
    if suffix == ".jsonl":
        return read_jsonl(path, given)
    raise CorpusError(f"{path}: unknown input format {suffix!r} (use .txt, .html, .htm, .jsonl)")


def read_inputs(names: Sequence[str], given: Meta) -> list[Incoming]:
    found: list[Incoming] = []
    for name in tqdm(names, desc="reading", unit="input", file=sys.stderr, disable=len(names) < 2):
        found.extend(read_input(name, given))
    return found


def read_hf(
    name: str, split: str, text_column: str, columns: Mapping[str, str], given: Meta
) -> list[Incoming]:
    """Rows of a Hugging Face dataset (hub name or local folder); ``columns``: field -> column.

    ``columns`` may map ``id`` and any metadata field to a column of the dataset.
    """
    where = f"{name} [{split}]"
    try:
        dataset = datasets.load_dataset(name, split=split)
    except (ConnectionError, FileNotFoundError, ValueError) as error:
        raise CorpusError(f"{where}: cannot load the dataset: {error}") from None
    missing = sorted({text_column, *columns.values()} - set(dataset.column_names))
    if missing:
        known = ", ".join(dataset.column_names)
        raise CorpusError(f"{where}: no column(s) {', '.join(missing)} (columns: {known})")
    found = []
    rows = tqdm(dataset, desc="reading", unit="row", file=sys.stderr, disable=len(dataset) < 2)
    for index, row in enumerate(rows):
        meta = {field: row[column] for field, column in columns.items() if field != "id"}
        doc_id = row[columns["id"]] if "id" in columns else None
        found.append(make_incoming(f"{where} row {index}", row[text_column], doc_id, meta, given))
    return found


# --- adding to a corpus ----------------------------------------------------------------------


def ingest(store: CorpusStore, incoming: Sequence[Incoming], split: str | None) -> IngestResult:
    """Add the new articles and record their splits; check everything before writing."""
    by_id = {article.id: text_sha256(article.text) for article in store.articles()}
    by_hash = {digest: doc_id for doc_id, digest in by_id.items()}
    added: list[Article] = []
    present: list[str] = []
    for item in incoming:
        article, digest = item.article, text_sha256(item.article.text)
        if digest in by_hash:
            present.append(by_hash[digest])
            continue
        if article.id in by_id:
            raise CorpusError(f"{item.origin}: id {article.id!r} already names a different text")
        by_hash[digest], by_id[article.id] = article.id, digest
        added.append(article)
    requested = {doc_id: split for doc_id in (*(a.id for a in added), *present)}
    recorded = store.splits()
    splits = add_to_splits(recorded, requested)
    for article in tqdm(added, desc="writing", unit="doc", file=sys.stderr, disable=len(added) < 2):
        store.save_article(article)
    if splits != recorded:
        write_json(store.splits_path, splits)
    return IngestResult(tuple(a.id for a in added), tuple(present))


# --- command line ----------------------------------------------------------------------------


def _column_options(args: argparse.Namespace) -> dict[str, str]:
    names = ("id", *META_FIELDS)
    return {
        name: getattr(args, f"{name}_column") for name in names if getattr(args, f"{name}_column")
    }


def _date_argument(value: str) -> str:
    if not is_date(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date")
    return value


def _run(args: argparse.Namespace) -> int:
    given = {name: getattr(args, name) for name in META_FIELDS}
    columns = _column_options(args)
    if args.hf is None and (args.hf_split or args.text_column or columns):
        raise CorpusError("--hf-split, --text-column and --*-column options need --hf")
    if args.hf is not None and not (args.hf_split and args.text_column):
        raise CorpusError("--hf needs --hf-split and --text-column")
    if not args.inputs and args.hf is None:
        raise CorpusError("nothing to ingest: give files, URLs or --hf")
    incoming = read_inputs(args.inputs, given)
    if args.hf is not None:
        incoming += read_hf(args.hf, args.hf_split, args.text_column, columns, given)
    result = ingest(CorpusStore(args.corpus), incoming, args.split)
    print(f"added {len(result.added)}, already present {len(result.present)}")
    return 0


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(
        verbs, "ingest", _run, "Add articles from .txt/.html/.jsonl files, URLs or a HF dataset."
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="INPUT", help=".txt, .html, .htm or .jsonl file, or URL"
    )
    add_corpus_option(parser)
    parser.add_argument(
        "--split",
        choices=SPLIT_KEYS,
        help="split of the new documents, or 'pool' (ingested for annotation, split chosen when "
        "selected by `python -m corpus select`); default: derived from each id, 80/10/10",
    )
    meta = parser.add_argument_group("metadata (overrides what an input states)")
    for name in META_FIELDS:
        if name == "published":
            meta.add_argument("--published", type=_date_argument, metavar="YYYY-MM-DD")
        else:
            meta.add_argument(f"--{name}")
    hf = parser.add_argument_group("Hugging Face dataset")
    hf.add_argument("--hf", metavar="NAME_OR_PATH", help="dataset name on the Hub or local folder")
    hf.add_argument("--hf-split", metavar="SPLIT", help="the dataset split to read")
    hf.add_argument("--text-column", metavar="COLUMN", help="column holding the article text")
    for name in ("id", *META_FIELDS):
        hf.add_argument(f"--{name}-column", metavar="COLUMN", help=f"column for the {name} field")
