"""Quoted annotation files: spans located by their text, placed exactly or refused with reasons.

The article is a synthetic test fixture (constructed sentences), not news.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotation.__main__ import build_parser
from annotation.guidelines import guidelines_version
from annotation.quoted import QuotedError, place, quote
from corpus import cli
from corpus.schema import Article
from corpus.store import CorpusStore, load_annotation, write_json
from corpus.text import derive_doc_id

TEXT = (
    "Mayor Ana Reyes said the bridge would reopen in May.\n"
    "She told reporters the repairs cost $2 million, but the council denied that the work "
    "was late. The other bridge stays shut, the mayor said."
)
DOC_ID = derive_doc_id(TEXT)
ARTICLE = Article(DOC_ID, TEXT)


def quoted() -> dict:
    return {
        "doc_id": DOC_ID,
        "guidelines": "9.9",
        "mentions": [
            {"text": "Mayor", "type": "ROLE", "kind": "NAM"},
            {"id": "reyes", "text": "Ana Reyes", "type": "PERSON", "kind": "NAM", "entity": "R"},
            {"id": "she", "text": "She", "type": "PERSON", "kind": "PRO", "entity": "R"},
            {"text": "May", "type": "DATE", "kind": "NAM"},
            {"text": "$2 million", "type": "QUANTITY", "kind": "NAM"},
            {"id": "council", "text": "council", "type": "ORG", "kind": "NOM"},
            {"id": "mayor2", "text": "mayor", "type": "PERSON", "kind": "NOM", "entity": "R"},
        ],
        "relations": [],
        "claims": [
            {
                "id": "reopen",
                "content": "the bridge would reopen in May",
                "cue": {"text": "said", "n": 1},
                "sources": ["reyes"],
                "parent": None,
                "stance": "ASSERT",
                "certainty": "CERTAIN",
                "kind": "PREDICTION",
                "quote": "INDIRECT",
            },
            {
                "id": "late",
                "content": "the work was late",
                "cue": {"text": "denied", "context": "council denied that"},
                "sources": ["council"],
                "parent": None,
                "stance": "DENY",
                "certainty": "CERTAIN",
                "kind": "FACT",
                "quote": "INDIRECT",
            },
        ],
        "claim_links": [],
    }


def test_place_gives_offsets_entities_and_ids_in_text_order() -> None:
    annotation = place(quoted(), ARTICLE, "q.json")
    surfaces = [(m.id, m.text, m.entity) for m in annotation.mentions]
    assert surfaces == [
        ("m1", "Mayor", "e1"),
        ("m2", "Ana Reyes", "e2"),
        ("m3", "May", "e3"),
        ("m4", "She", "e2"),
        ("m5", "$2 million", "e4"),
        ("m6", "council", "e5"),
        ("m7", "mayor", "e2"),
    ]
    assert [e.name for e in annotation.entities] == ["Mayor", "Ana Reyes", "May", "$2 million",
                                                     "council"]  # fmt: skip
    first, second = annotation.claims
    assert (first.id, first.sources, first.kind) == ("c1", ("m2",), "PREDICTION")
    assert TEXT[first.cue.start : first.cue.end] == "said" and first.cue.start < 30
    assert (second.id, second.sources, second.stance) == ("c2", ("m6",), "DENY")
    assert annotation.text_sha256 and annotation.guidelines == "9.9"


def test_quote_is_the_inverse_of_place() -> None:
    annotation = place(quoted(), ARTICLE, "q.json")
    assert place(quote(annotation, ARTICLE), ARTICLE, "again") == annotation


def test_every_problem_is_listed_with_its_item() -> None:
    data = quoted()
    data["mentions"][1]["type"] = "PERSN"
    data["mentions"][2]["text"] = "Shee"
    data["claims"][0]["cue"] = "said"
    data["claims"][1]["sources"] = ["counsel"]
    del data["claims"][1]["kind"]
    data["claim_links"] = [{"type": "SUPPORTS", "from": "late", "to": "nothing"}]
    with pytest.raises(QuotedError) as raised:
        place(data, ARTICLE, "q.json")
    assert str(raised.value).splitlines() == [
        "q.json: mention reyes: type 'PERSN' is not one of "
        + ", ".join(
            [
                "PERSON",
                "ORG",
                "GPE",
                "LOC",
                "FAC",
                "NORP",
                "EVENT",
                "LAW",
                "WEAPON",
                "ROLE",
                "DATE",
                "QUANTITY",
            ]  # fmt: skip
        ),
        "q.json: mention she: 'Shee' is not in the text (as whole words)",
        "q.json: claim reopen cue: 'said' occurs 2 times: give 'n' (1-2)",
        "q.json: claim late: unknown source 'counsel'",
        "q.json: claim late: kind None is not one of FACT, PREDICTION, INTENTION, OPINION",
        "q.json: claim link #1: unknown claim 'nothing'",
    ]


def test_structural_problems_name_the_annotators_own_ids() -> None:
    data = quoted()
    data["mentions"].append({"text": "Reyes", "type": "PERSON", "kind": "NAM"})  # in a name
    data["claims"][0]["parent"] = "late"
    data["claims"][1]["parent"] = "reopen"
    with pytest.raises(QuotedError) as raised:
        place(data, ARTICLE, "q.json")
    message = str(raised.value)
    assert "NAM mention overlaps NAM mention reyes" in message
    assert "claim reopen: parents form a cycle: reopen -> late -> reopen" in message


def test_the_guidelines_state_their_version() -> None:
    assert guidelines_version()[0].isdigit()


def test_place_command_writes_nothing_unless_every_file_places(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path / "corpus")
    store.save_article(ARTICLE)
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(quoted()), encoding="utf-8")
    broken = quoted()
    broken["mentions"][0]["kind"] = "NAME"
    write_json(bad, broken)
    corpus_option = ["--corpus", str(store.root)]
    place_args = ["place", str(good), str(bad), "--annotator", "ann", *corpus_option]
    assert cli.run(build_parser(), place_args) == 1
    assert not store.annotation_path("ann", DOC_ID).exists()
    assert cli.run(build_parser(), ["place", str(good), "--annotator", "ann", *corpus_option]) == 0
    written = load_annotation(store.annotation_path("ann", DOC_ID))
    assert written == place(quoted(), ARTICLE, "x")
    assert cli.run(build_parser(), ["place", str(good), "--annotator", "ann", *corpus_option]) == 1
