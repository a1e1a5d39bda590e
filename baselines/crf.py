"""The trained baseline: a CRF for mentions, classifiers for relations and claims.

- mentions: a linear-chain CRF (sklearn-crfsuite) over BIO tags of NAM mentions, on the text
  layer's tokens and sentences (``corpus.text``), with the rule baseline's tag of each token
  among the features;
- relations: a logistic regression over pairs of mentions of a sentence (type or NONE);
- claims: the rule baseline's cue patterns propose candidates; a logistic regression keeps
  each one whose probability of being right reaches the ``KEEP`` threshold (``benchmarks run``
  chooses it on dev by full attribution F1) and another predicts its kind.

``fit`` trains on gold documents with one of ``CrfExtractor.settings`` (the CRF's L1 and L2
penalties; ``benchmarks run`` chooses among them on the dev split). A gold name that does not
lie on the tokens of one sentence cannot be tagged: its sentence is left out of the tagger's
training (not trained as O) and ``fit`` reports how many.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import sklearn_crfsuite
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from baselines.base import (
    BENCHMARK_LAYERS,
    AnyMention,
    Draft,
    DraftClaim,
    Setting,
    Threshold,
    TrainableExtractor,
    sentence_tokens,
)
from baselines.crf_features import Tagger, claim_features, pair_features, token_features
from baselines.registry import register
from baselines.rules import (
    link_denials,
    mentions_and_relations,
    nest_claims,
    rules_draft,
)
from baselines.rules.claims import ClaimFinder
from baselines.rules.coreference import VALUE_TYPES, NameEntities, surface_key, value_key
from baselines.rules.relations import SentenceMentions
from corpus.schema import MENTION_TYPES, RELATION_TYPES, Annotation, Article
from corpus.text import Token, bio_to_offsets, offsets_to_bio
from corpus.validate import is_pronoun

NO_RELATION = "NONE"
HASHED_FEATURES = 2**14  # feature space of the classifiers (hashed: no vocabulary to fit)
MAX_PAIR_DISTANCE = 20  # words between two mentions that can be related
CONTENT_OVERLAP = 0.5  # a candidate is right when its content overlaps a gold content this much
# a claim candidate is kept when the classifier's probability that it is right reaches this;
# ``benchmarks run`` chooses it on dev by full attribution (the first value is the default)
KEEP = Threshold("keep", "claims.attribution", (0.5, 0.4, 0.3, 0.2))
NAME_SEPARATORS = re.compile(r"[\s-]+")  # between the parts of a name


class NotTrainedError(RuntimeError):
    """``extract`` was called before ``fit``."""


@dataclass(frozen=True)
class Document:
    article: Article
    sentences: list[tuple[Token, ...]]
    rules: Draft  # rule mentions and relations; rule claims only when prepared for training
    gold: Annotation | None
    stacked: tuple[tuple[int, int, str], ...] = ()  # a stacked model's names (start, end, type)

    def rule_tags(self, index: int) -> list[str]:
        """The rule baseline's BIO tag of each token of sentence ``index``, followed by the
        stacked model's after a space when the document has one (``crf_features``)."""
        tokens = self.sentences[index]
        within = self.rules.mentions_within(tokens[0].start, tokens[-1].end)
        tags = _tags(tokens, [self.rules.mentions[i] for i in within])
        if not self.stacked:
            return tags
        stacked = offsets_to_bio(tokens, [n for n in self.stacked if _spans(tokens, n)])[0]
        return [f"{rule} {other}" for rule, other in zip(tags, stacked, strict=True)]

    def gold_tags(self, index: int) -> tuple[list[str], list[tuple[int, int, str]]]:
        """The gold BIO tags of sentence ``index``, and the gold names that touch the sentence
        but do not lie on its tokens (across its edge or off token boundaries)."""
        assert self.gold is not None
        tokens = self.sentences[index]
        names = [(m.start, m.end, m.type) for m in self.gold.mentions if m.kind == "NAM"]
        touching = [n for n in names if n[0] < tokens[-1].end and tokens[0].start < n[1]]
        inside = [n for n in touching if tokens[0].start <= n[0] and n[1] <= tokens[-1].end]
        tags, misaligned = offsets_to_bio(tokens, inside)
        return tags, [n for n in touching if n not in inside] + misaligned

    @cached_property
    def sentence_ends(self) -> list[int]:
        return [tokens[-1].end for tokens in self.sentences]

    def sentence_of(self, offset: int) -> int:
        """The first sentence that ends after ``offset`` (the last one when none does)."""
        return min(bisect.bisect_right(self.sentence_ends, offset), len(self.sentences) - 1)


