"""The writing practice in real Chromium: strokes drawn with the mouse along the stroke data's
own medians complete Hanzi Writer's quiz; a stroke in the wrong place is refused; progress is
kept in localStorage; the static site's copy works from disk (file://).

The strokes drawn come from the library (``character_index().strokes``), not from this file.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.strokes import StrokeData
from hanzi_companion.settings import demo_course_dir
from hanzi_companion.site import SiteReport, build_site, pages
from tests.browser.conftest import PageWatch, unavailable

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
# The README's pictures (tracked) are rewritten only on request, so a test run leaves the
# working tree clean; otherwise they go with the other screenshots (ignored).
ARTIFACTS = ROOT / "artifacts" / ("" if os.environ.get("UPDATE_ARTIFACTS") else "screenshots")
CHARACTER = "创"
STORAGE_KEY = "hanzi-companion:practice:"
# The data's box: 1024 units wide, y up, from y = -124 (bottom) to 900 (top); Hanzi Writer
# fits it into the board with the padding the page sets on the board (data-padding).
BOX = 1024
BOTTOM = -124


def _to_screen(page: Any, point: tuple[int, int]) -> tuple[float, float]:
    board = page.locator(".hc-practice-board")
    size = float(board.get_attribute("data-size"))
    padding = float(board.get_attribute("data-padding"))
    rect = board.locator("svg").bounding_box()
    scale = (size - 2 * padding) / BOX
    x, y = point
    return rect["x"] + padding + x * scale, rect["y"] + size - padding - (y - BOTTOM) * scale


def _draw(page: Any, median: tuple[tuple[int, int], ...]) -> None:
    page.locator(".hc-practice-board").scroll_into_view_if_needed()
    points = [_to_screen(page, p) for p in median]
    page.mouse.move(*points[0])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(x, y, steps=2)
    page.mouse.up()


def _status(page: Any) -> str:
    return str(page.locator(".hc-practice-status").inner_text())


def _wait_status(page: Any, pattern: str) -> None:
    page.wait_for_function(
        "(re) => new RegExp(re).test(document.querySelector('.hc-practice-status').textContent)",
        arg=pattern,
    )


def _draw_all(page: Any, strokes: StrokeData) -> None:
    for index, median in enumerate(strokes.medians):
        _draw(page, median)
        _wait_status(page, rf"Stroke {index + 1} is right|Character complete")


def _progress(page: Any) -> dict[str, Any]:
    raw = page.evaluate(f"() => localStorage.getItem({json.dumps(STORAGE_KEY + CHARACTER)})")
    assert raw, "the progress should be kept in localStorage"
    saved: dict[str, Any] = json.loads(raw)
    return saved


def test_quiz_refuses_a_wrong_stroke_and_completes_from_the_medians(
    page: Any, live_app: str, lexicon: Lexicon, screenshot: Any, page_log: PageWatch
) -> None:
    """Slow (about 9 s): 13 strokes drawn with the mouse, each checked by Hanzi Writer with
    its own animation, and the README's picture taken once the highlight has faded."""
    strokes = lexicon.character_index().strokes(CHARACTER)
    assert strokes is not None and strokes.count > 2
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_app}/char/{CHARACTER}")
    page.wait_for_selector(".hc-practice.hc-practice-ready")
    _wait_status(page, rf"Draw stroke 1 of {strokes.count}\.")
    # Nothing from a CDN: the library and the data come from this server.
    assert all(url.startswith(live_app) for url in requests), requests
    assert any(url.endswith("/api/strokes/%E5%88%9B.json") for url in requests)

    # The last stroke drawn first is in the wrong place: refused, nothing completes.
    _draw(page, strokes.medians[-1])
    _wait_status(page, r"Not quite: try stroke 1 again \(1 miss\)")
    assert page.locator(".hc-practice-summary").is_hidden()

    _draw_all(page, strokes)
    summary = page.locator(".hc-practice-summary")
    summary.wait_for(state="visible")
    text = summary.inner_text()
    assert f"{strokes.count} strokes" in text and "1 mistake" in text
    assert "stroke 1 (1 miss)" in text
    saved = _progress(page)
    assert saved["completed"] == 1 and saved["bestMistakes"] == 1
    assert "Completed 1 time" in page.locator(".hc-practice-progress").inner_text()
    page.locator(".hc-practice").scroll_into_view_if_needed()
    shot = screenshot(page, "quiz-complete")

    # Restart and write it cleanly: the count goes up, the best drops to 0.
    page.get_by_role("button", name="Restart").click()
    _wait_status(page, rf"Draw stroke 1 of {strokes.count}\.")
    _draw_all(page, strokes)
    summary.wait_for(state="visible")
    assert "0 mistakes" in summary.inner_text()
    saved = _progress(page)
    assert saved["completed"] == 2 and saved["bestMistakes"] == 0
    # The page's Content-Security-Policy (no inline script or style) let everything run.
    assert not [m for m in page_log.console if "Content Security Policy" in m], page_log.console

    # The picture kept beside the README: the practice section only, small.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 900, "height": 700})
    page.wait_for_timeout(1500)  # the completed character's highlight flash fades first
    page.locator(".hc-practice").screenshot(path=str(ARTIFACTS / "writing-practice-quiz.png"))
    assert shot.is_file()


