"""Reading a predictions file: JSON Lines, one ``corpus.schema.Annotation`` per document.

Each line is an object with ``doc_id`` and any of the layers ``mentions``, ``entities``,
``relations``, ``claims``, ``claim_links`` in the canonical shape (offsets into the corpus
text). A document with no line counts as an empty prediction. Every error names the file, the
line and the item.
"""

from __future__ import annotations

import json
from pathlib import Path

from corpus.schema import Annotation, Article, SchemaError
from corpus.validate import check_annotation


class PredictionsError(ValueError):
    """A predictions file cannot be scored; the message names the file, line and item."""


def read_predictions(
    path: Path, doc_ids: set[str], split: str
) -> dict[str, tuple[int, Annotation]]:
    """The predictions of ``path`` by doc id, each with its line number (not yet checked
    against the texts: see :func:`check_prediction`).

    Raises :class:`PredictionsError` for a line that is not JSON or not an annotation, a doc id
    outside ``doc_ids`` (the documents of ``split``) or a doc id given twice.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise PredictionsError(f"{path}: not UTF-8 text") from None
    found: dict[str, tuple[int, Annotation]] = {}
    for number, line in enumerate(lines, start=1):
        where = f"{path}:{number}"
        if not line.strip():
            raise PredictionsError(f"{where}: empty line")
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise PredictionsError(f"{where}: invalid JSON: {error.msg}") from None
        try:
            annotation = Annotation.from_dict(data, where)
        except SchemaError as error:
            raise PredictionsError(str(error)) from None
        if annotation.doc_id not in doc_ids:
            raise PredictionsError(
                f"{where}: {annotation.doc_id}: not a document of the {split!r} split"
            )
        if annotation.doc_id in found:
            first = found[annotation.doc_id][0]
            raise PredictionsError(
                f"{where}: {annotation.doc_id}: already predicted on line {first}"
            )
        found[annotation.doc_id] = number, annotation
    return found


def check_prediction(annotation: Annotation, article: Article, where: str) -> None:
    """Raise :class:`PredictionsError` naming the first problem of ``annotation`` (offsets
    outside the text, dangling ids, overlapping or misaligned names…) and how many others."""
    problems = check_annotation(annotation, article, where)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise PredictionsError(f"{problems[0]}{more}")
