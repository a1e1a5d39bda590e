"""brat standoff -> claimwire: each ``.txt``/``.ann`` pair of a folder becomes a :class:`Draft`.

The ``.txt`` becomes an article under its file name (normalised: ``normalize_text``), and every
span of the ``.ann`` is mapped into the normalised text (``normalize_with_offsets``): texts
with blank lines between paragraphs, ``\\r\\n`` line breaks and a byte order mark keep their
annotations. A span is first trimmed of whitespace (no-break spaces too); fragments separated
only by whitespace (brat splits a span at each line break) are one span; a span with text
between its fragments is discontinuous: its hull with ``hull=True`` (reported), else not
placed. The mapping (``corpus.formats.brat_mapping``) says what each type, role and attribute
becomes; what it does not name is reported, as is every item that cannot be placed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.formats.brat_mapping import (
    EQUIVALENCE,
    TRIGGER,
    AttributeMapping,
    BratMapping,
    ClaimMapping,
)
from corpus.formats.drafts import Draft, Finding, Origin, name_entities
from corpus.formats.standoff import Event, Standoff, TextBound, read_standoff
from corpus.readers import Limits, Meta, make_incoming
from corpus.schema import (
    RELATION_TYPES,
    Annotation,
    Claim,
    ClaimLink,
    Mention,
    Relation,
    Span,
)
from corpus.store import CorpusError, read_text
from corpus.text import NormalizedText, normalize_with_offsets, text_sha256

BYTE_ORDER_MARK = "\ufeff"
_NUMBERED_ROLE = re.compile(r"(.*?)\d*")  # brat numbers a repeated role: Source, Source2…


def brat_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """The ``(.txt, .ann)`` pairs of ``folder`` (not its subfolders), by name; a file
    without its partner is an error."""
    if not folder.is_dir():
        raise CorpusError(f"{folder}: no such folder")
    texts = {path.stem: path for path in folder.glob("*.txt")}
    annotations = {path.stem: path for path in folder.glob("*.ann")}
    for stem in sorted(texts.keys() ^ annotations.keys()):
        alone = texts.get(stem) or annotations[stem]
        partner = ".ann" if alone.suffix == ".txt" else ".txt"
        raise CorpusError(f"{alone}: no {stem}{partner} beside it (brat pairs the two)")
    if not texts:
        raise CorpusError(f"{folder}: no .txt/.ann pairs")
    return [(texts[stem], annotations[stem]) for stem in sorted(texts)]


def read_brat_pair(
    txt: Path,
    ann: Path,
    mapping: BratMapping,
    hull: bool,
    given: Meta,
    limits: Limits,
) -> Draft:
    """The article of ``txt`` (id: the file name) and the annotation of ``ann``, mapped."""
    raw = read_text(txt, newline="")
    shift = 1 if raw.startswith(BYTE_ORDER_MARK) else 0  # brat counts it; the article drops it
    body = raw[shift:]
    incoming = make_incoming(str(txt), body, txt.stem, {}, given, limits)
    reading = _Reading(
        ann, body, shift, normalize_with_offsets(body), mapping, hull, incoming.article.text
    )
    standoff = read_standoff(ann, read_text(ann, newline=""))
    annotation = reading.annotation(incoming.article.id, standoff)
    return Draft(incoming, annotation, reading.origins, tuple(reading.findings))


@dataclass
class _Reading:
    """The state of reading one ``.ann`` file: findings so far and each item's origin."""

    ann: Path
    raw: str  # the .txt text as stored, without a byte order mark
    shift: int  # offsets of the .ann minus this are offsets of ``raw``
    normalized: NormalizedText
    mapping: BratMapping
    hull: bool
    text: str  # the article's text
    findings: list[Finding] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)

    def origin(self, line: int, label: str) -> Origin:
        return Origin(str(self.ann), line, label)

    def report(self, line: int, label: str, message: str, placed: bool = False) -> None:
        self.findings.append(Finding(self.origin(line, label), message, placed))

    # --- the layers ---------------------------------------------------------------------------

    def annotation(self, doc_id: str, standoff: Standoff) -> Annotation:
        settings = self.attribute_settings(standoff)
        found = self.mentions(standoff, settings, self.claim_parts(standoff))
        mentions = self.coreference(standoff, found)
        claims = self.claims(standoff, settings)
        relations, links = self.links(standoff)
        for comment in standoff.comments:
            self.report(comment.line, comment.id, "normalisations and notes are not imported")
        return Annotation(
            doc_id,
            text_sha256(self.text),
            mentions=tuple(mentions),
            entities=name_entities(mentions),
            relations=tuple(relations),
            claims=tuple(claims),
            claim_links=tuple(links),
        )

    def links(self, standoff: Standoff) -> tuple[list[Relation], list[ClaimLink]]:
        """The relations (between text-bounds) and claim links (between events)."""
        relations, links = [], []
        for record in standoff.relations:
            label = f"{record.id} {record.type}"
            target = self.mapping.relations.get(record.type)
            (_, head), (_, tail) = record.arguments
            prefix = "T" if target in RELATION_TYPES else "E"
            if target is None:
                self.report(record.line, label, f"relation type {record.type!r} is not mapped")
            elif not (head.startswith(prefix) and tail.startswith(prefix)):
                between = "text-bounds (T)" if prefix == "T" else "events (E)"
                self.report(record.line, label, f"{target} is between {between}")
            elif prefix == "T":
                self.origins[f"relation {record.id}"] = self.origin(record.line, label)
                relations.append(Relation(record.id, target, head, tail))
            else:
                self.origins[f"claim link {record.id}"] = self.origin(record.line, label)
                links.append(ClaimLink(record.id, target, head, tail))
        return relations, links

    def attribute_settings(self, standoff: Standoff) -> dict[str, dict[str, str]]:
        """What the attributes set: target id -> {claim attribute or "kind": value}."""
        settings: dict[str, dict[str, str]] = {}
        for record in standoff.attributes:
            label = f"{record.id} {record.name} {record.target} {record.value or ''}".rstrip()
            found: AttributeMapping | None = self.mapping.attributes.get(record.name)
            target = standoff.events.get(record.target) or standoff.text_bounds.get(record.target)
            if found is None:
                message = f"attribute {record.name!r} is not mapped"
            elif record.value not in found.values:
                message = f"value {record.value!r} of {record.name} is not mapped"
            elif not self._maps_to(target, found):
                what = "a claim (an event of a mapped type)" if found.on_claims else "a mention"
                message = f"{record.name} sets {found.sets}, but {record.target} is not {what}"
            else:
                name = found.sets.rpartition(".")[2]
                value = found.values[record.value]
                earlier = settings.setdefault(record.target, {}).setdefault(name, value)
                if earlier == value:
                    continue
                message = f"{record.target} already has {name} {earlier} from an earlier line"
            self.report(record.line, label, message)
        return settings

    def _maps_to(self, target: TextBound | Event | None, found: AttributeMapping) -> bool:
        if isinstance(target, Event):
            return found.on_claims and target.type in self.mapping.claims
        return (
            isinstance(target, TextBound)
            and not found.on_claims
            and (target.type in self.mapping.mentions)
        )

    def claim_parts(self, standoff: Standoff) -> set[str]:
        """Ids of the text-bounds that are a part of an event of a mapped type."""
        parts = set()
        for event in standoff.events.values():
            claim = self.mapping.claims.get(event.type)
            if claim is not None:
                for role in (claim.content, claim.cue):
                    parts.update(_held(event, role))
        return parts

    def mentions(
        self, standoff: Standoff, settings: dict[str, dict[str, str]], parts: set[str]
    ) -> list[Mention]:
        mentions = []
        for record in standoff.text_bounds.values():
            label = f"{record.id} {record.type} {record.text!r}"
            found = self.mapping.mentions.get(record.type)
            if found is None:
                if record.id not in parts:
                    self.report(record.line, label, f"entity type {record.type!r} is not mapped")
                continue
            span = self.place(record, label)
            if span is None:
                continue
            kind = settings.get(record.id, {}).get("kind", found.kind)
            self.origins[f"mention {record.id}"] = self.origin(record.line, label)
            surface = self.text[span.start : span.end]
            mentions.append(
                Mention(record.id, span.start, span.end, found.type, kind, None, surface)
            )
        return mentions

    def claims(self, standoff: Standoff, settings: dict[str, dict[str, str]]) -> list[Claim]:
        claims = []
        for event in standoff.events.values():
            label = f"{event.id} {event.type}"
            found = self.mapping.claims.get(event.type)
            if found is None:
                self.report(event.line, label, f"event type {event.type!r} is not mapped")
                continue
            problem, claim = self.claim(event, found, standoff)
            if problem:
                self.report(event.line, label, problem)
                continue
            attributes = settings.get(event.id, {})
            claims.append(Claim(**claim, **attributes))
            self.origins[f"claim {event.id}"] = self.origin(event.line, label)
            unused = sorted({role for role, _ in event.arguments} - _roles(found, event))
            if unused:
                message = f"role(s) {', '.join(unused)} not mapped, left out"
                self.report(event.line, label, message, placed=True)
        return claims

    def claim(
        self, event: Event, found: ClaimMapping, standoff: Standoff
    ) -> tuple[str | None, dict]:
        """Why ``event`` is no claim (or None), and the claim's fields."""
        spans: dict[str, Span | None] = {}
        for part, role in (("content", found.content), ("cue", found.cue)):
            held = _held(event, role)
            if len(held) > 1 or (part == "content" and not held):
                return f"{len(held)} {part} arguments ({role}); a claim has one", {}
            if not held:
                spans[part] = None
                continue
            record = standoff.text_bounds.get(held[0])
            if record is None:
                return f"its {part} {held[0]} is no text-bound of this file", {}
            spans[part], message = self.span(record)
            if spans[part] is None:
                return f"its {part} {record.id} was not placed: {message}", {}
            if message:
                self.report(record.line, f"{record.id} {record.type}", message, placed=True)
        sources = _held(event, found.sources)
        for source in sources:
            record = standoff.text_bounds.get(source)
            if record is None:
                return f"its source {source} is no text-bound of this file", {}
            if record.type not in self.mapping.mentions:
                return f"its source {source} has type {record.type!r}, not mapped to a mention", {}
        parents = _held(event, found.parent)
        if len(parents) > 1:
            return f"{len(parents)} parents ({found.parent}); a claim has one", {}
        parent = parents[0] if parents else None
        if parent is not None and (
            parent not in standoff.events or standoff.events[parent].type not in self.mapping.claims
        ):
            return f"its parent {parent} is no event mapped to a claim", {}
        return None, {
            "id": event.id,
            "content": spans["content"],
            "cue": spans["cue"],
            "sources": tuple(sources),
            "parent": parent,
        }

    def coreference(self, standoff: Standoff, mentions: list[Mention]) -> list[Mention]:
        """``mentions``, each in the entity of its ``Equiv`` group (a singleton when in none)."""
        placed = {mention.id for mention in mentions}
        group: dict[str, str] = {mention_id: mention_id for mention_id in placed}

        def root(mention_id: str) -> str:
            while group[mention_id] != mention_id:
                mention_id = group[mention_id]
            return mention_id

        for record in standoff.equivalences:
            label = f"* {record.type} {' '.join(record.members)}"
            if record.type != EQUIVALENCE:
                self.report(record.line, label, f"only {EQUIVALENCE} (coreference) is imported")
                continue
            members = [member for member in record.members if member in placed]
            missing = [member for member in record.members if member not in placed]
            if missing:
                message = f"{', '.join(missing)} not among the placed mentions, left out"
                self.report(record.line, label, message, placed=True)
            for member in members[1:]:
                group[root(member)] = root(members[0])
        return [replace(mention, entity=f"e-{root(mention.id)}") for mention in mentions]

    # --- spans ----------------------------------------------------------------------------------

    def place(self, record: TextBound, label: str) -> Span | None:
        """The normalised span of ``record``, or None (reported) when it cannot be placed."""
        span, message = self.span(record)
        if message:
            self.report(record.line, label, message, placed=span is not None)
        return span

    def span(self, record: TextBound) -> tuple[Span | None, str]:
        """The normalised span of ``record`` (None when it cannot be placed) and what to
        report: why it was not placed, or how it was changed (a hull)."""
        fragments = sorted(
            (start - self.shift, end - self.shift) for start, end in record.fragments
        )
        outside = [(s, e) for s, e in fragments if not 0 <= s <= e <= len(self.raw)]
        if outside:
            start, end = outside[0]
            return None, f"fragment {start + self.shift} {end + self.shift} is outside the text"
        covered = " ".join(self.raw[start:end] for start, end in fragments)
        if covered.split() != record.text.split():
            return None, f"its text is not the .txt's {covered!r} at these offsets"
        trimmed = [_trim(self.raw, start, end) for start, end in fragments]
        trimmed = [fragment for fragment in trimmed if fragment is not None]
        if not trimmed:
            return None, "it covers only whitespace"
        start, end = trimmed[0][0], max(end for _, end in trimmed)
        message = ""
        gaps = [self.raw[a[1] : b[0]] for a, b in zip(trimmed, trimmed[1:], strict=False)]
        if any(gap.strip() for gap in gaps):
            spans = ";".join(f"{s + self.shift} {e + self.shift}" for s, e in fragments)
            if not self.hull:
                return None, f"discontinuous span {spans} (--discontinuous hull takes its hull)"
            message = f"discontinuous span {spans} taken as its hull"
        mapped = self.normalized.span(start, end)
        if mapped is None:
            return None, "a boundary falls inside a character that NFC normalisation composes"
        return Span(*mapped), message


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without the whitespace (no-break spaces too) at its ends."""
    piece = text[start:end]
    first = start + len(piece) - len(piece.lstrip())
    last = start + len(piece.rstrip())
    return (first, last) if first < last else None


def _held(event: Event, role: str | None) -> list[str]:
    """The ids ``role`` holds in ``event`` (``TRIGGER``: its trigger; numbered roles too)."""
    if role is None:
        return []
    if role == TRIGGER:
        return [event.trigger]
    return [target for name, target in event.arguments if _base_role(name) == role]


def _base_role(role: str) -> str:
    match = _NUMBERED_ROLE.fullmatch(role)
    return match[1] if match and match[1] else role


def _roles(found: ClaimMapping, event: Event) -> set[str]:
    """The roles of ``event`` that ``found`` reads."""
    read = {found.content, found.cue, found.sources, found.parent}
    return {name for name, _ in event.arguments if _base_role(name) in read}
