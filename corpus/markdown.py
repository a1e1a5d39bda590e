"""Generated Markdown kept inside hand-written documents: tables, and the blocks that hold them.

A generated block sits between ``<!-- NAME:begin -->`` and ``<!-- NAME:end -->``; the code that
renders it rewrites only what is between the two (``corpus.cues``, ``annotation.guide``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from corpus.store import write_text_atomic


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """The lines of a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def titled_table(title: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """The lines of ``title``, a blank line and a Markdown table."""
    return [title, "", *table(header, rows)]


def markers(name: str) -> tuple[str, str]:
    """The begin and end markers of the block ``name``."""
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


def embed_block(document: str, name: str, block: str) -> str:
    """``document`` with ``block`` between its one pair of ``name`` markers."""
    begin, end = markers(name)
    pattern = re.compile(rf"({re.escape(begin)}\n).*?({re.escape(end)})", flags=re.S)
    embedded, count = pattern.subn(lambda match: match.group(1) + block + match.group(2), document)
    if count != 1:
        raise ValueError(f"expected one {begin} … {end} block, found {count}")
    return embedded


def rewrite_files(paths: Iterable[str], embed: Callable[[str], str]) -> None:
    """Rewrite each file (atomically) with its generated block brought up to date."""
    for name in paths:
        path = Path(name)
        write_text_atomic(path, embed(path.read_text(encoding="utf-8")))
