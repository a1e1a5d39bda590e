"""What a run of the llm baseline asked, got, spent and left out: for its result file and
the leaderboard's protocol column."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from baselines.llm.client import Reply
from baselines.llm.validity import NOT_FOUND, Drop


@dataclass
class RunReport:
    """Counts over every ``extract`` of one extractor.

    ``answered`` passages were answered by the server in this run and ``cached`` from the
    cache; ``failed`` got no answer. Tokens are those the server reported: ``tokens`` for the
    answers of this run (what it cost), ``cached_tokens`` for those served from the cache
    (what they cost when they were asked). ``asked`` counts the answers by how they were asked
    for (``Reply.asked``). ``dropped`` counts what placement left out, by
    layer and reason (``Drop.key``).
    """

    documents: int = 0
    passages: int = 0
    answered: int = 0
    cached: int = 0
    failed: int = 0
    unparseable: int = 0
    cut_at_length: int = 0
    tokens: Counter[str] = field(default_factory=Counter)
    cached_tokens: Counter[str] = field(default_factory=Counter)
    asked: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)

    def add_reply(self, reply: Reply, from_cache: bool) -> None:
        if from_cache:
            self.cached += 1
        else:
            self.answered += 1
        tokens = self.cached_tokens if from_cache else self.tokens
        tokens.update(prompt=reply.prompt_tokens, completion=reply.completion_tokens)
        self.asked[reply.asked] += 1
        self.cut_at_length += reply.finish_reason == "length"

    def add_drops(self, drops: list[Drop]) -> None:
        self.dropped.update(drop.key for drop in drops)

    @property
    def unplaced(self) -> int:
        """Spans of answers that are not in their passage."""
        return sum(n for key, n in self.dropped.items() if key.endswith(f": {NOT_FOUND}"))

    def summary(self) -> str:
        """One line for the leaderboard's protocol column."""
        spent = (
            f"{self.tokens['prompt']:,} prompt + {self.tokens['completion']:,} completion tokens"
        )
        return (
            f"{self.passages} passages of {self.documents} documents: {self.answered} answered, "
            f"{self.cached} from the cache, {self.failed} failed, {self.unparseable} "
            f"unparseable; {spent}; {self.unplaced} spans unplaced, "
            f"{sum(self.dropped.values())} items dropped or changed in all"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "passages": self.passages,
            "answered": self.answered,
            "cached": self.cached,
            "failed": self.failed,
            "unparseable": self.unparseable,
            "cut_at_length": self.cut_at_length,
            "tokens": {"prompt": self.tokens["prompt"], "completion": self.tokens["completion"]},
            "cached_tokens": {
                "prompt": self.cached_tokens["prompt"],
                "completion": self.cached_tokens["completion"],
            },
            "asked": dict(sorted(self.asked.items())),
            "unplaced": self.unplaced,
            "dropped": dict(sorted(self.dropped.items())),
        }
