from __future__ import annotations

from benchmarks.metrics.token_index import TokenIndex
from corpus.schema import Span
from corpus.text import sentences
from tests.benchmarks.conftest import SYNTHETIC_TEXT, span

INDEX = TokenIndex(sentences(SYNTHETIC_TEXT))


def test_aligned_spans_are_on_token_boundaries_inside_one_sentence() -> None:
    assert INDEX.aligned(**span("Alice Smith"))
    assert INDEX.aligned(**span("Paris."))  # "Paris" and "." are two tokens of one sentence
    assert not INDEX.aligned(**span("Alice Smit"))
    assert not INDEX.aligned(**span("lice Smith"))
    assert not INDEX.aligned(**span("Paris.\nAcme"))  # crosses a sentence boundary
    assert not INDEX.aligned(0, len(SYNTHETIC_TEXT) + 5)


def test_token_range_and_overlap() -> None:
    content = Span(**span("the plan will work"))
    assert INDEX.token_range(content) == (11, 15)
    assert INDEX.token_range(Span(**span("lan wi"))) == (12, 14)  # tokens it touches
    assert INDEX.overlap(content, Span(**span("plan will work"))) == (3, 6 / 7)
    assert INDEX.overlap(content, Span(**span("Acme Corp"))) == (0, 0.0)
