"""Requests to an OpenAI-compatible chat-completions endpoint, with the official ``openai``
client: temperature 0 and a seed, a timeout per attempt, and the client's own retries with
exponential backoff on timeouts, 429 and 5xx answers (it honours ``Retry-After``).

The answer is asked for as JSON in the strictest form the server takes: a JSON schema
(structured output), else a JSON object, else plain text that the prompt asks to be JSON; each
with the seed, else without it. A server that refuses a request (400) is asked in the next
way, and the way that it took is kept for the following requests.

Failures of one request (a timeout, a refusal, an overloaded server after the retries) raise
:class:`RequestFailed`, and the run goes on without that passage; failures that no other
request would escape (the server cannot be reached, refuses the key, does not know the
model) raise :class:`BaselineError`, which ends the run in one line.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import openai

from baselines.base import BaselineError
from baselines.llm.prompt import Message, answer_schema

# Sent as the key when OPENAI_API_KEY is unset: a local server that needs none takes any.
NO_KEY = "none"
# How the answer is asked for, strictest first: the form of the JSON, and with the seed or not.
JSON_FORMS: tuple[str, ...] = ("json_schema", "json_object", "plain")
ASKING: tuple[tuple[str, bool], ...] = tuple(
    (form, seeded) for form in JSON_FORMS for seeded in (True, False)
)


@dataclass(frozen=True)
class Reply:
    """A server's answer to one request: the message's text, why it ended ("stop",
    "length", …), its token usage, the form the JSON was asked in and whether with the seed."""

    content: str
    finish_reason: str | None
    prompt_tokens: int
    completion_tokens: int
    json_form: str
    seeded: bool

    @property
    def asked(self) -> str:
        """How it was asked for: "json_schema", "json_object, no seed", …"""
        return self.json_form if self.seeded else f"{self.json_form}, no seed"


class RequestFailed(Exception):
    """One request got no answer; the message says why, in one line."""


def endpoint() -> str | None:
    """The endpoint's address for messages: ``OPENAI_BASE_URL`` without any user, password,
    query or fragment in it (they may hold a secret); None when it is unset."""
    url = os.environ.get("OPENAI_BASE_URL")
    if not url:
        return None
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


def _response_format(form: str) -> dict[str, Any]:
    if form == "json_schema":
        schema = {"name": "claimwire_answer", "strict": True, "schema": answer_schema()}
        return {"response_format": {"type": "json_schema", "json_schema": schema}}
    if form == "json_object":
        return {"response_format": {"type": "json_object"}}
    return {}


def _said(error: openai.APIStatusError) -> str:
    """The status and the first line of the message the server gave with it, shortened."""
    said = error.body.get("message") if isinstance(error.body, dict) else error.body
    lines = str(said or "").strip().splitlines()
    return f"HTTP {error.status_code}" + (f": {lines[0][:200]}" if lines else "")


class ChatClient:
    """One model behind the endpoint of the environment; safe to share between threads."""

    def __init__(self, model: str, timeout: float, retries: int, seed: int) -> None:
        self.model = model
        self.timeout, self.retries, self.seed = timeout, retries, seed
        self._client = openai.OpenAI(
            api_key=os.environ.get("OPENAI_API_KEY") or NO_KEY,
            timeout=timeout,
            max_retries=retries,
        )
        self._first = 0  # index in ASKING of the strictest way the server takes
        self._lock = threading.Lock()

    def ask(self, messages: Sequence[Message]) -> Reply:
        """The answer to ``messages``; :class:`RequestFailed` or :class:`BaselineError`."""
        first = self._first
        refusal: openai.BadRequestError | None = None
        for index in range(first, len(ASKING)):
            form, seeded = ASKING[index]
            try:
                response = self._client.chat.completions.create(
                    model=self.model,
                    messages=list(messages),  # type: ignore[arg-type]
                    temperature=0,
                    **({"seed": self.seed} if seeded else {}),
                    **_response_format(form),
                )
            except openai.BadRequestError as error:
                refusal = refusal or error
                continue
            except openai.APIError as error:
                raise self._failure(error) from None
            if index != first:
                with self._lock:
                    self._first = max(self._first, index)
            return _reply(response, form, seeded)
        assert refusal is not None
        raise RequestFailed(f"refused however asked: {_said(refusal)}")

    def _failure(self, error: openai.APIError) -> Exception:
        where = f"llm: {endpoint() or 'the OpenAI API'}"
        if isinstance(error, openai.APITimeoutError):
            return RequestFailed(f"no answer in {self.timeout:g} s, {self.retries} retries")
        if isinstance(error, openai.APIConnectionError):
            return BaselineError(f"{where}: cannot reach the endpoint ({error.__cause__ or error})")
        if isinstance(
            error, (openai.AuthenticationError, openai.PermissionDeniedError, openai.NotFoundError)
        ):
            return BaselineError(f"{where}: model {self.model!r}: {_said(error)}")
        if isinstance(error, openai.APIStatusError):
            return RequestFailed(f"{_said(error)} (after {self.retries} retries)")
        return RequestFailed(f"not a chat completion: {error}")


def _reply(response: Any, form: str, seeded: bool) -> Reply:
    """The :class:`Reply` of a chat completion (without a message: empty); a
    :class:`RequestFailed` for an answer that is no chat completion (not kept in the cache)."""
    choices = getattr(response, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise RequestFailed("not a chat completion: it holds no choices")
    message, usage = getattr(choices[0], "message", None), getattr(response, "usage", None)
    return Reply(
        content=getattr(message, "content", None) or "",
        finish_reason=getattr(choices[0], "finish_reason", None),
        prompt_tokens=getattr(usage, "prompt_tokens", None) or 0,
        completion_tokens=getattr(usage, "completion_tokens", None) or 0,
        json_form=form,
        seeded=seeded,
    )
