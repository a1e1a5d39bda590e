"""Reading a predictions file: JSON Lines, one ``corpus.schema.Annotation`` per document.

Each line is an object with ``doc_id`` and any of the layers ``mentions``, ``entities``,
``relations``, ``claims``, ``claim_links`` in the canonical shape (offsets into the corpus
text); blank lines are skipped (``corpus.jsonl``). A document with no line counts as an empty
prediction; a file with no line at all is an error (an empty file is a failed run, not a
prediction of nothing). Every error names the file, the line and the item. Predictions of
documents outside the scored split are set apart (ignored and counted), or refused with
``strict``.
"""

from __future__ import annotations

from pathlib import Path

from corpus.jsonl import read_jsonl
from corpus.schema import Annotation, Article, SchemaError
from corpus.validate import check_or_raise


class PredictionsError(ValueError):
    """A predictions file cannot be scored; the message names the file, line and item."""


Found = dict[str, tuple[int, Annotation]]  # doc id -> (line number, prediction)


def read_predictions(path: Path) -> Found:
    """The predictions of ``path`` by doc id, each with its line number (not yet checked
    against the texts: see :func:`check_prediction`).

    Raises :class:`PredictionsError` for a file without predictions, a line that is not an
    annotation or a doc id given twice; ``corpus.store.CorpusError`` for a file that cannot be
    read or a line that is not JSON.
    """
    found: dict[str, tuple[int, Annotation]] = {}
    for number, data in read_jsonl(path):
        where = f"{path}:{number}"
        try:
            annotation = Annotation.from_dict(data, where)
        except SchemaError as error:
            raise PredictionsError(str(error)) from None
        if annotation.doc_id in found:
            first = found[annotation.doc_id][0]
            raise PredictionsError(
                f"{where}: {annotation.doc_id}: already predicted on line {first}"
            )
        found[annotation.doc_id] = number, annotation
    if not found:
        raise PredictionsError(f"{path}: no predictions (an empty file)")
    return found


def split_predictions(
    found: Found, doc_ids: set[str], split: str, path: Path, strict: bool
) -> tuple[Found, Found]:
    """The predictions of the documents ``doc_ids`` of ``split``, and those of other documents
    (ignored by the scorer); with ``strict`` the first of those is a :class:`PredictionsError`.
    """
    inside = {doc_id: item for doc_id, item in found.items() if doc_id in doc_ids}
    outside = {doc_id: item for doc_id, item in found.items() if doc_id not in doc_ids}
    if strict and outside:
        doc_id, (line, _) = min(outside.items(), key=lambda pair: pair[1][0])
        raise PredictionsError(
            f"{path}:{line}: {doc_id}: not a document of the {split!r} split (--strict)"
        )
    return inside, outside


def check_prediction(annotation: Annotation, article: Article, where: str) -> None:
    """Raise :class:`PredictionsError` naming the first problem of ``annotation`` (offsets
    outside the text, dangling ids, overlapping or misaligned names…) and how many others."""
    check_or_raise(annotation, article, where, PredictionsError)
