"""The rule baseline: no training, no model; gazetteers from packages, general English patterns
and the cue lexicon of ``corpus.cues``."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from baselines.base import BENCHMARK_LAYERS, Draft, Extractor, sentence_tokens
from baselines.registry import register
from baselines.rules.claims import ClaimFinder
from baselines.rules.mentions import MentionFinder
from baselines.rules.relations import SentenceMentions, sentence_relations
from corpus.schema import Annotation, Article
from corpus.text import Token


def _lineage(draft: Draft, index: int) -> set[int]:
    """Claim ``index`` and the claims above it, parent by parent."""
    found = set()
    current: int | None = index
    while current is not None and current not in found:
        found.add(current)
        current = draft.claims[current].parent
    return found


def nest_claims(draft: Draft) -> None:
    """A claim whose cue lies inside another claim's content gets the smallest such claim as
    parent (the earlier on a tie), unless that claim already lies below it (no cycle: "“A,” B
    said" and a content that runs on into the next report cannot be each other's parent); a
    parent whose content opens with the nested report ("he hoped ...") takes its kind.

    Linear in the number of claims for contents of bounded length: only the claims whose
    content starts at most the longest content's length before the cue are looked at.
    """
    by_start = sorted((claim.content[0], index) for index, claim in enumerate(draft.claims))
    starts = [start for start, _ in by_start]
    longest = max((end - start for start, end in (c.content for c in draft.claims)), default=0)
    for index, claim in enumerate(draft.claims):
        if claim.parent is not None or claim.cue is None:
            continue
        cue_start, cue_end = claim.cue
        first = bisect.bisect_left(starts, cue_start - longest)
        last = bisect.bisect_right(starts, cue_start)
        containing = sorted(
            (draft.claims[other].content[1] - start, other)
            for start, other in by_start[first:last]
            if other != index and cue_end <= draft.claims[other].content[1]
        )
        for _, candidate in containing:
            if index in _lineage(draft, candidate):
                continue
            claim.parent = candidate
            parent = draft.claims[candidate]
            if len(draft.text[parent.content[0] : cue_start].split()) <= 2:
                parent.kind = claim.kind
            break


def link_denials(draft: Draft) -> None:
    """A denial CONTRADICTS the closest earlier assertion of other sources that it follows."""
    assertions: list[int] = []  # earlier top-level assertions, in order
    for index, claim in enumerate(draft.claims):
        if claim.stance == "DENY":
            sources = set(claim.sources)
            contradicted = next(
                (
                    other
                    for other in reversed(assertions)
                    if sources.isdisjoint(draft.claims[other].sources)
                ),
                None,
            )
            if contradicted is not None:
                draft.claim_links.append(("CONTRADICTS", index, contradicted))
        elif claim.stance == "ASSERT" and claim.parent is None:
            assertions.append(index)


def mentions_and_relations(
    article: Article, sentences: Sequence[Sequence[Token]]
) -> tuple[Draft, list[SentenceMentions]]:
    """The rule mentions and relations of one article, and the mentions of each sentence."""
    draft = Draft(article.id, article.text, sentences)
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
    claims.spread_quotations(sentences)
    nest_claims(draft)
    link_denials(draft)
    return draft


@register("rules")
class RulesExtractor(Extractor):
    version = "0.4.0"
    layers = BENCHMARK_LAYERS

    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        return self.built(rules_draft(a, sentence_tokens(a.text)) for a in articles)
