"""The interface every baseline implements, and a draft that numbers its predictions.

An extractor reads articles and returns one :class:`corpus.schema.Annotation` per article, in
the same order, with the layers it declares in ``layers`` filled (the others left empty).
``extract`` takes a batch, so it runs under ``datasets.map(batched=True)`` as well as on a list.
"""

from __future__ import annotations

import bisect
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from corpus.schema import (
    Annotation,
    Article,
    Claim,
    ClaimLink,
    Entity,
    Mention,
    Relation,
    Span,
)

# The three layers a baseline may produce, as the benchmark reports them.
BENCHMARK_LAYERS: tuple[str, ...] = ("entities", "relations", "claims")


class BaselineError(Exception):
    """A baseline cannot run: it is unavailable here, or it has nothing to train on."""


class Extractor(ABC):
    """A baseline: a name, a version, the layers it produces, and ``extract``."""

    name: str  # set by ``@baselines.registry.register(name)``
    version: str
    layers: tuple[str, ...]  # a subset of BENCHMARK_LAYERS
    protocol: str = "no training: applied as is"

    @property
    def result_name(self) -> str:
        """The name of its result file and leaderboard row: its ``name``, unless its settings
        tell runs of one baseline apart (the llm baseline's model)."""
        return self.name

    def unavailable(self) -> str | None:
        """Why this extractor cannot run here (one line), or None when it can."""
        return None

    def run_report(self) -> dict[str, Any]:
        """What its result file records of its runs besides the scores (what they cost, what
        they left out); nothing by default."""
        return {}

    @abstractmethod
    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        """One prediction per article, in order."""


class TrainableExtractor(Extractor):
    """A baseline that learns from gold annotations before it extracts."""

    @abstractmethod
    def fit(self, gold: Sequence[Annotation], articles: Sequence[Article]) -> None:
        """Train on ``gold`` and the ``articles`` it annotates."""

    @abstractmethod
    def cross_validate(
        self, gold: Sequence[Annotation], articles: Sequence[Article], folds: int
    ) -> list[Annotation]:
        """Predictions for ``articles``, each sentence by a model trained on the other folds."""


class DraftMention(NamedTuple):
    """A mention of a :class:`Draft`: ``build`` gives it its id, entity and surface text."""

    start: int
    end: int
    type: str
    kind: str


AnyMention = Mention | DraftMention  # read alike: start, end, type, kind


@dataclass(slots=True)
class DraftClaim:
    """A claim of a :class:`Draft`: spans as ``(start, end)``, sources and parent as indices
    of the draft's mentions and claims; ``build`` gives it its id."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    sources: tuple[int, ...]
    parent: int | None
    stance: str
    certainty: str
    kind: str
    quote: str


@dataclass
class Draft:
    """Predictions of one document under construction; ``build`` gives them ids.

    Mentions are keyed by their span: adding the same span twice returns the first index.
    """

    doc_id: str
    text: str
    mentions: list[DraftMention] = field(default_factory=list)
    entity_keys: list[str] = field(default_factory=list)
    relations: list[tuple[str, int, int]] = field(default_factory=list)
    claims: list[DraftClaim] = field(default_factory=list)
    claim_links: list[tuple[str, int, int]] = field(default_factory=list)
    _by_span: dict[tuple[int, int], int] = field(default_factory=dict)
    _by_start: list[tuple[int, int]] = field(default_factory=list)  # (start, index), sorted
    _relation_set: set[tuple[str, int, int]] = field(default_factory=set)  # of ``relations``

    def add_mention(self, start: int, end: int, type_: str, kind: str, entity_key: str) -> int:
        """Index of the mention ``[start, end)``; ``entity_key`` groups coreferent mentions."""
        if (start, end) in self._by_span:
            return self._by_span[start, end]
        index = len(self.mentions)
        self._by_span[start, end] = index
        bisect.insort(self._by_start, (start, index))
        self.mentions.append(DraftMention(start, end, type_, kind))
        self.entity_keys.append(entity_key)
        return index

    def mentions_within(self, start: int, end: int) -> list[int]:
        """Indices of the mentions that start in ``[start, end)``, by start."""
        first = bisect.bisect_left(self._by_start, (start, -1))
        last = bisect.bisect_left(self._by_start, (end, -1))
        return [index for _, index in self._by_start[first:last]]

    def add_relation(self, type_: str, head: int, tail: int) -> None:
        relation = (type_, head, tail)
        if head != tail and relation not in self._relation_set:
            self._relation_set.add(relation)
            self.relations.append(relation)

    def add_claim(self, claim: DraftClaim) -> int:
        """Index of a new claim; its parent is an earlier claim."""
        self.claims.append(claim)
        return len(self.claims) - 1

    def build(self) -> Annotation:
        """The annotation, mentions numbered in text order (by start, the longer first) and
        entities in the order of their first mention."""
        order = sorted(
            range(len(self.mentions)), key=[(m.start, -m.end) for m in self.mentions].__getitem__
        )
        mention_id = {index: f"m{n + 1}" for n, index in enumerate(order)}
        entity_ids: dict[str, str] = {}
        entities: list[Entity] = []
        mentions = []
        for index in order:
            (start, end, type_, kind), key = self.mentions[index], self.entity_keys[index]
            surface = self.text[start:end]
            if key not in entity_ids:
                entity_ids[key] = f"e{len(entity_ids) + 1}"
                entities.append(Entity(entity_ids[key], surface))
            mentions.append(
                Mention(mention_id[index], start, end, type_, kind, entity_ids[key], surface)
            )
        relations = tuple(
            Relation(f"r{i + 1}", type_, mention_id[head], mention_id[tail])
            for i, (type_, head, tail) in enumerate(self.relations)
        )
        claims = tuple(
            Claim(
                id=f"c{i + 1}",
                content=Span(*claim.content),
                cue=Span(*claim.cue) if claim.cue else None,
                sources=tuple(mention_id[s] for s in claim.sources),
                parent=f"c{claim.parent + 1}" if claim.parent is not None else None,
                stance=claim.stance,
                certainty=claim.certainty,
                kind=claim.kind,
                quote=claim.quote,
            )
            for i, claim in enumerate(self.claims)
        )
        links = tuple(
            ClaimLink(f"l{i + 1}", type_, f"c{source + 1}", f"c{target + 1}")
            for i, (type_, source, target) in enumerate(self.claim_links)
        )
        return Annotation(
            self.doc_id, None, tuple(mentions), tuple(entities), relations, claims, links
        )
