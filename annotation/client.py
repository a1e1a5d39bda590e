"""The label-studio-sdk connection shared by push and pull: URL and key, project by title."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from collections.abc import Iterator
from typing import Any

import httpx
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError

from annotation.server import LabelStudioError

URL_ENV, KEY_ENV = "LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY"
DEFAULT_PROJECT = "claimwire"


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help=f"Label Studio URL (default: ${URL_ENV})")
    parser.add_argument("--api-key", help=f"Label Studio API key (default: ${KEY_ENV})")
    parser.add_argument("--project", default=DEFAULT_PROJECT, help="project title (%(default)s)")


def connect(url: str | None, api_key: str | None) -> LabelStudio:
    """A client for a reachable server that accepts ``api_key``; one clear error otherwise."""
    url = url or os.environ.get(URL_ENV)
    api_key = api_key or os.environ.get(KEY_ENV)
    if not url:
        raise LabelStudioError(f"no Label Studio URL: pass --url or set {URL_ENV}")
    if not api_key:
        raise LabelStudioError(f"no Label Studio API key: pass --api-key or set {KEY_ENV}")
    client = LabelStudio(base_url=url.rstrip("/"), api_key=api_key, timeout=120)
    with answers(url):
        try:
            client.users.whoami()
        except ApiError as error:
            if error.status_code in (401, 403):
                raise LabelStudioError(f"Label Studio at {url} rejected the API key") from None
            raise
    return client


@contextlib.contextmanager
def answers(url: str | None) -> Iterator[None]:
    """Turn what goes wrong between us and the server in the block (no connection, an error
    answer such as a 500) into a one-line :class:`LabelStudioError`."""
    where = f"Label Studio at {url or os.environ.get(URL_ENV)}"
    try:
        yield
    except httpx.TransportError as error:
        raise LabelStudioError(f"cannot reach {where}: {error}") from None
    except ApiError as error:
        body = error.body
        detail = body.get("detail") if isinstance(body, dict) else None
        reason = f": {str(detail).splitlines()[0]}" if detail else ""
        raise LabelStudioError(f"{where} answered {error.status_code}{reason}") from None


def find_project(client: LabelStudio, title: str) -> Any | None:
    """The project titled ``title``, None when there is none; an error when several are."""
    matches = [project for project in client.projects.list(title=title) if project.title == title]
    if len(matches) > 1:
        ids = ", ".join(str(project.id) for project in matches)
        raise LabelStudioError(f"several Label Studio projects are titled {title!r} (ids {ids})")
    return matches[0] if matches else None


def export_tasks(client: LabelStudio, project_id: int) -> list[dict[str, Any]]:
    """Every task of the project with its annotations, as Label Studio's JSON export."""
    chunks = client.projects.exports.download_sync(
        project_id, export_type="JSON", download_all_tasks=True
    )
    return json.loads(b"".join(chunks))


def user_names(client: LabelStudio) -> dict[int, str]:
    """User id -> email (or username when there is no email)."""
    return {user.id: user.email or user.username for user in client.users.list()}
