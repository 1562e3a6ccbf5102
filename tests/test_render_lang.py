"""Chinese inside English text carries its language: every Han character a glossary page shows
is inside an element whose ``lang`` is Chinese (screen readers switch voice, browsers pick a
Chinese font), on the web UI's deck pages, the standalone HTML glossary and the static site.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.script import is_han
from hanzi_companion.render.html import render_html
from hanzi_companion.render.templating import mark_chinese
from hanzi_companion.site import build_site
from hanzi_companion.text.decks import read_deck

from .conftest import DATA, SEED_DECK

SECOND_DECK = DATA / "decks" / "week03.md"
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# Elements whose content is plain text by definition: no span can go inside them.
RAW_TEXT = frozenset({"title"})


class _LangChecker(HTMLParser):
    """Collects the Han characters of text nodes whose nearest ``lang`` is not Chinese."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, inherited lang)
        self.untagged: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        inherited = self.stack[-1][1] if self.stack else ""
        if tag not in VOID:
            self.stack.append((tag, lang if lang is not None else inherited))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        tag, lang = self.stack[-1] if self.stack else ("", "")
        if tag in RAW_TEXT or lang.lower().startswith("zh"):
            return
        han = "".join(ch for ch in data if is_han(ch))
        if han:
            self.untagged.append(f"{han!r} in <{tag}> {data.strip()[:80]!r}")


def untagged_chinese(page: str) -> list[str]:
    checker = _LangChecker()
    checker.feed(page)
    checker.close()
    return checker.untagged


def han_count(page: str) -> int:
    return sum(1 for ch in page if is_han(ch))


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("course")
    shutil.copy(SEED_DECK, folder / SEED_DECK.name)
    shutil.copy(SECOND_DECK, folder / SECOND_DECK.name)
    return folder


def test_the_checker_sees_untagged_chinese() -> None:
    assert untagged_chinese("<p lang='en'>variant of 創</p>") == ["'創' in <p> 'variant of 創'"]
    assert untagged_chinese(f"<p lang='en'>variant of {mark_chinese('創|创[chuang4]')}</p>") == []


def test_mark_chinese_escapes_and_tags_runs() -> None:
    marked = str(mark_chinese("abbr. for 大众创业、万众创新 <b>"))
    assert '<span lang="zh-Hans">大众创业、万众创新</span>' in marked
    assert "&lt;b&gt;" in marked and "<b>" not in marked


@pytest.mark.parametrize("deck", [SEED_DECK, SECOND_DECK], ids=lambda p: p.name)
def test_course_deck_page_tags_every_han_character(client: FlaskClient, deck: Path) -> None:
    response = client.get(f"/course/{deck.stem}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert han_count(page) > 50
    assert untagged_chinese(page) == []


def test_standalone_glossary_tags_every_han_character(lexicon: Lexicon) -> None:
    for deck in (SEED_DECK, SECOND_DECK):
        page = render_html(build_glossary(read_deck(deck), lexicon))
        assert han_count(page) > 50
        assert untagged_chinese(page) == []


def test_character_and_word_pages_tag_every_han_character(client: FlaskClient) -> None:
    for url in ("/char/创", "/char/寨", "/word/创新", "/word/山寨"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert untagged_chinese(response.get_data(as_text=True)) == [], url


def test_static_site_pages_tag_every_han_character(
    tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon, course_dir: Path
) -> None:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(course_dir, out, lexicon)
    pages = sorted(out.rglob("*.html"))
    assert (out / "index.html") in pages and any(p.parent.name == "weeks" for p in pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert untagged_chinese(text) == [], page.name
