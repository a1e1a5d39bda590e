"""Mentions by rule: dates and quantities by pattern, names from the gazetteer and capitalised
sequences with role and organisation cues, roles from the role lexicon, pronouns; coreference
by surface (``baselines.rules.coreference``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from baselines.base import Draft
from baselines.rules.coreference import VALUE_TYPES, NameEntities, value_key
from baselines.rules.gazetteer import (
    STANDALONE_KINDS,
    Place,
    first_words,
    gazetteer,
    longest_name,
)
from baselines.rules.lexicon import (
    AREA_NAMES,
    GPE_DESIGNATORS,
    LAW_HEADS,
    LOC_HEADS,
    MONTHS,
    NAME_PARTICLES,
    NUMBER_WORDS,
    ORG_CONTEXT,
    ORG_HEADS,
    PERSON_PRONOUNS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    RULE_CUES,
    SCALE_WORDS,
    STATE_NOUNS,
    STOP_WORDS,
    WEAPON_MODIFIERS,
    WEAPON_NOUNS,
    WEEKDAYS,
)
from corpus.text import Token, span_to_token_range
from corpus.validate import is_pronoun

_MONTH = "|".join(MONTHS)
_NUMBER = r"\d[\d,.]*|" + "|".join(w for word in NUMBER_WORDS for w in (word, word.title()))
_DATE = re.compile(
    rf"\b(?:(?:{_MONTH}) \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} (?:{_MONTH})(?: \d{{4}})?"
    rf"|(?:{_MONTH}) \d{{4}}|(?:{_MONTH})|{'|'.join(WEEKDAYS)}"
    r"|(?:earlier |later )?(?:this|last|next) (?:week|month|year)"
    r"|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight"
    r"|(?:(?:more|less) than |nearly |about |almost |just )?"
    rf"(?:{_NUMBER}) (?:years|months|weeks|days|hours|minutes)"
    r"|(?:19|20)\d\d)\b"
)
_QUANTITY = re.compile(
    rf"\b(?:(?:more|less|fewer) than |nearly |about |almost |some |up to |over )?"
    rf"(?:(?:{_NUMBER})(?: (?:{'|'.join(SCALE_WORDS)}))?(?: percent|%)?"
    rf"|(?:hundreds|thousands|millions|billions|dozens))\b"
)
_WEAPON = re.compile(rf"\b(?:(?:{'|'.join(WEAPON_MODIFIERS)}) )*(?:{'|'.join(WEAPON_NOUNS)})\b")
# A descriptive treaty title: lower-case premodifiers and a treaty word ("mutual defence pact").
_LAW = re.compile(rf"\b(?:[a-z][a-z-]+ ){{1,3}}(?:{'|'.join(LAW_HEADS)})\b")
_NAME_JOINERS = frozenset({"-"})
_CODE = re.compile(r"-\d")  # a word glued to a number: a product, model or disease
# One-word reporting verbs: a capitalised first word before one is a name ("Lopez said").
REPORTING_WORDS = frozenset(form for cue in RULE_CUES for form in cue.forms if " " not in form)


def _is_capitalised(token: Token) -> bool:
    """A capitalised word that is not a pronoun ("I", "We" start no name) nor a code glued to a
    number ("COVID-19")."""
    text = token.text
    return (
        text[:1].isupper()
        and text[:1].isalpha()
        and not is_pronoun(text)
        and _CODE.search(text) is None
    )


def _law_start(match: re.Match) -> int | None:
    """Start of a treaty title after its last function word, or None with no modifier left."""
    words = match.group().split(" ")
    stops = [n for n, word in enumerate(words[:-1]) if word in STOP_WORDS]
    skip = stops[-1] + 1 if stops else 0
    if skip == len(words) - 1:
        return None
    return match.start() + sum(len(word) + 1 for word in words[:skip])


def pattern_mentions(draft: Draft) -> set[int]:
    """DATE, QUANTITY, WEAPON and LAW spans of a document; returns the characters they cover.

    A DATE or QUANTITY is a value, an entity of its own; a weapon or treaty title is one entity
    per surface.
    """
    text, covered = draft.text, set()
    patterns = ((_DATE, "DATE"), (_QUANTITY, "QUANTITY"), (_WEAPON, "WEAPON"), (_LAW, "LAW"))
    for pattern, type_ in patterns:
        for match in pattern.finditer(text):
            first = _law_start(match) if type_ == "LAW" else match.start()
            if first is None or span_to_token_range(draft.tokens, first, match.end()) is None:
                continue  # a match inside a token ("19" of "COVID-19") is no mention
            span = range(first, match.end())
            if covered.isdisjoint(span):
                covered.update(span)
                key = (
                    value_key(type_, first)
                    if type_ in VALUE_TYPES
                    else f"{type_}:{text[first : match.end()].lower()}"
                )
                draft.add_mention(first, match.end(), type_, "NAM", key)
    return covered


def _glued(tokens: Sequence[Token], j: int) -> bool:
    """Whether token ``j`` is a hyphen with no space on either side ("Jong-un", "Bre-X")."""
    return (
        tokens[j].text in _NAME_JOINERS
        and j + 1 < len(tokens)
        and tokens[j].start == tokens[j - 1].end
        and tokens[j + 1].start == tokens[j].end
    )


def _name_runs(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges of capitalised sequences: they join over a hyphen ("Kim Jong-un", "Bre-X
    Minerals Ltd"), a name particle between capitalised words ("Bill de Blasio") and "of" after
    an organisation word ("House of Commons"). A word glued to a number by a hyphen
    ("COVID-19", "F-16") names a product or disease, no mention of ours: it is no name word."""
    runs, i = [], 0
    while i < len(tokens):
        if not _is_capitalised(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            if _is_capitalised(tokens[j]) and tokens[j].start == tokens[j - 1].end + 1:
                j += 1
            elif (
                _glued(tokens, j)
                and tokens[j + 1].text[:1].isalpha()
                or (
                    j + 1 < len(tokens)
                    and _is_capitalised(tokens[j + 1])
                    and (
                        tokens[j].text in NAME_PARTICLES
                        or tokens[j].text == "of"
                        and tokens[j - 1].text.lower() in ORG_HEADS
                    )
                )
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _role_span(tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The role expression at token ``i`` ("defence minister", "President"), or None.

    A role noun after "the" or a possessor and before neither a name (right after it or set off
    by a comma) nor "of" refers to a person ("The president's instruction", "Moscow's security
    chief"): not a ROLE.
    """
    if tokens[i].text.lower() not in ROLE_WORDS:
        return None
    first = i
    while first > 0 and tokens[first - 1].text.lower() in ROLE_MODIFIERS:
        first -= 1
    before = tokens[first - 1].text.lower() if first else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    apposed = (  # "The prime minister, Boris Johnson, tweeted"
        after is not None
        and after.text == ","
        and i + 2 < len(tokens)
        and _is_capitalised(tokens[i + 2])
    )
    attached = apposed or after is not None and (_is_capitalised(after) or after.text == "of")
    if before in ("the", "’s", "'s") and not attached:
        return None
    return first, i + 1


def _name_type(tokens: Sequence[Token], first: int, last: int, before: str) -> str:
    """The type of an unknown capitalised name from its head (its last word, or the word before
    its "of": "House of Commons") and the word before it."""
    if last - first == 1 and tokens[first].text in AREA_NAMES:
        return "LOC"
    words = [token.text.lower() for token in tokens[first:last]]
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    if head in ORG_HEADS:
        return "ORG"
    if head in LOC_HEADS:
        return "LOC"
    if before in ORG_CONTEXT or tokens[first].text.isupper():
        return "ORG"
    return "PERSON" if last - first > 1 else "ORG"


def _splits_name(tokens: Sequence[Token], j: int, last: int, place: Place, table: dict) -> bool:
    """A city's name followed by unknown words of one run is a part of a longer name ("Vladimir
    Putin"), unless the run ends with an organisation word ("Moscow City Council"); a country,
    state, continent or demonym stands alone ("United States Joe Biden", "Turkish Ministry")."""
    return (
        place.kind not in STANDALONE_KINDS
        and j < last
        and (tokens[j].text,) not in table
        and tokens[last - 1].text.lower() not in ORG_HEADS
    )


def _place_type(place: Place, following: str) -> str:
    """A demonym is GPE when it stands for its state ("Turkish army", "Austrian manufacturer"),
    else NORP (guidelines 2.2, the nationality test); other places keep their type."""
    return "GPE" if place.kind == "demonym" and following.lower() in STATE_NOUNS else place.type


class MentionFinder:
    """Finds the mentions of one document, sentence by sentence, into a :class:`Draft`.

    A pronoun ("he") joins the topic: the last person named at the start of a sentence or
    cited ("cited Shoigu as saying").
    """

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.covered = pattern_mentions(draft)
        self.names = NameEntities()
        self.topic: str | None = None

    def sentence(self, tokens: Sequence[Token]) -> None:
        free = [token.start not in self.covered for token in tokens]
        lowered = [token.text.lower() for token in tokens]
        for i in reversed(range(len(tokens))):  # a head takes its modifiers ("Chief Minister")
            word = lowered[i]
            span = _role_span(tokens, i) if word in ROLE_WORDS and free[i] else None
            if span and all(free[span[0] : span[1]]):
                self._add(tokens, *span, "ROLE", value_key("ROLE", tokens[i].start))
                free[span[0] : span[1]] = [False] * (span[1] - span[0])
        initial = next((i for i, token in enumerate(tokens) if token.text.isalpha()), 0)
        for first, last in _name_runs(tokens):
            self._names(tokens, first, last, free, initial)
        if self.topic is not None:
            for i, word in enumerate(lowered):
                if word in PERSON_PRONOUNS:
                    self._add(tokens, i, i + 1, "PERSON", self.topic, kind="PRO")

    def _names(
        self, tokens: Sequence[Token], first: int, last: int, free: list[bool], initial: int
    ) -> None:
        table, longest, starts = gazetteer(), longest_name(), first_words()
        i = first
        while i < last:
            if not free[i]:
                i += 1
                continue
            # the longest known name at i (no name starts with most words: skip the lookups)
            lengths = range(min(last, i + longest), i, -1) if tokens[i].text in starts else ()
            for j in lengths:
                key = tuple(token.text for token in tokens[i:j])
                place = table.get(key)
                if place and all(free[i:j]) and not _splits_name(tokens, j, last, place, table):
                    following = tokens[j].text if j < len(tokens) else ""
                    type_, canonical = _place_type(place, following), place.canonical
                    end = j
                    if type_ == "GPE" and j < len(tokens) and tokens[j].text in GPE_DESIGNATORS:
                        end = j + 1  # "Kursk region"
                    self._add(tokens, i, end, type_, f"{type_}:{canonical}")
                    i = j
                    break
            else:
                j = i + 1
                while (
                    j < last
                    and free[j]
                    and ((tokens[j].text,) not in table or tokens[j - 1].text in _NAME_JOINERS)
                ):
                    j += 1
                if j > i:
                    self._unknown_name(tokens, i, j, i == initial)
                i = max(j, i + 1)

    def _unknown_name(self, tokens: Sequence[Token], first: int, last: int, initial: bool) -> None:
        if initial and last - first == 1 and tokens[first].text.lower() in STOP_WORDS:
            return
        if initial and tokens[first].text.lower() in STOP_WORDS:
            first, initial = first + 1, False
        parts = [token.text for token in tokens[first:last] if token.text.isalpha()]
        match = self.names.find(parts)
        reports = last < len(tokens) and tokens[last].text in REPORTING_WORDS
        if match is None and initial and last - first == 1 and not reports:
            return  # a lone capitalised first word: most often an ordinary word ("Lopez said")
        before = tokens[first - 1].text.lower() if first else ""
        type_, key = match or (_name_type(tokens, first, last, before), f"NAME:{' '.join(parts)}")
        self._add(tokens, first, last, type_, key)
        if match is None:
            self.names.add(parts, type_, key)

    def _add(
        self,
        tokens: Sequence[Token],
        first: int,
        last: int,
        type_: str,
        key: str,
        kind: str = "NAM",
    ) -> None:
        self.draft.add_mention(tokens[first].start, tokens[last - 1].end, type_, kind, key)
        before = tokens[first - 1].text.lower() if first else ""
        if type_ == "PERSON" and kind == "NAM" and (first <= 1 or before in ("cited", "quoted")):
            self.topic = key