@dataclass(frozen=True)
class Models:
    tagger: Tagger
    relations: Pipeline
    keep_claim: Pipeline
    claim_kind: Pipeline


def _spans(tokens: Sequence[Token], name: tuple[int, int, str]) -> bool:
    """Whether ``name`` lies within the sentence of ``tokens``."""
    return tokens[0].start <= name[0] and name[1] <= tokens[-1].end


def _tags(tokens: Sequence[Token], mentions: Sequence[AnyMention]) -> list[str]:
    names = [(m.start, m.end, m.type) for m in mentions if m.kind == "NAM"]
    return offsets_to_bio(tokens, [name for name in names if _spans(tokens, name)])[0]


def prepare_document(
    article: Article,
    gold: Annotation | None,
    rule_claims: bool,
    stacked: tuple[tuple[int, int, str], ...] = (),
) -> Document:
    """Tokens and rule predictions of an article; the rule claims (the claim candidates of
    training) only with ``rule_claims``: prediction finds candidates on its own mentions."""
    sentences = sentence_tokens(article.text)
    rules = (
        rules_draft(article, sentences)
        if rule_claims
        else mentions_and_relations(article, sentences)[0]
    )
    return Document(article, sentences, rules, gold, stacked)


def prepare(
    articles: Sequence[Article],
    gold: Sequence[Annotation] | None,
    rule_claims: bool,
    stacked: Sequence[tuple[tuple[int, int, str], ...]] | None = None,
) -> list[Document]:
    by_id = {annotation.doc_id: annotation for annotation in gold or ()}
    names = stacked or [()] * len(articles)
    return [
        prepare_document(a, by_id.get(a.id), rule_claims, n)
        for a, n in zip(articles, names, strict=True)
    ]


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
    tokens: Sequence[Token], mentions: Sequence[AnyMention]
) -> list[tuple[int, int, list[str]]]:
    """Pairs of ``mentions`` of a sentence that some relation type accepts, at most
    ``MAX_PAIR_DISTANCE`` words apart: (head, tail) as indices of ``mentions``, with the
    lower-cased words between them."""
    first = {token.start: i for i, token in enumerate(tokens)}
    after = {token.end: i + 1 for i, token in enumerate(tokens)}
    words = [token.text.lower() for token in tokens]
    # each mention with its first token and the token after it (None: off the tokens)
    placed = [(mention, first.get(mention.start), after.get(mention.end)) for mention in mentions]
    pairs = []
    for h, (head, head_first, head_after) in enumerate(placed):
        for t, (tail, tail_first, tail_after) in enumerate(placed):
            if h == t or (head.type, tail.type) not in RELATABLE:
                continue
            left_after, right_first = (
                (head_after, tail_first) if head.start < tail.start else (tail_after, head_first)
            )
            if left_after is None or right_first is None:
                continue  # a mention off the sentence's tokens
            if right_first - left_after <= MAX_PAIR_DISTANCE:
                pairs.append((h, t, words[left_after:right_first]))
    return pairs


def _in_sentence(tokens: Sequence[Token], mention: AnyMention) -> bool:
    return tokens[0].start <= mention.start and mention.end <= tokens[-1].end


def _rule_relations(draft: Draft) -> dict[tuple[int, int, int, int], str]:
    spans = [(m.start, m.end) for m in draft.mentions]
    return {(*spans[h], *spans[t]): type_ for type_, h, t in draft.relations}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(shared, 0) / (max(a[1], b[1]) - min(a[0], b[0]))


