"""claimwire -> brat standoff, and the round trips through it.

Round trip 1, brat -> import -> export: for a brat document in claimwire's vocabulary (what
``export --format brat`` writes) whose text is in normal form and whose items all place, the
export's ``.txt`` is the same file and its ``.ann`` holds the same records up to ids and line
order: each record compared with every id in it replaced by the record it names (recursively),
an ``Equiv`` as a set. Round trip 2, claimwire -> export -> import: every gold file of the
repo's corpus comes back equal (its ``guidelines`` version aside, which brat cannot hold).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from corpus import cli
from corpus.__main__ import build_parser
from corpus.export import export_to_format
from corpus.formats.brat_export import annotation_conf, fragments, write_brat
from corpus.formats.standoff import Event, Standoff, TextBound, read_standoff
from corpus.store import REPO_CORPUS, CorpusStore
from tests.corpus.formats.synthetic import write_exact

# SYNTHETIC, in claimwire's vocabulary: ids out of order, a nested claim, a claim link, two
# sources, a claim without a cue, a content across a paragraph break (two fragments), a PRO.
TEXT = (
    "Synthetic Wire cited Alda Vinter as saying that Port Elm and Nordland will sign the pact.\n"
    "Nordland and its ally Ostia denied it.\n"
    "\u201cIt is settled.\n"
    "We sign on Friday,\u201d Vinter wrote.\n"
    "\u201cWe are ready.\u201d\n"
    "She left."
)
ATTRIBUTES = {
    "E2": ("ASSERT", "CERTAIN", "PREDICTION", "INDIRECT"),
    "E1": ("ASSERT", "CERTAIN", "PREDICTION", "INDIRECT"),
    "E3": ("DENY", "CERTAIN", "FACT", "INDIRECT"),
    "E4": ("ASSERT", "CERTAIN", "INTENTION", "DIRECT"),
    "E5": ("ASSERT", "CERTAIN", "FACT", "DIRECT"),
}
ANN = (
    "T9\tORG 0 14\tSynthetic Wire\n"
    "T2\tPERSON 21 32\tAlda Vinter\n"
    "T3\tGPE 48 56\tPort Elm\n"
    "T4\tGPE 61 69\tNordland\n"
    "T5\tGPE 90 98\tNordland\n"
    "T6\tGPE 112 117\tOstia\n"
    "T7\tDATE 156 162\tFriday\n"
    "T8\tPERSON 165 171\tVinter\n"
    "T1\tPERSON 195 198\tShe\n"
    "A30\tMentionKind T1 PRO\n"
    "*\tEquiv T2 T8 T1\n"
    "*\tEquiv T4 T5\n"
    "R3\tALLIED_WITH Arg1:T5 Arg2:T6\n"
    "T10\tClaim 48 88\tPort Elm and Nordland will sign the pact\n"
    "T11\tCue 15 20\tcited\n"
    "T12\tCue 33 42\tas saying\n"
    "E2\tClaim:T10 Source:T9 Cue:T11\n"
    "E1\tClaim:T10 Source:T2 Cue:T12 Parent:E2\n"
    "T13\tClaim 125 127\tit\n"
    "T14\tCue 118 124\tdenied\n"
    "E3\tClaim:T13 Source:T5 Source2:T6 Cue:T14\n"
    "R1\tCONTRADICTS Arg1:E3 Arg2:E2\n"
    "T15\tClaim 130 144;145 162\tIt is settled. We sign on Friday\n"
    "T16\tCue 172 177\twrote\n"
    "E4\tClaim:T15 Source:T8 Cue:T16\n"
    "T17\tClaim 180 192\tWe are ready\n"
    "E5\tClaim:T17 Source:T8\n"
) + "".join(
    f"A{index * 4 + n}\t{name} {event} {value}\n"
    for index, (event, values) in enumerate(ATTRIBUTES.items())
    for n, (name, value) in enumerate(
        zip(("Stance", "Certainty", "Kind", "Quote"), values, strict=True)
    )
)


def resolved(standoff: Standoff) -> Counter:
    """Each record with the ids in it replaced by what they name: a record up to ids."""

    def resolve(record_id: str) -> tuple:
        if record_id in standoff.text_bounds:
            bound: TextBound = standoff.text_bounds[record_id]
            return ("T", bound.type, bound.fragments, bound.text)
        event: Event = standoff.events[record_id]
        arguments = tuple(sorted((role, resolve(target)) for role, target in event.arguments))
        return ("E", event.type, resolve(event.trigger), arguments)

    records = [resolve(record_id) for record_id in (*standoff.text_bounds, *standoff.events)]
    records += [
        ("R", r.type, tuple((role, resolve(target)) for role, target in r.arguments))
        for r in standoff.relations
    ]
    records += [("A", a.name, resolve(a.target), a.value) for a in standoff.attributes]
    records += [
        ("*", e.type, frozenset(resolve(member) for member in e.members))
        for e in standoff.equivalences
    ]
    return Counter(records)


def test_brat_import_export_round_trip(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_exact(folder / "cw.txt", TEXT)
    write_exact(folder / "cw.ann", ANN)
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    argv = ["import", "brat", str(folder), "--split", "test", "--corpus", str(corpus)]
    assert cli.run(build_parser(), [*argv, "--log", str(tmp_path / "import.log")]) == 0
    assert not (tmp_path / "import.log").exists()  # every item placed
    argv = ["export", "--format", "brat", "--out", str(out), "--corpus", str(corpus)]
    assert cli.run(build_parser(), argv) == 0
    assert (out / "test" / "cw.txt").read_text(encoding="utf-8") == TEXT
    exported = (out / "test" / "cw.ann").read_text(encoding="utf-8")
    assert resolved(read_standoff(out / "cw.ann", exported)) == resolved(read_standoff(folder, ANN))
    assert exported.splitlines()[:2] == [
        "T1\tORG 0 14\tSynthetic Wire",
        "T2\tPERSON 21 32\tAlda Vinter",
    ]


def test_the_round_trip_compares_more_than_ids() -> None:
    changed = ANN.replace("A11\tQuote E3 INDIRECT", "A11\tQuote E3 DIRECT")
    assert changed != ANN
    assert resolved(read_standoff(Path("x"), changed)) != resolved(read_standoff(Path("x"), ANN))


def test_every_gold_file_of_the_repo_comes_back_from_brat(tmp_path: Path) -> None:
    store = CorpusStore(REPO_CORPUS)
    counts, left_out = export_to_format(store, tmp_path / "brat", write_brat)
    assert left_out == [] and sum(counts.values()) == len(store.gold_paths())
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for split in counts:
        argv = ["import", "brat", str(tmp_path / "brat" / split), "--split", split]
        assert cli.run(build_parser(), [*argv, "--corpus", str(corpus)]) == 0
    back = {annotation.doc_id: annotation for annotation in CorpusStore(corpus).gold()}
    for gold in store.gold():
        assert back[gold.doc_id] == replace(gold, guidelines=None)


def test_a_span_over_a_line_break_is_written_as_brat_writes_it() -> None:
    text = "One two\nthree\n\nfour"
    assert fragments(text, 4, 13) == ((4, 7), (8, 13))
    assert fragments(text, 0, 3) == ((0, 3),)
    assert fragments(text, 8, 19) == ((8, 13), (15, 19))


def test_annotation_conf_comes_from_the_schema() -> None:
    conf = annotation_conf()
    assert "\nHAS_ROLE\tArg1:PERSON, Arg2:ROLE\n" in conf
    assert "\nCONTRADICTS\tArg1:Claim, Arg2:Claim\n" in conf
    assert "\nClaim\tSource*:<ENTITY>, Cue?:Cue, Parent?:Claim\n" in conf
    assert "\nKind\tArg:Claim, Value:FACT|PREDICTION|INTENTION|OPINION\n" in conf
    assert "\nMentionKind\tArg:<ENTITY>, Value:NAM|NOM|PRO\n" in conf
