"""python -m annotation pull: Label Studio annotations -> one canonical file per annotator.

Writes ``annotations/<annotator>/<doc_id>.json`` (annotator = the user's email, made safe for
file names), ids in text order. Cancelled (skipped) annotations are left out. A task whose text
no longer matches its article, and an annotation that cannot be converted or does not
validate, are reported, every problem on a line of its own naming the task, the annotator and
the region, and nothing is written for them.
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
from corpus.store import CorpusStore
from corpus.text import text_sha256
from corpus.validate import Problem, check_annotation


@dataclass
class PullReport:
    annotators: dict[str, list[str]] = field(default_factory=dict)  # doc id -> annotators
    problems: list[str] = field(default_factory=list)  # one line each, naming task and item
    written: list[Path] = field(default_factory=list)


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
    tasks: list[dict[str, Any]], users: dict[int, str], store: CorpusStore
) -> PullReport:
    """Convert, validate and write the annotations of exported ``tasks`` into ``store``."""
    report = PullReport()
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
            store.save_annotation(annotation, path)
            report.written.append(path)
            report.annotators.setdefault(doc_id, []).append(annotator)
    return report


def pull(client: LabelStudio, title: str, store: CorpusStore) -> PullReport:
    project = find_project(client, title)
    if project is None:
        raise LabelStudioError(f"no Label Studio project titled {title!r}")
    return pull_tasks(export_tasks(client, project.id), user_names(client), store)


def _pull(args: argparse.Namespace) -> int:
    report = pull(connect(args.url, args.api_key), args.project, CorpusStore(args.corpus))
    for doc_id, annotators in sorted(report.annotators.items()):
        print(f"{doc_id}: {', '.join(annotators)}")
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    print(f"{len(report.written)} annotation file(s) written, {len(report.problems)} problem(s)")
    return 1 if report.problems else 0


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(verbs, "pull", _pull, "Export Label Studio annotations into the corpus.")
    add_connection_arguments(parser)
    add_corpus_option(parser)
