"""python -m annotation push: one Label Studio task per article not yet in the project.

Each task's data holds the text, the title (empty when the article has none), the doc id and
the text's SHA-256 (pull checks it). With ``--prelabel NAME`` each new task carries the
baseline's extraction as a prediction, with the baseline's name and version as
``model_version``. A project made with an older labeling config gets the current one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError
from tqdm import tqdm

import baselines
from annotation.client import add_connection_arguments, answers, connect, find_project
from annotation.config import TEXT, TITLE, label_config
from annotation.convert import annotation_to_results
from annotation.server import LabelStudioError
from baselines.base import Extractor
from corpus.cli import add_corpus_option, positive_int, subcommand
from corpus.schema import Annotation, Article
from corpus.store import CorpusStore
from corpus.text import text_sha256

BATCH_SIZE = 100


@dataclass(frozen=True)
class PushReport:
    project_id: int
    created: int  # new tasks
    present: int  # articles already in the project


def model_version(extractor: Extractor) -> str:
    return f"{extractor.name}-{extractor.version}"


def article_to_task(
    article: Article, prediction: Annotation | None = None, version: str | None = None
) -> dict[str, Any]:
    """The task of one article; with a prediction, that as a pre-annotation of ``version``."""
    data = {
        TEXT: article.text,
        TITLE: article.meta.title or "",
        "doc_id": article.id,
        "text_sha256": text_sha256(article.text),
    }
    task: dict[str, Any] = {"data": data}
    if prediction is not None:
        result = annotation_to_results(prediction, article.text)
        task["predictions"] = [{"model_version": version, "result": result}]
    return task


def ensure_project(client: LabelStudio, title: str) -> int:
    """The id of the project titled ``title`` with the generated config (created if missing)."""
    project = find_project(client, title)
    config = label_config()
    if project is None:
        project = client.projects.create(title=title, label_config=config)
    elif project.label_config.strip() != config.strip():  # Label Studio drops the last \n
        try:
            client.projects.update(id=project.id, label_config=config)
        except ApiError as error:
            raise LabelStudioError(
                f"project {title!r} keeps its old labeling config: Label Studio refused the "
                f"current one ({error.status_code}: {error.body}); pull its annotations and "
                "push into a new --project"
            ) from None
    return project.id


def task_doc_ids(client: LabelStudio, project_id: int) -> set[str]:
    """The doc ids of the project's tasks."""
    tasks = client.tasks.list(project=project_id, include="id,data", page_size=1000)
    return {task.data.get("doc_id") for task in tasks}


def push(
    client: LabelStudio,
    articles: Sequence[Article],
    title: str,
    extractor: Extractor | None = None,
    batch_size: int = BATCH_SIZE,
) -> PushReport:
    """Import a task for each article whose doc id the project does not hold yet."""
    project_id = ensure_project(client, title)
    present = task_doc_ids(client, project_id)
    new = [article for article in articles if article.id not in present]
    with tqdm(total=len(new), desc="push", unit="task", file=sys.stderr) as progress:
        for offset in range(0, len(new), batch_size):
            batch = new[offset : offset + batch_size]
            if extractor is None:
                tasks = [article_to_task(article) for article in batch]
            else:
                version = model_version(extractor)
                predictions = extractor.extract(batch)
                tasks = [
                    article_to_task(article, prediction, version)
                    for article, prediction in zip(batch, predictions, strict=True)
                ]
            client.projects.import_tasks(id=project_id, request=tasks)
            progress.update(len(batch))
    return PushReport(project_id, len(new), len(articles) - len(new))


def _push(args: argparse.Namespace) -> int:
    extractor = baselines.get(args.prelabel) if args.prelabel else None
    if extractor is not None and extractor.unavailable():
        raise LabelStudioError(f"--prelabel {args.prelabel}: {extractor.unavailable()}")
    articles = list(CorpusStore(args.corpus).articles())
    client = connect(args.url, args.api_key)
    with answers(args.url):
        report = push(client, articles, args.project, extractor, args.batch_size)
    print(
        f"project {args.project!r} (id {report.project_id}): {report.created} task(s) created, "
        f"{report.present} article(s) already present"
    )
    return 0


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(verbs, "push", _push, "Create Label Studio tasks for the corpus articles.")
    add_connection_arguments(parser)
    add_corpus_option(parser)
    parser.add_argument(
        "--prelabel", metavar="NAME", help=f"baseline for pre-annotations ({baselines.names()})"
    )
    parser.add_argument(
        "--batch-size",
        type=positive_int,
        default=BATCH_SIZE,
        help=f"tasks per request (default: {BATCH_SIZE})",
    )
