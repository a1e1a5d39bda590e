"""Small general-English word lists for the rule baseline (no article's wording).

Countries, cities and demonyms come from packages (``baselines.rules.gazetteer``), stop words
from spaCy's list; these lists hold the closed-class cues that no package provides. The cue
lexicon of attribution (reporting verbs, hedges, kind markers) is ``corpus.cues``; the rule
baseline adds ``MORE_CUES`` to it.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from corpus.cues import CUES, Cue


def _spacy_stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from spaCy's ``lang/en/stop_words.py`` as data: neither
    spaCy nor the file is run (importing spaCy costs a second and leaves some 70,000 objects for
    every full garbage collection to scan; the rule baseline runs no model).

    The file holds the words as one string (``STOP_WORDS = set(\"\"\"...\"\"\".split())``), and
    ``contractions`` that it adds as they are and with each ``apostrophe`` of a list.
    """
    spacy = importlib.util.find_spec("spacy")  # finds the package without importing it
    if spacy is None or not spacy.submodule_search_locations:
        raise ImportError("the rule baseline needs spaCy's English stop words: pip install spacy")
    path = Path(spacy.submodule_search_locations[0], "lang", "en", "stop_words.py")
    strings = _strings_by_name(path)
    try:
        (words,) = strings["STOP_WORDS"]
        contractions, apostrophes = strings["contractions"], strings["apostrophe"]
    except (KeyError, ValueError):
        raise ImportError(f"{path}: not the stop-word list this reader knows") from None
    variants = {contraction.replace("'", a) for a in apostrophes for contraction in contractions}
    return frozenset(words.split()) | frozenset(contractions) | variants


