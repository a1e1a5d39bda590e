"""Label Studio results -> canonical annotation: exact where well formed, every problem named.

Results are built from the SYNTHETIC fixture's encoding, then broken the way a person in the
browser (or a stray hotkey) breaks them.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

import pytest

from annotation.convert import ConversionError, annotation_to_results
from annotation.decode import results_to_annotation
from corpus.schema import default_claim_attribute
from tests.annotation.conftest import SYNTHETIC_TEXT, synthetic_annotation

TEXT = SYNTHETIC_TEXT
Change = Callable[[list[dict]], object]


def _results() -> list[dict]:
    return annotation_to_results(synthetic_annotation(TEXT), TEXT)


def _broken(change: Change) -> list[dict]:
    results = copy.deepcopy(_results())
    change(results)
    return results


def _problems(change: Change) -> list[str]:
    with pytest.raises(ConversionError) as raised:
        results_to_annotation(_broken(change), TEXT, "doc-x")
    assert str(raised.value) == "\n".join(raised.value.problems)
    return raised.value.problems


def _link(results: list[dict], label: str) -> dict:
    return next(r for r in results if r.get("labels") == [label])


def _item(results: list[dict], region_id: str, control: str) -> dict:
    return next(r for r in results if r.get("id") == region_id and r["from_name"] == control)


def _drop(results: list[dict], item: dict) -> None:
    results.remove(item)


def test_browser_ids_come_back_in_text_order():
    """Regions the browser made have ids like ``ram6fkqcg9``; pull numbers them m1, c1 …"""
    renamed = {"m1": "zz9", "m2": "ab1", "c1": "q7", "c1-cue": "k0"}
    results = _results()
    for item in results:
        for key in ("id", "from_id", "to_id"):
            if item.get(key) in renamed:
                item[key] = renamed[item[key]]
    back = results_to_annotation(list(reversed(results)), TEXT, "d")
    assert [m.id for m in back.mentions] == [f"m{n}" for n in range(1, 11)]
    assert [m.text for m in back.mentions[:3]] == ["Officials", "Seoul", "North Korea"]
    assert [c.id for c in back.claims] == ["c1", "c2", "c3", "c4", "c5"]
    assert [r.id for r in back.relations] == ["r1", "r2"]


def test_unset_claim_attributes_take_the_schema_defaults():
    results = [r for r in _results() if not r.get("from_name", "").startswith("claim_")]
    back = results_to_annotation(results, TEXT, "d")
    defaults = tuple(default_claim_attribute(a) for a in ("stance", "certainty", "kind", "quote"))
    assert defaults == ("ASSERT", "CERTAIN", "FACT", "INDIRECT")
    assert {(c.stance, c.certainty, c.kind, c.quote) for c in back.claims} == {defaults}


def test_the_arcs_toggle_is_not_annotation():
    toggle = {"id": "t", "from_name": "show_arcs", "to_name": "text", "type": "choices"}
    results = [*_results(), {**toggle, "value": {"choices": ["show arcs"]}}]
    assert results_to_annotation(results, TEXT, "d") == results_to_annotation(_results(), TEXT, "d")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: _drop(r, _item(r, "m9", "mention_kind")),
            """PERSON 'he' in "as saying that he met Kim.": no kind; select it and choose """
            "NAM, NOM or PRO",
        ),
        (
            lambda r: r.append(
                {**r[0], "from_name": "claim", "value": {**r[0]["value"], "labels": ["CONTENT"]}}
            ),
            "GPE 'Seoul': one region has both the mention label GPE and the claim label CONTENT",
        ),
        (
            lambda r: _link(r, "DEPLOYS_TO").update(labels=[]),
            "link from GPE 'North Korea' to LOC 'Kursk': no label; pick one in the Relations panel",
        ),
        (
            lambda r: _link(r, "DEPLOYS_TO").update(labels=["DEPLOYS_TO", "ATTACKS"]),
            "link from GPE 'North Korea' to LOC 'Kursk': 2 labels (DEPLOYS_TO, ATTACKS)",
        ),
        (
            lambda r: _link(r, "DEPLOYS_TO").update(labels=["HAS_ROLE"]),
            "link from GPE 'North Korea' to LOC 'Kursk': HAS_ROLE takes PERSON -> ROLE: pick "
            "another relation type, turn the arrow, or fix a mention type",
        ),
        (
            lambda r: _link(r, "SOURCE").update(from_id="c2"),
            "link from CONTENT 'the report' to CONTENT 'North Korea sent troops to Kursk': SOURCE "
            "goes from a mention to a CONTENT",
        ),
        (
            lambda r: _drop(r, _link(r, "CUE_OF")),
            """CUE 'said' in "Officials in Seoul said North Korea sent": a cue linked to no """
            "content; draw CUE_OF from it to its CONTENT, or delete it",
        ),
        (
            lambda r: r.append({**_link(r, "NESTED_IN"), "from_id": "c4", "to_id": "c3"}),
            "NESTED_IN links form a cycle: CONTENT 'he met Kim' -> CONTENT 'citing Shoigu as "
            "saying that he met Kim' -> CONTENT 'he met Kim'; delete one",
        ),
        (
            lambda r: r.append({**_item(r, "c1", "claim_stance"), "id": "m1"}),
            "GPE 'Seoul': has a stance (ASSERT), which only a CONTENT takes (a choice's hotkey "
            "works on whatever region is selected); select it and press shift+a to take it off",
        ),
        (
            lambda r: _item(r, "m9", "entity")["value"].update(text=["Shoygu"]),
            """entity 'Shoygu' (PERSON 'he' in "as saying that he met Kim."): its name is not """
            "the text of any of its mentions",
        ),
        (lambda r: r[0]["value"].update(labels=["ALIEN"]), "region m1 'Seoul': labels ['ALIEN']"),
        (lambda r: r[0]["value"].update(end=10_000), "region m1: offsets [34, 10000) out of range"),
        (lambda r: r[0]["value"].update(text="Tokyo"), "region m1: region text 'Tokyo' differs"),
        (lambda r: r[0].update(from_name="sentiment"), "region m1: unknown control 'sentiment'"),
        (lambda r: r[1]["value"].update(choices=["XYZ"]), "GPE 'Seoul': unknown mention_kind"),
        (
            lambda r: _link(r, "DEPLOYS_TO").update(to_id="zz"),
            "link m2 -> zz: no region 'zz'",
        ),
        (lambda r: _link(r, "SOURCE").update(labels=["WHO"]), "unknown relation label 'WHO'"),
    ],
)
def test_each_problem_names_the_region_and_the_fix(change, message):
    (problem,) = _problems(change)
    assert problem.startswith("doc-x: ") and message in problem


def test_a_region_without_id_is_named_by_its_position():
    assert "doc-x: result 0: region id missing" in _problems(lambda r: r[0].pop("id"))


def test_one_bad_region_hides_no_other_problem():
    def two_faults(results: list[dict]) -> None:
        results[0]["value"]["labels"] = ["ALIEN"]
        _link(results, "DEPLOYS_TO")["labels"] = []

    assert [p.split(": ", 2)[1][:20] for p in _problems(two_faults)] == [
        "region m1 'Seoul'",
        "link from GPE 'North",
    ]


def test_links_to_a_bad_region_are_not_reported_again():
    problems = _problems(lambda r: _item(r, "m5", "mention")["value"].update(labels=["ALIEN"]))
    assert len(problems) == 1 and re.search(r"region m5 'Officials'", problems[0])
