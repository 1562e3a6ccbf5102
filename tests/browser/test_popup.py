"""The slide popup script (static/js/popup.js) in real Chromium, on a remark-shaped page.

Expectations come from the glossary JSON the page reads, never from a list of words here: the
tests check the script shows what the glossary says, marks what it should and nothing else.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html import unescape as html_unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.browser.conftest import PageWatch, StaticSite

pytestmark = pytest.mark.browser

POPUP = "#hc-popup"
READY = "html[data-hc-popup=ready]"
SLIDES = "slides.html"
GLOSSARY = "slides.glossary.json"


def glossary_terms(site: StaticSite, name: str = GLOSSARY) -> dict[str, dict[str, Any]]:
    """The glossary's terms by the text the popup matches (term, simplified, traditional), and
    the words its romanised spellings stand for."""
    document = json.loads((site.root / name).read_text(encoding="utf-8"))
    found: dict[str, dict[str, Any]] = {}
    for term in document["terms"]:
        for key in (term["term"], term.get("simplified", ""), term.get("traditional", "")):
            if key and key not in found:
                found[key] = term
    for item in document.get("romanised", []):
        if item["matched"] and item["matched"] not in found:
            found[item["matched"]] = {
                "term": item["matched"],
                "traditional": "",
                "pinyin": item["pinyin"],
                "pinyin_numbered": item["pinyin_numbered"],
                "gloss": item["gloss"],
                "other_readings": [],
                "hsk_level": None,
                "is_character_of_the_week": False,
                "written_as": item["text"],
            }
    return found


def open_slides(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY)


def marked(page: Any) -> list[str]:
    return page.eval_on_selector_all(".hc-term", "els => els.map(e => e.dataset.hcTerm)")


def tones(numbered: str) -> list[int]:
    """Tone of each numbered syllable (``Bei3 jing1`` -> [3, 1])."""
    return [int(digit) for digit in re.findall(r"[A-Za-zü:]+([1-5])\b", numbered)]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_terms_on_every_slide_are_marked_from_the_glossary(
    page: Any, site: StaticSite, screenshot: Any
) -> None:
    open_slides(page, site.url(SLIDES))
    terms = glossary_terms(site)
    found = marked(page)
    assert found, "no term was marked"
    assert set(found) <= set(terms), f"marked words that are not in the glossary: {found}"
    # Every slide holding a glossary term (outside links and code) has marks.
    slides = page.eval_on_selector_all(
        ".remark-slide-content",
        """els => els.map(e => {
            const copy = e.cloneNode(true);
            copy.querySelectorAll('a, code, .hc-no-popup').forEach(x => x.remove());
            return [copy.textContent, e.querySelectorAll('.hc-term').length];
        })""",
    )
    for text, count in slides:
        if any(key in text for key in terms):
            assert count > 0, f"a slide with glossary terms got no marks: {text!r}"
    # Longest match first: a term holding a shorter glossary term is marked whole.
    longer = [key for key in found if any(k != key and k in key for k in terms)]
    assert longer, "the deck has compounds of glossary terms; none was marked whole"
    assert page.eval_on_selector_all(".hc-term .hc-term", "els => els.length") == 0
    screenshot(page, "marked")


def test_hover_shows_tone_coloured_pinyin_gloss_and_links(
    page: Any, site: StaticSite, screenshot: Any
) -> None:
    open_slides(page, site.url(SLIDES))
    terms = glossary_terms(site)
    popup = page.locator(POPUP)
    # Hover each distinct term: the popup always shows that term's glossary entry.
    checked = 0
    for key in dict.fromkeys(marked(page)):
        term = terms[key]
        page.locator(f'.hc-term[data-hc-term="{key}"]').first.hover()
        assert popup.is_visible()
        assert popup.locator(".hc-hanzi").inner_text() == key
        assert popup.locator(".hc-gloss").inner_text() == term["gloss"]
        assert nfc(popup.locator(".hc-pinyin").inner_text()) == nfc(term["pinyin"])
        shown_tones = popup.locator(".hc-pinyin [class^=tone]").evaluate_all(
            "els => els.map(e => Number(e.className.slice(4)))"
        )
        assert shown_tones == tones(term["pinyin_numbered"])
        hrefs = popup.locator(".hc-links a").evaluate_all("els => els.map(e => e.href)")
        sites = popup.locator(".hc-links a").all_inner_texts()
        assert sites[:1] == ["Purple Culture"] and "MDBG" in sites
        if len(key) == 1:  # character pages: Hanziyuan, and CUHK by the traditional form
            assert "Hanziyuan" in sites and "CUHK" in sites
            cuhk = hrefs[sites.index("CUHK")]
            assert cuhk.endswith("=" + quote(term["traditional"] or key, safe=""))
        assert all(href.startswith("https://") for href in hrefs)
        head = popup.locator(".hc-head").inner_text()
        if term["hsk_level"]:
            assert term["hsk_label"] in head  # the glossary's own label (HSK 7-9, not HSK 7)
        else:
            assert "HSK" not in head
        assert ("character of the week" in head) == term["is_character_of_the_week"]
        readings = popup.locator(".hc-readings")
        if term["other_readings"]:
            shown = nfc(readings.inner_text())
            assert all(nfc(r["pinyin"]) in shown for r in term["other_readings"])
        else:
            assert readings.count() == 0
        checked += 1
    assert checked >= 3
    screenshot(page, "hover")
    # Tones are told apart by colour.
    colours = page.evaluate(
        """() => {
            const probe = document.createElement('span');
            document.getElementById('hc-popup').appendChild(probe);
            const out = [1, 2, 3, 4, 5].map(n => {
                probe.className = 'tone' + n;
                return getComputedStyle(probe).color;
            });
            probe.remove();
            return out;
        }"""
    )
    assert len(set(colours)) == 5
    # Leaving the term hides the popup.
    page.mouse.move(2, 2)
    popup.wait_for(state="hidden")


def test_keyboard_focus_opens_the_popup_and_reaches_its_links(
    page: Any, site: StaticSite, screenshot: Any
) -> None:
    open_slides(page, site.url(SLIDES))
    terms = glossary_terms(site)
    popup = page.locator(POPUP)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hc-term')"):
            break
    else:
        pytest.fail("Tab never reached a marked term")
    key = page.evaluate("document.activeElement.dataset.hcTerm")
    popup.wait_for(state="visible")
    assert popup.locator(".hc-gloss").inner_text() == terms[key]["gloss"]
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    # Its accessible description is the popup: a screen reader says the reading and meaning.
    described = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
        ".textContent"
    )
    assert terms[key]["gloss"] in described
    screenshot(page, "focus")
    # Enter moves into the popup; Tab past its last link comes back to the term.
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('#hc-popup') !== null")
    assert page.evaluate("document.activeElement.tagName") == "A"
    count = popup.locator("a").count()
    for _ in range(count):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.hcTerm") == key
    assert popup.is_visible()
    # Escape closes it and keeps the focus on the term.
    page.keyboard.press("Escape")
    popup.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.dataset.hcTerm") == key
    # Tabbing on opens the next term's popup.
    page.keyboard.press("Tab")
    if page.evaluate("document.activeElement.classList.contains('hc-term')"):
        popup.wait_for(state="visible")
        other = page.evaluate("document.activeElement.dataset.hcTerm")
        assert popup.locator(".hc-hanzi").inner_text() == other


def test_links_code_the_source_and_opt_outs_are_left_alone(page: Any, site: StaticSite) -> None:
    open_slides(page, site.url(SLIDES))
    terms = glossary_terms(site)
    for selector in ("a", "code", "textarea", "pre", "script"):
        inside = page.eval_on_selector_all(f"{selector} .hc-term", "els => els.length")
        assert inside == 0, f"a term was marked inside <{selector}>"
    # The fixture's link and code hold glossary terms that are marked elsewhere on the page.
    for element_id in ("link-with-term", "code-with-term", "opt-out-with-term"):
        element = page.locator(f"#{element_id}")
        text = element.inner_text()
        held = [key for key in terms if key in text]
        assert held, f"#{element_id} should hold a glossary term"
        assert element.evaluate("e => e.children.length") == 0
        assert any(key in marked(page) for key in held)
    source = page.locator("#source").input_value()
    assert "hc-term" not in source


def test_a_malicious_gloss_is_shown_as_text(
    page: Any, site: StaticSite, page_log: PageWatch, screenshot: Any
) -> None:
    document = json.loads((site.root / GLOSSARY).read_text(encoding="utf-8"))
    target = document["terms"][0]
    payload = '<img src=x onerror="window.__hcPwned = 1">'
    target["gloss"] = payload
    target["senses"] = [{"text": "<script>window.__hcPwned = 2</script>", "kind": "meaning"}]
    target["pinyin"] = "<b onmouseover=alert(1)>x</b>"
    target["links"] = [
        {"site": "Purple Culture", "url": "javascript:window.__hcPwned=3"},
        {"site": '<img src=x onerror="window.__hcPwned=4">', "url": "https://example.org/"},
    ]
    site.write("evil.glossary.json", json.dumps(document, ensure_ascii=False))
    html = (site.root / SLIDES).read_text(encoding="utf-8")
    site.write("evil.html", html.replace(GLOSSARY, "evil.glossary.json"))

    open_slides(page, site.url("evil.html"))
    term = page.locator(f'.hc-term[data-hc-term="{target["term"]}"]').first
    term.hover()
    popup = page.locator(POPUP)
    popup.wait_for(state="visible")
    assert popup.locator(".hc-gloss").inner_text() == payload
    assert "<script>" in popup.inner_text()
    assert popup.locator("img, script, b").count() == 0
    hrefs = popup.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs == ["https://example.org/"]
    term.click()
    page.locator(".hc-links a").first.hover()
    assert page.evaluate("window.__hcPwned") is None
    assert not page_log.errors
    screenshot(page, "escaped")


def test_slides_rendered_later_are_marked(page: Any, site: StaticSite) -> None:
    """remark builds and rebuilds slide DOM (and clones it for presenter mode)."""
    open_slides(page, site.url(SLIDES))
    terms = glossary_terms(site)
    key = max(terms, key=len)
    before = marked(page).count(key)
    page.evaluate(
        """key => {
            const slide = document.createElement('div');
            slide.className = 'remark-slide-content';
            slide.id = 'late-slide';
            const p = document.createElement('p');
            p.textContent = 'added later: ' + key + '.';
            slide.appendChild(p);
            document.querySelector('.remark-slides-area').appendChild(slide);
        }""",
        key,
    )
    page.wait_for_selector(f'#late-slide .hc-term[data-hc-term="{key}"]')
    # A slide whose content is replaced wholesale is marked again.
    page.evaluate(
        """key => {
            const first = document.querySelector('.remark-slide-content');
            first.innerHTML = '';
            const h = document.createElement('h1');
            h.textContent = key;
            first.appendChild(h);
        }""",
        key,
    )
    page.wait_for_selector(f'.remark-slide-content h1 .hc-term[data-hc-term="{key}"]')
    assert marked(page).count(key) >= before + 1
    page.locator("#late-slide .hc-term").hover()
    assert page.locator(POPUP).locator(".hc-gloss").inner_text() == terms[key]["gloss"]


def test_tap_opens_the_popup_on_a_phone(touch_page: Any, site: StaticSite, screenshot: Any) -> None:
    open_slides(touch_page, site.url(SLIDES))
    terms = glossary_terms(site)
    term = touch_page.locator(".hc-term").nth(1)
    term.scroll_into_view_if_needed()
    key = term.get_attribute("data-hc-term")
    term.tap()
    popup = touch_page.locator(POPUP)
    popup.wait_for(state="visible")
    assert popup.locator(".hc-gloss").inner_text() == terms[key]["gloss"]
    box = popup.bounding_box()
    viewport = touch_page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    screenshot(touch_page, "tap")
    # A tap elsewhere closes it.
    touch_page.locator("h1").first.tap()
    popup.wait_for(state="hidden")


def test_strict_csp_page_still_gets_the_popup_style(
    page: Any, site: StaticSite, page_log: PageWatch
) -> None:
    """Hosts may forbid inline styles; the popup's stylesheet must still apply."""
    open_slides(page, site.url(SLIDES) + "?csp")
    term = page.locator(".hc-term").first
    assert term.evaluate("e => getComputedStyle(e).borderBottomStyle") == "dotted"
    term.hover()
    popup = page.locator(POPUP)
    popup.wait_for(state="visible")
    assert popup.evaluate("e => getComputedStyle(e).position") == "fixed"
    violations = [line for line in page_log.console if "Content Security Policy" in line]
    assert not violations


