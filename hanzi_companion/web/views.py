"""Small view models for the pages: what the library answers, gathered for one template.

Only gathering and ordering happens here; readings, glosses and profiles come from the library.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from hanzi_companion.errors import DeckError, NotFoundError
from hanzi_companion.glossary import CharacterOfTheWeek, Course, Glossary, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.models import Entry, Link, QueryKind, Reading, SearchResults
from hanzi_companion.lexicon.script import is_han
from hanzi_companion.lexicon.sentences import Sentence
from hanzi_companion.render.character_page import CharacterPage, character_view
from hanzi_companion.text.decks import read_deck_bytes
from hanzi_companion.web.course import CourseDeck, CourseFolder

# Shown on the home page and when a search finds nothing: one query of each kind.
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("创新", "characters"),
    ("chuàngxīn", "pinyin with tone marks"),
    ("chuang4", "pinyin with tone numbers"),
    ("chuangxin", "pinyin without tones"),
    ("innovation", "English"),
)
MAX_SUBWORD_LENGTH = 16


@dataclass(frozen=True)
class CharacterReading:
    """One character of a word with its reading inside that word."""

    char: str
    pinyin_numbered: str


@dataclass(frozen=True)
class WordPage:
    word: str
    found: bool
    entries: tuple[Entry, ...]
    reading: Reading
    script: str
    other_form: str | None
    characters: tuple[CharacterReading, ...]
    subwords: tuple[Entry, ...]
    containing: tuple[Entry, ...]
    links: tuple[Link, ...]
    hsk_level: int | None = None
    reading_words: tuple[str, ...] = ()  # the reading by word (pinyin orthography)
    sentences: tuple[Sentence, ...] = ()  # graded examples holding the word as a token


def _characters(lexicon: Lexicon, word: str, reading: Reading) -> tuple[CharacterReading, ...]:
    """Each Han character with the syllable the word's reading gives it (or its own reading)."""
    syllables = reading.pinyin_numbered.split()
    aligned = len(syllables) == len(word)
    out = []
    for index, char in enumerate(word):
        if not is_han(char):
            continue
        numbered = syllables[index] if aligned else lexicon.reading(char).pinyin_numbered
        out.append(CharacterReading(char, numbered))
    return tuple(out)


def _subwords(lexicon: Lexicon, word: str) -> tuple[Entry, ...]:
    """Dictionary words inside a longer word, in reading order (longest first at each start)."""
    if len(word) > MAX_SUBWORD_LENGTH:
        return ()
    found: list[Entry] = []
    seen: set[str] = set()
    for start in range(len(word)):
        for end in range(len(word), start + 1, -1):
            part = word[start:end]
            if part == word or part in seen:
                continue
            entries = lexicon.lookup(part)
            if entries:
                seen.add(part)
                found.append(entries[0])
    return tuple(found)


def word_page(lexicon: Lexicon, word: str) -> WordPage:
    entries = lexicon.lookup(word)
    reading = lexicon.reading(word)
    containing = tuple(
        hit.entry
        for hit in lexicon.search(word, kind=QueryKind.HANZI, limit=40).hits
        if hit.match != "exact"
    )
    return WordPage(
        word=word,
        found=bool(entries),
        entries=entries,
        reading=reading,
        script=lexicon.script(word),
        other_form=lexicon.other_form(word),
        characters=_characters(lexicon, word, reading),
        subwords=_subwords(lexicon, word),
        containing=containing,
        links=lexicon.links(word),
        hsk_level=lexicon.hsk_level(word),
        reading_words=lexicon.pinyin_words(word, reading.pinyin_numbered),
        sentences=lexicon.sentences(word),
    )


def character_page(lexicon: Lexicon, char: str) -> CharacterPage:
    """The profile of ``char``; a page saying so when no data source knows it."""
    try:
        return character_view(lexicon, char, lexicon.character(char))
    except NotFoundError as exc:
        return character_view(lexicon, char, None, str(exc))


@dataclass(frozen=True)
class Suggestions:
    """What to offer when a search finds nothing (or could be read another way)."""

    notes: tuple[str, ...] = ()
    queries: tuple[tuple[str, str], ...] = ()  # (query, why)
    kinds: tuple[QueryKind, ...] = ()  # other readings of the query worth a click
    reading: Reading | None = None  # pypinyin's reading of unknown characters
    characters: tuple[str, ...] = ()  # Han characters of the query, each worth a look
    words: tuple[Entry, ...] = field(default=())  # dictionary words inside the query


