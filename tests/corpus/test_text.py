"""The text layer: normalisation, ids, sentences and tokens, spans <-> BIO tags."""

from __future__ import annotations

import pytest

from corpus.text import (
    AlignmentError,
    bio_to_offsets,
    derive_doc_id,
    normalize_text,
    normalize_with_offsets,
    offsets_to_bio,
    sentences,
    span_to_token_range,
    text_sha256,
    tokens,
)
from tests.conftest import seed_text

# Synthetic text: a heading without a full stop, then paragraphs, extra spaces, a blank line.
TEXT = "Synthetic Heading\nAnna Berg met Carl Dahl in Oslo.  They spoke.\n\n  Last line"


def test_normalize_text() -> None:
    raw = " Cafe\u0301 one \r\n\r\n two\r three \n"
    assert normalize_text(raw) == "Caf\u00e9 one\ntwo\nthree"
    assert normalize_text(normalize_text(raw)) == normalize_text(raw)


def test_normalize_with_offsets_maps_spans_of_the_raw_text() -> None:
    # blank lines, \r\n and a lone \r, a no-break space at a line start, e + U+0301
    raw = "A b\r\n\r\n\u00a0Cafe\u0301 one\rtwo "
    normalized = normalize_with_offsets(raw)
    assert normalized.text == normalize_text(raw) == "A b\nCaf\u00e9 one\ntwo"
    assert normalized.span(0, 3) == (0, 3)  # "A b"
    assert normalized.span(8, 13) == (4, 8)  # "Cafe\u0301": five raw characters, four after NFC
    assert normalized.span(8, 17) == (4, 12)  # "Cafe\u0301 one"
    assert normalized.span(18, 21) == (13, 16)  # "two", after the lone \r
    assert normalized.span(0, 21) == (0, 16)  # across the blank line
    assert normalized.span(8, 11) == (4, 7)  # "Caf"
    assert normalized.span(8, 12) is None  # "Cafe": ends inside the composed "e\u0301"
    assert normalized.span(7, 11) is None  # starts on the no-break space normalisation strips
    assert normalized.span(0, 22) is None  # ends on the trailing space it strips
    assert normalized.span(3, 4) is None and normalized.span(5, 0) is None


def test_normalize_with_offsets_agrees_with_normalize_text() -> None:
    raws = [
        "",
        "\n\n",
        " x ",
        "\u1100\u1161\u11a8 \u1100\u1161",  # Hangul jamo, which NFC joins (no combining marks)
        "a\u0323\u0307 \u212b\r\n\u00a0\u2003 b\u00a0\r",  # marks NFC reorders; a singleton
        seed_text(),
    ]
    for raw in raws:
        normalized = normalize_with_offsets(raw)
        assert normalized.text == normalize_text(raw)
        for start in range(len(raw)):
            for end in range(start + 1, min(len(raw), start + 12) + 1):
                mapped = normalized.span(start, end)
                trimmed = raw[start:end].strip() == raw[start:end]
                if mapped is not None and trimmed:  # an exact image: the same text, normalised
                    assert normalized.text[slice(*mapped)] == normalize_text(raw[start:end])


