"""Answers kept on disk, so that a re-run asks nothing again and gives identical results.

One JSON file per request, ``<root>/<model>/<prompt version>/<key[:2]>/<key>.json``; the key
is the SHA-256 of the model, the prompt version and the messages (the passage's text and the
examples among them), so another model, prompt, example or text is never served an answer
given to something else. Every answer the server gave is kept, an unparseable one too (asking
again at temperature 0 would cost the same for the same answer); a request that got no
answer is not. Files are written atomically; a file that does not read as an answer is a
miss, and is replaced.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from baselines.llm.client import Reply
from baselines.llm.prompt import Message
from baselines.llm.settings import model_slug
from corpus.store import CorpusError, read_json, write_json


class AnswerCache:
    """The answers of one model to one prompt version."""

    def __init__(self, root: Path, model: str, prompt_version: str) -> None:
        self.folder = root / model_slug(model) / prompt_version
        self.model, self.prompt_version = model, prompt_version

    def key(self, messages: Sequence[Message]) -> str:
        request = {"model": self.model, "prompt": self.prompt_version, "messages": list(messages)}
        return hashlib.sha256(json.dumps(request, sort_keys=True).encode("utf-8")).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Reply | None:
        """The answer kept under ``key``, or None."""
        path = self.path(key)
        if not path.is_file():
            return None
        try:
            return Reply(**read_json(path)["reply"])
        except (CorpusError, KeyError, TypeError):
            return None

    def put(self, key: str, reply: Reply) -> None:
        record = {
            "model": self.model,
            "prompt_version": self.prompt_version,
            "reply": asdict(reply),
        }
        write_json(self.path(key), record)
