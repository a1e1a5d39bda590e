from __future__ import annotations

import copy
from pathlib import Path

from baselines.base import Draft, DraftClaim
from baselines.rules import (
    RulesExtractor,
    link_denials,
    mentions_and_relations,
    nest_claims,
    rules_draft,
    sentence_tokens,
)
from baselines.rules.claims import ClaimFinder
from corpus.schema import Annotation, Article
from corpus.store import CorpusStore
from corpus.validate import check_annotation
from tests.conftest import seed_text


def test_rules_predictions_validate_and_find_the_synthetic_items(
    synthetic_article: Article, synthetic_gold: Annotation
) -> None:
    (predicted,) = RulesExtractor().extract([synthetic_article])
    assert check_annotation(predicted, synthetic_article, "prediction") == []
    spans = {(m.text, m.type) for m in predicted.mentions if m.kind == "NAM"}
    gold_spans = {(m.text, m.type) for m in synthetic_gold.mentions}
    assert gold_spans <= spans
    by_id = {m.id: m.text for m in predicted.mentions}
    relations = {(r.type, by_id[r.head], by_id[r.tail]) for r in predicted.relations}
    assert ("HAS_ROLE", "Maria Lopez", "secretary") in relations
    assert ("MEMBER_OF", "Maria Lopez", "Finance Ministry") in relations
    assert ("DEPLOYS_TO", "Canada", "Peru") in relations
    text = synthetic_article.text
    claims = {
        (text[c.content.start : c.content.end], tuple(by_id[s] for s in c.sources), c.quote)
        for c in predicted.claims
    }
    assert ("Canada will send two thousand engineers to Peru", ("Maria Lopez",), "INDIRECT") in (
        claims
    )
    assert ("We are ready", ("Lopez",), "DIRECT") in claims


def test_a_claim_whose_cue_is_inside_another_content_is_nested_in_it() -> None:
    # CONSTRUCTED test sentence: the outer report opens with the nested one, so takes its kind
    text = "Maria Lopez said she hoped the bridge would open."
    (annotation,) = RulesExtractor().extract([Article("constructed", text)])
    outer, inner = annotation.claims
    assert text[inner.cue.start : inner.cue.end] == "hoped" and inner.parent == outer.id
    assert outer.parent is None and outer.kind == inner.kind == "OPINION"


def test_cited_as_saying_gives_an_outer_and_an_inner_claim() -> None:
    text = "The plan will start soon, the Lima Times cited Maria Lopez as saying."  # CONSTRUCTED
    (predicted,) = RulesExtractor().extract([Article("constructed", text)])
    outer, inner = predicted.claims
    assert inner.parent == outer.id and inner.content == outer.content
    assert text[outer.cue.start : outer.cue.end] == "cited"
    assert text[inner.cue.start : inner.cue.end] == "as saying"


def test_a_denial_contradicts_the_assertion_before_it() -> None:
    text = "Canada said Peru sold rifles. Peru denied the sales."  # CONSTRUCTED
    (annotation,) = RulesExtractor().extract([Article("constructed", text)])
    by_id = {c.id: text[c.content.start : c.content.end] for c in annotation.claims}
    assert [(k.type, by_id[k.source], by_id[k.target]) for k in annotation.claim_links] == [
        ("CONTRADICTS", "the sales", "Peru sold rifles")
    ]


def test_mentions_and_relations_are_the_rule_drafts_before_its_claims() -> None:
    text = seed_text()
    article = Article("seed", text)
    sentences = sentence_tokens(text)
    draft, found = mentions_and_relations(article, sentences)
    full = rules_draft(article, sentences)
    assert len(found) == len(sentences)
    assert full.mentions[: len(draft.mentions)] == draft.mentions
    assert all(m.kind in ("NOM", "PRO") for m in full.mentions[len(draft.mentions) :])  # sources
    assert full.relations == draft.relations and draft.claims == [] and full.claims


def test_nesting_never_closes_a_cycle() -> None:
    # CONSTRUCTED: each content runs past the other's cue, as a content that runs on past a
    # closing quote into the next "X said" does
    text = "“Rain will fall,” Ana said, “and Bo said it will not.”"
    draft = Draft("constructed", text, sentence_tokens(text))
    said = [i for i in range(len(text)) if text.startswith("said", i)]
    for content, cue in (((1, 40), said[0]), ((18, 53), said[1])):
        claim = DraftClaim(content, (cue, cue + 4), (), None, "ASSERT", "CERTAIN", "FACT", "DIRECT")
        draft.add_claim(claim)

    nest_claims(draft)

    assert [claim.parent for claim in draft.claims] == [1, None]
    assert draft.build() and not draft.dropped


def _below(draft: Draft, claim: int, other: int) -> bool:
    """Whether ``other`` lies below ``claim`` (following parents from it reaches ``claim``)."""
    seen = set()
    while other is not None and other not in seen:
        if other == claim:
            return True
        seen.add(other)
        other = draft.claims[other].parent
    return False


def _nesting_by_definition(draft: Draft) -> None:
    """``nest_claims`` as its docstring defines it, every claim against every other."""
    for index, claim in enumerate(draft.claims):
        if claim.parent is not None or claim.cue is None:
            continue
        containing = sorted(
            (other.content[1] - other.content[0], n)
            for n, other in enumerate(draft.claims)
            if other is not claim
            and other.content[0] <= claim.cue[0]
            and claim.cue[1] <= other.content[1]
            and not _below(draft, index, n)
        )
        if containing:
            claim.parent = containing[0][1]
            parent = draft.claims[claim.parent]
            if len(draft.text[parent.content[0] : claim.cue[0]].split()) <= 2:
                parent.kind = claim.kind


def _denial_links_by_definition(draft: Draft) -> None:
    """``link_denials`` as its docstring defines it, every denial against every claim."""
    for index, claim in enumerate(draft.claims):
        earlier = [
            other
            for other in range(index)
            if draft.claims[other].stance == "ASSERT"
            and draft.claims[other].parent is None
            and not set(draft.claims[other].sources) & set(claim.sources)
        ]
        if claim.stance == "DENY" and earlier:
            draft.claim_links.append(("CONTRADICTS", index, earlier[-1]))


def test_nesting_and_denial_links_are_those_of_their_definition_on_a_long_document(
    repo_corpus: Path,
) -> None:
    """The indexed ``nest_claims`` and ``link_denials`` (linear in the document) find what
    comparing every claim with every other finds, on 60 of the repo's articles joined."""
    articles = list(CorpusStore(repo_corpus).articles())[:60]
    text = "\n".join(article.text for article in articles)
    sentences = sentence_tokens(text)
    draft, found = mentions_and_relations(Article("joined", text), sentences)
    finder = ClaimFinder(draft)
    for sentence in found:
        finder.sentence(sentence)
    expected = copy.deepcopy(draft)
    nest_claims(draft)
    link_denials(draft)
    _nesting_by_definition(expected)
    _denial_links_by_definition(expected)
    assert draft.claims == expected.claims and draft.claim_links == expected.claim_links
    assert sum(c.parent is not None for c in draft.claims) > 50 and len(draft.claim_links) > 5
