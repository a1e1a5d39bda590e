"""The llm baseline: any model behind an OpenAI-compatible chat-completions endpoint.

Each article is cut into passages (``passages``); each passage is asked for in one request
(``prompt``, ``client``), answered from the cache when it was asked before (``cache``); the
answers are placed on the text (``placement``) into one valid annotation per article. Every
problem (a request without an answer, an unparseable answer, an item left out) is printed in
one line on stderr and counted (``report``); none stops the run.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tqdm import tqdm

from baselines.base import BENCHMARK_LAYERS, BaselineError, Extractor
from baselines.llm.answer import UnparseableAnswer, parse_answer
from baselines.llm.cache import AnswerCache
from baselines.llm.client import ChatClient, Reply, RequestFailed
from baselines.llm.examples import train_examples
from baselines.llm.passages import passages
from baselines.llm.placement import Placement
from baselines.llm.prompt import Example, Message, messages, prompt_version
from baselines.llm.report import RunReport
from baselines.llm.settings import LLMSettings, model_slug
from baselines.llm.validity import Drop
from baselines.registry import register
from corpus.schema import Annotation, Article


def warn(line: str) -> None:
    """One line on stderr (above a progress bar, if one is drawn)."""
    tqdm.write(f"llm: {line}", file=sys.stderr)


@register("llm")
class LLMExtractor(Extractor):
    version = "0.1.0"
    layers = BENCHMARK_LAYERS

    def __init__(self, settings: LLMSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or LLMSettings()
        self.report = RunReport()
        self._examples: list[Example] | None = None
        self._client: ChatClient | None = None

    @property
    def result_name(self) -> str:
        """``llm-<model>``: one result file and leaderboard row per model."""
        return f"llm-{model_slug(self.settings.model)}" if self.settings.model else self.name

    def unavailable(self) -> str | None:
        if not self.settings.model:
            return "no model: give --llm-model NAME"
        if not (os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_KEY")):
            return "no endpoint: set OPENAI_BASE_URL (and OPENAI_API_KEY if it needs a key)"
        return None

    @property
    def protocol(self) -> str:
        examples = self.settings.examples
        shots = f"{examples} examples from the train split" if examples else "zero-shot"
        return (
            f"{shots}, prompt {prompt_version()}, model {self.settings.model}, temperature 0; "
            + self.report.summary()
        )

    def run_report(self) -> dict[str, Any]:
        settings = self.settings
        return {
            "llm": {
                "model": settings.model,
                "prompt_version": prompt_version(),
                "examples": [example.doc_id for example in self._examples or ()],
                "passage_chars": settings.passage_chars,
                "temperature": 0,
                "seed": settings.seed,
                "timeout": settings.timeout,
                "retries": settings.retries,
                "concurrency": settings.concurrency,
                **self.report.to_dict(),
            }
        }

    def extract(self, articles: Sequence[Article]) -> list[Annotation]:
        jobs = [
            (article, number, span)
            for article in articles
            for number, span in enumerate(passages(article.text, self.settings.passage_chars), 1)
        ]
        requests = [self._messages(article, *span) for article, _, span in jobs]
        replies = self._replies(requests)
        placements = {article.id: Placement(article) for article in articles}
        counts = Counter(article.id for article, _, _ in jobs)
        for (article, number, (start, end)), reply in zip(jobs, replies, strict=True):
            where = f"{article.id} passage {number}/{counts[article.id]}"
            if isinstance(reply, RequestFailed):
                self.report.failed += 1
                warn(f"{where}: no answer: {reply}")
                continue
            try:
                answer = parse_answer(reply.content)
            except UnparseableAnswer as error:
                self.report.unparseable += 1
                cut = " (cut at the length limit)" if reply.finish_reason == "length" else ""
                warn(f"{where}: unparseable answer{cut}: {error}")
                continue
            self._report_drops(where, placements[article.id].add(answer, start, end))
        annotations = []
        for article in articles:
            annotation, drops = placements[article.id].build()
            self._report_drops(article.id, drops)
            annotations.append(annotation)
        self.report.documents += len(articles)
        self.report.passages += len(jobs)
        return annotations

    def _report_drops(self, where: str, drops: list[Drop]) -> None:
        for drop in drops:
            warn(f"{where}: {drop}")
        self.report.add_drops(drops)

    def examples(self) -> list[Example]:
        """The few-shot examples (read once from the train split)."""
        if self._examples is None:
            count, corpus = self.settings.examples, self.settings.corpus
            if count and corpus is None:
                raise BaselineError("llm: examples need a corpus to draw them from")
            self._examples = train_examples(corpus, count) if count and corpus else []
        return self._examples

    def _messages(self, article: Article, start: int, end: int) -> list[Message]:
        """The request for a passage; an example drawn from the article itself is left out."""
        examples = [example for example in self.examples() if example.doc_id != article.id]
        return messages(article.text[start:end], examples)

    def _replies(self, requests: list[list[Message]]) -> list[Reply | RequestFailed]:
        """The answer to each request, from the cache or the server, ``concurrency`` at a
        time; a request without an answer gives its :class:`RequestFailed`."""
        settings = self.settings
        assert settings.model is not None, "extract needs a model (see unavailable())"
        if self._client is None:
            self._client = ChatClient(
                settings.model, settings.timeout, settings.retries, settings.seed
            )
        cache = AnswerCache(settings.cache, settings.model, prompt_version())

        def answer(request: list[Message]) -> tuple[Reply | RequestFailed, bool]:
            key = cache.key(request)
            cached = cache.get(key)
            if cached is not None:
                return cached, True
            try:
                reply = self._client.ask(request)
            except RequestFailed as failure:
                return failure, False
            cache.put(key, reply)
            return reply, False

        pool = ThreadPoolExecutor(max_workers=settings.concurrency)
        try:
            outcomes = list(pool.map(answer, requests))
        finally:  # a BaselineError: the requests not yet sent are not sent
            pool.shutdown(cancel_futures=True)
        for reply, from_cache in outcomes:
            if isinstance(reply, Reply):
                self.report.add_reply(reply, from_cache)
        return [reply for reply, _ in outcomes]
