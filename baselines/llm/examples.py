"""Few-shot examples, drawn from the gold of the train split only (``DESIGN.md``: prompts are
developed on train; test is read only by ``benchmarks run``)."""

from __future__ import annotations

from pathlib import Path

from baselines.base import BaselineError
from baselines.llm.answer import answer_of
from baselines.llm.passages import passages
from baselines.llm.prompt import Example
from corpus.store import CorpusStore

EXAMPLE_CHARS = 1500  # the budget of an example's passage


def train_examples(corpus: Path, count: int) -> list[Example]:
    """``count`` examples from the gold documents of the train split of ``corpus``: of each,
    its first passage (whole paragraphs within ``EXAMPLE_CHARS`` characters) and the answer
    its gold gives; those with the most claims, then by document id. A
    :class:`BaselineError` when the train split has fewer gold documents."""
    gold, articles = CorpusStore(corpus).gold_documents("train")
    if len(gold) < count:
        raise BaselineError(
            f"llm: {count} examples asked for, but the train split of {corpus} has "
            f"{len(gold)} gold documents"
        )
    examples = []
    for annotation, article in zip(gold, articles, strict=True):
        start, end = passages(article.text, EXAMPLE_CHARS)[0]
        answer = answer_of(annotation, article.text, start, end)
        examples.append(Example(article.id, article.text[start:end], answer))
    examples.sort(key=lambda example: (-len(example.answer["claims"]), example.doc_id))
    return examples[:count]
