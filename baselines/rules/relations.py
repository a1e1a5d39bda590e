"""Relations by pattern over one sentence's mentions:

- "President Vladimir Putin", "North Korean leader Kim Jong Un": HAS_ROLE (and LEADER_OF);
- apposition "X, secretary of Y's Security Council": HAS_ROLE, MEMBER_OF / LEADER_OF;
- "Russia's Security Council": PART_OF; "Russia's state Rossiiskaya Gazeta": AFFILIATED_WITH;
- "X will send ... to Y": DEPLOYS_TO; "X provided Y with", "X shipped ... for Y": SUPPLIES;
- "X attacked Y": ATTACKS; "X met Y", "X ... talks with Y": MEETS.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from baselines.base import Draft
from baselines.rules.lexicon import (
    ATTACK_VERBS,
    CLAUSE_BREAKS,
    DASHES,
    DEPLOY_VERBS,
    JOINT_VERBS,
    LEADER_ROLES,
    MEET_WORDS,
    POSSESSIVES,
    SUPPLY_VERBS,
)
from corpus.schema import RELATION_TYPES
from corpus.text import Token

ROLE_HOLDERS = RELATION_TYPES["HAS_ROLE"].heads

# Verb words of each relation; the mention types they look for are the relation's own
# (``corpus.schema.RELATION_TYPES``).
VERB_PATTERNS: tuple[tuple[frozenset[str], str], ...] = (
    (DEPLOY_VERBS, "DEPLOYS_TO"),
    (SUPPLY_VERBS, "SUPPLIES"),
    (ATTACK_VERBS, "ATTACKS"),
    (MEET_WORDS, "MEETS"),
)


_VERB_INDEX: dict[str, list[str]] = {}
for _words, _relation in VERB_PATTERNS:
    for _word in _words:
        _VERB_INDEX.setdefault(_word, []).append(_relation)


class SentenceMentions:
    """The mentions of one sentence, by token index."""

    def __init__(self, draft: Draft, tokens: Sequence[Token]) -> None:
        self.draft, self.tokens = draft, tokens
        first_token = {token.start: i for i, token in enumerate(tokens)}
        last_token = {token.end: i for i, token in enumerate(tokens)}
        self.items: list[tuple[int, int, int]] = []  # (first token, last token + 1, mention)
        for index in draft.mentions_within(tokens[0].start, tokens[-1].end):
            mention = draft.mentions[index]
            if mention.start in first_token and mention.end in last_token:
                self.items.append((first_token[mention.start], last_token[mention.end] + 1, index))
        self.items.sort()

    @cached_property
    def parenthetical(self) -> list[bool]:
        """Whether each token is inside an aside (computed when first asked for)."""
        return _parenthetical(self.tokens)

    def type(self, index: int) -> str:
        return self.draft.mentions[index].type

    def possessor(self, last: int) -> bool:
        return last < len(self.tokens) and self.tokens[last].text in POSSESSIVES

    def before(self, i: int, types: frozenset[str]) -> int | None:
        """The closest mention of ``types`` ending before token ``i``, not a possessor."""
        for first, last, index in reversed(self.items):
            if (
                last <= i
                and self.type(index) in types
                and not self.possessor(last)
                and (not self.parenthetical[first] or self.parenthetical[i])
            ):
                return index
        return None

    def subject(self, i: int, types: frozenset[str]) -> int | None:
        """The first mention of ``types`` in the sentence, if it comes before token ``i``."""
        for _, last, index in self.items:
            if last <= i and self.type(index) in types and not self.possessor(last):
                return index
        return None

    def after(self, i: int, types: frozenset[str]) -> int | None:
        for first, last, index in self.items:
            if first > i and self.type(index) in types and not self.possessor(last):
                return index
        return None


def _parenthetical(tokens: Sequence[Token]) -> list[bool]:
    """Tokens inside "— ... —" or ", who ... ," asides."""
    inside, flags, closer = False, [], ""
    for i, token in enumerate(tokens):
        if not inside and token.text in DASHES:
            inside, closer = True, token.text
        elif (
            not inside
            and token.text == ","
            and i + 1 < len(tokens)
            and tokens[i + 1].text
            in (
                "who",
                "which",
            )
        ):
            inside, closer = True, ","
        elif inside and token.text == closer:
            inside = False
        flags.append(inside)
    return flags


def sentence_relations(found: SentenceMentions) -> None:
    draft, tokens = found.draft, found.tokens
    _roles(found)
    _possessives(found)
    _signatories(found)
    _joint_meetings(found)
    for i, token in enumerate(tokens):
        for relation in _VERB_INDEX.get(token.text.lower(), ()):
            spec = RELATION_TYPES[relation]
            head = (found.subject if relation == "MEETS" else found.before)(i, spec.heads)
            tail = found.after(i, spec.tails)
            if head is not None and tail is not None:
                draft.add_relation(relation, head, tail)


def _roles(found: SentenceMentions) -> None:
    tokens, items = found.tokens, found.items
    for n, (first, last, index) in enumerate(items):
        if found.type(index) != "ROLE":
            continue
        role_word = tokens[last - 1].text.lower()
        # ROLE PERSON: "President Vladimir Putin"
        following = items[n + 1] if n + 1 < len(items) else None
        if following and following[0] == last and found.type(following[2]) in ROLE_HOLDERS:
            found.draft.add_relation("HAS_ROLE", following[2], index)
            previous = items[n - 1] if n else None
            if (
                role_word in LEADER_ROLES
                and previous
                and previous[1] == first
                and found.type(previous[2]) in RELATION_TYPES["LEADER_OF"].tails
            ):
                found.draft.add_relation("LEADER_OF", following[2], previous[2])
            continue
        # PERSON, [a former] ROLE [of [GPE's] ORG]: apposition
        person = _apposition_head(found, first)
        if person is None:
            continue
        found.draft.add_relation("HAS_ROLE", person, index)
        if last < len(tokens) and tokens[last].text == "of":
            target = found.after(last, frozenset({"ORG", "GPE"}))
            if target is not None:
                if role_word in LEADER_ROLES:
                    found.draft.add_relation("LEADER_OF", person, target)
                elif found.type(target) == "ORG":
                    found.draft.add_relation("MEMBER_OF", person, target)


def _apposition_head(found: SentenceMentions, role_first: int) -> int | None:
    """The person before ", ..." that the role at ``role_first`` describes, or None."""
    tokens = found.tokens
    i = role_first - 1
    while i >= 0 and tokens[i].text != ",":
        if tokens[i].text in CLAUSE_BREAKS or tokens[i].text in ("who", "which", "said"):
            return None
        i -= 1
    if i <= 0:
        return None
    for _, last, index in found.items:
        if last == i and found.type(index) in ROLE_HOLDERS:
            return index
    return None


def _possessives(found: SentenceMentions) -> None:
    """GPE's place or organ: PART_OF ("Russia's western Kursk region", "Russia's Security
    Council"); GPE's organisation across a word: AFFILIATED_WITH ("Russia's state X")."""
    items = found.items
    for n, (_, last, index) in enumerate(items[:-1]):
        if found.type(index) != "GPE" or not found.possessor(last):
            continue
        first_next, _, following = items[n + 1]
        gap = first_next - (last + 1)
        if gap > 2:
            continue
        if found.type(following) in ("GPE", "LOC") or found.type(following) == "ORG" and not gap:
            found.draft.add_relation("PART_OF", following, index)
        elif found.type(following) == "ORG":
            found.draft.add_relation("AFFILIATED_WITH", following, index)


