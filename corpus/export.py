"""python -m corpus export: the gold corpus as a Hugging Face dataset folder, or (``--format``)
as brat standoff, CoNLL or spaCy files (``corpus.formats``).

The folder reads like a hub repo with ``load_dataset(DIR)`` (or ``load_dataset(DIR, "ner")``)::

    README.md                                          dataset card (YAML metadata + body)
    data/<config>/<split>-00000-of-00001.parquet       configs: documents, ner, claims, relations

Only a valid corpus is exported. The export is deterministic (same corpus, same bytes) and
atomic: it is written into a temporary sibling folder that then replaces ``DIR``, and only a
``DIR`` that is missing, empty or made by a previous export (``corpus.output_folder``): a
clone of the hub repository or any other folder is refused, never deleted.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import DatasetInfo, SplitDict, SplitInfo
from datasets.info import DatasetInfosDict
from huggingface_hub import HfApi

from corpus.card import CardInputs, render_card
from corpus.cli import add_corpus_option, add_workers_option, subcommand
from corpus.export_rows import GoldDocument, documents_by_split
from corpus.export_tables import GoldTables, gold_tables
from corpus.features import CONFIG_FEATURES
from corpus.formats.brat_export import write_brat
from corpus.formats.conll import write_conll
from corpus.formats.spacy_docs import write_spacy
from corpus.licences import is_open
from corpus.output_folder import MARKER, check_replaceable, replacing_folder
from corpus.store import CorpusError, CorpusStore, read_json, write_text_atomic
from corpus.validate import Problem, check_corpus

CARD_FILE = "README.md"
AGREEMENT_FILE = "agreement.json"  # in the corpus folder, written by the agreement step
PROVENANCE_FILE = "PROVENANCE.md"  # in the corpus folder: how its gold was made, for the card
TOKEN_VARIABLE = "HF_TOKEN"
NOT_EXPORTED_FILE = "not-exported.txt"  # in a brat, CoNLL or spaCy export: what it leaves out

# A format's writer: the gold documents by split into an empty folder; what it left out.
FormatWriter = Callable[[Path, dict[str, list[GoldDocument]]], list[str]]
FORMATS: dict[str, FormatWriter | None] = {  # None: the Hugging Face dataset folder
    "hf": None,
    "brat": write_brat,
    "conll": write_conll,
    "spacy": write_spacy,
}


def data_file(config: str, split: str) -> str:
    """Path of a split's parquet file, relative to the export folder."""
    return f"data/{config}/{split}-00000-of-00001.parquet"


class InvalidCorpus(CorpusError):
    """The corpus has validation problems; nothing is exported."""

    def __init__(self, root: Path, problems: list[Problem]) -> None:
        self.problems = problems
        listing = "\n".join(str(problem) for problem in problems)
        super().__init__(
            f"{root}: refusing to export an invalid corpus ({len(problems)} problems):\n{listing}"
        )


# --- writing ---------------------------------------------------------------------------------


