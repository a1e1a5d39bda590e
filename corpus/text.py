"""The text layer: normalisation, sentences and tokens with offsets, spans <-> BIO tags.

Deterministic and model-free: spaCy's rule-based English tokenizer and sentencizer, run on each
paragraph (``\\n``-separated) so that a paragraph break is always a sentence boundary and
whitespace is never a token. Offsets are code-point indices, half-open ``[start, end)``.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.language import Language


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line breaks, no trailing spaces per line, no blank lines, no outer blanks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class NormalizedText:
    """``normalize_text(raw)`` and where each span of ``raw`` lies in it.

    ``starts[i]`` is the offset in ``text`` of a span that starts at offset ``i`` of the raw
    text, ``ends[i]`` that of a span that ends there; None where normalisation removes the
    character (whitespace, a line break) or merges it with a neighbour (NFC composition).
    """

    text: str
    starts: tuple[int | None, ...]
    ends: tuple[int | None, ...]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The normalised ``[start, end)`` of a raw span, or None when it has no exact image
        (it starts or ends on removed whitespace or inside a composed character)."""
        if not 0 <= start < end <= len(self.starts) - 1:
            return None
        first, last = self.starts[start], self.ends[end]
        return None if first is None or last is None else (first, last)


def normalize_with_offsets(raw: str) -> NormalizedText:
    """``normalize_text(raw)`` with the offsets of ``raw`` mapped into it, through the two
    steps of ``normalize_text``: NFC, then ``\\n`` line breaks, stripped lines, no blank lines."""
    nfc, nfc_offsets = _nfc_with_offsets(raw)
    position: list[int | None] = [None] * len(nfc)  # each NFC character's normalised offset
    rebuilt: list[str] = []
    for start, end in _line_bounds(nfc):
        line = nfc[start:end]
        first, last = start + len(line) - len(line.lstrip()), start + len(line.rstrip())
        if first < last:
            if rebuilt:
                rebuilt.append("\n")
            for offset in range(first, last):
                position[offset] = len(rebuilt)
                rebuilt.append(nfc[offset])
    text = normalize_text(raw)
    if "".join(rebuilt) != text:
        raise AssertionError("normalize_with_offsets disagrees with normalize_text")
    starts = [None if i is None or i == len(nfc) else position[i] for i in nfc_offsets]
    ends = [None if i is None or i == 0 else _after(position[i - 1]) for i in nfc_offsets]
    return NormalizedText(text, tuple(starts), tuple(ends))


def _after(offset: int | None) -> int | None:
    return None if offset is None else offset + 1


