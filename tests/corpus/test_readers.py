"""The readers of ``corpus ingest``: every input format, the table of formats, HF datasets.

All texts below are synthetic test fixtures; nothing is written into the repo's ``corpus/``.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import datasets
import pytest
import trafilatura.settings

from corpus.readers import (
    READERS,
    Incoming,
    Limits,
    Meta,
    make_incoming,
    published_from_html,
    read_hf,
    read_input,
    read_inputs,
)
from corpus.schema import ArticleMeta
from corpus.store import CorpusError
from corpus.text import derive_doc_id

NO_META: dict[str, str | None] = {}
SYNTHETIC_A = "Synthetic article A.\nIts second paragraph."
SYNTHETIC_B = "Synthetic article B, about nothing real."

HTML = """<!doctype html>
<html><head>
<title>Synthetic page title</title>
<meta property="article:published_time" content="2025-06-17T08:30:00+00:00">
<style>p { color: red } .STYLE_TEXT {}</style>
<script>var leaked = "SCRIPT_TEXT";</script>
</head><body>
<nav>Home | World | SYNTHETIC_NAV</nav>
<article>
<h1>Synthetic headline</h1>
<p>This is the first paragraph of a synthetic test page, long enough for the extractor.</p>
<script>document.write("SCRIPT_IN_BODY")</script>
<p>A second synthetic paragraph with a <b>bold</b> word &amp; an entity.</p>
<p>A third synthetic paragraph, so that the page holds as much text as a short news report
would: several sentences about nothing in particular, written for this test alone.</p>
</article>
</body></html>
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_txt_is_normalised_and_gets_a_derived_id(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", " Synthetic article A.\r\n\r\nIts second paragraph. \n")
    [item] = read_input(str(path), {"title": "Given title", "published": "2025-01-02"})
    assert item.article.text == SYNTHETIC_A
    assert item.article.id == derive_doc_id(SYNTHETIC_A)
    assert item.article.meta == ArticleMeta(title="Given title", published="2025-01-02")


def test_html_main_text_without_markup_script_or_style(tmp_path: Path) -> None:
    [item] = read_input(str(write(tmp_path / "page.html", HTML)), NO_META)
    text = item.article.text
    assert "first paragraph of a synthetic test page" in text
    assert "with a bold word & an entity." in text
    for leaked in ("SCRIPT_TEXT", "SCRIPT_IN_BODY", "STYLE_TEXT", "color", "<", "&amp;"):
        assert leaked not in text
    assert item.article.meta.title in ("Synthetic page title", "Synthetic headline")
    assert item.article.meta.published == "2025-06-17"
    assert item.article.meta.url is None and item.article.meta.source is None


def test_html_date_comes_only_from_declared_metadata() -> None:
    page = "<html><head><meta name='date' content='2024-13-40'></head><body>"
    assert published_from_html(page + "<p>Posted 2024-03-02.</p></body></html>") is None
    dated = "<html><head><meta itemprop='datePublished' content='2023-05-06'></head></html>"
    assert published_from_html(dated) == "2023-05-06"


def test_command_line_metadata_wins_over_the_page(tmp_path: Path) -> None:
    [item] = read_input(str(write(tmp_path / "page.htm", HTML)), {"title": "Given"})
    assert item.article.meta.title == "Given"
    assert item.article.meta.published == "2025-06-17"


def test_jsonl_records_with_ids_and_metadata(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": SYNTHETIC_A, "id": "syn-a", "title": "A", "published": "2024-02-29"}),
        "",
        json.dumps({"text": SYNTHETIC_B, "language": "de", "rights": "Synthetic."}),
    ]
    path = write(tmp_path / "docs.jsonl", "\n".join(lines) + "\n")
    first, second = read_input(str(path), NO_META)
    assert (first.origin, first.article.id) == (f"{path}:1", "syn-a")
    assert first.article.meta == ArticleMeta(title="A", published="2024-02-29")
    assert (second.origin, second.article.id) == (f"{path}:3", derive_doc_id(SYNTHETIC_B))
    assert second.article.meta == ArticleMeta(language="de", rights="Synthetic.")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "docs.jsonl:2: invalid JSON"),
        ('["a list"]', "docs.jsonl:2: expected an object, got list"),
        ('{"id": "x"}', "docs.jsonl:2: missing field 'text'"),
        ('{"text": "  \\n "}', "docs.jsonl:2: empty text"),
        ('{"text": "x", "author": "y"}', "docs.jsonl:2: unknown field(s) 'author'"),
        ('{"text": "x", "published": "2024-02-30"}', "docs.jsonl:2: meta: published '2024-02-30'"),
        ('{"text": "x", "id": "../escape"}', "docs.jsonl:2: id '../escape' is not"),
        ('{"text": "x", "title": 3}', "docs.jsonl:2: meta: field 'title' has the wrong type"),
    ],
)
def test_jsonl_errors_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path / "docs.jsonl", json.dumps({"text": SYNTHETIC_A}) + "\n" + line + "\n")
    with pytest.raises(CorpusError) as raised:
        read_input(str(path), NO_META)
    assert message in str(raised.value)


