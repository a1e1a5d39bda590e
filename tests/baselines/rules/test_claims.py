"""Claims by rule (``baselines/rules/claims.py``): cues, contents, sources and attributes, on
CONSTRUCTED test sentences (one attribution pattern each), not news."""

from __future__ import annotations

from baselines.rules.claims import find_cues, trim
from corpus.schema import Article
from corpus.text import tokens as text_tokens
from corpus.validate import check_annotation
from tests.baselines.rules.conftest import draft_of, surface


def cues_of(text: str) -> list[tuple[str, str]]:
    """``(cue lemma, matched words)`` of each cue found in ``text``."""
    tokens = text_tokens(text)
    return [
        (match.cue.lemma, " ".join(t.text for t in tokens[match.first : match.last]))
        for match in find_cues(tokens)
    ]


def claims_of(text: str) -> list[tuple[str, tuple[str, ...], str | None, str]]:
    """``(content, source surfaces, cue, stance)`` of each claim of ``text``."""
    draft = draft_of(text)
    annotation = draft.build()
    assert check_annotation(annotation, Article("constructed", text), "prediction") == []
    return [
        (
            text[slice(*claim.content)],
            tuple(surface(draft, s) for s in claim.sources),
            text[slice(*claim.cue)] if claim.cue else None,
            claim.stance,
        )
        for claim in draft.claims
    ]


def attributes_of(text: str) -> list[tuple[str, str, str]]:
    """``(certainty, kind, quote)`` of each claim of ``text``."""
    return [(c.certainty, c.kind, c.quote) for c in draft_of(text).claims]


# --- cues ----------------------------------------------------------------------------------


def test_cue_forms_from_the_lexicon_longest_first() -> None:
    assert cues_of("Ortiz told reporters the bridge is safe.") == [
        ("tell a news conference", "told reporters")
    ]
    assert cues_of("Ortiz said it, according to Lopez.") == [
        ("say", "said"),
        ("according to", "according to"),
    ]


def test_a_cue_with_a_source_inside_spans_its_closer() -> None:
    assert cues_of("The Tarso Gazette cited Mara Velt as saying it works.") == [
        ("cite as saying", "cited Mara Velt as saying")
    ]
    assert cues_of("The Tarso Gazette cited a survey.") == []  # no closer: no cue


def test_negated_hedged_nominal_and_passive_forms_are_no_cues() -> None:
    assert cues_of("Ortiz has not disclosed the cost.") == []
    assert cues_of("I think the bridge is safe.") == []
    assert cues_of("The state news agency opened.") == []
    assert cues_of("Ortiz is said to be tired.") == []


def test_trim_drops_outer_quotes_that_and_edge_punctuation() -> None:
    for text, first, expected in (
        ("“That, they said, works.”", 0, "That, they said, works"),
        ("said that the bridge is safe.", 1, "the bridge is safe"),
        ("called Ortiz his “dearest friend”.", 1, "Ortiz his “dearest friend”"),
    ):
        tokens = text_tokens(text)
        start, end = trim(tokens, first, len(tokens))
        assert text[start:end] == expected
    assert trim(text_tokens("“ ok"), 0, 2) is None  # fewer than two words left


# --- contents and sources ------------------------------------------------------------------


def test_denial_with_auxiliary_and_two_sources() -> None:
    text = "Canada and Peru have denied the arms sales."
    assert claims_of(text) == [("the arms sales", ("Canada", "Peru"), "have denied", "DENY")]


def test_negated_attribution_is_not_a_claim() -> None:
    assert claims_of("Canada has not disclosed its losses.") == []


def test_source_after_a_relative_clause() -> None:
    text = "Maria Lopez, who visited Peru in May, said the talks went well."
    assert claims_of(text) == [("the talks went well", ("Maria Lopez",), "said", "ASSERT")]


def test_content_before_the_cue_and_source_after_it() -> None:
    text = "“We are ready,” said Lopez."
    assert claims_of(text) == [("We are ready", ("Lopez",), "said", "ASSERT")]


def test_according_to_before_and_after_the_content() -> None:
    before = "According to Reuters, the plan failed in Peru."
    after = "The plan failed in Peru, according to Reuters."
    assert claims_of(before) == [
        ("the plan failed in Peru", ("Reuters",), "According to", "ASSERT")
    ]
    assert claims_of(after) == [("The plan failed in Peru", ("Reuters",), "according to", "ASSERT")]


def test_a_capitalised_first_word_before_a_reporting_verb_is_a_source() -> None:
    assert claims_of("Lopez said the plan failed.") == [
        ("the plan failed", ("Lopez",), "said", "ASSERT")
    ]


def test_a_pronoun_source_is_its_own_mention() -> None:
    # guidelines 4.1: a plural pronoun is one source (its PRO mention)
    text = "Canada and Peru grew closer in what they say is a new era."
    assert claims_of(text) == [("is a new era", ("they",), "say", "ASSERT")]
    assert claims_of("He said the plan failed.") == [("the plan failed", ("He",), "said", "ASSERT")]