def _signatories(found: SentenceMentions) -> None:
    """LAW "signed by" X and Y: PARTY_TO for each signatory."""
    tokens = found.tokens
    for _, last, index in found.items:
        if found.type(index) != "LAW":
            continue
        words = [t.text.lower() for t in tokens[last : last + 3]]
        if words[:2] not in (["signed", "by"], ["ratified", "by"]):
            continue
        for _, _, party in _coordinated(found, last + 2):
            if RELATION_TYPES["PARTY_TO"].accepts(found.type(party), "LAW"):
                found.draft.add_relation("PARTY_TO", party, index)


def _coordinated(found: SentenceMentions, i: int) -> list[tuple[int, int, int]]:
    """The mentions "X", "X and Y", "X, Y and Z" that start at token ``i``."""
    starting = {first: item for item in found.items for first in (item[0],)}
    result = []
    while i in starting:
        result.append(starting[i])
        i = starting[i][1]
        if i < len(found.tokens) and found.tokens[i].text in ("and", ","):
            i += 1
        else:
            break
    return result


def _joint_meetings(found: SentenceMentions) -> None:
    """ "X and Y (had) met / discussed / held talks": MEETS."""
    tokens = found.tokens
    for n, (_, last, left) in enumerate(found.items[:-1]):
        first_right, last_right, right = found.items[n + 1]
        if first_right != last + 1 or tokens[last].text != "and":
            continue
        if not RELATION_TYPES["MEETS"].accepts(found.type(left), found.type(right)):
            continue
        after = [t.text.lower() for t in tokens[last_right : last_right + 2]]
        if any(word in JOINT_VERBS for word in after):
            found.draft.add_relation("MEETS", left, right)