def test_an_inline_glossary_works_from_a_file_url(
    page: Any, site: StaticSite, tmp_path: Path
) -> None:
    """Opened from disk (no server), slides read a glossary pasted into the page."""
    glossary = (site.root / GLOSSARY).read_text(encoding="utf-8")
    # "<" escaped so that no text of the glossary can close the <script> element.
    inline = (
        '<script type="application/json" data-hc-glossary>'
        + glossary.replace("<", "\\u003c")
        + "</script>\n"
    )
    html = (site.root / SLIDES).read_text(encoding="utf-8")
    html = html.replace(f' data-glossary="{GLOSSARY}"', "")
    html = html.replace("<script src=", inline + "<script src=")
    (tmp_path / "slides.html").write_text(html, encoding="utf-8")
    (tmp_path / "hanzi-popup.js").write_bytes((site.root / "hanzi-popup.js").read_bytes())
    (tmp_path / "remark-like.css").write_bytes((site.root / "remark-like.css").read_bytes())
    open_slides(page, (tmp_path / "slides.html").as_uri())
    terms = glossary_terms(site)
    first = page.locator(".hc-term").first
    first.hover()
    key = first.get_attribute("data-hc-term")
    assert page.locator(POPUP).locator(".hc-gloss").inner_text() == terms[key]["gloss"]


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("no-such.glossary.json", None, "HTTP 404"),
        ("broken.glossary.json", '{"terms": [{"term": "城', "not valid JSON"),
    ],
)
def test_a_missing_or_broken_glossary_leaves_the_slides_untouched(
    page: Any, site: StaticSite, page_log: PageWatch, name: str, content: str | None, said: str
) -> None:
    if content is not None:
        site.write(name, content)
    html = (site.root / SLIDES).read_text(encoding="utf-8")
    site.write(f"with-{name}.html", html.replace(GLOSSARY, name))
    page.goto(site.url(f"with-{name}.html"))
    page.wait_for_selector("html[data-hc-popup=empty]")
    assert page.locator(".hc-term").count() == 0
    # One clear warning naming the file and the problem; no script error.
    warnings = [line for line in page_log.console if "hanzi-popup" in line]
    assert any(name in line and said in line for line in warnings), page_log.console
    assert not page_log.errors


