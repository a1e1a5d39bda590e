"""How fast and how lean the scorer is: ``python -m benchmarks.perf_metrics [--documents N]``.

Builds a SYNTHETIC corpus in memory (made-up words, not news: 10,000 documents of ~600 tokens by
default) with gold annotations of every layer and noisy predictions, then prints the wall time,
CPU time and peak RSS of the whole evaluation, the time of each step summed over documents, the
peak traced memory of each layer (first 1,000 documents), and the time seqeval alone takes on
the IOB2 tags of all sentences, side by side with its micro F1. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc
from dataclasses import replace

from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from benchmarks.evaluate import evaluate
from benchmarks.metrics.claims import claims_document
from benchmarks.metrics.entities import entities_document, names
from benchmarks.metrics.relations import relations_document
from benchmarks.metrics.token_index import TokenIndex
from benchmarks.predictions import check_prediction
from corpus.schema import Annotation, Article, Claim, Entity, Mention, Relation, Span
from corpus.text import offsets_to_bio, sentences

SYLLABLES = ("ka", "lo", "mi", "ren", "tu", "sa", "vo", "ne", "di", "por", "gu", "fe")
NAME_TYPES = ("PERSON", "ORG", "GPE", "DATE")


def synthetic_word(rng: random.Random, capital: bool) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
    return word.capitalize() if capital else word


def synthetic_document(index: int, rng: random.Random) -> tuple[Article, Annotation]:
    """~600 tokens of made-up words in 6 paragraphs; names, relations and claims on them."""
    parts: list[str] = []  # pieces of text, joined without separators
    offset = 0
    mentions: list[Mention] = []
    claims: list[Claim] = []

    def add(piece: str) -> tuple[int, int]:
        nonlocal offset
        parts.append(piece)
        start, offset = offset, offset + len(piece)
        return start, offset

    for paragraph in range(6):
        if paragraph:
            add("\n")
        for sentence in range(4):
            if sentence:
                add(" ")
            source = None
            if rng.random() < 0.3:  # "<Name> said <content>."
                start, end = add(synthetic_word(rng, True))
                source = Mention(f"m{len(mentions) + 1}", start, end, "PERSON", "NAM", None)
                mentions.append(source)
                add(" ")
                cue = Span(*add("said"))
                add(" ")
            content_start = offset
            for position in range(22):
                if position:
                    add(" ")
                if rng.random() < 0.12 and position < 20:
                    words = " ".join(synthetic_word(rng, True) for _ in range(rng.randint(1, 3)))
                    start, end = add(words)
                    kind = rng.choice(NAME_TYPES)
                    mentions.append(Mention(f"m{len(mentions) + 1}", start, end, kind, "NAM"))
                else:
                    add(synthetic_word(rng, False))
            if source is not None:
                claims.append(
                    Claim(f"c{len(claims) + 1}", Span(content_start, offset), cue, (source.id,))
                )
            add(".")
    text = "".join(parts)
    mentions = [replace(m, entity=f"e{i + 1}") for i, m in enumerate(mentions)]
    entities = tuple(Entity(f"e{i + 1}", text[m.start : m.end]) for i, m in enumerate(mentions))
    persons = [m for m in mentions if m.type == "PERSON"]
    relations = tuple(
        Relation(f"r{i + 1}", "MEETS", a.id, b.id)
        for i, (a, b) in enumerate(zip(persons[::2], persons[1::2], strict=False))
    )
    doc_id = f"synthetic{index:05d}"
    gold = Annotation(doc_id, None, tuple(mentions), entities, relations, tuple(claims))
    return Article(doc_id, text), gold


def noisy(gold: Annotation, rng: random.Random) -> Annotation:
    """Predictions with dropped, retyped and shortened names, and dropped relations and claims."""
    mentions = []
    for m in gold.mentions:
        roll = rng.random()
        if roll < 0.1 and not any(m.id in c.sources for c in gold.claims):
            continue
        if roll < 0.15 and m.type != "PERSON":
            m = replace(m, type=rng.choice([t for t in NAME_TYPES if t not in (m.type, "PERSON")]))
        mentions.append(m)
    kept = {m.id for m in mentions}
    relations = tuple(
        r for r in gold.relations if r.head in kept and r.tail in kept and rng.random() < 0.8
    )
    claims = tuple(
        replace(c, stance="DENY") if rng.random() < 0.1 else c
        for c in gold.claims
        if rng.random() < 0.9
    )
    return replace(gold, mentions=tuple(mentions), relations=relations, claims=claims)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def time_steps(
    gold: list[Annotation], predictions: dict[str, Annotation], articles: dict[str, Article]
) -> tuple[dict[str, float], list[list[str]], list[list[str]]]:
    """Seconds per step of scoring, summed over documents, and the IOB2 tags of every sentence
    (gold, predicted) as a user of seqeval would make them."""
    steps = dict.fromkeys(("tokenize", "check", "entities", "relations", "claims"), 0.0)
    gold_tags: list[list[str]] = []
    predicted_tags: list[list[str]] = []
    for g in gold:
        p, article = predictions[g.doc_id], articles[g.doc_id]
        t0 = time.perf_counter()
        sents = sentences(article.text)
        index = TokenIndex(sents)
        t1 = time.perf_counter()
        check_prediction(p, article, "synthetic")
        t2 = time.perf_counter()
        entities_document(g, p, index)
        t3 = time.perf_counter()
        relations_document(g, p)
        t4 = time.perf_counter()
        claims_document(g, p, index)
        t5 = time.perf_counter()
        for key, seconds in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            steps[key] += seconds
        for tags, annotation in ((gold_tags, g), (predicted_tags, p)):
            spans = [(m.start, m.end, m.type) for m in names(annotation)]
            for sentence in sents:
                inside = [s for s in spans if sentence.start <= s[0] < sentence.end]
                tags.append(offsets_to_bio(sentence.tokens, inside)[0])
    return steps, gold_tags, predicted_tags


def layer_memory(
    gold: list[Annotation], predictions: dict[str, Annotation], articles: dict[str, Article]
) -> dict[str, float]:
    """Peak traced MB of each layer over ``gold``, keeping the per-document results as
    ``evaluate`` does (tracemalloc; the token indexes are built beforehand)."""
    indexes = [TokenIndex(sentences(articles[g.doc_id].text)) for g in gold]
    layers = {
        "entities": lambda g, p, index: entities_document(g, p, index),
        "relations": lambda g, p, index: relations_document(g, p),
        "claims": lambda g, p, index: claims_document(g, p, index),
    }
    peaks = {}
    for name, layer in layers.items():
        tracemalloc.start()
        kept = [
            layer(g, predictions[g.doc_id], index) for g, index in zip(gold, indexes, strict=True)
        ]
        peaks[name] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        del kept
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    corpus = [synthetic_document(i, rng) for i in range(args.documents)]
    articles = {article.id: article for article, _ in corpus}
    gold = [annotation for _, annotation in corpus]
    predictions = {g.doc_id: noisy(g, rng) for g in gold}
    print(
        f"SYNTHETIC corpus: {len(gold)} documents, built in "
        f"{time.perf_counter() - started:.1f} s; peak RSS so far {peak_rss_mb():.0f} MB"
    )

    started, cpu = time.perf_counter(), cpu_seconds()
    result = evaluate(gold, predictions, articles, split="synthetic")
    whole = time.perf_counter() - started
    print(
        f"whole evaluation: {whole:.1f} s wall, {cpu_seconds() - cpu:.1f} s CPU, "
        f"peak RSS {peak_rss_mb():.0f} MB"
    )

    steps, gold_tags, predicted_tags = time_steps(gold, predictions, articles)
    tokens_total = sum(map(len, gold_tags))
    print(f"tokens: {tokens_total:,} in {len(gold_tags):,} sentences")
    for key, seconds in steps.items():
        print(f"  step {key:<10} {seconds:6.1f} s")
    sample = gold[:1000]
    for name, megabytes in layer_memory(sample, predictions, articles).items():
        print(f"  memory {name:<10} {megabytes:6.1f} MB peak traced over {len(sample)} documents")

    seqeval_times = {}
    for mode, options in (("strict IOB2", {"mode": "strict", "scheme": IOB2}), ("default", {})):
        t0 = time.perf_counter()
        report = classification_report(
            gold_tags, predicted_tags, output_dict=True, zero_division=0, **options
        )
        seqeval_times[mode] = time.perf_counter() - t0
        theirs, ours = report["micro avg"]["f1-score"], result.headline()["entities.seqeval"]
        agreement = "same" if abs(theirs - ours) < 1e-12 else "DIFFERENT"
        print(
            f"  seqeval alone, {mode:<11} {seqeval_times[mode]:6.1f} s on all sentences; "
            f"micro F1 {theirs:.6f} (claimwire {ours:.6f}: {agreement})"
        )
    seqeval_total = sum(seqeval_times.values())
    print(
        f"side by side: claimwire whole evaluation {whole:.1f} s | seqeval alone (both modes) "
        f"{seqeval_total:.1f} s | claimwire minus seqeval {whole - seqeval_total:+.1f} s; "
        f"final peak RSS {peak_rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