def _looks_foreign(query: str) -> bool:
    """True when the query has letters that are neither Latin nor Han (kana, Cyrillic...)."""
    for ch in query:
        if not ch.isalpha() or is_han(ch):
            continue
        if "LATIN" not in unicodedata.name(ch, ""):
            return True
    return False


def suggestions(lexicon: Lexicon, results: SearchResults) -> Suggestions:
    query = results.query
    kinds = tuple(k for k in results.also if k != results.kind)
    if results.hits:
        return Suggestions(kinds=kinds)
    if results.kind == QueryKind.HANZI:
        chars = tuple(dict.fromkeys(ch for ch in query if is_han(ch)))
        return Suggestions(
            notes=(
                "No dictionary has this as a word; here is how it would be read and what it"
                " is made of.",
            ),
            reading=lexicon.reading("".join(chars)) if chars else None,
            characters=chars,
            words=_subwords(lexicon, "".join(ch for ch in query if is_han(ch))),
        )
    notes: list[str] = []
    queries: list[tuple[str, str]] = []
    if _looks_foreign(query):
        notes.append(
            "This search understands Chinese characters, pinyin and English; the query has"
            " letters of another script."
        )
    elif results.kind == QueryKind.PINYIN:
        notes.append("No word has exactly this pinyin; check the tones, or leave them out.")
        plain = "".join(ch for ch in unicodedata.normalize("NFD", query) if ch.isascii())
        plain = "".join(ch for ch in plain if not ch.isdigit())
        if plain and plain != query:
            queries.append((plain, "the same pinyin without tones"))
    else:
        notes.append("No English definition contains these words.")
        words = [w for w in query.split() if len(w) > 2]
        if len(words) > 1:
            queries.extend((w, "one word at a time") for w in words[:5])
    queries.extend(EXAMPLES)
    return Suggestions(notes=tuple(notes), queries=tuple(queries), kinds=kinds)


@dataclass(frozen=True)
class CourseWeek:
    """One deck of the course folder, as the home and course pages list it."""

    name: str
    filename: str
    glossary: Glossary | None
    problem: str = ""  # why the deck could not be read

    @property
    def title(self) -> str:
        return self.glossary.deck.title if self.glossary else ""

    @property
    def week(self) -> int | None:
        return self.glossary.deck.week if self.glossary else None

    @property
    def date(self) -> str:
        return self.glossary.deck.date if self.glossary else ""

    @property
    def characters(self) -> tuple[CharacterOfTheWeek, ...]:
        return self.glossary.characters if self.glossary else ()

    @property
    def term_count(self) -> int:
        return len(self.glossary.terms) if self.glossary else 0


@dataclass(frozen=True)
class CourseSummary:
    title: str
    weeks: tuple[CourseWeek, ...]

    @property
    def glossaries(self) -> tuple[Glossary, ...]:
        return tuple(week.glossary for week in self.weeks if week.glossary)

    @property
    def anki(self) -> bool:
        return any(g.terms or g.characters for g in self.glossaries)


def course_glossary(lexicon: Lexicon, course: CourseFolder, deck: CourseDeck) -> Glossary:
    """A course deck's glossary (cached by the course folder until the file changes)."""
    return course.glossary(
        deck, lambda data, name: build_glossary(read_deck_bytes(data, name), lexicon)
    )


def course_summary(lexicon: Lexicon, course: CourseFolder) -> CourseSummary:
    """Every deck of the course with its glossary; a deck that cannot be read says why."""
    weeks = []
    for deck in course.decks():
        try:
            weeks.append(
                CourseWeek(deck.name, deck.filename, course_glossary(lexicon, course, deck))
            )
        except DeckError as exc:
            weeks.append(
                CourseWeek(deck.name, deck.filename, None, f"Cannot be read: {exc.reason}")
            )
        except OSError as exc:  # removed or unreadable since the folder was listed
            reason = exc.strerror or str(exc)
            weeks.append(CourseWeek(deck.name, deck.filename, None, f"Cannot be read: {reason}"))
    courses = [w.glossary.deck.course for w in weeks if w.glossary and w.glossary.deck.course]
    return CourseSummary(title=courses[0] if courses else "", weeks=tuple(weeks))


def as_course(summary: CourseSummary) -> Course:
    """The course model the Anki and JSON renderers take."""
    return Course(name=summary.title or "Course", glossaries=summary.glossaries)
