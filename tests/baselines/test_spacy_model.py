from __future__ import annotations

import pytest

from baselines.spacy_model import SpacyExtractor, installed_model
from corpus.schema import Annotation, Article
from corpus.validate import check_annotation


@pytest.mark.skipif(installed_model() is None, reason="no spaCy English model installed")
def test_spacy_predictions_validate_and_find_names(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    (predicted,) = SpacyExtractor().extract([synthetic_article])
    assert check_annotation(predicted, synthetic_article, "prediction") == []
    found = {(m.text, m.type) for m in predicted.mentions}
    assert ("Canada", "GPE") in found and ("Peru", "GPE") in found
    assert predicted.claims