def _gold_kind(document: Document, claim: DraftClaim) -> str | None:
    """The kind of the gold claim whose content the candidate's overlaps, or None."""
    assert document.gold is not None
    matches = [
        (_overlap(claim.content, (g.content.start, g.content.end)), g.kind)
        for g in document.gold.claims
    ]
    best = max(matches, default=(0.0, None))
    return best[1] if best[0] >= CONTENT_OVERLAP else None


@dataclass(frozen=True)
class Training:
    """What ``fit_models`` trained, and the sentences it left out of the tagger's training."""

    models: Models
    documents: int
    sentences: int  # the tagger's
    # (doc id, start, end, type) of the misaligned names of each sentence left out
    left_out: list[tuple[str, int, int, str]]
    left_out_sentences: int

    def report(self) -> str:
        """One line: what was trained on and what was left out."""
        line = f"{self.documents} gold documents, {self.sentences} sentences"
        if self.left_out:
            doc_id, start, end, type_ = self.left_out[0]
            line += (
                f"; {self.left_out_sentences} sentence(s) left out of the tagger's training: "
                f"{len(set(self.left_out))} gold name(s) off their tokens (first: {doc_id} "
                f"[{start}, {end}) {type_})"
            )
        return line


def fit_models(documents: Sequence[Document], setting: Setting) -> Training:
    """Train the three models on gold ``documents``, the CRF with ``setting``."""
    x_tokens, y_tokens, x_pairs, y_pairs, x_claims, y_keep, x_kinds, y_kinds = (
        [] for _ in range(8)
    )
    left_out: list[tuple[str, int, int, str]] = []
    left_out_sentences = 0
    for document in documents:
        assert document.gold is not None, f"{document.article.id}: no gold to train on"
        gold_mentions = {m.id: m for m in document.gold.mentions}
        gold_relations = {(r.head, r.tail): r.type for r in document.gold.relations}
        rule_relations = _rule_relations(document.rules)
        for s, tokens in enumerate(document.sentences):
            tags, misaligned = document.gold_tags(s)
            if misaligned:
                left_out += [(document.article.id, *name) for name in misaligned]
                left_out_sentences += 1
            else:
                x_tokens.append(token_features(tokens, document.rule_tags(s)))
                y_tokens.append(tags)
            names = [m for m in gold_mentions.values() if _in_sentence(tokens, m)]
            for h, t, between in _candidate_pairs(tokens, names):
                head, tail = names[h], names[t]
                rule = rule_relations.get((head.start, head.end, tail.start, tail.end), "-")
                x_pairs.append(pair_features(between, head, tail, rule))
                y_pairs.append(gold_relations.get((head.id, tail.id), NO_RELATION))
        for claim in document.rules.claims:
            kind = _gold_kind(document, claim)
            x_claims.append(claim_features(document.rules, claim))
            y_keep.append(str(kind is not None))
            if kind is not None:
                x_kinds.append(claim_features(document.rules, claim))
                y_kinds.append(kind)
    tagger = sklearn_crfsuite.CRF(
        algorithm="lbfgs", max_iterations=100, all_possible_transitions=True, **setting
    )
    tagger.fit(x_tokens, y_tokens)
    models = Models(
        tagger=Tagger(tagger),
        relations=_classifier(x_pairs or [{}], y_pairs or [NO_RELATION]),
        keep_claim=_classifier(x_claims or [{}], y_keep or ["True"]),
        claim_kind=_classifier(x_kinds or [{}], y_kinds or ["FACT"]),
    )
    return Training(models, len(documents), len(x_tokens), left_out, left_out_sentences)


# --- prediction ----------------------------------------------------------------------------


class _EntityKeys:
    """Entity keys of the tagger's names: values (DATE, QUANTITY, ROLE) stand alone, names
    corefer by surface as the rule baseline's (``baselines.rules.coreference``)."""

    def __init__(self) -> None:
        self.names = NameEntities()

    def __call__(self, type_: str, start: int, surface: str) -> str:
        if type_ in VALUE_TYPES:
            return value_key(type_, start)
        parts = [part for part in NAME_SEPARATORS.split(surface) if part]
        known = self.names.find(parts)
        if known is not None:
            return known[1]
        key = f"{type_}:{surface_key(parts)}"
        self.names.add(parts, type_, key)
        return key


