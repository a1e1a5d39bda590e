"""python -m corpus import brat|conll: annotated corpora into a corpus folder.

Each input document becomes an article (``corpus.ingest.add_articles``: a text already in the
corpus keeps its id) and an annotation file: gold, or an annotator's pass with ``--annotator``.
Everything is read and placed (``corpus.formats.drafts.place``) before anything is written; the
articles, annotation files and ``splits.json`` are then written in one transaction under the
corpus's lock, or none of them. Importing the same input again is a no-op: an annotation file
that holds the same annotation is not rewritten, and one that holds another is kept and named
(``--overwrite`` replaces it). What could not be placed is counted on one summary line and
listed item by item in the log file.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from corpus.cli import add_corpus_option, output_file, subcommand
from corpus.formats.brat_import import brat_pairs, read_brat_pair
from corpus.formats.brat_mapping import CLAIMWIRE, load_mapping
from corpus.formats.conll import DEFAULT_TYPES, conll_draft, read_conll, type_map
from corpus.formats.drafts import Draft, Finding, place
from corpus.ingest import add_articles, add_max_chars_option, add_metadata_options, given_metadata
from corpus.readers import Limits
from corpus.splits import POOL, SPLIT_KEYS
from corpus.store import CorpusError, CorpusStore, dumps, read_text, write_text_atomic


@dataclass(frozen=True)
class ImportResult:
    documents: int
    new_articles: int
    written: int  # annotation files written
    unchanged: int  # annotation files that already held the same annotation
    findings: tuple[Finding, ...]

    def summary(self, log: Path | None) -> str:
        """The one line a command prints."""
        left_out = sum(not finding.placed for finding in self.findings)
        changed = len(self.findings) - left_out
        where = f"; see {log}" if log is not None and self.findings else ""
        return (
            f"imported {self.documents} documents ({self.new_articles} new articles; "
            f"{self.written} annotation files written, {self.unchanged} unchanged): "
            f"{left_out} items not placed, {changed} placed with a change{where}"
        )


def import_drafts(
    store: CorpusStore,
    drafts: Sequence[Draft],
    annotator: str | None,
    split: str | None,
    overwrite: bool,
) -> ImportResult:
    """Place every draft, then write the articles, their annotations (gold, or
    ``annotator``'s) and their splits in one transaction."""
    if annotator is None and split == POOL:
        raise CorpusError("gold cannot be in the pool: give --split train, dev or test")
    with tqdm(drafts, desc="place", unit="doc") as progress:  # closed before an error
        placed = [place(draft) for draft in progress]
    findings = [finding for _, found in placed for finding in found]
    written: dict[Path, str] = {}
    unchanged = 0
    with store.transaction() as transaction:
        added = add_articles(store, transaction, [draft.incoming for draft in drafts], split)
        texts = {draft.incoming.article.id: draft.incoming.article.text for draft in drafts}
        for draft, (annotation, _), doc_id in zip(drafts, placed, added.ids, strict=True):
            origin, text = draft.incoming.origin, draft.incoming.article.text
            if doc_id not in texts:
                texts[doc_id] = store.load_article(doc_id).text
            if texts[doc_id] != text:
                raise CorpusError(
                    f"{origin}: the corpus holds this text as {doc_id} with other whitespace, "
                    "so the offsets would not match; nothing written"
                )
            path = (
                store.gold_path(doc_id)
                if annotator is None
                else store.annotation_path(annotator, doc_id)
            )
            content = dumps(replace(annotation, doc_id=doc_id).to_dict())
            if written.get(path, content) != content:
                raise CorpusError(f"{origin}: a second, different annotation of {doc_id}")
            current = read_text(path) if path.exists() else None
            if current == content:
                unchanged += 1
            elif current is not None and not overwrite and path not in written:
                raise CorpusError(
                    f"{path}: holds another annotation of {doc_id} (from {origin}); nothing "
                    "written (--overwrite replaces it)"
                )
            else:
                transaction.write(path, content)
            written[path] = content
    return ImportResult(
        len(drafts),
        len(added.added),
        len(written) - unchanged,
        unchanged,
        tuple(findings),
    )


def write_log(path: Path, findings: Sequence[Finding]) -> None:
    """One line per finding: where the item is, whether it was placed, and why."""
    write_text_atomic(path, "".join(f"{finding}\n" for finding in findings))


# --- command line ------------------------------------------------------------------------------


def annotator_name(value: str) -> str:
    """An argparse type: a folder name under ``annotations/``."""
    if not value or value.startswith(".") or "/" in value or "\\" in value:
        raise argparse.ArgumentTypeError(f"{value!r} is not a folder name")
    return value


def _finish(args: argparse.Namespace, store: CorpusStore, drafts: list[Draft]) -> int:
    result = import_drafts(store, drafts, args.annotator, args.split, args.overwrite)
    if result.findings:
        write_log(args.log, result.findings)
    print(result.summary(args.log))
    return 0


def _run_brat(args: argparse.Namespace) -> int:
    mapping = load_mapping(args.map) if args.map is not None else CLAIMWIRE
    store = CorpusStore(args.corpus)
    store.check()  # before reading the inputs
    given, limits = given_metadata(args), Limits(max_chars=args.max_chars)
    hull = args.discontinuous == "hull"
    pairs = brat_pairs(args.folder)
    with tqdm(pairs, desc="read", unit="doc") as progress:  # closed before an error
        drafts = [read_brat_pair(txt, ann, mapping, hull, given, limits) for txt, ann in progress]
    return _finish(args, store, drafts)


def _run_conll(args: argparse.Namespace) -> int:
    types = type_map(args.type) if args.type else DEFAULT_TYPES
    store = CorpusStore(args.corpus)
    store.check()
    given, limits = given_metadata(args), Limits(max_chars=args.max_chars)
    documents = read_conll(args.file)
    with tqdm(documents, desc="read", unit="doc") as progress:  # closed before an error
        drafts = [conll_draft(args.file, document, types, given, limits) for document in progress]
    return _finish(args, store, drafts)


def _common_options(parser: argparse.ArgumentParser, log: str) -> None:
    add_corpus_option(parser)
    parser.add_argument(
        "--annotator",
        type=annotator_name,
        metavar="NAME",
        help="import as this annotator's pass (annotations/NAME/) instead of as gold",
    )
    parser.add_argument(
        "--split",
        choices=SPLIT_KEYS,
        help="split of the new documents (pool only with --annotator); default: derived from "
        "each id, 80/10/10; a document already in the corpus keeps its split (asking for "
        "another is an error: splits are recorded once)",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an annotation file that holds another annotation (default: refuse)",
    )
    parser.add_argument(
        "--log",
        type=output_file,
        default=Path(log),
        metavar="FILE",
        help=f"the items not placed (or placed with a change), one per line (default: {log}, "
        "written only when there is one)",
    )
    add_max_chars_option(parser)
    add_metadata_options(parser, "metadata of every imported article")


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(
        verbs,
        "import",
        lambda args: parser.print_help() or 2,
        "Import an annotated corpus (brat standoff or CoNLL) as articles and gold annotations.",
    )
    formats = parser.add_subparsers(title="formats", metavar="FORMAT")
    brat = subcommand(
        formats,
        "brat",
        _run_brat,
        "Import every .txt/.ann pair of a folder (brat standoff): an article (id: the file "
        "name) and its annotation, mapped by --map.",
    )
    brat.add_argument("folder", type=Path, metavar="DIR", help="folder of .txt/.ann pairs")
    brat.add_argument(
        "--map",
        type=Path,
        metavar="MAP",
        help="mapping file (.toml, .yaml) from brat types, roles and attributes to claimwire's "
        "(see README); default: the vocabulary of `corpus export --format brat`",
    )
    brat.add_argument(
        "--discontinuous",
        choices=("refuse", "hull"),
        default="refuse",
        help="a span with text between its fragments: not placed (refuse, the default) or "
        "replaced by its hull, from its first to its last character (reported)",
    )
    _common_options(brat, "import-brat.log")
    conll = subcommand(
        formats,
        "conll",
        _run_conll,
        "Import a CoNLL file (CoNLL-2003 four or two columns; IOB1, IOB2 or IOBES tags): one "
        "article per -DOCSTART- document, its names as NAM mentions.",
    )
    conll.add_argument("file", type=Path, metavar="FILE", help="CoNLL file")
    default = " ".join(f"{source}={target}" for source, target in DEFAULT_TYPES.items())
    conll.add_argument(
        "--type",
        action="append",
        metavar="CONLL=TYPE",
        help=f"a CoNLL type and the mention type it becomes, repeated for each type; a type "
        f"not given is dropped and reported (default: {default}, MISC dropped)",
    )
    _common_options(conll, "import-conll.log")
