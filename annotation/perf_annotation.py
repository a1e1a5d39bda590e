"""Push and pull time for 1,000 SYNTHETIC tasks against a real Label Studio it starts.

    python -m annotation.perf_annotation [--tasks N]

The server is found as ``python -m annotation serve`` finds it and runs on a free loopback
port with SQLite in a temporary folder. Each SYNTHETIC task carries one annotation (made
through the API) that pull converts, validates and writes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from annotation.client import connect, find_project
from annotation.convert import annotation_to_results
from annotation.pull import pull
from annotation.push import push
from annotation.server import (
    DEFAULT_DATA_DIR,
    Credentials,
    LabelStudioServer,
    find_label_studio,
    free_port,
)
from corpus.schema import Annotation, Article, Mention
from corpus.store import CorpusStore
from corpus.text import derive_doc_id, text_sha256

TITLE = "perf"


def synthetic_article(index: int) -> tuple[Article, Annotation]:
    """A SYNTHETIC article and a one-mention annotation of it."""
    text = f"Synthetic benchmark document {index}. Officials in Seoul said nothing new today."
    doc_id = derive_doc_id(text)
    start = text.index("Seoul")
    mention = Mention("m1", start, start + 5, "GPE", text="Seoul")
    return Article(doc_id, text), Annotation(doc_id, text_sha256(text), mentions=(mention,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000, help="number of tasks (%(default)s)")
    args = parser.parse_args()
    pairs = [synthetic_article(index) for index in range(args.tasks)]
    with tempfile.TemporaryDirectory() as work:
        store = CorpusStore(Path(work) / "corpus")
        for article, _ in pairs:
            store.save_article(article)
        credentials = Credentials("perf@claimwire.local", "perf-password-1", "p" * 40)
        executable = find_label_studio(DEFAULT_DATA_DIR)
        server = LabelStudioServer(executable, Path(work) / "ls", free_port(), credentials)
        began = time.perf_counter()
        with server:
            print(f"server start: {time.perf_counter() - began:.1f} s")
            client = connect(server.url, credentials.api_key)
            began = time.perf_counter()
            report = push(client, [article for article, _ in pairs], TITLE)
            print(f"push {report.created} tasks: {time.perf_counter() - began:.1f} s")
            began = time.perf_counter()
            report = push(client, [article for article, _ in pairs], TITLE)
            print(f"push again ({report.present} present): {time.perf_counter() - began:.1f} s")
            project = find_project(client, TITLE)
            tasks = {t.data["doc_id"]: t.id for t in client.tasks.list(project=project.id)}
            for article, annotation in pairs:
                result = annotation_to_results(annotation, article.text)
                client.annotations.create(id=tasks[article.id], result=result)
            began = time.perf_counter()
            pulled = pull(client, TITLE, store)
            elapsed = time.perf_counter() - began
            print(f"pull {len(pulled.written)} annotations: {elapsed:.1f} s")
            assert not pulled.problems, pulled.problems[:3]


if __name__ == "__main__":
    main()
