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


_NEIGHBOUR_KEYS = {
    offset: tuple(f"{offset}:{name}" for name in ("lower", "shape", "title", "rule"))
    for offset in (-2, -1, 1, 2)
}


def token_features(tokens: Sequence[Tok], rule_tags: Sequence[str]) -> list[dict]:
    """CRF features of each token: the word, its affixes and shape, its neighbours, and the
    rule baseline's BIO tag for it and its neighbours."""
    words = [
        (token.text.lower(), shape(token.text), token.text.istitle(), tag)
        for token, tag in zip(tokens, rule_tags, strict=True)
    ]
    features = []
    for i, token in enumerate(tokens):
        word = token.text
        lower, word_shape, title, tag = words[i]
        feature: dict[str, str | bool | float] = {
            "bias": 1.0,
            "suffix3": lower[-3:],
            "prefix3": lower[:3],
            "upper": word.isupper(),
            "digit": word.isdigit(),
            "first": i == 0,
            "lower": lower,
            "shape": word_shape,
            "title": title,
            "rule": tag,
        }
        for offset, keys in _NEIGHBOUR_KEYS.items():
            j = i + offset
            if 0 <= j < len(tokens):
                feature.update(zip(keys, words[j], strict=True))
        features.append(feature)
    return features


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
