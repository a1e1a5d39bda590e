"""Finding the server and keeping its credentials (the running server is the session fixture)."""

from __future__ import annotations

import stat

import pytest

from annotation.server import (
    EXECUTABLE_ENV,
    LabelStudioError,
    find_label_studio,
    is_healthy,
    load_credentials,
)


@pytest.fixture
def no_server_env(monkeypatch, tmp_path):
    monkeypatch.delenv(EXECUTABLE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    for name in ("LABEL_STUDIO_USERNAME", "LABEL_STUDIO_PASSWORD", "LABEL_STUDIO_USER_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def test_missing_server_names_the_install_command(no_server_env, tmp_path):
    with pytest.raises(LabelStudioError, match="python -m annotation install --data-dir"):
        find_label_studio(tmp_path / "data")


def test_installed_venv_is_found(no_server_env, tmp_path):
    executable = tmp_path / "data" / "venv" / "bin" / "label-studio"
    executable.parent.mkdir(parents=True)
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    assert find_label_studio(tmp_path / "data") == executable


def test_configured_executable_must_exist(no_server_env, monkeypatch, tmp_path):
    monkeypatch.setenv(EXECUTABLE_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(LabelStudioError, match=f"{EXECUTABLE_ENV}=.* is not an executable"):
        find_label_studio(tmp_path)


def test_generated_credentials_are_kept_owner_only(no_server_env, tmp_path):
    first, path = load_credentials(tmp_path)
    again, _ = load_credentials(tmp_path)
    assert first == again
    assert len(first.api_key) == 40 and len(first.password) >= 20
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_environment_overrides_stored_credentials(no_server_env, monkeypatch, tmp_path):
    monkeypatch.setenv("LABEL_STUDIO_USER_TOKEN", "k" * 41)
    with pytest.raises(LabelStudioError, match="at most 40 characters"):
        load_credentials(tmp_path)
    monkeypatch.setenv("LABEL_STUDIO_USER_TOKEN", "short-key")
    assert load_credentials(tmp_path)[0].api_key == "short-key"


def test_label_studio_server_is_healthy(label_studio):
    assert is_healthy(label_studio.url)
