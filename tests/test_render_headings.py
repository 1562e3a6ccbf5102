"""Deck headings read ``Week 7 · 创 · Innovation: Created In China``: the week, the characters of
the week and the title from the glossary model, the file name only when the deck has no title.
Checked on the function, the web UI's course and deck pages, the standalone HTML glossary and
the static site, with decks read and built for real.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from hanzi_companion.glossary import DeckInfo, Glossary, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.glossary_common import HEADING_SEPARATOR, week_heading
from hanzi_companion.render.html import render_html
from hanzi_companion.site import build_site
from hanzi_companion.text.decks import read_deck

from .conftest import DATA, SEED_DECK

SECOND_DECK = DATA / "decks" / "week03.md"  # its title repeats its week: "Week 3: Water ..."
DECKS = (SEED_DECK, SECOND_DECK)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def headings(html: str, tag: str) -> list[str]:
    return [text_of(h) for h in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, re.DOTALL)]


@pytest.fixture(scope="module")
def glossaries(lexicon: Lexicon) -> dict[str, Glossary]:
    return {deck.name: build_glossary(read_deck(deck), lexicon) for deck in DECKS}


def test_heading_is_week_characters_title(glossaries: dict[str, Glossary]) -> None:
    for name, glossary in glossaries.items():
        deck = glossary.deck
        assert deck.week is not None and deck.title and glossary.characters, name
        pieces = week_heading(glossary, name).split(HEADING_SEPARATOR)
        assert pieces[0] == f"Week {deck.week}"
        assert pieces[1].split() == [c.character for c in glossary.characters]
        assert deck.title.endswith(pieces[2])
        assert name not in week_heading(glossary, name)
        # The week is said once, even when the title starts with it.
        assert week_heading(glossary, name).lower().count(f"week {deck.week}") == 1


def test_file_name_stands_in_for_a_missing_title(glossaries: dict[str, Glossary]) -> None:
    glossary = glossaries[SEED_DECK.name]
    untitled = replace(glossary, deck=replace(glossary.deck, title=""))
    assert week_heading(untitled, SEED_DECK.name).endswith(HEADING_SEPARATOR + SEED_DECK.name)
    bare = Glossary(DeckInfo(name="notes.md"), (), ())
    assert week_heading(bare, "notes.md") == "notes.md"
    assert week_heading(None, "broken.md") == "broken.md"
    assert week_heading(glossary, characters=False) == HEADING_SEPARATOR.join(
        (f"Week {glossary.deck.week}", glossary.deck.title)
    )


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("course")
    for deck in DECKS:
        shutil.copy(deck, folder / deck.name)
    return folder


def test_web_course_and_deck_pages(client: FlaskClient, glossaries: dict[str, Glossary]) -> None:
    course = client.get("/course").get_data(as_text=True)
    for deck in DECKS:
        expected = week_heading(glossaries[deck.name], deck.name)
        assert expected in headings(course, "h2")
        page = client.get(f"/course/{deck.stem}").get_data(as_text=True)
        assert headings(page, "h1") == [expected]
        assert deck.name not in headings(page, "h1")[0]


def test_standalone_glossary_heading(glossaries: dict[str, Glossary]) -> None:
    for name, glossary in glossaries.items():
        page = render_html(glossary)
        assert headings(page, "h1") == [f"Glossary: {week_heading(glossary, name)}"]
        assert headings(page, "title") == [f"Glossary: {week_heading(glossary, name)}"]


def test_static_site_headings(
    tmp_path_factory: pytest.TempPathFactory,
    lexicon: Lexicon,
    course_dir: Path,
    glossaries: dict[str, Glossary],
) -> None:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(course_dir, out, lexicon)
    index = (out / "index.html").read_text(encoding="utf-8")
    deck_headings = [
        headings(p.read_text(encoding="utf-8"), "h1")[0] for p in (out / "weeks").glob("*.html")
    ]
    for deck in DECKS:
        expected = week_heading(glossaries[deck.name], deck.name)
        assert expected in headings(index, "h2")
        assert expected in deck_headings
