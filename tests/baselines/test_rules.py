from __future__ import annotations

from baselines.rules import RulesExtractor, mentions_and_relations, rules_draft, sentence_tokens
from baselines.rules.tokens import split_sentences, tokenize
from corpus.schema import Annotation, Article
from corpus.text import sentences, tokens
from corpus.validate import check_annotation
from tests.conftest import seed_text


def test_tokenizer_matches_the_text_layer_on_the_seed() -> None:
    text = seed_text()
    assert [(t.start, t.end) for t in tokenize(text)] == [(t.start, t.end) for t in tokens(text)]
    assert split_sentences(text) == [(s.start, s.end) for s in sentences(text)]


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


# SYNTHETIC sentences (invented for tests), one attribution pattern each.
def _claims_of(text: str) -> list[tuple[str, tuple[str, ...], str | None, str]]:
    (predicted,) = RulesExtractor().extract([Article("synthetic", text)])
    assert check_annotation(predicted, Article("synthetic", text), "prediction") == []
    surface = {m.id: m.text for m in predicted.mentions}
    return [
        (
            text[c.content.start : c.content.end],
            tuple(surface[s] for s in c.sources),
            text[c.cue.start : c.cue.end] if c.cue else None,
            c.stance,
        )
        for c in predicted.claims
    ]


def test_denial_with_auxiliary_and_two_sources() -> None:
    text = "Canada and Peru have denied the arms sales."
    assert _claims_of(text) == [("the arms sales", ("Canada", "Peru"), "have denied", "DENY")]


def test_negated_attribution_is_not_a_claim() -> None:
    assert _claims_of("Canada has not disclosed its losses.") == []


def test_source_after_a_relative_clause() -> None:
    text = "Maria Lopez, who visited Peru in May, said the talks went well."
    assert _claims_of(text) == [("the talks went well", ("Maria Lopez",), "said", "ASSERT")]


def test_cited_as_saying_gives_an_outer_and_an_inner_claim() -> None:
    text = "The plan will start soon, the Lima Times cited Maria Lopez as saying."
    (predicted,) = RulesExtractor().extract([Article("synthetic", text)])
    outer, inner = predicted.claims
    assert inner.parent == outer.id and inner.content == outer.content
    assert text[outer.cue.start : outer.cue.end] == "cited"
    assert text[inner.cue.start : inner.cue.end] == "as saying"


def test_according_to_before_and_after_the_content() -> None:
    before = "According to Reuters, the plan failed in Peru."
    after = "The plan failed in Peru, according to Reuters."
    assert _claims_of(before) == [
        ("the plan failed in Peru", ("Reuters",), "According to", "ASSERT")
    ]
    assert _claims_of(after) == [
        ("The plan failed in Peru", ("Reuters",), "according to", "ASSERT")
    ]


def test_a_capitalised_first_word_before_a_reporting_verb_is_a_source() -> None:
    assert _claims_of("Lopez said the plan failed.") == [
        ("the plan failed", ("Lopez",), "said", "ASSERT")
    ]


def test_tokenizer_splits_clitics_and_keeps_inner_apostrophes() -> None:
    # SYNTHETIC sentence (invented for tests)
    text = "They don't see Russia’s O'Brien, rock'n'roll or snake_case in the U.S. today."
    assert [t.text for t in tokenize(text)] == [
        *("They", "do", "n't", "see", "Russia", "’s", "O'Brien", ",", "rock'n'roll", "or"),
        *("snake_case", "in", "the", "U.S.", "today", "."),
    ]
    assert [(t.start, t.end) for t in tokenize(text)] == [(t.start, t.end) for t in tokens(text)]


def test_tokenizing_a_range_equals_tokenizing_its_slice() -> None:
    text = seed_text()
    for start, end in split_sentences(text):
        sliced = [(start + t.start, start + t.end, t.text) for t in tokenize(text[start:end])]
        assert [tuple(t) for t in tokenize(text, start, end)] == sliced


def test_mentions_and_relations_are_the_rule_drafts_before_its_claims() -> None:
    text = seed_text()
    article = Article("seed", text)
    sentences = sentence_tokens(text)
    draft, found = mentions_and_relations(article, sentences)
    full = rules_draft(article, sentences)
    assert len(found) == len(sentences)
    assert full.mentions[: len(draft.mentions)] == draft.mentions
    assert all(m.kind == "NOM" for m in full.mentions[len(draft.mentions) :])  # from claims
    assert full.relations == draft.relations and draft.claims == [] and full.claims