def test_a_format_is_one_entry_of_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_upper(name: str, given: Meta, limits: Limits) -> list[Incoming]:  # SYNTHETIC
        text = Path(name).read_text(encoding="utf-8").upper()
        return [make_incoming(name, text, None, {}, given, limits)]

    path = write(tmp_path / "a.UPPER", "synthetic text")
    with pytest.raises(CorpusError, match=r"unknown input format '\.upper' \(known: \.htm, "):
        read_input(str(path), NO_META)
    monkeypatch.setitem(READERS, ".upper", read_upper)
    [item] = read_input(str(path), NO_META)
    assert item.article.text == "SYNTHETIC TEXT"


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"a\.pdf: unknown input format '\.pdf'"):
        read_input(str(write(tmp_path / "a.pdf", "x")), NO_META)
    with pytest.raises(CorpusError, match=r"missing\.txt: no such file"):
        read_input(str(tmp_path / "missing.txt"), NO_META)


def make_local_dataset(folder: Path) -> Path:
    """A tiny synthetic Hugging Face dataset saved as parquet in a local folder."""
    folder.mkdir()
    rows = {
        "body": [SYNTHETIC_A, SYNTHETIC_B],
        "doc": ["hf-a", "hf-b"],
        "headline": ["Synthetic A", None],
        "day": ["2024-01-31", None],
    }
    datasets.Dataset.from_dict(rows).to_parquet(str(folder / "train.parquet"))
    return folder


def test_hf_local_dataset(tmp_path: Path) -> None:
    folder = make_local_dataset(tmp_path / "ds")
    columns = {"id": "doc", "title": "headline", "published": "day"}
    first, second = read_hf(str(folder), "train", "body", columns, {"rights": "Synthetic."})
    assert (first.article.id, first.article.text) == ("hf-a", SYNTHETIC_A)
    assert first.article.meta == ArticleMeta(
        title="Synthetic A", published="2024-01-31", rights="Synthetic."
    )
    assert second.article.meta == ArticleMeta(rights="Synthetic.")
    assert first.origin == f"{folder} [train] row 0"


def test_hf_errors(tmp_path: Path) -> None:
    folder = make_local_dataset(tmp_path / "ds")
    with pytest.raises(CorpusError, match=r"no column\(s\) nope \(columns: body, doc"):
        read_hf(str(folder), "train", "body", {"title": "nope"}, NO_META)
    with pytest.raises(CorpusError, match=r"\[test\]: cannot load the dataset"):
        read_hf(str(folder), "test", "body", {}, NO_META)


