"""python -m corpus select: draw the annotation sample from the pool, seeded, and fix its splits.

The sample is chosen by rule, never by hand, so that nobody can pick it for the baselines:

1. *eligible*: pool documents whose text is ``min_chars``–``max_chars`` characters long and holds
   at least one attribution cue of ``corpus/cues.py`` (any form, as a whole word);
2. *topical*: eligible documents whose title and text use at least ``min_topic_words`` distinct
   words of :data:`TOPIC_WORDS` (politics, conflict, law, international affairs);
3. ``topical`` documents are drawn from the topical ones and the rest from all other eligible
   ones, with ``random.Random(seed)`` over ids in sorted order;
4. each stratum (topical, other) is shuffled and dealt to train, dev and test: the topical
   draw in proportion to the split sizes, the other draw the rest of each split.

The parameters and the outcome are written to ``selection.json`` beside ``splits.json``; the
chosen documents leave the pool for their split. Running the same selection again changes
nothing; a different one is refused once a sample is recorded: splits never move.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from corpus.cli import add_corpus_option, subcommand
from corpus.cues import CUES
from corpus.schema import Article
from corpus.splits import POOL, SPLITS, add_to_splits
from corpus.store import CorpusError, CorpusStore, read_json

# Words that mark an article on politics, conflict, law or international affairs (lower case,
# whole words). General news vocabulary, not drawn from any article of the pool.
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "politics": (
        "election", "elected", "parliament", "parliamentary", "government", "minister",
        "president", "presidential", "senate", "senator", "congress", "congressional",
        "legislature", "lawmakers", "party", "vote", "voters", "referendum", "campaign",
        "opposition", "mayor", "governor", "cabinet", "politician", "political",
    ),
    "conflict": (
        "war", "military", "army", "troops", "soldiers", "militants", "rebels", "attack",
        "attacks", "airstrike", "bombing", "ceasefire", "insurgents", "terrorist", "protest",
        "protesters", "clashes", "weapons", "missile",
    ),
    "law": (
        "court", "judge", "trial", "jury", "prosecutor", "prosecutors", "lawsuit", "sued",
        "convicted", "sentenced", "charged", "arrested", "police", "law", "legal", "ruling",
        "appeal", "verdict", "guilty",
    ),
    "international": (
        "treaty", "sanctions", "embassy", "ambassador", "diplomatic", "diplomats", "summit",
        "foreign", "international", "bilateral", "nato", "refugees", "border",
    ),
}  # fmt: skip

SELECTION_FILE = "selection.json"


@dataclass(frozen=True)
class Parameters:
    seed: int = 20261130
    min_chars: int = 600
    max_chars: int = 6000
    min_topic_words: int = 6
    topical: int = 30  # documents drawn from the topical stratum
    train: int = 30
    dev: int = 10
    test: int = 20

    @property
    def size(self) -> int:
        return self.train + self.dev + self.test


def _word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", flags=re.IGNORECASE)


CUE_WORDS = _word_pattern(form for cue in CUES for form in cue.forms)
TOPIC_PATTERN = _word_pattern(word for words in TOPIC_WORDS.values() for word in words)
TOPIC_OF = {word: topic for topic, words in TOPIC_WORDS.items() for word in words}


def topic_words(article: Article) -> set[str]:
    """The distinct topic words in the article's title and text."""
    text = f"{article.meta.title or ''}\n{article.text}"
    return {match.group(0).lower() for match in TOPIC_PATTERN.finditer(text)}


