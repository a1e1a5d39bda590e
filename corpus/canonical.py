"""Ids in text order (guidelines §5): the one numbering of every gold file."""

from __future__ import annotations

from dataclasses import replace

from corpus.schema import CLAIM_LINK_TYPES, RELATION_TYPES, Annotation


def canonical(annotation: Annotation) -> Annotation:
    """``annotation`` with ids renumbered in text order (guidelines §5).

    Mentions by start, the longer first; entities by first mention (entities without a mention
    last); relations by head, then tail position, a symmetric one drawn from the earlier
    mention; claims by content start, the longer first, an outer claim before its inner claims,
    then by cue start; a claim's sources in text order; links by ``from``, then ``to``, a
    CONTRADICTS link drawn from the later claim to the earlier one.
    """
    mentions = sorted(annotation.mentions, key=lambda m: (m.start, -m.end, m.type, m.kind))
    mention_id = {m.id: f"m{i}" for i, m in enumerate(mentions, 1)}
    first_mention: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.entity is not None:
            first_mention.setdefault(m.entity, i)
    entities = sorted(
        annotation.entities, key=lambda e: first_mention.get(e.id, len(mentions))
    )  # stable: entities without a mention keep their order, last
    entity_id = {e.id: f"e{i}" for i, e in enumerate(entities, 1)}

    position = {m.id: i for i, m in enumerate(mentions)}
    relations = []
    for r in annotation.relations:
        head, tail = r.head, r.tail
        if RELATION_TYPES[r.type].symmetric and position[tail] < position[head]:
            head, tail = tail, head
        relations.append(replace(r, head=head, tail=tail))
    relations.sort(key=lambda r: (position[r.head], position[r.tail], r.type))

    parents = {c.id: c.parent for c in annotation.claims}

    def depth(claim_id: str) -> int:
        parent = parents[claim_id]
        return 0 if parent is None else 1 + depth(parent)

    claims = sorted(
        annotation.claims,
        key=lambda c: (
            c.content.start,
            -c.content.end,
            depth(c.id),
            c.cue.start if c.cue else -1,
        ),
    )
    claim_id = {c.id: f"c{i}" for i, c in enumerate(claims, 1)}
    order = {c.id: i for i, c in enumerate(claims)}
    links = []
    for link in annotation.claim_links:
        source, target = link.source, link.target
        if CLAIM_LINK_TYPES[link.type] and order[source] < order[target]:
            source, target = target, source
        links.append(replace(link, source=source, target=target))
    links.sort(key=lambda link: (order[link.source], order[link.target], link.type))

    return replace(
        annotation,
        mentions=tuple(
            replace(
                m,
                id=mention_id[m.id],
                entity=entity_id[m.entity] if m.entity is not None else None,
            )
            for m in mentions
        ),
        entities=tuple(replace(e, id=entity_id[e.id]) for e in entities),
        relations=tuple(
            replace(r, id=f"r{i}", head=mention_id[r.head], tail=mention_id[r.tail])
            for i, r in enumerate(relations, 1)
        ),
        claims=tuple(
            replace(
                c,
                id=claim_id[c.id],
                sources=tuple(mention_id[s] for s in sorted(c.sources, key=position.__getitem__)),
                parent=claim_id[c.parent] if c.parent is not None else None,
            )
            for c in claims
        ),
        claim_links=tuple(
            replace(
                link,
                id=f"l{i}",
                source=claim_id[link.source],
                target=claim_id[link.target],
            )
            for i, link in enumerate(links, 1)
        ),
    )