def embed_tags(page: Any, live_app: str, deck: Path) -> dict[str, str]:
    """The deck page's "Embed in your slides" script tags, as a teacher copies them."""
    page.goto(f"{live_app}/deck")
    page.get_by_label("Deck file").set_input_files(str(deck))
    page.locator("main form button[type=submit]").click()
    page.locator("#embed-script-api").wait_for()
    return {
        "api": page.locator("#embed-script-api").input_value().strip(),
        "json": page.locator("#embed-script-json").input_value().strip(),
    }


def slides_with_tag(site: StaticSite, name: str, tag: str) -> str:
    """A copy of the fixture slides on the static host with ``tag`` instead of its own."""
    html = (site.root / SLIDES).read_text(encoding="utf-8")
    own = re.search(r'<script src="hanzi-popup\.js"[^>]*></script>', html)
    assert own is not None
    return site.write(name, html.replace(own.group(0), tag))


def check_popups_show_glossary(page: Any, terms: dict[str, dict[str, Any]]) -> None:
    found = marked(page)
    assert found and set(found) <= set(terms)
    for key in list(dict.fromkeys(found))[:3]:
        page.locator(f'.hc-term[data-hc-term="{key}"]').first.hover()
        popup = page.locator(POPUP)
        assert popup.locator(".hc-gloss").inner_text() == terms[key]["gloss"]


