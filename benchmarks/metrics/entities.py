"""Entity metrics on NAM mentions: seqeval's token-level scores, and span-level outcomes.

**seqeval** (token level). Each sentence (``corpus.text.sentences``) is tagged IOB2 from the NAM
mentions (``offsets_to_bio``) and seqeval's ``classification_report`` compares the entities of
the tags per type, in ``mode="strict", scheme=IOB2`` (the headline) and in its default,
conlleval-compatible mode. Tags made from non-overlapping spans are well-formed IOB2, whose
entities in both modes are exactly the *aligned* names (on token boundaries, inside one
sentence): so both modes give the same counts here, and they are computed from the aligned
spans directly, without materialising tags (tests check them against seqeval called on the
tags). A name that is not aligned gets no tags: it is counted as misaligned, and still scored at
the span level. :func:`bio_counts` scores arbitrary tag sequences (e.g. a tagger's, possibly
ill-formed) with seqeval itself, where the two modes can differ.

**Span level** (character offsets, as nervaluate / SemEval-2013 9.1). Gold and predicted names
are paired one-to-one: first equal spans, then overlapping spans, greedily by overlap length.
Each pair or leftover is one outcome:

- ``correct`` (COR): same span, same type;     ``incorrect`` (INC): same span, other type;
- ``partial`` (PAR): overlapping spans, not equal (either type);
- ``missed`` (MIS): a gold name left unpaired;  ``spurious`` (SPU): a predicted name left unpaired.

With POS = COR + INC + PAR + MIS (gold names) and ACT = COR + INC + PAR + SPU (predicted):

- ``strict``: P = COR / ACT, R = COR / POS (span and type);
- ``exact``: P = (COR + INC) / ACT, R = (COR + INC) / POS (span only);
- ``partial``: P = (COR + INC + 0.5 PAR) / ACT, R = (COR + INC + 0.5 PAR) / POS;
- ``type``: P = (COR + PAR of the same type) / ACT, R likewise / POS (type, some overlap).

Each is a :class:`Counts` with tp the credit above, fp = ACT - tp, fn = POS - tp. ``strict`` and
``type`` are also given per type (a pair counts for its type when both sides have it).
Micro = sum over types; macro = mean of the per-type F1 over the types that occur in gold or
predictions (seqeval's macro average).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, Entities

from benchmarks.metrics.counts import Counts, TypedCounts, add_by_key, set_counts, total
from benchmarks.metrics.matching import greedy_one_to_one
from benchmarks.metrics.token_index import TokenIndex
from corpus.schema import Annotation, Mention

OUTCOMES: tuple[str, ...] = ("correct", "incorrect", "partial", "missed", "spurious")

# An outcome traced to its items: (doc_id, gold mention id or None, predicted mention id or None).
Outcome = tuple[str, str | None, str | None]


# --- seqeval on BIO ------------------------------------------------------------------------


def bio_counts(
    gold_tags: Sequence[Sequence[str]], predicted_tags: Sequence[Sequence[str]], strict: bool
) -> dict[str, Counts]:
    """Per-type Counts of seqeval's entities in IOB2 tag sequences (one list per sentence).

    ``strict``: ``mode="strict", scheme=IOB2`` (an ``I-`` that does not continue an entity
    starts none); otherwise seqeval's default mode (conlleval: such an ``I-`` starts one).
    """
    if len(gold_tags) != len(predicted_tags) or any(
        len(g) != len(p) for g, p in zip(gold_tags, predicted_tags, strict=True)
    ):
        raise ValueError("gold and predicted tags differ in shape")
    return _typed_sets(_entities(gold_tags, strict), _entities(predicted_tags, strict))


def _entities(tags: Sequence[Sequence[str]], strict: bool) -> set[tuple]:
    """seqeval's entities as ``(type, …position)`` tuples."""
    sequences = [list(sequence) for sequence in tags]
    if strict:
        found = Entities(sequences, IOB2).entities
        return {(e.tag, e.sent_id, e.start, e.end) for sentence in found for e in sentence}
    return set(get_entities(sequences))


