"""python -m annotation.screenshots: the labeling views as a new annotator sees them, as PNGs.

Starts a Label Studio of its own (a temporary data folder, a free loopback port, found the way
``python -m annotation serve`` finds it), pushes the seed article with its gold annotation as
the pre-annotation, and saves one screenshot per view from headless Chromium (Debian's; needs
the ``test`` extra) into ``annotation/screenshots/``:

1. ``1-text.png``: the task as it opens: mentions coloured by type, contents grey, cues orange;
2. ``2-mention.png``: a pronoun selected, with its kind and entity;
3. ``3-claim.png``: a claim's content selected, with its four attributes;
4. ``4-links.png``: the Relations tab, one link hovered and so drawn, its label shown.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from annotation.browser import Words, chromium_path, labeling_page, open_task
from annotation.client import connect
from annotation.push import article_to_task, ensure_project
from annotation.server import (
    DEFAULT_DATA_DIR,
    Credentials,
    LabelStudioError,
    LabelStudioServer,
    find_label_studio,
    free_port,
)
from corpus.store import REPO_CORPUS, CorpusStore, load_annotation

if TYPE_CHECKING:
    from playwright.sync_api import Page

SEED_DOC_ID = "ecc15c41bcd53d94"
OUT = Path(__file__).parent / "screenshots"
PROJECT = "screenshots"


def _text(page: Page, text: str) -> None:
    """As the task opens."""


def _mention(page: Page, text: str) -> None:
    Words.find(text, "he", "Shoigu said ").click(page)


def _claim(page: Page, text: str) -> None:
    page.keyboard.press("u")
    Words.find(text, "carrying", "Shoigu said ").click(page)


def _links(page: Page, text: str) -> None:
    page.keyboard.press("u")
    page.locator(".lsf-panel-tabs__tab", has_text="Relations").first.click()
    item = page.locator(".lsf-relations__item").filter(has_text="CUE").first
    item.hover()
    item.get_by_label("Show Relation Labels").click()
    item.hover()


VIEWS: tuple[tuple[str, Callable[[Page, str], None]], ...] = (
    ("1-text.png", _text),
    ("2-mention.png", _mention),
    ("3-claim.png", _claim),
    ("4-links.png", _links),
)


def take_screenshots(
    url: str, user: Credentials, chromium: str, out: Path, doc_id: str = SEED_DOC_ID
) -> list[Path]:
    """Push the document with its gold to the server at ``url``; one PNG per view in ``out``."""
    store = CorpusStore(REPO_CORPUS)
    article = store.load_article(doc_id)
    task = article_to_task(article, load_annotation(store.gold_path(doc_id)), "gold")
    client = connect(url, user.api_key)
    project_id = ensure_project(client, PROJECT)
    client.projects.import_tasks(id=project_id, request=[task])
    tasks = client.tasks.list(project=project_id, include="id,data")
    task_id = max(t.id for t in tasks if t.data["doc_id"] == doc_id)  # the one just imported
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with labeling_page(url, user.username, user.password, chromium) as page:
        open_task(page, url, project_id, task_id)
        for name, show in VIEWS:
            show(page, article.text)
            temporary = out / f".{name}.tmp.png"
            page.screenshot(path=temporary)
            os.replace(temporary, out / name)
            written.append(out / name)
    return written


def _with_own_server(out: Path) -> list[Path]:
    """Screenshots from a Label Studio of their own, in a temporary data folder."""
    chromium = chromium_path()
    if chromium is None:
        raise LabelStudioError("no Chromium: apt-get install chromium, or set CLAIMWIRE_CHROMIUM")
    executable = find_label_studio(DEFAULT_DATA_DIR)
    user = Credentials(
        "screenshots@claimwire.local", secrets.token_urlsafe(18), secrets.token_hex(20)
    )
    with (
        tempfile.TemporaryDirectory(prefix="claimwire-screenshots-") as data_dir,
        LabelStudioServer(executable, Path(data_dir), free_port(), user) as server,
    ):
        return take_screenshots(server.url, user, chromium, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotation.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT, help="folder (%(default)s)")
    args = parser.parse_args(argv)
    try:
        for path in _with_own_server(args.out):
            print(path)
    except LabelStudioError as error:
        print(f"python -m annotation.screenshots: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