def test_doc_id_is_the_text_hash_prefix() -> None:
    assert text_sha256("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert derive_doc_id("abc") == "ba7816bf8f01cfea"


def test_paragraph_break_is_always_a_sentence_boundary() -> None:
    found = [TEXT[s.start : s.end] for s in sentences(TEXT)]
    assert found == [
        "Synthetic Heading",
        "Anna Berg met Carl Dahl in Oslo.",
        "They spoke.",
        "Last line",
    ]


def test_seed_heading_is_its_own_sentence() -> None:
    text = seed_text()
    found = [text[s.start : s.end] for s in sentences(text)]
    assert "\u2018Message from Putin\u2019" in found
    assert not any(sentence.startswith("\n") or "\n" in sentence for sentence in found)


def test_tokens_have_offsets_and_are_never_whitespace() -> None:
    toks = tokens(TEXT)
    assert all(tok.text.strip() == tok.text and tok.text for tok in toks)
    assert all(TEXT[tok.start : tok.end] == tok.text for tok in toks)
    assert [tok.text for tok in toks[:4]] == ["Synthetic", "Heading", "Anna", "Berg"]
    assert (toks[2].start, toks[2].end) == (18, 22)


def test_no_token_holds_whitespace() -> None:
    """A CoNLL column cannot hold a token with whitespace in it (corpus.formats.conll)."""
    spaces = [chr(code) for code in range(0x3001) if chr(code).isspace()]
    text = "a" + "a".join(spaces) + "a 10\u2009000 U.S.\u00a0Army"
    assert not [tok.text for tok in tokens(text) if any(char.isspace() for char in tok.text)]


def test_span_to_token_range() -> None:
    toks = tokens(TEXT)
    assert span_to_token_range(toks, 18, 27) == (2, 4)  # "Anna Berg"
    assert span_to_token_range(toks, 18, 25) is None  # "Anna Be"
    assert span_to_token_range(toks, 19, 27) is None


def test_bio_round_trip_with_adjacent_spans_of_one_type() -> None:
    text = "Synthetic: Anna Berg Carl Dahl met in Oslo."
    toks = tokens(text)
    spans = [(11, 20, "PERSON"), (21, 30, "PERSON"), (38, 42, "GPE")]
    assert [text[s:e] for s, e, _ in spans] == ["Anna Berg", "Carl Dahl", "Oslo"]
    tags, misaligned = offsets_to_bio(toks, spans)
    assert misaligned == []
    assert tags == [
        "O",
        "O",
        "B-PERSON",
        "I-PERSON",
        "B-PERSON",
        "I-PERSON",
        "O",
        "O",
        "B-GPE",
        "O",
    ]
    assert bio_to_offsets(toks, tags) == spans


def test_misaligned_span_is_reported_not_moved() -> None:
    toks = tokens(TEXT)
    tags, misaligned = offsets_to_bio(toks, [(18, 25, "PERSON"), (45, 49, "GPE")])
    assert misaligned == [(18, 25, "PERSON")]
    assert tags.count("O") == len(toks) - 1
    assert tags[[tok.text for tok in toks].index("Oslo")] == "B-GPE"


def test_overlapping_spans_raise() -> None:
    toks = tokens(TEXT)
    with pytest.raises(AlignmentError, match="overlaps"):
        offsets_to_bio(toks, [(18, 27, "PERSON"), (23, 27, "PERSON")])


def test_bio_to_offsets_rejects_bad_input() -> None:
    toks = tokens("Synthetic two")
    with pytest.raises(AlignmentError, match="2 tokens but 1 tags"):
        bio_to_offsets(toks, ["O"])
    with pytest.raises(AlignmentError, match="not an IOB2 tag"):
        bio_to_offsets(toks, ["O", "X-GPE"])


def test_stray_inside_tag_starts_a_span() -> None:
    text = "Synthetic Anna Berg"
    assert bio_to_offsets(tokens(text), ["O", "I-PERSON", "I-PERSON"]) == [(10, 19, "PERSON")]


def test_a_paragraph_over_spacys_length_limit_is_tokenized() -> None:
    # CONSTRUCTED: 1.2 million characters in one paragraph (spaCy refuses 1 million, E088)
    text = "Talks resumed. " + "word " * 240_000 + "End."
    found = sentences(text)
    assert found[0].tokens[0].text == "Talks" and found[-1].tokens[-1] == (
        len(text) - 1,
        len(text),
        ".",
    )
    assert sum(len(sentence.tokens) for sentence in found) == 3 + 240_000 + 2


def test_a_number_after_an_abbreviation_continues_the_sentence() -> None:
    text = "The decree No. 1430/2019 came into force. It was signed in May. No. 5 won."
    found = [text[s.start : s.end] for s in sentences(text)]  # SYNTHETIC text
    assert found == [
        "The decree No. 1430/2019 came into force.",
        "It was signed in May.",
        "No. 5 won.",
    ]
    said = "He said no. 5 people came."  # a lower-case "no" is a word, not the abbreviation
    assert [said[s.start : s.end] for s in sentences(said)] == ["He said no.", "5 people came."]
