"""Agreement between annotators: the benchmark's metrics with one annotator as gold.

For each pair of annotators, the documents both annotated are scored with
``benchmarks.metrics.document.score_document`` (first annotator = gold, second = predicted;
every F1 is symmetric in the two), the per-document scores are summed, and Cohen's kappa
(``sklearn.metrics.cohen_kappa_score``) is computed on the claim attributes of matched claims
and on the kind of mentions with the same span. Mentions are also compared per type, and
entities as coreference clusters (MUC, B³, CEAF-e and their mean, the CoNLL F1). A figure is
``None`` when it is undefined: an F1 when neither annotator has an item of that kind, the
parent accuracy when no matched claim has a parent, a kappa when no item is matched or both
annotators use one and the same label throughout (the benchmark's zero-division rule would
report 0.0 there, which reads as total disagreement).

Documents the guidelines were developed on are reported apart from the others: those of the
train split (the guidelines' examples and the rules that adjudication added come from them) and
any other the guidelines name as developed on (the seed, which version 1.0 was written from).
Agreement on them is not agreement on unseen text.

``python -m annotation agreement`` prints a table; ``--json OUT`` writes, for each pair, the
figures (``"layer/metric": value``) over the unseen documents and over the others.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from sklearn.metrics import cohen_kappa_score
from tqdm import tqdm

from annotation.guidelines import documents_developed_on
from benchmarks.metrics.coreference import (
    Fractions,
    conll_f1,
    coreference_scores,
    entity_clusters,
)
from benchmarks.metrics.counts import Counts, TypedCounts, add_by_key, rounded
from benchmarks.metrics.document import DocumentScores, score_document, summarize_documents
from benchmarks.metrics.matching import match_by_key
from corpus.cli import add_corpus_option, output_file, subcommand
from corpus.schema import CLAIM_ATTRIBUTES, MENTION_TYPES, Annotation, Article
from corpus.store import CorpusError, CorpusStore, load_annotation, write_json
from corpus.validate import check_or_raise

# Figure -> value; None when undefined (see the module doc).
Figures = dict[str, float | int | None]


@dataclass(frozen=True)
class DocumentAgreement:
    """Agreement of two annotators on one document, or on several (summed)."""

    scores: DocumentScores  # the benchmark's scores, first annotator as gold
    mentions: TypedCounts  # all mentions, same span and type, per type
    kinds: tuple[tuple[str, str], ...]  # (first, second) kind of mentions with the same span
    coreference: dict[str, Fractions]  # MUC, B³, CEAF-e of the entity clusters


def document_agreement(first: Annotation, second: Annotation, text: str) -> DocumentAgreement:
    def typed(annotation: Annotation) -> list[tuple[str, tuple]]:
        return [(m.id, (m.start, m.end, m.type)) for m in annotation.mentions]

    def spans(annotation: Annotation) -> list[tuple[str, tuple]]:
        return [(m.id, (m.start, m.end)) for m in annotation.mentions]

    type_of = {("first", m.id): m.type for m in first.mentions}
    type_of.update({("second", m.id): m.type for m in second.mentions})
    pairs, missed, spurious = match_by_key(typed(first), typed(second))
    per_type = {name: [0, 0, 0] for name in MENTION_TYPES}
    for a, _ in pairs:
        per_type[type_of["first", a]][0] += 1
    for b in spurious:
        per_type[type_of["second", b]][1] += 1
    for a in missed:
        per_type[type_of["first", a]][2] += 1
    kind_of = {("first", m.id): m.kind for m in first.mentions}
    kind_of.update({("second", m.id): m.kind for m in second.mentions})
    same_span, _, _ = match_by_key(spans(first), spans(second))
    return DocumentAgreement(
        scores=score_document(first, second, text),
        mentions=TypedCounts({t: Counts(*counts) for t, counts in per_type.items() if any(counts)}),
        kinds=tuple((kind_of["first", a], kind_of["second", b]) for a, b in same_span),
        coreference=coreference_scores(entity_clusters(first), entity_clusters(second)),
    )


def summarize(documents: Sequence[DocumentAgreement]) -> DocumentAgreement:
    coreference: dict[str, Fractions] = {}
    for document in documents:
        for name, fractions in document.coreference.items():
            coreference[name] = coreference.get(name, Fractions()) + fractions
    return DocumentAgreement(
        scores=summarize_documents([d.scores for d in documents]),
        mentions=TypedCounts(add_by_key(d.mentions.per_type for d in documents)),
        kinds=tuple(pair for d in documents for pair in d.kinds),
        coreference=coreference,
    )


def kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of ``(first, second)`` labels; None when undefined (see the module doc)."""
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    if len(set(first) | set(second)) < 2:  # no pair, or one label only: chance agreement is 1
        return None
    return float(cohen_kappa_score(first, second))