def write_parquet(table: pa.Table, path: Path) -> int:
    """Write ``table`` as one parquet file; returns the table's bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = table.combine_chunks()  # the same bytes whatever the chunks it was made of
    pq.write_table(table, path)
    return table.nbytes


def write_export_folder(
    folder: Path,
    gold: GoldTables,
    agreement: dict | None,
    repo_id: str | None,
    open_only: bool = False,
    provenance: str | None = None,
) -> None:
    """Every parquet file and the card of an export, into the empty ``folder``.

    ``datasets`` cannot load a split of no rows, so a configuration only has the splits where
    it has rows (and is absent when it has none).
    """
    infos = DatasetInfosDict()
    data_files: dict[str, dict[str, str]] = {}
    for config, features in CONFIG_FEATURES.items():
        splits, files = SplitDict(), {}
        for split, by_config in gold.tables.items():
            table = by_config[config]
            if table.num_rows:
                files[split] = data_file(config, split)
                num_bytes = write_parquet(table, folder / files[split])
                splits.add(SplitInfo(name=split, num_bytes=num_bytes, num_examples=table.num_rows))
        if files:
            data_files[config] = files
            infos[config] = DatasetInfo(
                config_name=config,
                features=features,
                splits=splits,
                download_size=sum((folder / path).stat().st_size for path in files.values()),
                dataset_size=sum(info.num_bytes for info in splits.values()),
            )
    card = CardInputs(
        infos=infos,
        data_files=data_files,
        statistics=gold.statistics,
        articles=gold.kept,
        agreement=agreement,
        repo_id=repo_id,
        left_out=gold.left_out if open_only else None,
        provenance=provenance,
    )
    (folder / CARD_FILE).write_text(render_card(card), encoding="utf-8")


def export_corpus(
    store: CorpusStore,
    out: Path,
    repo_id: str | None = None,
    open_only: bool = False,
    workers: int | None = None,
) -> dict[str, int]:
    """Validate ``store`` and write its gold corpus to ``out``; the documents per split.

    With ``open_only``, documents whose text is not under an open licence
    (:func:`corpus.licences.is_open`) are left out, and the card lists them. ``workers``
    processes read, check and turn the documents into tables (default: every core); the
    output is the same whatever their number.
    """
    store.check()
    check_replaceable(out)  # before the work
    problems, gold = gold_tables(store, open_only, workers)
    if gold is None:
        raise InvalidCorpus(store.root, problems)
    if not gold.tables:
        raise CorpusError(f"{store.gold_dir}: no gold document to export")
    agreement_path = store.root / AGREEMENT_FILE
    agreement = read_json(agreement_path) if agreement_path.exists() else None
    if agreement is not None and not isinstance(agreement, dict):
        raise CorpusError(f"{agreement_path}: expected an object of figures")
    provenance_path = store.root / PROVENANCE_FILE
    provenance = provenance_path.read_text(encoding="utf-8") if provenance_path.exists() else None
    with replacing_folder(out, "python -m corpus export") as staging:
        write_export_folder(staging, gold, agreement, repo_id, open_only, provenance)
    return {split: counts["documents"] for split, counts in gold.statistics.items()}


def export_to_format(
    store: CorpusStore, out: Path, writer: FormatWriter, open_only: bool = False
) -> tuple[dict[str, int], list[str]]:
    """Validate ``store`` and write its gold corpus to ``out`` with ``writer`` (brat, CoNLL,
    spaCy); the documents per split and the items the format could not hold, which are also
    listed in ``out/NOT_EXPORTED_FILE``."""
    by_split = gold_to_export(store, out, open_only)
    with replacing_folder(out, "python -m corpus export") as staging:
        not_exported = writer(staging, by_split)
        if not_exported:
            write_text_atomic(
                staging / NOT_EXPORTED_FILE, "".join(f"{line}\n" for line in not_exported)
            )
    return {split: len(docs) for split, docs in by_split.items()}, not_exported


def gold_to_export(store: CorpusStore, out: Path, open_only: bool) -> dict[str, list[GoldDocument]]:
    """The gold documents of a valid ``store`` by split (without those whose text is not
    under an open licence, with ``open_only``); checks first that ``out`` may be replaced."""
    store.check()
    check_replaceable(out)  # before the work
    problems = check_corpus(store, progress=True)
    if problems:
        raise InvalidCorpus(store.root, problems)
    by_split = documents_by_split(store)
    if open_only:
        by_split = {
            split: kept for split, docs in by_split.items() if (kept := list(filter(_open, docs)))
        }
    if not by_split:
        raise CorpusError(f"{store.gold_dir}: no gold document to export")
    return by_split


def _open(document: GoldDocument) -> bool:
    return is_open(document.article.meta.rights)


# --- the hub ---------------------------------------------------------------------------------


def hub_token() -> str:
    token = os.environ.get(TOKEN_VARIABLE)
    if not token:
        raise CorpusError(f"{TOKEN_VARIABLE} is not set: a token is needed to push to the hub")
    return token


def push_to_hub(folder: Path, repo_id: str, token: str, private: bool) -> str:
    """Upload an export folder (but its marker) to the dataset repo ``repo_id``; its URL."""
    api = HfApi(token=token)
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        commit = api.upload_folder(
            repo_id=repo_id,
            folder_path=folder,
            repo_type="dataset",
            commit_message="Export the claimwire gold corpus",
            ignore_patterns=[MARKER],
            delete_patterns=["data/**"],  # splits or configs no longer exported
        )
    # The hub client's failures: HTTP errors (HfHubHTTPError), offline mode, and the errors of
    # its HTTP transport, whose classes differ between huggingface_hub versions.
    except Exception as error:  # reported in one line, never swallowed
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CorpusError(f"push to {repo_id} failed: {reason}") from None
    return commit.commit_url


# --- command line ----------------------------------------------------------------------------


def repo_name(value: str) -> str:
    if value.count("/") != 1 or not all(value.split("/")):
        raise argparse.ArgumentTypeError(f"expected ORG/NAME, got {value!r}")
    return value


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(
        verbs,
        "export",
        _export,
        "Write the gold corpus as a Hugging Face dataset folder (README.md card and "
        "data/<config>/<split>-*.parquet), optionally pushed to the hub, or in another format "
        "(--format); refuses an invalid corpus.",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="export folder")
    add_corpus_option(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="hf",
        help="hf: Hugging Face dataset folder (default); brat: <split>/<doc_id>.txt and .ann "
        "with annotation.conf (claims as events); conll: <split>.conll, the text layer's tokens "
        "and IOB2 tags of the names; spacy: <split>.spacy, a DocBin with the names as entities "
        "and span groups of all mentions and claim parts",
    )
    add_workers_option(parser, "read, check and turn the gold documents into tables (--format hf)")
    parser.add_argument(
        "--push-to-hub",
        type=repo_name,
        metavar="ORG/NAME",
        help=f"upload the export to this hub dataset repo (token from ${TOKEN_VARIABLE})",
    )
    parser.add_argument(
        "--private", action="store_true", help="create the hub repo as private (with --push-to-hub)"
    )
    parser.add_argument(
        "--open-only",
        action="store_true",
        help="leave out documents whose text is not under an open licence (CC BY, CC BY-SA, "
        "CC0, public domain, read from meta.rights); the card lists them. Use it for a public "
        "hub dataset.",
    )


def _export(args: argparse.Namespace) -> int:
    if args.private and not args.push_to_hub:
        raise CorpusError("--private needs --push-to-hub")
    writer = FORMATS[args.format]
    if writer is not None and args.push_to_hub:
        raise CorpusError("--push-to-hub needs --format hf")
    token = hub_token() if args.push_to_hub else None
    store = CorpusStore(args.corpus)
    if writer is None:
        counts = export_corpus(store, args.out, args.push_to_hub, args.open_only, args.workers)
        not_exported = []
    else:
        counts, not_exported = export_to_format(store, args.out, writer, args.open_only)
    splits = ", ".join(f"{split}: {count}" for split, count in counts.items())
    left = f"; {len(not_exported)} spans left out, see {args.out / NOT_EXPORTED_FILE}"
    print(
        f"exported {sum(counts.values())} gold documents ({splits}) to {args.out}"
        + (left if not_exported else "")
    )
    if token is not None:
        print(f"pushed to {push_to_hub(args.out, args.push_to_hub, token, args.private)}")
    return 0
