"""The brat standoff format: the records of an ``.ann`` file, read and written.

An ``.ann`` file annotates the ``.txt`` file of the same name, one record per line
(https://brat.nlplab.org/standoff.html)::

    T1<TAB>Person 0 8<TAB>John Doe                 text-bound: type, fragments, covered text
    T2<TAB>Source 10 20;25 30<TAB>the man who      a discontinuous span: fragments on ";"
    R1<TAB>Employment Arg1:T1 Arg2:T3              relation: type, two role:id arguments
    E1<TAB>Attribution:T4 Source:T1 Content:T5     event: type:trigger, role:id arguments
    A1<TAB>Negated E1                              attribute: name, target, value if any
    M1<TAB>Polarity E1 Negative                    the same ("modification", older files)
    *<TAB>Equiv T1 T6                              equivalence (coreference)
    N1<TAB>Reference T1 Wikidata:Q42<TAB>Doe       normalisation (read, not interpreted)
    #1<TAB>AnnotatorNotes T1<TAB>a note            note (read, not interpreted)

Offsets are code-point indices into the ``.txt`` text as stored (line breaks ``\\r\\n``
count two), end exclusive. A line that does not follow the format is a :class:`CorpusError`
naming the file, line and record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpus.store import CorpusError

Argument = tuple[str, str]  # (role, id of the annotation it points to)

_FRAGMENT = re.compile(r"(\d+) (\d+)")
_ARGUMENT = re.compile(r"([^\s:]+):([^\s:]+)")


@dataclass(frozen=True)
class TextBound:
    id: str
    type: str
    fragments: tuple[tuple[int, int], ...]
    text: str
    line: int = 0  # line in the .ann file; 0 for a record not read from one

    def to_line(self) -> str:
        spans = ";".join(f"{start} {end}" for start, end in self.fragments)
        return f"{self.id}\t{self.type} {spans}\t{self.text}"


@dataclass(frozen=True)
class Relation:
    id: str
    type: str
    arguments: tuple[Argument, ...]
    line: int = 0

    def to_line(self) -> str:
        return f"{self.id}\t{self.type} {_arguments(self.arguments)}"


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    trigger: str  # id of the text-bound that triggers it
    arguments: tuple[Argument, ...]
    line: int = 0

    def to_line(self) -> str:
        return f"{self.id}\t{self.type}:{self.trigger} {_arguments(self.arguments)}".rstrip()


@dataclass(frozen=True)
class Attribute:
    id: str
    name: str
    target: str
    value: str | None  # None for a binary attribute
    line: int = 0

    def to_line(self) -> str:
        value = f" {self.value}" if self.value is not None else ""
        return f"{self.id}\t{self.name} {self.target}{value}"


@dataclass(frozen=True)
class Equivalence:
    type: str
    members: tuple[str, ...]
    line: int = 0

    def to_line(self) -> str:
        return f"*\t{self.type} {' '.join(self.members)}"


@dataclass(frozen=True)
class Comment:
    """A normalisation (``N``) or note (``#``) line: kept to be reported, not interpreted."""

    id: str
    text: str
    line: int = 0


Record = TextBound | Relation | Event | Attribute | Equivalence | Comment


@dataclass
class Standoff:
    """The records of one ``.ann`` file, by kind, in file order."""

    text_bounds: dict[str, TextBound] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    events: dict[str, Event] = field(default_factory=dict)
    attributes: list[Attribute] = field(default_factory=list)
    equivalences: list[Equivalence] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)

    def records(self) -> Iterator[Record]:
        yield from self.text_bounds.values()
        yield from self.relations
        yield from self.events.values()
        yield from self.attributes
        yield from self.equivalences

    def to_text(self) -> str:
        """The ``.ann`` file: text-bounds, relations, events, attributes, equivalences."""
        return "".join(f"{record.to_line()}\n" for record in self.records())


def _arguments(arguments: tuple[Argument, ...]) -> str:
    return " ".join(f"{role}:{target}" for role, target in arguments)


# --- reading ---------------------------------------------------------------------------------


def read_standoff(path: Path, text: str) -> Standoff:
    """The records of the ``.ann`` file ``path`` whose content is ``text``."""
    standoff = Standoff()
    seen: set[str] = set()
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"{path}:{number}"
        record = _record(line, number, where)
        record_id = getattr(record, "id", None)
        if record_id is not None and record_id in seen:
            raise CorpusError(f"{where}: {record_id}: id used by an earlier line")
        if record_id is not None:
            seen.add(record_id)
        if isinstance(record, TextBound):
            standoff.text_bounds[record.id] = record
        elif isinstance(record, Relation):
            standoff.relations.append(record)
        elif isinstance(record, Event):
            standoff.events[record.id] = record
        elif isinstance(record, Attribute):
            standoff.attributes.append(record)
        elif isinstance(record, Equivalence):
            standoff.equivalences.append(record)
        else:
            standoff.comments.append(record)
    return standoff


def _record(line: str, number: int, where: str) -> Record:
    record_id, _, rest = line.partition("\t")
    kind = record_id[:1]
    item = f"{where}: {record_id or repr(line)}"
    if kind == "T":
        return _text_bound(record_id, rest, number, item)
    if kind in "AM" and record_id:
        parts = rest.split()
        if len(parts) not in (2, 3):
            raise CorpusError(f"{item}: expected 'NAME TARGET [VALUE]', got {rest!r}")
        return Attribute(
            record_id, parts[0], parts[1], parts[2] if len(parts) == 3 else None, number
        )
    if kind == "R":
        type_, *arguments = rest.split()
        return Relation(record_id, type_, _parse_arguments(arguments, item, 2), number)
    if kind == "E":
        head, *arguments = rest.split() or [""]
        type_, _, trigger = head.partition(":")
        if not type_ or not trigger:
            raise CorpusError(f"{item}: expected 'TYPE:TRIGGER ROLE:ID …', got {rest!r}")
        return Event(record_id, type_, trigger, _parse_arguments(arguments, item), number)
    if record_id == "*":
        type_, *members = rest.split() or [""]
        if len(members) < 2:
            raise CorpusError(f"{item}: expected 'TYPE ID ID …', got {rest!r}")
        return Equivalence(type_, tuple(members), number)
    if kind in "N#" and record_id:
        return Comment(record_id, rest, number)
    raise CorpusError(f"{item}: not a brat standoff line (T, R, E, A, M, N, # or *): {line!r}")


def _text_bound(record_id: str, rest: str, number: int, item: str) -> TextBound:
    head, tab, text = rest.partition("\t")
    type_, _, spans = head.partition(" ")
    fragments = []
    for fragment in spans.split(";"):
        match = _FRAGMENT.fullmatch(fragment.strip())
        if not type_ or not tab or match is None:
            raise CorpusError(f"{item}: expected 'TYPE START END[;START END…]<TAB>TEXT'")
        start, end = int(match[1]), int(match[2])
        if start > end:
            raise CorpusError(f"{item}: fragment {start} {end} ends before it starts")
        fragments.append((start, end))
    return TextBound(record_id, type_, tuple(fragments), text, number)


def _parse_arguments(parts: list[str], item: str, count: int | None = None) -> tuple[Argument, ...]:
    arguments = []
    for part in parts:
        match = _ARGUMENT.fullmatch(part)
        if match is None:
            raise CorpusError(f"{item}: argument {part!r} is not ROLE:ID")
        arguments.append((match[1], match[2]))
    if count is not None and len(arguments) != count:
        raise CorpusError(f"{item}: expected {count} arguments, got {len(arguments)}")
    return tuple(arguments)
