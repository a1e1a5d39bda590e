from __future__ import annotations

import pytest

from baselines.crf import CrfExtractor, NotTrainedError
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