def f1(counts: Counts) -> float | None:
    """F1 of ``counts``; None when there is no item at all."""
    return counts.f1 if counts.tp + counts.fp + counts.fn else None


def figures(agreement: DocumentAgreement) -> Figures:
    """The headline figures, ``"layer/metric": value``, layer by layer."""
    entities, relations, claims = (
        agreement.scores.entities,
        agreement.scores.relations,
        agreement.scores.claims,
    )
    coreference = agreement.coreference
    return {
        "mentions/nam_span_strict_f1": f1(entities.spans.strict.micro),
        "mentions/nam_seqeval_f1": f1(entities.seqeval.micro),
        "mentions/all_strict_f1": f1(agreement.mentions.micro),
        **{
            f"mentions/{name}_f1": f1(agreement.mentions.per_type.get(name, Counts()))
            for name in MENTION_TYPES
        },
        "mentions/kind_kappa": kappa(agreement.kinds),
        "mentions/kind_matched": len(agreement.kinds),
        **{f"entities/{name}_f1": fractions.f1 for name, fractions in coreference.items()},
        "entities/conll_f1": conll_f1(coreference) if coreference else None,
        "relations/strict_f1": f1(relations.strict.micro),
        "relations/boundaries_f1": f1(relations.boundaries),
        "relations/entity_f1": f1(relations.entity),
        "claims/content_exact_f1": f1(claims.counts["content_exact"]),
        "claims/content_tokens_f1": f1(claims.counts["content_tokens"]),
        "claims/cue_f1": f1(claims.counts["cue"]),
        "claims/source_mention_f1": f1(claims.counts["source_mention"]),
        "claims/source_entity_f1": f1(claims.counts["source_entity"]),
        "claims/attribution_f1": f1(claims.counts["attribution"]),
        "claims/parent_accuracy": claims.parent_accuracy if claims.parent_total else None,
        **{f"claims/{name}_kappa": kappa(claims.attributes[name]) for name in CLAIM_ATTRIBUTES},
        "claims/matched": len(claims.attributes["stance"]),
        "claim_links/f1": f1(claims.counts["links"]),
    }


# --- a corpus folder ---------------------------------------------------------------------------


def load_checked(store: CorpusStore, annotator: str, article: Article) -> Annotation:
    """An annotator's file of ``article``, refused when it does not validate."""
    path = store.annotation_path(annotator, article.id)
    annotation = load_annotation(path)
    check_or_raise(annotation, article, path)
    return annotation


def shared_documents(store: CorpusStore, first: str, second: str) -> list[str]:
    def annotated(annotator: str) -> set[str]:
        return {path.stem for path in (store.annotations_dir / annotator).glob("*.json")}

    return sorted(annotated(first) & annotated(second))


def annotator_pairs(store: CorpusStore, annotators: Sequence[str] | None) -> list[tuple[str, str]]:
    """The pairs to compare: the two given, or every pair of the corpus's annotators."""
    known = store.annotators()
    if annotators is not None:
        unknown = [name for name in annotators if name not in known]
        if unknown:
            raise CorpusError(
                f"{store.annotations_dir}: no annotator {unknown[0]!r} "
                f"(known: {', '.join(known) or 'none'})"
            )
        if annotators[0] == annotators[1]:
            raise CorpusError(f"compare two different annotators, not {annotators[0]!r} twice")
        return [(annotators[0], annotators[1])]
    if len(known) < 2:
        raise CorpusError(
            f"{store.annotations_dir}: agreement needs two annotators "
            f"(found: {', '.join(known) or 'none'})"
        )
    return list(combinations(known, 2))


