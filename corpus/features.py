"""The Hugging Face ``datasets`` features of each exported configuration.

Every label set (``ClassLabel`` names) comes from ``corpus/schema.py``. The structs of the
``documents`` configuration have the keys of the schema's ``to_dict`` (the gold JSON), so a row
converts back to an :class:`~corpus.schema.Annotation` with ``Annotation.from_dict``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from datasets import ClassLabel, Features, List, Value

from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    ArticleMeta,
)

STRING = Value("string")
OFFSET = Value("int32")

# IOB2 tags of NAM mentions: "O", then "B-<type>", "I-<type>" for each mention type.
NER_TAG_NAMES: tuple[str, ...] = (
    "O",
    *(f"{prefix}-{name}" for name in MENTION_TYPES for prefix in ("B", "I")),
)

SPAN = {"start": OFFSET, "end": OFFSET}
META = {field.name: STRING for field in fields(ArticleMeta)}
ATTRIBUTES = {name: ClassLabel(names=list(values)) for name, values in CLAIM_ATTRIBUTES.items()}

MENTION = {
    "id": STRING,
    "start": OFFSET,
    "end": OFFSET,
    "text": STRING,
    "type": ClassLabel(names=list(MENTION_TYPES)),
    "kind": ClassLabel(names=list(MENTION_KINDS)),
    "entity": STRING,
}
ENTITY = {"id": STRING, "name": STRING}
RELATION = {
    "id": STRING,
    "type": ClassLabel(names=list(RELATION_TYPES)),
    "head": STRING,
    "tail": STRING,
}
CLAIM = {
    "id": STRING,
    "content": SPAN,
    "cue": SPAN,  # null when the claim has no cue
    "sources": List(STRING),
    "parent": STRING,
    **ATTRIBUTES,
}
CLAIM_LINK = {
    "id": STRING,
    "type": ClassLabel(names=list(CLAIM_LINK_TYPES)),
    "from": STRING,
    "to": STRING,
}

# Struct of each annotation layer, by the layer's name in ``corpus.schema.LAYERS``.
LAYER_STRUCTS: dict[str, dict[str, Any]] = {
    "mentions": MENTION,
    "entities": ENTITY,
    "relations": RELATION,
    "claims": CLAIM,
    "claim_links": CLAIM_LINK,
}

DOCUMENTS = Features(
    {
        "id": STRING,
        "text": STRING,
        "text_sha256": STRING,
        "guidelines": STRING,  # version of the annotation guidelines the gold follows
        "meta": META,
        **{layer: List(struct) for layer, struct in LAYER_STRUCTS.items()},
    }
)

NER = Features(
    {
        "doc_id": STRING,
        "sentence": Value("int32"),  # index of the sentence in its document
        "tokens": List(STRING),
        "ner_tags": List(ClassLabel(names=list(NER_TAG_NAMES))),
    }
)

# A piece of text with its document offsets; "context" is the sentence(s) around an item.
TEXT_SPAN = {"text": STRING, **SPAN}

CLAIMS = Features(
    {
        "doc_id": STRING,
        "id": STRING,
        "context": TEXT_SPAN,
        "content": TEXT_SPAN,
        "cue": TEXT_SPAN,  # null when the claim has no cue
        "sources": List({"id": STRING, "text": STRING}),
        **ATTRIBUTES,
        "parent": STRING,
    }
)

ARGUMENT = {"id": STRING, "text": STRING, "type": MENTION["type"], **SPAN}

RELATIONS = Features(
    {
        "doc_id": STRING,
        "id": STRING,
        "type": RELATION["type"],
        "head": ARGUMENT,
        "tail": ARGUMENT,
        "context": TEXT_SPAN,
        "in_claim": Value("bool"),  # both arguments inside the content of one claim
    }
)

# Configuration name -> features; the first is the default configuration.
CONFIG_FEATURES: dict[str, Features] = {
    "documents": DOCUMENTS,
    "ner": NER,
    "claims": CLAIMS,
    "relations": RELATIONS,
}
DEFAULT_CONFIG = "documents"


def labels_to_names(value: Any, feature: Any) -> Any:
    """``value`` as read from the dataset with every ``ClassLabel`` integer turned into its name."""
    if value is None:
        return None
    if isinstance(feature, ClassLabel):
        return feature.int2str(value)
    if isinstance(feature, dict):
        return {key: labels_to_names(value[key], sub) for key, sub in feature.items()}
    if isinstance(feature, List):
        return [labels_to_names(item, feature.feature) for item in value]
    return value


def label_encoder(feature: Any) -> Callable[[Any], Any] | None:
    """A function that turns every ``ClassLabel`` name inside a value of ``feature`` into its
    integer; None when ``feature`` holds no label.

    Built once per feature, it does the label part of ``Features.encode_example`` several times
    faster (that function re-inspects the feature tree for every row).
    """
    if isinstance(feature, ClassLabel):
        return {name: index for index, name in enumerate(feature.names)}.__getitem__
    if isinstance(feature, List):
        item = label_encoder(feature.feature)
        return None if item is None else lambda values: [item(value) for value in values]
    if isinstance(feature, dict):
        parts = {key: encode for key, sub in feature.items() if (encode := label_encoder(sub))}
        if not parts:
            return None
        return lambda value: (
            None if value is None else {**value, **{k: f(value[k]) for k, f in parts.items()}}
        )
    return None
