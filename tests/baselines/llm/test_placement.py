"""Answers placed on the text: quoted spans found, drops counted, the result always valid."""

from __future__ import annotations

import random
from typing import Any

from baselines.llm.answer import answer_of
from baselines.llm.placement import Placement
from baselines.llm.validity import Drop
from corpus.schema import Annotation, Article
from corpus.store import CorpusStore
from corpus.validate import check_annotation
from tests.conftest import REPO

# SYNTHETIC test text: not a news article.
TEXT = (
    "Mayor Ana Reyes said the bridge would reopen in May.\n"
    "She told reporters the “repairs” cost $2 million, but the council denied that the work "
    "was late. The other bridge stays shut, the mayor said."
)
ARTICLE = Article("synthetic", TEXT)


def mention(text: str, type_: str = "PERSON", **rest: Any) -> dict[str, Any]:
    return {"text": text, "context": None, "type": type_, "kind": "NAM", "entity": None} | rest


def claim(content: Any, cue: Any = None, **rest: Any) -> dict[str, Any]:
    attributes = {"stance": "ASSERT", "certainty": "CERTAIN", "kind": "FACT", "quote": "INDIRECT"}
    return {"content": content, "cue": cue, "sources": [], "parent": None} | attributes | rest


def placed(
    answer: dict[str, Any], passage: tuple[int, int] = (0, len(TEXT))
) -> tuple[Annotation, list[Drop]]:
    placement = Placement(ARTICLE)
    drops = placement.add(answer, *passage)
    annotation, rejected = placement.build()
    assert check_annotation(annotation, ARTICLE, "test") == []
    return annotation, drops + rejected


def surfaces(annotation: Annotation) -> list[str]:
    return [TEXT[m.start : m.end] for m in annotation.mentions]


def keys(drops: list[Drop]) -> list[str]:
    return [drop.key for drop in drops]


def test_a_span_that_is_not_in_the_passage_is_dropped_and_counted() -> None:
    answer = {"mentions": [mention("Ana Reyes"), mention("Ana Rayes"), mention("Ottawa", "GPE")]}
    annotation, drops = placed(answer)
    assert surfaces(annotation) == ["Ana Reyes"]
    assert [str(drop) for drop in drops] == [
        "mentions: not in the passage: 'Ana Rayes'",
        "mentions: not in the passage: 'Ottawa'",
    ]
    second_paragraph = (TEXT.index("She"), len(TEXT))
    annotation, drops = placed(answer, second_paragraph)  # only within the passage
    assert surfaces(annotation) == [] and len(drops) == 3


def test_a_repeated_name_takes_the_next_occurrence_or_its_context() -> None:
    the = [mention("bridge", "FAC"), mention("bridge", "FAC")]
    annotation, _ = placed({"mentions": the})
    assert [m.start for m in annotation.mentions] == [TEXT.index("bridge"), TEXT.rindex("bridge")]
    hinted = mention("bridge", "FAC", context="other bridge stays")
    annotation, drops = placed({"mentions": [hinted]})
    assert [m.start for m in annotation.mentions] == [TEXT.rindex("bridge")] and drops == []
    wrong = mention("bridge", "FAC", context="the old bridge")
    annotation, drops = placed({"mentions": [wrong]})
    assert [m.start for m in annotation.mentions] == [TEXT.index("bridge")]
    assert keys(drops) == ["mentions: context not in the passage (hint unused)"]


def test_a_cue_is_the_occurrence_nearest_its_content() -> None:
    answer = {"claims": [claim("The other bridge stays shut", "said")]}
    [found] = placed(answer)[0].claims
    assert (found.cue.start, found.cue.end) == (TEXT.rindex("said"), TEXT.rindex("said") + 4)


def test_quotation_marks_and_whitespace_may_differ() -> None:
    content = 'the  "repairs" cost $2 million'
    [found] = placed({"claims": [claim(content, "told")]})[0].claims
    assert TEXT[found.content.start : found.content.end] == "the “repairs” cost $2 million"