def corpus_agreement(
    store: CorpusStore, annotators: Sequence[str] | None = None, progress: bool = False
) -> dict[str, Any]:
    """For each pair of annotators: the documents both annotated, the guideline versions their
    files follow, and the figures over the unseen documents and over those the guidelines were
    developed on (train, or named by the guidelines)."""
    developed_on = documents_developed_on() | set(store.splits().get("train", []))
    pairs = []
    for first, second in annotator_pairs(store, annotators):
        doc_ids = shared_documents(store, first, second)
        per_document: dict[str, DocumentAgreement] = {}
        versions: set[str] = set()
        for doc_id in tqdm(doc_ids, desc=f"{first} / {second}", unit="doc", disable=not progress):
            article = store.load_article(doc_id)
            one, other = (load_checked(store, name, article) for name in (first, second))
            versions.update(v for v in (one.guidelines, other.guidelines) if v is not None)
            per_document[doc_id] = document_agreement(one, other, article.text)
        groups = {
            "unseen": [d for d in doc_ids if d not in developed_on],
            "guidelines_development": [d for d in doc_ids if d in developed_on],
        }
        pairs.append(
            {
                "annotators": [first, second],
                "guidelines": sorted(versions),
                "documents": doc_ids,
                **{
                    group: {
                        "documents": len(ids),
                        "figures": figures(summarize([per_document[d] for d in ids])),
                    }
                    for group, ids in groups.items()
                    if ids
                },
            }
        )
    if not any(pair["documents"] for pair in pairs):
        names = "; ".join(" / ".join(pair["annotators"]) for pair in pairs)
        raise CorpusError(f"{store.annotations_dir}: no document annotated by both of {names}")
    return {"pairs": [pair for pair in pairs if pair["documents"]]}


GROUP_TITLES = {"unseen": "", "guidelines_development": " (developed on)"}


def format_table(agreement: dict[str, Any]) -> str:
    """One row per figure; one column per pair and group of documents (unseen, developed on)."""
    columns = [
        (f"{' / '.join(pair['annotators'])}{title}", pair[group])
        for pair in agreement["pairs"]
        for group, title in GROUP_TITLES.items()
        if group in pair
    ]
    names = list(columns[0][1]["figures"])
    label_width = max(map(len, names)) + 2
    widths = [max(12, len(title) + 2) for title, _ in columns]

    def row(label: str, cells: list[str]) -> str:
        padded = (cell.rjust(width) for cell, width in zip(cells, widths, strict=True))
        return label.ljust(label_width) + "".join(padded)

    lines = [
        row("figure", [title for title, _ in columns]),
        row("documents", [str(group["documents"]) for _, group in columns]),
    ]
    lines += [row(name, [_cell(g["figures"][name]) for _, g in columns]) for name in names]
    return "\n".join(lines)


def _cell(value: float | int | None) -> str:
    if value is None:
        return "undefined"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


# --- command line ------------------------------------------------------------------------------


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(
        verbs,
        "agreement",
        _agreement,
        "Pairwise agreement between annotators on the documents both annotated: the "
        "benchmark's F1 per layer, mention F1 per type, coreference (MUC, B-cubed, CEAF-e, "
        "CoNLL) and Cohen's kappa on claim attributes and mention kind; documents the "
        "guidelines quote are reported apart.",
    )
    add_corpus_option(parser)
    parser.add_argument(
        "--annotators",
        nargs=2,
        metavar=("A", "B"),
        help="the two annotators to compare (default: every pair of the corpus's annotators)",
    )
    parser.add_argument("--json", type=output_file, metavar="OUT", help="write the figures as JSON")


def _agreement(args: argparse.Namespace) -> int:
    result = corpus_agreement(CorpusStore(args.corpus), args.annotators, progress=True)
    print(format_table(result))
    if args.json:
        write_json(args.json, rounded(result))
    return 0
