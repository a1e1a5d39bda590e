"""The interface every baseline implements, and a draft that numbers its predictions.

An extractor reads articles and returns one :class:`corpus.schema.Annotation` per article, in
the same order, with the layers it declares in ``layers`` filled (the others left empty).
``extract`` takes a batch, so it runs under ``datasets.map(batched=True)`` as well as on a list.
"""

from __future__ import annotations

import bisect
import gc
import sys
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

from tqdm import tqdm

from corpus import text as text_layer
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
from corpus.text import Token, span_to_token_range
from corpus.validate import is_pronoun

# The three layers a baseline may produce, as the benchmark reports them.
BENCHMARK_LAYERS: tuple[str, ...] = ("entities", "relations", "claims")
BATCH_SIZE = 16  # articles per ``extract`` call when a corpus is run

Item = TypeVar("Item")


class BaselineError(Exception):
    """A baseline cannot run: it is unavailable here, or it has nothing to train on."""


class Extractor(ABC):
    """A baseline: a name, a version, the layers it produces, and ``extract``.

    ``dropped`` counts, over every ``extract`` of this instance, the items its drafts left out
    to keep their predictions valid (see :meth:`Draft.build`); a run reports it.
    """

    name: str  # set by ``@baselines.registry.register(name)``
    version: str
    layers: tuple[str, ...]  # a subset of BENCHMARK_LAYERS
    protocol: str = "no training: applied as is"

    def __init__(self) -> None:
        self.dropped: Counter[str] = Counter()

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

    def built(self, drafts: Iterable[Draft]) -> list[Annotation]:
        """The annotation of each draft; what they dropped is added to ``dropped``."""
        annotations = []
        for draft in drafts:
            annotations.append(draft.build())
            self.dropped.update(draft.dropped)
        return annotations


Setting = Mapping[str, float]  # hyperparameter name -> value


def describe_dropped(dropped: Mapping[str, int]) -> str:
    """``dropped`` in words: "2 names off the text layer's tokens, 1 …" ("nothing" if empty)."""
    return ", ".join(f"{count} {reason}" for reason, count in sorted(dropped.items())) or "nothing"


@dataclass(frozen=True)
class Threshold:
    """A decision threshold a trained baseline applies when it extracts: a run chooses its
    value among ``values`` on the dev split by the headline ``metric``, after training (the
    first value is the default)."""

    name: str
    metric: str  # a headline of ``benchmarks.evaluate``
    values: tuple[float, ...]


class TrainableExtractor(Extractor):
    """A baseline that learns from gold annotations before it extracts.

    ``settings`` are the hyperparameter settings a run chooses among on the dev split (the
    first is the default, used when there is no dev gold to choose on); ``thresholds`` are
    chosen there too, after training, each by its own metric (``set_threshold``).
    """

    settings: tuple[Setting, ...] = ({},)
    thresholds: tuple[Threshold, ...] = ()

    def set_threshold(self, name: str, value: float) -> None:
        """Apply ``value`` to the threshold called ``name`` (one of ``thresholds``)."""
        raise KeyError(f"{self.name}: no threshold {name!r}")

    @abstractmethod
    def fit(self, gold: Sequence[Annotation], articles: Sequence[Article], setting: Setting) -> str:
        """Train on ``gold`` and the ``articles`` it annotates, with ``setting``; returns one
        line on what it trained on (and anything it left out)."""


def batches(items: Sequence[Item], size: int = BATCH_SIZE) -> Iterator[Sequence[Item]]:
    """``items`` in consecutive slices of ``size`` (the last may be shorter)."""
    for first in range(0, len(items), size):
        yield items[first : first + size]


