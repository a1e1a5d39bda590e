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

from baselines.training import TRAIN_SPLIT
from benchmarks.metrics.claims import COUNT_METRICS
from benchmarks.metrics.counts import Counts, Interval, bootstrap_f1, rounded
from benchmarks.metrics.document import DocumentScores, score_document, summarize_documents
from benchmarks.predictions import (
    PredictionsError,
    check_prediction,
    read_predictions,
    split_predictions,
)
from corpus.cli import (
    add_corpus_option,
    add_train_corpus_option,
    output_file,
    positive_int,
    subcommand,
)
from corpus.schema import CLAIM_ATTRIBUTES, Annotation, Article
from corpus.store import CorpusError, CorpusStore, write_text_atomic
from corpus.text import text_sha256
from corpus.validate import checked_gold_documents

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
    intervals: dict[str, Interval | None]  # per HEADLINES name; None over one document
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
                name: {"f1": f1, "ci95": interval and interval.to_dict()}
                for name, f1 in self.headline().items()
                for interval in (self.intervals[name],)
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
    gold, articles = checked_gold_documents(store, split)
    if not gold:
        raise CorpusError(f"{store.gold_dir}: no gold document in split {split!r}")
    return gold, articles


def without_training_texts(
    gold: Sequence[Annotation], articles: Sequence[Article], train_store: CorpusStore
) -> tuple[list[Annotation], list[Article], list[str]]:
    """``gold`` and ``articles`` without the documents whose text is also the text of a gold
    document of the train split of ``train_store`` (a model trained there has seen them), and
    the ids of those left out."""
    _, train_articles = train_store.gold_documents(TRAIN_SPLIT)
    seen_texts = {text_sha256(article.text) for article in train_articles}
    seen = [article.id for article in articles if text_sha256(article.text) in seen_texts]
    keep = [n for n, article in enumerate(articles) if article.id not in seen]
    return [gold[n] for n in keep], [articles[n] for n in keep], seen


# --- report ------------------------------------------------------------------------------------


def format_table(result: EvaluationResult) -> str:
    """A compact plain-text table per layer."""
    lines = [f"split {result.split}: {result.documents} documents, {result.predicted} predicted"]
    s = result.scores

    def row(label: str, counts: Counts, headline: str | None = None) -> str:
        interval = ""
        if headline is not None:
            ci = result.intervals[headline]
            interval = "  n/a" if ci is None else f"  [{ci.low:.3f}, {ci.high:.3f}]"
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
    add_train_corpus_option(
        parser,
        help="corpus folder the predicting model was trained on: documents of the scored split "
        "whose text its train split holds are left out (and counted)",
    )
    parser.add_argument("--split", default="test", help="split to score (default: test)")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse predictions of documents outside the split, and documents of the split "
        "seen in training, instead of leaving them out (and counting them)",
    )
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
    seen: list[str] = []
    if args.train_corpus is not None:
        train_store = CorpusStore(args.train_corpus)
        gold, in_split, seen = without_training_texts(gold, in_split, train_store)
        if seen and args.strict:
            raise CorpusError(
                f"{store.article_path(seen[0])}: {seen[0]}: its text is in the train split of "
                f"{args.train_corpus} (--strict)"
            )
        if not gold:
            raise CorpusError(f"every gold document of split {args.split!r} is in training")
    articles = {article.id: article for article in in_split}
    found, outside = split_predictions(
        read_predictions(args.predictions), set(articles), args.split, args.predictions, args.strict
    )
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
    left_out = {
        "predictions_outside_split": len(outside),
        "documents_seen_in_training": seen,
    }
    print(format_table(result))
    if outside:
        print(f"left out: {len(outside)} prediction(s) of documents outside split {args.split!r}")
    if seen:
        print(f"left out: {len(seen)} document(s) of the split seen in training: {', '.join(seen)}")
    if args.json:
        data = rounded(result.to_dict() | {"left_out": left_out})
        write_text_atomic(args.json, json.dumps(data, indent=1) + "\n")
    return 0
