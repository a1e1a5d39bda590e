"""Claims by rule, from the cue lexicon of ``corpus.cues``.

Per sentence: find cue forms ("said", "told a news conference", "according to", "cited X as
saying"); skip negated ones ("has not acknowledged"); the content is the quote or clause after
the cue ("Shoigu said the talks ...") or before it ("“...,” said Kim", "..., TASS cited Shoigu
as saying"); the source is the name or noun phrase on the cue's source side. Stance and
certainty come from the cue, lowered by hedges in the content; kind from the cue or a kind
marker; quote from quotation marks. A claim whose cue lies inside another's content is nested.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from baselines.base import Draft, DraftClaim
from baselines.rules.lexicon import (
    ADVERBS,
    ARTICLES,
    CLAUSE_STARTS,
    CLOSE_QUOTES,
    COPULAS,
    CUE_AUXILIARIES,
    DASHES,
    DIRECTIVES,
    DOCUMENT_NOUNS,
    NEGATIONS,
    NOMINAL_HEADS,
    NOT_CONTENT_AFTER,
    NOUN_MARKERS,
    NUMBER_WORDS,
    OPEN_QUOTES,
    PASSIVE_AUXILIARIES,
    PHRASAL_PARTICLES,
    POSSESSIVE_DETERMINERS,
    POSSESSIVES,
    POST_MODIFIERS,
    PREPOSITIONS,
    ROLE_WORDS,
    RULE_CUES,
    SOURCE_CUE_FILLERS,
    STOP_WORDS,
    SUBJECT_PRONOUNS,
)
from baselines.rules.quotations import introduces, pieces, precedes, quotations
from baselines.rules.relations import SentenceMentions
from corpus import text as text_layer
from corpus.cues import HEDGES, KIND_MARKERS, Cue, Hedge, KindMarker
from corpus.schema import CLAIM_ATTRIBUTES
from corpus.text import Token

# Mention types that can be the source of a claim.
SOURCE_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Names inside a source noun phrase that are the source themselves ("A Reuters investigation").
PRODUCERS = frozenset({"PERSON", "ORG"})


@dataclass(frozen=True)
class CueMatch:
    cue: Cue
    first: int  # token range of the cue
    last: int
    inside: tuple[int, int] | None = None  # token range of a source between verb and closer
    passive: bool = False  # a directive with no source: "were told to stay off the roads"


Item = TypeVar("Item")
Forms = dict[str, list[tuple[tuple[str, ...], Item]]]


def _by_first_word(pairs: Sequence[tuple[str, Item]]) -> Forms:
    """Token tuples of each form, indexed by their first word, longest first."""
    index: Forms = {}
    for form, item in pairs:
        words = tuple(t.text.lower() for t in text_layer.tokens(form))
        index.setdefault(words[0], []).append((words, item))
    for forms in index.values():
        forms.sort(key=lambda pair: -len(pair[0]))
    return index


@lru_cache(maxsize=1)
def _cues() -> Forms[Cue]:
    return _by_first_word([(f, cue) for cue in RULE_CUES for f in cue.forms])


@lru_cache(maxsize=1)
def _hedges() -> Forms[Hedge]:
    return _by_first_word([(f, hedge) for hedge in HEDGES for f in hedge.forms])


@lru_cache(maxsize=1)
def _markers() -> Forms[KindMarker]:
    return _by_first_word([(f, marker) for marker in KIND_MARKERS for f in marker.forms])


def _at(words: Sequence[str], i: int, form: tuple[str, ...]) -> bool:
    return tuple(words[i : i + len(form)]) == form


def _match(index: Forms[Item], words: Sequence[str], i: int) -> tuple[tuple[str, ...], Item] | None:
    """The longest form of ``index`` that starts at word ``i``."""
    return next((pair for pair in index.get(words[i], ()) if _at(words, i, pair[0])), None)


def _find_all(index: Forms[Item], words: Sequence[str]) -> list[Item]:
    return [
        found[1]
        for i in range(len(words))
        if words[i] in index and (found := _match(index, words, i))
    ]


def find_cues(tokens: Sequence[Token]) -> list[CueMatch]:
    words = [token.text.lower() for token in tokens]
    capitalised = [token.text[:1].isupper() for token in tokens]
    cues = _cues()
    found: list[CueMatch] = []
    i = 0
    while i < len(words):
        match = _match(cues, words, i) if words[i] in cues else None
        if match is None:
            i += 1
            continue
        form, cue = match
        last = i + len(form)
        if cue.closer:
            closer = tuple(cue.closer.split())
            end = next(
                (j for j in range(last, min(len(words), last + 12)) if _at(words, j, closer)), None
            )
            if end is None or end == last:
                i += 1
                continue
            found.append(CueMatch(cue, i, end + len(closer), (last, end)))
            last = end + len(closer)
        elif (
            i
            and words[i - 1] in PASSIVE_AUXILIARIES
            and last < len(words)
            and words[last] == "to"
            and cue.lemma in DIRECTIVES
        ):  # "Residents were told to stay off the roads" (guidelines 4)
            found.append(CueMatch(cue, i - 1, last, passive=True))
        elif not (i and capitalised[i] and last - i == 1) and _plausible(
            words, i, last, cue, last < len(words) and capitalised[last]
        ):  # a capitalised word inside a sentence is part of a name ("the United States")
            if last < len(words) and words[last] in PHRASAL_PARTICLES.get(cue.lemma, ()):
                last += 1  # the verb's particle belongs to the cue: "called on", "called for"
            found.append(CueMatch(cue, i, last))
        i = last
    return found


def _plausible(words: Sequence[str], first: int, last: int, cue: Cue, name_follows: bool) -> bool:
    """Not negated, not a hedge ("I think"), not a noun ("state news agency"), not passive or a
    relative ("said were")."""
    if first and (hedge := _match(_hedges(), words, first - 1)) and len(hedge[0]) == 2:
        return False  # "I think": a hedge
    window = words[max(0, first - 6) : first]
    if "," in window:
        window = window[len(window) - window[::-1].index(",") :]
    if NEGATIONS.intersection(window):
        return False
    following = words[last] if last < len(words) else "."
    previous = words[first - 1] if first else ""
    if following in NOT_CONTENT_AFTER:
        return False
    if previous in PASSIVE_AUXILIARIES and following not in ("as", "that", ":"):
        return False  # a passive reports no content after it: "was found guilty"
    if last - first == 1 and (
        previous in NOUN_MARKERS
        or previous.isdigit()
        or previous in NUMBER_WORDS
        or following in ("-", "–")
    ):
        return False  # a noun: "Russia's state Rossiiskaya Gazeta", "other states", "16 states"
    bare = words[first] == cue.lemma.split()[0] and last - first == 1
    if not bare:
        return True
    if following in COPULAS:
        return previous in SUBJECT_PRONOUNS  # "what they say is ..."
    return following in CLAUSE_STARTS or not following.isalpha() or name_follows


class ClaimFinder:
    """Finds the claims of one document, sentence by sentence, into a :class:`Draft`."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.cues: list[Cue] = []  # the lexicon's cue of each claim of the draft, by index

    def sentence(self, mentions: SentenceMentions) -> None:
        """The claims of the sentence whose mentions are ``mentions``."""
        tokens = mentions.tokens
        previous_sources: tuple[int, ...] = ()
        matches = find_cues(tokens)
        for n, match in enumerate(matches):
            # a content ends before "and <next cue>" ("called X Y and praised Z")
            following = matches[n + 1].first if n + 1 < len(matches) else len(tokens)
            stop = following - 1 if tokens[following - 1].text == "and" else len(tokens)
            claim = self._claim(tokens[:stop], mentions, match, previous_sources)
            if claim is not None:
                previous_sources = self.draft.claims[claim].sources

    def _claim(
        self, tokens: Sequence[Token], mentions: SentenceMentions, match: CueMatch, previous: tuple
    ) -> int | None:
        words = [token.text for token in tokens]
        # the content ends just before the cue: "“…,” said X", "…, according to X"
        reported = match.first >= 3 and (
            words[match.first - 1] in CLOSE_QUOTES
            or words[match.first - 1] == ","
            and match.cue.source == ("after",)
        )
        if match.cue.source == ("after",) and not match.inside:
            ending = len(words)
            while ending > match.last and not words[ending - 1][:1].isalnum():
                ending -= 1  # the sentence's closing punctuation
            phrase_end = next((k for k in range(match.last, ending) if words[k] == ","), ending)
            if reported or phrase_end < ending:  # "according to S, C", "C, according to S"
                if reported:
                    content = _content_before(tokens, match.first)
                elif match.first >= 3 and words[match.first - 1][:1].isalnum():
                    content = trim(tokens, 0, match.first)  # "C according to S, ..."
                else:
                    content = _content_after(tokens, phrase_end + 1)
                if content is None:
                    return None
                sources = self._phrase_sources(tokens, mentions, match.last, phrase_end)
                cue_span = self._cue_span(tokens, match.first, match.last)
                return self._add(content, cue_span, sources, match.cue, None)
        after_source = _source_after(tokens, mentions, match, reported)
        rest = match.last if after_source is None else after_source[1]
        ahead = words[match.last : match.last + 5]
        that_follows = "that" in ahead and "," not in ahead[: ahead.index("that")]
        quoted = self._quotation_after(tokens, rest)
        if quoted is not None:  # "said, “…", "said at a news conference: “…"
            rest = quoted
        backward = (
            quoted is None
            and reported
            or quoted is None
            and (
                match.first >= 3
                and not that_follows
                and (
                    rest >= len(words)
                    or words[rest] in (",", ".")
                    or words[rest].lower() in PREPOSITIONS
                )
            )
        )
        # before the cue; or after it, or after a source that follows it ("According to X, ...")
        content = _content_before(tokens, match.first) if backward else _content_after(tokens, rest)
        if content is None:
            return None
        if match.inside:
            outer = self._sources_before(tokens, mentions, match.first, previous)
            inner = (self._nominal(tokens, mentions, *match.inside),)
            # "A cited B as saying C": A's claim (cue "cited") and B's (cue "as saying"), same C
            verb = self._cue_span(tokens, match.first, match.first + 1)
            closer = (tokens[match.inside[1]].start, tokens[match.last - 1].end)
            parent = self._add(content, verb, outer, match.cue, None)
            return self._add(content, closer, inner, match.cue, parent)
        if match.passive:
            sources: tuple[int, ...] = ()
        elif after_source is not None:
            sources = (after_source[2],)
        else:
            sources = self._sources_before(tokens, mentions, match.first, previous)
            if not sources and "before" in match.cue.source:
                sources = self._clause_subject(tokens, mentions, match.first)
            elif not sources and match.cue.source == ("after",):
                sources = self._nominal_after(tokens, mentions, match.last)
        cue_span = self._cue_span(tokens, match.first, match.last)
        return self._add(content, cue_span, sources, match.cue, None)

    def _quotation_after(self, tokens: Sequence[Token], i: int) -> int | None:
        """The token of the opening quotation mark that the words from token ``i`` only
        introduce (``quotations.introduces``), or None."""
        opening = next(
            (k for k in range(i, min(i + 8, len(tokens))) if tokens[k].text in OPEN_QUOTES), None
        )
        start = tokens[i - 1].end if i else 0
        if opening is None or not introduces(self.draft.text, start, tokens[opening].end):
            return None
        return opening

    @staticmethod
    def _cue_span(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int]:
        """The cue with the auxiliaries and modals just before it ("have denied")."""
        while first > 0 and tokens[first - 1].text.lower() in CUE_AUXILIARIES:
            first -= 1
        return tokens[first].start, tokens[last - 1].end

    def _add(self, content, cue_span, sources, cue: Cue, parent: int | None) -> int:
        text = self.draft.text[content[0] : content[1]]
        before = self.draft.text[max(0, content[0] - 1) : content[0]]
        after = self.draft.text[content[1] : content[1] + 2]
        if before in OPEN_QUOTES and any(q in after for q in CLOSE_QUOTES):
            quote = "DIRECT"
        else:
            quote = "MIXED" if any(q in text for q in ("“", "”", '"')) else "INDIRECT"
        claim = DraftClaim(
            content,
            cue_span,
            tuple(s for s in sources if s is not None),
            parent,
            stance=cue.stance,
            certainty=cue.certainty,
            kind="",
            quote=quote,
        )
        self._set_attributes(claim, cue)
        self.cues.append(cue)
        return self.draft.add_claim(claim)

    def _set_attributes(self, claim: DraftClaim, cue: Cue) -> None:
        """Certainty and kind from the cue, lowered or set by the content's words."""
        words = [token.text.lower() for token in self.draft.tokens_within(*claim.content)]
        certainty = cue.certainty
        for hedge in _find_all(_hedges(), words):
            certainty = max(certainty, hedge.certainty, key=CLAIM_ATTRIBUTES["certainty"].index)
        markers = _find_all(_markers(), words)
        kind = cue.kind or (markers[0].kind if markers else None)
        claim.certainty = certainty
        claim.kind = kind or _modal_kind(self.draft, claim.content[0], set(words))

    def spread_quotations(self, sentences: Sequence[Sequence[Token]]) -> None:
        """A claim (neither nested nor nesting) whose content lies in a quotation, or whose cue
        introduces one ("said Kim, “…”") or follows one ("“…,” Kim said"), reports each sentence
        of those quotations: its own content becomes the first sentence, DIRECT, and each other
        sentence a claim of the same cue and sources (guidelines 4.1)."""
        text, claims = self.draft.text, self.draft.claims
        spans = quotations(text)
        if not spans:
            return
        starts = [start for start, _ in spans]
        sentence_ends = [tokens[-1].end for tokens in sentences]
        nesting = {claim.parent for claim in claims}
        done: set[tuple[tuple[int, int], tuple[int, int] | None]] = set()
        for index in range(len(claims)):
            claim, cue = claims[index], self.cues[index]
            if claim.cue is None or claim.parent is not None or index in nesting:
                continue
            if any(start < claim.cue[0] and claim.cue[1] < end for start, end in spans):
                continue  # a cue quoted in another's words reports no more than its own clause
            around = bisect.bisect_right(starts, claim.content[0]) - 1
            before_cue = bisect.bisect_right(starts, claim.cue[0]) - 1
            reported = [
                spans[n]
                for n in sorted({around, around + 1, before_cue})
                if 0 <= n < len(spans)
                and (
                    spans[n][0] <= claim.content[0]
                    and claim.content[1] <= spans[n][1]
                    or spans[n][0] > claim.cue[1]
                    and introduces(text, claim.cue[1], spans[n][0])
                    or spans[n][1] < claim.cue[0]
                    and precedes(text, spans[n], claim.cue[0])
                )
            ]
            contents = [
                piece
                for span in reported
                for piece in pieces(self.draft.tokens_within(*span), sentence_ends)
            ]
            contents = [c for c in contents if (c, claim.cue) not in done]
            done.update((c, claim.cue) for c in contents)
            for n, content in enumerate(contents):
                piece = claim if n == 0 else replace(claim, content=content)
                piece.content, piece.quote = content, "DIRECT"
                self._set_attributes(piece, cue)
                if n:
                    self.cues.append(cue)
                    self.draft.add_claim(piece)

    def _sources_before(
        self, tokens: Sequence[Token], mentions: SentenceMentions, cue_first: int, previous: tuple
    ) -> tuple[int, ...]:
        j = cue_first - 1
        while j >= 0 and tokens[j].text.lower() in SOURCE_CUE_FILLERS:
            j -= 1
        if j >= 1 and tokens[j].text in CLOSE_QUOTES and tokens[j - 1].text == ",":
            j -= 1  # "“…,” further saying"
        if j >= 0 and tokens[j].text == ",":
            if tokens[cue_first].text.lower().endswith("ing"):
                return previous or _subject(mentions, j)  # ", adding that ..."
            apposed = _apposed_source(tokens, mentions, j)
            if apposed is None:
                return ()
            return (apposed,)
        if j >= 0 and tokens[j].text == "and":
            return previous  # "called X ... and praised Y"
        if j >= 0 and tokens[j].text.lower() in SUBJECT_PRONOUNS:
            return (self._pronoun_source(tokens[j]),)  # "he said", "They concluded"
        dated = _mention_ending(mentions, j + 1)
        if (
            dated
            and mentions.type(dated[2]) in ("DATE", "QUANTITY")
            and dated[0] > 0
            and tokens[dated[0] - 1].text.lower() in PREPOSITIONS
        ):
            j = dated[0] - 2  # "A Reuters investigation in April 2025 found"
        found, j = _coordinated_names(tokens, mentions, j + 1)
        if len(found) == 1:
            return (_modified_name(tokens, mentions, found[0]),)
        if found:
            return found
        document = j >= 1 and tokens[j].text.lower() in DOCUMENT_NOUNS
        if document and tokens[j - 1].text in POSSESSIVES:
            owner = _mention_ending(mentions, j - 1)  # "The WHO's website said": the WHO
            if owner is not None and mentions.type(owner[2]) in SOURCE_TYPES:
                return (owner[2],)
        nominal = self._nominal_ending(tokens, mentions, j)
        return () if nominal is None else (nominal,)

    def _phrase_sources(
        self, tokens: Sequence[Token], mentions: SentenceMentions, first: int, end: int
    ) -> tuple[int, ...]:
        """The sources named by the noun phrase of tokens ``[first, end)`` after "according
        to": a document's producers ("projections by CNN and NPR", "the party's website"; a
        document with neither has no source), else the phrase's head before its post-modifier
        ("Samoa Observer editor Keni Lesa", "the Centers for Disease Control in the United
        States"): names, coordinated ones too, or a noun phrase ("his publicist")."""
        if end - first > 2 and tokens[end - 1].text == ")":
            opening = next((k for k in range(end - 2, first, -1) if tokens[k].text == "("), None)
            end = end if opening is None else opening  # "the World Health Organization (WHO)"
        words = [token.text.lower() for token in tokens[first:end]]
        documents = [k for k, word in enumerate(words) if word in DOCUMENT_NOUNS]
        if documents:
            d = documents[0]
            if d + 2 < len(words) and words[d + 1] in ("by", "of", "from"):
                return _coordinated_names(tokens, mentions, end)[0]
            owner = next((k for k in range(d) if words[k] in POSSESSIVES), None)
            if owner is None:
                return ()
            name = _mention_ending(mentions, first + owner)
            if name is not None and mentions.type(name[2]) in SOURCE_TYPES:
                return (name[2],)
            nominal = self._nominal_ending(tokens, mentions, first + owner - 1)
            return () if nominal is None else (nominal,)
        inside = [(f, e) for f, e, _ in mentions.items if first <= f and e <= end]
        cut = next(
            (
                first + k
                for k, word in enumerate(words)
                if k and word in PREPOSITIONS and not any(f < first + k < e for f, e in inside)
            ),
            end,
        )
        names = _coordinated_names(tokens, mentions, cut)[0]
        if names:
            return names
        nominal = self._nominal_ending(tokens, mentions, cut - 1)
        return () if nominal is None else (nominal,)

    def _clause_subject(
        self, tokens: Sequence[Token], mentions: SentenceMentions, cue_first: int
    ) -> tuple[int, ...]:
        """The subject of a cue with no source beside it: the name before ", who" ("Tuilaepa,
        who told ..."), else the first source named or the first subject pronoun of the
        sentence before the cue ("Amman, who ..., sent ... and advised"; "He continued by
        announcing")."""
        k = cue_first - 1
        while k >= 0 and tokens[k].text.lower() in SOURCE_CUE_FILLERS:
            k -= 1
        if k >= 1 and tokens[k].text.lower() == "who" and tokens[k - 1].text == ",":
            antecedent = _mention_ending(mentions, k - 1)
            if antecedent is not None and mentions.type(antecedent[2]) in SOURCE_TYPES:
                return (antecedent[2],)
        for j in range(cue_first):
            found = _mention_starting(mentions, j)
            if found is not None and mentions.type(found[2]) in PRODUCERS:
                return (found[2],)
            if tokens[j].text.lower() in SUBJECT_PRONOUNS and tokens[j].text.lower() != "it":
                return (self._pronoun_source(tokens[j]),)
        return ()

    def _nominal_after(
        self, tokens: Sequence[Token], mentions: SentenceMentions, i: int
    ) -> tuple[int, ...]:
        """A noun phrase source that follows its cue up to a comma ("according to
        authorities, ..."), typed by its head noun."""
        comma = next((k for k in range(i, min(i + 6, len(tokens))) if tokens[k].text == ","), None)
        nominal = None if comma is None else self._nominal_ending(tokens, mentions, comma - 1)
        return () if nominal is None else (nominal,)

    def _pronoun_source(self, token: Token) -> int:
        """The PRO mention of a pronoun source (the mention already there, if any)."""
        type_ = SUBJECT_PRONOUNS[token.text.lower()]
        return self.draft.add_mention(token.start, token.end, type_, "PRO", f"PRO:{token.start}")

    def _nominal_ending(
        self, tokens: Sequence[Token], mentions: SentenceMentions, j: int
    ) -> int | None:
        """A NOM mention for the noun phrase ending at token ``j``, typed by its head noun (a source
        noun, or a title: "The commissioner said")."""
        if j < 0 or tokens[j].text.lower() not in NOMINAL_HEADS.keys() | ROLE_WORDS:
            return None
        k = j
        while (
            k > 0 and tokens[k - 1].text.isalpha() and tokens[k - 1].text.lower() not in STOP_WORDS
        ):
            k -= 1
        if k > 0 and tokens[k - 1].text.lower() in POSSESSIVE_DETERMINERS:
            k -= 1  # a possessor is inside the NOM mention: "his publicist"
        producer = next(
            (
                i
                for f, e, i in mentions.items
                if k <= f and e <= j and mentions.type(i) in PRODUCERS
            ),
            None,
        )
        if producer is not None:
            return producer  # "A Reuters investigation found": Reuters
        return self._nominal(tokens, mentions, k, j + 1)

    def _nominal(
        self, tokens: Sequence[Token], mentions: SentenceMentions, first: int, last: int
    ) -> int | None:
        exact = next((i for f, e, i in mentions.items if f == first and e == last), None)
        if exact is not None:
            return exact
        head = tokens[last - 1].text.lower()
        type_ = NOMINAL_HEADS.get(head, "PERSON")  # a title: a person
        start, end = tokens[first].start, tokens[last - 1].end
        return self.draft.add_mention(start, end, type_, "NOM", f"NOM:{self.draft.text[start:end]}")


