"""Quotations: the text between matching quotation marks of one paragraph, and its sentences.

A quotation reported by a cue gives one claim per sentence (guidelines 4.1: a quotation of
several sentences, and each part of a quotation interrupted by its attribution); the sentences
are the text layer's, cut to the quotation, without the punctuation at their edges.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import groupby

from corpus.text import Token

OPENING, CLOSING, STRAIGHT = "“", "”", '"'
MAX_INTRODUCING_WORDS = 5  # between a cue and the quotation it introduces ("said Kim, “…")


def quotations(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of the inside of each quotation of ``text``: from an opening mark to the
    next closing one of the same paragraph ("…" or straight quotes); an unclosed one is none."""
    found = []
    opened: tuple[int, str] | None = None  # (offset after the mark, the closing mark awaited)
    for match in re.finditer(r"[“”\"\n]", text):
        mark, at = match.group(), match.start()
        if mark == "\n":
            opened = None
        elif opened is not None and mark == opened[1]:
            found.append((opened[0], at))
            opened = None
        elif opened is None and mark in (OPENING, STRAIGHT):
            opened = (at + 1, CLOSING if mark == OPENING else STRAIGHT)
    return [(start, end) for start, end in found if end > start]


def introduces(text: str, cue_end: int, quotation_start: int) -> bool:
    """Whether the text between a cue and a quotation's opening mark only introduces it: at
    most a short source and a comma or colon ("said Kim, “", "told reporters: “")."""
    gap = text[cue_end : quotation_start - 1]
    if gap.strip() and gap.rstrip()[-1] not in ",:":
        return False
    return len(gap.split()) <= MAX_INTRODUCING_WORDS and not any(c in gap for c in ".!?;\n")


def precedes(text: str, quotation: tuple[int, int], cue_start: int) -> bool:
    """Whether a quotation is attributed by a cue after it: it ends with a comma ("“…,” said
    Kim", "“…,” Kim said") and at most a short source stands between it and the cue."""
    start, end = quotation
    gap = text[end + 1 : cue_start]
    return (
        text[start:end].rstrip().endswith(",")
        and len(gap.split()) <= MAX_INTRODUCING_WORDS
        and not any(c in gap for c in ".!?;\n")
    )


def pieces(inside: Sequence[Token], sentence_ends: Sequence[int]) -> list[tuple[int, int]]:
    """The sentences of a quotation, from the tokens ``inside`` it and the end offset of each
    sentence of the text (in order), without the punctuation at their edges: ``[start, end)``
    of each piece of at least two words."""
    found = []
    for _, group in groupby(inside, key=lambda token: bisect.bisect_left(sentence_ends, token.end)):
        words = list(group)
        while words and not words[0].text[:1].isalnum():
            words.pop(0)
        while words and not words[-1].text[-1:].isalnum() and words[-1].text not in "”’":
            words.pop()
        if sum(token.text[:1].isalnum() for token in words) >= 2:
            found.append((words[0].start, words[-1].end))
    return found