def test_slides_on_another_host_ask_the_api(
    page: Any, site: StaticSite, live_app: str, screenshot: Any
) -> None:
    """The deck page's API tag, pasted into slides served from another origin."""
    tags = embed_tags(page, live_app, site.root / SLIDES)
    assert 'data-api="' in tags["api"] and live_app in tags["api"]
    url = slides_with_tag(site, "slides-api.html", tags["api"])
    open_slides(page, url)
    # What the API answers for the deck's markdown (what the script posts) is what shows.
    html = (site.root / SLIDES).read_text(encoding="utf-8")
    source = re.search(r'<textarea id="source">\n?(.*?)</textarea>', html, re.S)
    assert source is not None
    answer = page.request.post(
        f"{live_app}/api/glossary",
        multipart={
            "deck": {
                "name": "slides-api.md",
                "mimeType": "text/plain",
                "buffer": html_unescape(source.group(1)).encode("utf-8"),
            }
        },
    )
    assert answer.ok
    site.write("api-answer.glossary.json", answer.text())
    check_popups_show_glossary(page, glossary_terms(site, "api-answer.glossary.json"))
    screenshot(page, "api")


def test_slides_with_the_downloaded_glossary_json(
    page: Any, site: StaticSite, live_app: str
) -> None:
    """The deck page's JSON download saved next to the slides, with its JSON tag."""
    tags = embed_tags(page, live_app, site.root / SLIDES)
    json_name = re.search(r'data-glossary="([^"]+)"', tags["json"])
    assert json_name is not None
    with page.expect_download() as info:
        page.locator("main").get_by_role("button", name=re.compile("JSON", re.I)).click()
    folder = "downloaded"
    (site.root / folder).mkdir(exist_ok=True)
    (site.root / folder / "remark-like.css").write_bytes(
        (site.root / "remark-like.css").read_bytes()
    )
    info.value.save_as(site.root / folder / json_name.group(1))
    url = slides_with_tag(site, f"{folder}/slides.html", tags["json"])
    open_slides(page, url)
    check_popups_show_glossary(page, glossary_terms(site, f"{folder}/{json_name.group(1)}"))


