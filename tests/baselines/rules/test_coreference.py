"""Coreference by surface, on constructed names (SYNTHETIC test fixtures, not news)."""

from __future__ import annotations

from baselines.rules.coreference import NameEntities, surface_key, value_key


def test_names_with_the_same_parts_share_their_entity() -> None:
    names = NameEntities()
    names.add(["Mara", "Jong", "Un"], "PERSON", "e-mara")
    assert surface_key(["Mara", "Jong", "un"]) == surface_key(["MARA", "JONG", "UN"])
    assert names.find(["Mara", "Jong", "un"]) == ("PERSON", "e-mara")
    assert names.find(["Mara", "Jong"]) is None


def test_a_persons_first_or_last_part_is_that_person_and_the_last_named_wins() -> None:
    names = NameEntities()
    names.add(["Ana", "Velt", "Orso"], "PERSON", "e-ana")
    assert names.find(["Orso"]) == names.find(["Ana"]) == ("PERSON", "e-ana")
    assert names.find(["Velt"]) is None  # a middle part stands for nobody
    names.add(["Teo", "Orso"], "PERSON", "e-teo")
    assert names.find(["Orso"]) == ("PERSON", "e-teo")
    assert names.find(["Ana"]) == ("PERSON", "e-ana")


def test_parts_of_other_names_stand_for_nothing() -> None:
    names = NameEntities()
    names.add(["Coral", "Ministry"], "ORG", "e-ministry")
    assert names.find(["Coral"]) is None and names.find(["Ministry"]) is None


def test_each_value_is_an_entity_of_its_own() -> None:
    assert value_key("DATE", 3) != value_key("DATE", 40) != value_key("QUANTITY", 40)


def test_a_name_without_parts_is_kept_without_standing_for_anyone() -> None:
    names = NameEntities()
    names.add([], "PERSON", "e-dash")  # a tagger may call a lone "-" a person
    assert names.find([]) == ("PERSON", "e-dash")
