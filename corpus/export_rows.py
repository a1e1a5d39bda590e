"""Rows of each exported configuration, built from the gold documents; and back.

``documents``: one row per gold document (its gold JSON plus text and metadata);
``ner``: one row per sentence; ``claims``: one row per claim; ``relations``: one row per
relation. Rows hold label names; the features (``corpus/features.py``) encode them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from tqdm import tqdm

from corpus.features import DOCUMENTS, labels_to_names
from corpus.schema import CLAIM_ATTRIBUTES, LAYERS, Annotation, Article, Mention
from corpus.store import CorpusError, CorpusStore
from corpus.text import AlignmentError, Sentence, offsets_to_bio, sentences

ARTICLE_COLUMNS = ["id", "text", "meta"]  # of a ``documents`` row: its article

# --- the gold documents ----------------------------------------------------------------------


@dataclass(frozen=True)
class GoldDocument:
    article: Article
    annotation: Annotation
    sentences: list[Sentence]

    @property
    def doc_id(self) -> str:
        return self.article.id

    def surface(self, start: int, end: int) -> str:
        return self.article.text[start:end]

    def context(self, start: int, end: int, item: str) -> dict[str, Any]:
        """The sentence(s) overlapping ``[start, end)``, with their document offsets."""
        around = [s for s in self.sentences if s.start < end and s.end > start]
        if not around:
            raise CorpusError(f"{self.doc_id}: {item}: span [{start}, {end}) is in no sentence")
        first, last = around[0].start, around[-1].end
        return {"text": self.surface(first, last), "start": first, "end": last}

    def text_span(self, start: int, end: int) -> dict[str, Any]:
        return {"text": self.surface(start, end), "start": start, "end": end}


def documents_by_split(store: CorpusStore) -> dict[str, list[GoldDocument]]:
    """Gold documents by split (in the order of ``splits.json``), sorted by id; no empty split."""
    split_of = store.split_of()
    unsplit = [path for path in store.gold_paths() if path.stem not in split_of]
    if unsplit:
        raise CorpusError(f"{unsplit[0]}: {unsplit[0].stem} is in no split of {store.splits_path}")
    by_split: dict[str, list[GoldDocument]] = {}
    for split in store.splits():
        gold, articles = store.gold_documents(split)
        pairs = tqdm(zip(gold, articles, strict=True), total=len(gold), desc=f"export {split}")
        documents = [GoldDocument(a, g, sentences(a.text)) for g, a in pairs]
        if documents:
            by_split[split] = documents
    return by_split


# --- rows of each configuration --------------------------------------------------------------


def document_rows(doc: GoldDocument) -> list[dict[str, Any]]:
    annotation = doc.annotation.to_dict()
    return [
        {
            "id": doc.doc_id,
            "text": doc.article.text,
            "meta": doc.article.meta.to_dict(),
            "guidelines": doc.annotation.guidelines,
            **{key: value for key, value in annotation.items() if key != "doc_id"},
        }
    ]


def row_to_annotation(row: dict[str, Any]) -> Annotation:
    """The gold annotation of a ``documents`` row as read by ``load_dataset``."""
    names = labels_to_names(row, DOCUMENTS)
    gold = {
        "doc_id": names["id"],
        "text_sha256": names["text_sha256"],
        "guidelines": names["guidelines"],
        **{layer: names[layer] for layer in LAYERS},
    }
    return Annotation.from_dict(gold, "documents row")


def ner_rows(doc: GoldDocument) -> list[dict[str, Any]]:
    """One row per sentence with IOB2 tags of the NAM mentions inside it."""
    names = [mention for mention in doc.annotation.mentions if mention.kind == "NAM"]
    placed: set[str] = set()
    rows = []
    for index, sentence in enumerate(doc.sentences):
        inside = [m for m in names if sentence.start <= m.start and m.end <= sentence.end]
        placed.update(m.id for m in inside)
        tags, misaligned = offsets_to_bio(sentence.tokens, [_span(m) for m in inside])
        if misaligned:
            raise _misaligned(doc, next(m for m in inside if _span(m) == misaligned[0]))
        rows.append(
            {
                "doc_id": doc.doc_id,
                "sentence": index,
                "tokens": [token.text for token in sentence.tokens],
                "ner_tags": tags,
            }
        )
    for mention in names:
        if mention.id not in placed:
            raise _misaligned(doc, mention)
    return rows


def _span(mention: Mention) -> tuple[int, int, str]:
    return mention.start, mention.end, mention.type


def _misaligned(doc: GoldDocument, mention: Mention) -> AlignmentError:
    surface = doc.surface(mention.start, mention.end)
    return AlignmentError(
        f"{doc.doc_id}: mention {mention.id} [{mention.start}, {mention.end}) {surface!r} "
        "is not on the token boundaries of one sentence"
    )


def claim_rows(doc: GoldDocument) -> list[dict[str, Any]]:
    mentions = {mention.id: mention for mention in doc.annotation.mentions}
    rows = []
    for claim in doc.annotation.claims:
        spans = [claim.content, *([claim.cue] if claim.cue else [])]
        start, end = min(s.start for s in spans), max(s.end for s in spans)
        sources = [mentions[source] for source in claim.sources]
        rows.append(
            {
                "doc_id": doc.doc_id,
                "id": claim.id,
                "context": doc.context(start, end, f"claim {claim.id}"),
                "content": doc.text_span(claim.content.start, claim.content.end),
                "cue": doc.text_span(claim.cue.start, claim.cue.end) if claim.cue else None,
                "sources": [{"id": m.id, "text": doc.surface(m.start, m.end)} for m in sources],
                **{name: claim.attribute(name) for name in CLAIM_ATTRIBUTES},
                "parent": claim.parent,
            }
        )
    return rows


def relation_rows(doc: GoldDocument) -> list[dict[str, Any]]:
    mentions = {mention.id: mention for mention in doc.annotation.mentions}
    contents = [claim.content for claim in doc.annotation.claims]
    rows = []
    for relation in doc.annotation.relations:
        head, tail = mentions[relation.head], mentions[relation.tail]
        start, end = min(head.start, tail.start), max(head.end, tail.end)
        rows.append(
            {
                "doc_id": doc.doc_id,
                "id": relation.id,
                "type": relation.type,
                "head": _argument(doc, head),
                "tail": _argument(doc, tail),
                "context": doc.context(start, end, f"relation {relation.id}"),
                "in_claim": any(c.start <= start and end <= c.end for c in contents),
            }
        )
    return rows


def _argument(doc: GoldDocument, mention: Mention) -> dict[str, Any]:
    return {"id": mention.id, "type": mention.type, **doc.text_span(mention.start, mention.end)}


ROW_BUILDERS: dict[str, Callable[[GoldDocument], list[dict[str, Any]]]] = {
    "documents": document_rows,
    "ner": ner_rows,
    "claims": claim_rows,
    "relations": relation_rows,
}


def split_statistics(docs: list[GoldDocument]) -> dict[str, int]:
    def total(layer: str) -> int:
        return sum(len(doc.annotation.layer(layer)) for doc in docs)

    return {
        "documents": len(docs),
        "sentences": sum(len(doc.sentences) for doc in docs),
        "tokens": sum(len(s.tokens) for doc in docs for s in doc.sentences),
        **{layer.replace("_", " "): total(layer) for layer in LAYERS},
    }


# --- an exported dataset folder, read back ------------------------------------------------------


def dataset_files(folder: Path) -> list[Path]:
    """The ``documents`` parquet files of an exported dataset folder, in name order."""
    files = sorted((folder / "data" / "documents").glob("*.parquet"))
    if not files:
        raise CorpusError(
            f"{folder}: no data/documents/*.parquet (made by python -m corpus export?)"
        )
    return files


def dataset_articles(folder: Path) -> list[Article]:
    """The articles of an exported dataset folder's ``documents`` rows, file by file in name
    order."""
    articles = []
    for path in dataset_files(folder):
        for row in pq.read_table(path, columns=ARTICLE_COLUMNS).to_pylist():
            articles.append(Article.from_dict(row, str(path)))
    return articles
