"""The llm baseline's settings and their command-line options (``--llm-*``).

The endpoint and its key are not settings: they come from the environment only
(``OPENAI_BASE_URL``, ``OPENAI_API_KEY``), as the ``openai`` client reads them, and are never
written anywhere.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from corpus.cli import positive_int

DEFAULT_CACHE = Path(platformdirs.user_cache_dir("claimwire")) / "llm"


@dataclass(frozen=True)
class LLMSettings:
    """How the llm baseline asks its model.

    ``examples`` is the number of few-shot examples, drawn from the gold of the train split
    of ``corpus`` (never another split); ``passage_chars`` the budget of one request's passage
    (an article is cut at paragraph boundaries to fit); ``timeout`` is in seconds, per attempt;
    ``retries`` are the attempts after a timeout, a 429 or a 5xx answer, with the ``openai``
    client's exponential backoff (it honours ``Retry-After``).
    """

    model: str | None = None
    examples: int = 0
    corpus: Path | None = None
    passage_chars: int = 6000
    concurrency: int = 4
    timeout: float = 120.0
    retries: int = 4
    seed: int = 0
    cache: Path = DEFAULT_CACHE


def model_slug(model: str) -> str:
    """``model`` as a file name: each run of other characters than letters, digits, ``.``,
    ``_`` and ``-`` as one ``-``, without ``.`` or ``-`` at its ends (never ``..``)
    ("Qwen/Qwen2.5-7B-Instruct" -> "Qwen-Qwen2.5-7B-Instruct")."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", model).strip("-.") or "model"


def _seconds(value: str) -> float:
    """An argparse type: a positive number of seconds."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"{value}: must be more than 0")
    return seconds


def _count(value: str) -> int:
    """An argparse type: a whole number of at least 0."""
    return 0 if value.strip() == "0" else positive_int(value)


# The settings a command line sets: name, argparse type, metavar, help.
OPTIONS: tuple[tuple[str, Callable[[str], Any], str, str], ...] = (
    ("examples", _count, "N", "few-shot examples, from the gold of the train split of --corpus"),
    ("passage_chars", positive_int, "N", "characters of article per request, whole paragraphs"),
    ("concurrency", positive_int, "N", "requests at a time"),
    ("timeout", _seconds, "SECONDS", "seconds per attempt"),
    ("retries", _count, "N", "attempts after a timeout, a 429 or a 5xx, with backoff"),
    ("cache", Path, "DIR", "answers kept on disk: a re-run asks nothing again"),
)


def add_llm_options(parser: argparse.ArgumentParser) -> None:
    """The ``--llm-*`` options of a command that may run the llm baseline."""
    group = parser.add_argument_group(
        "the llm baseline",
        "Any OpenAI-compatible chat-completions endpoint: OPENAI_BASE_URL (e.g. "
        "http://127.0.0.1:8000/v1) and OPENAI_API_KEY (if the server needs one) come from "
        "the environment.",
    )
    group.add_argument("--llm-model", metavar="NAME", help="the model the server serves")
    defaults = LLMSettings()
    for name, kind, metavar, help in OPTIONS:
        default = getattr(defaults, name)
        group.add_argument(
            f"--llm-{name.replace('_', '-')}",
            type=kind,
            default=default,
            metavar=metavar,
            help=f"{help} (default: {default})",
        )


def llm_settings(args: argparse.Namespace) -> LLMSettings:
    """The settings that the ``--llm-*`` options of ``args`` give; few-shot examples come from
    the train split of ``--train-corpus`` (default: ``--corpus``)."""
    chosen = {name: getattr(args, f"llm_{name}") for name, *_ in OPTIONS}
    corpus = getattr(args, "train_corpus", None) or args.corpus
    return LLMSettings(model=args.llm_model, corpus=corpus, **chosen)
