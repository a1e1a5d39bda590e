"""How problems name a region: its text, with the words around it when it is not unique."""

from __future__ import annotations

from annotation.results import describe_span
from tests.annotation.conftest import SYNTHETIC_TEXT

TEXT = SYNTHETIC_TEXT


def test_a_repeated_text_is_shown_with_the_words_around_it():
    said = TEXT.index("said", TEXT.index("TASS"))
    assert (
        describe_span(TEXT, said, said + 4)
        == """'said' in "the report, TASS said, citing Shoigu\""""
    )
    moscow = TEXT.index("Moscow")
    assert describe_span(TEXT, moscow, moscow + 6) == "'Moscow'"
    line = TEXT.index("Moscow")
    assert describe_span(TEXT, line, len(TEXT)) == "'Moscow has denied the report, … met Kim.'"
