"""The corpus folder on disk: where each file lives, reading it with clear errors, atomic and
serialised writes.

Layout of a corpus folder (the repo's own is ``corpus/``)::

    articles/<doc_id>.json              Article
    gold/<doc_id>.json                  Annotation
    annotations/<annotator>/<doc_id>.json
    splits.json                         {"train": [...], "dev": [...], "test": [...]}
    .claimwire.lock                     the writers' lock (never committed)
    .claimwire-journal                  while a writer commits: what it changes (never committed)

A file is written to a temporary file beside it, then renamed into place. A command that
changes the corpus does so in a :meth:`CorpusStore.transaction`: under the corpus's lock (a
second writer waits for the first, or fails with one line after ``LOCK_TIMEOUT``), it reads
what it needs, then commits its files together. The commit first records each file's previous
text in the journal, then writes the files, then deletes the journal; interrupted in between,
it puts the previous texts back (``roll_back``). A writer killed outright (SIGKILL, a power
cut) leaves the journal behind, and whoever opens the corpus next rolls it back first, as
SQLite does with its hot journal: the corpus is as before the interrupted write, never half of
it. A reader that runs while a live writer commits may see part of that commit; it sees no
journal (or waits for the lock) once the writer is done.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus.schema import Annotation, Article, SchemaError

REPO_CORPUS = Path(__file__).resolve().parent
LOCK_FILE = ".claimwire.lock"
JOURNAL_FILE = ".claimwire-journal"
LOCK_TIMEOUT = 120.0  # seconds a writer waits for another writer of the same corpus


class CorpusError(Exception):
    """A corpus file (or a command's output) cannot be read or written; the message names the
    file and item."""


def read_text(path: Path, newline: str | None = None) -> str:
    """The UTF-8 text of ``path``; a :class:`CorpusError` naming it when it cannot be read.

    Line breaks become ``\\n``; with ``newline=""`` they are kept as stored (``\\r\\n``
    counts two characters, as offsets into the file do).
    """
    try:
        with open(path, encoding="utf-8", newline=newline) as handle:
            return handle.read()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a folder, not a file") from None
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise CorpusError(f"{path}: cannot read: {error.strerror}") from None


def read_json(path: Path) -> Any:
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CorpusError(f"{path}: invalid JSON at line {error.lineno}: {error.msg}") from None


def write_text_atomic(path: Path, text: str, mode: int = 0o644) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it into place; a
    :class:`CorpusError` naming ``path`` when the system refuses (a folder there, a parent that
    is a file, a name too long, no permission), with nothing written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise CorpusError(f"{path}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temporary, mode)  # mkstemp creates 0600; corpus files are for everyone
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise CorpusError(f"{path}: cannot write: {error.strerror}") from None
        raise


def dumps(data: dict[str, Any]) -> str:
    """Stable JSON for corpus files: one top-level key per line, one list item per line."""
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {json.dumps(item, ensure_ascii=False)}" for item in value)
            lines.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_json(path: Path, data: dict[str, Any]) -> None:
    write_text_atomic(path, dumps(data))


# --- the lock and the journal ----------------------------------------------------------------


@contextlib.contextmanager
def file_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing), waiting up to ``timeout``
    seconds for its holder; the system releases it when the holder ends, however it ends."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)  # as the umask allows
    except OSError as error:
        raise CorpusError(f"{path}: cannot lock: {error.strerror}") from None
    try:
        deadline, waiting = time.monotonic() + timeout, False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                if time.monotonic() >= deadline:
                    raise CorpusError(
                        f"{path}: another writer (process {holder}) has held the lock for over "
                        f"{timeout:g} s; nothing written, try again later"
                    ) from None
                if not waiting:
                    print(f"{path}: waiting for process {holder}", file=sys.stderr, flush=True)
                    waiting = True
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        os.close(fd)


class Transaction:
    """The files one writer changes: written together by ``commit``, or none of them."""

    def __init__(self, journal: Path) -> None:
        self.journal = journal
        self.files: dict[Path, str] = {}

    def write(self, path: Path, text: str) -> None:
        """Have ``commit`` write ``text`` to ``path``."""
        self.files[Path(path).absolute()] = text

    def write_json(self, path: Path, data: dict[str, Any]) -> None:
        self.write(path, dumps(data))

    def commit(self) -> None:
        """Journal the previous text of every file (None for a new one) and the folders that
        will be made, write every file, then delete the journal. Interrupted or refused, it
        rolls back and raises."""
        if not self.files:
            return
        previous = {str(path): _current_text(path) for path in self.files}
        made = {str(f) for path in self.files for f in path.parents if not f.exists()}
        write_text_atomic(self.journal, json.dumps({"files": previous, "folders": sorted(made)}))
        try:
            for path, text in self.files.items():
                write_text_atomic(path, text)
        except BaseException:
            roll_back(self.journal)
            raise
        self.journal.unlink()


def _current_text(path: Path) -> str | None:
    """The text of the file at ``path``; None when there is none."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:  # e.g. a name too long
        raise CorpusError(f"{path}: cannot write: {error.strerror}") from None
    return read_text(path)


def roll_back(journal: Path) -> None:
    """Undo the commit ``journal`` records: each file's previous text put back (a new file and
    any temporary file beside it removed), the folders it made removed, then the journal."""
    record = read_json(journal)
    for name, text in record["files"].items():
        path = Path(name)
        for temporary in path.parent.glob(f".{path.name}.*.tmp"):
            temporary.unlink(missing_ok=True)
        if text is None:
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                path.unlink()
        else:
            write_text_atomic(path, text)
    for name in sorted(record["folders"], key=len, reverse=True):  # the deepest first
        with contextlib.suppress(OSError):
            Path(name).rmdir()
    journal.unlink()


class CorpusStore:
    """Files of one corpus folder. Reading a folder that does not exist is an error (a typo
    in ``--corpus`` is not an empty corpus); reading first rolls back an interrupted write
    (:meth:`check`)."""

    def __init__(self, root: Path = REPO_CORPUS) -> None:
        self.root = Path(root)

    @property
    def journal_path(self) -> Path:
        return self.root / JOURNAL_FILE

    def check(self) -> None:
        """Check that the folder exists; roll back a write that was interrupted (its journal
        is left and its lock free), waiting first for a writer still at work."""
        if not self.root.is_dir():
            raise CorpusError(f"{self.root}: no such corpus folder")
        if self.journal_path.exists():
            with self.locked():
                pass  # ``locked`` rolls back what a dead writer left

    @contextlib.contextmanager
    def locked(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """Hold the corpus's write lock, after rolling back an interrupted write."""
        if not self.root.is_dir():
            raise CorpusError(f"{self.root}: no such corpus folder")
        with file_lock(self.root / LOCK_FILE, timeout):
            for temporary in self.root.glob(f".{JOURNAL_FILE}.*.tmp"):  # a journal half written
                temporary.unlink()
            if self.journal_path.exists():
                roll_back(self.journal_path)
            yield

    @contextlib.contextmanager
    def transaction(self, timeout: float = LOCK_TIMEOUT) -> Iterator[Transaction]:
        """Under the lock, a :class:`Transaction` committed when the block ends normally (an
        error or an interrupt in the block writes nothing)."""
        with self.locked(timeout):
            transaction = Transaction(self.journal_path)
            yield transaction
            transaction.commit()

    @property
    def articles_dir(self) -> Path:
        return self.root / "articles"

    @property
    def gold_dir(self) -> Path:
        return self.root / "gold"

    @property
    def annotations_dir(self) -> Path:
        return self.root / "annotations"

    @property
    def splits_path(self) -> Path:
        return self.root / "splits.json"

    def article_path(self, doc_id: str) -> Path:
        return self.articles_dir / f"{doc_id}.json"

    def gold_path(self, doc_id: str) -> Path:
        return self.gold_dir / f"{doc_id}.json"

    def annotation_path(self, annotator: str, doc_id: str) -> Path:
        return self.annotations_dir / annotator / f"{doc_id}.json"

    def _glob(self, folder: Path, pattern: str) -> list[Path]:
        self.check()
        return sorted(folder.glob(pattern))

    def article_paths(self) -> list[Path]:
        return self._glob(self.articles_dir, "*.json")

    def gold_paths(self) -> list[Path]:
        return self._glob(self.gold_dir, "*.json")

    def annotation_paths(self) -> list[Path]:
        return self._glob(self.annotations_dir, "*/*.json")

    def annotators(self) -> list[str]:
        return [path.name for path in self._glob(self.annotations_dir, "*") if path.is_dir()]

    def load_article(self, path_or_id: Path | str) -> Article:
        self.check()
        path = path_or_id if isinstance(path_or_id, Path) else self.article_path(path_or_id)
        return load_article(path)

    def articles(self) -> Iterator[Article]:
        for path in self.article_paths():
            yield load_article(path)

    def gold(self) -> Iterator[Annotation]:
        for path in self.gold_paths():
            yield load_annotation(path)

    def save_article(self, article: Article) -> Path:
        path = self.article_path(article.id)
        write_json(path, article.to_dict())
        return path

    def save_annotation(self, annotation: Annotation, path: Path) -> None:
        write_json(path, annotation.to_dict())

    def splits(self) -> dict[str, list[str]]:
        """The recorded split of each document; empty when none is recorded yet."""
        self.check()
        if not self.splits_path.exists():
            return {}
        data = read_json(self.splits_path)
        if not isinstance(data, dict) or not all(
            isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in data.values()
        ):
            raise CorpusError(f"{self.splits_path}: expected an object of split -> list of ids")
        return data

    def split_of(self) -> dict[str, str]:
        return {doc_id: split for split, ids in self.splits().items() for doc_id in ids}

    def gold_documents(self, split: str) -> tuple[list[Annotation], list[Article]]:
        """The gold annotations of the documents of ``split`` that have one, and their
        articles, in id order (none for a split that is empty or not recorded)."""
        with_gold = {path.stem for path in self.gold_paths()}
        ids = sorted(with_gold.intersection(self.splits().get(split, ())))
        gold = [load_annotation(self.gold_path(doc_id)) for doc_id in ids]
        return gold, [self.load_article(doc_id) for doc_id in ids]


def load_article(path: Path) -> Article:
    try:
        return Article.from_dict(read_json(path), str(path))
    except SchemaError as error:
        raise CorpusError(str(error)) from None


def load_annotation(path: Path) -> Annotation:
    try:
        return Annotation.from_dict(read_json(path), str(path))
    except SchemaError as error:
        raise CorpusError(str(error)) from None
