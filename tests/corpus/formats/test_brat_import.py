"""brat standoff -> drafts, on the SYNTHETIC documents of ``synthetic.py``.

Expected offsets are into the normalised texts (``TEXT_A``, ``TEXT_B``) and were checked by
hand: in ``a`` the raw offsets shift by 3 after the first blank line (``\\r\\n\\r\\n`` becomes
``\\n``) and the no-break space, then by 3 more after each later blank line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.formats.brat_import import brat_pairs, read_brat_pair
from corpus.formats.brat_mapping import CLAIMWIRE, BratMapping, load_mapping
from corpus.formats.drafts import Finding, place
from corpus.readers import Limits
from corpus.schema import Annotation
from corpus.store import CorpusError
from tests.corpus.formats.synthetic import (
    TEXT_A,
    TEXT_B,
    write_brat_folder,
    write_exact,
    write_mapping,
)


def imported(
    folder: Path, mapping: BratMapping, hull: bool = False
) -> dict[str, tuple[Annotation, list[Finding]]]:
    found = {}
    for txt, ann in brat_pairs(folder):
        draft = read_brat_pair(txt, ann, mapping, hull, {}, Limits())
        found[draft.incoming.article.id] = place(draft)
        if txt.stem in ("a", "b"):
            assert draft.incoming.article.text == {"a": TEXT_A, "b": TEXT_B}[txt.stem]
    return found


@pytest.fixture
def mapping(tmp_path: Path) -> BratMapping:
    return load_mapping(write_mapping(tmp_path / "map.toml"))


def mention_rows(annotation: Annotation) -> list[tuple]:
    return [(m.id, m.start, m.end, m.text, m.type, m.kind, m.entity) for m in annotation.mentions]


def claim_rows(annotation: Annotation) -> list[tuple]:
    return [
        (
            c.id,
            (c.content.start, c.content.end),
            (c.cue.start, c.cue.end) if c.cue else None,
            c.sources,
            c.stance,
            c.quote,
        )
        for c in annotation.claims
    ]


def finding_rows(findings: list[Finding]) -> list[tuple]:
    return [(f.origin.line, f.origin.item, f.placed, f.message) for f in findings]


MENTIONS_A = [
    ("m1", 0, 15, "Synthetic Daily", "ORG", "NAM", "e1"),
    ("m2", 28, 34, "Monday", "DATE", "NAM", "e2"),
    ("m3", 40, 51, "Alda Vinter", "PERSON", "NAM", "e3"),
    ("m4", 56, 66, "Boris Kell", "PERSON", "NAM", "e4"),
    ("m5", 70, 78, "Port Elm", "GPE", "NAM", "e5"),
    ("m6", 80, 86, "Vinter", "PERSON", "NAM", "e3"),  # trimmed of its no-break space
    ("m7", 132, 145, "Kell's office", "ORG", "NOM", "e6"),
    ("m8", 132, 136, "Kell", "PERSON", "NAM", "e4"),
    ("m9", 181, 187, "Friday", "DATE", "NAM", "e7"),
    ("m10", 204, 210, "Vinter", "PERSON", "NAM", "e3"),
]
FINDINGS_A = [
    (
        19,
        "E3 Attribution",
        False,
        "its content T14 was not placed: discontinuous span "
        "129 137;161 194 (--discontinuous hull takes its hull)",
    ),  # fmt: skip
    (
        21,
        "T15 Location 'ST. LOUIS'",
        False,
        "span [168, 177) 'ST. LOUIS' crosses a sentence boundary of the text layer",
    ),  # fmt: skip
    (23, "T17 Organization 'Nord'", False, "span [189, 193) 'Nord' is off token boundaries"),
    (25, "R2 Employment", False, "unknown tail mention 'T17'"),
    (26, "T19 Misc 'hired'", False, "entity type 'Misc' is not mapped"),
    (29, "#1", False, "normalisations and notes are not imported"),
]


def test_a_document_with_blank_lines_crlf_and_no_break_spaces(
    tmp_path: Path, mapping: BratMapping
) -> None:
    annotation, findings = imported(write_brat_folder(tmp_path / "in"), mapping)["a"]
    assert mention_rows(annotation) == MENTIONS_A
    assert [(e.id, e.name) for e in annotation.entities] == [
        ("e1", "Synthetic Daily"),
        ("e2", "Monday"),
        ("e3", "Alda Vinter"),
        ("e4", "Boris Kell"),
        ("e5", "Port Elm"),
        ("e6", "Kell's office"),
        ("e7", "Friday"),
    ]
    assert [(r.id, r.type, r.head, r.tail) for r in annotation.relations] == [
        ("r1", "MEETS", "m3", "m4")
    ]
    assert claim_rows(annotation) == [
        ("c1", (40, 78), (16, 24), ("m1",), "ASSERT", "INDIRECT"),
        ("c2", (92, 120), (87, 91), ("m6",), "ASSERT", "MIXED"),
    ]
    assert TEXT_A[92:120] == "the talks were \u201cvery useful\u201d"
    assert finding_rows(findings) == FINDINGS_A
    assert all(str(f).startswith(f"{tmp_path / 'in' / 'a.ann'}:") for f in findings)


def test_a_discontinuous_span_becomes_its_hull_when_asked(
    tmp_path: Path, mapping: BratMapping
) -> None:
    annotation, findings = imported(write_brat_folder(tmp_path / "in"), mapping, hull=True)["a"]
    assert mention_rows(annotation) == MENTIONS_A
    assert claim_rows(annotation)[2] == ("c3", (122, 187), (146, 152), ("m7",), "DENY", "INDIRECT")
    assert TEXT_A[122:187] == "The deal, Kell's office denied, was signed in ST. LOUIS on Friday"
    assert finding_rows(findings)[0] == (
        18,
        "T14 Content",
        True,
        "discontinuous span 129 137;161 194 taken as its hull",
    )
    assert finding_rows(findings)[1:] == FINDINGS_A[1:]


def test_a_byte_order_mark_a_composed_character_and_a_span_split_at_a_break(
    tmp_path: Path, mapping: BratMapping
) -> None:
    annotation, findings = imported(write_brat_folder(tmp_path / "in"), mapping)["b"]
    assert mention_rows(annotation) == [
        ("m1", 0, 9, "Caf\u00e9 Nord", "ORG", "NAM", "e1"),
        ("m2", 41, 47, "Vinter", "PERSON", "NAM", "e2"),
    ]
    # the content's fragments 1 22;26 44 hold only a blank line between them: one span
    assert claim_rows(annotation) == [("c1", (0, 39), (48, 53), ("m2",), "ASSERT", "INDIRECT")]
    assert finding_rows(findings) == [
        (
            2,
            "T2 Organization 'Cafe'",
            False,
            "a boundary falls inside a character that NFC normalisation composes",
        ),  # fmt: skip
    ]


def test_offsets_of_another_text_are_reported_never_moved(
    tmp_path: Path, mapping: BratMapping
) -> None:
    folder = tmp_path / "in"
    write_exact(folder / "c.txt", "Alda Vinter spoke.\r\n")
    # offsets one off, as if the .txt had a byte order mark: the text column disagrees
    write_exact(folder / "c.ann", "T1\tPerson 1 12\tAlda Vinter\nT2\tPerson 40 46\tVinter\n")
    annotation, findings = imported(folder, mapping)["c"]
    assert annotation.mentions == ()
    assert finding_rows(findings) == [
        (
            1,
            "T1 Person 'Alda Vinter'",
            False,
            "its text is not the .txt's 'lda Vinter ' at these offsets",
        ),  # fmt: skip
        (2, "T2 Person 'Vinter'", False, "fragment 40 46 is outside the text"),
    ]


def test_what_the_mapping_does_not_name_is_reported(tmp_path: Path, mapping: BratMapping) -> None:
    folder = tmp_path / "in"
    write_exact(folder / "d.txt", "Vinter said Kell left.")
    write_exact(
        folder / "d.ann",
        "T1\tPerson 0 6\tVinter\n"
        "T2\tAttribution 7 11\tsaid\n"
        "T3\tContent 12 21\tKell left\n"
        "T4\tSpeaker 0 6\tVinter\n"
        "E1\tAttribution:T2 Source:T1 Content:T3 Addressee:T1\n"
        "E2\tAttribution:T2 Source:T4 Content:T3\n"
        "E3\tSpeech:T2 Content:T3\n"
        "A1\tQuote E1 Verbatim\n"
        "A2\tConfidence E1 High\n"
        "A3\tNegated T1\n"
        "A4\tQuote E1 Direct\n"
        "A5\tQuote E1 Indirect\n"
        "R1\tMeeting Arg1:E1 Arg2:E2\n",
    )
    annotation, findings = imported(folder, mapping)["d"]
    assert claim_rows(annotation) == [("c1", (12, 21), (7, 11), ("m1",), "ASSERT", "DIRECT")]
    assert finding_rows(findings) == [
        (4, "T4 Speaker 'Vinter'", False, "entity type 'Speaker' is not mapped"),
        (5, "E1 Attribution", True, "role(s) Addressee not mapped, left out"),
        (6, "E2 Attribution", False, "its source T4 has type 'Speaker', not mapped to a mention"),
        (7, "E3 Speech", False, "event type 'Speech' is not mapped"),
        (8, "A1 Quote E1 Verbatim", False, "value 'Verbatim' of Quote is not mapped"),
        (9, "A2 Confidence E1 High", False, "attribute 'Confidence' is not mapped"),
        (
            10,
            "A3 Negated T1",
            False,
            "Negated sets claim.stance, but T1 is not a claim (an event of a mapped type)",
        ),  # fmt: skip
        (12, "A5 Quote E1 Indirect", False, "E1 already has quote DIRECT from an earlier line"),
        (13, "R1 Meeting", False, "MEETS is between text-bounds (T)"),
    ]


def test_claimwire_vocabulary_needs_no_mapping_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_exact(folder / "e.txt", "Vinter said Kell left.")
    write_exact(
        folder / "e.ann",
        "T1\tPERSON 0 6\tVinter\nT2\tPERSON 12 16\tKell\nT3\tClaim 12 21\tKell left\n"
        "T4\tCue 7 11\tsaid\nE1\tClaim:T3 Source:T1 Cue:T4\nA1\tKind E1 FACT\n",
    )
    annotation, findings = imported(folder, CLAIMWIRE)["e"]
    assert mention_rows(annotation) == [
        ("m1", 0, 6, "Vinter", "PERSON", "NAM", "e1"),
        ("m2", 12, 16, "Kell", "PERSON", "NAM", "e2"),
    ]
    assert claim_rows(annotation) == [("c1", (12, 21), (7, 11), ("m1",), "ASSERT", "INDIRECT")]
    assert findings == []


def test_a_file_without_its_partner_is_an_error(tmp_path: Path) -> None:
    folder = write_brat_folder(tmp_path / "in")
    (folder / "b.ann").unlink()
    with pytest.raises(CorpusError, match=r"b\.txt: no b\.ann beside it"):
        brat_pairs(folder)
    with pytest.raises(CorpusError, match="no .txt/.ann pairs"):
        brat_pairs(tmp_path)
    with pytest.raises(CorpusError, match="no such folder"):
        brat_pairs(tmp_path / "missing")