def names(annotation: Annotation) -> list[Mention]:
    """The NAM mentions, by offsets."""
    return sorted((m for m in annotation.mentions if m.kind == "NAM"), key=_span_key)


def _span_key(mention: Mention) -> tuple[int, int]:
    return mention.start, mention.end


def aligned_spans(
    mentions: Sequence[Mention], index: TokenIndex
) -> tuple[set[tuple[str, int, int]], int]:
    """``(type, start, end)`` of the mentions on token boundaries inside one sentence, and how
    many mentions are not."""
    aligned, misaligned = set(), 0
    for m in mentions:
        if index.aligned(m.start, m.end):
            aligned.add((m.type, m.start, m.end))
        else:
            misaligned += 1
    return aligned, misaligned


def _typed_sets(gold: set[tuple], predicted: set[tuple]) -> dict[str, Counts]:
    """Per-type Counts of two sets of entities ``(type, …position)``."""
    counts = {}
    for name in sorted({entity[0] for entity in gold | predicted}):
        counts[name] = set_counts(
            (e for e in gold if e[0] == name), (e for e in predicted if e[0] == name)
        )
    return counts


# --- span level ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SpanScores:
    """Span-level outcomes with the items behind them, and the four scores built on them."""

    outcomes: dict[str, tuple[Outcome, ...]]
    strict: TypedCounts
    type: TypedCounts
    exact: Counts
    partial: Counts

    def to_dict(self) -> dict:
        return {
            "counts": {name: len(items) for name, items in self.outcomes.items()},
            "strict": self.strict.to_dict(),
            "exact": self.exact.to_dict(),
            "partial": self.partial.to_dict(),
            "type": self.type.to_dict(),
            "outcomes": {
                name: [{"doc_id": d, "gold": g, "predicted": p} for d, g, p in items]
                for name, items in self.outcomes.items()
            },
        }


def span_scores(doc_id: str, gold: Sequence[Mention], predicted: Sequence[Mention]) -> SpanScores:
    """Span-level scores of one document's names (gold names must not overlap each other)."""
    gold = sorted(gold, key=_span_key)
    predicted = sorted(predicted, key=_span_key)
    gold_index = {_span_key(m): i for i, m in enumerate(gold)}
    exact_pairs = [
        (gold_index[_span_key(p)], j) for j, p in enumerate(predicted) if _span_key(p) in gold_index
    ]
    exact_pairs = greedy_one_to_one((0, i, j) for i, j in exact_pairs)
    left_gold = set(range(len(gold))) - {i for i, _ in exact_pairs}
    left_predicted = set(range(len(predicted))) - {j for _, j in exact_pairs}
    gold_ends = [m.end for m in gold]
    candidates = []
    for j in sorted(left_predicted):
        p = predicted[j]
        i = bisect_right(gold_ends, p.start)  # first gold name that ends after p starts
        while i < len(gold) and gold[i].start < p.end:
            if i in left_gold:
                overlap = min(p.end, gold[i].end) - max(p.start, gold[i].start)
                candidates.append((overlap, i, j))
            i += 1
    partial_pairs = greedy_one_to_one(candidates)
    paired_gold = {i for i, _ in exact_pairs + partial_pairs}
    paired_predicted = {j for _, j in exact_pairs + partial_pairs}

    def trace(i: int | None, j: int | None) -> Outcome:
        return (
            doc_id,
            gold[i].id if i is not None else None,
            predicted[j].id if j is not None else None,
        )

    same_type = [(i, j) for i, j in exact_pairs if gold[i].type == predicted[j].type]
    other_type = [(i, j) for i, j in exact_pairs if gold[i].type != predicted[j].type]
    partial_same = [(i, j) for i, j in partial_pairs if gold[i].type == predicted[j].type]
    outcomes = {
        "correct": tuple(trace(i, j) for i, j in same_type),
        "incorrect": tuple(trace(i, j) for i, j in other_type),
        "partial": tuple(trace(i, j) for i, j in partial_pairs),
        "missed": tuple(trace(i, None) for i in range(len(gold)) if i not in paired_gold),
        "spurious": tuple(
            trace(None, j) for j in range(len(predicted)) if j not in paired_predicted
        ),
    }
    return SpanScores(
        outcomes=outcomes,
        strict=TypedCounts(_typed(gold, predicted, same_type)),
        type=TypedCounts(_typed(gold, predicted, same_type + partial_same)),
        exact=_credit(len(gold), len(predicted), len(exact_pairs)),
        partial=_credit(len(gold), len(predicted), len(exact_pairs) + 0.5 * len(partial_pairs)),
    )


