"""Adjudication of a SYNTHETIC document annotated twice (fixtures of test_agreement)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotation.__main__ import build_parser
from annotation.adjudicate import agreed, write_gold
from corpus import cli
from corpus.canonical import canonical
from corpus.schema import Mention
from corpus.store import CorpusError, load_annotation
from tests.annotation.test_agreement import (
    DOC_ID,
    TEXT,
    first_annotator,
    second_annotator,
    store,  # noqa: F401  (a fixture)
)

NAMES = ("annotator-1", "annotator-2")


def surfaces(mentions: tuple[Mention, ...]) -> list[str]:
    return [TEXT[m.start : m.end] for m in mentions]


def test_agreed_keeps_exactly_the_shared_items():
    result = agreed(first_annotator(), second_annotator(), NAMES, TEXT)
    gold = result.annotation
    assert surfaces(gold.mentions) == ["Kim", "Seoul", "Lee", "Park", "he"]  # not Kursk
    # "Park" and "he" are one entity for annotator-1 only: they stay apart.
    assert [m.entity for m in gold.mentions] == ["e1", "e2", "e3", "e4", "e5"]
    assert [e.name for e in gold.entities] == ["Kim", "Seoul", "Lee", "Park", "he"]
    assert gold.relations == ()  # its tail, Kursk, is not agreed
    assert [TEXT[c.content.start : c.content.end] for c in gold.claims] == [
        "Seoul sent troops to Kursk",
        "the report",
        "talks may resume",
    ]  # not c4 (certainty differs)
    assert [c.sources for c in gold.claims] == [("m1",), ("m3",), ("m4",)]
    assert [(k.type, k.source, k.target) for k in gold.claim_links] == [("CONTRADICTS", "c2", "c1")]


def test_agreed_lists_every_other_item_once():
    review = agreed(first_annotator(), second_annotator(), NAMES, TEXT).review
    assert [line.split(":")[0] for line in review] == [
        "annotator-1 mention m3",
        "annotator-2 mention m3",
        "annotator-1 entity e5",
        "annotator-1 relation r1",
        "annotator-2 relation r1",
        "annotator-1 claim c4",
        "annotator-2 claim c4",
        "annotator-2 claim link l2",
    ]
    assert "annotator-2 has m3 LOC NAM" in review[0]
    assert "certainty POSSIBLE/CERTAIN" in review[5]


def test_agreed_of_a_file_with_itself_is_the_file():
    first = first_annotator()
    result = agreed(first, first, NAMES, TEXT)
    assert result.review == []
    assert result.annotation == canonical(first)


def run(*argv: str) -> int:
    return cli.run(build_parser(), list(argv))


def test_the_command_writes_the_agreed_gold_and_refuses_to_overwrite(store, capsys):  # noqa: F811
    args = ("adjudicate", DOC_ID, "--corpus", str(store.root), "--agreed", *NAMES)
    assert run(*args) == 0
    out = capsys.readouterr().out
    assert "annotator-2 claim link l2" in out
    gold = load_annotation(store.gold_path(DOC_ID))
    assert len(gold.mentions) == 5
    before = store.gold_path(DOC_ID).read_text()

    assert run("adjudicate", DOC_ID, "--corpus", str(store.root), "--base", "annotator-2") == 1
    assert "pass --force" in capsys.readouterr().err
    assert store.gold_path(DOC_ID).read_text() == before

    base = ("adjudicate", DOC_ID, "--corpus", str(store.root), "--base", "annotator-2", "--force")
    assert run(*base) == 0
    assert load_annotation(store.gold_path(DOC_ID)) == second_annotator()


def test_an_invalid_result_is_not_written(store):  # noqa: F811
    first = first_annotator()
    broken = replace(first, mentions=(*first.mentions, replace(first.mentions[0], id="m7")))
    out = store.gold_path(DOC_ID)
    with pytest.raises(CorpusError, match="mention m7: NAM mention overlaps NAM mention m1"):
        write_gold(store, broken, out, force=False)
    assert not out.exists()
    assert not list(store.root.rglob(".*.tmp"))


def test_an_invalid_annotator_file_is_refused(store, capsys):  # noqa: F811
    path = store.annotation_path("annotator-2", DOC_ID)
    second = second_annotator()
    store.save_annotation(replace(second, text_sha256="0" * 64), path)
    assert run("adjudicate", DOC_ID, "--corpus", str(store.root), "--base", "annotator-2") == 1
    assert "does not match the article text" in capsys.readouterr().err
    assert not store.gold_path(DOC_ID).exists()


def test_a_claim_whose_parent_is_not_agreed_is_not_agreed():
    def with_c3_certainty(annotation, certainty: str):
        c1, c2, c3, c4 = annotation.claims
        return replace(annotation, claims=(c1, c2, replace(c3, certainty=certainty), c4))

    first = first_annotator()
    nested = replace(first, claims=(*first.claims[:3], replace(first.claims[3], parent="c3")))
    result = agreed(
        with_c3_certainty(nested, "POSSIBLE"), with_c3_certainty(nested, "CERTAIN"), NAMES, TEXT
    )
    assert [c.id for c in result.annotation.claims] == ["c1", "c2"]
    assert [line.split(":")[0] for line in result.review] == [
        "annotator-1 claim c3",
        "annotator-1 claim c4",
        "annotator-2 claim c3",
        "annotator-2 claim c4",
    ]
    assert result.review[1].endswith("annotator-2 differs: c4: a source or the parent")