def _add_pronouns(draft: Draft, sentences: Sequence[Sequence[Token]]) -> None:
    """ "he"/"she" join the last person named first in a sentence."""
    topic = None
    for tokens in sentences:
        people = [
            (m.start, draft.entity_keys[i])
            for i in draft.mentions_within(tokens[0].start, tokens[-1].end)
            if (m := draft.mentions[i]).type == "PERSON"
            and m.kind == "NAM"
            and _in_sentence(tokens, m)
        ]
        if people:
            topic = min(people)[1] if topic is None or min(people)[0] == tokens[0].start else topic
        for token in tokens:
            if token.text.lower() in ("he", "she") and topic is not None:
                draft.add_mention(token.start, token.end, "PERSON", "PRO", topic)


def _predict(model: Pipeline, features: list[dict]) -> list[str]:
    return list(model.predict(features)) if features else []


def _kept(model: Pipeline, features: list[dict], threshold: float) -> list[bool]:
    """Whether the keep classifier's probability of "True" reaches ``threshold``, per
    candidate."""
    classes = list(model.classes_)
    if not features or "True" not in classes:
        return [False] * len(features)
    return [p >= threshold for p in model.predict_proba(features)[:, classes.index("True")]]


def predict_documents(
    documents: Iterable[Document], models: Models, keep: float = KEEP.values[0]
) -> list[Draft]:
    """Predictions for a batch of documents, as drafts; a claim candidate is kept when the
    probability that it is right reaches ``keep``. Each document is read once (its names
    tagged, its relation and claim candidates gathered, then its tokens let go: fewer live
    objects for the garbage collector to scan); each classifier then predicts the whole batch
    at once."""
    drafts: list[Draft] = []
    pairs: list[tuple[int, int, int]] = []  # (draft, head, tail) of each relation candidate
    candidates: list[list[DraftClaim]] = []  # the claim candidates of each draft
    pair_features_, claim_features_ = [], []
    for d, document in enumerate(documents):
        draft = _mentions(document, models)
        for head, tail, features in _relation_candidates(draft, document):
            pairs.append((d, head, tail))
            pair_features_.append(features)
        candidates.append(_claim_candidates(draft, document))
        claim_features_ += [claim_features(draft, claim) for claim in candidates[-1]]
        drafts.append(draft)
    _add_relations(drafts, pairs, _predict(models.relations, pair_features_))
    kept = _kept(models.keep_claim, claim_features_, keep)
    kinds = _predict(models.claim_kind, claim_features_)
    _add_claims(drafts, candidates, kept, kinds)
    return drafts


def tag_sentence(document: Document, index: int, models: Models) -> list[str]:
    """The CRF's BIO tags of sentence ``index``: the tagger step alone (features, decoding)."""
    return models.tagger.tag(document.sentences[index], document.rule_tags(index))


def _mentions(document: Document, models: Models) -> Draft:
    """The tagger's names in a document, and the pronouns that refer to its people."""
    article = document.article
    draft = Draft(article.id, article.text, document.sentences)
    keys = _EntityKeys()
    for s, tokens in enumerate(document.sentences):
        for start, end, type_ in bio_to_offsets(tokens, tag_sentence(document, s, models)):
            surface = article.text[start:end]
            if not is_pronoun(surface):  # a pronoun is never a name
                draft.add_mention(start, end, type_, "NAM", keys(type_, start, surface))
    _add_pronouns(draft, document.sentences)
    return draft


def _relation_candidates(draft: Draft, document: Document) -> Iterator[tuple[int, int, dict]]:
    """(head, tail, features) of every pair of predicted names of a sentence."""
    rule_relations = _rule_relations(document.rules)
    mentions = draft.mentions
    for tokens in document.sentences:
        within = draft.mentions_within(tokens[0].start, tokens[-1].end)
        names = [i for i in within if mentions[i].kind == "NAM"]
        for h, t, between in _candidate_pairs(tokens, [mentions[i] for i in names]):
            head, tail = mentions[names[h]], mentions[names[t]]
            rule = rule_relations.get((head.start, head.end, tail.start, tail.end), "-")
            yield names[h], names[t], pair_features(between, head, tail, rule)


