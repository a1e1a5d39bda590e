"""push against a real Label Studio: idempotent import, pre-annotations as predictions."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import baselines
from annotation.client import connect
from annotation.config import label_config
from annotation.convert import annotation_to_results
from annotation.decode import results_to_annotation
from annotation.push import push
from annotation.server import LabelStudioError, free_port
from baselines.base import Extractor
from corpus.canonical import canonical
from corpus.schema import Annotation, Article
from corpus.text import derive_doc_id
from tests.annotation.conftest import EMOJI_TEXT, SYNTHETIC_TEXT, synthetic_annotation


class GoldExtractor(Extractor):
    """A test extractor that returns the SYNTHETIC gold annotation of each article."""

    name, version, layers = "gold-fixture", "1.0", ("entities", "relations", "claims")

    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        return [synthetic_annotation(article.text) for article in articles]


def test_push_twice_creates_tasks_once(client, corpus_store):
    articles = list(corpus_store.articles())
    first = push(client, articles, "push twice")
    second = push(client, articles, "push twice")
    assert (first.created, first.present) == (2, 0)
    assert (second.created, second.present) == (0, 2)
    assert second.project_id == first.project_id
    tasks = list(client.tasks.list(project=first.project_id))
    assert sorted(task.data["doc_id"] for task in tasks) == sorted(a.id for a in articles)
    assert all(task.data["text_sha256"] for task in tasks)
    titles = {task.data["doc_id"]: task.data["title"] for task in tasks}
    assert (
        titles
        == {a.id: a.meta.title for a in articles}
        == {
            derive_doc_id(SYNTHETIC_TEXT): "Synthetic test document",
            derive_doc_id(EMOJI_TEXT): "Synthetic test document",
        }
    )


def test_a_project_with_an_older_config_gets_the_current_one(client, corpus_store):
    old = label_config().replace('choice="single"', 'choice="multiple"')
    project = client.projects.create(title="older config", label_config=old)
    assert push(client, list(corpus_store.articles()), "older config").project_id == project.id
    assert client.projects.get(project.id).label_config.strip() == label_config().strip()


def test_pre_annotations_are_predictions(client, corpus_store):
    article = next(a for a in corpus_store.articles() if a.text == SYNTHETIC_TEXT)
    report = push(client, [article], "prelabelled", GoldExtractor())
    (task,) = client.tasks.list(project=report.project_id, fields="all")
    (prediction,) = client.predictions.list(task=task.id)
    assert prediction.model_version == "gold-fixture-1.0"
    back = results_to_annotation(prediction.result, article.text, article.id)
    assert back == canonical(synthetic_annotation(article.text))


def test_rules_baseline_pre_annotations(client, corpus_store):
    extractor = baselines.get("rules")
    articles = list(corpus_store.articles())
    report = push(client, articles, "prelabelled by rules", extractor)
    expected = {
        a.id: annotation_to_results(p, a.text)
        for a, p in zip(articles, extractor.extract(articles), strict=True)
    }
    assert all(expected.values())
    for task in client.tasks.list(project=report.project_id, include="id,data"):
        (prediction,) = client.predictions.list(task=task.id)
        assert prediction.model_version == f"rules-{extractor.version}"
        assert prediction.result == expected[task.data["doc_id"]]


def test_wrong_api_key_is_one_clear_error(label_studio):
    with pytest.raises(LabelStudioError, match="rejected the API key"):
        connect(label_studio.url, "not-the-key")


def test_server_down_is_one_clear_error():
    with pytest.raises(LabelStudioError, match="cannot reach Label Studio"):
        connect(f"http://127.0.0.1:{free_port()}", "any-key")
