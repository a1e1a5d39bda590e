from __future__ import annotations

from dataclasses import replace

import pytest
import sklearn_crfsuite

from baselines.crf import KEEP, CrfExtractor, NotTrainedError, prepare, tag_sentence
from baselines.crf_features import token_features
from corpus.schema import Annotation, Article, Mention
from corpus.validate import check_annotation

DEFAULT = CrfExtractor.settings[0]


def test_extract_before_fit_is_an_error(synthetic_article: Article) -> None:
    with pytest.raises(NotTrainedError, match="must be trained"):
        CrfExtractor().extract([synthetic_article])


def test_trained_crf_predicts_valid_annotations_that_score(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    extractor = CrfExtractor()
    report = extractor.fit([synthetic_gold], [synthetic_article], DEFAULT)
    assert report == "1 gold documents, 2 sentences"
    (predicted,) = extractor.extract([synthetic_article])
    assert check_annotation(predicted, synthetic_article, "prediction") == []
    names = {(m.start, m.end, m.type) for m in predicted.mentions if m.kind == "NAM"}
    gold = {(m.start, m.end, m.type) for m in synthetic_gold.mentions}
    assert names == gold  # trained and applied on the same synthetic text
    assert predicted.relations and predicted.claims


def test_a_gold_name_off_a_sentences_tokens_leaves_that_sentence_out_and_is_reported(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    text = synthetic_article.text
    start = text.index("Peru")  # "Peru.\n“We": a name across the two sentences
    across = Mention("m9", start, text.index("We") + 2, "GPE", "NAM", "e9")
    gold = replace(
        synthetic_gold,
        mentions=tuple(m for m in synthetic_gold.mentions if m.text != "Peru") + (across,),
    )
    (document,) = prepare([synthetic_article], [gold], rule_claims=True)
    tags, misaligned = document.gold_tags(0)
    assert misaligned == [(across.start, across.end, "GPE")] and tags.count("B-GPE") == 1

    report = CrfExtractor().fit([gold], [synthetic_article], DEFAULT)

    assert report == (
        f"1 gold documents, 0 sentences; 2 sentence(s) left out of the tagger's training: 1 gold "
        f"name(s) off their tokens (first: {synthetic_article.id} [{start}, {across.end}) GPE)"
    )


def test_the_setting_reaches_the_crf(
    synthetic_article: Article, synthetic_gold: Annotation, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = []
    crf_class = sklearn_crfsuite.CRF
    monkeypatch.setattr(
        sklearn_crfsuite, "CRF", lambda **options: made.append(options) or crf_class(**options)
    )
    CrfExtractor().fit([synthetic_gold], [synthetic_article], {"c1": 0.0, "c2": 0.3})
    assert made and made[0]["c1"] == 0.0 and made[0]["c2"] == 0.3


def test_the_keep_threshold_decides_which_claim_candidates_stay(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    extractor = CrfExtractor()
    extractor.fit([synthetic_gold], [synthetic_article], DEFAULT)
    kept = []
    for keep in (1.01, *KEEP.values, 0.0):  # above any probability, the choices, below any
        extractor.set_threshold(KEEP.name, keep)
        kept.append(len(extractor.extract([synthetic_article])[0].claims))
    assert kept[0] == 0 and kept[-1] > 0
    assert kept == sorted(kept)  # a lower threshold keeps each candidate a higher one keeps
    extractor.fit([synthetic_gold], [synthetic_article], DEFAULT)
    assert extractor.keep == KEEP.values[0]  # a new fit starts from the default


# A second SYNTHETIC document (invented for tests).
SECOND_TEXT = "Maria Lopez met Juan Perez in Lima.\nPeru denied the report, Lopez said."


def test_a_batch_predicts_what_each_document_predicts_alone(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    extractor = CrfExtractor()
    extractor.fit([synthetic_gold], [synthetic_article], DEFAULT)
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
    extractor.fit([synthetic_gold], [synthetic_article], DEFAULT)
    assert extractor.models is not None
    (document,) = prepare([synthetic_article], None, rule_claims=False)
    tags = tag_sentence(document, 0, extractor.models)
    assert len(tags) == len(document.sentences[0])
    assert tags[:2] == ["B-PERSON", "I-PERSON"]  # "Maria Lopez", learnt from the same text


def test_stacked_names_are_tagger_attributes_beside_the_rule_tags(
    synthetic_article: Article,
) -> None:
    # SYNTHETIC stacked names: "Maria Lopez" as a PERSON, "Canada" (not one) left out
    start = synthetic_article.text.index("Maria Lopez")
    stacked = ((start, start + len("Maria Lopez"), "PERSON"),)
    (plain,) = prepare([synthetic_article], None, rule_claims=False)
    (document,) = prepare([synthetic_article], None, rule_claims=False, stacked=[stacked])
    rule_tags, tags = plain.rule_tags(0), document.rule_tags(0)
    assert [tag.split(" ")[0] for tag in tags] == rule_tags
    assert [tag.split(" ")[1] for tag in tags][:3] == ["B-PERSON", "I-PERSON", "O"]
    features = token_features(document.sentences[0], tags)
    assert features[0][b"stacked:B-PERSON"] == 1.0 and features[1][b"-1:stacked:B-PERSON"] == 1.0
    assert features[0][f"rule:{rule_tags[0]}".encode()] == 1.0
