"""JSON Lines, the one reader and writer: one JSON value per line, lines ended by ``\\n``.

Lines end at ``\\n`` only. ``str.splitlines`` also breaks at U+2028, U+2029, U+0085 and other
separators, which valid JSON may hold raw inside a string; so the reader splits on ``\\n``, and
the writer escapes those characters (``\\u2028``…) so that every other tool reads each record
on one line too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from corpus.store import CorpusError, read_text, write_text_atomic

# Characters some readers take for a line break that JSON leaves raw in a string (it escapes
# those below U+0020 already).
LINE_SEPARATORS: dict[str, str] = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_ESCAPES = str.maketrans(LINE_SEPARATORS)


def dumps_line(value: Any) -> str:
    """``value`` as one line of JSON (no line break of any kind in it), UTF-8 kept readable."""
    return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)


def write_jsonl(path: Path, values: Iterable[Any]) -> int:
    """Write ``values``, one line each, atomically; returns how many were written."""
    return write_lines(path, map(dumps_line, values))


def write_lines(path: Path, lines: Iterable[str]) -> int:
    """Write lines already made by :func:`dumps_line`, atomically; returns how many."""
    text = [line + "\n" for line in lines]
    write_text_atomic(path, "".join(text))
    return len(text)


def read_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` of each non-blank line of ``path``; a :class:`CorpusError`
    naming the file and line for a line that is not JSON."""
    for number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path}:{number}: invalid JSON: {error.msg}") from None
