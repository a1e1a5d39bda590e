"""Relations by pattern (``baselines/rules/relations.py``): one CONSTRUCTED test sentence per
pattern (not news), with every relation the rules must find in it and no other."""

from __future__ import annotations

import pytest

from tests.baselines.rules.conftest import relations_of

# pattern -> (sentence, its relations as "head TYPE tail")
PATTERNS: dict[str, tuple[str, set[str]]] = {
    "deploy verb": ("Canada will send engineers to Peru.", {"Canada DEPLOYS_TO Peru"}),
    "supply verb": ("Canada supplied Peru with rifles.", {"Canada SUPPLIES Peru"}),
    "attack verb": ("The Coral Army attacked the Velt Navy.", {"Coral Army ATTACKS Velt Navy"}),
    "meet verb": ("Mara Velt met Teo Orso on Monday.", {"Mara Velt MEETS Teo Orso"}),
    # the schema's argument types: LOC is no head of DEPLOYS_TO, a quantity no tail at all
    "deploy from a place": ("The Velt Peninsula sent engineers to Peru.", set()),
    "deploy a quantity": ("Canada sent two thousand.", set()),
    "head in an aside": (
        "Canada, which borders Peru, will send engineers to Chile.",
        {"Canada DEPLOYS_TO Chile"},
    ),
    "role before a name": (
        "Peruvian leader Mara Velt spoke.",
        {"Mara Velt HAS_ROLE leader", "Mara Velt LEADER_OF Peruvian"},
    ),
    "apposition, member": (
        "Mara Velt, secretary of the Coral Ministry, spoke.",
        {"Mara Velt HAS_ROLE secretary", "Mara Velt MEMBER_OF Coral Ministry"},
    ),
    "apposition, leader": (
        "Teo Orso, chairman of the Coral Party, spoke.",
        {"Teo Orso HAS_ROLE chairman", "Teo Orso LEADER_OF Coral Party"},
    ),
    "possessor's organ": ("Peru's Coral Ministry opened.", {"Coral Ministry PART_OF Peru"}),
    "state outlet": ("Peru's state Tarso Gazette opened.", {"Tarso Gazette AFFILIATED_WITH Peru"}),
    "signatories": (
        "The new defence pact signed by Canada and Peru lasts.",
        {"Canada PARTY_TO new defence pact", "Peru PARTY_TO new defence pact"},
    ),
    "joint meeting": ("Mara Velt and Teo Orso met on Monday.", {"Mara Velt MEETS Teo Orso"}),
    "an organisation meets no one": ("Mara Velt and NAVO met on Monday.", set()),
}


@pytest.mark.parametrize(("text", "expected"), PATTERNS.values(), ids=PATTERNS.keys())
def test_each_pattern_finds_its_relations_and_no_other(text: str, expected: set[str]) -> None:
    assert relations_of(text) == expected
