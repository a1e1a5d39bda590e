"""Score predictions against a corpus split: ``evaluate`` and ``python -m benchmarks evaluate``.

Each document is tokenized once (``corpus.text.sentences``) and scored layer by layer; the
per-document Counts are summed, and resampled for the bootstrap intervals of the headline
figures. The JSON written by ``--json`` is :meth:`EvaluationResult.to_dict` (keys documented
in ``benchmarks/README.md``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from benchmarks.metrics.claims import COUNT_METRICS
from benchmarks.metrics.counts import Counts, Interval, bootstrap_f1, rounded
from benchmarks.metrics.document import DocumentScores, score_document, summarize_documents
from benchmarks.predictions import PredictionsError, check_prediction, read_predictions
from corpus.cli import add_corpus_option, output_file, positive_int, subcommand
from corpus.schema import CLAIM_ATTRIBUTES, Annotation, Article
from corpus.store import CorpusError, CorpusStore, write_text_atomic
from corpus.validate import check_or_raise

RESAMPLES = 1000
SEED = 0


# Headline figures: name -> the Counts of one document (or of a sum) behind its F1.
HEADLINES: dict[str, Callable[[DocumentScores], Counts]] = {
    "entities.seqeval": lambda s: s.entities.seqeval.micro,
    "entities.span_strict": lambda s: s.entities.spans.strict.micro,
    "relations.strict": lambda s: s.relations.strict.micro,
    "relations.boundaries": lambda s: s.relations.boundaries,
    "relations.entity": lambda s: s.relations.entity,
    **{f"claims.{name}": (lambda s, name=name: s.claims.counts[name]) for name in COUNT_METRICS},
}


@dataclass(frozen=True)
class EvaluationResult:
    split: str
    documents: int  # gold documents scored
    predicted: int  # of which with a prediction line
    scores: DocumentScores  # summed over documents
    intervals: dict[str, Interval]  # per HEADLINES name
    resamples: int
    seed: int

    def headline(self) -> dict[str, float]:
        return {name: counts_of(self.scores).f1 for name, counts_of in HEADLINES.items()}

    def to_dict(self) -> dict:
        return {
            "split": self.split,
            "documents": self.documents,
            "predicted_documents": self.predicted,
            "headline": {
                name: {"f1": f1, "ci95": self.intervals[name].to_dict()}
                for name, f1 in self.headline().items()
            },
            "bootstrap": {"resamples": self.resamples, "seed": self.seed, "confidence": 0.95},
            "entities": self.scores.entities.to_dict(),
            "relations": self.scores.relations.to_dict(),
            "claims": self.scores.claims.to_dict(),
        }


def evaluate(
    gold: Sequence[Annotation],
    predictions: Mapping[str, Annotation],
    articles: Mapping[str, Article],
    *,
    split: str,
    origins: Mapping[str, str] | None = None,
    resamples: int = RESAMPLES,
    seed: int = SEED,
    progress: bool = False,
) -> EvaluationResult:
    """Score ``predictions`` (by doc id) against the ``gold`` documents of ``split``.

    A gold document without a prediction counts as empty; a prediction of a document outside
    ``gold`` is an error. Each prediction is checked against its article first
    (``corpus.validate.check_annotation``); ``origins`` names where each came from in errors
    (e.g. ``file:line``; default ``"predictions"``). Gold is checked by ``load_split``.
    """
    gold_ids = {g.doc_id for g in gold}
    no_article = sorted(gold_ids - articles.keys())
    if no_article:
        raise CorpusError(f"{no_article[0]}: gold document without an article")
    unknown = sorted(predictions.keys() - gold_ids)
    if unknown:
        where = (origins or {}).get(unknown[0], "predictions")
        raise PredictionsError(f"{where}: {unknown[0]}: not a document of the {split!r} split")
    per_document = []
    for g in tqdm(gold, desc="evaluate", unit="doc", disable=not progress):
        article = articles[g.doc_id]
        predicted = predictions.get(g.doc_id)
        if predicted is None:
            predicted = Annotation(g.doc_id)
        else:
            check_prediction(predicted, article, (origins or {}).get(g.doc_id, "predictions"))
        per_document.append(score_document(g, predicted, article.text))
    intervals = bootstrap_f1(
        {name: [counts_of(s) for s in per_document] for name, counts_of in HEADLINES.items()},
        resamples=resamples,
        seed=seed,
    )
    return EvaluationResult(
        split=split,
        documents=len(gold),
        predicted=len(predictions),
        scores=summarize_documents(per_document),
        intervals=intervals,
        resamples=resamples,
        seed=seed,
    )


def load_split(store: CorpusStore, split: str) -> tuple[list[Annotation], list[Article]]:
    """The gold annotations of ``split`` in ``store`` and their articles, in id order, each
    gold file checked against its article (one line naming its first problem).

    Documents of the split without gold yet (selected, not yet adjudicated) are not scored.
    """
    splits = store.splits()
    if split not in splits:
        known = ", ".join(splits) or "none"
        raise CorpusError(f"{store.splits_path}: no split {split!r} (known: {known})")
    gold, articles = store.gold_documents(split)
    if not gold:
        raise CorpusError(f"{store.gold_dir}: no gold document in split {split!r}")
    for annotation, article in zip(gold, articles, strict=True):
        check_or_raise(annotation, article, store.gold_path(annotation.doc_id))
    return gold, articles


# --- report ------------------------------------------------------------------------------------


def format_table(result: EvaluationResult) -> str:
    """A compact plain-text table per layer."""
    lines = [f"split {result.split}: {result.documents} documents, {result.predicted} predicted"]
    s = result.scores

    def row(label: str, counts: Counts, headline: str | None = None) -> str:
        interval = ""
        if headline is not None:
            ci = result.intervals[headline]
            interval = f"  [{ci.low:.3f}, {ci.high:.3f}]"
        figures = f"{counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f}"
        return f"  {label:<28}{figures}{interval}"

    def section(title: str) -> str:
        return f"{title:<30}{'P':>6} {'R':>6} {'F1':>6}  95% CI"

    spans = s.entities.spans
    lines += [
        section("entities (NAM mentions)"),
        row("seqeval strict = default", s.entities.seqeval.micro, "entities.seqeval"),
        row("span strict", spans.strict.micro, "entities.span_strict"),
        row("span exact", spans.exact),
        row("span partial", spans.partial),
        row("span type", spans.type.micro),
        "  outcomes: " + ", ".join(f"{k} {len(v)}" for k, v in spans.outcomes.items()),
        section("relations"),
        row("strict", s.relations.strict.micro, "relations.strict"),
        row("boundaries", s.relations.boundaries, "relations.boundaries"),
        row("entity", s.relations.entity, "relations.entity"),
        section("claims"),
        *(row(name, s.claims.counts[name], f"claims.{name}") for name in COUNT_METRICS),
        f"  {'parent accuracy':<28}{s.claims.parent_accuracy:6.3f}"
        f"  ({s.claims.parent_correct}/{s.claims.parent_total})",
    ]
    report = s.claims.to_dict()["attributes"]
    for name in CLAIM_ATTRIBUTES:
        a = report[name]
        lines.append(
            f"  {name:<28}accuracy {a['accuracy']:.3f}  macro F1 {a['macro_f1']:.3f}"
            f"  ({a['matched']} matched)"
        )
    return "\n".join(lines)


# --- command line ------------------------------------------------------------------------------


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(
        verbs,
        "evaluate",
        _evaluate,
        "Score a predictions file (JSON Lines, one annotation per document) against the gold "
        "of a corpus split; print a table per layer.",
    )
    parser.add_argument("predictions", type=Path, metavar="PRED.jsonl", help="predictions file")
    add_corpus_option(parser)
    parser.add_argument("--split", default="test", help="split to score (default: test)")
    parser.add_argument(
        "--json", type=output_file, metavar="OUT", help="write the full result as JSON"
    )
    parser.add_argument(
        "--resamples",
        type=positive_int,
        default=RESAMPLES,
        help=f"bootstrap resamples (default: {RESAMPLES})",
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"bootstrap seed (default: {SEED})")


def _evaluate(args: argparse.Namespace) -> int:
    store = CorpusStore(args.corpus)
    gold, in_split = load_split(store, args.split)
    articles = {article.id: article for article in in_split}
    found = read_predictions(args.predictions, set(articles), args.split)
    result = evaluate(
        gold,
        {doc_id: annotation for doc_id, (_, annotation) in found.items()},
        articles,
        split=args.split,
        origins={doc_id: f"{args.predictions}:{line}" for doc_id, (line, _) in found.items()},
        resamples=args.resamples,
        seed=args.seed,
        progress=True,
    )
    print(format_table(result))
    if args.json:
        write_text_atomic(args.json, json.dumps(rounded(result.to_dict()), indent=1) + "\n")
    return 0
