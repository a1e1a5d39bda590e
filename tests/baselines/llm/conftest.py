"""The llm baseline's tests: an endpoint only from the environment the test sets."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    """No OPENAI_* variable of the machine reaches a test: each sets its own."""
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)
