"""Pure conversion tests (no server): canonical -> Label Studio results -> canonical."""

from __future__ import annotations

import copy
import re

import pytest

from annotation.convert import ConversionError, annotation_to_results, results_to_annotation
from corpus.schema import Annotation, Entity, Mention
from corpus.text import derive_doc_id
from tests.annotation.conftest import (
    EMOJI_TEXT,
    SYNTHETIC_TEXT,
    emoji_annotation,
    synthetic_annotation,
)


@pytest.mark.parametrize(
    ("text", "build"), [(SYNTHETIC_TEXT, synthetic_annotation), (EMOJI_TEXT, emoji_annotation)]
)
def test_round_trip_is_exact(text, build):
    annotation = build(text)
    results = annotation_to_results(annotation, text)
    back = results_to_annotation(results, text, annotation.doc_id)
    assert back == annotation
    assert back.to_dict() == annotation.to_dict()


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
    assert ("m9", "m8", "COREF") in links  # "he" -> "Shoigu"
    assert ("c1.cue", "c1", "CUE_OF") in links
    assert ("m5", "c1", "SOURCE") in links
    assert ("c3", "c4", "NESTED_IN") in links
    assert ("c2", "c1", "CONTRADICTS") in links


def test_offsets_are_code_points_after_emoji_and_crlf():
    text = EMOJI_TEXT
    results = annotation_to_results(emoji_annotation(text), text)
    pyongyang = next(r for r in results if r["value"].get("text") == "Pyongyang")
    # 'Pyongyang' starts at code point 62; in UTF-16 code units it would be 65.
    assert pyongyang["value"]["start"] == 62 == text.index("Pyongyang")


def test_browser_drawn_cluster_gets_derived_entity():
    text = SYNTHETIC_TEXT
    results = [
        r
        for r in annotation_to_results(synthetic_annotation(text), text)
        if r.get("from_name") not in ("entity_id", "entity_name")
    ]
    back = results_to_annotation(results, text, "d")
    shoigu = next(m for m in back.mentions if m.id == "m8")
    he = next(m for m in back.mentions if m.id == "m9")
    seoul = next(m for m in back.mentions if m.id == "m1")
    assert shoigu.entity == he.entity == "e-m8"
    assert Entity("e-m8", "Shoigu") in back.entities
    assert seoul.entity is None  # a singleton without an entity id has no entity


def test_missing_choices_take_schema_defaults():
    text = SYNTHETIC_TEXT
    results = [
        r for r in annotation_to_results(synthetic_annotation(text), text) if r["type"] != "choices"
    ]
    back = results_to_annotation(results, text, "d")
    assert {m.kind for m in back.mentions} == {"NAM"}
    assert {(c.stance, c.certainty, c.kind, c.quote) for c in back.claims} == {
        ("ASSERT", "CERTAIN", "FACT", "DIRECT")
    }


def _results() -> list[dict]:
    return annotation_to_results(synthetic_annotation(SYNTHETIC_TEXT), SYNTHETIC_TEXT)


def _broken(change) -> list[dict]:
    results = copy.deepcopy(_results())
    change(results)
    return results


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r[0]["value"].update(labels=["ALIEN"]), "region m1: unknown label 'ALIEN'"),
        (lambda r: r[0].pop("id"), "result 0: region id missing"),
        (lambda r: r[0]["value"].update(end=10_000), "region m1: offsets [34, 10000) out of range"),
        (lambda r: r[0]["value"].update(text="Tokyo"), "region m1: region text 'Tokyo' differs"),
        (lambda r: r[0].update(from_name="sentiment"), "region m1: unknown control 'sentiment'"),
        (lambda r: r[1]["value"].update(choices=["XYZ"]), "region m1: mention_kind: unknown"),
        (
            lambda r: next(x for x in r if x.get("labels") == ["DEPLOYS_TO"]).update(to_id="zz"),
            "DEPLOYS_TO link m2 -> zz: no region 'zz'",
        ),
        (
            lambda r: next(x for x in r if x.get("labels") == ["SOURCE"]).update(labels=["WHO"]),
            "unknown relation label 'WHO'",
        ),
        (
            lambda r: [r.remove(x) for x in [x for x in r if x.get("labels") == ["CUE_OF"]]],
            "a CUE linked to no CONTENT",
        ),
    ],
)
def test_malformed_results_name_the_region(change, message):
    with pytest.raises(ConversionError, match=re.escape(message)):
        results_to_annotation(_broken(change), SYNTHETIC_TEXT, "doc-x")


def test_claim_attribute_on_a_mention_is_an_error():
    results = _broken(lambda r: r[1].update(from_name="claim_stance", value={"choices": ["DENY"]}))
    with pytest.raises(ConversionError, match="region m1: claim_stance on a GPE"):
        results_to_annotation(results, SYNTHETIC_TEXT, "doc-x")


def test_link_between_wrong_region_kinds_is_an_error():
    results = _broken(
        lambda r: next(x for x in r if x.get("labels") == ["SOURCE"]).update(from_id="c2")
    )
    with pytest.raises(ConversionError, match="region c2 is a CONTENT, expected"):
        results_to_annotation(results, SYNTHETIC_TEXT, "doc-x")


def test_entity_without_mentions_cannot_be_encoded():
    text = SYNTHETIC_TEXT
    annotation = Annotation(derive_doc_id(text), entities=(Entity("e9", "Nobody"),))
    with pytest.raises(ConversionError, match="entity e9: has no mention"):
        annotation_to_results(annotation, text)


def test_clashing_region_ids_are_refused():
    text = SYNTHETIC_TEXT
    twice = Mention("x", 0, 9, "ORG", text="Synthetic")
    annotation = Annotation("d", mentions=(twice, twice))
    with pytest.raises(ConversionError, match="region id 'x' is used twice"):
        annotation_to_results(annotation, text)
