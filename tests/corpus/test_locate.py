"""Quoted text found in an article: whole words, strictly for people, leniently for models."""

from __future__ import annotations

import pytest

from corpus.locate import locate, matches, occurrences, unique_context
from corpus.schema import Span

# SYNTHETIC test text: not a news article.
TEXT = (
    "Mayor Ana Reyes said the bridge would reopen in May.\n"
    "She told reporters the repairs cost $2 million, but the council denied that the work "
    "was late. The other bridge stays shut, the mayor said."
)


def test_occurrences_are_whole_words() -> None:
    assert occurrences(TEXT, "he") == []  # not inside "the", "She" or "reopen"
    assert occurrences(TEXT, "said") == [TEXT.index("said"), TEXT.rindex("said")]
    assert occurrences(TEXT, "$2 million") == [TEXT.index("$2")]


def test_locate_by_text_occurrence_or_context() -> None:
    start = TEXT.rindex("said")
    assert locate(TEXT, {"text": "said", "n": 2}) == Span(start, start + 4)
    assert locate(TEXT, {"text": "said", "context": "mayor said"}) == Span(start, start + 4)
    with pytest.raises(ValueError, match="'said' occurs 2 times: give 'n' \\(1-2\\)"):
        locate(TEXT, {"text": "said"})
    with pytest.raises(ValueError, match="'n' must be 1-2"):
        locate(TEXT, {"text": "said", "n": 3})
    with pytest.raises(ValueError, match="context 'the' occurs 6 times"):  # also in 'other'
        locate(TEXT, {"text": "bridge", "context": "the"})
    with pytest.raises(ValueError, match="'brid' is not in the text"):
        locate(TEXT, {"text": "brid"})


def test_matches_are_exact_first() -> None:
    said = [Span(at, at + 4) for at in occurrences(TEXT, "said")]
    assert matches(TEXT, "said") == said
    assert matches(TEXT, " said\n") == said  # outer whitespace is not part of the quote
    assert matches(TEXT, "said", said[0].end) == said[1:]  # within [start, end)
    assert matches(TEXT, "brid") == matches(TEXT, "") == []


def test_matches_forgive_quotation_marks_and_whitespace() -> None:
    text = "He called it “null and void”\nand  ‘geographically ridiculous’."
    found = matches(text, 'it "null and void" and \'geographically')
    assert [text[span.start : span.end] for span in found] == [
        "it “null and void”\nand  ‘geographically"
    ]
    assert matches(text, "void and") == []  # still whole words in order


def test_matches_take_the_needle_nfc() -> None:
    text = "Café Noir opened."
    assert matches(text, "Cafe\u0301 Noir") == [Span(0, 9)]


def test_unique_context_tells_one_occurrence_from_the_others() -> None:
    first, second = occurrences(TEXT, "said")
    assert unique_context(TEXT, Span(TEXT.index("May"), TEXT.index("May") + 3)) is None
    context = unique_context(TEXT, Span(second, second + 4))
    assert context == "mayor said."
    assert locate(TEXT, {"text": "said", "context": context}) == Span(second, second + 4)
    the = [Span(at, at + 3) for at in occurrences(TEXT, "the")]
    for span in the:
        context = unique_context(TEXT, span)
        assert context is not None and locate(TEXT, {"text": "the", "context": context}) == span


def test_unique_context_stays_within_the_passage() -> None:
    passage = (TEXT.index("She"), len(TEXT))
    second = TEXT.rindex("said")
    assert unique_context(TEXT, Span(second, second + 4), *passage) is None  # once in it
    assert unique_context("a a a", Span(2, 3)) == "a a a"  # no shorter piece occurs once
