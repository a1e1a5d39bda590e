"""Tests of corpus/export_rows.py on the SYNTHETIC corpus of test_export (made-up texts)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from corpus.export_rows import (
    GoldDocument,
    claim_rows,
    document_rows,
    documents_by_split,
    ner_rows,
    relation_rows,
    row_to_annotation,
    split_statistics,
)
from corpus.features import DOCUMENTS, NER_TAG_NAMES
from corpus.schema import Annotation, Mention
from corpus.store import CorpusError, CorpusStore
from corpus.text import AlignmentError, derive_doc_id
from tests.corpus.test_export import SYNTHETIC_TEXTS, at, make_synthetic_corpus


@pytest.fixture
def store(tmp_path: Path) -> CorpusStore:
    return make_synthetic_corpus(tmp_path / "corpus")


@pytest.fixture
def first(store: CorpusStore) -> GoldDocument:
    """The synthetic document with relations and a DENY claim."""
    return documents_by_split(store)["train"][0]


def test_documents_by_split_by_split_without_empty_splits(store: CorpusStore) -> None:
    by_split = documents_by_split(store)
    assert list(by_split) == ["train", "test"]
    assert [doc.doc_id for doc in by_split["test"]] == [derive_doc_id(SYNTHETIC_TEXTS[1])]


def test_documents_by_split_need_a_split(store: CorpusStore) -> None:
    store.splits_path.unlink()
    with pytest.raises(CorpusError, match=r"\.json: \w+ is in no split of .*splits\.json"):
        documents_by_split(store)


def test_document_row_round_trip_through_the_features(store: CorpusStore) -> None:
    for docs in documents_by_split(store).values():
        for doc in docs:
            (row,) = document_rows(doc)
            assert row_to_annotation(DOCUMENTS.encode_example(row)) == doc.annotation


def test_ner_rows_of_the_first_sentence(first: GoldDocument) -> None:
    row = ner_rows(first)[0]
    assert row["tokens"] == [
        "Synthetic",
        "Agency",
        "reported",
        "on",
        "Monday",
        "that",
        "Alpha",
        "Land",
        "sent",
        "500",
        "builders",
        "to",
        "Beta",
        "Region",
        ".",
    ]
    assert row["ner_tags"] == [
        "B-ORG",
        "I-ORG",
        "O",
        "O",
        "B-DATE",
        "O",
        "B-GPE",
        "I-GPE",
        "O",
        "B-QUANTITY",
        "O",
        "O",
        "B-LOC",
        "I-LOC",
        "O",
    ]
    assert set(row["ner_tags"]) <= set(NER_TAG_NAMES)


def test_a_mention_across_two_sentences_is_named(first: GoldDocument) -> None:
    text = first.article.text
    crossing = Mention("m1", at(text, "Region")["start"], at(text, "John")["end"], "LOC")
    doc = replace(first, annotation=Annotation(first.doc_id, mentions=(crossing,)))
    with pytest.raises(AlignmentError, match=f"{first.doc_id}: mention m1 .* 'Region.\\\\nJohn'"):
        ner_rows(doc)


def test_a_mention_off_token_boundaries_is_named(first: GoldDocument) -> None:
    text = first.article.text
    partial = Mention("m7", at(text, "Alpha")["start"], at(text, "Alpha")["start"] + 4, "GPE")
    doc = replace(first, annotation=Annotation(first.doc_id, mentions=(partial,)))
    with pytest.raises(AlignmentError, match=f"{first.doc_id}: mention m7 .* 'Alph'"):
        ner_rows(doc)


def test_claim_rows(first: GoldDocument) -> None:
    rows = {row["id"]: row for row in claim_rows(first)}
    denial = rows["c3"]
    assert denial["content"]["text"] == "the report"
    assert denial["cue"]["text"] == "has denied"
    assert denial["sources"] == [{"id": "m10", "text": "Beta Region"}]
    assert denial["stance"] == "DENY"
    assert denial["context"]["text"] == "Beta Region has denied the report."
    # c2's content and cue "said" are in the third sentence only
    assert rows["c2"]["context"]["text"] == "He said the workers will arrive soon."
    assert rows["c2"]["kind"] == "PREDICTION"


def test_relation_rows(first: GoldDocument) -> None:
    rows = {row["id"]: row for row in relation_rows(first)}
    text = first.article.text
    assert rows["r1"]["head"] == {"id": "m3", "type": "GPE", "text": "Alpha Land"} | at(
        text, "Alpha Land"
    )
    assert rows["r1"]["in_claim"] is True
    assert rows["r2"]["in_claim"] is False


def test_split_statistics(first: GoldDocument) -> None:
    assert split_statistics([first]) == {
        "documents": 1,
        "sentences": 4,
        "tokens": 15 + 9 + 8 + 7,
        "mentions": 10,
        "entities": 4,
        "relations": 2,
        "claims": 3,
        "claim links": 1,
    }


def test_a_span_in_no_sentence_is_an_error(first: GoldDocument) -> None:
    doc = GoldDocument(first.article, first.annotation, sentences=[])
    with pytest.raises(CorpusError, match="claim c1: span"):
        claim_rows(doc)
