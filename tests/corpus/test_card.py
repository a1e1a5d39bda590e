"""Tests of corpus/card.py on SYNTHETIC inputs."""

from __future__ import annotations

from dataclasses import replace

from datasets import ClassLabel, DatasetInfo, List, SplitDict, SplitInfo, Value
from datasets.info import DatasetInfosDict
from huggingface_hub import DatasetCard

from corpus.card import CardInputs, card_body, describe, render_card, size_category
from corpus.features import NER
from corpus.schema import ArticleMeta


def synthetic_inputs(agreement: dict | None) -> CardInputs:
    splits = SplitDict()
    splits.add(SplitInfo(name="test", num_bytes=10, num_examples=3))
    info = DatasetInfo(features=NER, splits=splits, download_size=5, dataset_size=10)
    return CardInputs(
        infos=DatasetInfosDict({"ner": info}),
        data_files={"ner": {"test": "data/ner/test-00000-of-00001.parquet"}},
        statistics={"test": {"documents": 1, "sentences": 3}},
        articles=[ArticleMeta(source="synthetic", rights=None, language="en")],
        agreement=agreement,
        repo_id=None,
    )


def test_size_category() -> None:
    assert [size_category(n) for n in (0, 999, 1_000, 99_999, 1_000_000)] == [
        "n<1K",
        "n<1K",
        "1K<n<10K",
        "10K<n<100K",
        "n>1M",
    ]


def test_describe() -> None:
    feature = List({"a": ClassLabel(names=["X", "Y"]), "b": Value("int32")})
    assert describe(feature) == "list of struct {a: class label (2 names), b: int32}"


def test_card_metadata_reads_back_with_the_features() -> None:
    card = DatasetCard(render_card(synthetic_inputs(None)))
    infos = DatasetInfosDict.from_dataset_card_data(card.data)
    assert infos["ner"].features == NER
    assert card.data["configs"] == [
        {
            "config_name": "ner",
            "data_files": [{"split": "test", "path": "data/ner/test-00000-of-00001.parquet"}],
        }
    ]


AGREEMENT = {
    "pairs": [
        {
            "annotators": ["a", "b"],
            "guidelines": ["2.0", "2.1"],
            "documents": ["d1", "d2", "d3"],
            "unseen": {"documents": 2, "figures": {"claims/kind_kappa": 0.81234, "n": 4}},
            "guidelines_development": {"documents": 1, "figures": {"claims/kind_kappa": None}},
        }
    ]
}


def test_body_sections() -> None:
    body = card_body(synthetic_inputs(AGREEMENT))
    assert "| test | 1 | 3 |" in body
    assert "**a / b** (guidelines 2.0, 2.1)" in body
    assert (
        "| figure | unseen documents | documents the guidelines were developed on (train, seed) |"
        in body
    )
    assert "| documents | 2 | 1 |" in body
    assert "| claims/kind_kappa | 0.812 | undefined |" in body
    assert "| synthetic | not recorded | 1 |" in body  # rights missing from meta
    assert 'load_dataset("ORG/NAME", "ner")' in body
    assert "## Inter-annotator agreement" not in card_body(synthetic_inputs(None))
    assert "## How the gold was made" not in body


def test_provenance_is_embedded() -> None:
    body = card_body(replace(synthetic_inputs(None), provenance="Two passes.\n"))
    assert "## How the gold was made\n\nTwo passes.\n\n" in body


def test_agreement_without_pairs() -> None:
    body = card_body(synthetic_inputs({"pairs": []}))
    assert "The agreement file has no pair of annotators." in body
