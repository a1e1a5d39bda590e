"""The labeling config: generated from the schema, accepted by a real Label Studio."""

from __future__ import annotations

from xml.etree import ElementTree

from annotation.config import RELATION_LABELS, label_config, label_hotkeys
from corpus.schema import CLAIM_ATTRIBUTES, MENTION_TYPES


def test_config_holds_every_label_of_the_schema():
    root = ElementTree.fromstring(label_config())
    mention_labels = [e.get("value") for e in root.find("Labels[@name='mention']")]
    assert mention_labels == list(MENTION_TYPES)
    assert [e.get("value") for e in root.find("Labels[@name='claim']")] == ["CONTENT", "CUE"]
    assert [e.get("value") for e in root.find("Relations")] == list(RELATION_LABELS)
    assert len(RELATION_LABELS) == 11 + 6
    assert root.find("Text").attrib == {"name": "text", "value": "$text", "granularity": "word"}
    for attribute, values in CLAIM_ATTRIBUTES.items():
        choices = root.find(f"Choices[@name='claim_{attribute}']")
        assert [c.get("value") for c in choices] == list(values)
        assert choices.get("perRegion") == "true"
        assert choices.get("whenLabelValue") == "CONTENT"
    kinds = root.find("Choices[@name='mention_kind']")
    assert kinds.get("whenLabelValue") == ",".join(MENTION_TYPES)


def test_hotkeys_are_distinct_single_keys():
    hotkeys = label_hotkeys((*MENTION_TYPES, "CONTENT", "CUE"))
    assert len(set(hotkeys.values())) == len(hotkeys) == 14
    assert all(len(key) == 1 for key in hotkeys.values())
    assert hotkeys["PERSON"] == "p"


def test_label_studio_accepts_the_config(client):
    project = client.projects.create(title="config check", label_config=label_config())
    stored = client.projects.get(project.id)
    assert ElementTree.fromstring(stored.label_config).find("Text").get("name") == "text"