def test_a_noun_phrase_source_becomes_a_nominal_mention() -> None:
    draft = draft_of("Two officials said the bridge will open.")
    (claim,) = draft.claims
    (source,) = claim.sources
    assert surface(draft, source) == "officials"
    assert (draft.mentions[source].type, draft.mentions[source].kind) == ("ORG", "NOM")


def test_the_producer_named_in_a_finding_is_its_source() -> None:
    text = "A Tarso Gazette investigation found that the bridge was weak."
    assert claims_of(text) == [("the bridge was weak", ("Tarso Gazette",), "found", "ASSERT")]


# --- attributes ----------------------------------------------------------------------------


def test_hedges_in_the_content_lower_the_certainty() -> None:
    assert attributes_of("Lopez said the bridge may fall.") == [("POSSIBLE", "FACT", "INDIRECT")]
    assert attributes_of("Lopez said the bridge is likely to fall.") == [
        ("PROBABLE", "FACT", "INDIRECT")
    ]


def test_kind_from_the_cue_a_kind_marker_or_a_future_modal() -> None:
    assert attributes_of("Lopez warned the bridge is weak.")[0][1] == "PREDICTION"  # the cue
    assert attributes_of("Lopez said Peru has decided to build a bridge.")[0][1] == "INTENTION"
    assert attributes_of("Lopez said the plan must change.")[0][1] == "OPINION"
    assert attributes_of("Lopez said Canada will build a bridge.")[0][1] == "INTENTION"  # actor
    assert attributes_of("Lopez said the bridge will open soon.")[0][1] == "PREDICTION"


def test_quote_type_from_quotation_marks() -> None:
    assert attributes_of("“We are ready,” said Lopez.")[0][2] == "DIRECT"
    assert attributes_of("Lopez said the “new era” had begun.")[0][2] == "MIXED"
    assert attributes_of("Lopez said the new era had begun.")[0][2] == "INDIRECT"


def test_sources_of_post_modified_names_documents_titles_and_participles() -> None:
    # CONSTRUCTED: "X of Y said" is X's; "Y's website said" is Y's; a title alone is a NOM
    # source; a participle after a comma reports for the sentence's subject
    assert claims_of("Mara Velt of the Coral Group said the plan failed.")[0][1] == ("Mara Velt",)
    assert claims_of("The Coral Group's website said the plan failed.")[0][1] == ("Coral Group",)
    assert claims_of("The commissioner said the plan failed.")[0][1] == ("commissioner",)
    found = claims_of("Mara Velt spoke at length, adding that the plan failed.")
    assert found[0][1] == ("Mara Velt",)


def test_a_quotation_of_several_sentences_gives_a_claim_per_sentence() -> None:
    text = "“The plan failed. The bridge is closed,” Mara Velt said, “and we will rebuild it.”"
    found = claims_of(text)
    assert sorted(content for content, *_ in found) == [
        "The bridge is closed",
        "The plan failed",
        "and we will rebuild it",
    ]
    assert {(sources, cue) for _, sources, cue, _ in found} == {(("Mara Velt",), "said")}


def test_a_content_before_its_cue_and_a_source_after_it() -> None:
    # CONSTRUCTED: "“…,” said <title> <name>": the content precedes, the person is the source;
    # "…, according to X" reports what precedes
    text = "“The plan failed,” said Peru Senator Mara Velt."
    assert claims_of(text) == [("The plan failed", ("Mara Velt",), "said", "ASSERT")]
    text = "The bridge closed on Monday, according to the Coral Group."
    assert claims_of(text) == [
        ("The bridge closed on Monday", ("Coral Group",), "according to", "ASSERT")
    ]


def test_a_content_ends_before_a_participle_clause() -> None:
    text = "Mara Velt denied the report, calling it false."  # CONSTRUCTED
    assert claims_of(text)[0][0] == "the report"


def test_a_quotation_after_its_cue_is_the_content_and_call_takes_its_particle() -> None:
    # CONSTRUCTED: the quotation a cue introduces is its content, not what precedes the cue
    found = claims_of("Peru's envoy Mara Velt said, “The bridge is closed.”")
    assert found == [("The bridge is closed", ("Mara Velt",), "said", "ASSERT")]
    assert claims_of("Mara Velt called on Peru to reopen the bridge.")[0][2] == "called on"


def test_a_cue_without_a_source_beside_it_takes_its_clause_subject() -> None:
    # SYNTHETIC sentences: a relative clause's antecedent, a sentence's first person, a pronoun
    relative = "This included the home of Maria Lopez, who told reporters the plan failed."
    assert claims_of(relative) == [
        ("the plan failed", ("Maria Lopez",), "told reporters", "ASSERT")
    ]
    assert claims_of("Maria Lopez left Lima and later admitted that the plan failed.") == [
        ("the plan failed", ("Maria Lopez",), "admitted", "ASSERT")
    ]
    assert claims_of("He continued by announcing that the plan failed.") == [
        ("the plan failed", ("He",), "announcing", "ASSERT")
    ]


