"""Generated Markdown blocks: tables, and rewriting only what lies between the markers."""

from __future__ import annotations

import pytest

from corpus.markdown import embed_block, markers, rewrite_files, table, titled_table


def test_table_and_titled_table():
    assert table(("a", "b"), [("1", "2")]) == ["| a | b |", "|---|---|", "| 1 | 2 |"]
    assert titled_table("**T**", ("a",), [("1",)]) == ["**T**", "", "| a |", "|---|", "| 1 |"]


def test_only_the_block_is_replaced():
    begin, end = markers("demo")
    document = f"kept\n{begin}\nstale\n{end}\nkept too\n"
    assert embed_block(document, "demo", "new\n") == f"kept\n{begin}\nnew\n{end}\nkept too\n"


@pytest.mark.parametrize("count", [0, 2])
def test_a_document_needs_exactly_one_block(count):
    begin, end = markers("demo")
    with pytest.raises(ValueError, match=f"expected one <!-- demo:begin --> .* found {count}"):
        embed_block(f"{begin}\n{end}\n" * count, "demo", "x\n")


def test_rewrite_files(tmp_path):
    begin, end = markers("demo")
    path = tmp_path / "doc.md"
    path.write_text(f"{begin}\nold\n{end}\n", encoding="utf-8")
    rewrite_files([str(path)], lambda document: embed_block(document, "demo", "new\n"))
    assert path.read_text(encoding="utf-8") == f"{begin}\nnew\n{end}\n"
