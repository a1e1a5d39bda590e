"""Token and sentence boundaries of one text, built once per document for fast span lookups."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from corpus.schema import Span
from corpus.text import Sentence


class TokenIndex:
    """Where the tokens of a text (``corpus.text.sentences``) start and end, and their sentence."""

    def __init__(self, sents: Sequence[Sentence]) -> None:
        self.starts = [tok.start for sentence in sents for tok in sentence.tokens]
        self.ends = [tok.end for sentence in sents for tok in sentence.tokens]
        self.sentence = [i for i, sentence in enumerate(sents) for _ in sentence.tokens]

    def aligned(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` starts and ends on token boundaries inside one sentence."""
        first, last = bisect_left(self.starts, start), bisect_left(self.ends, end)
        return (
            first < len(self.starts)
            and last < len(self.ends)
            and self.starts[first] == start
            and self.ends[last] == end
            and first <= last
            and self.sentence[first] == self.sentence[last]
        )

    def token_range(self, span: Span) -> tuple[int, int]:
        """Token indices ``[i, j)`` of the tokens ``span`` touches (``i == j`` for none)."""
        return bisect_right(self.ends, span.start), bisect_left(self.starts, span.end)

    def overlap(self, a: Span, b: Span) -> tuple[int, float]:
        """Tokens ``a`` and ``b`` share, and their Dice coefficient 2·shared / (|a| + |b|)."""
        (a0, a1), (b0, b1) = self.token_range(a), self.token_range(b)
        shared = max(0, min(a1, b1) - max(a0, b0))
        size = (a1 - a0) + (b1 - b0)
        return shared, 2 * shared / size if size else 0.0
