"""Recorded answers for the SYNTHETIC document of ``tests/baselines/conftest.py`` (invented
text, not news), one per paragraph, with flaws models show: a number quoted as it is not in
the article, an unknown label, and an answer cut short."""

from __future__ import annotations

from tests.baselines.llm.chat_server import Recorded, answer

FIRST = "Maria Lopez, secretary of the Finance Ministry"  # in the first paragraph only
SECOND = "We are ready"  # in the second paragraph only


def _mention(id_: str, text: str, type_: str, entity: str | None = None) -> dict:
    return {
        "id": id_,
        "text": text,
        "context": None,
        "type": type_,
        "kind": "NAM",
        "entity": entity,
    }


def _claim(id_: str, content: str, cue: str, sources: list[str], **attributes: str) -> dict:
    return {
        "id": id_,
        "content": {"text": content, "context": None},
        "cue": {"text": cue, "context": None},
        "sources": sources,
        "parent": None,
        "stance": "ASSERT",
        "certainty": "CERTAIN",
        "kind": "FACT",
        "quote": "INDIRECT",
    } | attributes


FIRST_ANSWER = answer(
    mentions=[
        _mention("m1", "Maria Lopez", "PERSON", "Maria Lopez"),
        _mention("m2", "secretary", "ROLE"),
        _mention("m3", "Finance Ministry", "ORG"),
        _mention("m4", "Monday", "DATE"),
        _mention("m5", "Canada", "GPE"),
        _mention("m6", "2,000", "QUANTITY"),  # not in the article: "two thousand"
        _mention("m7", "Peru", "COUNTRY"),  # not a type
    ],
    relations=[
        {"type": "HAS_ROLE", "head": "m1", "tail": "m2"},
        {"type": "MEMBER_OF", "head": "m1", "tail": "m3"},
        {"type": "DEPLOYS_TO", "head": "m5", "tail": "m7"},  # m7 was dropped
    ],
    claims=[
        _claim(
            "c1",
            "Canada will send two thousand engineers to Peru",
            "said",
            ["m1"],
            kind="INTENTION",
        ),
    ],
)
SECOND_ANSWER = answer(
    mentions=[_mention("m1", "Lopez", "PERSON", "Maria Lopez")],
    claims=[_claim("c1", "We are ready", "said", ["m1"], quote="DIRECT")],
)
MALFORMED = Recorded('{"mentions": [{"id": "m1", "text": "Lopez"')  # cut short
