"""Folders a command writes whole and replaces whole: ``corpus export``, ``benchmarks run``.

The command writes into a temporary sibling folder, which replaces the output folder only when
everything is written: an error or an interrupt leaves the previous folder as it was. The new
folder holds a marker file (``MARKER``) saying which command made it. A folder is replaced only
when it is missing, empty, or holds the marker; anything else (a clone of a hub repository, a
git work tree, a home folder) is refused in one line before any work, and never deleted.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from corpus.store import CorpusError, write_text_atomic

MARKER = ".claimwire-output"


def check_replaceable(out: Path) -> None:
    """Raise a :class:`CorpusError` unless ``out`` is missing, an empty folder, or a folder
    that holds the marker (made by a command of ours)."""
    if not out.exists():
        return
    if not out.is_dir():
        raise CorpusError(f"{out}: is a file, not a folder")
    if not (out / MARKER).is_file() and any(out.iterdir()):
        raise CorpusError(
            f"{out}: refusing to replace a folder this command did not make (it holds files "
            f"and no {MARKER}); give an empty or new folder"
        )


@contextlib.contextmanager
def replacing_folder(out: Path, made_by: str) -> Iterator[Path]:
    """An empty sibling folder of ``out`` (holding the marker, which names ``made_by``) that
    replaces ``out`` when the block succeeds; removed, with ``out`` untouched, when the block
    raises or is interrupted."""
    check_replaceable(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    except OSError as error:
        raise CorpusError(f"{out}: cannot write: {error.strerror}") from None
    try:
        write_text_atomic(staging / MARKER, f"made by {made_by}; replaced whole by its next run\n")
        yield staging
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, out: Path) -> None:
    """Rename ``staging`` to ``out``; a previous ``out`` is removed, or restored on failure."""
    staging.chmod(0o755)  # mkdtemp makes it private
    previous = staging.with_suffix(".old")
    try:
        if out.exists():
            out.rename(previous)
        staging.rename(out)
    except BaseException as error:
        if previous.exists() and not out.exists():
            previous.rename(out)
        if isinstance(error, OSError):
            raise CorpusError(f"{out}: cannot replace: {error.strerror}") from None
        raise
    if previous.exists():
        shutil.rmtree(previous)
