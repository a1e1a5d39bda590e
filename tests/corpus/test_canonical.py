"""Ids in text order, on a SYNTHETIC document (fixtures of test_agreement)."""

from __future__ import annotations

from dataclasses import replace

from corpus.canonical import canonical
from tests.annotation.test_agreement import TEXT, first_annotator


def test_canonical_orders_and_orients():
    first = first_annotator()
    shuffled = replace(
        first,
        mentions=first.mentions[::-1],
        claims=first.claims[::-1],
        claim_links=(replace(first.claim_links[0], source="c1", target="c2"),),
    )
    gold = canonical(shuffled)
    assert [m.id for m in gold.mentions] == ["m1", "m2", "m3", "m4", "m5", "m6"]
    assert [TEXT[m.start : m.end] for m in gold.mentions] == [
        TEXT[m.start : m.end] for m in first.mentions
    ]
    assert [c.content for c in gold.claims] == [c.content for c in first.claims]
    # CONTRADICTS is drawn from the later claim to the earlier one.
    assert [(k.source, k.target) for k in gold.claim_links] == [("c2", "c1")]


def test_sources_in_text_order():
    first = first_annotator()
    two_sources = replace(first.claims[0], sources=("m5", "m1"))  # Park, Kim
    gold = canonical(replace(first, claims=(two_sources, *first.claims[1:])))
    assert [TEXT[m.start : m.end] for m in gold.mentions[:5:4]] == ["Kim", "Park"]
    assert gold.claims[0].sources == ("m1", "m5")
