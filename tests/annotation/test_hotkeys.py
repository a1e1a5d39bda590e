"""Hotkeys from names: distinct, the name's own letters first, shorter names first."""

from __future__ import annotations

import pytest

from annotation.hotkeys import RESERVED_KEYS, assign_hotkeys


def test_each_name_takes_the_first_free_letter_of_its_own():
    assert assign_hotkeys(("PERSON", "PLACE", "ORG")) == {"PERSON": "e", "PLACE": "p", "ORG": "o"}


def test_a_name_without_a_free_letter_takes_the_first_free_one():
    assert assign_hotkeys(("AB", "BA", "ABBA")) == {"AB": "a", "BA": "b", "ABBA": "c"}


def test_reserved_keys_are_never_given():
    assert assign_hotkeys(("U", "US")) == {"U": "a", "US": "s"}
    assert "u" in RESERVED_KEYS


def test_a_modifier_prefixes_every_key():
    assert assign_hotkeys(("NAM", "NOM"), modifier="shift") == {"NAM": "shift+n", "NOM": "shift+o"}


def test_more_names_than_letters_is_an_error():
    names = tuple(f"N{'X' * i}" for i in range(30))
    with pytest.raises(ValueError, match="no hotkey left"):
        assign_hotkeys(names)
