"""The static course site in real Chromium, opened from disk (file://), as a student would.

What the pages should show comes from the built site's own glossaries and the library, not
from answers written here.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from hanzi_companion.glossary import Glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.settings import demo_course_dir
from hanzi_companion.site import SiteReport, build_site, pages
from hanzi_companion.site.build import MANIFEST
from hanzi_companion.site.codec import decode

pytestmark = pytest.mark.browser

SEARCH_BOX = "main form[role=search] input[name=q]"
HEADER_BOX = "header form[role=search] input[name=q]"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon) -> tuple[Path, SiteReport]:
    out = tmp_path_factory.mktemp("site-browser") / "public"
    return out, build_site(demo_course_dir(), out, lexicon)


def glossaries(root: Path) -> list[Glossary]:
    """The site's glossaries as the build kept them (what its pages were made from)."""
    import json

    manifest = json.loads((root / MANIFEST).read_text("utf-8"))
    cache = root / ".hanzi-companion" / "glossaries"
    return [
        decode(Glossary, json.loads((cache / f"{deck['glossary_key']}.json").read_text("utf-8")))
        for deck in manifest["decks"]
    ]


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def test_search_from_disk_and_open_a_character_page(
    page: Any, built: tuple[Path, SiteReport], screenshot: Any
) -> None:
    root, _ = built
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    weekly = glossaries(root)[0].characters[0]
    # From the index, through the header's search box, by toneless pinyin.
    page.goto(file_url(root / pages.INDEX))
    query = _pinyin.toneless_key(weekly.pinyin_numbered)
    box = page.locator(HEADER_BOX)
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q="))
    page.wait_for_selector("html[data-hc-search=ready]")
    assert page.locator(SEARCH_BOX).input_value() == query
    results = page.locator("#hc-site-results .hc-result")
    assert results.count() >= 1
    # The character of the week comes first, linked to its page.
    first = results.first
    assert first.locator(".hc-result-head").inner_text().strip().startswith(weekly.character)
    assert "character of the week" in first.inner_text()
    screenshot(page, "site-search")
    first.locator(".hc-result-head").click()
    page.wait_for_url(re.compile(r"characters/u[0-9a-f]+\.html$"))
    assert page.locator("h1 [lang^=zh]").first.inner_text() == weekly.character
    # The stroke-order animation is drawn (an SVG beside the page, loaded from disk).
    animation = page.locator("img.hc-stroke-animation")
    assert animation.count() == 1
    page.wait_for_function(
        "() => { const i = document.querySelector('img.hc-stroke-animation');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    # The stylesheets applied: the site's own CSS, loaded through relative links.
    assert page.evaluate("getComputedStyle(document.body).display") == "flex"
    screenshot(page, "site-character")
    outside = [u for u in requested if not u.startswith(("file:", "data:"))]
    assert not outside, f"the site fetched from elsewhere: {outside}"


def test_search_reads_characters_english_and_numbered_pinyin(
    page: Any, built: tuple[Path, SiteReport]
) -> None:
    root, _ = built
    glossary = glossaries(root)[0]
    term = next(t for t in glossary.terms if t.latin_free and len(t.term) > 1 and t.gloss)
    word = max(re.findall(r"[A-Za-z]{4,}", term.gloss), key=len)
    numbered = _pinyin.numbered_key(term.pinyin_numbered)
    deck_page = pages.deck_page(next(iter(_slugs(root))))
    for query in (term.term, word, numbered, term.pinyin):
        page.goto(file_url(root / pages.SEARCH))
        page.wait_for_selector("html[data-hc-search=ready]")
        page.locator(SEARCH_BOX).fill(query)  # results follow the typing
        heads = page.locator("#hc-site-results .hc-result-head")
        page.wait_for_function(
            "q => document.getElementById('hc-site-status').textContent.includes(q)", arg=query
        )
        texts = [heads.nth(i).inner_text() for i in range(heads.count())]
        assert any(text.strip().startswith(term.term) for text in texts), (query, texts)
    # A term's result opens its row in the deck's glossary page.
    page.goto(file_url(root / pages.SEARCH) + "?q=" + term.term)
    page.wait_for_selector("html[data-hc-search=ready]")
    link = page.locator("#hc-site-results .hc-result-head", has_text=term.term).first
    link.click()
    page.wait_for_url(re.compile(re.escape(deck_page) + r"#term-\d+$"))
    fragment = page.evaluate("location.hash.slice(1)")
    assert term.term in page.locator(f"[id='{fragment}']").inner_text()


def test_nothing_found_offers_outside_dictionaries(
    page: Any, built: tuple[Path, SiteReport]
) -> None:
    root, _ = built
    known = {ch for g in glossaries(root) for t in g.terms for ch in t.term}
    # A common character that no term of the course contains.
    absent = next(ch for ch in "的是不了人我在有他这中大来上国个到说们为" if ch not in known)
    page.goto(file_url(root / pages.SEARCH) + "?q=" + absent)
    page.wait_for_selector("html[data-hc-search=ready]")
    assert page.locator("#hc-site-results .hc-result").count() == 0
    assert "Nothing" in page.locator("#hc-site-status").inner_text()
    links = page.locator("#hc-site-elsewhere a")
    assert links.count() > 0
    assert all(
        links.nth(i).get_attribute("href").startswith("https://") for i in range(links.count())
    )


def _slugs(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "weeks").glob("*.html"))


