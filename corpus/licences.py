"""Which article texts are under an open licence, read from their ``meta.rights``.

A text is open when its rights begin with a Creative Commons licence that allows redistribution
and adaptation by anyone (CC BY or CC BY-SA, any version; CC0) or state the public domain.
"NC" and "ND" licences, texts without recorded rights and third-party texts are not open: an
export with ``--open-only`` leaves them out.
"""

from __future__ import annotations

import re

OPEN_RIGHTS = re.compile(r"(CC BY(-SA)? \d|CC0\b|public domain\b)", flags=re.IGNORECASE)


def is_open(rights: str | None) -> bool:
    return rights is not None and OPEN_RIGHTS.match(rights) is not None


def licence_of(rights: str | None) -> str:
    """The licence part of ``rights``: what stands before the first ';' (attribution follows)."""
    return rights.split(";", 1)[0].strip() if rights else "not recorded"
