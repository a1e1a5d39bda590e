"""What a trained baseline learns from: the gold documents of a corpus's train split."""

from __future__ import annotations

from baselines.base import BaselineError
from corpus.schema import Annotation, Article
from corpus.store import CorpusStore
from corpus.validate import checked_gold_documents

# A trained baseline learns from at least this many gold documents of a train split; with fewer
# it is not run (no fallback to another protocol: its figures would not be comparable).
MIN_TRAIN_DOCUMENTS = 10
TRAIN_SPLIT = "train"


def training_documents(store: CorpusStore, baseline: str) -> tuple[list[Annotation], list[Article]]:
    """The gold documents of the train split of ``store`` and their articles, each gold file
    checked against its article (a ``CorpusError`` names its first problem); a
    :class:`BaselineError` naming ``baseline`` when there are fewer than ``MIN_TRAIN_DOCUMENTS``.
    """
    gold, articles = checked_gold_documents(store, TRAIN_SPLIT)
    if len(gold) < MIN_TRAIN_DOCUMENTS:
        raise BaselineError(
            f"{baseline}: the {TRAIN_SPLIT} split of {store.root} has {len(gold)} gold "
            f"document(s), fewer than the {MIN_TRAIN_DOCUMENTS} it needs to train on"
        )
    return gold, articles
