"""python -m annotation pull: Label Studio annotations -> one canonical file per annotator.

Writes ``annotations/<annotator>/<doc_id>.json`` (annotator = the user's email, made safe for
file names), ids in text order. Cancelled (skipped) annotations are left out. A task whose text
no longer matches its article, and an annotation that cannot be converted or does not
validate, are reported, every problem on a line of its own naming the task, the annotator and
the region, and nothing is written for them.

A file edited locally is kept (unless ``--overwrite``): ``annotations/pulled.json`` records the
SHA-256 of what pull last wrote to each file, and a file whose text is neither that nor what
pull would write now was changed by someone else since (or written by ``annotation place`` or
by hand, when pull never wrote it). All files are written in one corpus transaction.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from label_studio_sdk import LabelStudio
from tqdm import tqdm

from annotation.client import (
    add_connection_arguments,
    answers,
    connect,
    export_tasks,
    find_project,
    user_names,
)
from annotation.config import TEXT
from annotation.convert import ConversionError
from annotation.decode import results_to_annotation
from annotation.guidelines import guidelines_version
from annotation.results import describe_span
from annotation.server import LabelStudioError
from corpus.cli import add_corpus_option, subcommand
from corpus.schema import Annotation
from corpus.store import CorpusStore, Transaction, dumps, read_json, read_text
from corpus.text import text_sha256
from corpus.validate import Problem, check_annotation

PULLED_FILE = "pulled.json"  # in annotations/: file (annotator/doc_id.json) -> SHA-256 pulled


@dataclass
class PullReport:
    annotators: dict[str, list[str]] = field(default_factory=dict)  # doc id -> annotators
    problems: list[str] = field(default_factory=list)  # one line each, naming task and item
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # edited locally: not replaced


def safe_annotator(name: str) -> str:
    """A folder name for a user: letters, digits and ``@._+-`` kept, anything else ``_``."""
    return re.sub(r"[^\w@.+-]", "_", name, flags=re.ASCII).lstrip(".") or "_"


def _latest_per_user(task: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Each user's most recent submitted (not cancelled) annotation of ``task``."""
    latest: dict[int, dict[str, Any]] = {}
    for annotation in task.get("annotations", []):
        if annotation.get("was_cancelled"):
            continue
        user = annotation["completed_by"]
        if user not in latest or annotation["updated_at"] > latest[user]["updated_at"]:
            latest[user] = annotation
    return latest


def _with_text(problem: Problem, annotation: Annotation, text: str) -> str:
    """``problem`` with the text of its mention or claim after the item's id."""
    spans = {f"mention {m.id}": (m.start, m.end) for m in annotation.mentions}
    spans.update({f"claim {c.id}": (c.content.start, c.content.end) for c in annotation.claims})
    if problem.item not in spans:
        return str(problem)
    item = f"{problem.item} {describe_span(text, *spans[problem.item])}"
    return str(replace(problem, item=item))


def pull_tasks(
    tasks: list[dict[str, Any]], users: dict[int, str], store: CorpusStore, overwrite: bool = False
) -> PullReport:
    """Convert, validate and write the annotations of exported ``tasks`` into ``store``, in one
    transaction; a file edited locally is kept unless ``overwrite``."""
    with store.transaction() as transaction:
        return _pull_into(tasks, users, store, transaction, overwrite)


def _pull_into(
    tasks: list[dict[str, Any]],
    users: dict[int, str],
    store: CorpusStore,
    transaction: Transaction,
    overwrite: bool,
) -> PullReport:
    report = PullReport()
    record_path = store.annotations_dir / PULLED_FILE
    pulled = read_json(record_path) if record_path.exists() else {}
    for task in tqdm(tasks, desc="pull", unit="task", file=sys.stderr):
        data = task.get("data", {})
        doc_id = data.get("doc_id")
        where = f"task {task.get('id')} ({doc_id})"
        if not isinstance(doc_id, str) or not store.article_path(doc_id).exists():
            report.problems.append(f"{where}: no article with this doc id in {store.root}")
            continue
        article = store.load_article(doc_id)
        if data.get("text_sha256") != text_sha256(article.text) or data.get(TEXT) != article.text:
            report.problems.append(f"{where}: task text differs from the article's; skipped")
            continue
        for user, submitted in sorted(_latest_per_user(task).items()):
            annotator = safe_annotator(users.get(user, f"user-{user}"))
            try:
                annotation = results_to_annotation(submitted["result"], article.text, doc_id)
                annotation = replace(annotation, guidelines=guidelines_version())
            except ConversionError as error:
                report.problems.extend(
                    f"task {task.get('id')}: {annotator}: {p}" for p in error.problems
                )
                continue
            path = store.annotation_path(annotator, doc_id)
            problems = check_annotation(annotation, article, path)
            if problems:
                report.problems.extend(
                    f"task {task.get('id')}: {_with_text(p, annotation, article.text)}"
                    for p in problems
                )
                continue
            text, name = dumps(annotation.to_dict()), f"{annotator}/{doc_id}.json"
            if not overwrite and edited_locally(path, text, pulled.get(name)):
                report.kept.append(path)
                continue
            transaction.write(path, text)
            pulled[name] = text_sha256(text)
            report.written.append(path)
            report.annotators.setdefault(doc_id, []).append(annotator)
    if report.written:
        transaction.write_json(record_path, dict(sorted(pulled.items())))
    return report


def edited_locally(path: Path, text: str, last_pulled: str | None) -> bool:
    """Whether the file at ``path`` holds something else than ``text`` (what pull writes now)
    and than what the last pull wrote (``last_pulled``, its SHA-256; None when no pull did)."""
    if not path.exists():
        return False
    current = read_text(path)
    return current != text and text_sha256(current) != last_pulled


def pull(
    client: LabelStudio, title: str, store: CorpusStore, overwrite: bool = False
) -> PullReport:
    project = find_project(client, title)
    if project is None:
        raise LabelStudioError(f"no Label Studio project titled {title!r}")
    return pull_tasks(export_tasks(client, project.id), user_names(client), store, overwrite)


def _pull(args: argparse.Namespace) -> int:
    store = CorpusStore(args.corpus)
    store.check()  # before reaching the server
    client = connect(args.url, args.api_key)
    with answers(args.url):
        report = pull(client, args.project, store, args.overwrite)
    for doc_id, annotators in sorted(report.annotators.items()):
        print(f"{doc_id}: {', '.join(annotators)}")
    for path in report.kept:
        print(f"kept {path}: edited since the last pull (--overwrite replaces it)", file=sys.stderr)
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    print(
        f"{len(report.written)} annotation file(s) written, {len(report.kept)} kept (edited "
        f"locally), {len(report.problems)} problem(s)"
    )
    return 1 if report.problems else 0


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(verbs, "pull", _pull, "Export Label Studio annotations into the corpus.")
    add_connection_arguments(parser)
    add_corpus_option(parser)
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace annotator files edited locally since the last pull (default: keep them)",
    )