def _modal_kind(draft: Draft, content_start: int, words: set[str]) -> str:
    """The kind a content's future modal gives (guidelines §4.2): "X will do" an actor's
    INTENTION when a person, organisation or country starts the content, else a PREDICTION
    ("this work will begin"); no modal: FACT. Norms ("must") are kind markers of the lexicon."""
    if not {"will", "would"} & words:
        return "FACT"
    actor = any(
        draft.mentions[i].type in ("PERSON", "ORG", "GPE")
        for i in draft.mentions_within(content_start, content_start + 1)
    )
    return "INTENTION" if actor else "PREDICTION"


def _apposed_source(tokens: Sequence[Token], mentions: SentenceMentions, comma: int) -> int | None:
    """The source of "X, <apposition>, said" (the cue after token ``comma``): the name that is
    the whole apposition ("The mayor of London, Sadiq Khan, said"), else the name just before
    the apposition ("Sadiq Khan, the mayor of London, said"), else the last name of the
    sentence that ends at a comma before ("X, who ..., said")."""
    before = [k for k in range(comma) if tokens[k].text == ","]
    if not before:
        return None
    apposed = next((i for f, e, i in mentions.items if f == before[-1] + 1 and e == comma), None)
    if apposed is not None and mentions.type(apposed) in SOURCE_TYPES:
        return apposed
    for k in reversed(before):
        ending = _mention_ending(mentions, k)
        if ending is not None and mentions.type(ending[2]) in SOURCE_TYPES:
            return _modified_name(tokens, mentions, ending[2])
    return None


