"""The llm baseline end to end: the real ``openai`` client, a real server on loopback that
replays recorded answers, the cache on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

import baselines
from baselines.base import BaselineError
from baselines.llm.extractor import LLMExtractor
from baselines.llm.settings import LLMSettings
from corpus.schema import MENTION_TYPES, Annotation, Article
from corpus.store import CorpusStore, write_json
from corpus.validate import check_annotation
from tests.baselines.conftest import make_synthetic_article, make_synthetic_gold
from tests.baselines.llm.chat_server import ChatServer, Recorded
from tests.baselines.llm.recordings import FIRST, FIRST_ANSWER, MALFORMED, SECOND, SECOND_ANSWER

ARTICLE = make_synthetic_article()
PARAGRAPH = ARTICLE.text.index("\n")  # a budget that puts each paragraph in its own passage


def extractor(
    server: ChatServer, cache: Path, monkeypatch: pytest.MonkeyPatch, **settings: object
) -> LLMExtractor:
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    options = {"model": "test-model", "passage_chars": PARAGRAPH, "cache": cache, "retries": 0}
    return LLMExtractor(LLMSettings(**options | settings))


def surfaces(annotation: Annotation) -> list[str]:
    return [ARTICLE.text[m.start : m.end] for m in annotation.mentions]


def test_without_a_model_or_an_endpoint_it_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    assert baselines.get("llm").unavailable() == "no model: give --llm-model NAME"
    named = LLMExtractor(LLMSettings(model="test-model"))
    assert named.unavailable() == (
        "no endpoint: set OPENAI_BASE_URL (and OPENAI_API_KEY if it needs a key)"
    )
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert named.unavailable() is None
    assert named.result_name == "llm-test-model"
    assert LLMExtractor(LLMSettings(model="Qwen/Qwen2.5-7B")).result_name == "llm-Qwen-Qwen2.5-7B"
    assert baselines.get("llm", {"llm": LLMSettings(model="m")}).result_name == "llm-m"


def test_passages_are_asked_placed_and_merged_into_one_valid_annotation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with ChatServer({FIRST: [FIRST_ANSWER], SECOND: [SECOND_ANSWER]}) as server:
        [annotation] = extractor(server, tmp_path, monkeypatch).extract([ARTICLE])
    assert check_annotation(annotation, ARTICLE, "test") == []
    assert len(server.requests) == 2
    assert surfaces(annotation) == [
        "Maria Lopez",
        "secretary",
        "Finance Ministry",
        "Monday",
        "Canada",
        "Lopez",
    ]
    lopez, lopez_again = annotation.mentions[0], annotation.mentions[-1]
    assert lopez.entity == lopez_again.entity  # one entity across passages
    assert [r.type for r in annotation.relations] == ["HAS_ROLE", "MEMBER_OF"]
    first, second = annotation.claims
    assert first.sources == (lopez.id,) and first.kind == "INTENTION"
    assert second.sources == (lopez_again.id,) and second.quote == "DIRECT"
    assert ARTICLE.text[second.cue.start : second.cue.end] == "said"
    assert second.cue.start > ARTICLE.text.index("\n")
    err = capsys.readouterr().err.splitlines()
    where = f"llm: {ARTICLE.id} passage 1/2: "
    assert err == [
        f"{where}mentions: not in the passage: '2,000'",
        f"{where}mentions: malformed: #7: type 'COUNTRY' is not one of {', '.join(MENTION_TYPES)}",
        f"{where}relations: refers to a dropped item: 'm7'",
    ]


def test_a_rerun_is_served_from_the_cache_with_identical_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ChatServer({FIRST: [FIRST_ANSWER], SECOND: [SECOND_ANSWER]}) as server:
        first_run = extractor(server, tmp_path, monkeypatch)
        first = first_run.extract([ARTICLE])
        second_run = extractor(server, tmp_path, monkeypatch)
        second = second_run.extract([ARTICLE])
    assert second == first and len(server.requests) == 2
    assert (first_run.report.answered, first_run.report.cached) == (2, 0)
    assert (second_run.report.answered, second_run.report.cached) == (0, 2)
    assert second_run.report.tokens["prompt"] == 0
    assert (
        second_run.report.cached_tokens
        == first_run.report.tokens
        == {"prompt": 2000, "completion": 400}
    )
    with ChatServer({FIRST: [FIRST_ANSWER], SECOND: [SECOND_ANSWER]}) as server:
        other_model = extractor(server, tmp_path, monkeypatch, model="other-model")
        other_model.extract([ARTICLE])
    assert other_model.report.answered == 2  # another model: asked anew


def test_an_unparseable_answer_or_no_answer_loses_that_passage_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    down = Recorded(status=503, error="overloaded")
    with ChatServer({FIRST: [MALFORMED], SECOND: [down]}) as server:
        run = extractor(server, tmp_path, monkeypatch)
        [annotation] = run.extract([ARTICLE])
    assert annotation == Annotation(ARTICLE.id)
    assert (run.report.unparseable, run.report.failed, run.report.answered) == (1, 1, 1)
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"llm: {ARTICLE.id} passage 1/2: unparseable answer: not JSON: Expecting ',' delimiter: "
        "line 1 column 43 (char 42)",
        f"llm: {ARTICLE.id} passage 2/2: no answer: HTTP 503: overloaded (after 0 retries)",
    ]
    with ChatServer({FIRST: [FIRST_ANSWER], SECOND: [SECOND_ANSWER]}) as server:
        again = extractor(server, tmp_path, monkeypatch)
        again.extract([ARTICLE])
    assert (again.report.cached, again.report.answered) == (1, 1)  # the failure was not kept
    assert again.report.unparseable == 1  # the unparseable answer was


def test_a_timeout_loses_that_passage_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with ChatServer({FIRST: [FIRST_ANSWER], SECOND: [Recorded(hold=True)]}) as server:
        run = extractor(server, tmp_path, monkeypatch, timeout=0.2)
        [annotation] = run.extract([ARTICLE])
    assert surfaces(annotation)[-1] == "Canada" and run.report.failed == 1
    assert "passage 2/2: no answer: no answer in 0.2 s, 0 retries" in capsys.readouterr().err


def test_an_endpoint_that_cannot_be_reached_ends_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ChatServer({}) as server:
        run = extractor(server, tmp_path, monkeypatch)
    with pytest.raises(BaselineError, match="cannot reach the endpoint"):
        run.extract([ARTICLE])


def train_corpus(folder: Path) -> CorpusStore:
    """The synthetic document with its gold in train, and the same text once more in test."""
    store = CorpusStore(folder)
    store.save_article(ARTICLE)
    store.save_annotation(make_synthetic_gold(ARTICLE), store.gold_path(ARTICLE.id))
    other = Article("other", ARTICLE.text.replace("Peru", "Chile"))
    store.save_article(other)
    write_json(store.splits_path, {"train": [ARTICLE.id], "dev": [], "test": [other.id]})
    return store


def test_examples_come_from_the_train_split_never_from_the_article_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = train_corpus(tmp_path / "corpus")
    keys = {"Chile": [FIRST_ANSWER], FIRST: [FIRST_ANSWER], SECOND: [SECOND_ANSWER]}
    with ChatServer(keys) as server:
        run = extractor(
            server,
            tmp_path / "cache",
            monkeypatch,
            examples=1,
            corpus=store.root,
            passage_chars=1000,
        )
        run.extract([store.load_article("other"), ARTICLE])
    [with_example] = [r for r in server.requests if "Chile" in r["messages"][-1]["content"]]
    [without] = [r for r in server.requests if r is not with_example]
    assert [m["role"] for m in with_example["messages"]] == ["system", "user", "assistant", "user"]
    assert with_example["messages"][1]["content"].endswith(ARTICLE.text)
    assert '"Maria Lopez"' in with_example["messages"][2]["content"]
    assert [m["role"] for m in without["messages"]] == ["system", "user"]  # its own gold: no
    assert run.run_report()["llm"]["examples"] == [ARTICLE.id]
    assert run.protocol.startswith("1 examples from the train split, prompt 1-")


def test_more_examples_than_train_documents_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = train_corpus(tmp_path / "corpus")
    with ChatServer({}) as server:
        run = extractor(server, tmp_path, monkeypatch, examples=2, corpus=store.root)
        with pytest.raises(BaselineError, match="2 examples asked for, but the train split"):
            run.extract([ARTICLE])
