"""The attribution-cue lexicon of general English, as data: the one source of truth.

Three tables:

- ``CUES``: reporting verbs and phrases that attribute content to a source ("said", "according
  to", "cited ... as saying"), with the stance and certainty they signal, the kind of claim they
  suggest (or None when the content decides) and where the source usually stands;
- ``HEDGES``: words inside the content that lower its certainty ("may", "likely", "I think");
- ``KIND_MARKERS``: words inside the content that set the claim's kind ("has decided to").

The rule baseline matches these forms; ``annotation/guidelines.md`` embeds
:func:`render_markdown` between ``<!-- cues:begin -->`` and ``<!-- cues:end -->``:
``python -m corpus.cues annotation/guidelines.md`` rewrites that table after an edit here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from corpus.markdown import embed_block, rewrite_files, titled_table

# Where the source stands relative to the cue: "Shoigu said" (before), "..., said Kim" (after),
# "TASS cited Shoigu as saying" (inside: between the cue's verb and its closer).
SOURCE_POSITIONS: tuple[str, ...] = ("before", "after", "inside")


@dataclass(frozen=True)
class Cue:
    """A reporting verb or phrase; ``forms`` are the surface forms that match it."""

    lemma: str
    forms: tuple[str, ...]
    stance: str
    certainty: str
    kind: str | None
    source: tuple[str, ...]  # positions from SOURCE_POSITIONS
    closer: str | None = None  # words that follow an inside source: "as saying"


@dataclass(frozen=True)
class Hedge:
    """A word or phrase inside the content that lowers its certainty."""

    phrase: str
    forms: tuple[str, ...]
    certainty: str


@dataclass(frozen=True)
class KindMarker:
    """A word or phrase inside the content that sets the claim's kind."""

    lemma: str
    forms: tuple[str, ...]
    kind: str


def _cue(
    lemma: str,
    forms: str,
    stance: str,
    certainty: str,
    kind: str | None,
    source: str,
    closer: str | None = None,
) -> Cue:
    """A Cue from a compact row: comma-separated forms, space-separated source positions."""
    return Cue(
        lemma, tuple(forms.split(", ")), stance, certainty, kind, tuple(source.split()), closer
    )