def _modified_name(tokens: Sequence[Token], mentions: SentenceMentions, name: int) -> int:
    """The name that ``name`` post-modifies, when it follows one after a preposition ("Mara
    Velt of the Coral Group": Mara Velt), else ``name``."""
    first = next(f for f, _, i in mentions.items if i == name)
    k = first - 1
    if k >= 1 and tokens[k].text.lower() in ARTICLES:
        k -= 1
    if k >= 1 and tokens[k].text.lower() in POST_MODIFIERS:
        head = _mention_ending(mentions, k)
        if head is not None and mentions.type(head[2]) in SOURCE_TYPES:
            return head[2]
    return name


def _subject(mentions: SentenceMentions, before: int) -> tuple[int, ...]:
    """The first person or organisation named in the sentence before token ``before``: the
    subject of a participle's clause ("Sanders shared …, pointing out …")."""
    subject = next(
        (
            item
            for item in mentions.items
            if item[1] <= before and mentions.type(item[2]) in PRODUCERS
        ),
        None,
    )
    if subject is None:
        return ()
    k = subject[1]
    while k < before and mentions.tokens[k].text.lower() in ROLE_WORDS:
        k += 1
    person = _mention_starting(mentions, k) if k > subject[1] else None
    if person is not None and mentions.type(person[2]) == "PERSON":
        return (person[2],)  # "African Export–Import Bank president Okey Oramah"
    return (subject[2],)


