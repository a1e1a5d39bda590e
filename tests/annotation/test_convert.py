"""Canonical -> Label Studio results (no server), and back through ``annotation.decode``."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from annotation.convert import ConversionError, annotation_to_results, entity_fields
from annotation.decode import results_to_annotation
from corpus.canonical import canonical
from corpus.schema import Annotation, Entity, Mention, Relation
from corpus.store import REPO_CORPUS, CorpusStore, load_annotation, read_json
from corpus.text import derive_doc_id
from tests.annotation.conftest import (
    EMOJI_TEXT,
    SYNTHETIC_TEXT,
    emoji_annotation,
    mention_at,
    synthetic_annotation,
)

GOLD_FILES = sorted((REPO_CORPUS / "gold").glob("*.json"))


@pytest.mark.parametrize(
    ("text", "build"), [(SYNTHETIC_TEXT, synthetic_annotation), (EMOJI_TEXT, emoji_annotation)]
)
def test_round_trip_gives_the_canonical_annotation(text, build):
    annotation = build(text)
    back = results_to_annotation(annotation_to_results(annotation, text), text, annotation.doc_id)
    assert back == canonical(annotation)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem)
def test_corpus_gold_round_trip_is_exact(path):
    gold = load_annotation(path)
    text = CorpusStore(REPO_CORPUS).load_article(gold.doc_id).text
    back = results_to_annotation(annotation_to_results(gold, text), text, gold.doc_id)
    # the guidelines version is the annotators' (pull records it), not part of the regions
    assert replace(back, guidelines=gold.guidelines).to_dict() == read_json(path)


def test_encoding_of_one_mention_and_claim():
    text = SYNTHETIC_TEXT
    results = annotation_to_results(synthetic_annotation(text), text)
    seoul = text.index("Seoul")
    assert results[0] == {
        "id": "m1",
        "from_name": "mention",
        "to_name": "text",
        "type": "labels",
        "value": {"start": seoul, "end": seoul + 5, "text": "Seoul", "labels": ["GPE"]},
    }
    assert results[1]["from_name"] == "mention_kind"
    assert results[1]["value"]["choices"] == ["NAM"]
    links = {(r["from_id"], r["to_id"], r["labels"][0]) for r in results if r["type"] == "relation"}
    assert ("c1-cue", "c1", "CUE_OF") in links
    assert ("m5", "c1", "SOURCE") in links
    assert ("c3", "c4", "NESTED_IN") in links
    assert ("c2", "c1", "CONTRADICTS") in links
    assert ("m2", "m3", "DEPLOYS_TO") in links
    assert len(links) == 2 + 4 + 4 + 1 + 2  # relations, cues, sources, parent, claim links
    kinds = {r["from_name"] for r in results if r["type"] != "relation"}
    assert kinds == {"mention", "mention_kind", "entity", "claim"} | {
        f"claim_{a}" for a in ("stance", "certainty", "kind", "quote")
    }


def test_entity_field_names_the_entity_of_several_mentions():
    text = SYNTHETIC_TEXT
    fields = entity_fields(synthetic_annotation(text), text)
    # Shoigu and "he"; Kim Jong Un and Kim; North Korea and Seoul alone are named otherwise.
    assert fields == {
        "m8": "Shoigu",
        "m9": "Shoigu",
        "m4": "Kim Jong Un",
        "m10": "Kim Jong Un",
    }


def test_two_entities_with_one_name_are_numbered_and_come_back_apart():
    text = "Kim met Kim. He and he left."
    mentions = (
        mention_at(text, "m1", "Kim", "PERSON", entity="e1"),
        mention_at(text, "m2", "Kim", "PERSON", entity="e2", after=4),
        mention_at(text, "m3", "He", "PERSON", kind="PRO", entity="e1"),
        mention_at(text, "m4", "he", "PERSON", kind="PRO", entity="e2"),
    )
    annotation = Annotation(
        derive_doc_id(text), mentions=mentions, entities=(Entity("e1", "Kim"), Entity("e2", "Kim"))
    )
    assert set(entity_fields(annotation, text).values()) == {"Kim", "Kim #2"}
    back = results_to_annotation(annotation_to_results(annotation, text), text, "d")
    assert back.entities == (Entity("e1", "Kim"), Entity("e2", "Kim"))
    assert [m.entity for m in back.mentions] == ["e1", "e2", "e1", "e2"]


def test_a_mention_without_entity_comes_back_alone_in_its_own():
    text = SYNTHETIC_TEXT
    annotation = synthetic_annotation(text)
    loose = replace(annotation.mentions[2], entity=None)  # Kursk
    without = replace(
        annotation,
        mentions=(*annotation.mentions[:2], loose, *annotation.mentions[3:]),
        entities=tuple(e for e in annotation.entities if e.id != "e5"),
    )
    back = results_to_annotation(annotation_to_results(without, text), text, annotation.doc_id)
    assert back == canonical(annotation)


def test_offsets_are_code_points_after_emoji_and_crlf():
    text = EMOJI_TEXT
    results = annotation_to_results(emoji_annotation(text), text)
    pyongyang = next(r for r in results if r["value"].get("text") == "Pyongyang")
    # 'Pyongyang' starts at code point 62; in UTF-16 code units it would be 65.
    assert pyongyang["value"]["start"] == 62 == text.index("Pyongyang")


def test_entity_without_mentions_cannot_be_encoded():
    text = SYNTHETIC_TEXT
    annotation = Annotation(derive_doc_id(text), entities=(Entity("e9", "Nobody"),))
    with pytest.raises(ConversionError, match="entity e9: has no mention"):
        annotation_to_results(annotation, text)


def test_clashing_region_ids_are_refused():
    text = SYNTHETIC_TEXT
    twice = Mention("x", 0, 9, "ORG", entity="e1", text="Synthetic")
    annotation = Annotation("d", mentions=(twice, twice), entities=(Entity("e1", "Synthetic"),))
    with pytest.raises(ConversionError, match="region id 'x' is used twice"):
        annotation_to_results(annotation, text)


def test_two_links_between_the_same_regions_are_refused():
    text = SYNTHETIC_TEXT
    annotation = synthetic_annotation(text)
    second = Relation("r3", "ALLIED_WITH", "m9", "m10")  # besides MEETS m9 -> m10
    with pytest.raises(ConversionError, match="m9 -> m10: two links between the same regions"):
        annotation_to_results(replace(annotation, relations=(*annotation.relations, second)), text)


def test_region_ids_are_safe_for_label_studio_styles():
    """Label Studio colours a region through a CSS class made of its id."""
    text = SYNTHETIC_TEXT
    region_ids = {
        r["id"] for r in annotation_to_results(synthetic_annotation(text), text) if "id" in r
    }
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", region_id) for region_id in region_ids)
    dotted = Mention("m.1", 0, 9, "ORG", entity="e1", text="Synthetic")
    annotation = Annotation("d", mentions=(dotted,), entities=(Entity("e1", "Synthetic"),))
    with pytest.raises(ConversionError, match="region id 'm.1': Label Studio needs letters"):
        annotation_to_results(annotation, text)