# lemma, forms, stance, certainty, kind (None: the content decides), where the source stands
CUES: tuple[Cue, ...] = (
    _cue("say", "say, says, said, saying", "ASSERT", "CERTAIN", None, "before after"),
    _cue("tell", "tell, tells, told, telling", "ASSERT", "CERTAIN", None, "before"),
    _cue(
        "tell a news conference",
        "tell a news conference, tells a news conference, told a news conference, "
        "telling a news conference, told reporters, tells reporters, telling reporters",
        "ASSERT",
        "CERTAIN",
        None,
        "before",
    ),
    _cue("in a statement", "in a statement", "ASSERT", "CERTAIN", None, "before after"),
    _cue("add", "add, adds, added, adding", "ASSERT", "CERTAIN", None, "before after"),
    _cue("reply", "reply, replies, replied, replying", "ASSERT", "CERTAIN", None, "before after"),
    _cue("state", "state, states, stated, stating", "ASSERT", "CERTAIN", None, "before after"),
    _cue("claim", "claim, claims, claimed, claiming", "ASSERT", "CERTAIN", None, "before after"),
    _cue(
        "announce",
        "announce, announces, announced, announcing",
        "ASSERT",
        "CERTAIN",
        None,
        "before",
    ),
    _cue(
        "report", "report, reports, reported, reporting", "ASSERT", "CERTAIN", None, "before after"
    ),
    _cue("note", "note, notes, noted, noting", "ASSERT", "CERTAIN", None, "before after"),
    _cue(
        "stress", "stress, stresses, stressed, stressing", "ASSERT", "CERTAIN", None, "before after"
    ),
    _cue(
        "insist", "insist, insists, insisted, insisting", "ASSERT", "CERTAIN", None, "before after"
    ),
    _cue("accuse", "accuse, accuses, accused, accusing", "ASSERT", "CERTAIN", "FACT", "before"),
    _cue("blame", "blame, blames, blamed, blaming", "ASSERT", "CERTAIN", "FACT", "before"),
    _cue("deny", "deny, denies, denied, denying", "DENY", "CERTAIN", None, "before"),
    _cue("reject", "reject, rejects, rejected, rejecting", "DENY", "CERTAIN", None, "before"),
    _cue("dismiss", "dismiss, dismisses, dismissed, dismissing", "DENY", "CERTAIN", None, "before"),
    _cue(
        "acknowledge",
        "acknowledge, acknowledges, acknowledged, acknowledging",
        "ASSERT",
        "CERTAIN",
        "FACT",
        "before",
    ),
    _cue("admit", "admit, admits, admitted, admitting", "ASSERT", "CERTAIN", "FACT", "before"),
    _cue(
        "confirm",
        "confirm, confirms, confirmed, confirming",
        "ASSERT",
        "CERTAIN",
        "FACT",
        "before after",
    ),
    _cue(
        "disclose",
        "disclose, discloses, disclosed, disclosing",
        "ASSERT",
        "CERTAIN",
        "FACT",
        "before",
    ),
    _cue("find", "find, finds, found, finding", "ASSERT", "CERTAIN", "FACT", "before"),
    _cue("agree", "agree, agrees, agreed, agreeing", "ASSERT", "CERTAIN", None, "before"),
    _cue("warn", "warn, warns, warned, warning", "ASSERT", "CERTAIN", "PREDICTION", "before after"),
    _cue(
        "predict",
        "predict, predicts, predicted, predicting",
        "ASSERT",
        "CERTAIN",
        "PREDICTION",
        "before after",
    ),
    _cue(
        "expect",
        "expect, expects, expected, expecting",
        "ASSERT",
        "PROBABLE",
        "PREDICTION",
        "before",
    ),
    _cue("think", "think, thinks, thought, thinking", "ASSERT", "PROBABLE", None, "before after"),
    _cue(
        "believe",
        "believe, believes, believed, believing",
        "ASSERT",
        "PROBABLE",
        None,
        "before after",
    ),
    _cue(
        "suggest", "suggest, suggests, suggested, suggesting", "ASSERT", "POSSIBLE", None, "before"
    ),
    _cue("hope", "hope, hopes, hoped, hoping", "ASSERT", "CERTAIN", "OPINION", "before"),
    _cue("praise", "praise, praises, praised, praising", "ASSERT", "CERTAIN", "OPINION", "before"),
    _cue("call", "call, calls, called, calling", "ASSERT", "CERTAIN", "OPINION", "before"),
    _cue(
        "promise",
        "promise, promises, promised, promising",
        "ASSERT",
        "CERTAIN",
        "INTENTION",
        "before",
    ),
    _cue(
        "pledge", "pledge, pledges, pledged, pledging", "ASSERT", "CERTAIN", "INTENTION", "before"
    ),
    _cue("vow", "vow, vows, vowed, vowing", "ASSERT", "CERTAIN", "INTENTION", "before"),
    _cue("write", "write, writes, wrote, writing", "ASSERT", "CERTAIN", None, "before after"),
    _cue("tweet", "tweet, tweets, tweeted, tweeting", "ASSERT", "CERTAIN", None, "before after"),
    _cue("argue", "argue, argues, argued, arguing", "ASSERT", "CERTAIN", None, "before after"),
    _cue(
        "explain", "explain, explains, explained, explaining", "ASSERT", "CERTAIN", None, "before"
    ),
    _cue(
        "point out",
        "point out, points out, pointed out, pointing out",
        "ASSERT",
        "CERTAIN",
        None,
        "before",
    ),
    _cue(
        "conclude",
        "conclude, concludes, concluded, concluding",
        "ASSERT",
        "CERTAIN",
        None,
        "before",
    ),
    _cue("declare", "declare, declares, declared, declaring", "ASSERT", "CERTAIN", None, "before"),
    _cue("reveal", "reveal, reveals, revealed, revealing", "ASSERT", "CERTAIN", "FACT", "before"),
    _cue("allege", "allege, alleges, alleged, alleging", "ASSERT", "CERTAIN", "FACT", "before"),
    _cue(
        "estimate",
        "estimate, estimates, estimated, estimating",
        "ASSERT",
        "PROBABLE",
        None,
        "before",
    ),
    _cue("refute", "refute, refutes, refuted, refuting", "DENY", "CERTAIN", None, "before"),
    _cue("dispute", "dispute, disputes, disputed, disputing", "DENY", "CERTAIN", None, "before"),
    _cue("urge", "urge, urges, urged, urging", "ASSERT", "CERTAIN", "OPINION", "before"),
    _cue(
        "reiterate",
        "reiterate, reiterates, reiterated, reiterating",
        "ASSERT",
        "CERTAIN",
        None,
        "before",
    ),
    _cue("observe", "observe, observes, observed, observing", "ASSERT", "CERTAIN", None, "before"),
    _cue("assert", "assert, asserts, asserted, asserting", "ASSERT", "CERTAIN", None, "before"),
    _cue("mention", "mentioned, mentioning", "ASSERT", "CERTAIN", None, "before"),
    _cue("deem", "deem, deems, deemed, deeming", "ASSERT", "CERTAIN", "OPINION", "before"),
    _cue("term", "termed, terming", "ASSERT", "CERTAIN", "OPINION", "before"),
    _cue(
        "demand", "demand, demands, demanded, demanding", "ASSERT", "CERTAIN", "OPINION", "before"
    ),
    _cue(
        "criticise",
        "criticise, criticises, criticised, criticising, "
        "criticize, criticizes, criticized, criticizing",
        "ASSERT",
        "CERTAIN",
        "OPINION",
        "before",
    ),
    _cue(
        "condemn",
        "condemn, condemns, condemned, condemning",
        "ASSERT",
        "CERTAIN",
        "OPINION",
        "before",
    ),  # fmt: skip
    _cue(
        "denounce",
        "denounce, denounces, denounced, denouncing",
        "ASSERT",
        "CERTAIN",
        "OPINION",
        "before",
    ),
    _cue("thank", "thank, thanks, thanked, thanking", "ASSERT", "CERTAIN", "OPINION", "before"),
    _cue(
        "welcome",
        "welcome, welcomes, welcomed, welcoming",
        "ASSERT",
        "CERTAIN",
        "OPINION",
        "before",
    ),  # fmt: skip
    _cue(
        "describe",
        "describe, describes, described, describing",
        "ASSERT",
        "CERTAIN",
        None,
        "before",
    ),  # fmt: skip
    _cue("feel", "feel, feels, felt, feeling", "ASSERT", "PROBABLE", None, "before"),
    _cue("assume", "assume, assumes, assumed, assuming", "ASSERT", "PROBABLE", None, "before"),
    _cue("fear", "fear, fears, feared, fearing", "ASSERT", "PROBABLE", None, "before"),
    _cue(
        "suspect", "suspect, suspects, suspected, suspecting", "ASSERT", "PROBABLE", None, "before"
    ),
    _cue(
        "speculate",
        "speculate, speculates, speculated, speculating",
        "ASSERT",
        "POSSIBLE",
        None,
        "before",
    ),
    _cue(
        "disagree with",
        "disagree with, disagrees with, disagreed with, disagreeing with",
        "DENY",
        "CERTAIN",
        None,
        "before",
    ),
    _cue("advise", "advise, advises, advised, advising", "ASSERT", "CERTAIN", "OPINION", "before"),
    _cue(
        "anticipate",
        "anticipate, anticipates, anticipated, anticipating",
        "ASSERT",
        "PROBABLE",
        "PREDICTION",
        "before",
    ),
    _cue(
        "recommend",
        "recommend, recommends, recommended, recommending",
        "ASSERT",
        "CERTAIN",
        "OPINION",
        "before",
    ),
    _cue(
        "indicate",
        "indicate, indicates, indicated, indicating",
        "ASSERT",
        "CERTAIN",
        None,
        "before",
    ),
    _cue(
        "clarify", "clarify, clarifies, clarified, clarifying", "ASSERT", "CERTAIN", None, "before"
    ),  # fmt: skip
    _cue(
        "determine",
        "determine, determines, determined, determining",
        "ASSERT",
        "CERTAIN",
        "FACT",
        "before",
    ),
    _cue("rule", "rule, rules, ruled, ruling", "ASSERT", "CERTAIN", None, "before"),
    _cue("according to", "according to", "ASSERT", "CERTAIN", None, "after"),
    _cue(
        "cite as saying",
        "cite, cites, cited, citing",
        "ASSERT",
        "CERTAIN",
        None,
        "before inside",
        closer="as saying",
    ),
    _cue(
        "quote as saying",
        "quote, quotes, quoted, quoting",
        "ASSERT",
        "CERTAIN",
        None,
        "before inside",
        closer="as saying",
    ),
)