def test_references_name_items_of_the_same_answer() -> None:
    answer = {
        "mentions": [
            mention("Ana Reyes", id="reyes", entity="Reyes"),
            mention("She", kind="PRO", id="she", entity="Reyes"),
            mention("Mayor", "ROLE", id="mayor"),
            mention("council", "ORG", kind="NOM", id="council"),
        ],
        "relations": [
            {"type": "HAS_ROLE", "head": "reyes", "tail": "mayor"},
            {"type": "HAS_ROLE", "head": "reyes", "tail": "governor"},
            {"type": "MEETS", "head": "reyes", "tail": ["she"]},
            {"type": "MEETS", "head": "reyes", "tail": "reyes"},
        ],
        "claims": [
            claim("the bridge would reopen in May", "said", id="c1", sources=["reyes"]),
            claim(
                "the work was late",
                "denied",
                id="c2",
                sources=["council", "nobody"],
                stance="DENY",
                parent="c9",
            ),
        ],
        "claim_links": [
            {"type": "CONTRADICTS", "from": "c2", "to": "c1"},
            {"type": "SUPPORTS", "from": "c2", "to": "c3"},
        ],
    }
    annotation, drops = placed(answer)
    by_id = {m.id: TEXT[m.start : m.end] for m in annotation.mentions}
    assert [(r.type, by_id[r.head], by_id[r.tail]) for r in annotation.relations] == [
        ("HAS_ROLE", "Ana Reyes", "Mayor")
    ]
    reyes, she = (
        next(m for m in annotation.mentions if by_id[m.id] == s) for s in ("Ana Reyes", "She")
    )
    assert reyes.entity == she.entity
    first, second = annotation.claims
    assert [by_id[s] for s in first.sources] == ["Ana Reyes"]
    assert [by_id[s] for s in second.sources] == ["council"] and second.parent is None
    assert [(link.type, link.source, link.target) for link in annotation.claim_links] == [
        ("CONTRADICTS", second.id, first.id)
    ]
    assert sorted(map(str, drops)) == [
        "claim links: unknown id: 'c3'",
        "claim parents: unknown id: 'c9'",
        "claim sources: unknown id: 'nobody'",
        "relations: malformed: 'reyes' to itself",
        "relations: unknown id: 'governor'",
        "relations: unknown id: ['she']",
    ]


def test_ids_may_be_numbers() -> None:
    answer = {
        "mentions": [mention("Ana Reyes", id=1), mention("Mayor", "ROLE", id=2)],
        "relations": [{"type": "HAS_ROLE", "head": 1, "tail": "2"}],
    }
    annotation, drops = placed(answer)
    assert len(annotation.relations) == 1 and drops == []


def test_malformed_items_are_dropped_one_by_one() -> None:
    answer = {
        "mentions": [
            mention("Ana Reyes", "PER"),
            mention("May", "DATE", kind="NAME"),
            {"type": "DATE", "kind": "NAM"},
            "Ana Reyes",
            mention("May", "DATE", entity=3),
            mention("council", "ORG", kind="NOM"),
        ],
        "relations": [{"type": "LIVES_IN", "head": "a", "tail": "b"}],
        "claims": [claim(None), claim({"context": "x"}), claim("the work was late", stance="SURE")],
        "claim_links": {"type": "SUPPORTS"},
    }
    annotation, drops = placed(answer)
    assert surfaces(annotation) == ["council"] and len(annotation.claims) == 1
    assert annotation.claims[0].stance == "ASSERT"
    assert sorted(keys(drops)) == [
        "claim attributes: default used",
        "claim links: malformed",
        "claims: malformed",
        "claims: malformed",
        "mentions: malformed",
        "mentions: malformed",
        "mentions: malformed",
        "mentions: malformed",
        "mentions: malformed",
        "relations: malformed",
    ]


def test_a_parent_that_would_close_a_cycle_is_cut() -> None:
    answer = {
        "claims": [
            claim("the bridge would reopen in May", "said", id="a", parent="b"),
            claim("The other bridge stays shut", "said", id="b", parent="a"),
            claim("the work was late", "denied", id="c", parent="c"),
        ]
    }
    annotation, drops = placed(answer)
    first, second, third = annotation.claims
    assert first.parent == second.id and second.parent is None and third.parent is None
    assert keys(drops) == ["claim parents: cycle", "claim parents: cycle"]


def test_what_the_validator_rejects_is_dropped_with_what_refers_to_it() -> None:
    answer = {
        "mentions": [
            mention("She", id="she"),  # a pronoun marked NAM
            mention("Mayor Ana", id="mayor-ana"),
            mention("Ana Reyes", id="reyes"),  # overlaps the name before
            mention("May", "DATE", id="may"),
            mention("$2 million", "QUANTITY", id="money"),
        ],
        "relations": [
            {"type": "HAS_ROLE", "head": "reyes", "tail": "may"},  # not a ROLE
            {"type": "MEETS", "head": "she", "tail": "mayor-ana"},
        ],
        "claims": [claim("the work was late", "denied", sources=["she"])],
    }
    annotation, drops = placed(answer)
    assert surfaces(annotation) == ["Mayor Ana", "May", "$2 million"]
    assert annotation.relations == () and annotation.claims[0].sources == ()
    assert sorted(keys(drops)) == [  # the draft leaves them out as it builds, and counts them
        "draft: claim sources that were left-out names",
        "draft: names overlapping an earlier name",
        "draft: pronouns marked as names",
        "draft: relations of a left-out name",
        "draft: relations of a left-out name",
    ]


