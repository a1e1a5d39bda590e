"""Label Studio result items read into regions, per-region values and links, checked item by item.

Each problem is one line naming the region by its label and text (with a few words around it
when the text occurs more than once, ``describe_span``) and saying what to fix; a region with a
problem is left out of the links and values that refer to it, which are not reported again.
``annotation.decode`` builds the annotation from what is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from annotation.config import (
    ARCS_TOGGLE,
    CLAIM,
    CLAIM_STRUCTURE,
    CONTENT,
    MENTION,
    MENTION_KIND,
    NESTED_IN,
    choice_hotkeys,
)
from annotation.convert import ATTRIBUTE_OF_CONTROL, PER_REGION_CONTROLS
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_PARTS,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    Span,
)

LABELS_OF_CONTROL: dict[str, tuple[str, ...]] = {MENTION: MENTION_TYPES, CLAIM: CLAIM_PARTS}
LONG_TEXT = 48  # characters; a longer region text is shortened in messages
CONTEXT_WORDS = 3  # words shown on each side of a region text that occurs more than once


@dataclass(frozen=True)
class Region:
    id: str
    label: str  # a mention type, CONTENT or CUE
    span: Span


@dataclass(frozen=True)
class Link:
    label: str
    source: str  # region id
    target: str  # region id


def describe_span(text: str, start: int, end: int) -> str:
    """``'he' in "Shoigu said he was carrying"``: a span as a reader finds it in ``text``."""
    surface = text[start:end]
    if len(surface) > LONG_TEXT:
        words = surface.split()
        surface = " ".join(words[:5]) + " … " + " ".join(words[-2:])
    quoted = repr(surface)
    if text.count(text[start:end]) == 1:
        return quoted
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) if "\n" in text[end:] else len(text)
    before = re.search(rf"(\S+\s+){{0,{CONTEXT_WORDS}}}$", text[line_start:start])
    after = re.match(rf"(\s*\S+){{0,{CONTEXT_WORDS}}}", text[end:line_end])
    context = before.group() + text[start:end] + after.group()  # both match, maybe empty
    return f'{quoted} in "{context}"'


class ResultReader:
    """One pass over the results of one annotation, collecting problems as it goes."""

    def __init__(self, text: str, doc_id: str) -> None:
        self.text, self.doc_id = text, doc_id
        self.problems: list[str] = []
        self.regions: dict[str, Region] = {}
        self.broken: set[str] = set()  # region ids already reported: links to them are skipped
        self.values: dict[tuple[str, str], str] = {}  # (region id, control) -> value
        self.links: list[Link] = []

    def problem(self, message: str) -> None:
        self.problems.append(f"{self.doc_id}: {message}")

    def surface(self, region_id: str) -> str:
        """The text of a region."""
        span = self.regions[region_id].span
        return self.text[span.start : span.end]

    def name(self, region_id: str) -> str:
        """``PERSON 'he' in "… said he was …"``: how a problem names a region."""
        region = self.regions[region_id]
        return f"{region.label} {describe_span(self.text, region.span.start, region.span.end)}"

    # --- reading the items -------------------------------------------------------------------

    def read(self, results: list[Any]) -> None:
        labelled: dict[str, str] = {}  # region id -> the control of its label item
        links: list[dict[str, Any]] = []  # read once every region is known
        for position, item in enumerate(results):
            if not isinstance(item, dict):
                self.problem(f"result {position}: not an object")
            elif item.get("type") == "relation":
                links.append(item)
            elif not isinstance(item.get("id"), str) or not item["id"]:
                self.problem(f"result {position}: region id missing")
            elif item.get("from_name") in LABELS_OF_CONTROL:
                self._read_region(item, labelled)
            elif item.get("from_name") in PER_REGION_CONTROLS:
                self._read_value(item)
            elif item.get("from_name") != ARCS_TOGGLE:  # only shows arcs: not annotation
                self.problem(f"region {item['id']}: unknown control {item.get('from_name')!r}")
                self.broken.add(item["id"])
        for region_id, control in list(self.values):
            self._check_value_fits(region_id, control)
        for item in links:
            self._read_link(item.get("from_id"), item.get("to_id"), item.get("labels"))

    def _read_region(self, item: dict[str, Any], labelled: dict[str, str]) -> None:
        region_id, control = item["id"], item["from_name"]
        value = item.get("value") if isinstance(item.get("value"), dict) else {}
        start, end = value.get("start"), value.get("end")
        where = f"region {region_id}"
        self.broken.add(region_id)  # until it proves sound
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
            self.problem(f"{where}: offsets missing or not integers ({start!r}, {end!r})")
            return
        if not 0 <= start < end <= len(self.text):
            self.problem(
                f"{where}: offsets [{start}, {end}) out of range for a text of "
                f"{len(self.text)} characters"
            )
            return
        span_text = describe_span(self.text, start, end)
        surface = value.get("text")
        if surface is not None and surface != self.text[start:end]:
            self.problem(
                f"{where}: region text {surface!r} differs from the article's "
                f"{self.text[start:end]!r} at [{start}, {end})"
            )
            return
        labels = value.get("labels")
        known = LABELS_OF_CONTROL[control]
        if not isinstance(labels, list) or len(labels) != 1 or labels[0] not in known:
            self.problem(
                f"{where} {span_text}: labels {labels!r}: give it exactly one of {', '.join(known)}"
            )
            return
        if region_id in labelled:
            self._two_labels(region_id, labels[0], control, labelled[region_id])
            return
        self.broken.discard(region_id)
        labelled[region_id] = control
        self.regions[region_id] = Region(region_id, labels[0], Span(start, end))

    def _two_labels(self, region_id: str, label: str, control: str, first_control: str) -> None:
        """Report a second label item of a region, and leave the region out from then on."""
        name = self.name(region_id)
        first = self.regions.pop(region_id).label
        if control == first_control:
            self.problem(f"{name}: region id {region_id} used twice")
            return
        mention, part = (first, label) if control == CLAIM else (label, first)
        self.problem(
            f"{name}: one region has both the mention label {mention} and the "
            f"claim label {part}: a region is either a mention or a claim part; select it and "
            f"click {part} (or {mention}) in the toolbar to take that label off, then select the "
            "words again for the other"
        )

    def _read_value(self, item: dict[str, Any]) -> None:
        region_id, control = item["id"], item["from_name"]
        key = "choices" if PER_REGION_CONTROLS[control] == "choices" else "text"
        value = item.get("value")
        values = value.get(key) if isinstance(value, dict) else None
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            self.problem(f"region {region_id}: {control}: expected a list of texts, got {values!r}")
        elif (region_id, control) in self.values or len(values) > 1:
            self.problem(f"region {region_id}: {control}: more than one value; keep one")
        elif values and (values[0].strip() or key == "choices"):
            self.values[region_id, control] = values[0].strip()

    def _check_value_fits(self, region_id: str, control: str) -> None:
        value = self.values[region_id, control]
        region = self.regions.get(region_id)
        if region is None:
            if region_id not in self.broken:
                self.problem(f"region {region_id}: {control} {value!r} for no labelled region")
            del self.values[region_id, control]
            return
        if control in ATTRIBUTE_OF_CONTROL:
            allowed = CLAIM_ATTRIBUTES[ATTRIBUTE_OF_CONTROL[control]]
            fits = region.label == CONTENT
        else:
            allowed = MENTION_KINDS if control == MENTION_KIND else None
            fits = region.label in MENTION_TYPES
        if not fits:
            what = ATTRIBUTE_OF_CONTROL.get(control, control)
            owner = "a CONTENT" if control in ATTRIBUTE_OF_CONTROL else "a mention"
            hotkey = choice_hotkeys().get(value)
            undo = f"select it and press {hotkey} to take it off" if hotkey else "delete it"
            self.problem(
                f"{self.name(region_id)}: has a {what} ({value}), which only {owner} takes "
                f"(a choice's hotkey works on whatever region is selected); {undo}"
            )
            del self.values[region_id, control]
        elif allowed is not None and value not in allowed:
            self.problem(f"{self.name(region_id)}: unknown {control} {value!r}")

    def _read_link(self, source: Any, target: Any, labels: Any) -> None:
        for end in (source, target):
            if end not in self.regions:
                if end not in self.broken:
                    self.problem(f"link {source} -> {target}: no region {end!r}")
                return
        where = f"link from {self.name(source)} to {self.name(target)}"
        if not isinstance(labels, list) or len(labels) != 1:
            got = "no label" if not labels else f"{len(labels)} labels ({', '.join(labels)})"
            self.problem(f"{where}: {got}; pick one in the Relations panel")
            return
        label = labels[0]
        if label in RELATION_TYPES:
            self._check_relation(label, source, target, where)
        elif label in CLAIM_STRUCTURE:
            self._check_claim_link(label, source, target, where)
        else:
            self.problem(f"{where}: unknown relation label {label!r}")
            return
        link = Link(label, source, target)
        if link in self.links:
            self.problem(f"{where}: {label} drawn twice; delete one")
        else:
            self.links.append(link)

    def _check_relation(self, label: str, source: str, target: str, where: str) -> None:
        head, tail = self.regions[source].label, self.regions[target].label
        spec = RELATION_TYPES[label]
        if head not in MENTION_TYPES or tail not in MENTION_TYPES:
            self.problem(f"{where}: {label} links two mentions")
        elif not spec.accepts(head, tail):
            heads, tails = "|".join(sorted(spec.heads)), "|".join(sorted(spec.tails))
            self.problem(
                f"{where}: {label} takes {heads} -> {tails}"
                + (" (either way)" if spec.symmetric else "")
                + ": pick another relation type, turn the arrow, or fix a mention type"
            )

    def _check_claim_link(self, label: str, source: str, target: str, where: str) -> None:
        sources, targets = CLAIM_STRUCTURE[label]
        if self.regions[source].label in sources and self.regions[target].label in targets:
            if label == NESTED_IN and source == target:
                self.problem(f"{where}: a claim cannot be nested in itself")
            return
        expected_from = "a mention" if sources == MENTION_TYPES else f"a {sources[0]}"
        self.problem(f"{where}: {label} goes from {expected_from} to a {targets[0]}")