def _strings_by_name(path: Path) -> dict[str, list[str]]:
    """The string constants of what a Python file assigns to each name (``name = ...``) or
    loops a name over (``for name in ...``), read with ``ast``: the file is not run."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except (OSError, SyntaxError) as error:
        raise ImportError(f"{path}: cannot read spaCy's stop words: {error}") from None
    found: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            name, value = node.targets[0], node.value
        elif isinstance(node, ast.For):
            name, value = node.target, node.iter
        else:
            continue
        if isinstance(name, ast.Name):
            constants = (n.value for n in ast.walk(value) if isinstance(n, ast.Constant))
            found[name.id] = [c for c in constants if isinstance(c, str)]
    return found


STOP_WORDS: frozenset[str] = _spacy_stop_words()

# Titles and positions (ROLE); a portfolio modifier before one joins it ("defence minister").
ROLE_WORDS: frozenset[str] = frozenset(
    [
        "president",
        "premier",
        "chancellor",
        "minister",
        "secretary",
        "chairman",
        "chairwoman",
        "leader",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "marshal",
        "admiral",
        "colonel",
        "commander",
        "governor",
        "mayor",
        "king",
        "queen",
        "prince",
        "emperor",
        "pope",
        "director",
        "ceo",
        "senator",
        "lawmaker",
        "speaker",
        "deputy",
        "judge",
        "justice",
        "representative",
        "congressman",
        "congresswoman",
        "bishop",
        "archbishop",
        "cardinal",
        "pastor",
        "rabbi",
        "imam",
        "professor",
        "commissioner",
        "superintendent",
        "inspector",
        "captain",
        "lieutenant",
        "sergeant",
        "chairperson",
        "attorney",
        "prosecutor",
        "mp",
        "mep",
        "councillor",
        "councilor",
        "treasurer",
        "coach",
        "editor",
        "columnist",
        "correspondent",
        "founder",
    ]
)
ROLE_MODIFIERS: frozenset[str] = frozenset(
    [
        "prime",
        "defence",
        "defense",
        "foreign",
        "interior",
        "finance",
        "security",
        "health",
        "justice",
        "trade",
        "economy",
        "deputy",
        "vice",
        "first",
        "supreme",
        "army",
        "military",
        "intelligence",
        "chief",
        "attorney",
        "executive",
        "managing",
        "senior",
        "assistant",
        "associate",
        "state",
        "editorial",
    ]
)
# Roles whose holder leads the organisation or country named after them.
LEADER_ROLES: frozenset[str] = frozenset(
    [
        "president",
        "premier",
        "chancellor",
        "chairman",
        "chairwoman",
        "leader",
        "chief",
        "king",
        "queen",
        "emperor",
        "mayor",
        "governor",
        "prime",
        "minister",
    ]
)

# Last word of an organisation name ("Security Council", "Defence Ministry").
ORG_HEADS: frozenset[str] = frozenset(
    [
        "council",
        "ministry",
        "agency",
        "army",
        "navy",
        "force",
        "forces",
        "party",
        "parliament",
        "assembly",
        "committee",
        "commission",
        "bank",
        "fund",
        "union",
        "organisation",
        "organization",
        "office",
        "department",
        "service",
        "court",
        "corporation",
        "company",
        "group",
        "institute",
        "university",
        "times",
        "post",
        "news",
        "gazette",
        "press",
        "federation",
        "alliance",
        "guard",
        "command",
        "house",
        "corp",
        "inc",
        "ltd",
        "co",
        "association",
        "society",
        "foundation",
        "college",
        "school",
        "network",
        "league",
        "club",
        "team",
    ]
)
# Lower-case words just before an unknown capitalised name that make it an organisation.
ORG_CONTEXT: frozenset[str] = frozenset(
    [
        "agency",
        "newspaper",
        "daily",
        "broadcaster",
        "state",
        "company",
        "firm",
        "group",
        "channel",
        "outlet",
    ]
)
# Nouns after a nationality word that make it stand for its state (GPE, not NORP): its
# government, officials, forces, agencies, companies, territory, economy ("Turkish army").
STATE_NOUNS: frozenset[str] = frozenset(
    [
        "government",
        "state",
        "authorities",
        "officials",
        "official",
        "president",
        "prime",
        "premier",
        "minister",
        "ministers",
        "ministry",
        "foreign",
        "defence",
        "defense",
        "interior",
        "parliament",
        "embassy",
        "ambassador",
        "envoy",
        "diplomats",
        "delegation",
        "counterpart",
        "counterparts",
        "army",
        "military",
        "forces",
        "troops",
        "navy",
        "police",
        "intelligence",
        "regime",
        "court",
        "courts",
        "economy",
        "territory",
        "waters",
        "border",
        "capital",
        "company",
        "companies",
        "firm",
        "manufacturer",
        "bank",
        "airline",
        "media",
        "leader",
        "leadership",
        "administration",
        "coast",
    ]
)
# Last word of a named place that is not a country or city ("Korean Peninsula").
LOC_HEADS: frozenset[str] = frozenset(
    [
        "peninsula",
        "sea",
        "ocean",
        "river",
        "mountains",
        "mountain",
        "island",
        "islands",
        "gulf",
        "strait",
        "bay",
        "lake",
        "valley",
        "desert",
        "coast",
        "region",
    ]
)

# Head nouns of noun phrases that name a source (NOM mentions) and the type they give.
NOMINAL_HEADS: dict[str, str] = {
    **{
        word: "ORG"
        for word in [
            "agency",
            "agencies",
            "newspaper",
            "newspapers",
            "media",
            "intelligence",
            "ministry",
            "government",
            "officials",
            "investigation",
            "report",
            "military",
            "army",
            "police",
            "authorities",
            "party",
        ]
    },
    **{
        word: "PERSON"
        for word in [
            "official",
            "chief",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "minister",
            "diplomat",
            "analyst",
            "analysts",
            "expert",
            "experts",
            "source",
            "sources",
            "envoy",
            "witness",
            "witnesses",
            "eyewitness",
            "eyewitnesses",
            "prosecutor",
            "prosecutors",
            "lawyer",
            "lawyers",
            "researcher",
            "researchers",
            "scientist",
            "scientists",
            "critic",
            "critics",
            "doctor",
            "doctors",
            "resident",
            "residents",
            "publicist",
            "investigator",
            "investigators",
        ]
    },
}

# Subject pronouns and the type of what they stand for (a claim's source: "they said").
SUBJECT_PRONOUNS: dict[str, str] = {
    "i": "PERSON",
    "you": "PERSON",
    "he": "PERSON",
    "she": "PERSON",
    "it": "ORG",
    "we": "ORG",
    "they": "ORG",
}
# Pronouns that refer to the person an article is about at that point ("he", "she").
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she"})

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)

NUMBER_WORDS: tuple[str, ...] = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "dozen",
)
SCALE_WORDS: tuple[str, ...] = ("hundred", "thousand", "million", "billion", "trillion")

# Verbs of the relation patterns: sending people, supplying goods, attacking, meeting.
DEPLOY_VERBS: frozenset[str] = frozenset(
    [
        "send",
        "sends",
        "sent",
        "sending",
        "deploy",
        "deploys",
        "deployed",
        "deploying",
        "deployment",
        "dispatch",
        "dispatched",
        "dispatches",
    ]
)
SUPPLY_VERBS: frozenset[str] = frozenset(
    [
        "supply",
        "supplies",
        "supplied",
        "supplying",
        "provide",
        "provides",
        "provided",
        "providing",
        "ship",
        "ships",
        "shipped",
        "shipping",
        "deliver",
        "delivers",
        "delivered",
        "delivering",
    ]
)
ATTACK_VERBS: frozenset[str] = frozenset(
    [
        "attack",
        "attacks",
        "attacked",
        "attacking",
        "invade",
        "invades",
        "invaded",
        "invading",
        "strike",
        "strikes",
        "struck",
        "bomb",
        "bombed",
        "shelled",
        "expelled",
    ]
)
MEET_WORDS: frozenset[str] = frozenset(
    {
        "met",
        "meet",
        "meets",
        "meeting",
        "talks",
        "hug",
        "hugs",
        "hugged",
        "hugging",
        "embrace",
        "embraced",
        "embracing",
    }
)
# Verbs that two coordinated people do together ("he and Kim had discussed"): MEETS.
JOINT_VERBS: frozenset[str] = frozenset(["met", "discussed", "talked", "negotiated"])

NEGATIONS: frozenset[str] = frozenset(["not", "n't", "never", "neither", "nor", "no"])

# Weapon classes (WEAPON, named or generic) and the classifying modifiers that join them.
WEAPON_NOUNS: tuple[str, ...] = tuple(
    [
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "ammunition",
        "munitions",
        "weapon",
        "weapons",
        "shell",
        "shells",
        "drone",
        "drones",
        "tank",
        "tanks",
        "artillery",
        "bomb",
        "bombs",
        "rifle",
        "rifles",
        "grenade",
        "grenades",
        "warhead",
        "warheads",
        "howitzer",
        "howitzers",
    ]
)
WEAPON_MODIFIERS: tuple[str, ...] = tuple(
    [
        "ballistic",
        "cruise",
        "nuclear",
        "hypersonic",
        "guided",
        "artillery",
        "anti-tank",
        "anti-aircraft",
        "anti-ship",
        "air-defence",
        "air-defense",
        "surface-to-air",
        "long-range",
        "short-range",
    ]
)
# Heads of descriptive treaty titles, a LAW name when premodified ("mutual defence pact").
LAW_HEADS: tuple[str, ...] = ("treaty", "pact", "accord", "convention")
# Designators that belong to a place name ("Kursk region").
GPE_DESIGNATORS: frozenset[str] = frozenset(["region", "province", "oblast", "prefecture"])
# Named areas without a government.
AREA_NAMES: frozenset[str] = frozenset({"West", "East"})

# Words of the claim patterns.
# Words a reporting verb's clause starts with; a bare form ("say", "state") needs one after it.
CLAUSE_STARTS: frozenset[str] = frozenset(
    {
        "that",
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "this",
        "these",
        "there",
        "his",
        "her",
        "their",
        "its",
        "no",
        "not",
    }
)
# Particles of phrasal reporting verbs, by the cue's lemma: part of the cue ("called on").
# Cues of directives, which make a claim in the passive too ("were told to", guidelines 4).
DIRECTIVES: frozenset[str] = frozenset({"tell", "urge", "advise", "warn"})
PHRASAL_PARTICLES: dict[str, tuple[str, ...]] = {"call": ("for", "on", "upon")}
# Words right after a cue form that show it reports no content ("said to be", "reported by").
NOT_CONTENT_AFTER: frozenset[str] = frozenset({"be", "by", "when", "to"})
COPULAS: frozenset[str] = frozenset({"is", "are", "was", "were"})
# Forms of "be" before a past participle that make it passive ("was found guilty").
PASSIVE_AUXILIARIES: frozenset[str] = COPULAS | {"be", "been", "being"}
# Words before a bare cue form that make it a noun ("Russia's state Rossiiskaya Gazeta").
NOUN_MARKERS: frozenset[str] = frozenset(
    {"the", "a", "an", "’s", "'s", "this", "its", "their", "his", "her"}
    | {"other", "some", "many", "several", "all", "both", "few", "these", "those", "most"}
)
# Auxiliaries and modals that belong to the cue ("have denied").
CUE_AUXILIARIES: frozenset[str] = frozenset(
    {"have", "has", "had", "will", "would", "did", "does", "do", "may", "might", "could"}
)
# Adverbs that may stand before a participle clause (", further saying").
ADVERBS: frozenset[str] = frozenset(
    {"also", "further", "later", "then", "again", "thereby", "while", "before", "after"}
)
# Words that may stand between a source and its cue ("Moscow has also publicly denied").
SOURCE_CUE_FILLERS: frozenset[str] = frozenset(
    {
        "have",
        "has",
        "had",
        "also",
        "further",
        "later",
        "previously",
        "publicly",
        "again",
        "will",
        "would",
        "did",
        "does",
        "do",
        "repeatedly",
        "then",
        "once",
        "already",
        "itself",
        "themselves",
    }
)
# Documents whose producer is the source of what they say ("The WHO's website said").
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    {"website", "statement", "report", "study", "survey", "poll", "investigation", "projections"}
    | {"reports", "statements", "studies", "surveys", "polls", "data", "figures", "estimates"}
)
# Possessive determiners, inside the NOM mention they start ("his publicist": guidelines 2.1).
POSSESSIVE_DETERMINERS: frozenset[str] = frozenset(
    {"my", "your", "his", "her", "its", "our", "their"}
)
# Prepositions that attach a place or organisation to a name ("X of Y said": X is the source).
POST_MODIFIERS: frozenset[str] = frozenset({"of", "from", "in", "at"})
PREPOSITIONS: frozenset[str] = frozenset(
    ["in", "on", "at", "of", "for", "from", "with", "by", "since", "during"]
)

ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})
# Lower-case particles inside personal names ("Bill de Blasio", "Ursula von der Leyen").
NAME_PARTICLES: frozenset[str] = frozenset(
    {"de", "del", "della", "der", "di", "da", "das", "dos", "du", "van", "von", "le", "la", "bin"}
)

# Punctuation and clitics.
POSSESSIVES: frozenset[str] = frozenset({"’s", "'s"})
OPEN_QUOTES: frozenset[str] = frozenset({"“", "‘", '"'})
CLOSE_QUOTES: frozenset[str] = frozenset({"”", "’", '"'})
DASHES: frozenset[str] = frozenset({"—", "–"})
# Punctuation that breaks a clause: an apposition does not reach across it.
CLAUSE_BREAKS: frozenset[str] = frozenset({",", ";", ":", "—", "–", "(", ")", "“", "”", '"'})


# Verbs of saying and thinking the rule baseline matches beyond the guidelines' lexicon, which is
# a guide, not a closed list (any verb of saying, writing, thinking, finding or denying is a cue).
# They stay out of ``corpus.cues`` so that the guidelines the gold follows stay as annotated.
MORE_CUES: tuple[Cue, ...] = tuple(
    Cue(lemma, tuple(forms.split(", ")), "ASSERT", "CERTAIN", kind, ("before",))
    for lemma, forms, kind in (
        ("reiterate", "reiterate, reiterates, reiterated, reiterating", None),
        ("observe", "observe, observes, observed, observing", None),
        ("assert", "assert, asserts, asserted, asserting", None),
        ("mention", "mentioned, mentioning", None),
        ("deem", "deem, deems, deemed, deeming", "OPINION"),
        ("term", "termed, terming", "OPINION"),
    )
)
RULE_CUES: tuple[Cue, ...] = CUES + MORE_CUES
