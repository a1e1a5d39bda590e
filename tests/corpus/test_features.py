"""Tests of corpus/features.py: the exported features follow corpus/schema.py."""

from __future__ import annotations

from datasets import ClassLabel, Features, List, Value

from corpus.features import (
    CONFIG_FEATURES,
    DEFAULT_CONFIG,
    DOCUMENTS,
    LAYER_STRUCTS,
    META,
    NER,
    NER_TAG_NAMES,
    label_encoder,
    labels_to_names,
)
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    LAYERS,
    MENTION_TYPES,
    RELATION_TYPES,
    ArticleMeta,
    Claim,
    ClaimLink,
    Entity,
    Mention,
    Relation,
    Span,
)

# One item of each layer with every optional field set (synthetic ids).
FULL_ITEMS = {
    "mentions": Mention("m1", 0, 5, "GPE", "NAM", "e1", "Alpha"),
    "entities": Entity("e1", "Alpha"),
    "relations": Relation("r1", "PART_OF", "m1", "m2"),
    "claims": Claim("c1", Span(0, 5), Span(6, 10), ("m1",), "c2"),
    "claim_links": ClaimLink("l1", "SUPPORTS", "c1", "c2"),
}


def test_layer_structs_have_the_keys_of_the_gold_json() -> None:
    assert list(LAYER_STRUCTS) == list(LAYERS)
    for layer, item in FULL_ITEMS.items():
        assert list(LAYER_STRUCTS[layer]) == list(item.to_dict()), layer
    assert list(META) == list(ArticleMeta().to_dict())


def test_labels_come_from_the_schema() -> None:
    assert LAYER_STRUCTS["mentions"]["type"].names == list(MENTION_TYPES)
    assert LAYER_STRUCTS["relations"]["type"].names == list(RELATION_TYPES)
    for name, values in CLAIM_ATTRIBUTES.items():
        assert LAYER_STRUCTS["claims"][name].names == list(values)
    assert len(NER_TAG_NAMES) == 1 + 2 * len(MENTION_TYPES)
    assert NER_TAG_NAMES[:3] == ("O", "B-PERSON", "I-PERSON")
    assert NER["ner_tags"].feature.names == list(NER_TAG_NAMES)


def test_documents_is_the_first_and_default_config() -> None:
    assert next(iter(CONFIG_FEATURES)) == DEFAULT_CONFIG == "documents"
    assert CONFIG_FEATURES["documents"] is DOCUMENTS


def test_labels_to_names() -> None:
    feature = {
        "tags": List(ClassLabel(names=["O", "B-X"])),
        "cue": {"kind": ClassLabel(names=["A", "B"])},
    }
    assert labels_to_names({"tags": [1, 0], "cue": {"kind": 1}}, feature) == {
        "tags": ["B-X", "O"],
        "cue": {"kind": "B"},
    }
    assert labels_to_names({"tags": [], "cue": None}, feature) == {"tags": [], "cue": None}


def test_label_encoder_agrees_with_encode_example() -> None:
    row = {
        "tags": ["B-X", "O"],
        "cue": None,
        "items": [{"kind": "B", "n": 3}],
        "n": 1,
    }
    feature = {
        "tags": List(ClassLabel(names=["O", "B-X"])),
        "cue": {"kind": ClassLabel(names=["A", "B"])},
        "items": List({"kind": ClassLabel(names=["A", "B"]), "n": Value("int32")}),
        "n": Value("int32"),
    }
    encode = label_encoder(feature)
    assert encode(row) == Features(feature).encode_example(row)
    assert encode(row) == {"tags": [1, 0], "cue": None, "items": [{"kind": 1, "n": 3}], "n": 1}
    assert row["tags"] == ["B-X", "O"]  # the input is not changed
    assert label_encoder({"n": Value("int32")}) is None
