"""python -m annotation adjudicate: the starting point of a gold file from annotators' files.

- ``--base A``: annotator A's file, as it is.
- ``--agreed A B``: the items both annotators agree on, the rest listed for review, one line
  each naming the annotator and the item. A mention is agreed when both have its span, type and
  kind; two kept mentions share an entity when both annotators put them in one entity; a
  relation, claim or claim link is agreed when both have it with the same type or attributes
  and with agreed arguments (relation arguments, claim sources and parent, link ends). The
  kept items take A's ids and are renumbered in text order
  (:func:`corpus.canonical.canonical`).

The result is validated against the article (``corpus.validate.check_annotation``) before it
is written, atomically; an existing gold file is only replaced with ``--force``.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Callable, Container, Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from annotation.agreement import load_checked
from benchmarks.metrics.claims import claim_link_key
from benchmarks.metrics.matching import match_by_key
from benchmarks.metrics.relations import relation_key
from corpus.canonical import canonical
from corpus.cli import add_corpus_option, subcommand
from corpus.schema import (
    CLAIM_ATTRIBUTES,
    Annotation,
    Claim,
    ClaimLink,
    Entity,
    Mention,
    Relation,
)
from corpus.store import CorpusError, CorpusStore
from corpus.validate import check_or_raise

# --- the items two annotators agree on ------------------------------------------------------


@dataclass(frozen=True)
class Agreed:
    annotation: Annotation  # the kept items, in text order
    review: list[str]  # one line per item (or entity split) left for review


# Per side (first, second): item id -> what must be equal for agreement, or None when the item
# cannot be agreed (an argument, a source, the parent or a link end is not agreed).
Keys = tuple[dict[str, Hashable | None], dict[str, Hashable | None]]
# A link between two items, its key from its type and its ends' keys, and per side the agreed
# items' keys (agreed id -> key) that links may join.
Link = Relation | ClaimLink
LinkKey = Callable[[str, Hashable, Hashable], Hashable]
Ends = tuple[Mapping[str, Hashable], Mapping[str, Hashable]]


def agreed(first: Annotation, second: Annotation, names: tuple[str, str], text: str) -> Agreed:
    """The items ``first`` and ``second`` (named ``names``) agree on (see the module doc)."""
    sides = (first, second)
    review: list[str] = []

    def match(noun: str, keys: Keys, describe: Callable[[int, str], str]) -> dict[str, str]:
        """First's id -> second's id of the agreed items; the others go to ``review``."""
        pairs, _, _ = match_by_key(
            *([(i, key) for i, key in side.items() if key is not None] for side in keys)
        )
        for side in (0, 1):
            matched = {pair[side] for pair in pairs}
            review.extend(
                f"{names[side]} {noun} {i}: {describe(side, i)}"
                for i in keys[side]
                if i not in matched
            )
        return dict(pairs)

    # Mentions: span, type and kind.
    mentions = [{m.id: m for m in side.mentions} for side in sides]
    kept_mentions = match(
        "mention",
        tuple({m.id: (m.start, m.end, m.type, m.kind) for m in side.mentions} for side in sides),
        lambda side, i: _mention_text(mentions[side][i], sides[1 - side], names[1 - side], text),
    )
    span = {a: (mentions[0][a].start, mentions[0][a].end) for a in kept_mentions}
    spans = (span, {b: span[a] for a, b in kept_mentions.items()})  # agreed mention id -> span
    kept, entities = _agreed_entities(first, second, kept_mentions, names, text, review)

    def match_links(
        noun: str, layer: str, ends: Ends, key: LinkKey, describe: Callable[[int, Link], str]
    ) -> dict[str, str]:
        """``match`` for the links of ``layer`` (relations, claim links): agreed when the
        ``key`` of their type and of their ends' agreed keys (``ends``) is the same."""
        links = [{link.id: link for link in side.layer(layer)} for side in sides]
        keys = tuple(_link_keys(links[side].values(), ends[side], key) for side in (0, 1))
        return match(noun, keys, lambda side, i: describe(side, links[side][i]))

    # Relations: type and agreed arguments.
    kept_relations = match_links(
        "relation",
        "relations",
        spans,
        relation_key,
        lambda side, r: _relation_text(r, mentions[side], spans[side], text),
    )

    # Claims: spans, agreed sources, attributes and agreed parent.
    claim_keys = (_claim_keys(first, spans[0]), _claim_keys(second, spans[1]))
    claims = [{c.id: c for c in side.claims} for side in sides]
    kept_claims = match(
        "claim",
        claim_keys,
        lambda side, i: _claim_text(
            claims[side][i], sides[side], sides[1 - side], names[1 - side], text
        ),
    )
    agreed_claims = (  # agreed claim id -> its key
        {a: claim_keys[0][a] for a in kept_claims},
        {b: claim_keys[1][b] for b in kept_claims.values()},
    )

    # Claim links: type and agreed ends.
    kept_links = match_links(
        "claim link",
        "claim_links",
        agreed_claims,
        claim_link_key,
        lambda side, k: _link_text(k, agreed_claims[side]),
    )

    annotation = Annotation(
        first.doc_id,
        first.text_sha256,
        kept,
        entities,
        tuple(r for r in first.relations if r.id in kept_relations),
        tuple(c for c in first.claims if c.id in kept_claims),
        tuple(k for k in first.claim_links if k.id in kept_links),
    )
    return Agreed(canonical(annotation), review)


