"""Agreement between annotators: the benchmark's metrics with one annotator as gold.

For each pair of annotators, the documents both annotated are scored with
``benchmarks.metrics.document.score_document`` (first annotator = gold, second = predicted;
every F1 is symmetric in the two), the per-document scores are summed, and Cohen's kappa
(``sklearn.metrics.cohen_kappa_score``) is computed on the claim attributes of matched claims
and on the kind of mentions with the same span. A figure is ``None`` when it is undefined: an
F1 when neither annotator has an item of that kind, the parent accuracy when no matched claim
has a parent, a kappa when no item is matched or both annotators use one and the same label
throughout (the benchmark's zero-division rule would report 0.0 there, which reads as total
disagreement).

``python -m annotation agreement`` prints a table; ``--json OUT`` writes the figures as a flat
``"layer/metric": value`` dict (pooled over all pairs) with the per-pair figures under
``"pairs"``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from sklearn.metrics import cohen_kappa_score
from tqdm import tqdm

from benchmarks.metrics.counts import Counts, rounded, total
from benchmarks.metrics.document import DocumentScores, score_document, summarize_documents
from benchmarks.metrics.matching import match_by_key
from corpus.cli import add_corpus_option, output_file, subcommand
from corpus.schema import CLAIM_ATTRIBUTES, Annotation, Article
from corpus.store import CorpusError, CorpusStore, load_annotation, write_json
from corpus.validate import check_or_raise

# Figure -> value; None when undefined (see the module doc).
Figures = dict[str, float | int | None]


@dataclass(frozen=True)
class DocumentAgreement:
    """Agreement of two annotators on one document, or on several (summed)."""

    scores: DocumentScores  # the benchmark's scores, first annotator as gold
    mentions: Counts  # all mentions, same span and type
    kinds: tuple[tuple[str, str], ...]  # (first, second) kind of mentions with the same span


def document_agreement(first: Annotation, second: Annotation, text: str) -> DocumentAgreement:
    def typed(annotation: Annotation) -> list[tuple[str, tuple]]:
        return [(m.id, (m.start, m.end, m.type)) for m in annotation.mentions]

    def spans(annotation: Annotation) -> list[tuple[str, tuple]]:
        return [(m.id, (m.start, m.end)) for m in annotation.mentions]

    pairs, missed, spurious = match_by_key(typed(first), typed(second))
    kind_of = {("first", m.id): m.kind for m in first.mentions}
    kind_of.update({("second", m.id): m.kind for m in second.mentions})
    same_span, _, _ = match_by_key(spans(first), spans(second))
    return DocumentAgreement(
        scores=score_document(first, second, text),
        mentions=Counts(len(pairs), len(spurious), len(missed)),
        kinds=tuple((kind_of["first", a], kind_of["second", b]) for a, b in same_span),
    )


def summarize(documents: Sequence[DocumentAgreement]) -> DocumentAgreement:
    return DocumentAgreement(
        scores=summarize_documents([d.scores for d in documents]),
        mentions=total(d.mentions for d in documents),
        kinds=tuple(pair for d in documents for pair in d.kinds),
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
    """The headline figures, ``"layer/metric": value``."""
    entities, relations, claims = (
        agreement.scores.entities,
        agreement.scores.relations,
        agreement.scores.claims,
    )
    return {
        "entities/nam_span_strict_f1": f1(entities.spans.strict.micro),
        "entities/nam_seqeval_f1": f1(entities.seqeval.micro),
        "entities/all_mentions_strict_f1": f1(agreement.mentions),
        "entities/mention_kind_kappa": kappa(agreement.kinds),
        "entities/mention_kind_matched": len(agreement.kinds),
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
    """Figures pooled over all pairs, the number of distinct documents, and each pair's."""
    pairs = []
    pooled: list[DocumentAgreement] = []
    documents: set[str] = set()
    for first, second in annotator_pairs(store, annotators):
        doc_ids = shared_documents(store, first, second)
        per_document = []
        for doc_id in tqdm(doc_ids, desc=f"{first} / {second}", unit="doc", disable=not progress):
            article = store.load_article(doc_id)
            per_document.append(
                document_agreement(
                    load_checked(store, first, article),
                    load_checked(store, second, article),
                    article.text,
                )
            )
        pairs.append(
            {
                "annotators": [first, second],
                "documents": doc_ids,
                "figures": figures(summarize(per_document)) if doc_ids else {},
            }
        )
        pooled += per_document
        documents.update(doc_ids)
    if not documents:
        names = "; ".join(" / ".join(pair["annotators"]) for pair in pairs)
        raise CorpusError(f"{store.annotations_dir}: no document annotated by both of {names}")
    return {"documents": len(documents), **figures(summarize(pooled)), "pairs": pairs}


def format_table(agreement: dict[str, Any]) -> str:
    """One row per figure, one column per pair (and the pooled column when there are several)."""
    pairs = [pair for pair in agreement["pairs"] if pair["documents"]]
    columns = [(" / ".join(pair["annotators"]), pair["figures"]) for pair in pairs]
    if len(columns) > 1:
        columns.append(("pooled", agreement))
    names = list(pairs[0]["figures"])
    width = max(map(len, names)) + 2
    header = "".join(f"{title:>24}" for title, _ in columns)
    lines = [f"{'figure':<{width}}{header}"]
    lines.append(
        f"{'documents':<{width}}"
        + "".join(f"{len(pair['documents']):>24}" for pair in pairs)
        + (f"{agreement['documents']:>24}" if len(columns) > 1 else "")
    )
    for name in names:
        cells = "".join(f"{_cell(values[name]):>24}" for _, values in columns)
        lines.append(f"{name:<{width}}{cells}")
    for pair in agreement["pairs"]:
        if not pair["documents"]:
            lines.append(f"no document annotated by both {' and '.join(pair['annotators'])}")
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
        "benchmark's F1 per layer and Cohen's kappa on claim attributes and mention kind.",
    )
    add_corpus_option(parser)
    parser.add_argument(
        "--annotators",
        nargs=2,
        metavar=("A", "B"),
        help="the two annotators to compare (default: every pair of the corpus's annotators)",
    )
    parser.add_argument(
        "--json", type=output_file, metavar="OUT", help="write the figures as JSON"
    )


def _agreement(args: argparse.Namespace) -> int:
    result = corpus_agreement(CorpusStore(args.corpus), args.annotators, progress=True)
    print(format_table(result))
    if args.json:
        write_json(args.json, rounded(result))
    return 0
