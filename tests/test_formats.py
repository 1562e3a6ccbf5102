"""Deck formats teachers use besides remark: Marp, ordinary markdown, reveal.js, PowerPoint,
PDF and plain text exports, each read from a small deck in ``tests/data/decks/formats``."""

from __future__ import annotations

import pytest

from hanzi_companion.text.decks import read_deck, read_deck_text
from hanzi_companion.text.formats.front_matter import split_front_matter
from hanzi_companion.text.models import Deck

from .conftest import DATA

FORMATS = DATA / "decks" / "formats"


def _titles(deck: Deck) -> list[str]:
    return [slide.title for slide in deck.slides]


# -- front matter -------------------------------------------------------------------------------


def test_front_matter_is_read_as_yaml() -> None:
    text = "---\ntitle: 'Week 3: Water'\ndate: 2025-03-01\nauthors:\n  - Lin\n  - Zhao\n---\n# A"
    body, front = split_front_matter(text)
    assert body == "# A"
    assert front == {"title": "Week 3: Water", "date": "2025-03-01", "authors": "Lin, Zhao"}


def test_front_matter_that_is_not_strict_yaml_is_read_line_by_line() -> None:
    _, front = split_front_matter("---\ntitle: Week 3: Water\nlayout: post\n---\n# A")
    assert front == {"title": "Week 3: Water", "layout": "post"}


def test_remark_properties_on_top_are_not_front_matter() -> None:
    text = "---\nclass: center, middle\n---\n# A"
    assert split_front_matter(text) == (text, {})


# -- Marp ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def marp() -> Deck:
    return read_deck(FORMATS / "marp_week05.md")


def test_marp_rulers_split_slides_setext_underlines_do_not(marp: Deck) -> None:
    assert marp.format == "marp"
    assert _titles(marp) == [
        "Week 5",
        "Character of the week",
        "Regional cuisines",
        "Table manners",
    ]
    assert "Setext headings are not separators" in marp.slides[2].text


def test_marp_comments_are_notes_and_directives_are_not(marp: Deck) -> None:
    assert marp.slides[0].notes == "Welcome everyone. Today we start with 饺子 before the break."
    assert marp.slides[1].notes == "Ask the students which 菜 they like."
    assert "_class" not in marp.slides[0].text + marp.slides[0].notes


def test_marp_rulers_inside_code_split_nothing(marp: Deck) -> None:
    assert "this is code, not a slide break" in marp.slides[3].text


def test_marp_metadata_comes_from_its_front_matter(marp: Deck) -> None:
    meta = marp.metadata
    assert (meta.week, meta.date, meta.author) == (5, "2025-10-06", "Lin Wei")
    assert meta.title == "Week 5: Food and the Chinese Table"


def test_marp_heading_divider_starts_slides_at_headings() -> None:
    deck = read_deck_text(
        "---\nmarp: true\nheadingDivider: 2\n---\n# One\n\n城市\n\n## Two\n\n农村\n", "d.md"
    )
    assert _titles(deck) == ["One", "Two"]


# -- ordinary markdown --------------------------------------------------------------------------


def test_setext_headings_are_sections_not_slide_separators() -> None:
    deck = read_deck(FORMATS / "notes_setext.md")
    assert deck.format == "markdown"
    assert _titles(deck) == [
        "Reading notes: the Chinese city",
        "The work unit",
        "Household registration",
        "Urban villages",
    ]
    assert "单位" in deck.slides[1].text


def test_a_remark_deck_with_separators_after_paragraphs_stays_remark() -> None:
    deck = read_deck_text("# One\n\nText\n\n---\n# Two\nMore text\n---\n# Three", "r.md")
    assert deck.format == "remark-markdown"
    assert _titles(deck) == ["One", "Two", "Three"]
