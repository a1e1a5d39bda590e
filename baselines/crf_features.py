"""Features of the trained baseline: tokens for the mention CRF, mention pairs for the relation
classifier, claim candidates for the claim classifiers.

Every feature set includes what the rule baseline predicts, so the models learn when to trust
the rules and when to correct them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from baselines.base import Draft
from baselines.rules.tokens import Tok
from corpus.schema import Mention

_SHAPE = (re.compile(r"[A-Z]"), re.compile(r"[a-z]"), re.compile(r"[0-9]"))


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """ "Kim" -> "Xx", "2024" -> "d", "anti-tank" -> "x-x": character classes, runs collapsed."""
    text = word
    for pattern, mark in zip(_SHAPE, "Xxd", strict=True):
        text = pattern.sub(mark, text)
    return re.sub(r"(.)\1+", r"\1", text)


# CRF attributes of a token as crfsuite takes them: UTF-8 name -> value. A string feature
# "lower" = "kim" is the attribute b"lower:kim" with value 1.0, as python-crfsuite would name it.
Attributes = dict[bytes, float | bool]
NEIGHBOURS = (-2, -1, 1, 2)  # offsets of the neighbours whose features a token gets


@lru_cache(maxsize=65536)
def _own_attributes(word: str, rule_tag: str, first: bool) -> Attributes:
    """A token's own attributes: the word, its affixes and shape, and its rule tag."""
    lower = word.lower()
    return {
        b"bias": 1.0,
        f"suffix3:{lower[-3:]}".encode(): 1.0,
        f"prefix3:{lower[:3]}".encode(): 1.0,
        b"upper": word.isupper(),
        b"digit": word.isdigit(),
        b"first": first,
        f"lower:{lower}".encode(): 1.0,
        f"shape:{shape(word)}".encode(): 1.0,
        b"title": word.istitle(),
        f"rule:{rule_tag}".encode(): 1.0,
    }


@lru_cache(maxsize=65536)
def _neighbour_attributes(word: str, rule_tag: str) -> tuple[Attributes, ...]:
    """What a word gives the token at each offset of ``NEIGHBOURS`` from it, in that order."""
    lower, word_shape = word.lower(), shape(word)
    return tuple(
        {
            f"{offset}:lower:{lower}".encode(): 1.0,
            f"{offset}:shape:{word_shape}".encode(): 1.0,
            f"{offset}:title".encode(): word.istitle(),
            f"{offset}:rule:{rule_tag}".encode(): 1.0,
        }
        for offset in NEIGHBOURS
    )


_NO_NEIGHBOUR: tuple[Attributes, ...] = ({},) * len(NEIGHBOURS)


def token_features(tokens: Sequence[Tok], rule_tags: Sequence[str]) -> list[Attributes]:
    """CRF attributes of each token: the word, its affixes and shape, its neighbours, and the
    rule baseline's BIO tag for it and its neighbours (per-word parts are cached)."""
    words = [token.text for token in tokens]
    # what each word gives its neighbours; two words of nothing padded on each side
    given = [_NO_NEIGHBOUR] * 2
    given += [_neighbour_attributes(w, t) for w, t in zip(words, rule_tags, strict=True)]
    given += [_NO_NEIGHBOUR] * 2
    return [
        {
            **_own_attributes(word, tag, i == 0),
            **given[i][0],  # from the word two before (NEIGHBOURS[0] == -2)
            **given[i + 1][1],  # one before
            **given[i + 3][2],  # one after
            **given[i + 4][3],  # two after
        }
        for i, (word, tag) in enumerate(zip(words, rule_tags, strict=True))
    ]


def pair_features(
    between: Sequence[str], head: Mention, tail: Mention, rule_relation: str
) -> dict[str, str | float]:
    """Features of a directed pair of mentions of one sentence; ``between`` are the lower-cased
    words between them."""
    features: dict[str, str | float] = {
        "types": f"{head.type}>{tail.type}",
        "order": "head-first" if head.start < tail.start else "tail-first",
        "distance": str(min(len(between), 10)),
        "rule": rule_relation,
    }
    for word in between[:12]:
        features[f"between={word}"] = 1.0
    if between:
        features[f"first-between={between[0]}"] = 1.0
        features[f"last-between={between[-1]}"] = 1.0
    return features


def claim_features(draft: Draft, claim: dict) -> dict[str, str | float]:
    """Features of a claim candidate found by the rule baseline's cue patterns."""
    text = draft.text
    cue = text[claim["cue"][0] : claim["cue"][1]].lower() if claim["cue"] else "-"
    content = text[claim["content"][0] : claim["content"][1]]
    sources = [draft.mentions[s] for s in claim["sources"]]
    features: dict[str, str | float] = {
        "cue": cue.split()[-1],
        "quote": claim["quote"],
        "stance": claim["stance"],
        "nested": str(claim["parent"] is not None),
        "sources": str(min(len(sources), 3)),
        "source": f"{sources[0].type}/{sources[0].kind}" if sources else "none",
        "cue-after-content": str(
            claim["cue"] is not None and claim["cue"][0] > claim["content"][0]
        ),
        "length": str(min(len(content.split()) // 5, 6)),
    }
    for word in content.lower().split()[:30]:
        features[f"content={word.strip('.,“”')}"] = 1.0
    return features