@pytest.fixture
def served(built: tuple[Path, SiteReport]) -> Iterator[str]:
    """The built site behind a static server on loopback (as on any static host)."""
    root, _ = built
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_the_popup_reads_a_decks_glossary_json_from_the_site(
    page: Any, built: tuple[Path, SiteReport], served: str
) -> None:
    root, _ = built
    slug = _slugs(root)[0]
    glossary = glossaries(root)[0]
    term = next(t for t in glossary.terms if t.latin_free)
    slide = root / "slide-test.html"
    slide.write_text(
        "<!doctype html><meta charset=utf-8><title>slides</title>"
        f"<p id=slide>Today: {term.term}.</p>"
        f'<script src="static/js/popup.js" data-glossary="{pages.deck_json(slug)}"></script>',
        "utf-8",
    )
    try:
        page.goto(f"{served}/slide-test.html")
        page.wait_for_selector("html[data-hc-popup=ready]")
        marked = page.locator("#slide .hc-term[data-hc-term]")
        assert marked.first.inner_text() == term.term
    finally:
        slide.unlink()


AUDIT = (Path(__file__).parent / "audit.js").read_text(encoding="utf-8")


def test_site_pages_pass_the_accessibility_audit(page: Any, built: tuple[Path, SiteReport]) -> None:
    """The web UI's audit (names, labels, image alternatives, contrast in light and dark) on
    every kind of page of the site, and Chinese in the search results tagged with its lang."""
    root, report = built
    weekly = report.characters[0]
    urls = [
        file_url(root / pages.INDEX),
        file_url(root / pages.deck_page(report.decks[0])),
        file_url(root / pages.character_page(weekly)),
        file_url(root / pages.ABOUT),
        file_url(root / pages.SEARCH) + "?q=" + weekly,
        file_url(root / pages.SEARCH) + "?q=qzxv",
    ]
    problems = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for url in urls:
            page.goto(url)
            if "search.html" in url:
                page.wait_for_selector("html[data-hc-search=ready]")
                found = page.evaluate(AUDIT, {"lang": True, "root": "#hc-site-results"})
                problems += [f"{scheme} {url} results: {problem}" for problem in found]
            found = page.evaluate(AUDIT, {"lang": False})
            problems += [f"{scheme} {url}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


def test_site_pages_fit_a_phone(page: Any, built: tuple[Path, SiteReport], screenshot: Any) -> None:
    root, report = built
    page.set_viewport_size({"width": 375, "height": 740})
    too_wide = []
    for path in (
        pages.INDEX,
        pages.deck_page(report.decks[0]),
        pages.character_page(report.characters[0]),
        pages.SEARCH,
        pages.ABOUT,
    ):
        page.goto(
            file_url(root / path) + ("?q=" + report.characters[0] if path == pages.SEARCH else "")
        )
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            too_wide.append(f"{path}: {width[0]}px wide in a {width[1]}px screen")
            screenshot(page, f"site-phone-too-wide-{len(too_wide)}")
    assert not too_wide, "\n".join(too_wide)
