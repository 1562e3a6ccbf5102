"""The web pages in real Chromium against the real app on a real WSGI server.

What a page should show comes from the library (the session ``lexicon``), not from answers
written here.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import sqlite3
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.decks import read_deck
from tests.browser.conftest import PageWatch

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data"

SEARCH_BOX = "main form[role=search] input[name=q]"
# A character that is in every CJK font but far from the most common few hundred, and its
# traditional-only counterpart of a common one: both need a real CJK font, not a fallback.
RARE_CHARACTERS = ("鑫", "創")
# Codepoints no font draws (a noncharacter and an unassigned plane-14 codepoint): what a
# missing glyph looks like in this browser.
MISSING = ("\U0010fffd", "\U000e0fff")


def test_search_flow_from_the_home_page(
    page: Any, live_app: str, lexicon: Lexicon, screenshot: Any
) -> None:
    """Slow (seconds): a real browser searches three ways and follows the results."""
    # Characters, pinyin without tones and English: the kind is detected.
    for query in ("城市", "chengshi", "city"):
        results = lexicon.search(query, limit=60)
        assert results.hits, f"the dictionary should know {query!r}"
        page.goto(f"{live_app}/")
        box = page.locator(SEARCH_BOX)
        box.fill(query)
        box.press("Enter")
        page.wait_for_url(re.compile(r"/search\?"))
        items = page.locator(".hc-result")
        assert items.count() == len(results.hits)
        for index, hit in enumerate(results.hits[:3]):
            head = items.nth(index).locator(".hc-result-head")
            assert hit.entry.simplified in head.inner_text()
        assert page.locator("h1").inner_text().endswith(query)
        screenshot(page, f"results-{results.kind.value}")
        # Into the first result: its page shows the word, its reading and its meanings.
        first = results.hits[0].entry
        items.first.locator(".hc-result-head").click()
        page.wait_for_url(re.compile(r"/(word|char)/"))
        assert first.simplified in page.locator("h1").inner_text()
        body = unicodedata.normalize("NFC", page.locator("main").inner_text())
        assert unicodedata.normalize("NFC", first.definitions[0]) in body
        assert unicodedata.normalize("NFC", first.pinyin).replace(" ", "") in body.replace(" ", "")
        screenshot(page, f"entry-{results.kind.value}")


def test_an_unknown_query_gets_a_helpful_page(
    page: Any, live_app: str, lexicon: Lexicon, screenshot: Any
) -> None:
    query = "qzxv"
    assert not lexicon.search(query).hits, "the test query must be unknown to the dictionary"
    page.goto(f"{live_app}/")
    page.locator(SEARCH_BOX).fill(query)
    with page.expect_navigation() as navigation:
        page.locator(SEARCH_BOX).press("Enter")
    assert navigation.value is not None and navigation.value.status < 500
    assert "/search?" in page.url
    notice = page.locator("main [role=status], main [role=alert]")
    assert query in notice.first.inner_text()
    # A way on: suggestions to follow, and a search box to try again.
    assert page.locator("main a[href*='/search?q=']").count() > 0
    assert page.locator("form[role=search] input[name=q]").count() > 0
    screenshot(page, "unknown")


def glyph_report(page: Any, selector: str, probes: tuple[str, ...]) -> dict[str, Any]:
    """Draw each probe in the element's own font on a canvas: ink and the exact pixels."""
    return page.eval_on_selector(
        selector,
        """(el, probes) => {
            const style = getComputedStyle(el);
            const font = `${style.fontStyle} ${style.fontWeight} 48px ${style.fontFamily}`;
            const canvas = document.createElement('canvas');
            canvas.width = canvas.height = 64;
            const ctx = canvas.getContext('2d');
            const out = {font: style.fontFamily, glyphs: {}};
            for (const text of probes) {
                ctx.clearRect(0, 0, 64, 64);
                ctx.font = font;
                ctx.textBaseline = 'top';
                ctx.fillText(text, 4, 4);
                const data = ctx.getImageData(0, 0, 64, 64).data;
                let ink = 0, bits = '';
                for (let i = 3; i < data.length; i += 4) {
                    const on = data[i] > 127;
                    ink += on;
                    bits += on ? '1' : '0';
                }
                out.glyphs[text] = {ink, bits};
            }
            return out;
        }""",
        list(probes),
    )


