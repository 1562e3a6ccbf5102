"""Tone-coloured pinyin of long terms is spaced by word in every output, as plain pinyin is.

The term is built by the real glossary builder from a one-slide deck, so its parts and part
readings are what a lecture deck would get; expected words come from the model's own grouping.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from hanzi_companion.glossary import Glossary, GlossaryTerm, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.render.anki import plan_package
from hanzi_companion.render.html import render_html
from hanzi_companion.render.slides import render_slides
from hanzi_companion.text.decks import read_deck_text

LONG_TERM = "习近平新时代中国特色社会主义思想"
DECK = f"# Political doctrine\n\n### Xi Jinping Thought\n\n### {LONG_TERM}\n"


@pytest.fixture(scope="module")
def glossary(lexicon: Lexicon) -> Glossary:
    return build_glossary(read_deck_text(DECK, "doctrine.md"), lexicon)


@pytest.fixture(scope="module")
def term(glossary: Glossary) -> GlossaryTerm:
    (found,) = [t for t in glossary.terms if t.term == LONG_TERM]
    return found


def _text(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", markup))


def test_words_are_the_grouping_of_plain_pinyin(term: GlossaryTerm) -> None:
    words = term.pinyin_words
    assert len(words) > 1
    assert " ".join(words).split() == term.pinyin_numbered.split()
    marked = [_pinyin.numbered_to_marks(w, separator="") for w in words]
    assert " ".join(marked) == term.pinyin
    assert _text(term.pinyin_html) == term.pinyin


def test_short_term_is_one_word(glossary: Glossary) -> None:
    short = [t for t in glossary.terms if len(t.term) < 4 and t.term.isalpha()]
    for t in short:
        if not any(s[:1].isupper() for s in t.pinyin_numbered.split()[1:]):
            assert t.pinyin_words == (t.pinyin_numbered,)


def test_html_glossary_spaces_the_words(glossary: Glossary, term: GlossaryTerm) -> None:
    page = render_html(glossary)
    assert term.pinyin_html in page
    assert term.pinyin in _text(page)


def test_slides_space_the_words(glossary: Glossary, term: GlossaryTerm) -> None:
    slides = render_slides(glossary)
    assert term.pinyin_html in slides
    row = next(line for line in slides.splitlines() if LONG_TERM in line and "tone" in line)
    assert term.pinyin in _text(row)


def test_anki_fields_space_the_words(glossary: Glossary, term: GlossaryTerm) -> None:
    notes = [n for n in plan_package(glossary).terms if LONG_TERM in n.field("Hanzi")]
    (note,) = notes
    assert _text(note.field("Pinyin")) == term.pinyin
    assert unescape(note.field("Pinyin plain")) == term.pinyin
    assert " " in term.pinyin
