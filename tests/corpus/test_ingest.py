"""Ingestion: dedupe, all-or-nothing writes, splits, the CLI (the readers: test_readers.py).

All texts below are synthetic test fixtures except the seed article; every test writes into
a corpus under ``tmp_path``, never into the repo's ``corpus/``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus import cli
from corpus.__main__ import build_parser
from corpus.ingest import ingest
from corpus.readers import Incoming, read_input
from corpus.schema import Article
from corpus.splits import split_for
from corpus.store import LOCK_FILE, CorpusError, CorpusStore
from corpus.text import derive_doc_id, normalize_text
from tests.conftest import REPO, SEED_FILE
from tests.corpus.test_readers import (
    HTML,
    NO_META,
    SYNTHETIC_A,
    SYNTHETIC_B,
    make_local_dataset,
    write,
)


def run_cli(*argv: str | Path) -> int:
    return cli.run(build_parser(), ["ingest", *map(str, argv)])


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A new corpus: an empty folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def ids_on_disk(corpus_dir: Path) -> list[str]:
    return [article.id for article in CorpusStore(corpus_dir).articles()]


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
    assert not any(corpus_dir.iterdir())


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
    assert not any(corpus_dir.iterdir())


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
    assert not any(corpus_dir.iterdir())


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


def test_the_same_text_with_other_whitespace_or_a_byte_order_mark_is_present(
    tmp_path: Path, corpus_dir: Path
) -> None:
    store = CorpusStore(corpus_dir)
    ingest(store, read_input(str(write(tmp_path / "a.txt", SYNTHETIC_A)), NO_META), None)
    variant = "\ufeff" + SYNTHETIC_A.replace(" ", "  \t").replace("\n", "\n\n ")
    record = json.dumps({"text": variant.replace("\ufeff", "\ufeff ")}, ensure_ascii=False)
    again = read_input(str(write(tmp_path / "b.txt", variant)), NO_META) + read_input(
        str(write(tmp_path / "c.jsonl", record)), NO_META
    )
    result = ingest(store, again, None)
    assert result.added == () and result.present == (derive_doc_id(SYNTHETIC_A),) * 2
    assert ids_on_disk(corpus_dir) == [derive_doc_id(SYNTHETIC_A)]


def test_a_missing_corpus_folder_is_an_error_not_a_new_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "corpsu"
    assert run_cli(write(tmp_path / "a.txt", SYNTHETIC_A), "--corpus", typo) == 1
    assert capsys.readouterr().err == f"python -m corpus: error: {typo}: no such corpus folder\n"
    assert not typo.exists()


# --- all or nothing, one writer at a time ----------------------------------------------------


def corpus_files(corpus_dir: Path) -> dict[str, bytes]:
    """Every file of a corpus folder and its bytes, but the writers' lock (not corpus state)."""
    return {
        path.relative_to(corpus_dir).as_posix(): path.read_bytes()
        for path in sorted(corpus_dir.rglob("*"))
        if path.is_file() and path.name != LOCK_FILE
    }


def synthetic_records(count: int, tag: str) -> str:
    """JSON Lines of ``count`` SYNTHETIC documents, distinct by ``tag`` and number."""
    return "".join(
        json.dumps({"text": f"Synthetic document {tag} {n}.\nIts second paragraph."}) + "\n"
        for n in range(count)
    )


@pytest.fixture
def started_corpus(tmp_path: Path, corpus_dir: Path) -> Path:
    """A corpus of two articles with splits, to be left exactly as it is."""
    records = write(tmp_path / "start.jsonl", synthetic_records(2, "start"))
    ingest(CorpusStore(corpus_dir), read_input(str(records), NO_META), None)
    return corpus_dir


