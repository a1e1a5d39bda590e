"""Ingestion: every input kind, dedupe, all-or-nothing writes, splits, the CLI.

All texts below are synthetic test fixtures except the seed article; every test writes into
a corpus under ``tmp_path``, never into the repo's ``corpus/``.
"""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import datasets
import pytest
import trafilatura.settings

from corpus import cli
from corpus.__main__ import build_parser
from corpus.ingest import ingest, published_from_html, read_hf, read_input, read_inputs
from corpus.schema import ArticleMeta
from corpus.splits import split_for
from corpus.store import CorpusError, CorpusStore
from corpus.text import derive_doc_id, normalize_text
from tests.conftest import REPO, SEED_FILE

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
</article>
</body></html>
"""


def run_cli(*argv: str | Path) -> int:
    return cli.run(build_parser(), ["ingest", *map(str, argv)])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return tmp_path / "corpus"


def ids_on_disk(corpus_dir: Path) -> list[str]:
    return [article.id for article in CorpusStore(corpus_dir).articles()]


# --- readers -------------------------------------------------------------------------------


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
        ('{"text": "x", "published": "2024-02-30"}', "docs.jsonl:2: published '2024-02-30'"),
        ('{"text": "x", "id": "../escape"}', "docs.jsonl:2: id '../escape' is not"),
        ('{"text": "x", "title": 3}', "docs.jsonl:2: meta: field 'title' has the wrong type"),
    ],
)
def test_jsonl_errors_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path / "docs.jsonl", json.dumps({"text": SYNTHETIC_A}) + "\n" + line + "\n")
    with pytest.raises(CorpusError) as raised:
        read_input(str(path), NO_META)
    assert message in str(raised.value)


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


# --- adding to a corpus --------------------------------------------------------------------


def test_same_text_twice_is_a_no_op(tmp_path: Path, corpus_dir: Path) -> None:
    store = CorpusStore(corpus_dir)
    path = write(tmp_path / "a.txt", SYNTHETIC_A)
    first = ingest(store, read_input(str(path), NO_META), None)
    assert first.added == (derive_doc_id(SYNTHETIC_A),) and first.present == ()
    before = {p: p.stat().st_mtime_ns for p in corpus_dir.rglob("*.json")}
    # The same text again, also under another id and inside the same batch: nothing new.
    again = read_input(str(path), NO_META) + read_input(
        str(write(tmp_path / "b.jsonl", json.dumps({"text": SYNTHETIC_A, "id": "other"}))),
        NO_META,
    )
    second = ingest(store, again, None)
    assert second.added == () and second.present == (first.added[0], first.added[0])
    assert {p: p.stat().st_mtime_ns for p in corpus_dir.rglob("*.json")} == before


def test_duplicate_text_within_one_batch_is_added_once(tmp_path: Path, corpus_dir: Path) -> None:
    items = read_input(str(write(tmp_path / "a.txt", SYNTHETIC_A)), NO_META) * 2
    result = ingest(CorpusStore(corpus_dir), items, None)
    assert len(result.added) == 1 and len(result.present) == 1


def test_given_id_with_another_text_is_an_error(tmp_path: Path, corpus_dir: Path) -> None:
    store = CorpusStore(corpus_dir)
    jsonl = tmp_path / "d.jsonl"
    ingest(
        store, read_input(str(write(jsonl, json.dumps({"text": SYNTHETIC_A, "id": "x"}))), {}), None
    )
    write(jsonl, json.dumps({"text": SYNTHETIC_B, "id": "x"}))
    with pytest.raises(CorpusError, match=r"d\.jsonl:1: id 'x' already names a different text"):
        ingest(store, read_input(str(jsonl), NO_META), None)
    assert store.load_article("x").text == SYNTHETIC_A


def test_splits_recorded_once_and_stable_when_documents_are_added(
    tmp_path: Path, corpus_dir: Path
) -> None:
    store = CorpusStore(corpus_dir)
    first = write(tmp_path / "a.txt", SYNTHETIC_A)
    ingest(store, read_input(str(first), NO_META), "test")
    assert store.splits() == {"train": [], "dev": [], "test": [derive_doc_id(SYNTHETIC_A)]}
    records = [json.dumps({"text": f"Synthetic document number {i}."}) for i in range(30)]
    more = read_input(str(write(tmp_path / "more.jsonl", "\n".join(records))), NO_META)
    ingest(store, more, None)
    split_of = store.split_of()
    assert split_of[derive_doc_id(SYNTHETIC_A)] == "test"
    for item in more:
        assert split_of[item.article.id] == split_for(item.article.id)
    assert all(ids == sorted(ids) for ids in store.splits().values())
    with pytest.raises(CorpusError, match="already in split 'test', not moved to 'train'"):
        ingest(store, read_input(str(first), NO_META), "train")


def test_missing_split_entry_is_recorded_on_reingest(tmp_path: Path, corpus_dir: Path) -> None:
    store = CorpusStore(corpus_dir)
    items = read_input(str(write(tmp_path / "a.txt", SYNTHETIC_A)), NO_META)
    ingest(store, items, "dev")
    store.splits_path.unlink()
    result = ingest(store, items, "dev")
    assert result.added == () and store.split_of() == {items[0].article.id: "dev"}


# --- the command line ----------------------------------------------------------------------


def test_cli_adds_hf_then_txt_html_jsonl(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_local_dataset(tmp_path / "ds")
    hf_args = ["--hf", folder, "--hf-split", "train", "--text-column", "body"]
    assert run_cli(*hf_args, "--id-column", "doc", "--corpus", corpus_dir) == 0
    assert capsys.readouterr().out.strip() == "added 2, already present 0"
    store = CorpusStore(corpus_dir)
    assert store.load_article("hf-b").text == SYNTHETIC_B

    txt = write(tmp_path / "a.txt", SYNTHETIC_A)
    html = write(tmp_path / "page.html", HTML)
    jsonl = write(tmp_path / "b.jsonl", json.dumps({"text": SYNTHETIC_B, "id": "syn-b"}) + "\n")
    assert run_cli(txt, html, jsonl, "--corpus", corpus_dir, "--rights", "Synthetic.") == 0
    assert capsys.readouterr().out.strip() == "added 1, already present 2"
    [page] = [a for a in store.articles() if a.id not in ("hf-a", "hf-b")]
    assert page.meta.rights == "Synthetic." and page.meta.published == "2025-06-17"
    assert sorted(store.split_of()) == sorted(["hf-a", "hf-b", page.id])


@pytest.mark.parametrize(
    ("make_bad", "message"),
    [
        (lambda tmp: write(tmp / "empty.txt", " \n\n "), "empty.txt: empty text"),
        (lambda tmp: tmp / "missing.txt", "missing.txt: no such file"),
        (lambda tmp: write(tmp / "bad.jsonl", '{"text": "x"}\n{oops\n'), "bad.jsonl:2: invalid"),
        (lambda tmp: write(tmp / "a.docx", "x"), "a.docx: unknown input format"),
    ],
)
def test_cli_bad_input_among_good_ones_writes_nothing(
    tmp_path: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str], make_bad, message: str
) -> None:
    good = write(tmp_path / "good.txt", SYNTHETIC_A)
    assert run_cli(good, make_bad(tmp_path), "--corpus", corpus_dir) == 1
    error = capsys.readouterr().err  # progress bar lines, then the error on one line
    assert message in error.splitlines()[-1] and "Traceback" not in error
    assert not corpus_dir.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "nothing to ingest"),
        (["--hf", "x"], "--hf needs --hf-split and --text-column"),
        (["--text-column", "body"], "need --hf"),
    ],
)
def test_cli_option_errors(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run_cli(*args, "--corpus", corpus_dir) == 1
    assert message in capsys.readouterr().err
    assert not corpus_dir.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split", "validation"], "invalid choice: 'validation'"),
        (["--published", "2025-02-30"], "'2025-02-30' is not a YYYY-MM-DD date"),
        (["--published", "17/06/2025"], "'17/06/2025' is not a YYYY-MM-DD date"),
    ],
)
def test_cli_rejects_bad_option_values(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args, message: str
) -> None:
    with pytest.raises(SystemExit) as raised:
        run_cli(write(tmp_path / "a.txt", SYNTHETIC_A), *args, "--corpus", corpus_dir)
    assert raised.value.code == 2
    assert message in capsys.readouterr().err
    assert not corpus_dir.exists()


def test_seed_ingest_matches_the_repo_article(corpus_dir: Path) -> None:
    """Ingesting the seed into an empty corpus gives exactly the repo's seed article."""
    if not SEED_FILE.exists():
        pytest.skip(f"the seed's source file is not beside the repo: {SEED_FILE}")
    rights = CorpusStore(REPO / "corpus").load_article("ecc15c41bcd53d94").meta.rights
    args = [SEED_FILE, "--split", "test", "--language", "en", "--rights", rights]
    assert run_cli(*args, "--corpus", corpus_dir) == 0
    assert run_cli(*args, "--corpus", corpus_dir) == 0  # again: adds nothing
    store = CorpusStore(corpus_dir)
    [article] = list(store.articles())
    assert article.id == "ecc15c41bcd53d94"
    assert article.text == normalize_text(SEED_FILE.read_text(encoding="utf-8"))
    name = "articles/ecc15c41bcd53d94.json"
    assert (corpus_dir / name).read_bytes() == (REPO / "corpus" / name).read_bytes()
    assert store.split_of() == {"ecc15c41bcd53d94": "test"}
    assert CorpusStore(REPO / "corpus").split_of()["ecc15c41bcd53d94"] == "test"


def test_module_entry_point_exit_codes(tmp_path: Path, corpus_dir: Path) -> None:
    command = [sys.executable, "-m", "corpus", "ingest", "--corpus", str(corpus_dir)]
    good = subprocess.run(
        [*command, str(write(tmp_path / "a.txt", SYNTHETIC_A))], cwd=REPO, capture_output=True
    )
    assert good.returncode == 0, good.stderr
    assert good.stdout.decode().strip() == "added 1, already present 0"
    bad = subprocess.run([*command, str(tmp_path / "none.txt")], cwd=REPO, capture_output=True)
    assert bad.returncode == 1
    assert bad.stderr.decode().strip().endswith("none.txt: no such file")


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