def test_a_noun_phrase_after_according_to_is_its_source() -> None:
    draft = draft_of("According to prosecutors, the bridge was weak.")
    (claim,) = draft.claims
    assert [surface(draft, s) for s in claim.sources] == ["prosecutors"]


def test_cue_words_used_as_nouns_or_inside_names_are_no_cues() -> None:
    # SYNTHETIC sentences: "states" and "reports" as nouns, a cue word inside a name
    assert cues_of("Other states had decided to wait.") == []
    assert cues_of("16 states filed a lawsuit and ten states waited.") == []
    assert cues_of("The reports were late.") == []
    assert cues_of("She visited the United States in May.") == []
    assert cues_of("It is a state-owned firm.") == []


def test_the_noun_phrase_after_according_to_runs_to_its_comma() -> None:
    # SYNTHETIC sentences (guidelines 4.1, "according to S, C"): the phrase to the comma is
    # the source's, the content follows it; a document's producer, the head before a
    # post-modifier, a name before a parenthesis, a possessive determiner inside the NOM
    by = "According to projections by Reuters and Tarso Gazette, the plan failed."
    assert claims_of(by) == [
        ("the plan failed", ("Reuters", "Tarso Gazette"), "According to", "ASSERT")
    ]
    assert claims_of("According to the Coral Group's website, the plan failed.")[0][1] == (
        "Coral Group",
    )
    assert claims_of("According to a new study, the plan failed.")[0][:2] == (
        "the plan failed",
        (),
    )
    editor = "According to Tarso Gazette editor Mara Velt, the plan failed."
    assert claims_of(editor)[0][:2] == ("the plan failed", ("Mara Velt",))
    post = "According to the Coral Group in Peru, the plan failed."
    assert claims_of(post)[0][1] == ("Coral Group",)
    assert claims_of("According to the Coral Group (CG), the plan failed.")[0][1] == (
        "Coral Group",
    )
    assert claims_of("According to his publicist, the plan failed.")[0][1] == ("his publicist",)
    mid = "The bridge closed according to the Coral Group, officials added."
    assert claims_of(mid)[0][:2] == ("The bridge closed", ("Coral Group",))


def test_the_name_a_source_names_in_an_apposition_or_before_a_title() -> None:
    # SYNTHETIC: "X of Y, <aside>, said" is X's; "Y president X" before a participle is X's
    aside = "Mara Velt of the Coral Group, speaking to Reuters, said the plan failed."
    assert claims_of(aside)[0][1] == ("Mara Velt",)
    titled = "Coral Group president Mara Velt spoke at length, adding that the plan failed."
    assert claims_of(titled)[0][1] == ("Mara Velt",)


def test_a_fronted_adverbial_is_no_content() -> None:
    # SYNTHETIC: "On Tuesday, X said" has no content before the cue
    assert claims_of("On Tuesday, Mara Velt said.") == []
    assert claims_of("The plan failed, Mara Velt said.")[0][0] == "The plan failed"


def test_a_cue_quoted_in_another_speaker_s_words_does_not_spread() -> None:
    # SYNTHETIC: "We announced" inside Velt's quotation reports its own clause only
    text = "Velt said: “We announced that the plan failed. The bridge is closed.”"
    found = claims_of(text)
    assert [(content, cue) for content, _, cue, _ in found if cue != "said"] == [
        ("the plan failed", "announced")
    ]


def test_a_passive_cue_is_a_claim_only_as_a_directive() -> None:
    # SYNTHETIC (guidelines 4): "was found guilty" reports nothing; "were told to" is a
    # directive with no source
    assert cues_of("Mara Velt was found guilty in May.") == []
    assert claims_of("Residents were told to stay inside.") == [
        ("to stay inside", (), "were told", "ASSERT")
    ]


def test_a_participle_after_an_adverb_ends_the_content_and_shares_the_source() -> None:
    # SYNTHETIC: ", further saying" is a participle clause of the sentence's source
    text = "Mara Velt said the plan failed, further saying that the bridge is closed."
    assert claims_of(text) == [
        ("the plan failed", ("Mara Velt",), "said", "ASSERT"),
        ("the bridge is closed", ("Mara Velt",), "saying", "ASSERT"),
    ]


def test_more_verbs_of_saying_and_thinking_are_cues() -> None:
    # SYNTHETIC: general reporting verbs of the lexicon (guidelines 6)
    for verb in ("reiterated", "observed", "asserted", "mentioned", "deemed"):
        assert claims_of(f"Mara Velt {verb} that the plan failed.") == [
            ("the plan failed", ("Mara Velt",), verb, "ASSERT")
        ]
