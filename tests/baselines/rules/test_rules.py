from __future__ import annotations

from baselines.base import Draft, DraftClaim
from baselines.rules import (
    RulesExtractor,
    mentions_and_relations,
    nest_claims,
    rules_draft,
    sentence_tokens,
)
from corpus.schema import Annotation, Article
from corpus.text import tokens
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
    draft = Draft("constructed", text, tokens(text))
    said = [i for i in range(len(text)) if text.startswith("said", i)]
    for content, cue in (((1, 40), said[0]), ((18, 53), said[1])):
        claim = DraftClaim(content, (cue, cue + 4), (), None, "ASSERT", "CERTAIN", "FACT", "DIRECT")
        draft.add_claim(claim)

    nest_claims(draft)

    assert [claim.parent for claim in draft.claims] == [1, None]
    assert draft.build() and not draft.dropped
