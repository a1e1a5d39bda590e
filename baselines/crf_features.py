"""Features of the trained baseline: tokens for the mention CRF, mention pairs for the relation
classifier, claim candidates for the claim classifiers.

Every feature set includes what the rule baseline predicts, so the models learn when to trust
the rules and when to correct them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

import sklearn_crfsuite

from baselines.base import AnyMention, Draft, DraftClaim
from corpus.text import Token

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


def _tag_names(prefix: str, rule_tag: str) -> dict[bytes, float]:
    """The attributes of a token's tags: ``rule_tag`` is the rule baseline's BIO tag, followed
    by a stacked model's after a space when there is one ("B-PERSON B-ORG")."""
    rule, *stacked = rule_tag.split(" ")
    names = {f"{prefix}rule:{rule}".encode(): 1.0}
    names.update({f"{prefix}stacked:{tag}".encode(): 1.0 for tag in stacked})
    return names


def _own_attributes(word: str, rule_tag: str, first: bool) -> Attributes:
    """A token's own attributes: the word, its affixes and shape, and its tags."""
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
        **_tag_names("", rule_tag),
    }


def _neighbour_attributes(word: str, rule_tag: str) -> tuple[Attributes, ...]:
    """What a word gives the token at each offset of ``NEIGHBOURS`` from it, in that order."""
    lower, word_shape = word.lower(), shape(word)
    return tuple(
        {
            f"{offset}:lower:{lower}".encode(): 1.0,
            f"{offset}:shape:{word_shape}".encode(): 1.0,
            f"{offset}:title".encode(): word.istitle(),
            **_tag_names(f"{offset}:", rule_tag),
        }
        for offset in NEIGHBOURS
    )


Part = TypeVar("Part")
# What a word brings: its own part when it is not the first token, when it is, and what it gives
# the token at each offset of ``NEIGHBOURS`` from it.
WordParts = tuple[Part, Part, tuple[Part, ...]]


@lru_cache(maxsize=65536)
def _word_attributes(word: str, rule_tag: str) -> WordParts[Attributes]:
    return (
        _own_attributes(word, rule_tag, first=False),
        _own_attributes(word, rule_tag, first=True),
        _neighbour_attributes(word, rule_tag),
    )


def _token_parts(
    tokens: Sequence[Token],
    rule_tags: Sequence[str],
    word_parts: Callable[[str, str], WordParts[Part]],
    nothing: Part,
) -> list[tuple[Part, ...]]:
    """Each token's own part and the parts its neighbours give it, in the order of
    ``NEIGHBOURS``, from ``word_parts(word, rule tag)``; ``nothing`` past the edges."""
    parts = [word_parts(token.text, tag) for token, tag in zip(tokens, rule_tags, strict=True)]
    padding = [(nothing,) * len(NEIGHBOURS)] * 2  # two words of nothing on each side
    gives = padding + [given for _, _, given in parts] + padding
    return [
        (
            own_first if i == 0 else own,
            gives[i][0],  # from the word two before (NEIGHBOURS[0] == -2)
            gives[i + 1][1],  # one before
            gives[i + 3][2],  # one after
            gives[i + 4][3],  # two after
        )
        for i, (own, own_first, _) in enumerate(parts)
    ]


def token_features(tokens: Sequence[Token], rule_tags: Sequence[str]) -> list[Attributes]:
    """CRF attributes of each token: the word, its affixes and shape, its neighbours, and the
    rule baseline's BIO tag for it and its neighbours (per-word parts are cached)."""
    parts = _token_parts(tokens, rule_tags, _word_attributes, {})
    return [{**own, **a, **b, **c, **d} for own, a, b, c, d in parts]


class Tagger:
    """A trained CRF that tags sentences from the attributes it has weights for.

    An attribute the model has no weight for, or whose value is 0, adds nothing to a score, so
    prediction leaves it out: crfsuite gets each token's known attribute names (value 1.0, as
    every kept value is), the same tags at a fraction of the look-ups. Per-word parts are cached.
    """

    def __init__(self, crf: sklearn_crfsuite.CRF) -> None:
        self._tagger = crf.tagger_
        self._known = frozenset(name.encode() for name in crf.attributes_)
        self._word = lru_cache(maxsize=65536)(self._known_word)

    def _kept(self, attributes: Attributes) -> tuple[bytes, ...]:
        return tuple(name for name, value in attributes.items() if value and name in self._known)

    def _known_word(self, word: str, rule_tag: str) -> WordParts[tuple[bytes, ...]]:
        own, own_first, gives = _word_attributes(word, rule_tag)
        return self._kept(own), self._kept(own_first), tuple(map(self._kept, gives))

    def attributes(
        self, tokens: Sequence[Token], rule_tags: Sequence[str]
    ) -> list[tuple[bytes, ...]]:
        """Each token's attributes of ``token_features`` that the model knows and are not 0."""
        parts = _token_parts(tokens, rule_tags, self._word, ())
        return [(*own, *a, *b, *c, *d) for own, a, b, c, d in parts]

    def tag(self, tokens: Sequence[Token], rule_tags: Sequence[str]) -> list[str]:
        """The BIO tag of each token, as the CRF predicts it from ``token_features``."""
        return self._tagger.tag(self.attributes(tokens, rule_tags))


# Features of the classifiers, named as FeatureHasher names them: a string feature
# "order" = "head-first" is the name b"order=head-first" with value 1.0 (so the hasher has no
# name to build or encode; the names of words are encoded once and cached).
HashedFeatures = dict[bytes, float]
_DISTANCES = tuple(f"distance={words}".encode() for words in range(11))


@lru_cache(maxsize=65536)
def _between_names(word: str) -> tuple[bytes, bytes, bytes]:
    """The names of a word between two mentions: anywhere, first, last."""
    return tuple(
        f"{where}={word}".encode() for where in ("between", "first-between", "last-between")
    )


def pair_features(
    between: Sequence[str], head: AnyMention, tail: AnyMention, rule_relation: str
) -> HashedFeatures:
    """Features of a directed pair of mentions of one sentence; ``between`` are the lower-cased
    words between them."""
    features = {
        f"types={head.type}>{tail.type}".encode(): 1.0,
        b"order=head-first" if head.start < tail.start else b"order=tail-first": 1.0,
        _DISTANCES[min(len(between), 10)]: 1.0,
        f"rule={rule_relation}".encode(): 1.0,
    }
    for word in between[:12]:
        features[_between_names(word)[0]] = 1.0
    if between:
        features[_between_names(between[0])[1]] = 1.0
        features[_between_names(between[-1])[2]] = 1.0
    return features


def claim_features(draft: Draft, claim: DraftClaim) -> HashedFeatures:
    """Features of a claim candidate found by the rule baseline's cue patterns."""
    text = draft.text
    cue = text[claim.cue[0] : claim.cue[1]].lower() if claim.cue else "-"
    content = text[claim.content[0] : claim.content[1]]
    sources = [draft.mentions[s] for s in claim.sources]
    named = {
        "cue": cue.split()[-1],
        "quote": claim.quote,
        "stance": claim.stance,
        "nested": str(claim.parent is not None),
        "sources": str(min(len(sources), 3)),
        "source": f"{sources[0].type}/{sources[0].kind}" if sources else "none",
        "cue-after-content": str(claim.cue is not None and claim.cue[0] > claim.content[0]),
        "length": str(min(len(content.split()) // 5, 6)),
    }
    features = {f"{name}={value}".encode(): 1.0 for name, value in named.items()}
    for word in content.lower().split()[:30]:
        features[f"content={word.strip('.,“”')}".encode()] = 1.0
    return features
