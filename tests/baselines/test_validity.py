"""Every baseline's output is valid on every article of the corpus (the Wikinews pool, the
selected splits and the seed) and on the SYNTHETIC adversarial texts of ``adversarial.py``:
``corpus.validate.check_annotation`` finds no problem. The rule and trained baselines are valid
by construction (their drafts drop nothing); spaCy's names are kept only where they lie on the
text layer's tokens (what is dropped is counted, not checked here)."""

from __future__ import annotations

import pytest

import baselines
from baselines.base import TrainableExtractor, extract_all
from baselines.spacy_model import installed_model
from corpus.schema import Article
from corpus.store import REPO_CORPUS, CorpusStore
from corpus.validate import check_annotation
from tests.baselines.adversarial import synthetic_articles

VALID_BY_CONSTRUCTION = ("rules", "crf", "crf-spacy")


@pytest.fixture(scope="module")
def every_article() -> list[Article]:
    articles = list(CorpusStore(REPO_CORPUS).articles())
    assert len(articles) >= 296  # the pool, the splits and the seed
    return articles + synthetic_articles()


@pytest.mark.parametrize("name", ["rules", "crf", "crf-spacy", "spacy"])
def test_every_prediction_on_every_article_is_valid(
    name: str, every_article: list[Article]
) -> None:
    if name in ("spacy", "crf-spacy") and installed_model() is None:
        pytest.skip("no spaCy English model installed")
    extractor = baselines.get(name)
    if isinstance(extractor, TrainableExtractor):
        gold, articles = CorpusStore(REPO_CORPUS).gold_documents("train")
        extractor.fit(gold, articles, extractor.settings[0])

    predictions = extract_all(extractor, every_article)

    problems = [
        str(problem)
        for article, predicted in zip(every_article, predictions, strict=True)
        for problem in check_annotation(predicted, article, article.meta.title or article.id)
    ]
    assert problems == []
    if name in VALID_BY_CONSTRUCTION:
        assert extractor.dropped == {}
