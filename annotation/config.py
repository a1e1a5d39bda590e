"""The Label Studio labeling config, generated from the label inventories of ``corpus.schema``.

The names below are the contract between the config and ``annotation.convert``: a region's
``from_name`` says which layer it belongs to, a relation's label says what a link means.
"""

from __future__ import annotations

import argparse
from xml.etree import ElementTree

from corpus.cli import subcommand
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    CLAIM_PARTS,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    STRUCTURAL_RELATIONS,
)

TEXT = "text"  # the object tag and the task data field holding the article text
MENTION = "mention"  # Labels control for mention types
CLAIM = "claim"  # Labels control for claim parts (CONTENT, CUE)
MENTION_KIND = "mention_kind"  # per-region Choices on mentions
ENTITY_ID = "entity_id"  # per-region TextArea on the first mention of an entity
ENTITY_NAME = "entity_name"  # per-region TextArea on the first mention of an entity
CONTENT, CUE = CLAIM_PARTS
SOURCE, CUE_OF, COREF, NESTED_IN = STRUCTURAL_RELATIONS
RELATION_LABELS: tuple[str, ...] = (*RELATION_TYPES, *STRUCTURAL_RELATIONS, *CLAIM_LINK_TYPES)

# Keys Label Studio's editor binds itself (undo, region actions, …) are left alone.
_RESERVED_HOTKEYS = frozenset("hlrtuz")


def claim_attribute_control(attribute: str) -> str:
    """The per-region Choices control holding a claim attribute, e.g. ``claim_stance``."""
    return f"{CLAIM}_{attribute}"


def label_hotkeys(labels: tuple[str, ...]) -> dict[str, str]:
    """A distinct one-key hotkey per label: the first free letter of its name, else a digit."""
    taken: set[str] = set(_RESERVED_HOTKEYS)
    hotkeys: dict[str, str] = {}
    for label in labels:
        candidates = [c for c in label.lower() if c.isalpha()] + list("123456789")
        key = next(c for c in candidates if c not in taken)
        taken.add(key)
        hotkeys[label] = key
    return hotkeys


def _palette(index: int) -> str:
    """A distinct background colour per label (evenly spaced hues)."""
    return f"hsl({(index * 137) % 360}, 70%, 60%)"


def _add(parent: ElementTree.Element, tag: str, **attributes: str) -> ElementTree.Element:
    return ElementTree.SubElement(parent, tag, attributes)


def _per_region(parent: ElementTree.Element, tag: str, name: str, labels: tuple[str, ...]):
    """A control shown only while a region with one of ``labels`` is selected."""
    return _add(
        parent,
        tag,
        name=name,
        toName=TEXT,
        perRegion="true",
        visibleWhen="region-selected",
        whenTagName=TEXT,
        whenLabelValue=",".join(labels),
    )


def label_config() -> str:
    """The labeling config XML for the current schema."""
    view = ElementTree.Element("View")
    hotkeys = label_hotkeys((*MENTION_TYPES, *CLAIM_PARTS))
    _add(view, "Header", value="Mentions")
    mentions = _add(view, "Labels", name=MENTION, toName=TEXT)
    for index, label in enumerate(MENTION_TYPES):
        _add(mentions, "Label", value=label, hotkey=hotkeys[label], background=_palette(index))
    _add(view, "Header", value="Claims")
    claims = _add(view, "Labels", name=CLAIM, toName=TEXT)
    for index, label in enumerate(CLAIM_PARTS, start=len(MENTION_TYPES)):
        _add(claims, "Label", value=label, hotkey=hotkeys[label], background=_palette(index))
    relations = _add(view, "Relations")
    for label in RELATION_LABELS:
        _add(relations, "Relation", value=label)
    _add(view, TEXT.capitalize(), name=TEXT, value=f"${TEXT}", granularity="word")

    kinds = _per_region(view, "Choices", MENTION_KIND, MENTION_TYPES)
    kinds.set("choice", "single-radio")
    kinds.set("showInline", "true")
    for kind in MENTION_KINDS:
        _add(kinds, "Choice", value=kind)
    for name in (ENTITY_ID, ENTITY_NAME):
        area = _per_region(view, "TextArea", name, MENTION_TYPES)
        area.set("placeholder", name.replace("_", " "))
        area.set("maxSubmissions", "1")
        area.set("editable", "true")
    for attribute, values in CLAIM_ATTRIBUTES.items():
        choices = _per_region(view, "Choices", claim_attribute_control(attribute), (CONTENT,))
        choices.set("choice", "single-radio")
        choices.set("showInline", "true")
        for value in values:
            _add(choices, "Choice", value=value)
    ElementTree.indent(view)
    return ElementTree.tostring(view, encoding="unicode") + "\n"


def _print_config(args: argparse.Namespace) -> int:
    print(label_config(), end="")
    return 0


def register(verbs: argparse._SubParsersAction) -> None:
    subcommand(verbs, "config", _print_config, "Print the Label Studio labeling config (XML).")
