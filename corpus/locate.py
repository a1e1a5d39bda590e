"""Finding quoted text in an article: spans given by the words they cover, not by offsets.

A quoted span is found as whole words: an occurrence never begins or ends inside a word of
the text ("he" is not found in "the"). :func:`locate` is strict (a person's quoted file must
name each span exactly once); :func:`matches` is lenient (a model's answer may write other
quotation marks or other whitespace than the article) and leaves the choice among several
occurrences to its caller; :func:`unique_context` gives the hint that tells one occurrence
from the others.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from corpus.schema import Span

# Quotation marks folded to their ASCII form for a lenient match.
QUOTE_MARKS: dict[str, str] = {mark: '"' for mark in "“”„‟«»″"} | {mark: "'" for mark in "‘’‚‛′`´"}
_FOLD_QUOTES = str.maketrans(QUOTE_MARKS)
MAX_CONTEXT_WORDS = 30  # words a context adds around a span, at the most


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def occurrences(text: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    """Starts of ``needle`` in ``text[start:end]`` as whole words: an occurrence never begins
    or ends inside a word of the text ("he" is not found in "the")."""
    end = len(text) if end is None else end
    found, at = [], text.find(needle, start, end)
    while at != -1:
        stop = at + len(needle)
        cuts_before = at > 0 and _is_word(text[at - 1]) and _is_word(needle[0])
        cuts_after = stop < len(text) and _is_word(text[stop]) and _is_word(needle[-1])
        if not (cuts_before or cuts_after):
            found.append(at)
        at = text.find(needle, at + 1, end)
    return found


def locate(text: str, where: dict[str, Any]) -> Span:
    """The span that ``where`` (``text`` and optionally ``n`` or ``context``) names."""
    needle = where.get("text")
    if not isinstance(needle, str) or not needle or needle != needle.strip():
        raise ValueError(f"'text' must be a non-empty string without outer spaces: {needle!r}")
    n, context = where.get("n"), where.get("context")
    if n is not None and context is not None:
        raise ValueError("give 'n' or 'context', not both")
    if context is not None:
        if not isinstance(context, str):
            raise ValueError("'context' must be a string")
        places = [m.start() for m in re.finditer(re.escape(context), text)]
        if len(places) != 1:
            raise ValueError(f"context {context!r} occurs {len(places)} times (needs once)")
        inside = occurrences(text, needle, places[0], places[0] + len(context))
        if len(inside) != 1:
            raise ValueError(f"{needle!r} occurs {len(inside)} times in context {context!r}")
        return Span(inside[0], inside[0] + len(needle))
    found = occurrences(text, needle)
    if not found:
        raise ValueError(f"{needle!r} is not in the text (as whole words)")
    if n is None:
        if len(found) > 1:
            raise ValueError(f"{needle!r} occurs {len(found)} times: give 'n' (1-{len(found)})")
        n = 1
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= len(found):
        raise ValueError(f"'n' must be 1-{len(found)} for {needle!r}, not {n!r}")
    return Span(found[n - 1], found[n - 1] + len(needle))


def _folded(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """``text[start:end]`` with quotation marks folded and each run of whitespace as one space,
    and the offset in ``text`` of each of its characters."""
    chars: list[str] = []
    offsets: list[int] = []
    for offset in range(start, end):
        char = text[offset]
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char.translate(_FOLD_QUOTES))
        offsets.append(offset)
    return "".join(chars), offsets


def matches(text: str, needle: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The spans of ``text[start:end]`` that ``needle`` quotes, as whole words, in text order:
    its exact occurrences, or when there are none, the occurrences that differ only in their
    quotation marks (“ ” ‘ ’ « » and the like against " and ') and whitespace (a run of spaces
    or line breaks for one space). ``needle`` is taken NFC and without outer whitespace; an
    empty one matches nothing."""
    end = len(text) if end is None else end
    needle = unicodedata.normalize("NFC", needle).strip()
    if not needle:
        return []
    exact = occurrences(text, needle, start, end)
    if exact:
        return [Span(at, at + len(needle)) for at in exact]
    folded, offsets = _folded(text, start, end)
    loose, _ = _folded(needle, 0, len(needle))
    return [
        Span(offsets[at], offsets[at + len(loose) - 1] + 1) for at in occurrences(folded, loose)
    ]


def unique_context(text: str, span: Span, start: int = 0, end: int | None = None) -> str | None:
    """None when the words of ``span`` occur once in ``text[start:end]``; else the shortest
    piece of it around ``span``, in whole words (at most ``MAX_CONTEXT_WORDS`` more), that
    occurs there once and holds those words once (``text[start:end]`` when none does)."""
    end = len(text) if end is None else end
    needle = text[span.start : span.end]
    if len(occurrences(text, needle, start, end)) == 1:
        return None
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    first = next(i for i, (_, stop) in enumerate(words) if stop > span.start)
    last = max(i for i, (begin, _) in enumerate(words) if begin < span.end)
    for extra in range(1, MAX_CONTEXT_WORDS + 1):
        for before in range(extra + 1):
            i, j = first - before, last + extra - before
            if i < 0 or j >= len(words):
                continue
            context = text[words[i][0] : words[j][1]]
            once = len(occurrences(text, context, start, end)) == 1
            if once and len(occurrences(context, needle)) == 1:
                return context
    return text[start:end]