HEDGES: tuple[Hedge, ...] = (
    Hedge("may", ("may",), "POSSIBLE"),
    Hedge("might", ("might",), "POSSIBLE"),
    Hedge("could", ("could",), "POSSIBLE"),
    Hedge("possibly", ("possibly",), "POSSIBLE"),
    Hedge("perhaps", ("perhaps",), "POSSIBLE"),
    Hedge("maybe", ("maybe",), "POSSIBLE"),
    Hedge("potentially", ("potentially",), "POSSIBLE"),
    Hedge("apparently", ("apparently",), "PROBABLE"),
    Hedge("presumably", ("presumably",), "PROBABLE"),
    Hedge("appear to", ("appear to", "appears to", "appeared to"), "PROBABLE"),
    Hedge("seem", ("seem", "seems", "seemed"), "PROBABLE"),
    Hedge("likely", ("likely",), "PROBABLE"),
    Hedge("probably", ("probably",), "PROBABLE"),
    Hedge("expected to", ("expected to", "is expected to", "are expected to"), "PROBABLE"),
    Hedge("I think", ("I think", "we think"), "PROBABLE"),
    Hedge("I believe", ("I believe", "we believe"), "PROBABLE"),
)

KIND_MARKERS: tuple[KindMarker, ...] = (
    KindMarker("decide to", ("decide to", "decides to", "decided to"), "INTENTION"),
    KindMarker("plan to", ("plan to", "plans to", "planned to"), "INTENTION"),
    KindMarker("intend to", ("intend to", "intends to", "intended to"), "INTENTION"),
    KindMarker("aim to", ("aim to", "aims to", "aimed to"), "INTENTION"),
    KindMarker("want to", ("want to", "wants to", "wanted to"), "INTENTION"),
    KindMarker("seek to", ("seek to", "seeks to", "sought to", "try to", "tries to"), "INTENTION"),
    KindMarker("goal", ("the goal is to", "the goal was to", "aims to"), "INTENTION"),
    KindMarker("must", ("must", "should", "ought to"), "OPINION"),  # a norm
    KindMarker("need to", ("need to", "needs to", "have to", "has to"), "OPINION"),  # a norm
)


