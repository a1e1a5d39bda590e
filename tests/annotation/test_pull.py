"""pull against a real Label Studio: annotations made through the API come back exactly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotation.convert import annotation_to_results
from annotation.guidelines import guidelines_version
from annotation.pull import pull, safe_annotator
from annotation.push import push
from corpus.canonical import canonical
from corpus.schema import Article
from corpus.store import REPO_CORPUS, CorpusStore, load_annotation, read_json
from tests.annotation.conftest import (
    EMOJI_TEXT,
    SYNTHETIC_TEXT,
    emoji_annotation,
    synthetic_annotation,
)

ANNOTATOR = "tester@claimwire.local"
GOLD_FILES = sorted((REPO_CORPUS / "gold").glob("*.json"))


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
        assert read_json(path) == canonical(annotation).to_dict()
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
    next(r for r in results if r.get("labels") == ["DEPLOYS_TO"])["labels"] = ["HAS_ROLE"]
    client.annotations.create(id=tasks[doc_id], result=results)
    emoji = emoji_annotation(EMOJI_TEXT)
    client.annotations.create(
        id=tasks[emoji.doc_id], result=annotation_to_results(emoji, EMOJI_TEXT)
    )
    pulled = pull(client, "malformed", corpus_store)
    where = f"task {tasks[doc_id]}: {ANNOTATOR}: {doc_id}:"
    assert pulled.problems == [
        f"{where} region m1 'Seoul': labels ['ALIEN']: give it exactly one of "
        "PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW, WEAPON, ROLE, DATE, QUANTITY",
        f"{where} link from GPE 'North Korea' to LOC 'Kursk': HAS_ROLE takes PERSON -> ROLE: "
        "pick another relation type, turn the arrow, or fix a mention type",
    ]
    assert not corpus_store.annotation_path(ANNOTATOR, doc_id).exists()
    assert corpus_store.annotation_path(ANNOTATOR, emoji.doc_id).exists()


def test_invalid_annotation_names_its_items_with_their_text(client, corpus_store):
    """A pronoun marked NAM converts, but validation refuses it, naming the mention's text."""
    report = push(client, list(corpus_store.articles()), "pronoun")
    tasks = _tasks_by_doc(client, report.project_id)
    annotation = synthetic_annotation(SYNTHETIC_TEXT)
    results = annotation_to_results(annotation, SYNTHETIC_TEXT)
    he = next(r for r in results if r["id"] == "m9" and r["from_name"] == "mention_kind")
    he["value"]["choices"] = ["NAM"]
    client.annotations.create(id=tasks[annotation.doc_id], result=results)
    (problem,) = pull(client, "pronoun", corpus_store).problems
    path = corpus_store.annotation_path(ANNOTATOR, annotation.doc_id)
    assert problem == (
        f"task {tasks[annotation.doc_id]}: {path}: {annotation.doc_id}: "
        """mention m9 'he' in "as saying that he met Kim.": 'he' is a pronoun marked NAM: """
        "its kind is PRO"
    )
    assert not path.exists()


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem)
def test_corpus_gold_round_trip(client, tmp_path, path):
    gold = load_annotation(path)
    store = CorpusStore(tmp_path / "corpus")
    article = CorpusStore(REPO_CORPUS).load_article(gold.doc_id)
    store.save_article(article)
    _annotate(client, store, f"gold {gold.doc_id}", [(article.text, lambda _: gold)])
    report = pull(client, f"gold {gold.doc_id}", store)
    assert report.problems == []
    pulled = read_json(store.annotation_path(ANNOTATOR, gold.doc_id))
    assert pulled == {**read_json(path), "guidelines": guidelines_version()}


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
