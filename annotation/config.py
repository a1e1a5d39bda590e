"""The Label Studio labeling config, generated from the label inventories of ``corpus.schema``.

The names below are the contract between the config and the conversion
(``annotation.convert``, ``annotation.decode``): a region's ``from_name`` says which layer it
belongs to, a relation's label says what a link means.

The interface (checked by hand in headless Chromium against Label Studio 1.23):

- a toolbar that stays on top while the article scrolls: the mention types, the claim parts,
  and, for the selected region only, its own controls (a mention's kind and entity; a
  content's stance, certainty, kind and quote), each named;
- per-region controls are shown when the selected region carries a label of their Labels
  control (``whenTagName`` names that control: Label Studio compares it with the region's
  label group, not with the object tag);
- coreference is the per-mention ``entity`` field, not an arrow per pronoun;
- relation arcs are hidden until the annotator ticks "show arcs" (see ``ARCS_TOGGLE``);
- every label and choice has a hotkey taken from its own name (``annotation.hotkeys``).
"""

from __future__ import annotations

import argparse
from xml.etree import ElementTree

from annotation.hotkeys import CHOICE_MODIFIER, assign_hotkeys
from corpus.cli import subcommand
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    CLAIM_PARTS,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    STRUCTURAL_RELATIONS,
    default_claim_attribute,
)

TEXT = "text"  # the object tag and the task data field holding the article text
TITLE = "title"  # the task data field holding the article's title ("" when it has none)
MENTION = "mention"  # Labels control for mention types
CLAIM = "claim"  # Labels control for claim parts (CONTENT, CUE)
MENTION_KIND = "mention_kind"  # per-region Choices on mentions
ENTITY = "entity"  # per-region TextArea on mentions: the entity's name
CONTENT, CUE = CLAIM_PARTS
SOURCE, CUE_OF, NESTED_IN = STRUCTURAL_RELATIONS
RELATION_LABELS: tuple[str, ...] = (*STRUCTURAL_RELATIONS, *CLAIM_LINK_TYPES, *RELATION_TYPES)
# Claim link label -> (labels of the region it goes from, labels of the region it goes to).
CLAIM_STRUCTURE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    SOURCE: (MENTION_TYPES, (CONTENT,)),
    CUE_OF: ((CUE,), (CONTENT,)),
    NESTED_IN: ((CONTENT,), (CONTENT,)),
    **{link_type: ((CONTENT,), (CONTENT,)) for link_type in CLAIM_LINK_TYPES},
}
ARCS_TOGGLE = "show_arcs"  # a per-task checkbox that only shows or hides arcs (never pulled)
ARCS_HOTKEY = "shift+x"

# Distinct colours (hex: Label Studio ignores hsl()): strong ones for mentions, a pale one for
# the long CONTENT spans so that mentions inside stay readable, a strong orange for cues.
LABEL_COLOURS: dict[str, str] = {
    "PERSON": "#e6194b",
    "ORG": "#3cb44b",
    "GPE": "#4363d8",
    "LOC": "#bfef45",
    "FAC": "#911eb4",
    "NORP": "#42d4f4",
    "EVENT": "#f032e6",
    "LAW": "#9a6324",
    "WEAPON": "#800000",
    "ROLE": "#469990",
    "DATE": "#808000",
    "QUANTITY": "#000075",
    "CONTENT": "#a9a9a9",
    "CUE": "#f58231",
}

_STYLE = """
.cw-toolbar { position: sticky; top: 0; z-index: 1000; background: #fff;
              border-bottom: 1px solid #d9d9d9; padding: 4px 0; }
.cw-row { display: flex; flex-wrap: wrap; align-items: center; column-gap: 24px; }
.cw-field { display: flex; align-items: center; column-gap: 8px; }
.cw-toolbar h4 { font-size: 14px; min-width: 5.5em; white-space: nowrap; }
.cw-toolbar .lsf-labels, .cw-toolbar .lsf-choices { margin: 0; width: auto; }
.cw-toolbar .lsf-choices { padding: 0; }
.lsf-richtext { padding-top: 24px; }
body:not(:has(.cw-arcs input:checked)) [class*="relationItem"]:not([class*="_highlighted"]) {
  display: none; }
"""


def claim_attribute_control(attribute: str) -> str:
    """The per-region Choices control holding a claim attribute, e.g. ``claim_stance``."""
    return f"{CLAIM}_{attribute}"


def region_hotkeys() -> dict[str, str]:
    """Label -> hotkey of every region label (mention types, claim parts): one plain key."""
    return assign_hotkeys((*MENTION_TYPES, *CLAIM_PARTS))


