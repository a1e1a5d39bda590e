"""Answers kept on disk, by model, prompt version and messages."""

from __future__ import annotations

from pathlib import Path

from baselines.llm.cache import AnswerCache
from baselines.llm.client import Reply

REPLY = Reply('{"mentions": []}', "stop", 1200, 80, "json_schema", seeded=True)
ASKED = [{"role": "system", "content": "S"}, {"role": "user", "content": "SYNTHETIC passage"}]


def test_an_answer_is_kept_and_read_back(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path, "org/model:7b", "1-abcdef01")
    key = cache.key(ASKED)
    assert cache.get(key) is None
    cache.put(key, REPLY)
    assert cache.get(key) == REPLY
    assert cache.path(key) == tmp_path / "org-model-7b" / "1-abcdef01" / key[:2] / f"{key}.json"


def test_the_key_is_of_the_model_the_prompt_version_and_the_messages(tmp_path: Path) -> None:
    key = AnswerCache(tmp_path, "m", "1-a").key(ASKED)
    assert AnswerCache(tmp_path, "m", "1-a").key(list(ASKED)) == key
    others = [
        AnswerCache(tmp_path, "m2", "1-a").key(ASKED),
        AnswerCache(tmp_path, "m", "1-b").key(ASKED),
        AnswerCache(tmp_path, "m", "1-a").key([*ASKED[:1], {"role": "user", "content": "other"}]),
    ]
    assert key not in others and len(set(others)) == 3


def test_a_file_that_is_no_answer_is_a_miss_and_replaced(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path, "m", "1-a")
    key = cache.key(ASKED)
    cache.path(key).parent.mkdir(parents=True)
    for broken in ("{not json", '{"reply": {"content": 1}}', "[]"):
        cache.path(key).write_text(broken, encoding="utf-8")
        assert cache.get(key) is None
    cache.put(key, REPLY)
    assert cache.get(key) == REPLY
