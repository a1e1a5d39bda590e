"""The trained baseline: a CRF for mentions, classifiers for relations and claims.

- mentions: a linear-chain CRF (sklearn-crfsuite) over BIO tags of NAM mentions, on the rule
  baseline's tokens (the same boundaries as ``corpus.text``), with the rule baseline's tag of
  each token among the features;
- relations: a logistic regression over pairs of mentions of a sentence (type or NONE);
- claims: the rule baseline's cue patterns propose candidates; a logistic regression keeps or
  drops each one and another predicts its kind.

``fit`` trains on gold documents; ``cross_validate`` predicts each fold of sentences with
models trained on the other folds, for a corpus too small for a document-level train split.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sklearn_crfsuite
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from baselines.base import BENCHMARK_LAYERS, Draft, TrainableExtractor
from baselines.crf_features import claim_features, pair_features, token_features
from baselines.rules import link_denials, nest_claims, rules_draft, sentence_tokens
from baselines.rules.claims import ClaimFinder
from baselines.rules.relations import SentenceMentions
from baselines.rules.tokens import Tok
from corpus.schema import MENTION_TYPES, RELATION_TYPES, Annotation, Article, Mention
from corpus.text import bio_to_offsets, offsets_to_bio

NO_RELATION = "NONE"
HASHED_FEATURES = 2**14  # feature space of the classifiers (hashed: no vocabulary to fit)
MAX_PAIR_DISTANCE = 20  # words between two mentions that can be related
VALUE_TYPES = frozenset({"DATE", "QUANTITY", "ROLE"})  # each mention its own entity
CONTENT_OVERLAP = 0.5  # a candidate is right when its content overlaps a gold content this much
SEED = 0


class NotTrainedError(RuntimeError):
    """``extract`` was called before ``fit``."""


@dataclass(frozen=True)
class Document:
    article: Article
    sentences: list[list[Tok]]
    rules: Draft
    gold: Annotation | None

    def rule_tags(self, index: int) -> list[str]:
        return _tags(self.sentences[index], self.rules.mentions)

    def gold_tags(self, index: int) -> list[str]:
        assert self.gold is not None
        return _tags(self.sentences[index], self.gold.mentions)

    def sentence_of(self, offset: int) -> int:
        return next(
            (i for i, tokens in enumerate(self.sentences) if offset < tokens[-1].end),
            len(self.sentences) - 1,
        )


@dataclass(frozen=True)
class Models:
    tagger: sklearn_crfsuite.CRF
    relations: Pipeline
    keep_claim: Pipeline
    claim_kind: Pipeline


Unit = tuple[int, int]  # (document, sentence)


def _tags(tokens: Sequence[Tok], mentions: Sequence[Mention]) -> list[str]:
    names = [(m.start, m.end, m.type) for m in mentions if m.kind == "NAM"]
    inside = [span for span in names if tokens[0].start <= span[0] and span[1] <= tokens[-1].end]
    return offsets_to_bio(tokens, inside)[0]


def prepare(articles: Sequence[Article], gold: Sequence[Annotation] | None) -> list[Document]:
    by_id = {annotation.doc_id: annotation for annotation in gold or ()}
    documents = []
    for article in articles:
        sentences = sentence_tokens(article.text)
        rules = rules_draft(article, sentences)
        documents.append(Document(article, sentences, rules, by_id.get(article.id)))
    return documents


def _classifier(features: list[dict], labels: list[str]) -> Pipeline:
    """Logistic regression; a constant model when the training labels have one value."""
    model = (
        LogisticRegression(max_iter=2000, class_weight="balanced")
        if len(set(labels)) > 1
        else DummyClassifier(strategy="most_frequent")
    )
    return make_pipeline(FeatureHasher(HASHED_FEATURES, alternate_sign=False), model).fit(
        features, labels
    )


# --- training ------------------------------------------------------------------------------


# (head type, tail type) pairs that some relation type accepts
RELATABLE: frozenset[tuple[str, str]] = frozenset(
    (head, tail)
    for head in MENTION_TYPES
    for tail in MENTION_TYPES
    if any(spec.accepts(head, tail) for spec in RELATION_TYPES.values())
)


def _candidate_pairs(
    tokens: Sequence[Tok], mentions: Sequence[Mention]
) -> list[tuple[Mention, Mention, list[str]]]:
    """Pairs of mentions of a sentence that some relation type accepts, at most
    ``MAX_PAIR_DISTANCE`` words apart, with the lower-cased words between them."""
    first = {token.start: i for i, token in enumerate(tokens)}
    after = {token.end: i + 1 for i, token in enumerate(tokens)}
    words = [token.text.lower() for token in tokens]
    pairs = []
    for head in mentions:
        for tail in mentions:
            if head is tail or (head.type, tail.type) not in RELATABLE:
                continue
            left, right = (head, tail) if head.start < tail.start else (tail, head)
            if left.end not in after or right.start not in first:
                continue  # a mention off the sentence's tokens
            between = words[after[left.end] : first[right.start]]
            if len(between) <= MAX_PAIR_DISTANCE:
                pairs.append((head, tail, between))
    return pairs


def _predict_grouped(
    items: Sequence[tuple[Models, dict]], pick: Callable[[Models], Pipeline]
) -> list[str]:
    """Labels of ``(models, features)`` items: one ``predict`` call per distinct model."""
    labels = [""] * len(items)
    groups: dict[int, list[int]] = {}
    for n, (models, _) in enumerate(items):
        groups.setdefault(id(models), []).append(n)
    for indices in groups.values():
        predicted = pick(items[indices[0]][0]).predict([items[n][1] for n in indices])
        for n, label in zip(indices, predicted, strict=True):
            labels[n] = label
    return labels


def _in_sentence(tokens: Sequence[Tok], mention: Mention) -> bool:
    return tokens[0].start <= mention.start and mention.end <= tokens[-1].end


def _rule_relations(draft: Draft) -> dict[tuple[int, int, int, int], str]:
    spans = [(m.start, m.end) for m in draft.mentions]
    return {(*spans[h], *spans[t]): type_ for type_, h, t in draft.relations}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(shared, 0) / (max(a[1], b[1]) - min(a[0], b[0]))


def _gold_kind(document: Document, claim: dict) -> str | None:
    """The kind of the gold claim whose content the candidate's overlaps, or None."""
    assert document.gold is not None
    matches = [
        (_overlap(claim["content"], (g.content.start, g.content.end)), g.kind)
        for g in document.gold.claims
    ]
    best = max(matches, default=(0.0, None))
    return best[1] if best[0] >= CONTENT_OVERLAP else None