def choice_hotkeys() -> dict[str, str]:
    """Value -> hotkey of every per-region choice (mention kinds, claim attribute values)."""
    values = (*MENTION_KINDS, *(v for vs in CLAIM_ATTRIBUTES.values() for v in vs))
    return assign_hotkeys(values, modifier=CHOICE_MODIFIER)


def _add(parent: ElementTree.Element, tag: str, **attributes: str) -> ElementTree.Element:
    return ElementTree.SubElement(parent, tag, attributes)


def _field(parent: ElementTree.Element, name: str) -> ElementTree.Element:
    """A named group on a toolbar line: ``name`` followed by what is added to it."""
    field = _add(parent, "View", className="cw-field")
    _add(field, "Header", value=name, size="5", style="margin: 0")
    return field


def _when_selected(control: str, labels: tuple[str, ...]) -> dict[str, str]:
    """Visible while a region of ``control`` with one of ``labels`` is selected."""
    return {
        "visibleWhen": "region-selected",
        "whenTagName": control,
        "whenLabelValue": ",".join(labels),
    }


def _labels(parent: ElementTree.Element, name: str, labels: tuple[str, ...]) -> None:
    hotkeys = region_hotkeys()
    group = _add(parent, "Labels", name=name, toName=TEXT, showInline="true")
    for label in labels:
        _add(group, "Label", value=label, hotkey=hotkeys[label], background=LABEL_COLOURS[label])


def _choices(
    parent: ElementTree.Element, name: str, values: tuple[str, ...], **extra: str
) -> ElementTree.Element:
    """Per-region single-choice radio buttons."""
    hotkeys = choice_hotkeys()
    choices = _add(
        parent,
        "Choices",
        name=name,
        toName=TEXT,
        perRegion="true",
        choice="single-radio",
        showInline="true",
        **extra,
    )
    for value in values:
        _add(choices, "Choice", value=value, hotkey=hotkeys[value])
    return choices


def _mention_controls(toolbar: ElementTree.Element) -> None:
    """Kind and entity of the selected mention."""
    mention = _when_selected(MENTION, MENTION_TYPES)
    row = _add(toolbar, "View", className="cw-row", **mention)
    _choices(_field(row, "kind"), MENTION_KIND, MENTION_KINDS, required="true", **mention)
    _add(
        _field(row, "entity"),
        "TextArea",
        name=ENTITY,
        toName=TEXT,
        perRegion="true",
        maxSubmissions="1",
        editable="true",
        placeholder="its name, then Enter (empty: this mention alone)",
        **mention,
    )


def _claim_controls(toolbar: ElementTree.Element) -> None:
    """The four attributes of the selected content, each named, its default in brackets."""
    content = _when_selected(CLAIM, (CONTENT,))
    row = _add(toolbar, "View", className="cw-row", **content)
    for attribute, values in CLAIM_ATTRIBUTES.items():
        field = _field(row, f"{attribute} ({default_claim_attribute(attribute)})")
        _choices(field, claim_attribute_control(attribute), values, **content)


def label_config() -> str:
    """The labeling config XML for the current schema."""
    view = ElementTree.Element("View")
    _add(view, "Style").text = _STYLE
    toolbar = _add(view, "View", className="cw-toolbar")
    _labels(_field(_add(toolbar, "View", className="cw-row"), "Mentions"), MENTION, MENTION_TYPES)
    row = _add(toolbar, "View", className="cw-row")
    _labels(_field(row, "Claims"), CLAIM, CLAIM_PARTS)
    toggle = _add(_add(row, "View", className="cw-arcs"), "Choices", name=ARCS_TOGGLE)
    toggle.attrib.update(toName=TEXT, choice="multiple", showInline="true")
    _add(toggle, "Choice", value="show arcs", hotkey=ARCS_HOTKEY)
    _mention_controls(toolbar)
    _claim_controls(toolbar)

    relations = _add(view, "Relations", choice="single")
    for label in RELATION_LABELS:
        _add(relations, "Relation", value=label)
    _add(view, "Header", value=f"${TITLE}", size="4")
    _add(view, TEXT.capitalize(), name=TEXT, value=f"${TEXT}", granularity="word")
    ElementTree.indent(view)
    return ElementTree.tostring(view, encoding="unicode") + "\n"


def _print_config(args: argparse.Namespace) -> int:
    print(label_config(), end="")
    return 0


def register(verbs: argparse._SubParsersAction) -> None:
    subcommand(verbs, "config", _print_config, "Print the Label Studio labeling config (XML).")
