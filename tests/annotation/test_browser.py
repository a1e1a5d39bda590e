"""An annotator in headless Chromium: label a word by hotkey, submit, pull gets it back.

The word comes after non-BMP characters and a ``\\r\\n`` in the text, so this also checks
which offsets Label Studio's browser stores (code points; see ``annotation.convert``).
"""

from __future__ import annotations

import os
import shutil

import pytest

from annotation.config import label_hotkeys
from annotation.pull import pull
from annotation.push import push
from corpus.schema import MENTION_TYPES
from corpus.store import read_json
from tests.annotation.conftest import EMOJI_TEXT, server_missing

CHROMIUM = os.environ.get("CLAIMWIRE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# The viewport centre of the first occurrence of a word inside Label Studio's text area.
WORD_CENTRE = """(word) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(word);
    if (at >= 0 && node.parentElement.closest('[class*=richtext]')) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const box = range.getBoundingClientRect();
      return [box.x + box.width / 2, box.y + box.height / 2];
    }
  }
  return null;
}"""


@pytest.fixture(scope="module")
def chromium_path() -> str:
    if not os.path.exists(CHROMIUM):
        server_missing(f"no Chromium at {CHROMIUM}")
    return CHROMIUM


def test_annotator_labels_a_word_by_hotkey(chromium_path, label_studio, client, corpus_store):
    from playwright.sync_api import sync_playwright

    article = next(a for a in corpus_store.articles() if a.text == EMOJI_TEXT)
    project_id = push(client, [article], "browser").project_id
    (task,) = client.tasks.list(project=project_id)
    credentials = label_studio.credentials
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{label_studio.url}/user/login/")
            page.fill("input[name=email]", credentials.username)
            page.fill("input[name=password]", credentials.password)
            page.click("button[type=submit]")
            page.wait_for_url(lambda url: "/user/login" not in url)
            page.goto(f"{label_studio.url}/projects/{project_id}/data?task={task.id}")
            for label in (*MENTION_TYPES, "CONTENT", "CUE"):  # the config's labels are shown
                page.get_by_text(label, exact=True).first.wait_for(timeout=60_000)
            page.keyboard.press(label_hotkeys((*MENTION_TYPES, "CONTENT", "CUE"))["PERSON"])
            centre = page.evaluate(WORD_CENTRE, "Kim")
            assert centre is not None, "the task text is not shown"
            page.mouse.dblclick(*centre)
            page.get_by_role("button", name="Submit").click()
            for _ in range(80):  # the submission reaches the server within seconds
                if client.annotations.list(id=task.id):
                    break
                page.wait_for_timeout(250)
        finally:
            browser.close()
    report = pull(client, "browser", corpus_store)
    assert report.problems == []
    (path,) = report.written
    (mention,) = read_json(path)["mentions"]
    start = EMOJI_TEXT.index("Kim")
    assert (mention["start"], mention["end"], mention["text"]) == (start, start + 3, "Kim")
    assert (mention["type"], mention["kind"], mention["entity"]) == ("PERSON", "NAM", None)
