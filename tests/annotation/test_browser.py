"""An annotator in headless Chromium, with the mouse and hotkeys only.

The first test works on the seed article and fills every kind of field of the schema (a
mention with kind PRO and an entity, a relation, a nested claim with cue, source, parent and
non-default attributes), submits, pulls, and compares the file with what it should be, ids in
text order. The second labels a word after non-BMP characters and a ``\\r\\n``: the offsets
Label Studio's browser stores are code points (see ``annotation.convert``).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from annotation.browser import Words, chromium_path, labeling_page, open_task
from annotation.config import choice_hotkeys, region_hotkeys
from annotation.guidelines import guidelines_version
from annotation.pull import pull
from annotation.push import push
from corpus.schema import Annotation, Claim, Entity, Mention, Relation, Span
from corpus.store import REPO_CORPUS, CorpusStore, read_json
from corpus.text import text_sha256
from tests.annotation.conftest import EMOJI_TEXT, server_missing, synthetic_article
from tests.conftest import SEED_DOC_ID

ANNOTATOR = "tester@claimwire.local"


@pytest.fixture(scope="module")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        server_missing("no Chromium (apt-get install chromium, or set CLAIMWIRE_CHROMIUM)")
    return path


def _press(page, hotkey: str) -> None:
    """A hotkey of the config (``t``, ``shift+d``) as Playwright spells it."""
    *modifiers, key = hotkey.split("+")
    page.keyboard.press("+".join([*(m.capitalize() for m in modifiers), key]))


def _label(page, label: str, *spans: Words) -> None:
    """A region of ``label`` over each span: its hotkey, then a drag over the words."""
    for words in spans:
        _press(page, region_hotkeys()[label])  # Label Studio lets go of it after each region
        words.select(page)


def _choose(
    page, region: Words, *keys: str, click: tuple[str, ...] = (), entity: str | None = None
) -> None:
    """Select the region at ``region``; press the hotkeys of ``keys``, click the choices of
    ``click`` (they must be on screen, beside the region's other controls); type its entity."""
    region.click(page)
    for value in keys:
        _press(page, choice_hotkeys()[value])
    for value in click:
        page.locator(
            "label.lsf-choice__checkbox", has=page.locator(f"input[name='{value}']")
        ).click()
    if entity is not None:
        page.fill("input[name=entity]", entity)
        page.keyboard.press("Enter")
    page.keyboard.press("u")  # unselect the region


def _link(page, source: Words, target: Words, label: str) -> None:
    """A relation from ``source`` to ``target`` (alt+r), labelled in the Relations tab."""
    page.locator(".lsf-panel-tabs__tab", has_text="Relations").first.click()
    items = page.locator(".lsf-relations__item")
    before = items.count()
    source.click(page)
    expect(page.locator(".htx-highlight.__active").first).to_be_visible()  # selected
    page.keyboard.press("Alt+R")
    target.click(page)
    expect(items).to_have_count(before + 1)
    item = items.last
    item.hover()
    item.get_by_label("Show Relation Labels").click()
    item.locator("[data-testid=select-trigger]").click()
    page.locator(f"[data-testid=select-option-{label}]").click()
    item.get_by_label("Hide Relation Labels").click()


def _submit(page) -> None:
    page.get_by_role("button", name="Submit").click()
    page.get_by_test_id("bottombar-update-button").wait_for()  # the server holds it


def _push_one(client, label_studio, article, title: str) -> tuple[int, int]:
    project_id = push(client, [article], title).project_id
    (task,) = client.tasks.list(project=project_id)
    return project_id, task.id


def test_annotator_fills_every_field_of_a_claim(chromium, label_studio, client, tmp_path):
    store = CorpusStore(tmp_path / "corpus")
    article = CorpusStore(REPO_CORPUS).load_article(SEED_DOC_ID)
    store.save_article(article)
    text = article.text

    def words(what: str, after: str = "") -> Words:
        return Words.find(text, what, after)

    sergei, secretary = words("Sergei Shoigu"), words("secretary")
    shoigu, putin = words("Shoigu", "two weeks.\n"), words("Putin", "special instructions")
    he = words("he", "carrying out what ")
    outer = words("he was carrying out what he said were “special instructions” from Putin")
    inner = words("were “special instructions” from Putin")
    outer_cue, inner_cue = words("said", "weeks.\nShoigu "), words("said", "out what he ")
    carrying, instructions = words("carrying", "weeks.\n"), words("instructions", "weeks.\n")

    project_id, task_id = _push_one(client, label_studio, article, "browser: claim")
    credentials = label_studio.credentials
    with labeling_page(
        label_studio.url, credentials.username, credentials.password, chromium
    ) as page:
        open_task(page, label_studio.url, project_id, task_id)
        _label(page, "PERSON", sergei, shoigu, he, putin)
        _label(page, "ROLE", secretary)
        _label(page, "CONTENT", outer, inner)
        _label(page, "CUE", outer_cue, inner_cue)
        _choose(page, sergei, "NAM", entity="Sergei Shoigu")
        _choose(page, shoigu, "NAM", entity="Sergei Shoigu")
        _choose(page, he, "PRO", entity="Sergei Shoigu")
        _choose(page, putin, "NAM")
        _choose(page, secretary, "NAM")
        _choose(page, carrying, click=("MIXED",))  # the outer content: only its quote differs
        _choose(page, instructions, "OPINION", "DIRECT", click=("DENY", "POSSIBLE"))
        _link(page, sergei, secretary, "HAS_ROLE")
        _link(page, outer_cue, carrying, "CUE_OF")
        _link(page, inner_cue, instructions, "CUE_OF")
        _link(page, shoigu, carrying, "SOURCE")
        _link(page, he, instructions, "SOURCE")
        _link(page, instructions, carrying, "NESTED_IN")
        _submit(page)
    report = pull(client, "browser: claim", store)
    assert report.problems == []

    def span(words: Words) -> Span:
        return Span(words.start, words.end)

    def mention(n: int, words: Words, type_: str, kind: str, entity: str) -> Mention:
        return Mention(
            f"m{n}", words.start, words.end, type_, kind, entity, text[words.start : words.end]
        )

    expected = Annotation(
        doc_id=SEED_DOC_ID,
        text_sha256=text_sha256(text),
        mentions=(
            mention(1, sergei, "PERSON", "NAM", "e1"),
            mention(2, secretary, "ROLE", "NAM", "e2"),
            mention(3, shoigu, "PERSON", "NAM", "e1"),
            mention(4, he, "PERSON", "PRO", "e1"),
            mention(5, putin, "PERSON", "NAM", "e3"),
        ),
        entities=(Entity("e1", "Sergei Shoigu"), Entity("e2", "secretary"), Entity("e3", "Putin")),
        relations=(Relation("r1", "HAS_ROLE", "m1", "m2"),),
        claims=(
            Claim("c1", span(outer), span(outer_cue), ("m3",), None, quote="MIXED"),
            Claim(
                "c2",
                span(inner),
                span(inner_cue),
                ("m4",),
                "c1",
                "DENY",
                "POSSIBLE",
                "OPINION",
                "DIRECT",
            ),
        ),
        guidelines=guidelines_version(),  # pull records the version annotators follow
    )
    assert read_json(store.annotation_path(ANNOTATOR, SEED_DOC_ID)) == expected.to_dict()


def test_offsets_after_emoji_and_crlf_are_code_points(chromium, label_studio, client, corpus_store):
    article = synthetic_article(EMOJI_TEXT)
    project_id, task_id = _push_one(client, label_studio, article, "browser: offsets")
    pyongyang = Words.find(EMOJI_TEXT, "Pyongyang")
    credentials = label_studio.credentials
    with labeling_page(
        label_studio.url, credentials.username, credentials.password, chromium
    ) as page:
        open_task(page, label_studio.url, project_id, task_id)
        _label(page, "GPE", pyongyang)
        _choose(page, pyongyang, "NAM")
        _submit(page)
    report = pull(client, "browser: offsets", corpus_store)
    assert report.problems == []
    (mention,) = read_json(corpus_store.annotation_path(ANNOTATOR, article.id))["mentions"]
    assert (mention["start"], mention["end"], mention["text"]) == (62, 71, "Pyongyang")
    assert EMOJI_TEXT[62:71] == "Pyongyang"  # in UTF-16 code units it would start at 65