def test_a_write_the_system_refuses_writes_nothing(tmp_path: Path, started_corpus: Path) -> None:
    store = CorpusStore(started_corpus)
    before = corpus_files(started_corpus)
    good = read_input(str(write(tmp_path / "a.txt", SYNTHETIC_A)), NO_META)
    # an id too long for a file name, past the reader's check: the system refuses the write
    too_long = Incoming("synthetic", Article("a" * 300, SYNTHETIC_B))
    with pytest.raises(CorpusError, match=r"/a{300}\.json: cannot write: File name too long"):
        ingest(store, [*good, too_long], "train")
    assert corpus_files(started_corpus) == before


def test_a_second_writer_gives_up_after_the_timeout_in_one_line(started_corpus: Path) -> None:
    store = CorpusStore(started_corpus)
    with store.locked(), pytest.raises(CorpusError) as raised, store.transaction(timeout=0.2):
        pass
    message = str(raised.value)
    assert message == (
        f"{started_corpus / LOCK_FILE}: another writer (process {os.getpid()}) has held the "
        "lock for over 0.2 s; nothing written, try again later"
    )


def ingest_command(corpus_dir: Path, *inputs: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "corpus",
        "ingest",
        *map(str, inputs),
        "--corpus",
        str(corpus_dir),
    ]


def test_a_second_writer_waits_for_the_first(tmp_path: Path, started_corpus: Path) -> None:
    records = write(tmp_path / "more.jsonl", synthetic_records(3, "more"))
    store = CorpusStore(started_corpus)
    with store.locked():
        second = subprocess.Popen(
            ingest_command(started_corpus, records), cwd=REPO, stderr=subprocess.PIPE, text=True
        )
        waiting = second.stderr.readline()
        assert waiting == f"{started_corpus / LOCK_FILE}: waiting for process {os.getpid()}\n"
        assert len(store.article_paths()) == 2  # nothing written while the first holds the lock
    assert second.wait(timeout=60) == 0
    assert len(store.article_paths()) == 5 and len(store.split_of()) == 5


def wait_until(condition, timeout: float = 60.0) -> None:
    """Poll ``condition`` until it holds (an error after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGKILL])
def test_an_ingest_interrupted_midway_leaves_the_corpus_as_before(
    tmp_path: Path, started_corpus: Path, signal_number: int
) -> None:
    """A real ingest of 3,000 documents, interrupted while it writes them: Ctrl-C rolls back
    at once; after a kill, the next command that opens the corpus (here validate) rolls back
    what the journal records."""
    before = corpus_files(started_corpus)
    records = write(tmp_path / "many.jsonl", synthetic_records(3000, "many"))
    store = CorpusStore(started_corpus)
    child = subprocess.Popen(ingest_command(started_corpus, records), cwd=REPO)

    def writing_articles() -> bool:
        return store.journal_path.exists() and len(os.listdir(store.articles_dir)) > 20

    wait_until(writing_articles)
    child.send_signal(signal_number)
    code = child.wait(timeout=60)
    if signal_number == signal.SIGKILL:
        assert code == -signal.SIGKILL and store.journal_path.exists()  # killed midway
        assert corpus_files(started_corpus) != before
    else:
        assert code == 130
    validate = [sys.executable, "-m", "corpus", "validate", "--corpus", str(started_corpus)]
    assert subprocess.run(validate, cwd=REPO, capture_output=True).returncode == 0
    assert corpus_files(started_corpus) == before


def test_parallel_ingests_lose_nothing(tmp_path: Path, corpus_dir: Path) -> None:
    """Eight real ingests at once, 150 documents each: all 1,200 are in the corpus and in a
    split."""
    inputs = [
        write(tmp_path / f"part{n}.jsonl", synthetic_records(150, f"part{n}")) for n in range(8)
    ]
    children = [
        subprocess.Popen(ingest_command(corpus_dir, path), cwd=REPO, stderr=subprocess.DEVNULL)
        for path in inputs
    ]
    assert [child.wait(timeout=300) for child in children] == [0] * 8
    store = CorpusStore(corpus_dir)
    assert len(store.article_paths()) == len(store.split_of()) == 1200
    validate = [sys.executable, "-m", "corpus", "validate", "--corpus", str(corpus_dir)]
    assert subprocess.run(validate, cwd=REPO, capture_output=True).returncode == 0