def test_any_answer_gives_a_valid_annotation() -> None:
    """Answers made of random pieces of the text, labels (some unknown) and ids (some
    unknown): placed, they always pass the validator."""
    chance = random.Random(17)
    words = TEXT.split()
    labels = {
        "type": ["PERSON", "GPE", "ROLE", "DATE", "ORG", "PER"],
        "kind": ["NAM", "NOM", "PRO", "X"],
        "relation": ["HAS_ROLE", "MEETS", "PART_OF", "LEADER_OF", "NOPE"],
    }

    def piece() -> str:
        start = chance.randrange(len(words))
        return " ".join(words[start : start + chance.randint(1, 4)])

    for _ in range(150):
        ids = [f"m{i}" for i in range(8)]
        answer = {
            "mentions": [
                mention(
                    piece(),
                    chance.choice(labels["type"]),
                    kind=chance.choice(labels["kind"]),
                    id=chance.choice(ids),
                    entity=chance.choice([None, "A", "B"]),
                )
                for _ in range(8)
            ],
            "relations": [
                {
                    "type": chance.choice(labels["relation"]),
                    "head": chance.choice(ids),
                    "tail": chance.choice(ids),
                }
                for _ in range(5)
            ],
            "claims": [
                claim(
                    piece(),
                    chance.choice([None, piece()]),
                    id=f"c{i}",
                    sources=chance.sample(ids, 2),
                    parent=chance.choice([None, "c0", "c1", "c2"]),
                )
                for i in range(3)
            ],
            "claim_links": [{"type": "SUPPORTS", "from": "c0", "to": chance.choice(["c1", "c2"])}],
        }
        placed(answer, (0, len(TEXT)))  # checks the validator finds nothing


def test_any_json_at_any_key_is_dropped_not_raised() -> None:
    """Every key of every item given any JSON value: nothing raises, the result is valid."""
    chance = random.Random(12)
    junk: list[Any] = [None, 0, 7, True, 2.5, "", "m0", "c0", "Ana Reyes", "said", "PERSON"]
    junk += [
        [],
        ["m0", None],
        {},
        {"text": "May"},
        {"text": ["May"]},
        {"text": "May", "context": 3},
    ]
    keys = {
        "mentions": ["id", "text", "context", "type", "kind", "entity"],
        "relations": ["type", "head", "tail"],
        "claims": ["id", "content", "cue", "sources", "parent", "stance", "certainty", "kind"],
        "claim_links": ["type", "from", "to"],
    }
    for _ in range(300):
        answer: dict[str, Any] = {}
        for layer, names in keys.items():
            items = [{name: chance.choice(junk) for name in names} for _ in range(3)]
            answer[layer] = chance.choice(
                [items, items + [chance.choice(junk)], chance.choice(junk)]
            )
        placed(answer)


def test_gold_placed_as_an_answer_gives_the_gold_back() -> None:
    """The oracle: every train gold document, written as an answer (``answer_of``) and
    placed, gives back its mentions, entities, relations and claims exactly."""
    store = CorpusStore(REPO / "corpus")
    gold, articles = store.gold_documents("train")
    assert len(gold) >= 10
    for annotation, article in zip(gold, articles, strict=True):
        placement = Placement(article)
        assert (
            placement.add(
                answer_of(annotation, article.text, 0, len(article.text)), 0, len(article.text)
            )
            == []
        )
        result, drops = placement.build()
        assert drops == []
        assert comparable(result) == comparable(annotation), article.id


def comparable(annotation: Annotation) -> dict[str, Any]:
    """An annotation by offsets, free of ids."""
    span = {m.id: (m.start, m.end) for m in annotation.mentions}
    content = {c.id: (c.content.start, c.content.end, c.cue) for c in annotation.claims}
    entities: dict[str | None, set] = {}
    for m in annotation.mentions:
        entities.setdefault(m.entity, set()).add(span[m.id])
    return {
        "mentions": sorted((m.start, m.end, m.type, m.kind) for m in annotation.mentions),
        "entities": sorted(sorted(group) for group in entities.values()),
        "relations": sorted((r.type, span[r.head], span[r.tail]) for r in annotation.relations),
        "claims": sorted(
            (
                content[c.id],
                tuple(sorted(span[s] for s in c.sources)),
                content[c.parent] if c.parent else None,
                *(c.attribute(name) for name in ("stance", "certainty", "kind", "quote")),
            )
            for c in annotation.claims
        ),
        "links": sorted(
            (link.type, content[link.source], content[link.target])
            for link in annotation.claim_links
        ),
    }