def _line_bounds(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each line of ``text``, lines ending at ``\\r\\n``, ``\\r`` or
    ``\\n`` (the breaks ``normalize_text`` knows)."""
    bounds, start, offset = [], 0, 0
    while offset < len(text):
        if text[offset] in "\r\n":
            bounds.append((start, offset))
            offset += 2 if text.startswith("\r\n", offset) else 1
            start = offset
        else:
            offset += 1
    bounds.append((start, len(text)))
    return bounds


def _nfc_with_offsets(raw: str) -> tuple[str, list[int | None]]:
    """NFC of ``raw`` and the NFC offset of each raw offset (``len(raw) + 1`` of them): exact
    between the characters NFC keeps, None inside a sequence it composes or reorders."""
    if unicodedata.is_normalized("NFC", raw):
        return raw, list(range(len(raw) + 1))
    # Sequences NFC changes alone: a character and the combining marks after it, joined to
    # the next while NFC joins them (Hangul jamo, which are not combining marks).
    pieces: list[str] = []
    for char in raw:
        if pieces and (unicodedata.combining(char) or _composes(pieces[-1], char)):
            pieces[-1] += char
        else:
            pieces.append(char)
    offsets: list[int | None] = []
    composed: list[str] = []
    length = 0
    for piece in pieces:
        nfc_piece = unicodedata.normalize("NFC", piece)
        if nfc_piece == piece:
            offsets.extend(range(length, length + len(piece)))
        else:
            offsets.extend([length] + [None] * (len(piece) - 1))
        composed.append(nfc_piece)
        length += len(nfc_piece)
    offsets.append(length)
    nfc = "".join(composed)
    if nfc != unicodedata.normalize("NFC", raw):
        raise AssertionError("NFC of the pieces differs from NFC of the text")
    return nfc, offsets


def _composes(before: str, char: str) -> bool:
    """Whether NFC joins ``char`` to the sequence ``before`` that precedes it."""
    together = unicodedata.normalize("NFC", before + char)
    return together != unicodedata.normalize("NFC", before) + unicodedata.normalize("NFC", char)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dedupe_key(text: str) -> str:
    """What two copies of one text share: the SHA-256 of its words, NFC, with every run of
    whitespace (line breaks included) as one space and no byte order mark (U+FEFF)."""
    words = unicodedata.normalize("NFC", text).replace("\ufeff", "").split()
    return text_sha256(" ".join(words))


def derive_doc_id(text: str) -> str:
    """A stable id for a normalised text: the first 16 hex digits of its SHA-256."""
    return text_sha256(text)[:16]


class Token(NamedTuple):  # a tuple: millions are made when a corpus is scored
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


@lru_cache(maxsize=1)
def _pipeline() -> Language:
    import spacy  # here, not above: BIO tags and offsets need no spaCy (its import is heavy)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # spaCy's length limit (error E088) guards the memory of a parser or entity recognizer;
    # the tokenizer and sentencizer are linear in the text, so a long paragraph is fine here.
    nlp.max_length = sys.maxsize
    return nlp


def paragraphs(text: str) -> list[tuple[int, str]]:
    """The non-blank ``\\n``-separated paragraphs with their start offsets."""
    result, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            result.append((offset, line))
        offset += len(line) + 1
    return result


def sentences(text: str) -> list[Sentence]:
    """Sentences of ``text``, each with its tokens; whitespace is never a token."""
    return list(_sentences(text))


# Abbreviations that stand before a number ("resolution No. 1430"): spaCy's tokenizer splits
# their period off and its sentencizer ends a sentence there; a number after one continues it.
NUMBER_ABBREVIATIONS: frozenset[str] = frozenset({"No", "Nos", "Art", "Vol", "Fig", "pp"})


def _continues(current: list[Token], next_text: str) -> bool:
    """Whether a sentence start that spaCy puts before ``next_text`` is an abbreviation's period."""
    return (
        len(current) >= 2
        and current[-1].text == "."
        and current[-2].text in NUMBER_ABBREVIATIONS
        and next_text[:1].isdigit()
    )


@lru_cache(maxsize=2)  # validating then scoring (or exporting) a document tokenizes it once
def _sentences(text: str) -> tuple[Sentence, ...]:
    from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START

    found: list[Sentence] = []
    parts = paragraphs(text)
    for (offset, line), doc in zip(parts, _pipeline().pipe(line for _, line in parts), strict=True):
        current: list[Token] = []
        # the token attributes as one array: no spaCy Token object per token (a third of the
        # export's time went to making them)
        rows = doc.to_array([IDX, LENGTH, SENT_START, IS_SPACE]).tolist()
        for idx, length, sent_start, is_space in rows:
            surface = line[idx : idx + length]
            if sent_start == 1 and current and not _continues(current, surface):
                found.append(Sentence(current[0].start, current[-1].end, tuple(current)))
                current = []
            if not is_space:
                start = offset + idx
                current.append(Token(start, start + length, surface))
        if current:
            found.append(Sentence(current[0].start, current[-1].end, tuple(current)))
    return tuple(found)


def tokens(text: str) -> list[Token]:
    return [token for sentence in sentences(text) for token in sentence.tokens]


class AlignmentError(ValueError):
    """A span does not fall on token boundaries, or spans overlap where BIO forbids it."""


def span_to_token_range(toks: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    """Token indices ``[i, j)`` whose characters are exactly ``[start, end)``, or None."""
    first = bisect_left(toks, start, key=attrgetter("start"))  # tokens are in text order
    if first == len(toks) or toks[first].start != start:
        return None
    last = bisect_left(toks, end, lo=first, key=attrgetter("end"))
    if last == len(toks) or toks[last].end != end:
        return None
    return first, last + 1


def offsets_to_bio(
    toks: Sequence[Token], spans: Iterable[tuple[int, int, str]]
) -> tuple[list[str], list[tuple[int, int, str]]]:
    """IOB2 tags for typed character spans, and the spans that could not be aligned.

    A span off token boundaries is reported in the second list, never moved; spans that
    overlap each other raise :class:`AlignmentError`.
    """
    tags = ["O"] * len(toks)
    starts = {tok.start: i for i, tok in enumerate(toks)}
    ends = {tok.end: i for i, tok in enumerate(toks)}
    misaligned = []
    for start, end, label in sorted(spans):
        first, last = starts.get(start), ends.get(end)
        if first is None or last is None or last < first:
            misaligned.append((start, end, label))
            continue
        if any(tag != "O" for tag in tags[first : last + 1]):
            raise AlignmentError(f"span [{start}, {end}) {label} overlaps another span")
        tags[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{label}"
    return tags, misaligned


def bio_to_offsets(toks: Sequence[Token], tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Typed character spans from IOB2 tags; an ``I-`` that does not continue starts a span."""
    if len(toks) != len(tags):
        raise AlignmentError(f"{len(toks)} tokens but {len(tags)} tags")
    spans: list[tuple[int, int, str]] = []
    current: list | None = None
    for tok, tag in zip(toks, tags, strict=True):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == label:
            current[1] = tok.end
            continue
        if current is not None:
            spans.append(tuple(current))
            current = None
        if prefix in ("B", "I"):
            current = [tok.start, tok.end, label]
        elif tag != "O":
            raise AlignmentError(f"not an IOB2 tag: {tag!r}")
    if current is not None:
        spans.append(tuple(current))
    return spans
