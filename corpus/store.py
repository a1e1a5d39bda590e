"""The corpus folder on disk: where each file lives, reading it with clear errors, atomic writes.

Layout of a corpus folder (the repo's own is ``corpus/``)::

    articles/<doc_id>.json              Article
    gold/<doc_id>.json                  Annotation
    annotations/<annotator>/<doc_id>.json
    splits.json                         {"train": [...], "dev": [...], "test": [...]}
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus.schema import Annotation, Article, SchemaError

REPO_CORPUS = Path(__file__).resolve().parent


class CorpusError(Exception):
    """A corpus file cannot be read or written; the message names the file and item."""


def read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except json.JSONDecodeError as error:
        raise CorpusError(f"{path}: invalid JSON at line {error.lineno}: {error.msg}") from None
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8 text") from None


def write_text_atomic(path: Path, text: str, mode: int = 0o644) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temporary, mode)  # mkstemp creates 0600; corpus files are for everyone
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
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


class CorpusStore:
    """Files of one corpus folder."""

    def __init__(self, root: Path = REPO_CORPUS) -> None:
        self.root = Path(root)

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

    def article_paths(self) -> list[Path]:
        return sorted(self.articles_dir.glob("*.json"))

    def gold_paths(self) -> list[Path]:
        return sorted(self.gold_dir.glob("*.json"))

    def annotation_paths(self) -> list[Path]:
        return sorted(self.annotations_dir.glob("*/*.json"))

    def annotators(self) -> list[str]:
        return sorted(p.name for p in self.annotations_dir.glob("*") if p.is_dir())

    def load_article(self, path_or_id: Path | str) -> Article:
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
