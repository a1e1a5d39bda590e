"""The real ``openai`` client against a real chat-completions server on loopback."""

from __future__ import annotations

import json

import pytest

from baselines.base import BaselineError
from baselines.llm.client import NO_KEY, ChatClient, RequestFailed, endpoint
from baselines.llm.prompt import answer_schema, messages
from tests.baselines.llm.chat_server import ChatServer, Recorded, answer

PASSAGE = "SYNTHETIC: Ana Reyes said the bridge would reopen."
ANSWER = answer(
    mentions=[
        {
            "id": "m1",
            "text": "Ana Reyes",
            "context": None,
            "type": "PERSON",
            "kind": "NAM",
            "entity": None,
        }
    ]
)
RETRY_NOW = {"retry-after-ms": "1"}  # the client's backoff honours it: no waiting in tests


def client(server: ChatServer, monkeypatch: pytest.MonkeyPatch, **settings: float) -> ChatClient:
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    options = {"timeout": 5.0, "retries": 2, "seed": 0} | settings
    return ChatClient(
        "test-model", options["timeout"], int(options["retries"]), int(options["seed"])
    )


def test_a_request_asks_for_the_answer_schema_at_temperature_0_with_a_seed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with ChatServer({"Ana Reyes": [ANSWER]}) as server:
        reply = client(server, monkeypatch).ask(messages(PASSAGE))
    assert json.loads(reply.content)["mentions"][0]["text"] == "Ana Reyes"
    assert (reply.prompt_tokens, reply.completion_tokens, reply.finish_reason) == (
        1000,
        200,
        "stop",
    )
    [body] = server.requests
    assert body["model"] == "test-model" and body["temperature"] == 0 and body["seed"] == 0
    schema = body["response_format"]["json_schema"]
    assert body["response_format"]["type"] == "json_schema" and schema["strict"] is True
    assert schema["schema"] == answer_schema()
    assert body["messages"][-1]["content"].endswith(PASSAGE)
    assert server.headers[0]["authorization"] == f"Bearer {NO_KEY}"  # no key: any will do


def test_the_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    with ChatServer({"Ana Reyes": [ANSWER]}) as server:
        client(server, monkeypatch).ask(messages(PASSAGE))
    assert server.headers[0]["authorization"] == "Bearer sk-test-secret"


def test_a_server_that_refuses_a_schema_is_asked_for_a_json_object_from_then_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with ChatServer({"Ana Reyes": [ANSWER]}, refuse={"json_schema"}) as server:
        chat = client(server, monkeypatch)
        first, second = chat.ask(messages(PASSAGE)), chat.ask(messages(PASSAGE))
    assert first.asked == second.asked == "json_object"
    forms = [body.get("response_format", {}).get("type") for body in server.requests]
    assert forms == ["json_schema", "json_schema", "json_object", "json_object"]
    assert [("seed" in body) for body in server.requests] == [True, False, True, True]


def test_a_server_that_refuses_a_seed_is_asked_without(monkeypatch: pytest.MonkeyPatch) -> None:
    with ChatServer({"Ana Reyes": [ANSWER]}, refuse_seed=True) as server:
        chat = client(server, monkeypatch)
        first, second = chat.ask(messages(PASSAGE)), chat.ask(messages(PASSAGE))
    assert first.asked == second.asked == "json_schema, no seed"
    assert [("seed" in body) for body in server.requests] == [True, False, False]
    assert all(body["response_format"]["type"] == "json_schema" for body in server.requests)


def test_a_server_that_takes_no_json_form_is_asked_in_plain_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with ChatServer({"Ana Reyes": [ANSWER]}, refuse={"json_schema", "json_object"}) as server:
        reply = client(server, monkeypatch).ask(messages(PASSAGE))
    assert reply.asked == "plain" and "response_format" not in server.requests[-1]


def test_a_request_refused_in_every_form_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse = {"json_schema", "json_object", "plain"}
    with ChatServer({"Ana Reyes": [ANSWER]}, refuse=refuse) as server:
        chat = client(server, monkeypatch)
        with pytest.raises(RequestFailed, match="refused however asked: HTTP 400: "):
            chat.ask(messages(PASSAGE))
    assert len(server.requests) == 6  # three forms, with and without the seed


def test_429_then_success_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    busy = Recorded(status=429, error="rate limited", headers=RETRY_NOW)
    with ChatServer({"Ana Reyes": [busy, ANSWER]}) as server:
        reply = client(server, monkeypatch).ask(messages(PASSAGE))
    assert json.loads(reply.content)["mentions"] and len(server.requests) == 2


def test_a_5xx_after_the_retries_fails_this_request(monkeypatch: pytest.MonkeyPatch) -> None:
    down = Recorded(status=503, error="overloaded\nsecond line", headers=RETRY_NOW)
    with ChatServer({"Ana Reyes": [down]}) as server:
        chat = client(server, monkeypatch, retries=1)
        with pytest.raises(RequestFailed, match=r"^HTTP 503: overloaded \(after 1 retries\)$"):
            chat.ask(messages(PASSAGE))
    assert len(server.requests) == 2


@pytest.mark.parametrize("body", [{}, {"choices": []}, [1, 2]])
def test_an_answer_that_is_no_chat_completion_fails_this_request(
    monkeypatch: pytest.MonkeyPatch, body: object
) -> None:
    with ChatServer({"Ana Reyes": [Recorded(body=body)]}) as server:
        chat = client(server, monkeypatch)
        with pytest.raises(RequestFailed, match="not a chat completion"):
            chat.ask(messages(PASSAGE))


def test_a_timeout_fails_this_request(monkeypatch: pytest.MonkeyPatch) -> None:
    with ChatServer({"Ana Reyes": [Recorded(hold=True)]}) as server:
        chat = client(server, monkeypatch, timeout=0.2, retries=0)
        with pytest.raises(RequestFailed, match=r"no answer in 0.2 s, 0 retries"):
            chat.ask(messages(PASSAGE))


@pytest.mark.parametrize("status", [401, 403, 404])
def test_a_wrong_key_or_model_ends_the_run(monkeypatch: pytest.MonkeyPatch, status: int) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    refused = Recorded(status=status, error="no such model or key")
    with ChatServer({"Ana Reyes": [refused]}) as server:
        chat = client(server, monkeypatch)
        with pytest.raises(BaselineError) as error:
            chat.ask(messages(PASSAGE))
    message = str(error.value)
    assert message == f"llm: {server.url}: model 'test-model': HTTP {status}: no such model or key"
    assert "sk-test-secret" not in message


def test_an_endpoint_that_cannot_be_reached_ends_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    with ChatServer({}) as server:
        url = server.url
    monkeypatch.setenv("OPENAI_BASE_URL", url)  # the server is gone: its port is closed
    chat = ChatClient("test-model", timeout=5.0, retries=0, seed=0)
    with pytest.raises(BaselineError, match=f"^llm: {url}: cannot reach the endpoint"):
        chat.ask(messages(PASSAGE))


def test_the_endpoint_is_named_without_what_may_be_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    assert endpoint() is None
    monkeypatch.setenv("OPENAI_BASE_URL", "https://user:pw@example.org:8443/v1?key=abc#x")
    assert endpoint() == "https://example.org:8443/v1"
