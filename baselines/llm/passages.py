"""An article cut into passages, one per request, at paragraph boundaries within a budget."""

from __future__ import annotations

from corpus.text import paragraphs, sentences


def passages(text: str, budget: int) -> list[tuple[int, int]]:
    """``[start, end)`` of the consecutive passages of ``text``: as many whole paragraphs as
    fit in ``budget`` characters; a paragraph longer than the budget is cut between the
    sentences of the text layer, and a sentence longer than the budget is a passage of its
    own. Every paragraph lies in one passage or is cut only there."""
    pieces: list[tuple[int, int]] = []
    for offset, line in paragraphs(text):
        end = offset + len(line)
        if len(line) <= budget:
            pieces.append((offset, end))
        else:
            pieces += [(s.start, s.end) for s in sentences(text) if offset <= s.start < end]
    joined: list[tuple[int, int]] = []
    for start, end in pieces:
        if joined and end - joined[-1][0] <= budget:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined
