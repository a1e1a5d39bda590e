"""The rule baseline: no training, no model; gazetteers from packages, general English patterns
and the cue lexicon of ``corpus.cues``."""

from __future__ import annotations

from collections.abc import Sequence

from baselines.base import BENCHMARK_LAYERS, Draft, Extractor
from baselines.registry import register
from baselines.rules.claims import ClaimFinder
from baselines.rules.mentions import MentionFinder
from baselines.rules.relations import SentenceMentions, sentence_relations
from baselines.rules.tokens import split_sentences, tokenize
from corpus.schema import Annotation, Article
from corpus.text import Token


def nest_claims(draft: Draft) -> None:
    """A claim whose cue lies inside another claim's content gets that claim as parent; a
    parent whose content opens with the nested report ("he hoped ...") takes its kind."""
    for claim in draft.claims:
        if claim.parent is not None or claim.cue is None:
            continue
        cue_start, cue_end = claim.cue
        containing = [
            (other.content[1] - other.content[0], index)
            for index, other in enumerate(draft.claims)
            if other is not claim and other.content[0] <= cue_start and cue_end <= other.content[1]
        ]
        if containing:
            claim.parent = min(containing)[1]
            parent = draft.claims[claim.parent]
            if len(draft.text[parent.content[0] : cue_start].split()) <= 2:
                parent.kind = claim.kind


def link_denials(draft: Draft) -> None:
    """A denial CONTRADICTS the closest earlier assertion of other sources that it follows."""
    for index, claim in enumerate(draft.claims):
        if claim.stance != "DENY":
            continue
        earlier = [
            other
            for other in range(index)
            if draft.claims[other].stance == "ASSERT"
            and draft.claims[other].parent is None
            and not set(draft.claims[other].sources) & set(claim.sources)
        ]
        if earlier:
            draft.claim_links.append(("CONTRADICTS", index, earlier[-1]))


def sentence_tokens(text: str) -> list[list[Token]]:
    """The tokens of each sentence of ``text``."""
    return [tokenize(text, start, end) for start, end in split_sentences(text)]


def mentions_and_relations(
    article: Article, sentences: Sequence[Sequence[Token]]
) -> tuple[Draft, list[SentenceMentions]]:
    """The rule mentions and relations of one article, and the mentions of each sentence."""
    draft = Draft(article.id, article.text)
    mentions = MentionFinder(draft)
    for tokens in sentences:
        mentions.sentence(tokens)
    found = [SentenceMentions(draft, tokens) for tokens in sentences]
    for sentence in found:
        sentence_relations(sentence)
    return draft, found


def rules_draft(article: Article, sentences: Sequence[Sequence[Token]]) -> Draft:
    """All rule predictions of one article, before ids are given."""
    draft, found = mentions_and_relations(article, sentences)
    claims = ClaimFinder(draft)
    for sentence in found:  # a claim adds mentions to its own sentence only
        claims.sentence(sentence)
    nest_claims(draft)
    link_denials(draft)
    return draft


def extract_document(article: Article) -> Annotation:
    return rules_draft(article, sentence_tokens(article.text)).build()


@register("rules")
class RulesExtractor(Extractor):
    version = "0.1.0"
    layers = BENCHMARK_LAYERS

    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        return [extract_document(article) for article in articles]
