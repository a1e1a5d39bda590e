"""Open licences are told from restricted ones by the recorded rights."""

from __future__ import annotations

import pytest

from corpus.licences import is_open, licence_of

WIKINEWS = (
    "CC BY 2.5 (https://creativecommons.org/licenses/by/2.5/); Wikinews contributors; "
    "https://en.wikinews.org/wiki/Example"
)


@pytest.mark.parametrize(
    "rights",
    [WIKINEWS, "CC BY-SA 4.0", "cc0 1.0", "Public domain (a work of the US government)"],
)
def test_open(rights: str) -> None:
    assert is_open(rights)


@pytest.mark.parametrize(
    "rights",
    [
        None,
        "",
        "CC BY-NC 4.0",
        "CC BY-ND 4.0",
        "CC BY-NC-SA 3.0",
        "Third-party news text; copyright remains with its publisher; research only.",
        "Licensed under CC BY 4.0 elsewhere",  # the licence must come first
    ],
)
def test_not_open(rights: str | None) -> None:
    assert not is_open(rights)


def test_licence_is_what_precedes_the_attribution() -> None:
    assert licence_of(WIKINEWS) == "CC BY 2.5 (https://creativecommons.org/licenses/by/2.5/)"
    assert licence_of(None) == "not recorded"
