"""Mentions by rule (``baselines/rules/mentions.py``): patterns, roles, names, coreference and
pronouns, on CONSTRUCTED test sentences, not news."""

from __future__ import annotations

from baselines.base import Draft
from baselines.rules import sentence_tokens
from baselines.rules.mentions import pattern_mentions
from tests.baselines.rules.conftest import draft_of, mentions_of, surface


def test_patterns_find_dates_quantities_weapons_and_treaty_titles() -> None:
    found = mentions_of("They sent more than 6,000 engineers and ballistic missiles last week.")
    assert found == ["more than 6,000 QUANTITY", "ballistic missiles WEAPON", "last week DATE"]
    # a treaty title starts after its last function word ("the")
    text = "They signed the new defence pact on 3 March 2024."
    assert mentions_of(text) == ["new defence pact LAW", "3 March 2024 DATE"]


def test_each_date_is_an_entity_of_its_own_and_a_weapon_is_one_per_surface() -> None:
    text = "On Monday and on Monday, rifles and rifles arrived."
    draft = Draft("constructed", text, sentence_tokens(text))
    covered = pattern_mentions(draft)
    assert [surface(draft, i) for i in range(len(draft.mentions))] == [
        *("Monday", "Monday", "rifles", "rifles")
    ]
    first_date, second_date, first_rifles, second_rifles = draft.entity_keys
    assert first_date != second_date and first_rifles == second_rifles
    assert covered == {i for m in draft.mentions for i in range(m.start, m.end)}


def test_a_role_takes_its_modifiers_unless_it_refers_to_a_person() -> None:
    found = mentions_of("The defence minister Maria Lopez spoke.")
    assert found == ["defence minister ROLE", "Maria Lopez PERSON"]
    # after a possessor and before no name: the minister is a person, not a ROLE mention
    assert mentions_of("Peru's defence minister spoke.") == ["Peru GPE"]


def test_names_from_the_gazetteer_with_a_place_designator() -> None:
    assert mentions_of("They met in the Lima region.") == ["Lima region GPE"]
    assert mentions_of("Peruvian engineers met.") == ["Peruvian NORP"]


def test_an_unknown_name_is_typed_by_its_last_word_or_the_word_before_it() -> None:
    found = mentions_of("The Coral Ministry, the Velt Peninsula and the agency Tarso Velt met.")
    assert found == ["Coral Ministry ORG", "Velt Peninsula LOC", "Tarso Velt ORG"]
    assert mentions_of("Mara Velt and NAVO met.") == ["Mara Velt PERSON", "NAVO ORG"]


def test_a_lone_capitalised_first_word_is_a_name_only_before_a_reporting_verb() -> None:
    assert mentions_of("Tarso left.") == []
    assert mentions_of("Tarso said the plan failed.") == ["Tarso ORG"]


def test_a_part_of_a_persons_name_and_a_pronoun_corefer_with_the_person() -> None:
    draft = draft_of("Mara Velt arrived on Monday. Velt said she was tired.")
    entity = {surface(draft, i): key for i, key in enumerate(draft.entity_keys)}
    kind = {surface(draft, i): mention.kind for i, mention in enumerate(draft.mentions)}
    assert entity["Mara Velt"] == entity["Velt"] == entity["she"] != entity["Monday"]
    assert (kind["Velt"], kind["she"]) == ("NAM", "PRO")


def test_a_capitalised_pronoun_starts_no_name() -> None:
    built = draft_of("I said We would go. Your plan works, Lopez said.").build()
    assert [(m.text, m.kind) for m in built.mentions if m.text != "Lopez"] == [("I", "PRO")]


def test_places_from_the_gazetteer_by_kind() -> None:
    # CONSTRUCTED: a state, a dotted country code, a continent's adjective; a country starts no
    # longer name; a nationality word before a state noun stands for the state (GPE)
    found = mentions_of("Vermont and the U.S. joined African talks with United States Mara Velt.")
    assert found[:3] == ["Vermont GPE", "U.S. GPE", "African LOC"]
    assert "United States GPE" in found and "Mara Velt PERSON" in found
    assert mentions_of("Peruvian army officers met Peruvian engineers.") == [
        "Peruvian GPE",
        "Peruvian NORP",
    ]


def test_names_join_over_particles_hyphens_and_of_after_an_organisation_word() -> None:
    found = mentions_of("Mara de Velt met Tarso-Lima Corp and the House of Coral on Monday.")
    assert found[:3] == ["Mara de Velt PERSON", "Tarso-Lima Corp ORG", "House of Coral ORG"]
    assert mentions_of("COVID-19 spread.") == []  # a code glued to a number is no name


def test_a_role_set_off_before_a_name_is_a_role() -> None:
    # CONSTRUCTED: "The prime minister, Mara Velt, spoke" (guidelines 2.2, the ROLE test)
    assert mentions_of("The prime minister, Mara Velt, spoke.")[0] == "prime minister ROLE"
    assert mentions_of("The prime minister spoke.") == []
