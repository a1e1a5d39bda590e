from __future__ import annotations

import pycrfsuite

from baselines.crf_features import token_features
from baselines.rules.tokens import tokenize

# SYNTHETIC sentence (invented for tests).
TEXT = "Lopez met Kim in Lima"
RULE_TAGS = ["B-PERSON", "O", "B-PERSON", "O", "B-GPE"]


def test_a_middle_token_gets_its_own_and_four_neighbours_attributes_in_order() -> None:
    features = token_features(tokenize(TEXT), RULE_TAGS)
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
    first, *_, last = token_features(tokenize(TEXT), RULE_TAGS)
    assert first[b"first"] is True and last[b"first"] is False
    assert {k.split(b":")[0] for k in first if k[:1] in b"-12"} == {b"1", b"2"}
    assert {k.split(b":")[0] for k in last if k[:1] in b"-12"} == {b"-2", b"-1"}


def test_attribute_names_are_python_crfsuite_names_of_string_features() -> None:
    # {"lower": "kim"} reaches crfsuite as the attribute "lower:kim" with value 1.0
    named = pycrfsuite.ItemSequence([{"lower": "kim", "title": True, "upper": False}]).items()
    given = pycrfsuite.ItemSequence([{b"lower:kim": 1.0, b"title": True, b"upper": False}])
    assert given.items() == named


def test_cached_attributes_are_not_shared_between_tokens() -> None:
    features = token_features(tokenize("Kim Kim"), ["B-PERSON", "B-PERSON"])
    features[0][b"extra"] = 1.0
    assert b"extra" not in token_features(tokenize("Kim Kim"), ["B-PERSON", "B-PERSON"])[0]
