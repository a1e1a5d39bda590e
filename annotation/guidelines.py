"""The annotation guidelines (``guidelines.md``) as the code sees them: their version and the
articles they were developed on."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.store import CorpusError

GUIDELINES = Path(__file__).with_name("guidelines.md")
VERSION_LINE = re.compile(r"^Version (\S+)", flags=re.M)


def guidelines_version() -> str:
    """The version the guidelines state on their ``Version X`` line; annotation files that
    follow them record it."""
    match = VERSION_LINE.search(GUIDELINES.read_text(encoding="utf-8"))
    if match is None:
        raise CorpusError(f"{GUIDELINES}: no 'Version X' line")
    return match.group(1)


DEVELOPED_ON = re.compile(r"(?:train|developed on): ([0-9a-f]{16})")


def documents_developed_on() -> set[str]:
    """The articles the guidelines were developed on, as they name them: the ones they quote as
    examples (``train: ID``) and the ones a version was written from (``developed on: ID``).
    Agreement measured on them is not agreement on unseen text, and is reported apart."""
    return set(DEVELOPED_ON.findall(GUIDELINES.read_text(encoding="utf-8")))