def _agreed_entities(
    first: Annotation,
    second: Annotation,
    kept: Mapping[str, str],
    names: tuple[str, str],
    text: str,
    review: list[str],
) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """The kept mentions (first's), grouped where both annotators group them; each entity is
    named by its first NAM mention, else its first mention (guidelines 2.3)."""
    second_entity = {m.id: m.entity or m.id for m in second.mentions}
    cluster_of = {  # first's mention id -> (first's entity, second's entity)
        m.id: (m.entity or m.id, second_entity[kept[m.id]]) for m in first.mentions if m.id in kept
    }
    for side, name in enumerate(names):  # an entity whose mentions the other side splits
        split: dict[str, set[str]] = defaultdict(set)
        for cluster in cluster_of.values():
            split[cluster[side]].add(cluster[1 - side])
        review.extend(
            f"{name} entity {entity}: {names[1 - side]} splits its mentions into entities "
            + ", ".join(sorted(others))
            for entity, others in sorted(split.items())
            if len(others) > 1
        )
    ordered = sorted((m for m in first.mentions if m.id in kept), key=lambda m: (m.start, -m.end))
    entity_id: dict[tuple[str, str], str] = {}
    for m in ordered:
        entity_id.setdefault(cluster_of[m.id], f"e{len(entity_id) + 1}")
    mentions = tuple(replace(m, entity=entity_id[cluster_of[m.id]]) for m in ordered)
    name: dict[str, Mention] = {}  # entity id -> its first NAM mention, else its first mention
    for m in mentions:
        if m.entity not in name or m.kind == "NAM" and name[m.entity].kind != "NAM":
            name[m.entity] = m
    entities = tuple(Entity(e, text[name[e].start : name[e].end]) for e in entity_id.values())
    return mentions, entities


def _claim_keys(annotation: Annotation, spans: Mapping[str, tuple]) -> dict[str, Hashable | None]:
    """Claim id -> content, cue, source spans, attributes and the parent's key; None when a
    source or the parent is not agreed."""
    claims = {c.id: c for c in annotation.claims}
    keys: dict[str, Hashable | None] = {}

    def key(claim: Claim) -> Hashable | None:
        if claim.id not in keys:
            parent = key(claims[claim.parent]) if claim.parent is not None else ()
            agreed_sources = all(s in spans for s in claim.sources)
            keys[claim.id] = (
                (
                    claim.content,
                    claim.cue,
                    tuple(sorted(spans[s] for s in claim.sources)),
                    tuple(claim.attribute(name) for name in CLAIM_ATTRIBUTES),
                    parent,
                )
                if parent is not None and agreed_sources
                else None
            )
        return keys[claim.id]

    for claim in annotation.claims:
        key(claim)
    return keys


def _link_keys(
    links: Iterable[Link], ends: Mapping[str, Hashable], key: LinkKey
) -> dict[str, Hashable | None]:
    """Link id -> the ``key`` of its type and of its ends' agreed keys; None when an end is not
    agreed."""
    keys: dict[str, Hashable | None] = {}
    for link in links:
        one, other = _ends(link)
        both = one in ends and other in ends
        keys[link.id] = key(link.type, ends[one], ends[other]) if both else None
    return keys


def _ends(link: Link) -> tuple[str, str]:
    """The ids of the two items a link joins: a relation's mentions, a claim link's claims."""
    return (link.head, link.tail) if isinstance(link, Relation) else (link.source, link.target)


# How a review line shows an item.


def _mention_text(mention: Mention, other: Annotation, other_name: str, text: str) -> str:
    described = f"{text[mention.start : mention.end]!r} [{mention.start}, {mention.end}) "
    described += f"{mention.type} {mention.kind}"
    same = [m for m in other.mentions if (m.start, m.end) == (mention.start, mention.end)]
    if not same:
        return f"{described}; {other_name} has no mention with this span"
    return f"{described}; {other_name} has {same[0].id} {same[0].type} {same[0].kind}"


