"""The annotation sample: drawn by rule from the pool, seeded, splits fixed at selection.

The articles here are synthetic test fixtures (constructed sentences), not news.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from corpus.schema import Article, ArticleMeta
from corpus.select import (
    Parameters,
    deal,
    draw_sample,
    is_eligible,
    main_topic,
    placed_by_hand,
    proportional,
    select,
    topic_words,
)
from corpus.splits import POOL
from corpus.store import CorpusError, CorpusStore, read_json, write_json

TOPICAL = "The minister said the court and the police would act after the election vote. "
PLAIN = "The bakery said its bread sold out before noon on the first warm day of spring. "
NO_CUE = "The bakery sold its bread before noon on the first warm day of spring this year. "
SMALL = Parameters(seed=7, min_chars=50, max_chars=400, min_topic_words=4, topical=2,
                   train=2, dev=1, test=1)  # fmt: skip


def synthetic(index: int, sentence: str) -> Article:
    return Article(f"syn{index:02d}", sentence * 2, ArticleMeta(title=f"Synthetic {index}"))


def pool() -> list[Article]:
    return [
        *(synthetic(i, TOPICAL) for i in range(4)),
        *(synthetic(i, PLAIN) for i in range(4, 10)),
        *(synthetic(i, NO_CUE) for i in range(10, 12)),
        synthetic(12, TOPICAL * 4),  # too long
    ]


def test_eligibility_needs_the_length_and_a_cue() -> None:
    eligible = [a.id for a in pool() if is_eligible(a, SMALL)]
    assert eligible == [f"syn{i:02d}" for i in range(10)]


def test_topic_words_are_distinct_whole_words_of_title_and_text() -> None:
    words = topic_words(synthetic(0, TOPICAL))
    assert words == {"minister", "court", "police", "election", "vote"}
    assert main_topic(words) == "politics"  # minister, election, vote against court, police
    assert main_topic(topic_words(synthetic(4, PLAIN))) is None


def test_proportional_counts_use_the_largest_remainders() -> None:
    # 3.5, 1.17, 2.33 -> 3, 1, 2 and one left over: the largest remainder (.5) gets it
    assert proportional(7, {"train": 30, "dev": 10, "test": 20}) == {
        "train": 4,
        "dev": 1,
        "test": 2,
    }
    assert proportional(2, {"train": 2, "dev": 1, "test": 1}) == {"train": 1, "dev": 1, "test": 0}


def test_deal_gives_each_split_its_count_in_order() -> None:
    assert deal(["a", "b", "c"], {"train": 2, "dev": 0, "test": 1}) == {
        "a": "train",
        "b": "train",
        "c": "test",
    }


def test_sample_is_seeded_stratified_and_reproducible() -> None:
    first, again = draw_sample(pool(), SMALL), draw_sample(list(reversed(pool())), SMALL)
    assert first == again  # the pool's order does not matter
    docs = first["documents"]
    assert len(docs) == 4 and first["eligible"] == 10 and first["topical_eligible"] == 4
    assert sum(doc["topical"] for doc in docs) >= 2
    assert [doc["split"] for doc in docs] == ["train", "train", "dev", "test"]
    other_seed = draw_sample(pool(), replace(SMALL, seed=8))["documents"]
    assert {d["id"] for d in other_seed} != {d["id"] for d in docs}


def test_too_small_a_pool_is_refused() -> None:
    with pytest.raises(CorpusError, match="4 topical.*needs 4 \\(5 topical\\)"):
        draw_sample(pool(), replace(SMALL, topical=5))


def test_select_moves_the_sample_out_of_the_pool_once(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    for article in pool():
        store.save_article(article)
    write_json(
        store.splits_path, {"train": [], "dev": [], "test": [], POOL: [a.id for a in pool()]}
    )
    selection = select(store, SMALL)
    chosen = {doc["id"]: doc["split"] for doc in selection["documents"]}
    splits = store.splits()
    assert {doc_id: split for doc_id, split in store.split_of().items() if split != POOL} == chosen
    assert len(splits[POOL]) == len(pool()) - 4
    assert read_json(tmp_path / "selection.json") == selection
    assert select(store, SMALL) == selection and store.splits() == splits  # again: no change
    with pytest.raises(CorpusError, match="other parameters is recorded"):
        select(store, replace(SMALL, seed=8))


def test_the_repo_sample_is_what_the_rule_draws() -> None:
    """Anyone can check the committed sample: redraw it from the pool it was drawn from."""
    store = CorpusStore()
    recorded = read_json(store.root / "selection.json")
    selected = [doc["id"] for doc in recorded["documents"]]
    pool_then = [store.load_article(i) for i in [*store.splits().get(POOL, []), *selected]]
    assert draw_sample(pool_then, Parameters(**recorded["parameters"])) == recorded
    assert {doc["id"]: doc["split"] for doc in recorded["documents"]} == {
        doc_id: store.split_of()[doc_id] for doc_id in selected
    }


def test_documents_a_split_holds_but_the_selection_did_not_draw_are_placed_by_hand(
    tmp_path: Path,
) -> None:
    store = CorpusStore(tmp_path)
    assert placed_by_hand(store) == set()  # nothing recorded
    write_json(store.splits_path, {"train": ["syn01"], "test": ["syn02", "seed"], POOL: ["syn03"]})
    assert placed_by_hand(store) == set()  # no selection recorded: nothing is set apart
    write_json(tmp_path / "selection.json", {"documents": [{"id": "syn01"}, {"id": "syn02"}]})
    assert placed_by_hand(store) == {"seed"}  # the pool is no split
