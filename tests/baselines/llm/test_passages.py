"""Passages: whole paragraphs within the budget, long ones cut between sentences."""

from __future__ import annotations

from baselines.llm.passages import passages
from corpus.text import paragraphs, sentences

# SYNTHETIC test text: not a news article.
TEXT = "\n".join(
    [
        "Ana Reyes spoke on Monday.",  # 26
        "The council met. It voted twice. Then it adjourned until May.",  # 61
        "Short one.",  # 10
        "A sentence that runs on and on without a single stop until it ends here.",  # 73
    ]
)


def texts(budget: int) -> list[str]:
    return [TEXT[start:end] for start, end in passages(TEXT, budget)]


def test_whole_paragraphs_as_many_as_fit() -> None:
    assert texts(len(TEXT)) == [TEXT]
    assert texts(99) == [
        "Ana Reyes spoke on Monday.\nThe council met. It voted twice. Then it adjourned until "
        "May.\nShort one.",  # 99 characters
        "A sentence that runs on and on without a single stop until it ends here.",
    ]
    assert texts(98)[0] == TEXT[: TEXT.index("\nShort")]


def test_a_paragraph_over_the_budget_is_cut_between_sentences() -> None:
    assert texts(40) == [
        "Ana Reyes spoke on Monday.",
        "The council met. It voted twice.",
        "Then it adjourned until May.\nShort one.",
        "A sentence that runs on and on without a single stop until it ends here.",  # too long
    ]


def test_passages_cover_every_sentence_once_and_keep_short_paragraphs_whole() -> None:
    for budget in (1, 20, 40, 75, 100, 1000):
        found = passages(TEXT, budget)
        starts, ends = [start for start, _ in found], [end for _, end in found]
        assert starts == sorted(starts) and all(
            e <= s for e, s in zip(ends[:-1], starts[1:], strict=True)
        )
        for sentence in sentences(TEXT):
            assert sum(s <= sentence.start and sentence.end <= e for s, e in found) == 1
        for offset, line in paragraphs(TEXT):
            if len(line) <= budget:
                assert any(s <= offset and offset + len(line) <= e for s, e in found)
