"""The rule tokenizer and sentence splitter (``baselines/rules/tokens.py``), on CONSTRUCTED test
sentences and on the seed article (as the corpus holds it)."""

from __future__ import annotations

from baselines.rules.tokens import split_sentences, tokenize
from corpus.text import Token, sentences, tokens
from tests.conftest import seed_text


def test_tokenizer_matches_the_text_layer_on_the_seed() -> None:
    text = seed_text()
    assert [(t.start, t.end) for t in tokenize(text)] == [(t.start, t.end) for t in tokens(text)]
    assert split_sentences(text) == [(s.start, s.end) for s in sentences(text)]


def test_tokens_are_the_text_layers_tokens_with_offsets_into_the_text() -> None:
    text = "Ortiz left."
    assert tokenize(text) == [Token(0, 5, "Ortiz"), Token(6, 10, "left"), Token(10, 11, ".")]
    assert all(type(token) is Token for token in tokenize(text))


def test_tokenizer_splits_clitics_and_keeps_inner_apostrophes() -> None:
    text = "They don't see Russia’s O'Brien, rock'n'roll or snake_case in the U.S. today."
    assert [t.text for t in tokenize(text)] == [
        *("They", "do", "n't", "see", "Russia", "’s", "O'Brien", ",", "rock'n'roll", "or"),
        *("snake_case", "in", "the", "U.S.", "today", "."),
    ]
    assert [(t.start, t.end) for t in tokenize(text)] == [(t.start, t.end) for t in tokens(text)]


def test_numbers_stay_whole_and_hyphens_split_names() -> None:
    text = "Ortiz paid 6,000 or 2.5 at 11:50 to Mara Jong-un."
    assert [t.text for t in tokenize(text)] == [
        *("Ortiz", "paid", "6,000", "or", "2.5", "at", "11:50", "to", "Mara", "Jong", "-", "un"),
        ".",
    ]
    assert [(t.start, t.end) for t in tokenize(text)] == [(t.start, t.end) for t in tokens(text)]


def test_tokenizing_a_range_equals_tokenizing_its_slice() -> None:
    text = seed_text()
    for start, end in split_sentences(text):
        sliced = [(start + t.start, start + t.end, t.text) for t in tokenize(text[start:end])]
        assert [tuple(t) for t in tokenize(text, start, end)] == sliced


def test_a_line_break_always_ends_a_sentence() -> None:
    text = "First one. Second one\nThird one"
    found = [text[start:end] for start, end in split_sentences(text)]
    assert found == ["First one.", "Second one", "Third one"]


def test_a_sentence_ends_before_a_capital_after_its_closing_quote() -> None:
    text = "“Go now.” He left. It cost 2.5 million."
    assert [text[start:end] for start, end in split_sentences(text)] == [
        "“Go now.”",
        "He left.",
        "It cost 2.5 million.",
    ]
