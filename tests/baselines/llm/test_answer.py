"""The answer format: answers read from a model, and gold written as an answer."""

from __future__ import annotations

import jsonschema
import pytest

from baselines.llm.answer import UnparseableAnswer, answer_of, parse_answer
from baselines.llm.prompt import answer_schema
from corpus.locate import matches
from corpus.schema import Annotation, Article
from corpus.store import CorpusStore
from tests.conftest import REPO


def test_an_answer_is_a_json_object_maybe_in_a_code_fence() -> None:
    assert parse_answer('{"mentions": []}') == {"mentions": []}
    assert parse_answer('```json\n{"mentions": []}\n```\n') == {"mentions": []}
    assert parse_answer('```\n{"claims": []}\n```') == {"claims": []}
    thought = '<think>\nThe passage names "Ana" twice.\n</think>\n\n```json\n{"mentions": []}\n```'
    assert parse_answer(thought) == {"mentions": []}


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("", "empty answer"),
        ("   \n", "empty answer"),
        ("<think>too long to finish", "not JSON"),
        ("<think>done</think>", "empty answer"),
        ('{"mentions": [', "not JSON: Expecting value: line 1 column 15"),
        ("Sure! Here are the mentions: ...", "not JSON: Expecting value"),
        ("[1, 2]", "a JSON list, not an object"),
        ('"mentions"', "a JSON str, not an object"),
    ],
)
def test_what_is_not_a_json_object_is_unparseable(content: str, why: str) -> None:
    with pytest.raises(UnparseableAnswer, match=f"^{why}"):
        parse_answer(content)


def train_documents() -> list[tuple[Annotation, Article]]:
    gold, articles = CorpusStore(REPO / "corpus").gold_documents("train")
    return list(zip(gold, articles, strict=True))


def test_gold_as_an_answer_follows_the_answer_schema_and_quotes_each_span_once() -> None:
    for annotation, article in train_documents()[:10]:
        answer = answer_of(annotation, article.text, 0, len(article.text))
        jsonschema.validate(answer, answer_schema())
        spans = [*answer["mentions"], *(c["content"] for c in answer["claims"])]
        spans += [c["cue"] for c in answer["claims"] if c["cue"]]
        for span in spans:  # once in the text, or once in a context that occurs once
            text, context = span["text"], span["context"]
            if context is None:
                assert len(matches(article.text, text)) == 1
            else:
                [region] = matches(article.text, context)
                assert len(matches(article.text, text, region.start, region.end)) == 1


def test_gold_of_a_passage_keeps_what_lies_in_it() -> None:
    annotation, article = next(
        (a, t) for a, t in train_documents() if any(c.parent for c in a.claims)
    )
    child = next(c for c in annotation.claims if c.parent)
    start, end = child.content.start, child.content.end  # the outer claim is cut off
    answer = answer_of(annotation, article.text, start, end)
    [placed] = [c for c in answer["claims"] if c["id"] == child.id]
    assert placed["parent"] is None and placed["cue"] is None and placed["sources"] == []
    assert all(
        start <= m.start and m.end <= end
        for m in annotation.mentions
        if m.id in {a["id"] for a in answer["mentions"]}
    )


def test_entities_of_several_mentions_are_named_and_told_apart() -> None:
    # SYNTHETIC test text: not a news article.
    text = "Kim met Kim. Kim said Kim left."
    mentions = [
        {
            "id": f"m{i}",
            "start": text.index("Kim", 4 * i if i else 0),
            "type": "PERSON",
            "kind": "NAM",
            "entity": entity,
        }
        for i, entity in enumerate(["e1", "e2", "e1", "e2"])
    ]
    starts = [match for match in range(len(text)) if text.startswith("Kim", match)]
    data = {
        "doc_id": "kim",
        "mentions": [m | {"start": s, "end": s + 3} for m, s in zip(mentions, starts, strict=True)],
        "entities": [{"id": "e1", "name": "Kim"}, {"id": "e2", "name": "Kim"}],
    }
    answer = answer_of(Annotation.from_dict(data), text, 0, len(text))
    assert [m["entity"] for m in answer["mentions"]] == ["Kim", "Kim #2", "Kim", "Kim #2"]
    single = answer_of(Annotation.from_dict(data), text, 0, text.index(". ") + 1)
    assert [m["entity"] for m in single["mentions"]] == [None, None]  # one mention each