AUDIT = (Path(__file__).parent / "audit.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_popup_passes_the_accessibility_audit(
    page: Any, site: StaticSite, scheme: str, screenshot: Any
) -> None:
    """Contrast, names and lang tags inside the popup, for every term of the deck."""
    page.emulate_media(color_scheme=scheme)
    open_slides(page, site.url(SLIDES))
    problems = []
    for key in dict.fromkeys(marked(page)):
        page.locator(f'.hc-term[data-hc-term="{key}"]').first.hover()
        found = page.evaluate(AUDIT, {"lang": True, "root": POPUP})
        problems += [f"{key}: {problem}" for problem in found]
    screenshot(page, "popup")
    assert not problems, "\n".join(problems)


def test_a_plain_page_is_marked_only_where_the_selector_says(page: Any, site: StaticSite) -> None:
    open_slides(page, site.url("plain.html"))
    terms = glossary_terms(site)
    paragraph = page.locator("#paragraph")
    expected = [key for key in terms if key in paragraph.inner_text()]
    assert expected, "the plain page should use words of the glossary"
    shown = paragraph.locator(".hc-term").evaluate_all("els => els.map(e => e.dataset.hcTerm)")
    assert set(shown) == {k for k in expected if not any(k != o and k in o for o in expected)}
    assert page.locator("#outside .hc-term").count() == 0
    # Marks carry a Chinese lang, and keep the finer one the page gives.
    langs = page.eval_on_selector_all(
        ".hc-term", "els => els.map(e => e.closest('[lang]').getAttribute('lang'))"
    )
    assert langs and all(lang.startswith("zh") for lang in langs)
    assert page.locator("#tagged .hc-term").evaluate("e => e.closest('[lang]').lang") == "zh-Hant"
    # Text added later: marked inside the selector, left alone outside it.
    key = shown[0]
    page.evaluate(
        """key => {
            for (const [id, where] of [['late-in', '#notes'], ['late-out', 'header']]) {
                const p = document.createElement('p');
                p.id = id;
                p.textContent = 'later: ' + key;
                document.querySelector(where).appendChild(p);
            }
        }""",
        key,
    )
    page.wait_for_selector(f'#late-in .hc-term[data-hc-term="{key}"]')
    assert page.locator("#late-out .hc-term").count() == 0
    page.locator("#late-in .hc-term").hover()
    assert page.locator(POPUP).locator(".hc-gloss").inner_text() == terms[key]["gloss"]


