"""The groups of documents a run scores, each apart: the documents of dev and of test that the
recorded selection drew (``corpus select``), and, per split, the documents placed in it by hand
(``corpus.select.placed_by_hand``: the seed), which may have been read while baselines or
guidelines were written and are never pooled with the drawn ones.

Only documents with gold are scored; a document whose text a training split holds is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.evaluate import without_training_texts
from corpus.schema import Annotation, Article
from corpus.select import placed_by_hand
from corpus.store import CorpusStore
from corpus.validate import checked_gold_documents

SCORED_SPLITS: tuple[str, ...] = ("dev", "test")  # train is what trained baselines learn from
BY_HAND = "placed by hand"


@dataclass(frozen=True)
class Group:
    name: str  # "dev", "test", "test, placed by hand"
    split: str
    in_split: int  # documents of the group, with gold or not yet
    gold: list[Annotation]  # the scored documents' gold, in id order
    articles: list[Article]  # and their articles
    seen_in_training: list[str]  # ids of documents left out: a training split holds their text

    @property
    def by_hand(self) -> bool:
        return self.name != self.split


def group_name(split: str, by_hand: bool) -> str:
    return f"{split}, {BY_HAND}" if by_hand else split


def scored_groups(store: CorpusStore, train_store: CorpusStore) -> list[Group]:
    """The groups of ``SCORED_SPLITS`` in ``store``: per split the drawn documents, then those
    placed by hand when there are any; gold checked; documents whose text the train split of
    ``train_store`` holds are left out."""
    splits, by_hand = store.splits(), placed_by_hand(store)
    groups = []
    for split in SCORED_SPLITS:
        gold, articles = checked_gold_documents(store, split)
        gold, articles, seen = without_training_texts(gold, articles, train_store)
        for hand in (False, True):
            members = {doc_id for doc_id in splits.get(split, ()) if (doc_id in by_hand) == hand}
            if hand and not members:
                continue
            keep = [n for n, article in enumerate(articles) if article.id in members]
            groups.append(
                Group(
                    name=group_name(split, hand),
                    split=split,
                    in_split=len(members),
                    gold=[gold[n] for n in keep],
                    articles=[articles[n] for n in keep],
                    seen_in_training=[doc_id for doc_id in seen if doc_id in members],
                )
            )
    return groups
