from __future__ import annotations

import pytest

from baselines.crf import CrfExtractor, NotTrainedError, prepare, tag_sentence
from corpus.schema import Annotation, Article
from corpus.validate import check_annotation


def test_extract_before_fit_is_an_error(synthetic_article: Article) -> None:
    with pytest.raises(NotTrainedError, match="must be trained"):
        CrfExtractor().extract([synthetic_article])


def test_trained_crf_predicts_valid_annotations_that_score(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    extractor = CrfExtractor()
    extractor.fit([synthetic_gold], [synthetic_article])
    (predicted,) = extractor.extract([synthetic_article])
    assert check_annotation(predicted, synthetic_article, "prediction") == []
    names = {(m.start, m.end, m.type) for m in predicted.mentions if m.kind == "NAM"}
    gold = {(m.start, m.end, m.type) for m in synthetic_gold.mentions}
    assert names == gold  # trained and applied on the same synthetic text
    assert predicted.relations and predicted.claims


def test_cross_validation_predicts_every_document(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    predictions = CrfExtractor().cross_validate([synthetic_gold], [synthetic_article], folds=2)
    assert [p.doc_id for p in predictions] == [synthetic_article.id]
    assert check_annotation(predictions[0], synthetic_article, "prediction") == []


# A second SYNTHETIC document (invented for tests).
SECOND_TEXT = "Maria Lopez met Juan Perez in Lima.\nPeru denied the report, Lopez said."


def test_a_batch_predicts_what_each_document_predicts_alone(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    extractor = CrfExtractor()
    extractor.fit([synthetic_gold], [synthetic_article])
    articles = [synthetic_article, Article("second", SECOND_TEXT), synthetic_article]
    alone = [extractor.extract([article])[0] for article in articles]
    assert extractor.extract(articles) == alone


def test_sentence_of_an_offset(synthetic_article: Article) -> None:
    (document,) = prepare([synthetic_article], None, rule_claims=False)
    first_end = document.sentences[0][-1].end
    assert document.sentence_of(0) == 0
    assert document.sentence_of(first_end - 1) == 0
    assert document.sentence_of(first_end) == 1
    assert document.sentence_of(len(synthetic_article.text) + 10) == 1  # past the end: the last


def test_tagger_step_gives_one_tag_per_token(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    extractor = CrfExtractor()
    extractor.fit([synthetic_gold], [synthetic_article])
    assert extractor.models is not None
    (document,) = prepare([synthetic_article], None, rule_claims=False)
    tags = tag_sentence(document, 0, extractor.models)
    assert len(tags) == len(document.sentences[0])
    assert tags[:2] == ["B-PERSON", "I-PERSON"]  # "Maria Lopez", learnt from the same text