def extract_all(
    extractor: Extractor, articles: Sequence[Article], progress: bool = False
) -> list[Annotation]:
    """The extractor's prediction of every article, in order, batch by batch (``BATCH_SIZE``
    articles per ``extract`` call); ``progress`` shows a bar on stderr.

    What is alive before (models, lexicons, caches) lives through the run: the garbage
    collector is told to stop scanning it (``gc.freeze``), which a run's many small objects
    would otherwise make it do again and again.
    """
    gc.freeze()
    predictions: list[Annotation] = []
    steps = tqdm(
        batches(articles),
        total=-(-len(articles) // BATCH_SIZE),
        desc=extractor.name,
        unit="batch",
        file=sys.stderr,
        disable=not progress,
    )
    for batch in steps:
        predictions.extend(extractor.extract(batch))
    return predictions


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


def sentence_tokens(text: str) -> list[tuple[Token, ...]]:
    """The tokens of each sentence of ``text``, from the text layer (``corpus.text``)."""
    return [sentence.tokens for sentence in text_layer.sentences(text)]


# Why :meth:`Draft.build` leaves an item out (the keys of ``Draft.dropped``).
OFF_TOKENS = "names off the text layer's tokens"
ACROSS_SENTENCES = "names across a sentence boundary"
PRONOUN_NAMES = "pronouns marked as names"
OVERLAPPING = "names overlapping an earlier name"
CYCLE = "claim parents that would close a cycle"
RELATIONS_OF_LEFT_OUT = "relations of a left-out name"
SOURCES_LEFT_OUT = "claim sources that were left-out names"


@dataclass
class Draft:
    """Predictions of one document under construction; ``build`` gives them ids.

    ``sentences`` are the text layer's sentences of ``text`` (``corpus.text``) as their tokens:
    a name lies on tokens of one sentence. Mentions are keyed by their span: adding the same
    span twice returns the first index.
    """

    doc_id: str
    text: str
    sentences: Sequence[Sequence[Token]]
    tokens: list[Token] = field(init=False)  # of every sentence, in order
    mentions: list[DraftMention] = field(default_factory=list)
    entity_keys: list[str] = field(default_factory=list)
    relations: list[tuple[str, int, int]] = field(default_factory=list)
    claims: list[DraftClaim] = field(default_factory=list)
    claim_links: list[tuple[str, int, int]] = field(default_factory=list)
    _by_span: dict[tuple[int, int], int] = field(default_factory=dict)
    _by_start: list[tuple[int, int]] = field(default_factory=list)  # (start, index), sorted
    _relation_set: set[tuple[str, int, int]] = field(default_factory=set)  # of ``relations``
    dropped: Counter[str] = field(default_factory=Counter)  # by ``build``, per reason

    def __post_init__(self) -> None:
        self.tokens = [token for sentence in self.sentences for token in sentence]

    @classmethod
    def of(cls, article: Article) -> Draft:
        """An empty draft of ``article``, with the text layer's sentences of its text."""
        return cls(article.id, article.text, sentence_tokens(article.text))

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

    def tokens_within(self, start: int, end: int) -> Sequence[Token]:
        """The tokens that start in ``[start, end)``."""
        first = bisect.bisect_left(self.tokens, start, key=attrgetter("start"))
        last = bisect.bisect_left(self.tokens, end, lo=first, key=attrgetter("start"))
        return self.tokens[first:last]

    def add_relation(self, type_: str, head: int, tail: int) -> None:
        relation = (type_, head, tail)
        if head != tail and relation not in self._relation_set:
            self._relation_set.add(relation)
            self.relations.append(relation)

    def add_claim(self, claim: DraftClaim) -> int:
        """Index of a new claim; its parent is an earlier claim."""
        self.claims.append(claim)
        return len(self.claims) - 1

    def valid_mentions(self) -> list[int]:
        """Indices of the mentions an annotation can hold: every NOM and PRO mention, and the
        NAM mentions that lie on tokens of one sentence, are no pronoun and overlap no NAM
        mention added before them. The others are counted in ``dropped``."""
        kept, names = [], []  # names: (start, end) of the kept NAM mentions, sorted
        sentence_ends = [sentence[-1].end for sentence in self.sentences if sentence]
        for index, mention in enumerate(self.mentions):
            if mention.kind == "NAM":
                if span_to_token_range(self.tokens, mention.start, mention.end) is None:
                    self.dropped[OFF_TOKENS] += 1
                    continue
                sentence = bisect.bisect_left(sentence_ends, mention.start + 1)
                if sentence_ends[sentence] < mention.end:
                    self.dropped[ACROSS_SENTENCES] += 1
                    continue
                if is_pronoun(self.text[mention.start : mention.end]):
                    self.dropped[PRONOUN_NAMES] += 1
                    continue
                at = bisect.bisect_left(names, (mention.start, mention.end))
                before = names[at - 1] if at else None
                after = names[at] if at < len(names) else None
                if (before and before[1] > mention.start) or (after and after[0] < mention.end):
                    self.dropped[OVERLAPPING] += 1
                    continue
                names.insert(at, (mention.start, mention.end))
            kept.append(index)
        return kept

    def acyclic_parents(self) -> list[int | None]:
        """Each claim's parent, None where following the parents would come back to the claim
        (counted in ``dropped``)."""
        parents = [claim.parent for claim in self.claims]
        for index in range(len(parents)):
            seen, current = {index}, parents[index]
            while current is not None and current not in seen:
                seen.add(current)
                current = parents[current]
            if current == index:  # the parents lead back to this claim
                parents[index] = None
                self.dropped[CYCLE] += 1
        return parents

    def build(self) -> Annotation:
        """The annotation, mentions numbered in text order (by start, the longer first) and
        entities in the order of their first mention.

        It is valid by construction (``corpus.validate.check_annotation``): names that cannot
        be kept (:meth:`valid_mentions`) are left out with the relations and claim sources that
        name them, and a parent that would close a cycle is cut (:meth:`acyclic_parents`).
        """
        kept = self.valid_mentions()
        order = sorted(kept, key=[(m.start, -m.end) for m in self.mentions].__getitem__)
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
        kept_relations = [
            (type_, head, tail)
            for type_, head, tail in self.relations
            if head in mention_id and tail in mention_id
        ]
        relations = tuple(
            Relation(f"r{i + 1}", type_, mention_id[head], mention_id[tail])
            for i, (type_, head, tail) in enumerate(kept_relations)
        )
        self.dropped[RELATIONS_OF_LEFT_OUT] += len(self.relations) - len(kept_relations)
        self.dropped[SOURCES_LEFT_OUT] += sum(
            s not in mention_id for claim in self.claims for s in claim.sources
        )
        self.dropped = +self.dropped  # no zero counts
        parents = self.acyclic_parents()
        claims = tuple(
            Claim(
                id=f"c{i + 1}",
                content=Span(*claim.content),
                cue=Span(*claim.cue) if claim.cue else None,
                sources=tuple(mention_id[s] for s in claim.sources if s in mention_id),
                parent=f"c{parent + 1}" if parent is not None else None,
                stance=claim.stance,
                certainty=claim.certainty,
                kind=claim.kind,
                quote=claim.quote,
            )
            for i, (claim, parent) in enumerate(zip(self.claims, parents, strict=True))
        )
        links = tuple(
            ClaimLink(f"l{i + 1}", type_, f"c{source + 1}", f"c{target + 1}")
            for i, (type_, source, target) in enumerate(self.claim_links)
        )
        return Annotation(
            self.doc_id, None, tuple(mentions), tuple(entities), relations, claims, links
        )
