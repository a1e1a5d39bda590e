"""The labeling config: generated from the schema, accepted by a real Label Studio."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from annotation.config import (
    CLAIM,
    MENTION,
    RELATION_LABELS,
    choice_hotkeys,
    label_config,
    region_hotkeys,
)
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    CLAIM_PARTS,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
)


def _root() -> ElementTree.Element:
    return ElementTree.fromstring(label_config())


def test_config_holds_every_label_of_the_schema():
    root = _root()
    mention_labels = [e.get("value") for e in root.find(".//Labels[@name='mention']")]
    assert mention_labels == list(MENTION_TYPES)
    assert [e.get("value") for e in root.find(".//Labels[@name='claim']")] == list(CLAIM_PARTS)
    assert set(RELATION_LABELS) == {"SOURCE", "CUE_OF", "NESTED_IN"} | set(CLAIM_LINK_TYPES) | set(
        RELATION_TYPES
    )
    assert [e.get("value") for e in root.find("Relations")] == list(RELATION_LABELS)
    assert root.find("Text").attrib == {"name": "text", "value": "$text", "granularity": "word"}
    for attribute, values in CLAIM_ATTRIBUTES.items():
        choices = root.find(f".//Choices[@name='claim_{attribute}']")
        assert [c.get("value") for c in choices] == list(values)
    kinds = root.find(".//Choices[@name='mention_kind']")
    assert [c.get("value") for c in kinds] == list(MENTION_KINDS)
    assert kinds.get("required") == "true"  # no silent NAM: Label Studio asks for a kind


def test_per_region_controls_name_the_labels_control_of_their_region():
    """Label Studio 1.23 compares ``whenTagName`` with the region's Labels control."""
    root = _root()
    per_region = [e for e in root.iter() if e.get("perRegion") == "true"]
    assert {e.get("name") for e in per_region} == {"mention_kind", "entity"} | {
        f"claim_{a}" for a in CLAIM_ATTRIBUTES
    }
    for control in per_region:
        expected = CLAIM if control.get("name").startswith("claim_") else MENTION
        assert control.get("whenTagName") == expected
        assert control.get("visibleWhen") == "region-selected"
    for view in root.iter("View"):
        if view.get("visibleWhen"):
            assert view.get("whenTagName") in (MENTION, CLAIM)


def test_every_control_is_named_on_screen():
    """Each per-region control sits beside a header that names it."""
    root = _root()
    headers = []
    for field in root.iter("View"):
        if field.get("className") == "cw-field":
            header, control = list(field)
            assert header.tag == "Header"
            headers.append((header.get("value"), control.get("name")))
    assert ("kind", "mention_kind") in headers and ("entity", "entity") in headers
    assert ("quote (INDIRECT)", "claim_quote") in headers
    assert ("stance (ASSERT)", "claim_stance") in headers


def test_relations_take_one_label():
    assert _root().find("Relations").get("choice") == "single"


def test_label_colours_are_distinct_hex():
    colours = [label.get("background") for label in _root().iter("Label")]
    assert len(colours) == len(MENTION_TYPES) + len(CLAIM_PARTS) == len(set(colours))
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in colours)


def test_every_label_and_choice_has_its_hotkey_and_none_is_shared():
    root = _root()
    labels = {e.get("value"): e.get("hotkey") for e in root.iter("Label")}
    choices = {e.get("value"): e.get("hotkey") for e in root.iter("Choice")}
    assert labels == region_hotkeys()
    arcs = choices.pop("show arcs")
    assert choices == choice_hotkeys()
    keys = [*labels.values(), *choices.values(), arcs]
    assert len(keys) == len(set(keys)) and None not in keys
    assert region_hotkeys()["PERSON"] == "p" and choice_hotkeys()["PRO"] == "shift+p"


def test_label_studio_accepts_the_config(client):
    project = client.projects.create(title="config check", label_config=label_config())
    stored = client.projects.get(project.id)
    assert ElementTree.fromstring(stored.label_config).find("Text").get("name") == "text"
