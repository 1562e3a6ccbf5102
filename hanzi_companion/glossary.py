"""The glossary: the one view model of a deck (or course) that every output renders.

``build_glossary(deck, lexicon)`` turns a read deck into a :class:`Glossary`; renderers (JSON,
Markdown, remark slides, HTML, Anki, web) only format it and never re-derive readings or glosses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.models import Link, Sense


@dataclass(frozen=True)
class Occurrence:
    """Where a term appears: remark slide number, slide title, a short context."""

    slide: int
    slide_title: str
    context: str
    in_notes: bool = False


@dataclass(frozen=True)
class GlossaryTerm:
    """One Chinese term of a deck with everything a student needs about it."""

    term: str  # as written in the deck
    simplified: str
    traditional: str
    pinyin_numbered: str  # the reading in context, numbered (``chuang4 ke4``)
    reading_source: str  # "CC-CEDICT", "course dictionary", "pypinyin", ...
    gloss: str  # the one-line meaning to show
    senses: tuple[Sense, ...]  # every dictionary sense of the chosen headword, with sources
    parts: tuple[str, ...] = ()  # natural words inside a longer term
    occurrences: tuple[Occurrence, ...] = ()
    slide_gloss: str = ""  # English the slide itself gives for the term
    romanisation: str = ""  # romanisation written next to it on the slide ("chuangke")
    hsk_level: int | None = None
    in_dictionary: bool = True
    is_character_of_the_week: bool = False
    sources: tuple[str, ...] = ()  # every source that contributed (dictionaries, slide)
    other_readings: tuple[str, ...] = ()  # other numbered readings of the headword

    @property
    def pinyin(self) -> str:
        """Tone marks, dictionary style (``chuàngkè``)."""
        return _pinyin.numbered_to_marks(self.pinyin_numbered, separator="")

    @property
    def pinyin_html(self) -> str:
        return _pinyin.tone_html(self.pinyin_numbered)


@dataclass(frozen=True)
class RomanisedTerm:
    """Pinyin written without characters in the prose (``danwei``) and what it matches."""

    text: str  # as written
    matched: str = ""  # the characters it was matched to, "" when unresolved
    pinyin_numbered: str = ""
    how: str = ""  # "deck term", "dictionary", "ambiguous", "unknown"
    candidates: tuple[str, ...] = ()  # candidate words when not resolved
    gloss: str = ""
    occurrences: tuple[Occurrence, ...] = ()


@dataclass(frozen=True)
class CharacterOfTheWeek:
    """The week's character, with the dictionary links the slide gives."""

    character: str
    pinyin_numbered: str
    gloss: str
    slide: int
    links: tuple[Link, ...] = ()  # links written on the slide

    @property
    def pinyin(self) -> str:
        return _pinyin.numbered_to_marks(self.pinyin_numbered, separator="")


@dataclass(frozen=True)
class DeckInfo:
    """Deck metadata as shown in glossaries."""

    name: str
    title: str = ""
    course: str = ""
    week: int | None = None
    date: str = ""
    slide_count: int = 0
    format: str = ""


@dataclass(frozen=True)
class Glossary:
    """A deck's glossary: metadata, characters of the week, terms in order, romanised terms."""

    deck: DeckInfo
    characters: tuple[CharacterOfTheWeek, ...]
    terms: tuple[GlossaryTerm, ...]
    romanised: tuple[RomanisedTerm, ...] = ()
    messages: tuple[str, ...] = field(default=())  # notes for the reader ("no Chinese found")


@dataclass(frozen=True)
class Course:
    """Several decks' glossaries, in week order."""

    name: str
    glossaries: tuple[Glossary, ...]