def test_read_inputs_keeps_input_order(tmp_path: Path) -> None:
    paths = [
        write(tmp_path / f"{name}.txt", text)
        for name, text in (("b", SYNTHETIC_B), ("a", SYNTHETIC_A))
    ]
    found = read_inputs([str(p) for p in paths], NO_META)
    assert [item.article.text for item in found] == [SYNTHETIC_B, SYNTHETIC_A]


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on a free loopback port serving ``tmp_path/site``."""
    site = tmp_path / "site"
    site.mkdir()
    write(site / "page.html", HTML)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_is_fetched_and_extracted(local_site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # trafilatura refuses non-public addresses; allow the loopback test server for this test.
    monkeypatch.setitem(trafilatura.settings.DEFAULT_CONFIG["DEFAULT"], "SSRF_PROTECTION", "off")
    [item] = read_input(f"{local_site}/page.html", NO_META)
    assert item.origin == f"{local_site}/page.html"
    assert "first paragraph of a synthetic test page" in item.article.text
    assert "SCRIPT_TEXT" not in item.article.text
    assert item.article.meta.url == f"{local_site}/page.html"
    assert item.article.meta.published == "2025-06-17"
    with pytest.raises(CorpusError, match="missing.html: could not be fetched"):
        read_input(f"{local_site}/missing.html", NO_META)


# --- what is not an article, or too long ----------------------------------------------------

# SYNTHETIC pages that are not articles, with the text trafilatura takes from them.
LOGIN_PAGE = """<html><head><title>Sign in</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie">We use cookies to improve your experience. By continuing you accept our
cookie policy.</div>
<form><label>Email</label><input name=email><label>Password</label><input type=password>
<button>Sign in</button></form></body></html>"""
NOT_FOUND_PAGE = """<html><head><title>404 Not Found</title></head><body>
<header><a href="/">Home</a></header><main><h1>Page not found</h1>
<p>Sorry, the page you are looking for does not exist or has been moved.</p>
<p><a href="/">Go to the home page</a></p></main></body></html>"""


@pytest.mark.parametrize("page", [LOGIN_PAGE, NOT_FOUND_PAGE])
def test_a_login_or_error_page_is_no_article(tmp_path: Path, page: str) -> None:
    path = write(tmp_path / "page.html", page)
    with pytest.raises(CorpusError, match=r"page\.html: main text of \d+ characters is shorter"):
        read_input(str(path), NO_META)
    [item] = read_input(str(path), NO_META, Limits(min_page_chars=50))  # the limit is an option
    assert "Home" in item.article.text


def test_an_article_over_the_length_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "Synthetic words. " * 100)
    with pytest.raises(CorpusError, match=r"long\.txt: text of 1,699 characters is over the limit"):
        read_input(str(path), NO_META, Limits(max_chars=1000))
    [item] = read_input(str(path), NO_META, Limits(max_chars=1699))
    assert len(item.article.text) == 1699


def test_a_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    [item] = read_input(str(write(tmp_path / "a.txt", "\ufeff" + SYNTHETIC_A)), NO_META)
    assert item.article.text == SYNTHETIC_A and item.article.id == derive_doc_id(SYNTHETIC_A)


def test_an_id_too_long_for_a_file_name_is_refused(tmp_path: Path) -> None:
    record = {"text": SYNTHETIC_A, "id": "a" * 300}
    path = write(tmp_path / "docs.jsonl", json.dumps(record) + "\n")
    with pytest.raises(CorpusError, match=r"docs\.jsonl:1: id 'a{300}' is not 1 to 100 letters"):
        read_input(str(path), NO_META)


def test_jsonl_lines_end_at_newline_only(tmp_path: Path) -> None:
    """U+2028, U+2029 and U+0085 may stand raw inside a JSON string: they end no line."""
    texts = ["Synthetic line\u2028separator.", "Synthetic next\x85line.", "Synthetic\u2029end."]
    lines = [json.dumps({"text": text}, ensure_ascii=False) for text in texts]
    path = write(tmp_path / "docs.jsonl", "\n".join(lines) + "\n")
    found = read_input(str(path), NO_META)
    assert [(item.origin, item.article.text) for item in found] == [
        (f"{path}:{n}", text) for n, text in enumerate(texts, start=1)
    ]
