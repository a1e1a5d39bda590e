"""The screenshot script, against the session's server: one PNG per view, of the labeling page."""

from __future__ import annotations

from annotation.browser import VIEWPORT, chromium_path
from annotation.screenshots import VIEWS, take_screenshots
from tests.annotation.conftest import server_missing

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_one_screenshot_per_view(label_studio, tmp_path):
    chromium = chromium_path()
    if chromium is None:
        server_missing("no Chromium (apt-get install chromium, or set CLAIMWIRE_CHROMIUM)")
    written = take_screenshots(label_studio.url, label_studio.credentials, chromium, tmp_path)
    assert [path.name for path in written] == [name for name, _ in VIEWS]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(name for name, _ in VIEWS)
    for path in written:
        data = path.read_bytes()
        assert data.startswith(PNG_SIGNATURE)
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])