def _cell(value: str | None) -> str:
    return value if value is not None else "—"


def render_markdown() -> str:
    """The lexicon as Markdown tables (cues, hedges, kind markers), for the guidelines."""
    cue_rows = [
        (
            cue.lemma,
            ", ".join(cue.forms) + (f" … {cue.closer}" if cue.closer else ""),
            cue.stance,
            cue.certainty,
            _cell(cue.kind),
            ", ".join(cue.source),
        )
        for cue in CUES
    ]
    hedge_rows = [(hedge.phrase, ", ".join(hedge.forms), hedge.certainty) for hedge in HEDGES]
    marker_rows = [(m.lemma, ", ".join(m.forms), m.kind) for m in KIND_MARKERS]
    cue_header = ("cue", "forms", "stance", "certainty", "kind", "source stands")
    lines = [
        *titled_table(
            "**Cues** (reporting verbs and phrases; kind — = decided by the content)",
            cue_header,
            cue_rows,
        ),
        "",
        *titled_table(
            "**Hedges** (inside the content; they lower the certainty)",
            ("hedge", "forms", "certainty"),
            hedge_rows,
        ),
        "",
        *titled_table(
            "**Kind markers** (inside the content; they set the kind)",
            ("marker", "forms", "kind"),
            marker_rows,
        ),
    ]
    return "\n".join(lines) + "\n"


def embed_markdown(document: str) -> str:
    """``document`` with the rendered lexicon between its ``cues:begin``/``cues:end`` markers."""
    return embed_block(document, "cues", render_markdown())


if __name__ == "__main__":
    rewrite_files(sys.argv[1:], embed_markdown)
