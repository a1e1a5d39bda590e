"""Readers of what ``python -m corpus ingest`` takes: each turns one input into articles.

``READERS`` maps an input's format (``url``, or a file's suffix) to its reader, so that a new
format is one entry; ``read_hf`` reads a Hugging Face dataset (its columns are options, not a
format). Text is normalised (``normalize_text``); a document's id is the given one or derived
from its text. Metadata is kept when given, never guessed; metadata given on the command line
wins over what an input states. An article longer than ``Limits.max_chars`` is refused, and so
is a page whose main text is shorter than ``Limits.min_page_chars`` (a login, error or index
page, not an article). Files are read as UTF-8 (a leading byte order mark dropped); a JSON
Lines file by ``corpus.jsonl``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import datasets
import trafilatura
from tqdm import tqdm

from corpus import jsonl
from corpus.schema import Article, ArticleMeta, SchemaError, is_date
from corpus.store import CorpusError, read_text
from corpus.text import derive_doc_id, normalize_text

META_FIELDS: tuple[str, ...] = ("title", "source", "published", "url", "rights", "language")
JSONL_FIELDS: frozenset[str] = frozenset({"text", "id", *META_FIELDS})
DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")  # a file name on every system
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
class Limits:
    """The lengths (in characters) of what ingest accepts as an article."""

    max_chars: int = 1_000_000  # longer is no news article, and costs every step after ingest
    min_page_chars: int = 300  # a page's main text shorter than this is a login or error page


@dataclass(frozen=True)
class Incoming:
    """An article read from an input, with where it came from (file, file:line, dataset row)."""

    origin: str
    article: Article


# --- building an article from what an input gives -----------------------------------------


def make_incoming(
    origin: str, text: Any, doc_id: Any, found: Meta, given: Meta, limits: Limits
) -> Incoming:
    """The article for one input: ``given`` (command line) metadata wins over ``found``."""
    if not isinstance(text, str):
        raise CorpusError(f"{origin}: text must be a string, got {type(text).__name__}")
    text = normalize_text(text)
    if not text:
        raise CorpusError(f"{origin}: empty text")
    if len(text) > limits.max_chars:
        raise CorpusError(
            f"{origin}: text of {len(text):,} characters is over the limit of "
            f"{limits.max_chars:,} (--max-chars)"
        )
    if doc_id is None:
        doc_id = derive_doc_id(text)
    elif not isinstance(doc_id, str) or not DOC_ID.fullmatch(doc_id):
        raise CorpusError(
            f"{origin}: id {doc_id!r} is not 1 to 100 letters, digits, '.', '_' or '-'"
        )
    values = {**found, **{name: value for name, value in given.items() if value is not None}}
    try:
        meta = ArticleMeta.from_dict(values, origin)
    except SchemaError as error:
        raise CorpusError(str(error)) from None
    return Incoming(origin, Article(doc_id, text, meta))


# --- one reader per format -----------------------------------------------------------------


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


def _from_html(
    origin: str, html: str, given: Meta, limits: Limits, url: str | None = None
) -> Incoming:
    """The page's main text (trafilatura), its title and its declared publication date."""
    document = trafilatura.bare_extraction(
        html, url=url, include_comments=False, with_metadata=True
    )
    if document is None or not document.text:
        raise CorpusError(f"{origin}: no main text found in the HTML")
    length = len(normalize_text(document.text))
    if length < limits.min_page_chars:
        raise CorpusError(
            f"{origin}: main text of {length} characters is shorter than "
            f"{limits.min_page_chars} (--min-page-chars): a login, error or index page, "
            "not an article?"
        )
    found = {"title": document.title or None, "published": published_from_html(html), "url": url}
    return make_incoming(origin, document.text, None, found, given, limits)


def read_text_file(path: Path) -> str:
    """The file's UTF-8 text without the byte order mark an editor may put first."""
    return read_text(path).removeprefix("\ufeff")


def read_txt(name: str, given: Meta, limits: Limits) -> list[Incoming]:
    """The file's text, as it is."""
    path = Path(name)
    return [make_incoming(str(path), read_text_file(path), None, {}, given, limits)]


def read_html(name: str, given: Meta, limits: Limits) -> list[Incoming]:
    """The page's main text, its title and its declared publication date."""
    path = Path(name)
    return [_from_html(str(path), read_text_file(path), given, limits)]


def read_jsonl(name: str, given: Meta, limits: Limits) -> list[Incoming]:
    """One article per non-blank line: ``{"text": ..., "id"?: ..., <metadata>?: ...}``."""
    path = Path(name)
    found: list[Incoming] = []
    for number, record in jsonl.read_jsonl(path):
        origin = f"{path}:{number}"
        if not isinstance(record, dict):
            raise CorpusError(f"{origin}: expected an object, got {type(record).__name__}")
        unknown = sorted(set(record) - JSONL_FIELDS)
        if unknown:
            raise CorpusError(f"{origin}: unknown field(s) {', '.join(map(repr, unknown))}")
        if "text" not in record:
            raise CorpusError(f"{origin}: missing field 'text'")
        meta = {field: record.get(field) for field in META_FIELDS}
        found.append(make_incoming(origin, record["text"], record.get("id"), meta, given, limits))
    return found


def read_url(url: str, given: Meta, limits: Limits) -> list[Incoming]:
    """The page at ``url``, fetched, as an HTML file is read."""
    html = trafilatura.fetch_url(url)
    if html is None:
        raise CorpusError(f"{url}: could not be fetched")
    return [_from_html(url, html, given, limits, url=url)]


Reader = Callable[[str, Meta, Limits], list[Incoming]]

# Input format (``url``, or a file's suffix) -> its reader.
READERS: dict[str, Reader] = {
    "url": read_url,
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}


def input_format(name: str) -> str:
    """``url`` for an http(s) address, else the file's suffix (lower-cased)."""
    return "url" if name.startswith(("http://", "https://")) else Path(name).suffix.lower()


def read_input(name: str, given: Meta, limits: Limits = Limits()) -> list[Incoming]:
    """The articles of one command-line input, by the reader of its format."""
    kind = input_format(name)
    if kind not in READERS:
        formats = ", ".join(sorted(READERS))
        raise CorpusError(f"{name}: unknown input format {kind!r} (known: {formats})")
    return READERS[kind](name, given, limits)


def read_inputs(names: Sequence[str], given: Meta, limits: Limits = Limits()) -> list[Incoming]:
    found: list[Incoming] = []
    for name in tqdm(names, desc="reading", unit="input", file=sys.stderr, disable=len(names) < 2):
        found.extend(read_input(name, given, limits))
    return found


def read_hf(
    name: str,
    split: str,
    text_column: str,
    columns: Mapping[str, str],
    given: Meta,
    limits: Limits = Limits(),
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
        origin = f"{where} row {index}"
        found.append(make_incoming(origin, row[text_column], doc_id, meta, given, limits))
    return found
