"""JSON Lines: lines end at "\\n" only, and the writer escapes every other line separator."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.jsonl import LINE_SEPARATORS, dumps_line, read_jsonl, write_jsonl
from corpus.store import CorpusError


def test_written_lines_hold_no_separator_and_read_back(tmp_path: Path) -> None:
    values = [{"text": f"a{separator}b"} for separator in LINE_SEPARATORS] + [{"text": "é\n"}]
    path = tmp_path / "v.jsonl"
    assert write_jsonl(path, values) == 4
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 4  # what str.splitlines (and other tools) see, too
    assert "é" in text  # readable UTF-8, not \\u00e9
    assert list(read_jsonl(path)) == list(enumerate(values, start=1))


def test_blank_lines_are_skipped_and_a_bad_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "v.jsonl"
    path.write_text('\n{"a": 1}\n  \n{"a": \n', encoding="utf-8")
    found = read_jsonl(path)
    assert next(found) == (2, {"a": 1})
    with pytest.raises(CorpusError, match=r"v\.jsonl:4: invalid JSON: Expecting value$"):
        next(found)


def test_dumps_line_escapes_separators_only() -> None:
    assert dumps_line({"t": "x\u2028y\x85z\u2029"}) == '{"t": "x\\u2028y\\u0085z\\u2029"}'
