from __future__ import annotations

import pycrfsuite
import pytest
import sklearn_crfsuite
from sklearn.feature_extraction import FeatureHasher

from baselines.crf_features import Tagger, pair_features, token_features
from corpus.schema import Mention
from corpus.text import tokens as text_tokens

# SYNTHETIC sentence (invented for tests).
TEXT = "Lopez met Kim in Lima"
RULE_TAGS = ["B-PERSON", "O", "B-PERSON", "O", "B-GPE"]


def test_a_middle_token_gets_its_own_and_four_neighbours_attributes_in_order() -> None:
    features = token_features(text_tokens(TEXT), RULE_TAGS)
    assert list(features[2].items()) == [
        (b"bias", 1.0),
        (b"suffix3:kim", 1.0),
        (b"prefix3:kim", 1.0),
        (b"upper", False),
        (b"digit", False),
        (b"first", False),
        (b"lower:kim", 1.0),
        (b"shape:Xx", 1.0),
        (b"title", True),
        (b"rule:B-PERSON", 1.0),
        (b"-2:lower:lopez", 1.0),
        (b"-2:shape:Xx", 1.0),
        (b"-2:title", True),
        (b"-2:rule:B-PERSON", 1.0),
        (b"-1:lower:met", 1.0),
        (b"-1:shape:x", 1.0),
        (b"-1:title", False),
        (b"-1:rule:O", 1.0),
        (b"1:lower:in", 1.0),
        (b"1:shape:x", 1.0),
        (b"1:title", False),
        (b"1:rule:O", 1.0),
        (b"2:lower:lima", 1.0),
        (b"2:shape:Xx", 1.0),
        (b"2:title", True),
        (b"2:rule:B-GPE", 1.0),
    ]


def test_edge_tokens_get_only_the_neighbours_that_exist() -> None:
    first, *_, last = token_features(text_tokens(TEXT), RULE_TAGS)
    assert first[b"first"] is True and last[b"first"] is False
    assert {k.split(b":")[0] for k in first if k[:1] in b"-12"} == {b"1", b"2"}
    assert {k.split(b":")[0] for k in last if k[:1] in b"-12"} == {b"-2", b"-1"}


def test_attribute_names_are_python_crfsuite_names_of_string_features() -> None:
    # {"lower": "kim"} reaches crfsuite as the attribute "lower:kim" with value 1.0
    named = pycrfsuite.ItemSequence([{"lower": "kim", "title": True, "upper": False}]).items()
    given = pycrfsuite.ItemSequence([{b"lower:kim": 1.0, b"title": True, b"upper": False}])
    assert given.items() == named


def test_cached_attributes_are_not_shared_between_tokens() -> None:
    features = token_features(text_tokens("Kim Kim"), ["B-PERSON", "B-PERSON"])
    features[0][b"extra"] = 1.0
    assert b"extra" not in token_features(text_tokens("Kim Kim"), ["B-PERSON", "B-PERSON"])[0]


# SYNTHETIC sentences (invented for tests): a tagger trained on the first, applied to all.
TRAIN = "Lopez met Kim in Lima"
UNSEEN = ["Kim met Lopez", "Perez visited Lima and Quito", "They met in Lima"]


def _rule_tags(text: str) -> list[str]:
    names = {"Lopez": "B-PERSON", "Kim": "B-PERSON", "Perez": "B-PERSON", "Lima": "B-GPE"}
    return [names.get(token.text, "O") for token in text_tokens(text)]


def test_tagger_scores_as_crfsuite_does_from_every_attribute() -> None:
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", max_iterations=20, c1=0.1, c2=0.1)
    crf.fit([token_features(text_tokens(TRAIN), RULE_TAGS)], [RULE_TAGS])
    tagger, known = Tagger(crf), set(crf.attributes_)
    for text in [TRAIN, *UNSEEN]:
        tokens, rule_tags = text_tokens(text), _rule_tags(text)
        every = token_features(tokens, rule_tags)
        kept = tagger.attributes(tokens, rule_tags)
        assert [set(names) for names in kept] == [
            {name for name, value in attributes.items() if value and name.decode() in known}
            for attributes in every
        ]
        tags = tagger.tag(tokens, rule_tags)
        assert tags == crf.predict_single(every)
        crf.tagger_.set(every)
        probability = crf.tagger_.probability(tags)
        crf.tagger_.set(kept)
        assert crf.tagger_.probability(tags) == pytest.approx(probability, rel=1e-12)


def test_pair_features_hash_as_string_features_do() -> None:
    # SYNTHETIC mentions: "Lopez met the mayor of Lima"
    head = Mention("m1", 0, 5, "PERSON")
    tail = Mention("m2", 23, 27, "GPE")
    between = ["met", "the", "mayor", "of"]
    as_strings = {
        "types": "PERSON>GPE",
        "order": "head-first",
        "distance": "4",
        "rule": "-",
        "between=met": 1.0,
        "between=the": 1.0,
        "between=mayor": 1.0,
        "between=of": 1.0,
        "first-between=met": 1.0,
        "last-between=of": 1.0,
    }
    hasher = FeatureHasher(2**14, alternate_sign=False)
    hashed = hasher.transform([pair_features(between, head, tail, "-")])
    assert (hashed != hasher.transform([as_strings])).nnz == 0
    assert hashed.nnz == len(as_strings)
