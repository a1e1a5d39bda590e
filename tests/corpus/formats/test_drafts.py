"""Placing a draft: what validation refuses is left out and reported, with what depends on it
(a SYNTHETIC document)."""

from __future__ import annotations

from corpus.formats.drafts import Draft, Finding, Origin, name_entities, place
from corpus.readers import Incoming
from corpus.schema import Annotation, Article, Claim, Mention, Relation, Span
from corpus.text import text_sha256

TEXT = "Vinter met Kell in NordCorp. He said it went well."


def test_place_leaves_out_what_validation_refuses_and_what_depends_on_it() -> None:
    mentions = (
        Mention("T1", 0, 6, "PERSON", "NAM", "x", "Vinter"),
        Mention("T2", 11, 15, "PERSON", "NAM", "y", "Kell"),
        Mention("T3", 19, 23, "ORG", "NAM", "z", "Nord"),  # off the token "NordCorp"
        Mention("T4", 29, 31, "PERSON", "NAM", "y", "He"),  # a pronoun marked NAM
        Mention("T5", 29, 31, "PERSON", "PRO", "y", "He"),
    )
    claims = (
        Claim("E1", Span(37, 49), Span(32, 36), ("T4",)),  # its source is dropped
        Claim("E2", Span(37, 49), None, (), parent="E1"),  # its parent is dropped
        Claim("E3", Span(37, 49), Span(32, 36), ("T5",)),
    )
    annotation = Annotation(
        "doc",
        text_sha256(TEXT),
        mentions=mentions,
        entities=name_entities(mentions),
        relations=(Relation("R1", "MEETS", "T1", "T2"), Relation("R2", "MEMBER_OF", "T2", "T3")),
        claims=claims,
    )
    origins = {f"mention T{n}": Origin("in.ann", n, f"T{n}") for n in range(1, 6)}
    origins |= {"relation R2": Origin("in.ann", 7, "R2")}
    origins |= {f"claim E{n}": Origin("in.ann", 7 + n, f"E{n}") for n in range(1, 4)}
    early = Finding(Origin("in.ann", 6, "T6"), "entity type 'Misc' is not mapped")
    draft = Draft(Incoming("in.txt", Article("doc", TEXT)), annotation, origins, (early,))
    placed, findings = place(draft)
    assert [(m.id, m.text, m.kind, m.entity) for m in placed.mentions] == [
        ("m1", "Vinter", "NAM", "e1"),
        ("m2", "Kell", "NAM", "e2"),
        ("m3", "He", "PRO", "e2"),
    ]
    assert [(e.id, e.name) for e in placed.entities] == [("e1", "Vinter"), ("e2", "Kell")]
    assert [(r.id, r.head, r.tail) for r in placed.relations] == [("r1", "m1", "m2")]
    assert [(c.id, c.sources) for c in placed.claims] == [("c1", ("m3",))]
    assert [(str(f.origin), f.message) for f in findings] == [
        ("in.ann:3: T3", "span [19, 23) 'Nord' is off token boundaries"),
        ("in.ann:4: T4", "'He' is a pronoun marked NAM: its kind is PRO"),
        ("in.ann:6: T6", "entity type 'Misc' is not mapped"),
        ("in.ann:7: R2", "unknown tail mention 'T3'"),
        ("in.ann:8: E1", "unknown source mention 'T4'"),
        ("in.ann:9: E2", "unknown parent claim 'E1'"),
    ]


def test_an_entity_is_named_by_its_first_name_or_its_first_mention() -> None:
    text = "He met Kell at the office."
    mentions = [
        Mention("a", 0, 2, "PERSON", "PRO", "y", text[0:2]),
        Mention("b", 7, 11, "PERSON", "NAM", "y", text[7:11]),
        Mention("c", 19, 25, "FAC", "NOM", "x", text[19:25]),
    ]
    assert [(e.id, e.name) for e in name_entities(mentions)] == [("x", "office"), ("y", "Kell")]
