"""The ``--llm-*`` options: every setting a command line may set, checked as it is parsed."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from baselines.llm.settings import LLMSettings, add_llm_options, llm_settings, model_slug
from corpus.cli import add_corpus_option


def parse(*argv: str) -> LLMSettings:
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_corpus_option(parser)
    add_llm_options(parser)
    return llm_settings(parser.parse_args(argv))


def test_the_defaults_are_the_settings_defaults() -> None:
    settings = parse("--corpus", "c")
    assert settings == LLMSettings(corpus=Path("c"))


def test_every_option_sets_its_setting() -> None:
    argv = ["--llm-model", "m", "--llm-examples", "0", "--llm-passage-chars", "900"]
    argv += ["--llm-concurrency", "2", "--llm-timeout", "2.5", "--llm-retries", "0"]
    settings = parse(*argv, "--llm-cache", "answers")
    assert settings == LLMSettings(
        model="m",
        examples=0,
        corpus=settings.corpus,
        passage_chars=900,
        concurrency=2,
        timeout=2.5,
        retries=0,
        cache=Path("answers"),
    )


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--llm-timeout", "0", "must be more than 0"),
        ("--llm-timeout", "soon", "is not a number"),
        ("--llm-retries", "-1", "must be at least 1"),
        ("--llm-concurrency", "0", "must be at least 1"),
    ],
)
def test_a_wrong_value_is_refused(option: str, value: str, message: str) -> None:
    with pytest.raises(argparse.ArgumentError, match=message):
        parse(option, value)


def test_a_model_name_becomes_a_file_name() -> None:
    assert model_slug("Qwen/Qwen2.5-7B-Instruct") == "Qwen-Qwen2.5-7B-Instruct"
    assert model_slug("llama3.1:8b") == "llama3.1-8b"
    assert model_slug("../..") == model_slug("..") == "model"  # never a way out of the cache
    assert model_slug(".hidden/m.") == "hidden-m"
    assert model_slug("///") == "model"
