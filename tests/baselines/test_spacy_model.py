from __future__ import annotations

import pytest

from baselines.spacy_model import SpacyExtractor, chunks, installed_model
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


# CONSTRUCTED: a claim, then one "word" longer than spaCy's 1,000,000-character limit (E088).
OVER_THE_LIMIT = "Maria Lopez said the bridge would open. " + "x" * 1_100_000 + " Peru denied it."


def test_chunks_cover_the_text_after_line_breaks_or_spaces() -> None:
    text = "one two three\nfour five six seven\neight"
    pieces = chunks(text, limit=16)
    assert "".join(text[start:end] for start, end in pieces) == text
    assert [text[start:end] for start, end in pieces] == [
        "one two three\n",
        "four five six ",
        "seven\neight",
    ]
    assert chunks("x" * 10, limit=4) == [(0, 4), (4, 8), (8, 10)]  # no space: cut at the limit


@pytest.mark.skipif(installed_model() is None, reason="no spaCy English model installed")
def test_a_paragraph_over_spacys_length_limit_is_analysed_in_pieces() -> None:
    article = Article("long", OVER_THE_LIMIT)
    (predicted,) = SpacyExtractor().extract([article])
    assert check_annotation(predicted, article, "prediction") == []
    assert ("Maria Lopez", "PERSON") in {(m.text, m.type) for m in predicted.mentions}