def test_changing_slide_closes_the_popup(page: Any, site: StaticSite) -> None:
    """remark changes the URL fragment on every slide change."""
    open_slides(page, site.url(SLIDES))
    term = page.locator(".hc-term").first
    term.focus()
    popup = page.locator(POPUP)
    popup.wait_for(state="visible")
    page.evaluate("location.hash = '#2'")
    popup.wait_for(state="hidden")
    assert term.get_attribute("aria-expanded") == "false"


# remark itself, from Debian's libjs-remark-slide package (a local file, never a CDN).
REMARK_JS = Path("/usr/share/javascript/remark-slide/remark.min.js")


def remark_page(site: StaticSite, name: str, options: str) -> str:
    """The fixture deck's markdown shown by the real remark, with the popup tag after it."""
    if not REMARK_JS.is_file():
        pytest.skip(f"remark.js is not installed ({REMARK_JS}; apt-get install libjs-remark-slide)")
    (site.root / "remark.js").write_bytes(REMARK_JS.read_bytes())
    html = (site.root / SLIDES).read_text(encoding="utf-8")
    source = re.search(r'<textarea id="source">.*?</textarea>', html, re.S)
    assert source is not None
    return site.write(
        name,
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>remark</title>'
        "</head>\n<body>\n" + source.group(0) + '\n<script src="remark.js"></script>\n'
        f"<script>var slideshow = remark.create({options});</script>\n"
        f'<script src="hanzi-popup.js" data-glossary="{GLOSSARY}"></script>\n'
        "</body>\n</html>\n",
    )


@pytest.fixture
def remark_slides(site: StaticSite) -> str:
    return remark_page(site, "remark.html", "{ratio: '4:3'}")


def test_real_remark_slides_get_popups_and_keep_their_navigation(
    page: Any, site: StaticSite, remark_slides: str, screenshot: Any
) -> None:
    open_slides(page, remark_slides)
    terms = glossary_terms(site)
    visible = ".remark-visible .remark-slide-content .hc-term"
    # remark opens on slide 1; its title holds a glossary term.
    page.wait_for_selector(visible)
    first = page.locator(visible).first
    key = first.get_attribute("data-hc-term")
    first.hover()
    popup = page.locator(POPUP)
    assert popup.locator(".hc-gloss").inner_text() == terms[key]["gloss"]
    screenshot(page, "slide-1")
    # remark's own keys still move between slides, and a slide change closes the popup.
    page.mouse.move(1, 1)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("location.hash === '#2'")
    popup.wait_for(state="hidden")
    # Keys on a focused term are the popup's: Space opens it, and does not change the slide.
    term = page.locator(visible).first
    term.focus()
    page.keyboard.press(" ")
    assert page.evaluate("location.hash") == "#2"
    assert page.evaluate("document.activeElement.closest('#hc-popup') !== null")
    page.keyboard.press("Escape")
    popup.wait_for(state="hidden")
    # Every slide remark rendered (all are in the DOM) has its terms marked.
    counts = page.eval_on_selector_all(
        ".remark-slide-content",
        "els => els.map(e => e.querySelectorAll('.hc-term').length)",
    )
    assert sum(counts) >= len(set(marked(page))) > 0
    screenshot(page, "slide-2")