def main_topic(words: set[str]) -> str | None:
    """The topic with most of ``words`` (ties: the first of TOPIC_WORDS), None without any."""
    counts = {topic: sum(TOPIC_OF[word] == topic for word in words) for topic in TOPIC_WORDS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None


def is_eligible(article: Article, parameters: Parameters) -> bool:
    length_ok = parameters.min_chars <= len(article.text) <= parameters.max_chars
    return length_ok and CUE_WORDS.search(article.text) is not None


def proportional(n: int, sizes: dict[str, int]) -> dict[str, int]:
    """``n`` split over ``sizes`` in proportion, by largest remainder (ties: the earlier)."""
    total = sum(sizes.values())
    exact = {split: n * size / total for split, size in sizes.items()}
    counts = {split: int(share) for split, share in exact.items()}
    by_remainder = sorted(sizes, key=lambda split: counts[split] - exact[split])
    for split in by_remainder[: n - sum(counts.values())]:
        counts[split] += 1
    return counts


def deal(ids: Sequence[str], counts: dict[str, int]) -> dict[str, str]:
    """The first ``counts[split]`` of ``ids`` to the first split, the next to the next, …"""
    result, start = {}, 0
    for split, count in counts.items():
        result.update({doc_id: split for doc_id in ids[start : start + count]})
        start += count
    return result


def draw_sample(pool: Sequence[Article], parameters: Parameters) -> dict[str, Any]:
    """The selection record: parameters, counts and the chosen documents with their splits."""
    eligible = sorted((a for a in pool if is_eligible(a, parameters)), key=lambda a: a.id)
    words = {article.id: topic_words(article) for article in eligible}
    topical = [a.id for a in eligible if len(words[a.id]) >= parameters.min_topic_words]
    if len(topical) < parameters.topical or len(eligible) < parameters.size:
        raise CorpusError(
            f"select: {len(eligible)} eligible documents ({len(topical)} topical) in the pool; "
            f"the sample needs {parameters.size} ({parameters.topical} topical)"
        )
    rng = random.Random(parameters.seed)
    chosen_topical = rng.sample(topical, parameters.topical)
    rest = sorted(words.keys() - set(chosen_topical))  # topical or not
    chosen_other = rng.sample(rest, parameters.size - parameters.topical)
    sizes = {split: getattr(parameters, split) for split in SPLITS}
    topical_counts = proportional(len(chosen_topical), sizes)
    split_of: dict[str, str] = {}
    for stratum, counts in (
        (chosen_topical, topical_counts),
        (chosen_other, {split: sizes[split] - topical_counts[split] for split in SPLITS}),
    ):
        stratum = sorted(stratum)
        rng.shuffle(stratum)
        split_of |= deal(stratum, counts)
    titles = {article.id: article.meta.title for article in eligible}
    chosen = sorted(split_of, key=lambda doc_id: (SPLITS.index(split_of[doc_id]), doc_id))
    return {
        "parameters": asdict(parameters),
        "pool": len(pool),
        "eligible": len(eligible),
        "topical_eligible": len(topical),
        "documents": [
            {
                "id": doc_id,
                "split": split_of[doc_id],
                "topical": doc_id in topical,
                "topic": main_topic(words[doc_id]),
                "title": titles[doc_id],
            }
            for doc_id in chosen
        ],
    }


def placed_by_hand(store: CorpusStore) -> set[str]:
    """The documents of train, dev and test that the recorded selection did not draw: placed
    in their split by hand, so perhaps read while baselines or guidelines were written (none
    when no selection is recorded)."""
    path = store.root / SELECTION_FILE
    if not path.exists():
        return set()
    drawn = {document["id"] for document in read_json(path).get("documents", ())}
    splits = store.splits()
    return {doc_id for split in SPLITS for doc_id in splits.get(split, ()) if doc_id not in drawn}


def select(store: CorpusStore, parameters: Parameters) -> dict[str, Any]:
    """Draw the sample from the pool, record it and move its documents into their splits (in
    one transaction)."""
    path = store.root / SELECTION_FILE
    with store.transaction() as transaction:
        recorded_splits = store.splits()
        if path.exists():
            recorded = read_json(path)
            if recorded.get("parameters") != asdict(parameters):
                raise CorpusError(
                    f"{path}: a sample with other parameters is recorded; splits never move, "
                    "so a new sample cannot replace it"
                )
            return recorded
        pool_ids = set(recorded_splits.get(POOL, []))
        pool = [store.load_article(doc_id) for doc_id in sorted(pool_ids)]
        selection = draw_sample(pool, parameters)
        requested = {doc["id"]: doc["split"] for doc in selection["documents"]}
        transaction.write_json(store.splits_path, add_to_splits(recorded_splits, requested))
        transaction.write_json(path, selection)
    return selection


# --- command line ----------------------------------------------------------------------------


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(
        verbs,
        "select",
        _select,
        "Draw the annotation sample from the pool with a seeded rule (length, attribution cue, "
        f"topic) and fix its train/dev/test splits; the outcome is written to {SELECTION_FILE}.",
    )
    add_corpus_option(parser)
    defaults = Parameters()
    for name, value in asdict(defaults).items():
        parser.add_argument(
            f"--{name.replace('_', '-')}", type=int, default=value, help=f"(default: {value})"
        )


def _select(args: argparse.Namespace) -> int:
    values = {name: getattr(args, name) for name in asdict(Parameters())}
    parameters = Parameters(**values)
    if parameters.topical > parameters.size or min(values.values()) < 0:
        raise CorpusError("select: sizes must be non-negative and --topical at most the sample")
    store = CorpusStore(args.corpus)
    selection = select(store, parameters)
    counts = {split: 0 for split in SPLITS}
    for doc in selection["documents"]:
        counts[doc["split"]] += 1
    summary = ", ".join(f"{split} {count}" for split, count in counts.items())
    print(
        f"{len(selection['documents'])} documents selected from {selection['eligible']} eligible "
        f"({selection['topical_eligible']} topical) of {selection['pool']} in the pool: {summary}"
        f"; recorded in {Path(store.root) / SELECTION_FILE}"
    )
    return 0
