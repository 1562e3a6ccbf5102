"""Small formatting helpers shared by the glossary renderers (JSON, Markdown, slides, HTML).

They only format what the :mod:`hanzi_companion.glossary` model holds; nothing here looks a
word up or chooses a reading.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

from hanzi_companion.errors import DataFileError
from hanzi_companion.glossary import (
    PARTS_SOURCE,
    SLIDE_SOURCE,
    CharacterOfTheWeek,
    DeckInfo,
    Glossary,
    GlossaryTerm,
    Occurrence,
)
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.links import links_for
from hanzi_companion.lexicon.models import CEDICT_SOURCE, Link
from hanzi_companion.patterns import LazyPattern
from hanzi_companion.render.lexicon_json import CEDICT_ATTRIBUTION
from hanzi_companion.settings import Settings
from hanzi_companion.wording import plural

__all__ = [
    "CEDICT_ATTRIBUTION",
    "CREDIT_SHORT",
    "character_links",
    "credit_line",
    "deck_heading",
    "deck_meta",
    "deck_url",
    "fragment",
    "glossary_css",
    "lang_of",
    "marks",
    "other_form",
    "other_sources",
    "part_details",
    "part_title",
    "safe_links",
    "speak_script",
    "term_links",
    "week_heading",
]

CREDIT_SHORT = "Dictionary data: CC-CEDICT (MDBG), CC BY-SA 4.0, https://cc-cedict.org/"
_SAFE_SCHEMES = ("http://", "https://")
GLOSSARY_CSS = "css/glossary.css"
SPEAK_JS = "js/speak.js"
_CSS_COMMENT = LazyPattern(r"/\*.*?\*/", re.DOTALL)
_SPACES = LazyPattern(r"\s+")


def glossary_css(settings: Settings | None = None, *, minify: bool = False) -> str:
    """The glossary stylesheet (tone colours, CJK fonts), to inline in self-contained outputs.

    ``minify`` drops comments and folds the file onto one line, as a remark slide needs (a
    blank line would end the ``<style>`` block inside the slide's Markdown).
    """
    settings = settings or Settings.from_env()
    path = settings.static_dir / GLOSSARY_CSS
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, f"cannot read the glossary stylesheet: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise DataFileError(path, "the glossary stylesheet is not UTF-8 text") from None
    if "</" in text:
        # It is inlined raw in <style> elements, where "</" could end the element early.
        raise DataFileError(path, "the glossary stylesheet must not contain '</'")
    if minify:
        text = _SPACES.sub(" ", _CSS_COMMENT.sub("", text)).strip()
    return text


def speak_script(settings: Settings | None = None) -> str:
    """static/js/speak.js (the Play and Slow buttons), to inline in self-contained pages."""
    settings = settings or Settings.from_env()
    path = settings.static_dir / SPEAK_JS
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, f"cannot read the pronunciation script: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise DataFileError(path, "the pronunciation script is not UTF-8 text") from None
    if "</" in text:
        # Inlined raw in a <script> element, where "</" could end the element early.
        raise DataFileError(path, "the pronunciation script must not contain '</'")
    return text


def safe_links(links: tuple[Link, ...]) -> tuple[Link, ...]:
    """Only web links: a deck could carry ``javascript:`` targets, which no output may keep."""
    return tuple(link for link in links if link.url.strip().lower().startswith(_SAFE_SCHEMES))


# Pure functions of their text, called for every term by every renderer: cached per process.
_links_for = lru_cache(maxsize=8192)(links_for)


def lang_of(term: GlossaryTerm) -> str:
    """The HTML language tag of a term as written: traditional when the deck wrote it so."""
    if term.term != term.simplified and term.term == term.traditional:
        return "zh-Hant"
    return "zh-Hans"


def other_form(term: GlossaryTerm) -> tuple[str, str] | None:
    """(text, language tag) of the term's other script, when it differs from the written one."""
    if lang_of(term) == "zh-Hant":
        other, lang = term.simplified, "zh-Hans"
    else:
        other, lang = term.traditional, "zh-Hant"
    return (other, lang) if other and other != term.term else None


def term_links(term: GlossaryTerm) -> tuple[Link, ...]:
    """Outside dictionaries for a term (Purple Culture, Hanziyuan, CUHK first)."""
    word = term.simplified or term.term
    return _links_for(word, term.traditional or None)


def character_links(character: CharacterOfTheWeek, limit: int | None = None) -> tuple[Link, ...]:
    """The links the slide gives, then usual dictionaries on sites the slide does not link to.

    ``limit`` caps the total (Purple Culture, Hanziyuan and CUHK come first among the added
    ones); the slide's own links are always kept.
    """
    given = safe_links(character.links)
    hosts = {urlsplit(link.url.strip()).netloc.lower() for link in given}
    extra = tuple(
        link for link in links_for(character.character) if urlsplit(link.url).netloc not in hosts
    )
    if limit is not None:
        extra = extra[: max(0, limit - len(given))]
    return given + extra


@lru_cache(maxsize=8192)
def marks(numbered: str) -> str:
    """Dictionary-style tone marks for a numbered reading the model holds ("" stays "")."""
    return _pinyin.word_pinyin(numbered) if numbered else ""


def part_details(term: GlossaryTerm) -> tuple[tuple[str, str, str], ...]:
    """(word, numbered reading, gloss) of each part of a term; "" where the model has none."""
    return tuple(
        (
            part,
            term.part_readings[i] if i < len(term.part_readings) else "",
            term.part_glosses[i] if i < len(term.part_glosses) else "",
        )
        for i, part in enumerate(term.parts)
    )


def part_title(term: GlossaryTerm, index: int) -> str:
    """``lián hé: to unite`` for a part, as a tooltip."""
    details = part_details(term)
    if not 0 <= index < len(details):
        return ""
    _, reading, gloss = details[index]
    return ": ".join(x for x in (marks(reading), gloss) if x)


def fragment(slide: int) -> str:
    """The remark URL fragment of a slide (remark numbers slides from 1)."""
    return f"#{slide}"


# How an occurrence in the page's front matter is labelled: no slide shows it, none is linked.
HEADER_LABEL = "front matter"


def occurrence_fragment(occurrence: Occurrence) -> str:
    """The URL fragment of the slide an occurrence is on; none for the front matter."""
    return "" if occurrence.in_header else fragment(occurrence.slide)


def occurrence_label(occurrence: Occurrence) -> str:
    """The slide an occurrence is on as a reader sees it: ``12``, ``12 (notes)``, or
    ``front matter`` for text of the page's header that no slide shows."""
    if occurrence.in_header:
        return HEADER_LABEL
    return str(occurrence.slide) + (" (notes)" if occurrence.in_notes else "")


def deck_url(template: str, deck: DeckInfo) -> str:
    """Expand a deck URL template: ``{name}`` is the deck's file name, ``{stem}`` without suffix,
    each percent-encoded as one path segment (``week 1 #2.md`` -> ``week%201%20%232.md``).

    An empty template gives an empty URL (links to slides are then left out of pages that do
    not live next to the deck).
    """
    if not template:
        return ""
    stem = PurePosixPath(deck.name).stem if deck.name else ""
    return template.replace("{name}", quote(deck.name, safe="")).replace(
        "{stem}", quote(stem, safe="")
    )


def deck_heading(deck: DeckInfo) -> str:
    """The deck's display title: its title, else its name."""
    return deck.title or deck.name or "Glossary"


_WEEK_PREFIX = LazyPattern(r"^\s*week\s*0*(\d+)\s*[:·.,\-\u2013\u2014]\s*", re.IGNORECASE)
HEADING_SEPARATOR = " · "


def week_heading(glossary: Glossary | None, fallback: str = "", *, characters: bool = True) -> str:
    """``Week 7 · 创 · Innovation: Created In China``: the week, the characters of the week and
    the deck's title, each when known; ``fallback`` (the file name) only stands in for a missing
    title. A title that starts with its own week (``Week 3: Water``) does not repeat it.
    ``characters=False`` leaves the characters out (for a card that shows them big).
    """
    if glossary is None:
        return fallback or "Glossary"
    deck = glossary.deck
    title = deck.title.strip()
    parts = []
    if deck.week is not None:
        parts.append(f"Week {deck.week}")
        match = _WEEK_PREFIX.match(title)
        if match and int(match.group(1)) == deck.week and title[match.end() :].strip():
            title = title[match.end() :].strip()
    if characters:
        parts.append(" ".join(dict.fromkeys(c.character for c in glossary.characters)))
    parts.append(title or fallback or deck.name)
    return HEADING_SEPARATOR.join(p for p in parts if p) or "Glossary"


def deck_meta(deck: DeckInfo) -> str:
    """One line of metadata: course, week, date, slide count (only what is known)."""
    parts = []
    if deck.course:
        parts.append(deck.course)
    if deck.week is not None:
        parts.append(f"week {deck.week}")
    if deck.date:
        parts.append(deck.date)
    if deck.slide_count:
        parts.append(plural(deck.slide_count, "slide"))
    return " · ".join(parts)


def other_sources(glossaries: tuple[Glossary, ...]) -> tuple[str, ...]:
    """Dictionaries and tools other than CC-CEDICT that contributed senses or readings."""
    found: set[str] = set()
    for glossary in glossaries:
        for term in glossary.terms:
            found.update(sense.source for sense in term.senses)
            found.update(term.sources)
            if term.reading_source:
                found.add(term.reading_source)
    # The slide's own words and readings composed from words need no credit.
    found -= {CEDICT_SOURCE, SLIDE_SOURCE, PARTS_SOURCE, ""}
    return tuple(sorted(found))


def credit_line(glossaries: tuple[Glossary, ...]) -> str:
    """The credit every output carries: CC-CEDICT's licence, plus any other source used."""
    others = other_sources(glossaries)
    if not others:
        return CEDICT_ATTRIBUTION
    return f"{CEDICT_ATTRIBUTION}; also: {', '.join(others)}"
