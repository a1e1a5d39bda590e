"""The cue lexicon: valid labels, well-formed entries, and the guidelines embed its table."""

from __future__ import annotations

import re

import pytest

from corpus.cues import (
    CUES,
    HEDGES,
    KIND_MARKERS,
    SOURCE_POSITIONS,
    embed_markdown,
    render_markdown,
)
from corpus.schema import CLAIM_ATTRIBUTES
from tests.conftest import REPO

GUIDELINES = REPO / "annotation" / "guidelines.md"


@pytest.mark.parametrize("cue", CUES, ids=lambda cue: cue.lemma)
def test_cue_labels_are_known(cue) -> None:
    assert cue.stance in CLAIM_ATTRIBUTES["stance"]
    assert cue.certainty in CLAIM_ATTRIBUTES["certainty"]
    assert cue.kind is None or cue.kind in CLAIM_ATTRIBUTES["kind"]
    assert cue.source and set(cue.source) <= set(SOURCE_POSITIONS)


@pytest.mark.parametrize("cue", CUES, ids=lambda cue: cue.lemma)
def test_cue_forms_are_clean(cue) -> None:
    assert cue.forms and len(set(cue.forms)) == len(cue.forms)
    assert all(form == form.strip() and form for form in cue.forms)
    # a closer ("as saying") exists exactly when the source can stand inside the frame
    assert (cue.closer is not None) == ("inside" in cue.source)


def test_lemmas_are_unique() -> None:
    for table in (CUES, HEDGES, KIND_MARKERS):
        names = [getattr(item, "lemma", None) or item.phrase for item in table]
        assert len(names) == len(set(names))


def test_hedges_and_markers_have_known_labels() -> None:
    assert all(h.forms and h.certainty in CLAIM_ATTRIBUTES["certainty"] for h in HEDGES)
    assert all(h.certainty != "CERTAIN" for h in HEDGES)
    assert all(m.forms and m.kind in CLAIM_ATTRIBUTES["kind"] for m in KIND_MARKERS)


def test_denials_and_hopes() -> None:
    by_lemma = {cue.lemma: cue for cue in CUES}
    assert by_lemma["deny"].stance == "DENY"
    assert by_lemma["hope"].kind == "OPINION"
    assert by_lemma["expect"].kind == "PREDICTION"
    assert by_lemma["promise"].kind == "INTENTION"
    assert "said" in by_lemma["say"].forms
    assert by_lemma["according to"].source == ("after",)


def test_render_has_one_row_per_entry() -> None:
    rows = [line for line in render_markdown().splitlines() if line.startswith("| ")]
    headers = 3
    assert len(rows) == len(CUES) + len(HEDGES) + len(KIND_MARKERS) + headers
    assert "| deny | deny, denies, denied, denying | DENY | CERTAIN | — | before |" in rows
    cite_row = (
        "| cite as saying | cite, cites, cited, citing … as saying "
        "| ASSERT | CERTAIN | — | before, inside |"
    )
    assert cite_row in rows


def test_guidelines_embed_the_rendered_lexicon() -> None:
    text = GUIDELINES.read_text(encoding="utf-8")
    found = re.findall(r"<!-- cues:begin -->\n(.*?)<!-- cues:end -->", text, flags=re.S)
    assert found == [render_markdown()], "run: python -m corpus.cues annotation/guidelines.md"
    assert embed_markdown(text) == text


def test_embedding_needs_exactly_one_block() -> None:
    with pytest.raises(ValueError, match="one <!-- cues:begin -->"):
        embed_markdown("no markers here")