def _credit(positives: int, actual: int, tp: float) -> Counts:
    return Counts(tp, actual - tp, positives - tp)


def _typed(
    gold: Sequence[Mention], predicted: Sequence[Mention], credited: list[tuple[int, int]]
) -> dict[str, Counts]:
    """Per-type Counts where ``credited`` pairs (of equal type) are the true positives."""
    table: dict[str, list[int]] = {}
    for m in gold:
        table.setdefault(m.type, [0, 0, 0])[2] += 1
    for m in predicted:
        table.setdefault(m.type, [0, 0, 0])[1] += 1
    for i, _ in credited:
        row = table[gold[i].type]
        row[0] += 1
        row[1] -= 1
        row[2] -= 1
    return {name: Counts(*row) for name, row in sorted(table.items())}


def _add_spans(parts: Sequence[SpanScores]) -> SpanScores:
    return SpanScores(
        outcomes={
            name: tuple(o for part in parts for o in part.outcomes[name]) for name in OUTCOMES
        },
        strict=TypedCounts(add_by_key(part.strict.per_type for part in parts)),
        type=TypedCounts(add_by_key(part.type.per_type for part in parts)),
        exact=total(part.exact for part in parts),
        partial=total(part.partial for part in parts),
    )


# --- one document, and the sum over documents ------------------------------------------------


@dataclass(frozen=True)
class EntityScores:
    """Entity scores of one document or of several (summed)."""

    seqeval: TypedCounts  # the same in mode="strict", scheme=IOB2 and in default mode
    spans: SpanScores
    misaligned_gold: int
    misaligned_predicted: int

    def to_dict(self) -> dict:
        return {
            "seqeval": self.seqeval.to_dict(),
            "spans": self.spans.to_dict(),
            "misaligned_gold": self.misaligned_gold,
            "misaligned_predicted": self.misaligned_predicted,
        }


def entities_document(gold: Annotation, predicted: Annotation, index: TokenIndex) -> EntityScores:
    """Entity scores of one document; ``index`` holds the tokens of its text."""
    gold_names, predicted_names = names(gold), names(predicted)
    gold_aligned, misaligned_gold = aligned_spans(gold_names, index)
    predicted_aligned, misaligned_predicted = aligned_spans(predicted_names, index)
    return EntityScores(
        seqeval=TypedCounts(_typed_sets(gold_aligned, predicted_aligned)),
        spans=span_scores(gold.doc_id, gold_names, predicted_names),
        misaligned_gold=misaligned_gold,
        misaligned_predicted=misaligned_predicted,
    )


def summarize_entities(documents: Sequence[EntityScores]) -> EntityScores:
    return EntityScores(
        seqeval=TypedCounts(add_by_key(d.seqeval.per_type for d in documents)),
        spans=_add_spans([d.spans for d in documents]),
        misaligned_gold=sum(d.misaligned_gold for d in documents),
        misaligned_predicted=sum(d.misaligned_predicted for d in documents),
    )