def _touch_draw(page: Any, median: tuple[tuple[int, int], ...]) -> None:
    """A finger's stroke: real touch events through the DevTools protocol."""
    page.locator(".hc-practice-board").scroll_into_view_if_needed()
    points = [_to_screen(page, p) for p in median]
    session = page.context.new_cdp_session(page)
    try:
        session.send(
            "Input.dispatchTouchEvent",
            {"type": "touchStart", "touchPoints": [{"x": points[0][0], "y": points[0][1]}]},
        )
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            for step in range(1, 3):
                x, y = x0 + (x1 - x0) * step / 2, y0 + (y1 - y0) * step / 2
                session.send(
                    "Input.dispatchTouchEvent",
                    {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]},
                )
        session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        session.detach()


def test_quiz_by_finger_on_a_phone(touch_page: Any, live_app: str, lexicon: Lexicon) -> None:
    """Slow (about 5 s): every stroke is drawn by touch events, each checked by Hanzi Writer
    with its own animation."""
    strokes = lexicon.character_index().strokes(CHARACTER)
    assert strokes is not None
    page = touch_page
    page.goto(f"{live_app}/char/{CHARACTER}")
    page.wait_for_selector(".hc-practice.hc-practice-ready")
    page.locator(".hc-practice-board").scroll_into_view_if_needed()
    scroll = page.evaluate("() => window.scrollY")
    for index, median in enumerate(strokes.medians):
        _touch_draw(page, median)
        _wait_status(page, rf"Stroke {index + 1} is right|Character complete")
    page.locator(".hc-practice-summary").wait_for(state="visible")
    assert "0 mistakes" in page.locator(".hc-practice-summary").inner_text()
    # Drawing did not scroll the page (touch-action: none on the board).
    assert page.evaluate("() => window.scrollY") == scroll


def test_hint_after_three_misses(page: Any, live_app: str, lexicon: Lexicon) -> None:
    strokes = lexicon.character_index().strokes(CHARACTER)
    assert strokes is not None
    page.goto(f"{live_app}/char/{CHARACTER}")
    page.wait_for_selector(".hc-practice.hc-practice-ready")
    for misses in (1, 2, 3):
        _draw(page, strokes.medians[-1])
        _wait_status(page, rf"\({misses} miss(es)?\)")
    assert "highlighted" in _status(page)


def test_animate_and_sheet_links(page: Any, live_app: str) -> None:
    """Slow (about 8 s): the stroke-order animation plays in real time, as a student sees it."""
    page.goto(f"{live_app}/char/{CHARACTER}")
    page.wait_for_selector(".hc-practice.hc-practice-ready")
    page.get_by_role("button", name="Animate").click()
    _wait_status(page, "Animation done")
    for kind, mimetype in (("pdf", "application/pdf"), ("svg", "image/svg+xml")):
        href = page.locator(f".hc-practice-sheets a[href$='sheet.{kind}']").get_attribute("href")
        response = page.request.get(f"{live_app}{href}")
        assert response.ok and response.headers["content-type"].startswith(mimetype)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon) -> tuple[Path, SiteReport]:
    out = tmp_path_factory.mktemp("site-practice") / "public"
    return out, build_site(demo_course_dir(), out, lexicon)


def test_site_quiz_works_from_disk(
    page: Any, built: tuple[Path, SiteReport], lexicon: Lexicon
) -> None:
    """Slow (about 5 s): the strokes are drawn with the mouse on the static site's page, each
    checked by Hanzi Writer with its own animation."""
    root, report = built
    char = report.characters[0]
    strokes = lexicon.character_index().strokes(char)
    assert strokes is not None
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((root / pages.character_page(char)).resolve().as_uri())
    page.wait_for_selector(".hc-practice.hc-practice-ready")
    assert all(url.startswith("file://") for url in requests), requests
    _draw_all(page, strokes)
    page.locator(".hc-practice-summary").wait_for(state="visible")
    assert "0 mistakes" in page.locator(".hc-practice-summary").inner_text()
    # The sheets the page and the week page link to were written beside them.
    for kind in ("pdf", "svg"):
        assert (root / pages.practice_sheet(char, kind)).is_file()
    week = page.context.new_page()
    try:
        week.goto((root / pages.deck_page(report.decks[0])).resolve().as_uri())
        links = week.locator(".hc-practice-sheets a")
        assert links.count() == 2
        for index in range(2):
            href = links.nth(index).get_attribute("href")
            assert re.search(r"-sheet\.(pdf|svg)$", href)
            assert (root / "weeks" / href).resolve().is_file()
    finally:
        week.close()


def test_printed_sheet_page_rendered(tmp_path: Path, lexicon: Lexicon) -> None:
    """The printed sheet's first page as a PNG (poppler's pdftoppm) kept for the README."""
    from hanzi_companion.render.sheet import entry_from_profile, sheet_pdf

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        unavailable("pdftoppm (poppler-utils) is not installed")
    import subprocess

    pdf = tmp_path / "sheet.pdf"
    entry = entry_from_profile(lexicon.character(CHARACTER))
    pdf.write_bytes(sheet_pdf([entry], lexicon.settings.sheet_font_path))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / "practice-sheet-page1"
    subprocess.run(
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
        check=True,
    )
    assert target.with_suffix(".png").stat().st_size > 1000