def platform_fonts(page: Any, selector: str) -> list[str]:
    """The fonts Chromium really drew an element's text with (DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return [font["familyName"] for font in fonts]
    finally:
        session.detach()


def assert_real_cjk_glyph(page: Any, selector: str, char: str) -> None:
    """The character is drawn by a font that has it: not blank, not the missing-glyph box."""
    other = "人" if char != "人" else "口"
    report = glyph_report(page, selector, (char, other, *MISSING))
    glyphs = report["glyphs"]
    missing = [glyphs[probe]["bits"] for probe in MISSING]
    assert glyphs[char]["ink"] > 40, f"{char} drew (almost) nothing in {report['font']}"
    is_box = glyphs[char]["bits"] in missing
    assert not is_box, f"{char} is drawn as the missing-glyph box: no CJK font in {report['font']}"
    same = glyphs[char]["bits"] == glyphs[other]["bits"]
    assert not same, f"{char} and {other} look the same (fallback boxes) in {report['font']}"
    # And Chromium's own account of the font that drew it: one that has the character.
    drawn_with = platform_fonts(page, selector)
    covering = fonts_covering(char)
    if covering is not None:
        assert set(drawn_with) & covering, (
            f"{char} was drawn with {drawn_with}; the fonts that have it: {sorted(covering)}"
        )


def fonts_covering(char: str) -> set[str] | None:
    """Font families fontconfig (Chromium's font source on Linux) says have ``char``."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    listed = subprocess.run(
        [fc_list, f":charset={ord(char):x}", "family"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name.strip() for line in listed.splitlines() for name in line.split(",") if name}


def test_a_character_page_draws_cjk_glyphs(
    page: Any, live_app: str, lexicon: Lexicon, screenshot: Any
) -> None:
    # From the home page's character of the week (the bundled demo course has one).
    page.goto(f"{live_app}/")
    weekly = page.locator(".hc-cotw-big").first
    char = weekly.inner_text()
    weekly.click()
    page.wait_for_url(re.compile(r"/char/"))
    assert page.locator("h1 [lang^=zh]").first.inner_text() == char
    assert_real_cjk_glyph(page, "h1 [lang^=zh]", char)
    screenshot(page, "character-of-the-week")
    for char in RARE_CHARACTERS:
        assert lexicon.lookup(char), f"{char} should be in the dictionary"
        page.goto(f"{live_app}/char/{char}")
        title = page.locator("h1 [lang^=zh]").first
        assert title.inner_text() == char
        assert title.get_attribute("lang") in ("zh-Hans", "zh-Hant", "zh")
        assert_real_cjk_glyph(page, "h1 [lang^=zh]", char)
        screenshot(page, f"character-{ord(char):X}")


def test_deck_upload_glossary_and_downloads(
    page: Any, live_app: str, lexicon: Lexicon, tmp_path: Path, screenshot: Any
) -> None:
    deck = DATA / "slides.html"
    glossary = build_glossary(read_deck(deck), lexicon)
    assert glossary.terms, "the fixture deck has Chinese terms"
    page.goto(f"{live_app}/deck")
    page.get_by_label("Deck file").set_input_files(str(deck))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/deck$"))
    main = page.locator("main")
    main.locator("h1").wait_for()
    screenshot(page, "glossary")
    shown = main.inner_text()
    missing = [term.term for term in glossary.terms if term.term not in shown]
    assert not missing, f"terms of the deck missing from its glossary page: {missing}"
    # The Anki package: a real zip holding an Anki collection with a note for every term.
    with page.expect_download() as info:
        main.get_by_role("button", name=re.compile("Anki", re.I)).click()
    apkg = tmp_path / info.value.suggested_filename
    info.value.save_as(apkg)
    assert apkg.suffix == ".apkg"
    fields = anki_note_fields(apkg, tmp_path / "unpacked")
    absent = [term.term for term in glossary.terms if not any(term.term in f for f in fields)]
    assert not absent, f"terms without an Anki note: {absent}"
    # The glossary JSON for the slide popups: the same terms, in the same order.
    with page.expect_download() as info:
        main.get_by_role("button", name=re.compile("JSON", re.I)).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert [t["term"] for t in document["terms"]] == [t.term for t in glossary.terms]


def anki_note_fields(apkg: Path, folder: Path) -> list[str]:
    """Every note's fields in an .apkg (a zip around an SQLite collection)."""
    with zipfile.ZipFile(apkg) as package:
        names = set(package.namelist())
        collection = next(
            (name for name in ("collection.anki21", "collection.anki2") if name in names), None
        )
        assert collection, f"no Anki collection in the package: {sorted(names)}"
        package.extract(collection, folder)
    with contextlib.closing(sqlite3.connect(folder / collection)) as db:
        return [row[0] for row in db.execute("SELECT flds FROM notes")]


AUDIT = (Path(__file__).parent / "audit.js").read_text(encoding="utf-8")


def app_urls(page: Any, live_app: str) -> list[str]:
    """One URL of every kind of page, found by following the app's own links."""
    urls = [
        f"{live_app}/",
        f"{live_app}/search?q=city",
        f"{live_app}/search?q=chengshi",
        f"{live_app}/search?q=qzxv",
        f"{live_app}/course",
        f"{live_app}/deck",
        f"{live_app}/about",
        f"{live_app}/no-such-page",
    ]
    page.goto(urls[0])
    urls.append(page.locator(".hc-cotw-big").first.evaluate("a => a.href"))
    page.goto(urls[1])
    heads = page.locator(".hc-result-head").evaluate_all("els => els.map(a => a.href)")
    urls.append(next(href for href in heads if "/word/" in href))
    page.goto(f"{live_app}/course")
    urls.append(page.locator(".hc-week h2 a").first.evaluate("a => a.href"))
    return urls


def upload_deck(page: Any, live_app: str, deck: Path) -> None:
    page.goto(f"{live_app}/deck")
    page.get_by_label("Deck file").set_input_files(str(deck))
    page.locator("main form button[type=submit]").click()
    page.locator("main h1").wait_for()


def test_pages_pass_an_accessibility_audit(page: Any, live_app: str, page_log: PageWatch) -> None:
    """Names and labels, image alternatives and text contrast, in light and dark mode."""
    problems = []
    urls = app_urls(page, live_app)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for url in urls:
            page.goto(url)
            found = page.evaluate(AUDIT, {"lang": False})
            problems += [f"{scheme} {url}: {problem}" for problem in found]
        upload_deck(page, live_app, DATA / "slides.html")
        found = page.evaluate(AUDIT, {"lang": False})
        problems += [f"{scheme} deck glossary page: {problem}" for problem in found]
    assert not problems, "\n".join(problems)
    # The pages' own Content-Security-Policy blocks nothing they use (inline styles included).
    blocked = [line for line in page_log.console if "Content Security Policy" in line]
    assert not blocked, "\n".join(blocked)


# Loads every image (lazy ones too) and answers the sources of those that fail.
LOAD_IMAGES = """async imgs => {
    await Promise.all(imgs.map(img => {
        img.loading = 'eager';
        return img.complete ? null : new Promise(done => {
            img.addEventListener('load', done);
            img.addEventListener('error', done);
        });
    }));
    return imgs.filter(img => !img.naturalWidth).map(img => img.src);
}"""


def test_pages_fit_a_phone_and_load_everything_from_the_app(
    page: Any, live_app: str, screenshot: Any
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    urls = app_urls(page, live_app)
    page.set_viewport_size({"width": 375, "height": 740})
    too_wide, broken = [], []
    for url in [*urls, "deck glossary"]:
        if url == "deck glossary":
            upload_deck(page, live_app, DATA / "slides.html")
        else:
            page.goto(url)
        broken += page.eval_on_selector_all("img", LOAD_IMAGES)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            too_wide.append(f"{url}: {width[0]}px wide in a {width[1]}px screen")
            screenshot(page, f"phone-too-wide-{len(too_wide)}")
    screenshot(page, "phone-deck-glossary")
    assert not too_wide, "\n".join(too_wide)
    assert not broken, f"images that did not load: {broken}"
    elsewhere = [url for url in requested if not url.startswith((live_app, "data:", "blob:"))]
    assert not elsewhere, f"pages fetched from outside the app: {elsewhere}"


def test_search_with_the_keyboard_alone(page: Any, live_app: str, lexicon: Lexicon) -> None:
    page.goto(f"{live_app}/search?q=city")
    # The first Tab reaches a visible "skip to content" link that moves focus to the content.
    page.keyboard.press("Tab")
    skip = page.evaluate("[document.activeElement.tagName, document.activeElement.hash]")
    assert skip == ["A", "#main"]
    box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
    assert box["width"] > 1 and box["top"] >= 0 and box["height"] > 1
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Back to the header's search box, type, submit, and follow the first result.
    page.locator("header input[name=q]").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("chengshi")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=chengshi"))
    first = lexicon.search("chengshi").hits[0].entry
    page.locator(".hc-result-head").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(word|char)/"))
    assert first.simplified in page.locator("h1").inner_text()


def test_a_too_large_upload_gets_a_clear_page(
    page: Any, live_app: str, tmp_path: Path, screenshot: Any
) -> None:
    """The browser must show the app's page, not a connection reset, for a 3 MB deck."""
    from hanzi_companion.web import MAX_UPLOAD_BYTES

    big = tmp_path / "huge-deck.md"
    line = "# 城市 city\n\n" + "城市化 urbanisation and more words on a long slide\n" * 20 + "---\n"
    big.write_text(line * (MAX_UPLOAD_BYTES * 3 // 2 // len(line.encode("utf-8"))), "utf-8")
    assert big.stat().st_size > MAX_UPLOAD_BYTES
    page.goto(f"{live_app}/deck")
    page.get_by_label("Deck file").set_input_files(str(big))
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    response = navigation.value
    assert response is not None and response.status == 413
    text = page.locator("main").inner_text()
    assert re.search(r"\b2\s*MB\b", text), text
    assert page.locator("form[role=search]").count() > 0  # a page of the app, not a bare error
    screenshot(page, "too-large")


def test_the_stroke_order_animation_moves(page: Any, live_app: str) -> None:
    page.goto(f"{live_app}/")
    page.locator(".hc-cotw-big").first.click()
    page.wait_for_url(re.compile(r"/char/"))
    animation = page.locator("img[src*='animation']").first
    animation.scroll_into_view_if_needed()
    frames = []
    for _ in range(4):
        frames.append(animation.screenshot())
        page.wait_for_timeout(700)
    assert len(set(frames)) > 1, "the stroke-order animation shows the same picture throughout"


def test_course_page_downloads_the_whole_course_for_anki(
    page: Any, live_app: str, tmp_path: Path, screenshot: Any
) -> None:
    page.goto(f"{live_app}/course")
    screenshot(page, "course")
    weeks = page.locator(".hc-week h2 a").evaluate_all("els => els.map(a => a.href)")
    assert weeks, "the bundled demo course has a deck"
    # Every term of every week's glossary (as the app serves it in JSON) gets a note.
    terms = []
    for week in weeks:
        answer = page.request.get(f"{week}.json")
        assert answer.ok, f"{week}.json answered {answer.status}"
        terms += [term["term"] for term in answer.json()["terms"]]
    assert terms
    with page.expect_download() as info:
        page.locator("main").get_by_role("link", name=re.compile("Anki", re.I)).first.click()
    apkg = tmp_path / info.value.suggested_filename
    info.value.save_as(apkg)
    assert apkg.suffix == ".apkg"
    fields = anki_note_fields(apkg, tmp_path / "unpacked")
    absent = [term for term in terms if not any(term in f for f in fields)]
    assert not absent, f"course terms without an Anki note: {absent}"


def test_chinese_text_carries_a_chinese_lang(page: Any, live_app: str) -> None:
    """Screen readers and font choice need ``lang`` on Chinese text, glosses included."""
    problems = []
    for url in app_urls(page, live_app):
        page.goto(url)
        problems += [f"{url}: {problem}" for problem in page.evaluate(AUDIT, {"lang": True})]
    upload_deck(page, live_app, DATA / "slides.html")
    found = page.evaluate(AUDIT, {"lang": True})
    problems += [f"deck glossary page: {problem}" for problem in found]
    assert not problems, "\n".join(problems)