def _add_relations(
    drafts: Sequence[Draft], pairs: Sequence[tuple[int, int, int]], labels: Sequence[str]
) -> None:
    """The predicted relations of the candidate ``pairs`` that their types allow."""
    for (d, head, tail), label in zip(pairs, labels, strict=True):
        mentions = drafts[d].mentions
        if label != NO_RELATION and RELATION_TYPES[label].accepts(
            mentions[head].type, mentions[tail].type
        ):
            drafts[d].add_relation(label, head, tail)


def _claim_candidates(draft: Draft, document: Document) -> list[DraftClaim]:
    """The rule baseline's claims on the predicted mentions (their sources may add NOM
    mentions to the draft), taken out of the draft to be kept or dropped."""
    finder = ClaimFinder(draft)
    for tokens in document.sentences:
        finder.sentence(SentenceMentions(draft, tokens))
    finder.spread_quotations(document.sentences)
    candidates, draft.claims = draft.claims, []
    return candidates


def _add_claims(
    drafts: Sequence[Draft],
    candidates: Sequence[Sequence[DraftClaim]],
    keep: Sequence[bool],
    kinds: Sequence[str],
) -> None:
    """The candidates the classifier keeps, with their predicted kinds; then nesting and
    contradiction links."""
    labels = iter(zip(keep, kinds, strict=True))
    for draft, claims in zip(drafts, candidates, strict=True):
        kept: dict[int, int] = {}  # candidate -> kept claim
        for n, claim in enumerate(claims):
            keep_it, kind = next(labels)
            if not keep_it:
                continue
            parent = kept.get(claim.parent) if claim.parent is not None else None
            kept[n] = len(draft.claims)
            draft.claims.append(replace(claim, parent=parent, kind=kind))
        nest_claims(draft)
        link_denials(draft)


@register("crf")
class CrfExtractor(TrainableExtractor):
    version = "0.4.0"
    layers = BENCHMARK_LAYERS
    # the CRF's L1 and L2 penalties; the first is the default
    settings = (
        {"c1": 0.1, "c2": 0.1},
        {"c1": 0.05, "c2": 0.01},
        {"c1": 0.2, "c2": 0.05},
        {"c1": 0.1, "c2": 0.5},
    )
    thresholds = (KEEP,)

    def __init__(self) -> None:
        super().__init__()
        self.models: Models | None = None
        self.keep = KEEP.values[0]

    def set_threshold(self, name: str, value: float) -> None:
        if name != KEEP.name:
            super().set_threshold(name, value)
        self.keep = value

    def fit(self, gold: Sequence[Annotation], articles: Sequence[Article], setting: Setting) -> str:
        documents = prepare(articles, gold, rule_claims=True, stacked=self.stacked(articles))
        training = fit_models(documents, setting)
        self.models, self.keep = training.models, KEEP.values[0]
        return training.report()

    def stacked(self, articles: Sequence[Article]) -> list[tuple[tuple[int, int, str], ...]]:
        """The names a stacked model finds in each article, as features of the tagger: none."""
        return [() for _ in articles]

    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        models = self.models
        if models is None:
            raise NotTrainedError(f"the {self.name} baseline must be trained (fit) before extract")
        documents = (
            prepare_document(a, None, rule_claims=False, stacked=names)
            for a, names in zip(articles, self.stacked(articles), strict=True)
        )
        return self.built(predict_documents(documents, models, self.keep))


@register("crf-spacy")
class CrfSpacyExtractor(CrfExtractor):
    """The crf baseline with spaCy's entities (en_core_web_sm's recognizer alone) stacked as
    features of its tagger, beside the rule baseline's."""

    version = "0.2.0"

    def unavailable(self) -> str | None:
        from baselines.spacy_model import SpacyExtractor  # spaCy only where it is used

        return SpacyExtractor().unavailable()

    def stacked(self, articles: Sequence[Article]) -> list[tuple[tuple[int, int, str], ...]]:
        from baselines.spacy_model import analyse, entity_pipeline, entity_spans

        return [tuple(entity_spans(doc)) for doc in analyse(entity_pipeline(), articles)]
