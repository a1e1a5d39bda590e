"""claimwire -> brat standoff: ``python -m corpus export --format brat``.

Each gold document becomes ``<split>/<doc_id>.txt`` (the article's text) and
``<split>/<doc_id>.ann``; ``annotation.conf`` at the top, generated from the schema, lets
brat open the folder. The vocabulary is ``corpus.formats.brat_mapping.CLAIMWIRE``, so
``python -m corpus import brat`` reads an export back without a mapping file:

- a mention is a text-bound of its type (``T1<TAB>PERSON 0 8<TAB>John Doe``); a kind other
  than NAM is the attribute ``MentionKind``; coreference is ``Equiv`` over an entity's mentions;
- a relation is ``R<TAB>TYPE Arg1:T.. Arg2:T..``; a claim link the same between two events;
- a claim is an event ``Claim`` whose trigger is its content, with the roles ``Source``
  (``Source2``… for more), ``Cue`` (a ``Cue`` text-bound) and ``Parent`` (the outer claim's
  event); its stance, certainty, kind and quote are the attributes ``Stance``, ``Certainty``,
  ``Kind`` and ``Quote``.

A span that holds a line break is written as fragments split at each break, as brat does.
"""

from __future__ import annotations

from pathlib import Path

from tqdm import tqdm

from corpus.export_rows import GoldDocument
from corpus.formats.brat_mapping import (
    ATTRIBUTE_NAMES,
    CLAIM_EVENT,
    CLAIM_SETTINGS,
    CLAIMWIRE,
    CUE_ROLE,
    CUE_TYPE,
    EQUIVALENCE,
    MENTION_KIND,
    PARENT_ROLE,
    SOURCE_ROLE,
)
from corpus.formats.standoff import Attribute, Equivalence, Event, Relation, Standoff, TextBound
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    CLAIM_LINK_TYPES,
    MENTION_KINDS,
    MENTION_TYPES,
    RELATION_TYPES,
    Annotation,
)
from corpus.store import write_text_atomic

CONFIG_FILE = "annotation.conf"


def fragments(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """``[start, end)`` as brat writes it: one fragment per line, line breaks left out."""
    found, offset = [], start
    for line in text[start:end].split("\n"):
        if line:
            found.append((offset, offset + len(line)))
        offset += len(line) + 1
    return tuple(found)


def annotation_to_standoff(annotation: Annotation, text: str) -> Standoff:
    """The brat records of ``annotation`` on ``text``, numbered in the annotation's order."""
    standoff = Standoff()
    bound_of: dict[tuple[str, int, int], str] = {}  # (type, start, end) of a claim part -> id

    def text_bound(type_: str, start: int, end: int, share: bool) -> str:
        if share and (type_, start, end) in bound_of:
            return bound_of[type_, start, end]
        record_id = f"T{len(standoff.text_bounds) + 1}"
        pieces = fragments(text, start, end)
        covered = " ".join(text[a:b] for a, b in pieces)
        standoff.text_bounds[record_id] = TextBound(record_id, type_, pieces, covered)
        bound_of[type_, start, end] = record_id
        return record_id

    def attribute(setting: str, target: str, value: str) -> None:
        record_id = f"A{len(standoff.attributes) + 1}"
        standoff.attributes.append(Attribute(record_id, ATTRIBUTE_NAMES[setting], target, value))

    bound = {m.id: text_bound(m.type, m.start, m.end, share=False) for m in annotation.mentions}
    for mention in annotation.mentions:
        if mention.kind != CLAIMWIRE.mentions[mention.type].kind:
            attribute(MENTION_KIND, bound[mention.id], mention.kind)
    event = {claim.id: f"E{number}" for number, claim in enumerate(annotation.claims, 1)}
    for claim in annotation.claims:
        trigger = text_bound(CLAIM_EVENT, claim.content.start, claim.content.end, share=True)
        roles = [(_numbered(SOURCE_ROLE, n), bound[s]) for n, s in enumerate(claim.sources, 1)]
        if claim.cue is not None:
            roles.append((CUE_ROLE, text_bound(CUE_TYPE, claim.cue.start, claim.cue.end, True)))
        if claim.parent is not None:
            roles.append((PARENT_ROLE, event[claim.parent]))
        standoff.events[event[claim.id]] = Event(
            event[claim.id], CLAIM_EVENT, trigger, tuple(roles)
        )
        for setting, name in CLAIM_SETTINGS.items():
            attribute(setting, event[claim.id], claim.attribute(name))
    arguments = [(r.type, bound[r.head], bound[r.tail]) for r in annotation.relations]
    arguments += [(k.type, event[k.source], event[k.target]) for k in annotation.claim_links]
    for number, (type_, head, tail) in enumerate(arguments, 1):
        standoff.relations.append(Relation(f"R{number}", type_, (("Arg1", head), ("Arg2", tail))))
    for entity in annotation.entities:
        members = tuple(bound[m.id] for m in annotation.mentions if m.entity == entity.id)
        if len(members) > 1:
            standoff.equivalences.append(Equivalence(EQUIVALENCE, members))
    return standoff


def _numbered(role: str, number: int) -> str:
    """brat's name of the ``number``-th argument of a role: Source, Source2, Source3…"""
    return role if number == 1 else f"{role}{number}"


def annotation_conf() -> str:
    """brat's ``annotation.conf`` for the claimwire vocabulary, from the schema."""
    relations = [
        f"{name}\tArg1:{'|'.join(sorted(spec.heads))}, Arg2:{'|'.join(sorted(spec.tails))}"
        for name, spec in RELATION_TYPES.items()
    ]
    relations += [f"{name}\tArg1:{CLAIM_EVENT}, Arg2:{CLAIM_EVENT}" for name in CLAIM_LINK_TYPES]
    claim_values = {setting: CLAIM_ATTRIBUTES[name] for setting, name in CLAIM_SETTINGS.items()}
    attributes = [f"{ATTRIBUTE_NAMES[MENTION_KIND]}\tArg:<ENTITY>, Value:{'|'.join(MENTION_KINDS)}"]
    attributes += [
        f"{ATTRIBUTE_NAMES[setting]}\tArg:{CLAIM_EVENT}, Value:{'|'.join(values)}"
        for setting, values in claim_values.items()
    ]
    sections = {
        "entities": [*MENTION_TYPES, CUE_TYPE],
        "relations": [
            *relations,
            f"{EQUIVALENCE}\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive",
            "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>",
        ],
        "events": [
            f"{CLAIM_EVENT}\t{SOURCE_ROLE}*:<ENTITY>, {CUE_ROLE}?:{CUE_TYPE}, "
            f"{PARENT_ROLE}?:{CLAIM_EVENT}"
        ],
        "attributes": attributes,
    }
    body = "\n\n".join(f"[{name}]\n" + "\n".join(lines) for name, lines in sections.items())
    return f"# claimwire's vocabulary (python -m corpus export --format brat)\n\n{body}\n"


def write_brat(folder: Path, by_split: dict[str, list[GoldDocument]]) -> list[str]:
    """``annotation.conf`` and ``<split>/<doc_id>.txt`` and ``.ann`` of every document into
    ``folder``; nothing is left out, so nothing to report."""
    write_text_atomic(folder / CONFIG_FILE, annotation_conf())
    for split, documents in by_split.items():
        for document in tqdm(documents, desc=f"brat {split}", unit="doc"):
            standoff = annotation_to_standoff(document.annotation, document.article.text)
            write_text_atomic(folder / split / f"{document.doc_id}.txt", document.article.text)
            write_text_atomic(folder / split / f"{document.doc_id}.ann", standoff.to_text())
    return []
