"""The brat mapping file: TOML and YAML read alike, checked against the schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.formats.brat_mapping import (
    CLAIMWIRE,
    MENTION_KIND,
    TRIGGER,
    AttributeMapping,
    ClaimMapping,
    MentionMapping,
    load_mapping,
)
from corpus.schema import CLAIM_ATTRIBUTES, CLAIM_LINK_TYPES, MENTION_TYPES, RELATION_TYPES
from corpus.store import CorpusError
from tests.conftest import REPO
from tests.corpus.formats.synthetic import MAPPING_TOML, write_exact

MAPPING_YAML = """\
mentions:
  Organization: ORG
  Person: PERSON
  Location: GPE
  Date: DATE
  Office: {type: ORG, kind: NOM}
relations:
  Employment: MEMBER_OF
  Meeting: MEETS
claims:
  Attribution: {content: Content, cue: trigger, sources: Source}
attributes:
  Negated: {sets: claim.stance, value: DENY}
  Quote:
    sets: claim.quote
    values: {Direct: DIRECT, Indirect: INDIRECT, Mixed: MIXED}
"""


def test_toml_and_yaml_give_the_same_mapping(tmp_path: Path) -> None:
    toml = load_mapping(write_exact(tmp_path / "map.toml", MAPPING_TOML))
    assert toml == load_mapping(write_exact(tmp_path / "map.yaml", MAPPING_YAML))
    assert toml.mentions["Office"] == MentionMapping("ORG", "NOM")
    assert toml.mentions["Person"] == MentionMapping("PERSON", "NAM")
    assert toml.relations == {"Employment": "MEMBER_OF", "Meeting": "MEETS"}
    assert toml.claims == {"Attribution": ClaimMapping("Content", TRIGGER, "Source", None)}
    assert toml.attributes["Negated"] == AttributeMapping("claim.stance", {None: "DENY"})
    assert toml.attributes["Quote"].values["Mixed"] == "MIXED"


def test_claimwire_vocabulary_covers_the_schema() -> None:
    assert set(CLAIMWIRE.mentions) == set(MENTION_TYPES)
    assert set(CLAIMWIRE.relations) == {*RELATION_TYPES, *CLAIM_LINK_TYPES}
    settings = {mapping.sets for mapping in CLAIMWIRE.attributes.values()}
    assert settings == {*(f"claim.{name}" for name in CLAIM_ATTRIBUTES), MENTION_KIND}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[mention]\nA = "PERSON"', "map.toml: unknown key(s) mention (known: attributes, "),
        ('[mentions]\nA = "PEOPLE"', "map.toml: mentions.A: 'PEOPLE' is not one of PERSON, "),
        ('[mentions]\nA = { type = "PERSON", kind = "X" }', "map.toml: mentions.A.kind: 'X'"),
        ('[relations]\nR = "KNOWS"', "map.toml: relations.R: 'KNOWS' is not one of HAS_ROLE"),
        ("[claims.E]\ncue = 'Cue'", "map.toml: claims.E: missing 'content'"),
        ("[claims.E]\ncontent = 'X'\ncue = 'X'", "map.toml: claims.E: one role (or the trigger)"),
        ("[claims.E]\ncontent = 'X'\nsources = 'trigger'", "map.toml: claims.E: sources and"),
        ("[attributes.N]\nsets = 'claim.mood'", "map.toml: attributes.N.sets: 'claim.mood'"),
        ("[attributes.N]\nsets = 'claim.stance'\nvalue = 'NO'", "map.toml: attributes.N.value:"),
        ("[mentions\n", "map.toml: not valid TOML: "),
    ],
)
def test_a_bad_mapping_is_one_error_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CorpusError) as error:
        load_mapping(write_exact(tmp_path / "map.toml", text))
    assert str(error.value).startswith(f"{tmp_path / message}")
    assert "\n" not in str(error.value)


def test_a_mapping_is_toml_or_yaml(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"map\.json: a mapping is a \.toml, \.yaml or \.yml"):
        load_mapping(write_exact(tmp_path / "map.json", "{}"))


def test_the_readme_example_is_a_valid_mapping(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(.+?)```", readme, flags=re.DOTALL)
    mapping = load_mapping(write_exact(tmp_path / "map.toml", example))
    assert mapping.claims["Attribution"] == ClaimMapping("Content", TRIGGER, "Source", "Parent")
    assert mapping.mentions["Office"] == MentionMapping("ORG", "NOM")
