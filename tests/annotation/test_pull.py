"""pull against a real Label Studio: annotations made through the API come back exactly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotation.convert import annotation_to_results
from annotation.guidelines import guidelines_version
from annotation.pull import pull, safe_annotator
from annotation.push import push
from corpus.schema import Article
from corpus.store import REPO_CORPUS, CorpusStore, load_annotation, read_json
from tests.annotation.conftest import (
    EMOJI_TEXT,
    SYNTHETIC_TEXT,
    emoji_annotation,
    synthetic_annotation,
)

ANNOTATOR = "tester@claimwire.local"
SEED_GOLD = REPO_CORPUS / "gold" / "ecc15c41bcd53d94.json"


def _tasks_by_doc(client, project_id: int) -> dict[str, int]:
    return {t.data["doc_id"]: t.id for t in client.tasks.list(project=project_id)}


def _annotate(client, store: CorpusStore, title: str, builders, **flags) -> dict[str, int]:
    """Push the store's articles and annotate each through the API; doc id -> task id."""
    report = push(client, list(store.articles()), title)
    tasks = _tasks_by_doc(client, report.project_id)
    for text, build in builders:
        annotation = build(text)
        results = annotation_to_results(annotation, text)
        client.annotations.create(id=tasks[annotation.doc_id], result=results, **flags)
    return tasks


def test_round_trip_through_the_server_is_exact(client, corpus_store):
    builders = [(SYNTHETIC_TEXT, synthetic_annotation), (EMOJI_TEXT, emoji_annotation)]
    _annotate(client, corpus_store, "round trip", builders)
    report = pull(client, "round trip", corpus_store)
    assert report.problems == []
    for text, build in builders:
        annotation = replace(build(text), guidelines=guidelines_version())  # pull records it
        path = corpus_store.annotation_path(ANNOTATOR, annotation.doc_id)
        assert read_json(path) == annotation.to_dict()
        assert report.annotators[annotation.doc_id] == [ANNOTATOR]


def test_cancelled_annotations_are_not_imported(client, corpus_store):
    _annotate(
        client,
        corpus_store,
        "cancelled",
        [(SYNTHETIC_TEXT, synthetic_annotation)],
        was_cancelled=True,
    )
    report = pull(client, "cancelled", corpus_store)
    assert report.written == [] and report.annotators == {}


def test_task_whose_text_changed_is_skipped(client, corpus_store):
    _annotate(client, corpus_store, "changed text", [(SYNTHETIC_TEXT, synthetic_annotation)])
    changed = synthetic_annotation(SYNTHETIC_TEXT).doc_id
    corpus_store.save_article(Article(changed, SYNTHETIC_TEXT.replace("Seoul", "Busan")))
    report = pull(client, "changed text", corpus_store)
    assert any(f"({changed}): task text differs" in p for p in report.problems)
    assert not corpus_store.annotation_path(ANNOTATOR, changed).exists()


def test_malformed_export_writes_nothing_for_that_task(client, corpus_store):
    report = push(client, list(corpus_store.articles()), "malformed")
    tasks = _tasks_by_doc(client, report.project_id)
    doc_id = synthetic_annotation(SYNTHETIC_TEXT).doc_id
    results = annotation_to_results(synthetic_annotation(SYNTHETIC_TEXT), SYNTHETIC_TEXT)
    results[0]["value"]["labels"] = ["ALIEN"]
    client.annotations.create(id=tasks[doc_id], result=results)
    emoji = emoji_annotation(EMOJI_TEXT)
    client.annotations.create(
        id=tasks[emoji.doc_id], result=annotation_to_results(emoji, EMOJI_TEXT)
    )
    pulled = pull(client, "malformed", corpus_store)
    assert pulled.problems == [
        f"task {tasks[doc_id]}: {ANNOTATOR}: {doc_id}: region m1: unknown label 'ALIEN'"
    ]
    assert not corpus_store.annotation_path(ANNOTATOR, doc_id).exists()
    assert corpus_store.annotation_path(ANNOTATOR, emoji.doc_id).exists()


def test_seed_gold_round_trip(client, tmp_path):
    if not SEED_GOLD.exists():
        pytest.skip(f"{SEED_GOLD} does not exist yet")
    gold = load_annotation(SEED_GOLD)
    store = CorpusStore(tmp_path / "corpus")
    article = CorpusStore(REPO_CORPUS).load_article(gold.doc_id)
    store.save_article(article)
    _annotate(client, store, "seed gold", [(article.text, lambda _: gold)])
    report = pull(client, "seed gold", store)
    assert report.problems == []
    pulled = read_json(store.annotation_path(ANNOTATOR, gold.doc_id))
    assert pulled == {**read_json(SEED_GOLD), "guidelines": guidelines_version()}


def test_safe_annotator_names():
    assert safe_annotator("ann.one@example.org") == "ann.one@example.org"
    assert safe_annotator("../x y/z") == "_x_y_z"


def test_a_file_edited_locally_is_kept_unless_overwrite(client, corpus_store):
    tasks = _annotate(client, corpus_store, "local edit", [(SYNTHETIC_TEXT, synthetic_annotation)])
    [path] = pull(client, "local edit", corpus_store).written
    pulled = path.read_text(encoding="utf-8")
    # annotated again on the server: the file is as the last pull wrote it, so it is replaced
    fewer = replace(synthetic_annotation(SYNTHETIC_TEXT), claim_links=())
    results = annotation_to_results(fewer, SYNTHETIC_TEXT)
    client.annotations.create(id=tasks[fewer.doc_id], result=results)
    assert pull(client, "local edit", corpus_store).written == [path]
    updated = path.read_text(encoding="utf-8")
    assert updated != pulled
    edited = updated.replace('"name": "', '"name": "Edited ', 1)  # by an annotator
    assert edited != updated
    path.write_text(edited, encoding="utf-8")
    kept = pull(client, "local edit", corpus_store)
    assert kept.kept == [path] and kept.written == [] and kept.problems == []
    assert path.read_text(encoding="utf-8") == edited
    replaced = pull(client, "local edit", corpus_store, overwrite=True)
    assert replaced.written == [path] and path.read_text(encoding="utf-8") == updated