def fit_models(documents: Sequence[Document], units: Sequence[Unit]) -> Models:
    """Train the three models on the sentences ``units`` of gold ``documents``."""
    chosen = set(units)
    x_tokens, y_tokens, x_pairs, y_pairs, x_claims, y_keep, x_kinds, y_kinds = (
        [] for _ in range(8)
    )
    for d, document in enumerate(documents):
        assert document.gold is not None, f"{document.article.id}: no gold to train on"
        gold_mentions = {m.id: m for m in document.gold.mentions}
        gold_relations = {(r.head, r.tail): r.type for r in document.gold.relations}
        rule_relations = _rule_relations(document.rules)
        for s, tokens in enumerate(document.sentences):
            if (d, s) not in chosen:
                continue
            x_tokens.append(token_features(tokens, document.rule_tags(s)))
            y_tokens.append(document.gold_tags(s))
            names = [m for m in gold_mentions.values() if _in_sentence(tokens, m)]
            for head, tail, between in _candidate_pairs(tokens, names):
                rule = rule_relations.get((head.start, head.end, tail.start, tail.end), "-")
                x_pairs.append(pair_features(between, head, tail, rule))
                y_pairs.append(gold_relations.get((head.id, tail.id), NO_RELATION))
        for claim in document.rules.claims:
            if (d, document.sentence_of(claim["content"][0])) not in chosen:
                continue
            kind = _gold_kind(document, claim)
            x_claims.append(claim_features(document.rules, claim))
            y_keep.append(str(kind is not None))
            if kind is not None:
                x_kinds.append(claim_features(document.rules, claim))
                y_kinds.append(kind)
    tagger = sklearn_crfsuite.CRF(
        algorithm="lbfgs", c1=0.1, c2=0.1, max_iterations=100, all_possible_transitions=True
    )
    tagger.fit(x_tokens, y_tokens)
    return Models(
        tagger=tagger,
        relations=_classifier(x_pairs or [{}], y_pairs or [NO_RELATION]),
        keep_claim=_classifier(x_claims or [{}], y_keep or ["True"]),
        claim_kind=_classifier(x_kinds or [{}], y_kinds or ["FACT"]),
    )


# --- prediction ----------------------------------------------------------------------------


class _EntityKeys:
    """Coreference by surface: same name, or a one-word name that ends or starts a person's
    longer name ("Shoigu" -> "Sergei Shoigu"); values (DATE, QUANTITY, ROLE) stand alone."""

    def __init__(self) -> None:
        self.person_parts: dict[str, str] = {}

    def __call__(self, type_: str, start: int, surface: str) -> str:
        if type_ in VALUE_TYPES:
            return f"{type_}:{start}"
        parts = [part.lower() for part in re.split(r"[\s-]+", surface) if part]
        key = f"{type_}:{''.join(parts)}"
        if type_ != "PERSON":
            return key
        if len(parts) == 1 and parts[0] in self.person_parts:
            return self.person_parts[parts[0]]
        if len(parts) > 1:
            self.person_parts.setdefault(parts[0], key)
            self.person_parts.setdefault(parts[-1], key)
        return key


