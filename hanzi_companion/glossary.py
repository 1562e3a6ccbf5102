"""The glossary: the one view model of a deck (or course) that every output renders.

``build_glossary(deck, lexicon)`` turns a read deck into a :class:`Glossary`; renderers (JSON,
Markdown, remark slides, HTML, Anki, web) only format it and never re-derive readings or glosses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.lexicon import guess_reading
from hanzi_companion.lexicon.models import PYPINYIN_SOURCE, Entry, Link, Sense, SenseKind
from hanzi_companion.text.extract import Extractor, Mention, characters_of_the_week
from hanzi_companion.text.models import Deck
from hanzi_companion.text.romanization import DeckWord, find_romanised


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
    part_readings: tuple[str, ...] = ()  # numbered reading of each part, as ``parts``
    part_glosses: tuple[str, ...] = ()  # one-line meaning of each part, as ``parts``

    @property
    def pinyin(self) -> str:
        """Tone marks, dictionary style (``chuàngkè``), long terms spaced by word.

        A term of four or more characters is spaced as its parts (``jīngzhǔn fúpín``); names
        are spaced where CC-CEDICT capitalises (``Zhōngguó Kēxuéyuàn``).
        """
        return display_pinyin(
            self.pinyin_numbered, self.part_readings if len(self.term) >= 4 else ()
        )

    @property
    def pinyin_html(self) -> str:
        return _pinyin.tone_html(self.pinyin_numbered)

    @property
    def latin_free(self) -> bool:
        """True for a plain Han term (not a mixed term such as ``AAA 货``)."""
        return not re.search(r"[A-Za-z0-9]", self.term)


def display_pinyin(numbered: str, part_readings: tuple[str, ...] = ()) -> str:
    """Tone marks with syllables joined by word: by the parts' syllable counts when they add up,
    else starting a new word at each capitalised syllable (names) or non-pinyin token."""
    tokens = numbered.split()
    counts = [len(reading.split()) for reading in part_readings]
    groups: list[list[str]] = []
    if counts and sum(counts) == len(tokens) and len(counts) > 1:
        position = 0
        for count in counts:
            groups.append(tokens[position : position + count])
            position += count
    else:
        for token in tokens:
            if not groups or token[:1].isupper():
                groups.append([token])
            else:
                groups[-1].append(token)
    return " ".join(_pinyin.numbered_to_marks(" ".join(g), separator="") for g in groups)


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


# -- building -----------------------------------------------------------------------------------

_MEANING_KINDS = (SenseKind.MEANING, SenseKind.ABBREVIATION)
_GLOSS_TARGET = 60  # a one-line gloss adds senses while it stays about this short
_SEE_TARGET = re.compile(r"^(?:see|see also)\s+(?:[^|\s\[]+\|)?([^\s\[|,;]+)")
_STOP_TEXT = "the a an of and or to in on for with by as at from sb sth etc"
_STOP = frozenset(_STOP_TEXT.split())
SLIDE_SOURCE = "slide"
PARTS_SOURCE = "words"  # a reading composed from the readings of the term's words


def _meanings(entry: Entry) -> list[str]:
    """Senses worth showing, real meanings first (no variant, see or surname notes)."""
    for kinds in (_MEANING_KINDS, (SenseKind.SEE, SenseKind.SURNAME, SenseKind.VARIANT)):
        texts = [s.text for s in entry.senses if s.kind in kinds]
        if texts:
            return texts
    return []


def one_line_gloss(entry: Entry, lexicon: Lexicon | None = None) -> str:
    """The meaning to show for an entry: its first real senses, on one short line.

    An entry that is only a cross-reference (``see 深圳市``) shows its target's meaning.
    """
    has_meaning = any(s.kind in _MEANING_KINDS for s in entry.senses)
    if not has_meaning and lexicon is not None:
        for sense in entry.senses:
            match = _SEE_TARGET.match(sense.text) if sense.kind == SenseKind.SEE else None
            if match and match.group(1) != entry.simplified:
                targets = lexicon.lookup(match.group(1))
                if targets:
                    return one_line_gloss(targets[0])
    texts = _meanings(entry)
    if not texts:
        return ""
    gloss = texts[0]
    for text in texts[1:]:
        if len(gloss) + 2 + len(text) > _GLOSS_TARGET:
            break
        gloss += "; " + text
    return gloss


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in _STOP}


def choose_entry(entries: tuple[Entry, ...], slide_gloss: str, romanisation: str) -> Entry:
    """The entry meant on the slide: the lexicon's first, unless the slide says otherwise.

    The slide's English picks the entry whose senses share most words with it (大众 next to
    "Volkswagen" is the brand); a capitalised romanisation next to a name picks a proper noun
    with that spelling.
    """
    best = entries[0]
    words = _content_words(slide_gloss)
    if words and len(entries) > 1:
        scores = [len(words & _content_words(" ".join(e.definitions))) for e in entries]
        top = max(scores)
        if top > scores[0]:
            best = entries[scores.index(top)]
    if romanisation[:1].isupper() and not best.is_proper_noun:
        key = _pinyin.toneless_key(romanisation)
        for entry in entries:
            if entry.is_proper_noun and _pinyin.toneless_key(entry.pinyin_numbered) == key:
                return entry
    return best


@dataclass
class _TermAccumulator:
    first: Mention
    occurrences: list[Occurrence] = field(default_factory=list)
    seen: set[Occurrence] = field(default_factory=set)
    slide_gloss: str = ""
    romanisation: str = ""


class _Builder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.extractor = Extractor(lexicon)

    def word_reading(self, word: str) -> tuple[str, str]:
        """(numbered reading, source) of a word: its dictionary reading, else by its words."""
        entries = self.lexicon.lookup(word)
        if entries:
            return entries[0].pinyin_numbered, entries[0].source
        return self.composed_reading(word, self.extractor.parts_of(word) or ())

    def composed_reading(self, word: str, parts: tuple[str, ...]) -> tuple[str, str]:
        """A reading for a word no dictionary has, from its words' dictionary readings.

        Single characters and unknown words take pypinyin's phrase-aware reading of the whole
        term at their position (so polyphones follow their context).
        """
        guessed = guess_reading(word).split()
        if not parts or "".join(parts) != word or len(guessed) != len(word):
            return " ".join(guessed), PYPINYIN_SOURCE
        syllables: list[str] = []
        position = 0
        from_pypinyin = False
        for part in parts:
            entries = self.lexicon.lookup(part) if len(part) > 1 else ()
            if entries:
                syllables.extend(entries[0].pinyin_numbered.split())
            else:
                syllables.extend(guessed[position : position + len(part)])
                from_pypinyin = True
            position += len(part)
        reading = " ".join(syllables)
        return reading, (PYPINYIN_SOURCE if from_pypinyin else PARTS_SOURCE)

    def _simplified_of(self, char: str) -> str:
        for entry in self.lexicon.lookup(char):
            if entry.traditional == char:
                return entry.simplified
        return char

    def gloss_of(self, word: str) -> str:
        entries = self.lexicon.lookup(word)
        return one_line_gloss(entries[0], self.lexicon) if entries else ""

    def term(self, acc: _TermAccumulator, weekly: frozenset[str]) -> GlossaryTerm:
        mention = acc.first
        han = mention.han
        latin = mention.latin
        parts = mention.parts
        if latin:
            # A dictionary may have the mixed term itself (T恤, 卡拉OK, A货).
            written = mention.term.replace(" ", "")
            if self.lexicon.lookup(written):
                han, latin, parts = written, "", ()
        entries = self.lexicon.lookup(han)
        part_readings = tuple(self.word_reading(p)[0] for p in parts)
        part_glosses = tuple(self.gloss_of(p) for p in parts)
        sources: list[str] = []
        senses: list[Sense] = []
        other_readings: list[str] = []
        if entries:
            entry = choose_entry(entries, acc.slide_gloss, acc.romanisation)
            reading, reading_source = entry.pinyin_numbered, entry.source
            key = _pinyin.numbered_key(entry.pinyin_numbered)
            same = [entry] + [
                e
                for e in entries
                if e is not entry and _pinyin.numbered_key(e.pinyin_numbered) == key
            ]
            seen: set[str] = set()
            for e in same:
                sources.append(e.source)
                for sense in e.senses:
                    if sense.text not in seen:
                        seen.add(sense.text)
                        senses.append(sense)
            for e in entries:
                if _pinyin.numbered_key(e.pinyin_numbered) != key and e.pinyin_numbered not in (
                    other_readings
                ):
                    other_readings.append(e.pinyin_numbered)
            gloss = one_line_gloss(entry, self.lexicon)
            simplified, traditional = entry.simplified, entry.traditional
        else:
            reading, reading_source = self.composed_reading(han, parts)
            if reading_source == PARTS_SOURCE:
                sources.extend(
                    dict.fromkeys(
                        self.lexicon.lookup(p)[0].source for p in parts if p in self.lexicon
                    )
                )
            gloss = ""
            simplified = "".join(self._simplified_of(ch) for ch in han)
            traditional = "".join(self.lexicon.traditional_of(ch) for ch in simplified)
        if reading_source == PYPINYIN_SOURCE:
            sources.append(PYPINYIN_SOURCE)
        if acc.slide_gloss or acc.romanisation:
            sources.append(SLIDE_SOURCE)
        if not gloss:
            gloss = acc.slide_gloss
        if not gloss and parts and all(part_glosses):
            gloss = " + ".join(part_glosses)
        if latin:
            reading = (
                f"{latin} {reading}" if mention.term.startswith(latin) else f"{reading} {latin}"
            )
            if gloss and not acc.slide_gloss:
                gloss = gloss.split("; ")[0]
                gloss = f"{latin} {gloss}" if mention.term.startswith(latin) else f"{gloss} {latin}"
        hsk = self.lexicon.hsk_level(mention.term) if not latin else None
        return GlossaryTerm(
            term=mention.term,
            simplified=simplified if not latin else mention.term,
            traditional=traditional if not latin else mention.term.replace(han, traditional),
            pinyin_numbered=reading,
            reading_source=reading_source,
            gloss=gloss,
            senses=tuple(senses),
            parts=parts,
            occurrences=tuple(acc.occurrences),
            slide_gloss=acc.slide_gloss,
            romanisation=acc.romanisation,
            hsk_level=hsk,
            in_dictionary=bool(entries),
            is_character_of_the_week=mention.term in weekly,
            sources=tuple(dict.fromkeys(sources)),
            other_readings=tuple(other_readings),
            part_readings=part_readings,
            part_glosses=part_glosses,
        )


def build_glossary(deck: Deck, lexicon: Lexicon) -> Glossary:
    """The glossary of one deck: its characters of the week, terms and romanised terms."""
    builder = _Builder(lexicon)
    mentions = tuple(builder.extractor.mentions(deck))
    accumulators: dict[str, _TermAccumulator] = {}
    for mention in mentions:
        acc = accumulators.get(mention.term)
        if acc is None:
            acc = accumulators[mention.term] = _TermAccumulator(mention)
        occurrence = Occurrence(
            mention.slide, mention.slide_title, mention.context, mention.in_notes
        )
        if occurrence not in acc.seen:
            acc.seen.add(occurrence)
            acc.occurrences.append(occurrence)
        acc.slide_gloss = acc.slide_gloss or mention.slide_gloss
        acc.romanisation = acc.romanisation or mention.romanisation
    weekly = characters_of_the_week(deck)
    weekly_chars = frozenset(w.character for w in weekly)
    terms = tuple(builder.term(acc, weekly_chars) for acc in accumulators.values())
    characters = tuple(
        CharacterOfTheWeek(
            character=w.character,
            pinyin_numbered=lexicon.reading(w.character).pinyin_numbered,
            gloss=builder.gloss_of(w.character),
            slide=w.slide,
            links=tuple(Link(label, url) for label, url in w.links),
        )
        for w in weekly
    )
    romanised = tuple(
        RomanisedTerm(
            text=r.text,
            matched=r.matched,
            pinyin_numbered=r.pinyin_numbered,
            how=r.how,
            candidates=r.candidates,
            gloss=r.gloss,
            occurrences=tuple(
                Occurrence(slide, title, context, in_notes)
                for slide, title, context, in_notes in r.occurrences
            ),
        )
        for r in find_romanised(deck, lexicon, mentions, terms_for_matching(terms))
    )
    messages: list[str] = []
    if not terms:
        messages.append(f"no Chinese text found in {deck.name}")
    return Glossary(
        deck=DeckInfo(
            name=deck.name,
            title=deck.metadata.title,
            course=deck.metadata.course,
            week=deck.metadata.week,
            date=deck.metadata.date,
            slide_count=len(deck.slides),
            format=deck.format,
        ),
        characters=characters,
        terms=terms,
        romanised=romanised,
        messages=tuple(messages),
    )


def terms_for_matching(terms: tuple[GlossaryTerm, ...]) -> tuple[DeckWord, ...]:
    """The deck's words a romanisation may stand for: its terms and their parts."""
    words: dict[str, DeckWord] = {}
    for term in terms:
        if term.latin_free:
            words.setdefault(term.term, DeckWord(term.term, term.pinyin_numbered, term.gloss))
        for part, reading, gloss in zip(
            term.parts, term.part_readings, term.part_glosses, strict=False
        ):
            words.setdefault(part, DeckWord(part, reading, gloss))
    return tuple(words.values())


def build_course(decks: Iterable[Deck], lexicon: Lexicon, name: str) -> Course:
    """Glossaries of several decks, in week order (decks without a week keep their order)."""
    glossaries = [build_glossary(deck, lexicon) for deck in decks]
    order = sorted(
        range(len(glossaries)),
        key=lambda i: (glossaries[i].deck.week is None, glossaries[i].deck.week or 0, i),
    )
    return Course(name=name, glossaries=tuple(glossaries[i] for i in order))
