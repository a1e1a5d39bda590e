"""Tests of corpus/stats.py: hand-computed counts on a small synthetic corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus import cli
from corpus.__main__ import build_parser
from corpus.schema import CLAIM_ATTRIBUTES, MENTION_TYPES, Article
from corpus.stats import corpus_stats, empty_stats, format_table
from corpus.store import CorpusStore, write_json, write_text_atomic

# Synthetic test documents: invented names and events, not real articles.
TRAIN_TEXT = (
    "Ruritania will send 300 sappers to Borduria, minister Ivo Kern said.\nBorduria denied it."
)
DEV_TEXT = "Ana Lind said Ivo Kern expects rain."
TEST_TEXT = "Aid arrived in Borduria."
UNSPLIT_TEXT = "Talks resumed."


def span_of(text: str, surface: str, last: bool = False) -> dict[str, int]:
    start = text.rindex(surface) if last else text.index(surface)
    return {"start": start, "end": start + len(surface)}


def mention(text: str, mention_id: str, surface: str, mention_type: str, **fields) -> dict:
    last = fields.pop("last", False)
    return {"id": mention_id, **span_of(text, surface, last), "type": mention_type, **fields}


def train_gold() -> dict:
    text = TRAIN_TEXT
    return {
        "doc_id": "syn1",
        "mentions": [
            mention(text, "m1", "Ruritania", "GPE", entity="e1"),
            mention(text, "m2", "300", "QUANTITY"),
            mention(text, "m3", "Borduria", "GPE", entity="e2"),
            mention(text, "m4", "minister", "ROLE"),
            mention(text, "m5", "Ivo Kern", "PERSON", entity="e3"),
            mention(text, "m6", "Borduria", "GPE", entity="e2", last=True),
            mention(text, "m7", "minister Ivo Kern", "PERSON", kind="NOM", entity="e3"),
        ],
        "entities": [
            {"id": "e1", "name": "Ruritania"},
            {"id": "e2", "name": "Borduria"},
            {"id": "e3", "name": "Ivo Kern"},
        ],
        "relations": [
            {"id": "r1", "type": "DEPLOYS_TO", "head": "m1", "tail": "m3"},
            {"id": "r2", "type": "HAS_ROLE", "head": "m5", "tail": "m4"},
        ],
        "claims": [
            {
                "id": "c1",
                "content": span_of(text, "Ruritania will send 300 sappers to Borduria"),
                "cue": span_of(text, "said"),
                "sources": ["m7"],
                "quote": "INDIRECT",
                "kind": "INTENTION",
            },
            {
                "id": "c2",
                "content": span_of(text, "it", last=True),
                "cue": span_of(text, "denied"),
                "sources": ["m6"],
                "quote": "INDIRECT",
                "stance": "DENY",
            },
        ],
        "claim_links": [{"id": "l1", "type": "CONTRADICTS", "from": "c2", "to": "c1"}],
    }


def dev_gold() -> dict:
    text = DEV_TEXT
    return {
        "doc_id": "syn2",
        "mentions": [
            mention(text, "m1", "Ana Lind", "PERSON"),
            mention(text, "m2", "Ivo Kern", "PERSON"),
        ],
        "entities": [{"id": "e1", "name": "Ana Lind"}, {"id": "e2", "name": "Ivo Kern"}],
        "claims": [
            {
                "id": "c1",
                "content": span_of(text, "Ivo Kern expects rain"),
                "cue": span_of(text, "said"),
                "sources": ["m1"],
                "quote": "INDIRECT",
            },
            {
                "id": "c2",
                "content": span_of(text, "rain"),
                "cue": span_of(text, "expects"),
                "sources": ["m2"],
                "quote": "INDIRECT",
                "parent": "c1",
                "certainty": "PROBABLE",
                "kind": "PREDICTION",
            },
        ],
    }


@pytest.fixture
def store(tmp_path: Path) -> CorpusStore:
    """Synthetic corpus: syn1 (train, gold), syn2 (dev, gold), syn3 (test), syn4 (no split)."""
    store = CorpusStore(tmp_path)
    texts = {"syn1": TRAIN_TEXT, "syn2": DEV_TEXT, "syn3": TEST_TEXT, "syn4": UNSPLIT_TEXT}
    for doc_id, text in texts.items():
        store.save_article(Article(doc_id, text))
    write_json(store.gold_path("syn1"), train_gold())
    write_json(store.gold_path("syn2"), dev_gold())
    write_json(store.splits_path, {"train": ["syn1"], "dev": ["syn2"], "test": ["syn3"]})
    return store


def counts(labels: dict[str, dict[str, int]] | None = None, **numbers: int) -> dict:
    """Zero counts with the given numbers and per-label numbers set."""
    result = empty_stats()
    result.update(numbers)
    for key, values in (labels or {}).items():
        result[key].update(values)
    return result


# Hand counts. Tokens: syn1 13 + 4 ("Borduria denied it ."), syn2 8, syn3 5, syn4 3.
TRAIN = counts(
    {
        "mentions_by_type": {"GPE": 3, "QUANTITY": 1, "ROLE": 1, "PERSON": 2},
        "mentions_by_kind": {"NAM": 6, "NOM": 1},
        "relations_by_type": {"DEPLOYS_TO": 1, "HAS_ROLE": 1},
        "claims_by_stance": {"ASSERT": 1, "DENY": 1},
        "claims_by_certainty": {"CERTAIN": 2},
        "claims_by_kind": {"INTENTION": 1, "FACT": 1},
        "claims_by_quote": {"INDIRECT": 2},
        "claim_links_by_type": {"CONTRADICTS": 1},
    },
    documents=1,
    sentences=2,
    tokens=17,
    gold_documents=1,
    mentions=7,
    entities=3,
    relations=2,
    claims=2,
    claim_links=1,
)
DEV = counts(
    {
        "mentions_by_type": {"PERSON": 2},
        "mentions_by_kind": {"NAM": 2},
        "claims_by_stance": {"ASSERT": 2},
        "claims_by_certainty": {"CERTAIN": 1, "PROBABLE": 1},
        "claims_by_kind": {"FACT": 1, "PREDICTION": 1},
        "claims_by_quote": {"INDIRECT": 2},
    },
    documents=1,
    sentences=1,
    tokens=8,
    gold_documents=1,
    mentions=2,
    entities=2,
    claims=2,
    nested_claims=1,
)
TEST = counts(documents=1, sentences=1, tokens=5)
TOTAL = counts(
    {
        "mentions_by_type": {"GPE": 3, "QUANTITY": 1, "ROLE": 1, "PERSON": 4},
        "mentions_by_kind": {"NAM": 8, "NOM": 1},
        "relations_by_type": {"DEPLOYS_TO": 1, "HAS_ROLE": 1},
        "claims_by_stance": {"ASSERT": 3, "DENY": 1},
        "claims_by_certainty": {"CERTAIN": 3, "PROBABLE": 1},
        "claims_by_kind": {"INTENTION": 1, "FACT": 2, "PREDICTION": 1},
        "claims_by_quote": {"INDIRECT": 4},
        "claim_links_by_type": {"CONTRADICTS": 1},
    },
    documents=4,
    sentences=5,
    tokens=33,
    gold_documents=2,
    mentions=9,
    entities=5,
    relations=2,
    claims=4,
    nested_claims=1,
    claim_links=1,
)


def test_counts_per_split_and_total(store: CorpusStore) -> None:
    stats = corpus_stats(store)
    assert stats == {"splits": {"train": TRAIN, "dev": DEV, "test": TEST}, "total": TOTAL}


def test_every_label_has_a_count(store: CorpusStore) -> None:
    total = corpus_stats(store)["total"]
    assert list(total["mentions_by_type"]) == list(MENTION_TYPES)
    for name, labels in CLAIM_ATTRIBUTES.items():
        assert list(total[f"claims_by_{name}"]) == list(labels)


def test_without_splits_only_the_total(store: CorpusStore) -> None:
    store.splits_path.unlink()
    stats = corpus_stats(store)
    assert stats["splits"] == {"train": counts(), "dev": counts(), "test": counts()}
    assert stats["total"] == TOTAL


def test_table_has_a_column_per_split_and_zero_rows(store: CorpusStore) -> None:
    lines = format_table(corpus_stats(store)).splitlines()
    assert lines[0].split() == ["train", "dev", "test", "total"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert rows["tokens"] == ["17", "8", "5", "33"]
    assert rows["PERSON"] == ["2", "2", "0", "4"]
    assert rows["WEAPON"] == ["0", "0", "0", "0"]
    assert rows["CONTRADICTS"] == ["1", "0", "0", "1"]
    assert "  WEAPON" in "\n".join(lines)


def run_stats(store: CorpusStore, *options: str) -> int:
    return cli.run(build_parser(), ["stats", "--corpus", str(store.root), *options])


def test_cli_json(store: CorpusStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_stats(store, "--json") == 0
    assert json.loads(capsys.readouterr().out)["total"] == TOTAL


def test_cli_table(store: CorpusStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_stats(store) == 0
    assert capsys.readouterr().out.splitlines()[0].split() == ["train", "dev", "test", "total"]


def test_cli_invalid_gold_is_one_line(store: CorpusStore, capsys: pytest.CaptureFixture) -> None:
    path = store.gold_path("syn2")
    write_text_atomic(path, "{")
    assert run_stats(store) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err.strip()
        .splitlines()[-1]
        .startswith(f"python -m corpus: error: {path}: invalid JSON at line 1")
    )


def test_cli_missing_corpus_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run_stats(CorpusStore(tmp_path / "missing")) == 1
    error = capsys.readouterr().err
    assert error == f"python -m corpus: error: {tmp_path / 'missing'}: no such corpus folder\n"


def test_a_paragraph_over_spacys_length_limit_is_counted(
    store: CorpusStore, capsys: pytest.CaptureFixture
) -> None:
    # CONSTRUCTED: 1.2 million characters in one paragraph (spaCy refuses 1 million, E088)
    store.save_article(Article("syn5", "Talks resumed. " + "word " * 240_000 + "End."))
    assert run_stats(store, "--json") == 0
    total = json.loads(capsys.readouterr().out)["total"]
    assert total["documents"] == 5 and total["tokens"] == TOTAL["tokens"] + 3 + 240_000 + 2


def test_cli_a_folder_named_like_an_article_is_one_line(
    store: CorpusStore, capsys: pytest.CaptureFixture
) -> None:
    path = store.article_path("syn5")
    path.mkdir()
    assert run_stats(store) == 1
    error = capsys.readouterr().err
    assert error.splitlines()[-1] == f"python -m corpus: error: {path}: is a folder, not a file"
