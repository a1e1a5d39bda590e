"""A chat-completions server on loopback for tests: a real HTTP server that replays recorded
replies, so that the real ``openai`` client is tested without a model and without network."""

from __future__ import annotations

import json
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Recorded:
    """One recorded reply: an answer (``content``), or an error ``status`` with its
    ``error`` message, or another JSON ``body`` than a chat completion, or (``hold``) nothing
    until the server stops, so that the client times out."""

    content: str = ""
    body: Any = None
    status: int = 200
    error: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    hold: bool = False
    finish_reason: str = "stop"
    prompt_tokens: int = 1000
    completion_tokens: int = 200


def answer(**layers: list[dict[str, Any]]) -> Recorded:
    """A reply whose answer is the JSON object of ``layers`` (the others empty)."""
    empty: dict[str, list] = {"mentions": [], "relations": [], "claims": [], "claim_links": []}
    return Recorded(json.dumps(empty | layers, ensure_ascii=False))


NOT_RECORDED = Recorded(status=404, error="no reply recorded for this passage")


class ChatServer:
    """``POST …/chat/completions`` on 127.0.0.1 at a free port (``url`` is the base URL).

    A request is answered with the replies of the first key of ``replies`` that its last
    message holds, in turn (the last one again when they run out); with a 404 when no key
    matches; with a 400 when its ``response_format`` type is in ``refuse`` ("plain" when it has
    none) or, with ``refuse_seed``, when it has a seed. ``requests`` holds
    each request's JSON body and ``headers`` its headers (names in lower case), in the order
    they came.
    """

    def __init__(
        self,
        replies: Mapping[str, Sequence[Recorded]],
        refuse: Collection[str] = (),
        refuse_seed: bool = False,
    ) -> None:
        self.replies = {key: list(queue) for key, queue in replies.items()}
        self.refuse, self.refuse_seed = set(refuse), refuse_seed
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> ChatServer:
        threading.Thread(target=self._server.serve_forever, args=(0.01,), daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def reply_to(self, body: dict[str, Any], headers: dict[str, str]) -> Recorded:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            form = (body.get("response_format") or {}).get("type", "plain")
            if form in self.refuse:
                return Recorded(status=400, error=f"response_format {form} is not supported")
            if self.refuse_seed and "seed" in body:
                return Recorded(status=400, error="unrecognized request argument: seed")
            last = str(body["messages"][-1]["content"])
            queue = next((q for key, q in self.replies.items() if key in last), None)
            if queue is None:
                return NOT_RECORDED
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def hold(self) -> None:
        self._release.wait(timeout=30)


def _completion(model: str, reply: Recorded) -> dict[str, Any]:
    message = {"role": "assistant", "content": reply.content}
    usage = {
        "prompt_tokens": reply.prompt_tokens,
        "completion_tokens": reply.completion_tokens,
        "total_tokens": reply.prompt_tokens + reply.completion_tokens,
    }
    return {
        "id": "chatcmpl-recorded",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
        "usage": usage,
    }


def _handler(server: ChatServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if not self.path.endswith("/chat/completions"):
                self._send(404, {"error": {"message": f"no route {self.path}"}})
                return
            headers = {name.lower(): value for name, value in self.headers.items()}
            reply = server.reply_to(body, headers)
            if reply.hold:
                server.hold()
                return
            if reply.status != 200:
                self._send(reply.status, {"error": {"message": reply.error}}, reply.headers)
            elif reply.body is not None:
                self._send(200, reply.body, reply.headers)
            else:
                self._send(200, _completion(body["model"], reply), reply.headers)

        def _send(self, status: int, data: Any, headers: Mapping[str, str] | None = None) -> None:
            payload = json.dumps(data).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet

    return Handler