def test_a_tap_on_a_term_in_real_remark_opens_the_popup_not_the_next_slide(
    touch_page: Any, site: StaticSite, remark_slides: str, screenshot: Any
) -> None:
    open_slides(touch_page, remark_slides)
    terms = glossary_terms(site)
    term = touch_page.locator(".remark-visible .remark-slide-content .hc-term").first
    key = term.get_attribute("data-hc-term")
    hash_before = touch_page.evaluate("location.hash")
    term.tap()
    popup = touch_page.locator(POPUP)
    popup.wait_for(state="visible")
    assert popup.locator(".hc-gloss").inner_text() == terms[key]["gloss"]
    assert touch_page.evaluate("location.hash") == hash_before
    screenshot(touch_page, "tap")


def test_a_click_on_a_term_does_not_turn_the_slide_in_click_navigation_mode(
    page: Any, site: StaticSite
) -> None:
    open_slides(page, remark_page(site, "remark-click.html", "{navigation: {click: true}}"))
    term = page.locator(".remark-visible .remark-slide-content .hc-term").first
    term.click()
    page.locator(POPUP).wait_for(state="visible")
    assert page.evaluate("location.hash") in ("", "#1")
    # A click elsewhere on the slide is remark's: next slide (so the check above can fail).
    page.locator(".remark-visible .remark-slide-content").click(position={"x": 20, "y": 20})
    page.wait_for_function("location.hash === '#2'")
    page.locator(POPUP).wait_for(state="hidden")


def test_remark_presenter_notes_are_marked(
    page: Any, site: StaticSite, remark_slides: str, screenshot: Any
) -> None:
    open_slides(page, remark_slides)
    terms = glossary_terms(site)
    page.keyboard.press("p")  # remark's presenter mode shows the notes of the slide
    page.wait_for_selector(".remark-presenter-mode")
    page.keyboard.press("End")  # the last slide has presenter notes with a glossary term
    notes = page.locator(".remark-notes-current-area")
    notes.locator(".hc-term").first.wait_for()
    key = notes.locator(".hc-term").first.get_attribute("data-hc-term")
    notes.locator(".hc-term").first.hover()
    assert page.locator(POPUP).locator(".hc-gloss").inner_text() == terms[key]["gloss"]
    screenshot(page, "presenter")


def test_romanised_words_in_the_prose_show_their_characters(
    page: Any, site: StaticSite, screenshot: Any
) -> None:
    """Pinyin the slides write without characters ("danwei") gets the word's popup."""
    open_slides(page, site.url(SLIDES))
    romanised = [t for t in glossary_terms(site).values() if "written_as" in t]
    assert romanised, "the fixture deck writes a word in pinyin only"
    for item in romanised:
        mark = page.locator(f'.hc-term[data-hc-written="{item["written_as"]}"]').first
        assert mark.inner_text() == item["written_as"]
        assert mark.get_attribute("data-hc-term") == item["term"]
        assert mark.get_attribute("lang") == "zh-Latn-pinyin"
        mark.hover()
        popup = page.locator(POPUP)
        assert popup.locator(".hc-hanzi").inner_text() == item["term"]
        assert popup.locator(".hc-gloss").inner_text() == item["gloss"]
        assert nfc(popup.locator(".hc-pinyin").inner_text()) == nfc(item["pinyin"])
        assert f"Written {item['written_as']} on the slide" in popup.inner_text()
    # Only whole words: the same letters inside a longer word stay plain.
    word = romanised[0]["written_as"]
    page.evaluate(
        """word => {
            const p = document.createElement('p');
            p.id = 'inside-words';
            p.textContent = 'Xin' + word + ' and ' + word + 's and ' + word.toUpperCase() + '.';
            document.querySelector('.remark-slide-content').appendChild(p);
        }""",
        word,
    )
    page.wait_for_selector("#inside-words .hc-term")
    assert page.locator("#inside-words .hc-term").all_inner_texts() == [word.upper()]
    screenshot(page, "romanised")
