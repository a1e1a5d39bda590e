"""A fast regex tokenizer and sentence splitter for the rule baseline, with the text layer's
``Token``.

Its token boundaries follow ``corpus.text`` (spaCy's English rules) on ordinary news text —
"Russia’s" is "Russia" + "’s", "Jong-un" is "Jong" "-" "un" — at a fraction of the cost.
"""

from __future__ import annotations

import re

from corpus.text import Token

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S.
    r"|\d+(?:[.,:]\d+)*%?"  # 6,000  2.5  12%
    r"|[’']s\b|n[’']t\b"  # clitics
    r"|[^\W\d_][^\W_]*(?![\w’'])"  # a plain word (the next branch's result, found faster)
    r"|[^\W\d_](?:[^\W_]|[’'](?![sS]\b)(?=\w))*?(?=n[’']t\b|[’']s\b|[^\w’']|[’'](?!\w)|$)"
    r"|\w+"
    r"|[^\w\s]"
)
# A sentence ends at . ! ? (and any closing quote) before a space and an opening capital or quote.
_SENTENCE_END = re.compile(r"[.!?][”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])")


_new = tuple.__new__


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` (no slice is copied), with offsets in ``text``."""
    matches = _TOKEN.finditer(text, start, len(text) if end is None else end)
    # tuple.__new__ skips the NamedTuple's Python-level __new__ (a fifth of the time here)
    return [_new(Token, (match.start(), match.end(), match.group())) for match in matches]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence; a line break always ends one."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        begin = 0
        for match in _SENTENCE_END.finditer(line):
            spans.append((offset + begin, offset + match.start() + len(match.group().rstrip())))
            begin = match.end()
        if line[begin:].strip():
            spans.append((offset + begin, offset + len(line.rstrip())))
        offset += len(line) + 1
    return [(start, end) for start, end in spans if end > start]
