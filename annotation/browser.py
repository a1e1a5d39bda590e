"""Label Studio's labeling page in headless Chromium, driven as a person drives it.

Used by ``tests/annotation/test_browser.py`` and ``annotation/screenshots.py``. Needs the
``test`` extra (Playwright) and Debian's Chromium (never downloads a browser).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM_ENV = "CLAIMWIRE_CHROMIUM"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1500, "height": 1000}
LOAD_TIMEOUT = 60_000  # ms: the first page of a fresh server compiles its bundles

# The viewport boxes of characters [start, end) of one line of the Text tag (UTF-16 offsets).
_SPAN_BOXES = """([line, start, end]) => {
  const element = document.querySelectorAll('.lsf-richtext__line')[line];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let position = 0, started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.data.length;
    if (!started && start < position + length) {
      range.setStart(node, start - position);
      started = true;
    }
    if (started && end <= position + length) {
      range.setEnd(node, end - position);
      return [...range.getClientRects()].map(r => [r.left, r.top, r.right, r.bottom]);
    }
    position += length;
  }
  return null;
}"""


def chromium_path() -> str | None:
    """Debian's Chromium (or ``CLAIMWIRE_CHROMIUM``), None when there is none."""
    path = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or "/usr/bin/chromium"
    return path if os.path.exists(path) else None


@contextmanager
def labeling_page(url: str, username: str, password: str, chromium: str) -> Iterator[Page]:
    """A page of headless Chromium logged in to Label Studio at ``url``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(f"{url}/user/login/")
            page.fill("input[name=email]", username)
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            page.wait_for_url(lambda address: "/user/login" not in address)
            yield page
        finally:
            browser.close()


def open_task(page: Page, url: str, project_id: int, task_id: int) -> None:
    """The labeling view of one task, once its text is shown and its hotkeys are bound."""
    page.goto(f"{url}/projects/{project_id}/data?task={task_id}")
    page.locator(".lsf-richtext__line").first.wait_for(timeout=LOAD_TIMEOUT)
    page.wait_for_load_state("networkidle")


@dataclass(frozen=True)
class Words:
    """Characters ``[start, end)`` of the article text as shown on the page."""

    text: str
    start: int
    end: int

    @classmethod
    def find(cls, text: str, words: str, after: str = "") -> Words:
        """The first ``words`` in ``text`` after the first ``after``."""
        start = text.index(words, text.index(after) + len(after) if after else 0)
        return cls(text, start, start + len(words))

    def _line(self) -> tuple[int, int, int]:
        """(line, start, end) in the page's lines: one per ``\\n`` or ``\\r``, UTF-16 units."""
        line_start = max(self.text.rfind("\n", 0, self.start), self.text.rfind("\r", 0, self.start))
        line = self.text.count("\n", 0, self.start) + self.text.count("\r", 0, self.start)

        def units(a: int, b: int) -> int:
            return len(self.text[a:b].encode("utf-16-le")) // 2

        return line, units(line_start + 1, self.start), units(line_start + 1, self.end)

    def boxes(self, page: Page) -> list[tuple[float, float, float, float]]:
        boxes = page.evaluate(_SPAN_BOXES, list(self._line()))
        if not boxes:
            raise LookupError(f"{self.text[self.start : self.end]!r} is not on the page")
        return [tuple(box) for box in boxes if box[2] > box[0]]

    def centre(self, page: Page) -> tuple[float, float]:
        left, top, right, bottom = self.boxes(page)[0]
        return (left + right) / 2, (top + bottom) / 2

    def select(self, page: Page) -> None:
        """Select the words with the mouse, as a person does: a drag from first to last."""
        boxes = self.boxes(page)
        (left, top, _, bottom), (_, top2, right, bottom2) = boxes[0], boxes[-1]
        page.mouse.move(left + 1, (top + bottom) / 2)
        page.mouse.down()
        page.mouse.move(right - 1, (top2 + bottom2) / 2, steps=5)
        page.mouse.up()

    def click(self, page: Page) -> None:
        """Click in the middle of the words (selects the innermost region there)."""
        page.mouse.click(*self.centre(page))