def _source_after(
    tokens: Sequence[Token], mentions: SentenceMentions, match: CueMatch, reported: bool
) -> tuple[int, int, int] | None:
    """The source that follows its cue ("said Kim.", "according to the WHO's website"): a name
    after the cue and an article, closing the clause or owning what follows; after a cue whose
    source also stands before ("say"), a name that goes on is the content's subject ("say
    North Korea has …"), unless the content was ``reported`` before the cue: then the last
    person of the names that follow is ("“…,” said state Senator Mara Velt")."""
    if "after" not in match.cue.source:
        return None
    i = match.last
    while i < len(tokens) and tokens[i].text.lower() in ARTICLES:
        i += 1
    found = _mention_starting(mentions, i)
    if found is None:
        return None
    if reported:
        names = [found]
        while (following := _any_mention_starting(mentions, names[-1][1])) is not None:
            names.append(following)
        people = [name for name in names if mentions.type(name[2]) == "PERSON"]
        return people[-1] if people else found
    following = tokens[found[1]].text if found[1] < len(tokens) else "."
    if following in (",", ".") or following in POSSESSIVES or match.cue.source == ("after",):
        return found
    return None


def _coordinated_names(
    tokens: Sequence[Token], mentions: SentenceMentions, end: int
) -> tuple[tuple[int, ...], int]:
    """The source names that end at token ``end`` and the names coordinated before them with
    "and" or a comma ("Nigeria and Benin"), in text order, and the token before the first."""
    found: list[int] = []
    j = end - 1
    while j >= 0 and (ending := _mention_ending(mentions, j + 1)) is not None:
        if mentions.type(ending[2]) not in SOURCE_TYPES:
            break
        found.append(ending[2])
        j = ending[0] - 1
        if j < 1 or tokens[j].text not in ("and", ","):
            break
        j -= 1
    return tuple(reversed(found)), j