def _relation_text(
    relation: Relation, mentions: Mapping[str, Mention], agreed: Container[str], text: str
) -> str:
    def argument(mention_id: str) -> str:
        mention = mentions[mention_id]
        return f"{mention_id} {text[mention.start : mention.end]!r}"

    described = f"{relation.type} {argument(relation.head)} -> {argument(relation.tail)}"
    if relation.head in agreed and relation.tail in agreed:
        return described
    return f"{described}: an argument is not an agreed mention"


def _claim_text(
    claim: Claim, own: Annotation, other: Annotation, other_name: str, text: str
) -> str:
    """The claim, and how the other side's claims with the same content (and the same cue,
    when there is one) differ from it."""
    content = text[claim.content.start : claim.content.end]
    shown = content if len(content) <= 50 else f"{content[:47]}..."
    described = f"content {shown!r} [{claim.content.start}, {claim.content.end})"
    same = [c for c in other.claims if c.content == claim.content]
    if not same:
        return f"{described}; {other_name} has no claim with this content"
    same = [c for c in same if c.cue == claim.cue] or same  # the counterpart, when there is one
    own_mentions = {m.id: m for m in own.mentions}
    other_mentions = {m.id: m for m in other.mentions}

    def sources(c: Claim, mentions: Mapping[str, Mention]) -> list[str]:
        return sorted(
            f"{text[mentions[s].start : mentions[s].end]}@{mentions[s].start}" for s in c.sources
        )

    def cue(c: Claim) -> str:
        return "none" if c.cue is None else repr(text[c.cue.start : c.cue.end])

    differences = []
    for c in same:
        differs = [
            f"{name} {claim.attribute(name)}/{c.attribute(name)}"
            for name in CLAIM_ATTRIBUTES
            if claim.attribute(name) != c.attribute(name)
        ]
        if claim.cue != c.cue:
            differs.append(f"cue {cue(claim)}/{cue(c)}")
        if sources(claim, own_mentions) != sources(c, other_mentions):
            differs.append(f"sources {sources(claim, own_mentions)}/{sources(c, other_mentions)}")
        if (claim.parent is None) != (c.parent is None):
            differs.append(f"parent {claim.parent}/{c.parent}")
        differences.append(f"{c.id}: {', '.join(differs) or 'a source or the parent'}")
    return f"{described}; {other_name} differs: {'; '.join(differences)}"


def _link_text(link: ClaimLink, agreed: Container[str]) -> str:
    described = f"{link.type} {link.source} -> {link.target}"
    if link.source in agreed and link.target in agreed:
        return described
    return f"{described}: an end is not an agreed claim"


# --- writing the gold file ------------------------------------------------------------------


def write_gold(store: CorpusStore, annotation: Annotation, out: Path, force: bool) -> None:
    """Validate ``annotation`` against its article, then write it to ``out`` atomically,
    under the corpus's lock."""
    with store.transaction() as transaction:
        if out.exists() and not force:
            raise CorpusError(f"{out}: exists; pass --force to replace it")
        check_or_raise(annotation, store.load_article(annotation.doc_id), out)
        transaction.write_json(out, annotation.to_dict())


def register(verbs: argparse._SubParsersAction) -> None:
    parser = subcommand(
        verbs,
        "adjudicate",
        _adjudicate,
        "Start a gold file from one annotator's file (--base) or from the items two "
        "annotators agree on (--agreed, the rest listed for review).",
    )
    parser.add_argument("doc_id", metavar="DOC_ID", help="the document to adjudicate")
    add_corpus_option(parser)
    start = parser.add_mutually_exclusive_group(required=True)
    start.add_argument("--base", metavar="ANNOTATOR", help="copy this annotator's file")
    start.add_argument(
        "--agreed", nargs=2, metavar=("A", "B"), help="keep what A and B agree on (A's ids)"
    )
    parser.add_argument(
        "--out", type=Path, metavar="PATH", help="where to write (default: gold/DOC_ID.json)"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")


def _adjudicate(args: argparse.Namespace) -> int:
    store = CorpusStore(args.corpus)
    article = store.load_article(args.doc_id)
    out = args.out or store.gold_path(args.doc_id)
    if args.base is not None:
        gold = load_checked(store, args.base, article)
        review: list[str] = []
    else:
        first, second = (load_checked(store, name, article) for name in args.agreed)
        result = agreed(first, second, tuple(args.agreed), article.text)
        gold, review = result.annotation, result.review
    write_gold(store, gold, out, args.force)
    for line in review:
        print(line)
    counts = ", ".join(
        f"{len(gold.layer(name))} {name}"
        for name in ("mentions", "entities", "relations", "claims", "claim_links")
    )
    print(f"wrote {out}: {counts}; {len(review)} items to review")
    return 0
