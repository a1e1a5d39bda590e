"""The brat standoff format: records read and written, bad lines named (SYNTHETIC lines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.formats.standoff import (
    Attribute,
    Comment,
    Equivalence,
    Event,
    Relation,
    TextBound,
    read_standoff,
)
from corpus.store import CorpusError

ANN = Path("doc.ann")


def test_every_kind_of_line_is_read_with_its_line_number() -> None:
    text = (
        "T1\tPerson 0 8\tJohn Doe\r\n"
        "\r\n"
        "T2\tSource 10 20;25 30\tthe man who\n"
        "R1\tEmployment Arg1:T1 Arg2:T2\n"
        "E1\tAttribution:T3 Source:T1 Source2:T2 Content:T4\n"
        "A1\tNegated E1\n"
        "M2\tPolarity E1 Negative\n"
        "*\tEquiv T1 T2 T5\n"
        "N1\tReference T1 Wikidata:Q42\tDoe\n"
        "#1\tAnnotatorNotes T1\ta note\n"
    )
    standoff = read_standoff(ANN, text)
    assert standoff.text_bounds == {
        "T1": TextBound("T1", "Person", ((0, 8),), "John Doe", 1),
        "T2": TextBound("T2", "Source", ((10, 20), (25, 30)), "the man who", 3),
    }
    assert standoff.relations == [Relation("R1", "Employment", (("Arg1", "T1"), ("Arg2", "T2")), 4)]
    assert standoff.events == {
        "E1": Event(
            "E1", "Attribution", "T3", (("Source", "T1"), ("Source2", "T2"), ("Content", "T4")), 5
        )
    }
    assert standoff.attributes == [
        Attribute("A1", "Negated", "E1", None, 6),
        Attribute("M2", "Polarity", "E1", "Negative", 7),
    ]
    assert standoff.equivalences == [Equivalence("Equiv", ("T1", "T2", "T5"), 8)]
    assert standoff.comments == [
        Comment("N1", "Reference T1 Wikidata:Q42\tDoe", 9),
        Comment("#1", "AnnotatorNotes T1\ta note", 10),
    ]


def test_records_are_written_as_brat_reads_them() -> None:
    text = (
        "T1\tPerson 0 8\tJohn Doe\n"
        "T2\tSource 10 20;25 30\tthe man who\n"
        "R1\tEmployment Arg1:T1 Arg2:T2\n"
        "E1\tAttribution:T2 Source:T1\n"
        "E2\tAttribution:T2\n"
        "A1\tNegated E1\n"
        "A2\tPolarity E1 Negative\n"
        "*\tEquiv T1 T2\n"
    )
    standoff = read_standoff(ANN, text)
    assert standoff.to_text() == text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("T1\tPerson 0 x\tJohn", "doc.ann:2: T1: expected 'TYPE START END"),
        ("T1\tPerson 8 0\tJohn", "doc.ann:2: T1: fragment 8 0 ends before it starts"),
        ("T1\tPerson 0 4", "doc.ann:2: T1: expected 'TYPE START END"),
        ("R1\tEmployment Arg1:T1", "doc.ann:2: R1: expected 2 arguments, got 1"),
        ("R1\tEmployment Arg1 T1 T2", "doc.ann:2: R1: argument 'Arg1' is not ROLE:ID"),
        ("E1\tAttribution Source:T1", "doc.ann:2: E1: expected 'TYPE:TRIGGER ROLE:ID …'"),
        ("A1\tNegated", "doc.ann:2: A1: expected 'NAME TARGET [VALUE]'"),
        ("*\tEquiv T1", "doc.ann:2: *: expected 'TYPE ID ID …'"),
        ("X1\tWhat 0 1", "doc.ann:2: X1: not a brat standoff line"),
        ("T0\tPerson 0 4\tJohn", "doc.ann:2: T0: id used by an earlier line"),
    ],
)
def test_a_bad_line_is_one_error_naming_file_line_and_record(line: str, message: str) -> None:
    with pytest.raises(CorpusError) as error:
        read_standoff(ANN, f"T0\tPerson 0 4\tJohn\n{line}\n")
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)