def _any_mention_starting(mentions: SentenceMentions, i: int) -> tuple[int, int, int] | None:
    return next((item for item in mentions.items if item[0] == i), None)


def _mention_starting(mentions: SentenceMentions, i: int) -> tuple[int, int, int] | None:
    return next(
        (
            item
            for item in mentions.items
            if item[0] == i and mentions.type(item[2]) in SOURCE_TYPES
        ),
        None,
    )


def _mention_ending(mentions: SentenceMentions, i: int) -> tuple[int, int, int] | None:
    return next((item for item in reversed(mentions.items) if item[1] == i), None)


def trim(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens ``[first, last)`` without outer quotes and punctuation (an
    inner quote's closing mark stays)."""
    while first < last and (
        tokens[first].text in OPEN_QUOTES or tokens[first].text in (",", ":", "that")
    ):
        first += 1
    while last > first and not tokens[last - 1].text[:1].isalnum():
        inner = [t.text for t in tokens[first : last - 1]]
        if tokens[last - 1].text == "”" and inner.count("“") > inner.count("”"):
            break  # the closing mark of an inner quote: "his “dearest comrade”"
        last -= 1
    if last - first < 2:
        return None
    return tokens[first].start, tokens[last - 1].end


def _content_after(tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The rest of the sentence after a "that" among its first words ("this week that"), up to
    a semicolon, a non-restrictive ", which ..." appendix, or the dash that closes an aside
    the cue is in ("— who are drawing closer in the face of what they say is a hostile West —")."""
    that = next((k for k in range(i, min(i + 5, len(tokens))) if tokens[k].text == "that"), i)
    in_aside = sum(token.text in DASHES for token in tokens[:i]) % 2 == 1
    end = next(
        (
            k
            for k in range(that, len(tokens) - 1)
            if tokens[k].text == ";"
            or in_aside
            and tokens[k].text in DASHES
            or tokens[k].text == ","
            and (
                tokens[k + 1].text.lower() in ("which", "who", "while", "whereas")
                or _participle_at(tokens, k + 1)
            )
        ),
        len(tokens),
    )
    return trim(tokens, that, end)


def _participle_at(tokens: Sequence[Token], k: int) -> bool:
    """Whether a participle clause starts at token ``k``, after an adverb or not ("adding",
    "further saying", "also noting")."""
    while k < len(tokens) and tokens[k].text in CLOSE_QUOTES:
        k += 1  # "“…,” further saying"
    words = [token.text.lower() for token in tokens[k : k + 2]]
    if words and words[0].endswith("ing"):
        return True
    return len(words) == 2 and words[1].endswith("ing") and words[0] in ADVERBS


def _content_before(tokens: Sequence[Token], cue_first: int) -> tuple[int, int] | None:
    """The content ending at the last comma or closing quote before the cue's source."""
    end = next(
        (
            k
            for k in range(cue_first - 1, 0, -1)
            if tokens[k].text in CLOSE_QUOTES or tokens[k].text == ","
        ),
        None,
    )
    if end is None:
        return None
    first = next((k for k, token in enumerate(tokens) if token.text[:1].isalnum()), end)
    if tokens[first].text.lower() in PREPOSITIONS and all(
        token.text != "," for token in tokens[first:end]
    ):
        return None  # a fronted adverbial ("On Tuesday, ..."), not a clause
    return trim(tokens, 0, end)
