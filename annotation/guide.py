"""The annotators' guide to the labeling view, rendered from the config it describes.

Views, the steps of a claim, hotkeys and the links with the regions they join, all taken from
``annotation.config`` and ``corpus.schema``. ``annotation/guidelines.md`` embeds
:func:`render_markdown` between ``<!-- labelstudio:begin -->`` and ``<!-- labelstudio:end -->``:
``python -m annotation.guide annotation/guidelines.md`` rewrites that block after an edit.
"""

from __future__ import annotations

import sys

from annotation.config import (
    ARCS_HOTKEY,
    CLAIM_STRUCTURE,
    CONTENT,
    CUE,
    CUE_OF,
    NESTED_IN,
    SOURCE,
    choice_hotkeys,
    region_hotkeys,
)
from corpus.markdown import embed_block, rewrite_files, titled_table
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    CLAIM_PARTS,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    default_claim_attribute,
)

BLOCK = "labelstudio"  # the name of the block in the guidelines' markers
# Label Studio's own keys (1.23) that the steps below use.
LABEL_STUDIO_KEYS: tuple[tuple[str, str], ...] = (
    ("u", "unselect the selected region"),
    ("alt+r", "start a link from the selected region; then click the region it goes to"),
    ("escape", "leave link mode, unselect"),
    ("backspace", "delete the selected region"),
    ("ctrl+z / ctrl+shift+z", "undo / redo"),
    ("ctrl+enter", "submit"),
)


def _key(hotkey: str) -> str:
    return f"`{hotkey}`"


def _regions(labels: tuple[str, ...]) -> str:
    return "a mention" if labels == MENTION_TYPES else " or ".join(labels)


def _views() -> list[str]:
    labels, choices = region_hotkeys(), choice_hotkeys()
    return [
        "**Views.** One task is one article; every layer is annotated in the same view, and "
        "what is shown depends on what is selected:",
        "",
        "- *Text* (as a task opens): mentions coloured by type, claim contents grey, cues "
        "orange; no arcs. Read the article, correct spans and types.",
        f"- *A mention selected* (click it): its **kind** ({', '.join(MENTION_KINDS)}; "
        "required: Label Studio will not submit a mention without one) and its **entity**: "
        "the entity's name, then Enter. Mentions with the same entity text are one entity; "
        "an empty field means the mention is an entity of its own, named by its text. Type "
        "the name as one of the entity's mentions reads (its first name mention); a second, "
        'different entity with the same name is written "Kim #2".',
        f"- *A content selected*: the claim's **{'**, **'.join(CLAIM_ATTRIBUTES)}**; a "
        "value in brackets after the name is the default, which an unticked attribute takes.",
        "- *Links*: the Relations tab (bottom right) lists every link, with its label; "
        "hovering one draws its arc. Tick *show arcs* "
        f"({_key(ARCS_HOTKEY)}) to draw them all.",
        "- *One layer*: in the Regions tab, *Group by Label*, then the eye of CONTENT and "
        "CUE hides the claims and their arcs (or the eye of a mention type, those mentions).",
        "",
        "**A claim, step by step.** A label's key (or a click on it) arms it for one region: "
        "select the words with the mouse (a double click takes one word) and the region is "
        "made.",
        "",
        f"1. The source: {_key(labels['PERSON'])} (or its type's key), select the words; "
        f"click the region, {_key(choices['NAM'])} / {_key(choices['NOM'])} / "
        f"{_key(choices['PRO'])} for its kind, type its entity, Enter, {_key('u')}.",
        f"2. The content: {_key(labels[CONTENT])}, select the proposition; the cue: "
        f"{_key(labels[CUE])}, select the cue words.",
        f"3. Click the content (on a word no mention covers) and set what differs from the "
        f"defaults, e.g. {_key(choices['DENY'])} DENY, {_key(choices['POSSIBLE'])} "
        f"POSSIBLE, {_key(choices['OPINION'])} OPINION, {_key(choices['DIRECT'])} DIRECT; "
        f"{_key('u')}.",
        f"4. Links: click the cue, {_key('alt+r')}, click the content: in the Relations tab "
        f"pick {CUE_OF}. The same from the source mention to the content: {SOURCE}. For a "
        f"nested claim, from its content to the outer content: {NESTED_IN}.",
        f"5. Submit ({_key('ctrl+enter')}). `python -m annotation pull` reports what is "
        "missing or wrong, one line a problem, naming the region by its text.",
        "",
        "A label key pressed while a region is selected gives that region the label too: "
        f"press {_key('u')} (unselect) first. A region is either a mention or a claim part.",
    ]


def render_markdown() -> str:
    """The guide as Markdown: views, a claim step by step, hotkeys, links."""
    labels, choices = region_hotkeys(), choice_hotkeys()
    label_rows = [(label, _key(labels[label])) for label in (*MENTION_TYPES, *CLAIM_PARTS)]
    choice_rows = [("mention kind", kind, _key(choices[kind]), "") for kind in MENTION_KINDS]
    for attribute, values in CLAIM_ATTRIBUTES.items():
        default = default_claim_attribute(attribute)
        choice_rows += [
            (attribute, value, _key(choices[value]), "default" if value == default else "")
            for value in values
        ]
    link_rows = []
    for label, (sources, targets) in CLAIM_STRUCTURE.items():
        either = "either way" if CLAIM_LINK_TYPES.get(label) else ""
        link_rows.append((label, _regions(sources), _regions(targets), either))
    for name, spec in RELATION_TYPES.items():
        heads, tails = ", ".join(sorted(spec.heads)), ", ".join(sorted(spec.tails))
        link_rows.append((name, heads, tails, "either way" if spec.symmetric else ""))
    lines = [
        *_views(),
        "",
        *titled_table(
            "**Hotkeys of the labels** (each arms its label for one region)",
            ("label", "key"),
            label_rows,
        ),
        "",
        *titled_table(
            "**Hotkeys of the choices** (they set the choice on the selected region, whatever "
            "it is: pull reports a choice on the wrong kind of region)",
            ("control", "value", "key", ""),
            choice_rows,
        ),
        "",
        *titled_table(
            "**Label Studio's own keys**",
            ("key", "does"),
            [(_key(key), does) for key, does in LABEL_STUDIO_KEYS],
        ),
        "",
        *titled_table(
            "**Links** (drawn from → to; a link between mentions takes mentions of these types)",
            ("link", "from", "to", ""),
            link_rows,
        ),
    ]
    return "\n".join(lines) + "\n"


def embed_markdown(document: str) -> str:
    """``document`` with the rendered guide between its ``labelstudio`` markers."""
    return embed_block(document, BLOCK, render_markdown())


if __name__ == "__main__":
    rewrite_files(sys.argv[1:], embed_markdown)
