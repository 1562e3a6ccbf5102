"""The site's search index: every term and character of the week, as compact JSON.

Rows are arrays, not objects, and pinyin is written once per form the browser matches on
(tone-marked syllables with their tone number, a numbered key, a toneless key). The index is
wrapped in a one-line script (``window.HanziSiteIndex = {...};``) because pages opened from
``file://`` may load scripts but not fetch files. ``static/js/site-search.js`` reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from hanzi_companion.glossary import Glossary
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.links import SITES
from hanzi_companion.render.json_text import json_text

INDEX_VERSION = 1
_NUMBERED = re.compile(r"^[A-Za-zÜü:]+([1-5])$")


def pinyin_segments(numbered: str) -> str:
    """``chuang4 xin1`` -> ``chuàng4 xīn1``: each syllable tone-marked, its tone number after
    it (the browser colours by it); other tokens (``AA``) as they are."""
    out = []
    for token in numbered.split():
        match = _NUMBERED.match(token)
        if match:
            out.append(_pinyin.numbered_to_marks(token) + match.group(1))
        else:
            out.append(token)
    return " ".join(out)


def search_index(
    course: str,
    decks: Sequence[tuple[str, Glossary]],
    character_pages: dict[str, str],
) -> dict[str, Any]:
    """The index of a course: ``decks`` are (page path, glossary) in course order;
    ``character_pages`` maps each character of the week to its page."""
    deck_rows: list[list[Any]] = []
    chars: list[list[Any]] = []
    terms: list[list[Any]] = []
    seen_chars: set[str] = set()
    for number, (page, glossary) in enumerate(decks):
        info = glossary.deck
        deck_rows.append([page, info.title or info.name, info.week])
        for char in glossary.characters:
            if char.character in seen_chars:
                continue
            seen_chars.add(char.character)
            chars.append(
                [
                    char.character,
                    pinyin_segments(char.pinyin_numbered),
                    _pinyin.numbered_key(char.pinyin_numbered),
                    _pinyin.toneless_key(char.pinyin_numbered),
                    char.gloss,
                    character_pages.get(char.character, page),
                    number,
                ]
            )
        for position, term in enumerate(glossary.terms, start=1):
            if term.is_character_of_the_week and term.term in seen_chars:
                continue  # listed once, as the character of the week, linked to its page
            terms.append(
                [
                    term.term,
                    term.traditional if term.traditional != term.term else "",
                    pinyin_segments(term.pinyin_numbered),
                    _pinyin.numbered_key(term.pinyin_numbered),
                    _pinyin.toneless_key(term.pinyin_numbered),
                    term.gloss,
                    number,
                    position,  # glossary.html numbers its rows term-1, term-2, ...
                ]
            )
    return {
        "v": INDEX_VERSION,
        "course": course,
        "decks": deck_rows,
        "chars": chars,
        "terms": terms,
        "sites": [[s.name, s.template, s.characters, s.words] for s in SITES],
    }


def index_script(index: dict[str, Any]) -> str:
    """The index as a script; ``</`` is escaped so no string can close a script element."""
    return f"window.HanziSiteIndex={json_text(index)};\n"