def _add_pronouns(draft: Draft, sentences: Sequence[Sequence[Tok]]) -> None:
    """ "he"/"she" join the last person named first in a sentence."""
    topic = None
    for tokens in sentences:
        people = [
            (m.start, key)
            for m, key in zip(draft.mentions, draft.entity_keys, strict=True)
            if m.type == "PERSON" and m.kind == "NAM" and _in_sentence(tokens, m)
        ]
        if people:
            topic = min(people)[1] if topic is None or min(people)[0] == tokens[0].start else topic
        for token in tokens:
            if token.text.lower() in ("he", "she") and topic is not None:
                draft.add_mention(token.start, token.end, "PERSON", "PRO", topic)


def predict_document(document: Document, models_of: Callable[[int], Models]) -> Annotation:
    """Predictions for one document; ``models_of(sentence)`` gives the models to use."""
    article = document.article
    draft = Draft(article.id, article.text)
    keys = _EntityKeys()
    for s, tokens in enumerate(document.sentences):
        features = token_features(tokens, document.rule_tags(s))
        for start, end, type_ in bio_to_offsets(
            tokens, models_of(s).tagger.predict_single(features)
        ):
            draft.add_mention(start, end, type_, "NAM", keys(type_, start, article.text[start:end]))
    _add_pronouns(draft, document.sentences)
    _relations(draft, document, models_of)
    _claims(draft, document, models_of)
    return draft.build()


def _relations(draft: Draft, document: Document, models_of: Callable[[int], Models]) -> None:
    """The relation classifier on every pair of predicted names of a sentence."""
    rule_relations = _rule_relations(document.rules)
    pairs, items = [], []
    for s, tokens in enumerate(document.sentences):
        within = draft.mentions_within(tokens[0].start, tokens[-1].end)
        names = [draft.mentions[i] for i in within if draft.mentions[i].kind == "NAM"]
        for head, tail, between in _candidate_pairs(tokens, names):
            rule = rule_relations.get((head.start, head.end, tail.start, tail.end), "-")
            pairs.append((head, tail))
            items.append((models_of(s), pair_features(between, head, tail, rule)))
    index = {mention.id: i for i, mention in enumerate(draft.mentions)}
    labels = _predict_grouped(items, lambda models: models.relations)
    for (head, tail), label in zip(pairs, labels, strict=True):
        if label != NO_RELATION and RELATION_TYPES[label].accepts(head.type, tail.type):
            draft.add_relation(label, index[head.id], index[tail.id])


def _claims(draft: Draft, document: Document, models_of: Callable[[int], Models]) -> None:
    """Rule candidates on the predicted mentions, kept and typed by the claim classifiers."""
    finder = ClaimFinder(draft)
    for tokens in document.sentences:
        finder.sentence(SentenceMentions(draft, tokens))
    candidates, draft.claims = draft.claims, []
    items = [
        (models_of(document.sentence_of(claim["content"][0])), claim_features(draft, claim))
        for claim in candidates
    ]
    keep = _predict_grouped(items, lambda models: models.keep_claim)
    kinds = _predict_grouped(items, lambda models: models.claim_kind)
    kept: dict[int, int] = {}
    for n, claim in enumerate(candidates):
        if keep[n] != "True":
            continue
        parent = kept.get(claim["parent"]) if claim["parent"] is not None else None
        kept[n] = len(draft.claims)
        draft.claims.append(claim | {"parent": parent, "kind": kinds[n]})
    nest_claims(draft)
    link_denials(draft)


class CrfExtractor(TrainableExtractor):
    name = "crf"
    version = "0.1.0"
    layers = BENCHMARK_LAYERS

    def __init__(self) -> None:
        self.models: Models | None = None

    def fit(self, gold: Sequence[Annotation], articles: Sequence[Article]) -> None:
        documents = prepare(articles, gold)
        units = [(d, s) for d, doc in enumerate(documents) for s in range(len(doc.sentences))]
        self.models = fit_models(documents, units)

    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        models = self.models
        if models is None:
            raise NotTrainedError("the crf baseline must be trained (fit) before extract")
        return [predict_document(doc, lambda _s: models) for doc in prepare(articles, None)]

    def cross_validate(
        self, gold: Sequence[Annotation], articles: Sequence[Article], folds: int
    ) -> list[Annotation]:
        documents = prepare(articles, gold)
        units = [(d, s) for d, doc in enumerate(documents) for s in range(len(doc.sentences))]
        order = list(units)
        random.Random(SEED).shuffle(order)
        fold_of = {unit: n % folds for n, unit in enumerate(order)}
        models = [
            fit_models(documents, [u for u in units if fold_of[u] != f]) for f in range(folds)
        ]
        return [
            predict_document(doc, lambda s, d=d: models[fold_of[d, s]])
            for d, doc in enumerate(documents)
        ]
