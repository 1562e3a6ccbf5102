"""Play and Slow buttons (static/js/speak.js) in real Chromium, with speech synthesis stubbed.

Headless Chromium has no voices, so an init script replaces ``speechSynthesis`` with a
recorder whose voices the test chooses; what must be spoken comes from the page's own
headwords and the library, not from answers written here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.html import render_html
from hanzi_companion.settings import demo_course_dir
from hanzi_companion.site import build_site, pages
from hanzi_companion.text.decks import read_deck
from tests.browser.conftest import StaticSite

pytestmark = pytest.mark.browser

SLOW = 0.6
ZH_CN = {"lang": "zh-CN", "name": "Mandarin (China)"}
ZH_TW = {"lang": "zh_TW", "name": "Mandarin (Taiwan)"}
EN = {"lang": "en-US", "name": "English"}

STUB = """
(() => {
  const voices = %(voices)s;
  const late = %(late)s;
  window.__spoken = [];
  if (voices === null) {
    Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true });
    return;
  }
  class Utterance {
    constructor(text) { this.text = text; this.lang = ""; this.rate = 1; this.voice = null; }
  }
  const synth = new EventTarget();
  let shown = late ? [] : voices;
  synth.getVoices = () => shown;
  synth.cancel = () => {};
  synth.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  if (late) {
    setTimeout(() => { shown = voices; synth.dispatchEvent(new Event("voiceschanged")); }, 200);
  }
})();
"""


def stub(page: Any, voices: list[dict[str, str]] | None, *, late: bool = False) -> None:
    page.add_init_script(STUB % {"voices": json.dumps(voices), "late": json.dumps(late)})


def spoken(page: Any) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate("window.__spoken")
    return result


def play(page: Any, said: str, *, slow: bool = False) -> None:
    """Click the Play (or Slow) button next to the element saying ``said``."""
    group = page.locator(f'[data-hc-say="{said}"] + .hc-speak').first
    group.locator(".hc-speak-button").nth(1 if slow else 0).click()


def test_word_page_plays_the_characters_at_normal_and_slow_speed(
    page: Any, live_app: str, lexicon: Lexicon, screenshot: Any
) -> None:
    word = "创新"
    assert lexicon.lookup(word), "the test word must be in the dictionary"
    stub(page, [EN, ZH_TW, ZH_CN])
    page.goto(f"{live_app}/word/{word}", timeout=90_000)  # the first page warms the caches
    head = page.locator("h1 .hc-speak")
    head.locator("button:enabled").first.wait_for()
    play(page, word)
    play(page, word, slow=True)
    assert spoken(page) == [
        {"text": word, "lang": "zh-CN", "rate": 1},
        {"text": word, "lang": "zh-CN", "rate": SLOW},
    ]
    screenshot(page, "word")


def test_falls_back_to_a_taiwan_voice_that_arrives_late(page: Any, live_app: str) -> None:
    stub(page, [EN, ZH_TW], late=True)
    page.goto(f"{live_app}/char/创")
    page.locator("h1 .hc-speak button:enabled").first.wait_for()
    play(page, "创")
    assert spoken(page) == [{"text": "创", "lang": "zh-TW", "rate": 1}]


@pytest.mark.parametrize("voices", [[EN], None], ids=["no-chinese-voice", "no-speech-api"])
def test_without_a_chinese_voice_the_control_says_so(
    page: Any, live_app: str, voices: list[dict[str, str]] | None, screenshot: Any
) -> None:
    stub(page, voices)
    page.goto(f"{live_app}/word/创新")
    group = page.locator("h1 .hc-speak[data-hc-speak=no-voice]")
    group.wait_for(timeout=5000)
    for button in group.locator("button").all():
        assert button.is_disabled()
        assert "no Chinese voice" in (button.get_attribute("aria-label") or "")
    banner = page.locator(".hc-speak-banner[role=status]")
    assert banner.is_visible() and "no Chinese voice on this device" in banner.inner_text()
    assert page.locator(".hc-speak-banner").count() == 1  # one notice, not one per button
    assert spoken(page) == []
    screenshot(page, "no-voice")


def test_search_results_each_get_a_control(page: Any, live_app: str, lexicon: Lexicon) -> None:
    query = "创新"
    hits = lexicon.search(query, limit=60).hits
    stub(page, [ZH_CN])
    page.goto(f"{live_app}/search?q={query}")
    page.locator(".hc-result .hc-speak button:enabled").first.wait_for()
    assert page.locator(".hc-result .hc-speak").count() == len(hits)
    last = hits[-1].entry.simplified
    play(page, last)
    assert spoken(page) == [{"text": last, "lang": "zh-CN", "rate": 1}]


def test_standalone_glossary_page_from_disk(
    page: Any, lexicon: Lexicon, tmp_path: Path, screenshot: Any
) -> None:
    glossary = build_glossary(read_deck(demo_course_dir() / "week07.txt"), lexicon)
    target = tmp_path / "glossary.html"
    target.write_text(render_html(glossary), encoding="utf-8")
    stub(page, [ZH_CN])
    page.goto(target.as_uri())
    page.locator(".hc-speak button:enabled").first.wait_for()
    rows = page.locator("table.hc-terms tbody tr")
    assert rows.count() == len(glossary.terms)
    assert page.locator("table.hc-terms .hc-term + .hc-speak").count() == len(glossary.terms)
    chosen = glossary.terms[len(glossary.terms) // 2].term
    play(page, chosen, slow=True)
    assert spoken(page) == [{"text": chosen, "lang": "zh-CN", "rate": SLOW}]
    screenshot(page, "standalone")


def test_the_slide_popup_plays_its_term(page: Any, site: StaticSite) -> None:
    stub(page, [ZH_CN])
    page.goto(site.url("slides.html"))
    page.wait_for_selector("html[data-hc-popup=ready]")
    key = page.eval_on_selector(".hc-term[data-hc-term]", "e => e.dataset.hcTerm")
    page.locator(f'.hc-term[data-hc-term="{key}"]').first.hover()
    popup = page.locator("#hc-popup")
    button = popup.locator(".hc-speak button").first
    button.wait_for()
    assert button.is_enabled()
    button.click()
    popup.locator(".hc-speak button").nth(1).click()
    assert spoken(page) == [
        {"text": key, "lang": "zh-CN", "rate": 1},
        {"text": key, "lang": "zh-CN", "rate": SLOW},
    ]


def test_static_site_from_disk_character_page_week_page_and_search(
    page: Any, lexicon: Lexicon, tmp_path: Path
) -> None:
    root = tmp_path / "public"
    build_site(demo_course_dir(), root, lexicon)
    glossary = build_glossary(read_deck(demo_course_dir() / "week07.txt"), lexicon)
    (char,) = [c.character for c in glossary.characters]
    stub(page, [ZH_CN])
    page.goto((root / pages.character_page(char)).as_uri())
    page.locator("h1 .hc-speak button:enabled").first.wait_for()
    play(page, char, slow=True)
    assert spoken(page) == [{"text": char, "lang": "zh-CN", "rate": SLOW}]
    # The week's page: every term of the glossary has its buttons.
    (week,) = (root / "weeks").glob("*.html")
    page.goto(week.as_uri())
    page.locator(".hc-terms .hc-speak button:enabled").first.wait_for()
    assert page.locator("table.hc-terms .hc-term + .hc-speak").count() == len(glossary.terms)
    # Search results drawn by site-search.js get them too.
    term = glossary.terms[0].term
    page.goto((root / pages.SEARCH).as_uri() + "?q=" + term)
    page.locator(".hc-result .hc-speak button:enabled").first.wait_for()
    page.locator(".hc-result .hc-speak").first.locator("button").first.click()
    assert spoken(page)[-1]["text"] == page.locator(".hc-result .hc-term").first.inner_text()


def test_example_sentences_play_whole(page: Any, live_app: str, lexicon: Lexicon) -> None:
    (first, *_) = lexicon.sentences("学校")
    stub(page, [ZH_CN])
    page.goto(f"{live_app}/word/学校")
    page.locator(".hc-sentence .hc-speak button:enabled").first.wait_for()
    play(page, first.simplified, slow=True)
    assert spoken(page) == [{"text": first.simplified, "lang": "zh-CN", "rate": SLOW}]


def test_the_slide_popup_says_when_there_is_no_voice(page: Any, site: StaticSite) -> None:
    stub(page, [EN])
    page.goto(site.url("slides.html"))
    page.wait_for_selector("html[data-hc-popup=ready]")
    page.wait_for_selector("html[data-hc-voice=none]", timeout=5000)
    key = page.eval_on_selector(".hc-term[data-hc-term]", "e => e.dataset.hcTerm")
    page.locator(f'.hc-term[data-hc-term="{key}"]').first.hover()
    group = page.locator("#hc-popup .hc-speak[data-hc-speak=no-voice]")
    group.wait_for()
    assert group.locator(".hc-speak-note").inner_text() == "no Chinese voice on this device"
    assert group.locator("button").first.is_disabled()
