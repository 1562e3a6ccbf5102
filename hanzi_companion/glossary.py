"""The glossary: the one view model of a deck (or course) that every output renders.

``build_glossary(deck, lexicon)`` turns a read deck into a :class:`Glossary`; renderers (JSON,
Markdown, remark slides, HTML, Anki, web) only format it and never re-derive readings or glosses.
"""

from __future__ import annotations

import gc
import itertools
import re
import threading
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from hanzi_companion.grammar import (
    NOWHERE,
    WITHIN_A_TERM,
    Place,
    Places,
    class_places_of,
    has_address_sense,
    has_adverb_choice,
    has_class_choice,
    has_grammatical_senses,
    has_surname_choice,
    places_of,
    reading_by_place,
    sides_in,
)
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.forms import word_form
from hanzi_companion.lexicon.models import PYPINYIN_SOURCE, Entry, Link, Sense, SenseKind
from hanzi_companion.lexicon.references import parse_reference
from hanzi_companion.lexicon.sentences import Sentence
from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.senses import (
    FAMILIAR_PREFIXES,
    Kin,
    SenseChoice,
    SenseContext,
    build_context,
    capitalised_names,
    choose_sense,
    choose_written_form,
    clause_around,
    document_fields,
    document_regions,
    english_stems,
    field_wording,
    follow_reference,
    labelled_fields,
    may_reword,
    name_ending,
    names_the_mainland,
    sense_fields,
    sense_stems,
    slide_english,
    speaks_of_a_person,
    topic_stems,
)
from hanzi_companion.senses import candidates as sense_candidates
from hanzi_companion.text.extract import (
    LONGEST_TERM,
    Extractor,
    Mention,
    Trace,
    WeeklyCharacter,
    characters_of_the_week,
    content_stems,
)
from hanzi_companion.text.han import HAN_RUN
from hanzi_companion.text.models import Deck
from hanzi_companion.text.morphology import (
    becoming_gloss,
    counted_gloss,
    numbered_gloss,
    potential_gloss,
    potential_syllables,
    repeated_gloss,
    repeated_syllables,
    street_name,
    tried_verb_syllables,
)
from hanzi_companion.text.names import addressed_by_title
from hanzi_companion.text.romanization import DeckWord, Romanised, find_romanised
from hanzi_companion.text.slide_english import translation_beside
from hanzi_companion.text.syllables import ROMAN_WORD, with_written_tones
from hanzi_companion.text.transcription import beside_a_name_dot, western_name
from hanzi_companion.text.wordlists import FUNCTION_WORDS, POTENTIAL_RESULTS, SENTENCE_GLUE
from hanzi_companion.wording import plural

# Occurrences kept per term (the first ones, in reading order): enough to find a term in its
# deck, and a deck that repeats a term a hundred thousand times gives outputs of bounded size.
MAX_OCCURRENCES = 50

# Distinct terms one deck's glossary lists, at most. A lecture deck has tens to a few hundred;
# 5,000 is the whole vocabulary of HSK 1-6 (2.0), so a word list of a whole course still fits.
# A deck past it (a pasted dictionary or novel: 130,000 distinct words in 2 MB) is read up to
# its first term past the cap, and a message says about how many words were left out: every
# term costs time and memory in building and in every output, and a glossary of 100,000 terms
# is no help to a student.
MAX_TERMS = 5000


TERM_EXAMPLES = 2  # example sentences kept per term (the glossary page shows them)
CHARACTER_EXAMPLES = 3  # ... and per character of the week (page and Anki note)


@dataclass(frozen=True)
class Occurrence:
    """Where a term appears: remark slide number, slide title, a short context. An occurrence
    ``in_header`` is in the page's front matter, which no slide shows: nothing links to it."""

    slide: int
    slide_title: str
    context: str
    in_notes: bool = False
    in_header: bool = False


class GlossKind(StrEnum):
    """Where a term's one-line gloss comes from, so a reader can tell a meaning from a guess."""

    DICTIONARY = "dictionary"  # a sense of a dictionary entry (CC-CEDICT, a user dictionary)
    COURSE = "course"  # the course's own dictionary
    SLIDE = "slide"  # the English the slide gives
    NAME = "name"  # a name: "personal name Zhāng Míng", or as the slide writes it
    LITERAL = "literal"  # its parts' meanings, labelled ``lit. "..."``: no dictionary has it
    FORMED = "formed"  # a rule of word formation's meaning (重写 "to rewrite"): see morphology
    NONE = ""  # no gloss


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
    gloss_kind: str = ""  # a GlossKind value: where ``gloss`` comes from
    # The cross-reference ``gloss`` was reached through ("erhua variant of 馅"): the entry
    # itself only points at another word, whose meaning ``gloss`` is.
    gloss_note: str = ""
    chosen_sense: str = ""  # the sense (text as in ``senses``) the deck means
    sense_rule: str = ""  # the rule that chose it (a name from senses.RULES)
    sense_reason: str = ""  # why, in a short sentence
    # Numbered reading of each written word when the lexicon cut a long dictionary word
    # further (创客空间: chuang4 ke4 / kong1 jian1); empty when the parts' grouping is it.
    reading_words: tuple[str, ...] = ()
    # Graded example sentences holding the term as a word token (hsk-sentences-audio).
    examples: tuple[Sentence, ...] = ()

    @property
    def pinyin(self) -> str:
        """Tone marks, dictionary style (``chuàngkè``), long terms spaced by word.

        A term of four or more characters is spaced as its parts (``jīngzhǔn fúpín``); names
        are spaced where CC-CEDICT capitalises (``Zhōngguó Kēxuéyuàn``).
        """
        return " ".join(_pinyin.numbered_to_marks(w, separator="") for w in self.pinyin_words)

    @property
    def pinyin_words(self) -> tuple[str, ...]:
        """The numbered reading of each display word (``pinyin`` shows them spaced)."""
        if self.reading_words:
            return self.reading_words
        return pinyin_words(self.pinyin_numbered, self.part_readings if len(self.term) >= 4 else ())

    @property
    def pinyin_html(self) -> str:
        """Tone-coloured pinyin (escaped), spaced by word as ``pinyin`` is."""
        return " ".join(_pinyin.tone_html(word) for word in self.pinyin_words)

    @property
    def latin_free(self) -> bool:
        """True for a plain Han term (not a mixed term such as ``AAA 货``)."""
        return not re.search(r"[A-Za-z0-9]", self.term)


# The one orthography rule (word-segmented pinyin) lives in the lexicon; kept here by name.
display_pinyin = _pinyin.word_pinyin
pinyin_words = _pinyin.pinyin_words


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
    chosen_sense: str = ""  # the sense the English around it means (see romanised_sense)
    sense_rule: str = ""  # the rule that chose it (a name from senses.RULES)
    sense_reason: str = ""  # why, in a short sentence


@dataclass(frozen=True)
class CharacterOfTheWeek:
    """The week's character, with the dictionary links the slide gives."""

    character: str
    pinyin_numbered: str
    gloss: str
    slide: int
    links: tuple[Link, ...] = ()  # links written on the slide
    examples: tuple[Sentence, ...] = ()  # graded example sentences (its own token first)

    @property
    def pinyin(self) -> str:
        return _pinyin.word_pinyin(self.pinyin_numbered)


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
_SEE_TARGET = LazyPattern(r"^(?:see|see also)\s+(?:[^|\s\[]+\|)?([^\s\[|,;]+)")
SLIDE_SOURCE = "slide"
COURSE_SOURCE = "course dictionary"
PARTS_SOURCE = "words"  # a reading composed from the readings of the term's words
# The places a word inside a term takes from its neighbours in the term and from the term's
# sentence: 个 in 同一个, 上 in 字面上, 几 in 几位？ asking "how many", 先生 in 戴伟先生 "Mr.".
_PART_PLACES = (
    Place.AFTER_NUMERAL,
    Place.AFTER_NOUN,
    Place.BEFORE_NAME,
    Place.BEFORE_NOUN,
    Place.PREFIX,
    Place.IN_QUESTION,
    Place.AFTER_NAME,
    Place.BEFORE_TITLE,
    Place.BEFORE_SHOW,  # 看 in 看电视, 做 in 做作业: a verb before its object in the term
    Place.BEFORE_WRITING,
    Place.BEFORE_CLOTHING,
    Place.BEFORE_TASK,
    *WITHIN_A_TERM,
)
_FORM_VOTERS = 200  # words containing a character consulted for its usual other form


# CC-CEDICT's cross-reference syntax: ``繁|简[pin1 yin1]``, ``简[pin1]``, ``繁|简`` (no reading).
_HAN_WORD = r"[^\x00-\x7f|\[\]\s(),;:]+"
_REFERENCE = compile_pattern(
    rf"(?:{_HAN_WORD}\|)?({_HAN_WORD})(?:\[([A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*)\])?"
)
_CLASSIFIER_NOTE = compile_pattern(r"\s*\(CL:[^()]*\)|(?:^|;\s*)CL:[^;]*")


@lru_cache(maxsize=65536)
def plain_gloss(text: str) -> str:
    """A dictionary definition as students read it: ``广东省 (Guǎngdōng Shěng)`` for CC-CEDICT's
    ``廣東省|广东省[Guang3 dong1 Sheng3]``, classifier notes (``CL:扇[shan4]``) dropped."""
    text = _CLASSIFIER_NOTE.sub("", text)

    def reference(match: re.Match[str]) -> str:
        word, reading = match.group(1), match.group(2)
        if match.group(0) == word and not reading:
            return word  # plain Chinese in the text, nothing to rewrite
        return f"{word} ({display_pinyin(reading)})" if reading else word

    return re.sub(r"\s{2,}", " ", _REFERENCE.sub(reference, text)).strip(" ;")


def _meanings(entry: Entry) -> Iterator[str]:
    """Senses worth showing, real meanings first (no variant, see or surname notes), made
    plain one by one as they are asked for."""
    for kinds in (_MEANING_KINDS, (SenseKind.SEE, SenseKind.SURNAME, SenseKind.VARIANT)):
        if any(s.kind in kinds for s in entry.senses):
            texts = (plain_gloss(s.text) for s in entry.senses if s.kind in kinds)
            yield from (t for t in texts if t)
            return


def one_line_gloss(
    entry: Entry,
    lexicon: Lexicon | None = None,
    context: str = "",
    first: str = "",
    wording: str = "",
) -> str:
    """The meaning to show for an entry: its first real senses, on one short line.

    An entry that is only a cross-reference (``see 深圳市``) shows its target's meaning. With
    ``context`` (the English the slide gives), the senses sharing most words with it come
    first: 单位 beside "work unit" is a work unit before a unit of measure. With ``first`` (the
    sense chosen in context), that sense starts the line, followed by the senses after it;
    ``wording`` is that sense as it is to be worded (its wordings in another order).
    """
    has_meaning = any(s.kind in _MEANING_KINDS for s in entry.senses)
    if not has_meaning and lexicon is not None:
        for sense in entry.senses:
            match = _SEE_TARGET.match(sense.text) if sense.kind == SenseKind.SEE else None
            if match and match.group(1) != entry.simplified:
                targets = lexicon.lookup(match.group(1))
                # a target that is itself only a reference (back to this word, or on) would
                # say nothing true of this one: the entry keeps its own "see ..."
                if targets and any(s.kind in _MEANING_KINDS for s in targets[0].senses):
                    return one_line_gloss(targets[0])
    texts = _meanings(entry)
    stems = content_stems(context) if context else frozenset()
    rest = list(texts)
    chosen = plain_gloss(first) if first else ""
    if chosen in rest:
        # The sense the deck means starts the line, then the senses that follow it.
        texts = iter(rest[rest.index(chosen) :])
    elif stems:
        ranked = sorted(rest, key=lambda text: -len(stems & content_stems(text)))
        texts = iter(ranked)
    else:
        texts = iter(rest)
    gloss = next(texts, "")
    if wording and gloss == chosen:
        gloss = plain_gloss(wording)
    for text in texts:
        if len(gloss) + 2 + len(text) > _GLOSS_TARGET:
            break
        gloss += "; " + text
    return gloss


def first_meaning(entry: Entry, lexicon: Lexicon | None = None) -> str:
    """The entry's first real sense (a cross-reference's target's), for a word of a phrase."""
    if any(s.kind in _MEANING_KINDS for s in entry.senses):
        return next(_meanings(entry), "")
    return one_line_gloss(entry, lexicon).split("; ")[0]


def reference_gloss(
    choice: SenseChoice,
    lookup: Callable[[str], tuple[Entry, ...]],
    context: SenseContext,
    lexicon: Lexicon | None = None,
) -> tuple[str, str]:
    """(gloss, note) of a chosen sense that points at another word: the meaning it leads to
    (馅儿 "erhua variant of 馅" is "filling") and the reference as a note; ("", "") for a
    sense with a meaning of its own or a reference that leads nowhere."""
    reference = parse_reference(choice.sense.text)
    if reference is None:
        return "", ""
    note = plain_gloss(reference.note)
    if reference.meaning:  # "abbr. for 物业管理[...], property management"
        return plain_gloss(reference.meaning), note
    resolved = follow_reference(choice, lookup, context)
    if resolved is None:
        return "", ""
    target = resolved.choice
    last = parse_reference(target.sense.text)
    if last is not None:  # the target's sense is itself a reference adding a meaning
        return plain_gloss(last.meaning), note
    return one_line_gloss(target.entry, lexicon, first=target.sense.text), note


def _capitalised_words(text: str) -> dict[str, str]:
    """Capitalised Latin words of a slide's English, by toneless key (``shekou``: Shekou)."""
    words: dict[str, str] = {}
    for word in re.findall(r"[A-Z][a-z]+(?:['’][a-z]+)*", text):
        words.setdefault(_pinyin.toneless_key(word), word)
    return words


def _join_names(
    han: str, parts: tuple[str, ...], reading: str, names: dict[str, str]
) -> tuple[tuple[str, ...], str, dict[str, str]]:
    """Single characters the segmenter left apart (蛇 / 口) joined into the name the slide
    writes capitalised (Shekou Industrial Zone), that name's reading capitalised."""
    syllables = reading.split()
    if "".join(parts) != han or len(syllables) != len(han):
        return parts, reading, {}
    out: list[str] = []
    named: dict[str, str] = {}
    index = position = 0
    while index < len(parts):
        joined = None
        if len(parts[index]) == 1:
            end = index
            while end < len(parts) and len(parts[end]) == 1:
                end += 1
            for stop in range(end, index + 1, -1):  # longest run of single characters first
                key = _pinyin.toneless_key(" ".join(syllables[position : position + stop - index]))
                if key in names:
                    joined = "".join(parts[index:stop])
                    named[joined] = names[key]
                    syllables[position] = syllables[position][:1].upper() + syllables[position][1:]
                    index = stop
                    break
        if joined is None:
            joined = parts[index]
            index += 1
        out.append(joined)
        position += len(joined)
    if not named:
        return parts, reading, {}
    return tuple(out), " ".join(syllables), named


def _latin_as_written(term: str, reading: str) -> str:
    """The reading of a mixed term the dictionary has, its Latin part as the term writes it:
    CC-CEDICT reads 3D打印 ``san1 D da3 yin4``, the slide writes ``3D da3 yin4``."""
    tokens = reading.split()
    if len(tokens) != len(term):
        return reading
    out: list[str] = []
    latin = ""
    for char, token in zip(term, tokens, strict=True):
        if char.isascii() and char.isalnum():
            latin += char
            continue
        if latin:
            out.append(latin)
            latin = ""
        out.append(token)
    if latin:
        out.append(latin)
    return " ".join(out)


_NAME_LENGTH = 3  # surname and a two-character given name: most Chinese names
_FAMILY = "家"  # after a surname: the family of (王家村, the Wang family's village)


def _name_reading(reading: str) -> str:
    """A numbered reading written as a name: the surname, then the given name, capitalised
    (``Liang2 Si1 cheng2``)."""
    syllables = reading.split()
    return " ".join(s[:1].upper() + s[1:] if i < 2 else s for i, s in enumerate(syllables))


def _person_reading(name: str, reading: str) -> str:
    """A personal name's numbered reading: a surname and a title of address read as the
    surname, capitalised, and the title (``Zhang1 xian1 sheng5``), else as a name is."""
    if not addressed_by_title(name)[1]:
        return _name_reading(reading)
    return reading[:1].upper() + reading[1:]


def _transcribed_reading(reading: str) -> str:
    """A transcribed Western name's numbered reading: one word, capitalised (``Ke4 li3 si1``),
    no surname and given name."""
    return reading[:1].upper() + reading[1:]


def _names_reading(reading: str, head: int) -> str:
    """A place or organisation name's reading: its name and its ending capitalised
    (``Wang2 jia1 Cun1``), ``head`` being the name's syllable count."""
    syllables = reading.split()
    if len(syllables) <= head:
        return reading
    for index in (0, head):
        syllables[index] = syllables[index][:1].upper() + syllables[index][1:]
    return " ".join(syllables)


def _written_name(reading: str, romanisation: str) -> str:
    """``reading`` capitalised as a name is written on the slide (``Sun1 Zhi4 gang1`` for
    "Sun Zhigang"); "" unless the romanisation is a capitalised spelling of the reading."""
    words = romanisation.split()
    syllables = reading.split()
    if not words or not all(w[:1].isupper() for w in words):
        return ""
    if _pinyin.toneless_key(romanisation) != _pinyin.toneless_key(reading):
        return ""
    counts = []
    for word in words:
        parsed = _pinyin.parse_syllables(word)
        if not parsed:
            return ""
        counts.append(len(parsed))
    if sum(counts) != len(syllables):
        return ""
    out, position = [], 0
    for count in counts:
        out.append(syllables[position][:1].upper() + syllables[position][1:])
        out.extend(syllables[position + 1 : position + count])
        position += count
    return " ".join(out)


_LineKey = tuple[int, bool, int]  # slide, in its notes, offset of the line


@dataclass
class _TermAccumulator:
    first: Mention
    occurrences: list[Occurrence] = field(default_factory=list)
    slides: set[int] = field(default_factory=set)  # slide numbers of its mentions
    lines: set[_LineKey] = field(default_factory=set)  # the lines of its mentions
    seen: set[Occurrence] = field(default_factory=set)
    slide_gloss: str = ""
    romanisation: str = ""
    other_name_of: str = ""
    written_reading: str = ""
    among_names: bool = False
    personal_name: bool = False
    sides: list[tuple[str, str]] = field(default_factory=list)  # text around its mentions


@dataclass(frozen=True)
class DeckText:
    """The deck's English as a term's context: each slide's text and notes, the deck's words,
    and for each term the deck's longer terms containing it."""

    slides: dict[int, str] = field(default_factory=dict)
    stems: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    compounds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The words the deck's English prose sentences (no Han in them) write in lowercase, and each
    # pair of neighbours joined: the romanisations it writes as words of its own (danwei).
    prose_words: frozenset[str] = frozenset()


_CONTEXT_LINES = 20  # whole lines of its slides taken as a term's context
_DIALOGUE_WORDS = 4  # words of the longest dialogue English taken as its words' context
_LONGEST_LINE = 200  # a longer line (a flattened deck's) is no line: its window is taken
_COMPOUND_PART = 4  # longest term looked for inside the deck's longer terms
_COMPOUND_WHOLE = 12  # longest term whose shorter terms are looked for
_FIELD_COMPOUNDS = 50  # the most frequent longer words of a term read for its field's senses
_FAMILY_WORDS = 40  # the most frequent longer words made with a term read for its senses


def deck_text(deck: Deck, terms: Iterable[str]) -> DeckText:
    slides = {s.number: f"{s.text}\n{s.notes}" for s in deck.slides}
    keys = set(terms)
    compounds: dict[str, list[str]] = {}
    for whole in keys:
        if len(whole) > _COMPOUND_WHOLE:
            continue
        inside = {
            whole[i : i + n]
            for n in range(1, min(_COMPOUND_PART, len(whole) - 1) + 1)
            for i in range(len(whole) - n + 1)
        }
        for part in inside & keys:
            compounds.setdefault(part, []).append(whole)
    prose = " ".join(slides.values())
    return DeckText(
        slides=slides,
        stems=english_stems(prose),
        topics=topic_stems(prose),
        compounds={k: tuple(sorted(v)) for k, v in compounds.items()},
        prose_words=prose_words(slides.values()),
    )


_NEIGHBOUR_TERM = 3  # longest term whose longer dictionary words are read (see neighbour_compounds)
_NEIGHBOUR_MORE = 2  # characters such a longer word may add: 山寨机, not a whole phrase
_CHINESE_REFERENCE = compile_pattern(r"[^\x00-\x7f]+(?:\[[^\]]*\])?|\[[^\]]*\]")


def english_neighbours(text: str, han: str) -> tuple[str, ...]:
    """The English words right beside ``han`` in ``text``: the one after it ("山寨 phones") and,
    when it stands in brackets after English, the one before them ("the hukou system (户口)")."""
    found = []
    for match in re.finditer(re.escape(han), text):
        after = re.match(r"\s*\)?\s*([A-Za-z]+)", text[match.end() :])
        if after:
            found.append(after.group(1))
        before = re.search(r"([A-Za-z]+)\s*[(（]\s*$", text[: match.start()])
        if before:
            found.append(before.group(1))
    return tuple(found)


_PROSE_WORD = compile_pattern(r"[A-Za-z]+")
_PROSE_SENTENCE = compile_pattern(r"(?<=[.!?;:])\s|\n")
_PROSE_LINE = 4  # ASCII words a sentence without Han needs to be prose


def prose_words(texts: Iterable[str]) -> frozenset[str]:
    """The ASCII words written in lowercase in the prose sentences of ``texts`` (without Han,
    with a few words), each word alone and joined to the next: where English writes "feng
    shui"."""
    words: set[str] = set()
    for text in texts:
        for line in _PROSE_SENTENCE.split(text):
            found = _PROSE_WORD.findall(line)
            if len(found) < _PROSE_LINE or HAN_RUN.search(line):
                continue
            # Lowercase only: a borrowed common noun (hukou), not a name (Beijing, not 背景).
            words.update(w for w in found if w.islower())
            words.update(a + b for a, b in itertools.pairwise(found) if (a + b).islower())
    return frozenset(words)


_Index = dict[str, frozenset[str]]  # English stem -> the words whose meaning uses it


@dataclass
class Neighbourhood:
    """The words around each term read through the dictionary, as the English a text in
    Chinese does not give: the first sense of each word of two characters or more (a single
    character's first sense is too often not the one its text means), indexed by stem."""

    lookup: Callable[[str], tuple[Entry, ...]]
    lines: dict[_LineKey, set[str]] = field(default_factory=dict)
    slides: dict[int, set[str]] = field(default_factory=dict)
    _stems: dict[str, frozenset[str]] = field(default_factory=dict)
    _slide_index: dict[tuple[int, ...], _Index] = field(default_factory=dict)

    @classmethod
    def of(
        cls, mentions: Iterable[Trace], lookup: Callable[[str], tuple[Entry, ...]]
    ) -> Neighbourhood:
        hood = cls(lookup)
        for m in mentions:
            hood.lines.setdefault((m.slide, m.in_notes, m.line_start), set()).add(m.han)
            hood.slides.setdefault(m.slide, set()).add(m.han)
        return hood

    def stems(self, han: str) -> frozenset[str]:
        """The stems of the first meaning of ``han`` (computed once per deck)."""
        stems = self._stems.get(han)
        if stems is None:
            entries = self.lookup(han) if len(han) > 1 else ()
            first = next(
                (s for e in entries[:1] for s in e.senses if s.kind == SenseKind.MEANING), None
            )
            # A verb beside the term is often one of its synonyms (开始 "to start" beside
            # 创业); what a text is about its nouns say.
            noun = first.text if first and not first.text.startswith("to ") else ""
            stems = self._stems[han] = sense_stems(noun) if noun else frozenset()
        return stems

    def index(self, words: Iterable[str]) -> _Index:
        out: dict[str, set[str]] = {}
        for word in words:
            for stem_ in self.stems(word):
                out.setdefault(stem_, set()).add(word)
        return {stem_: frozenset(found) for stem_, found in out.items()}

    def around(
        self, han: str, lines: Iterable[_LineKey], slides: Iterable[int]
    ) -> tuple[Mapping[str, frozenset[str]], ...]:
        """(the words on the term's lines, the words of its slides), indexed by stem, the
        term itself left out. A slide's index is built once per deck."""
        near = {w for key in lines for w in self.lines.get(key, ())} - {han}
        numbers = tuple(sorted(slides))
        wide = self._slide_index.get(numbers)
        if wide is None:
            words = {w for n in numbers for w in self.slides.get(n, ())}
            wide = self._slide_index[numbers] = self.index(words)
        own = {s: wide[s] - {han} for s in self.stems(han) if s in wide}
        return (self.index(near), ChainMap(own, wide) if own else wide)


@dataclass(frozen=True)
class _SlideLines:
    """A slide's lines, and for each character the lines short enough to be a term's context
    that write it: a term's lines are looked for among those of its rarest character, so a
    flattened deck of one 2 MB slide is not scanned once per term (thousands of times)."""

    lines: tuple[str, ...]
    by_character: dict[str, list[int]]
    # The English of each line of a dialogue written with its pinyin (see
    # text.interlinear.translations), looked for once, when first asked for.
    dialogue: dict[int, str] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, text: str) -> _SlideLines:
        lines = tuple(text.split("\n"))
        by_character: dict[str, list[int]] = {}
        for index, line in enumerate(lines):
            if len(line) > _LONGEST_LINE:
                continue  # no context of its own, but it stands between its neighbours
            for character in set(line):
                by_character.setdefault(character, []).append(index)
        return cls(lines, by_character)

    def writing(self, han: str) -> Iterator[str]:
        """The lines that write ``han``, in slide order, each followed by the English
        translation beside it when it is a Chinese sentence (see :func:`translation_beside`)."""
        postings = [self.by_character.get(character, []) for character in set(han)]
        rarest = min(postings, key=len, default=[])
        for index in rarest:
            if han in self.lines[index]:
                yield self.lines[index]
                dialogue = self.dialogue_english()
                if index in dialogue:
                    # a dialogue line's English speaks for its words when it is short (a
                    # table row's "tired", "Hello!"); a long sentence's many words do not
                    # ("I have to mention" is no evidence for 日 "to have sex with")
                    english = dialogue[index]
                    translation = english if len(english.split()) <= _DIALOGUE_WORDS else ""
                else:
                    translation = translation_beside(self.lines, index)
                if translation and len(translation) <= _LONGEST_LINE:
                    yield translation

    def dialogue_english(self) -> dict[int, str]:
        """The English of each line of a dialogue written with its pinyin (see
        text.interlinear.translations), by line, looked for once: the pinyin line next to
        such a line is no translation of it."""
        if not self.dialogue:
            from hanzi_companion.text.interlinear import translations

            self.dialogue.update(translations("\n".join(self.lines)))
            self.dialogue.setdefault(-1, "")  # looked for
        return self.dialogue


@dataclass
class _NameLines:
    """The deck's lines, with for each character and each romanised word (by toneless key)
    the lines writing it: a name's lines are found without reading the whole deck once per
    name (a page of thousands of names made that quadratic)."""

    lines: list[str]
    by_character: dict[str, list[int]]
    by_romanisation: dict[str, list[int]]

    @classmethod
    def of(cls, texts: Iterable[str]) -> _NameLines:
        lines = [line for text in texts for line in text.splitlines()]
        by_character: dict[str, list[int]] = {}
        by_romanisation: dict[str, list[int]] = {}
        for index, line in enumerate(lines):
            for character in set(line):
                by_character.setdefault(character, []).append(index)
            for key in {_pinyin.toneless_key(w) for w in ROMAN_WORD.findall(line)}:
                by_romanisation.setdefault(key, []).append(index)
        return cls(lines, by_character, by_romanisation)

    def writing(self, han: str, key: str) -> list[str]:
        """The lines, in deck order, that write ``han`` or a word romanised ``key``."""
        postings = [self.by_character.get(character, []) for character in set(han)]
        rarest = min(postings, key=len, default=[])
        found = {i for i in rarest if han in self.lines[i]}
        found.update(self.by_romanisation.get(key, ()))
        return [self.lines[i] for i in sorted(found)]


class _Written(NamedTuple):
    """Step 1: the term as written, and its dictionary entries."""

    term: str
    han: str
    latin: str
    parts: tuple[str, ...]
    entries: tuple[Entry, ...]


class _Found(NamedTuple):
    """Step 2: the entry (or none) and the reading, forms and gloss it gives."""

    reading: str
    reading_source: str
    sources: tuple[str, ...]
    gloss: str
    gloss_kind: GlossKind
    simplified: str
    traditional: str
    senses: tuple[Sense, ...] = ()
    other_readings: tuple[str, ...] = ()
    choice: SenseChoice | None = None
    parts: tuple[str, ...] | None = None  # parts found for a term no dictionary has
    context: SenseContext | None = None  # the term's context, when already built
    gloss_note: str = ""  # the cross-reference the gloss was reached through


class _Parted(NamedTuple):
    """Step 3: the term's words, each with its reading and gloss in context."""

    parts: tuple[str, ...]
    reading: str
    part_readings: tuple[str, ...]
    part_glosses: tuple[str, ...]


class _Glossed(NamedTuple):
    """Step 4: the one-line gloss, its kind and the final reading."""

    gloss: str
    kind: GlossKind
    reading: str
    note: str = ""


def potential_neutral(word: str, syllables: list[str]) -> list[str]:
    """The syllables of a verb's potential form with 不 or 得 in the neutral tone, as
    dictionaries write 受不了 (shòu bu liǎo), 对得起 (duì de qǐ): 包不住 is bāo bu zhù, 找得到
    zhǎo de dào."""
    if len(word) == len(syllables) == 3 and word[1] in "不得" and word[2] in POTENTIAL_RESULTS:
        return [syllables[0], "bu5" if word[1] == "不" else "de5", syllables[2]]
    return syllables


_LITERAL_MARK = 'lit. "'


def literal_gloss(part_glosses: Iterable[str]) -> str:
    """A gloss built from the parts' meanings, labelled as literal: ``lit. "to buy + goods"``.

    Each part gives its first sense, without register labels such as ``(coll.)``.
    """
    words = []
    for gloss in part_glosses:
        first = gloss.split("; ")[0].strip()
        words.append(_without_leading_labels(first) or first)
    return f'lit. "{" + ".join(words)}"'


_ACRONYM = compile_pattern(r"[A-Z][A-Z0-9&]{1,7}")


def acronym_gloss(acronym: str, part_glosses: tuple[str, ...]) -> str:
    """The meaning of a term no dictionary has that the slide gives only as an acronym
    (国家发改委 (NDRC), 臺北捷運 (MRT)): the sense of its word that spells the acronym out,
    after the names before that word ("Taipei mass rapid transit (MRT)"); "" when the slide's
    English is no acronym or no word spells it out (the acronym then is the slide's wording)."""
    acronym = acronym.strip()
    if not _ACRONYM.fullmatch(acronym):
        return ""
    spells = re.compile(rf"(?<![A-Za-z]){re.escape(acronym)}(?![A-Za-z])")
    for index, gloss in enumerate(part_glosses):
        piece = next((p for p in gloss.split("; ") if spells.search(p)), "")
        if piece:
            names = [
                g.split("; ")[0].split(",")[0] for g in part_glosses[:index] if g[:1].isupper()
            ]
            return " ".join([*names, _without_leading_labels(piece) or piece])
    return ""


def _without_leading_labels(text: str) -> str:
    """``text`` without the bracketed labels opening it, brackets inside them included
    ("(possessive particle, literary equivalent of 的 (de)) of" -> "of"): a label may hold a
    reading in brackets, and no bracket of it is left behind."""
    while text.startswith("("):
        depth = 0
        for index, char in enumerate(text):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0:
                text = text[index + 1 :].lstrip()
                break
        else:
            return text  # an unclosed bracket: no label to take off
    return text


def _other_forms(ranked: list[Entry], chosen: list[Entry], written: str) -> tuple[Entry, ...]:
    """The entries written ``written`` in simplified characters and read as ``chosen`` but
    another word in traditional ones (冷麵 "cold noodles" beside 冷面 "grim")."""
    first = chosen[0]
    key = _pinyin.numbered_key(first.pinyin_numbered)
    return tuple(
        e
        for e in ranked
        if e not in chosen
        and e.simplified == written == first.simplified
        and _pinyin.numbered_key(e.pinyin_numbered) == key
    )


def _ranked(entries: Iterable[Entry], form: str, reading: str) -> list[Entry]:
    """A part's entries, those written as the term writes it (``form``) and read as it reads
    it first."""
    key = _pinyin.numbered_key(reading) if reading else ""
    return sorted(
        entries,
        key=lambda e: (
            bool(form) and e.traditional != form,
            bool(key) and _pinyin.numbered_key(e.pinyin_numbered) != key,
        ),
    )


def _same_entry_kind(entry: Entry, other: Entry) -> bool:
    """Written and read alike (case aside): the entries a part's sense is chosen among."""
    return entry.traditional == other.traditional and _pinyin.numbered_key(
        entry.pinyin_numbered
    ) == _pinyin.numbered_key(other.pinyin_numbered)


def _other_name_gloss(term: str, other: GlossaryTerm) -> str:
    """The gloss of a term written in parentheses after another one (``住房制度改革 (房改)``)."""
    if not other.gloss:
        return ""
    remaining = iter(other.term)
    shorter = len(term) < len(other.term) and all(ch in remaining for ch in term)
    label = "abbr. for" if shorter else "another name for"
    return f"{label} {other.term}: {other.gloss}"


class _Builder:
    def __init__(
        self, lexicon: Lexicon, text: DeckText | None = None, extractor: Extractor | None = None
    ) -> None:
        self.lexicon = lexicon
        self.deck_text = text or DeckText()
        self._slide_stems: dict[int, frozenset[str]] = {}
        self._slide_lines: dict[int, _SlideLines] = {}
        self._name_lines: _NameLines | None = None
        self.extractor = extractor or Extractor(lexicon)
        self._char_forms: dict[tuple[str, bool], str] = {}
        self.lookup = self.extractor.lookup
        self.neighbourhood = Neighbourhood(self.lookup)
        self.fields: frozenset[str] = frozenset()  # the document's fields (document_fields)
        self.regions: frozenset[str] = frozenset()  # its regions' usage (document_regions)
        self.traditional = False  # written in traditional characters (written_traditional)
        self._family: dict[str, tuple[Kin, ...]] = {}

    def word_reading(self, word: str) -> tuple[str, str]:
        """(numbered reading, source) of a word: its dictionary reading, else by its words."""
        entries = self.lookup(word)
        if entries:
            return entries[0].pinyin_numbered, entries[0].source
        return self.composed_reading(word, self.extractor.parts_of(word) or ())

    def hsk_level(self, word: str) -> int | None:
        """``Lexicon.hsk_level`` with this deck's remembered lookups (the lexicon's own cache
        is bounded and a big deck's thousands of terms would miss it)."""
        return self.lexicon.hsk_level(word, self.lookup)

    def part_glosses(
        self,
        han: str,
        parts: tuple[str, ...],
        traditional: str,
        readings: tuple[str, ...],
        context: SenseContext | None = None,
        guessed_form: bool = False,
        after: str = "",
    ) -> tuple[str, ...]:
        """One short meaning per part, from the entry the term means: the one written as the
        term writes it (后 in 後生活 is 後 "after", not 后 "empress") and read as it reads, its
        sense chosen in the term's context (開放 in 改革開放 "to open up", not "to bloom").
        With ``guessed_form`` (``traditional`` is only the usual form of the term's words), a
        word written alike in simplified characters competes when the slide speaks for it.
        ``after`` is the text after the term where it is first written."""
        aligned = len(traditional) == len(han) and "".join(parts) == han
        out, position = [], 0
        inner = sides_in(han, parts, after)
        for index, part in enumerate(parts):
            entries = self.lookup(part)
            form = traditional[position : position + len(part)] if aligned else ""
            position += len(part)
            ranked = _ranked(entries, form, readings[index] if index < len(readings) else "")
            if not ranked:
                out.append("")
                continue
            best = [e for e in ranked if e is ranked[0] or _same_entry_kind(e, ranked[0])]
            if context and self.name_not_meant(part, best, context):
                out.append(literal_gloss(self.gloss_of(char) for char in part))
                continue
            placed = has_grammatical_senses(best) or has_address_sense(best)
            placed = placed or has_surname_choice(best)  # 王 in 王先生: the surname
            if context and aligned and placed:  # 个 in 同一个, 上 in 字面上, 先生 in 张先生
                places = places_of(part, inner[index : index + 1], self.lookup)
                context = replace(context, places=places.only(*_PART_PLACES))
            others = _other_forms(ranked, best, part) if guessed_form else ()
            context = context and replace(context, family=self.family(part))  # 开放 "to open"
            choice = choose_written_form(tuple(best), others, context or SenseContext())
            assert choice is not None  # best is not empty
            referred = reference_gloss(choice, self.lookup, context or SenseContext())[0]
            if choice.sense.kind in _MEANING_KINDS:
                out.append(referred or plain_gloss(choice.wording or choice.sense.text))
            else:
                entry = choice.entry
                out.append(
                    self.reference_in(entry, han) or referred or first_meaning(entry, self.lexicon)
                )
        return tuple(out)

    def name_not_meant(self, part: str, entries: list[Entry], context: SenseContext) -> bool:
        """Whether a word inside a term, that the dictionary has only as a name, is rather its
        characters' everyday words: the term's meaning speaks of them and not of the name (大桥
        "Da Qiao, one of the Two Qiaos" in 港珠澳大桥 "Hong Kong-Zhuhai-Macau Bridge": 桥
        "bridge"; 北京 in 北京烤鸭 "Peking duck" stays the city, its 北 "north" unsaid)."""
        if len(part) < 2 or not context.gloss or not all(e.is_proper_noun for e in entries):
            return False
        if any(sense.kind != SenseKind.MEANING for e in entries for sense in e.senses):
            return False  # 端午 "see 端午节": the term's own name
        if any(sense_stems(sense.text) & context.gloss for e in entries for sense in e.senses):
            return False
        said = [english_stems(self.gloss_of(char)) & context.gloss for char in part]
        return any(said) and all(self.lookup(char) for char in part)

    def reference_in(self, entry: Entry, han: str) -> str:
        """The first meaning of the cross-reference of ``entry`` that the term itself writes:
        朝阳 in 朝阳区 ("see 朝阳市; see 朝阳县; see 朝阳区") is the district of Beijing."""
        for sense in entry.senses:
            match = _SEE_TARGET.match(sense.text) if sense.kind == SenseKind.SEE else None
            if match and match.group(1) in han:
                targets = self.lookup(match.group(1))
                if targets:
                    return one_line_gloss(targets[0]).split("; ")[0]
        return ""

    def reading_words(
        self, term: str, reading: str, part_readings: tuple[str, ...]
    ) -> tuple[str, ...]:
        """The lexicon's orthography of a long term, kept only where it is finer than the
        grouping by parts (see ``GlossaryTerm.pinyin_words``)."""
        if len(term) < 4:
            return ()
        default = pinyin_words(reading, part_readings)
        words = self.lexicon.pinyin_words(term, reading, part_readings)
        return words if words != default else ()

    def part_readings(self, han: str, parts: tuple[str, ...], reading: str) -> tuple[str, ...]:
        """Each part's reading as the term reads it (朝阳 in 朝阳区 is Cháoyáng), else its own."""
        syllables = reading.split()
        if parts and "".join(parts) == han and len(syllables) == len(han):
            out, position = [], 0
            for part in parts:
                own = " ".join(syllables[position : position + len(part)])
                out.append(self.own_case(part, own))
                position += len(part)
            return tuple(out)
        return tuple(self.word_reading(p)[0] for p in parts)

    def own_case(self, part: str, reading: str) -> str:
        """A part's reading cut from a name's (新时代 in 习近平新时代...): capitalised only
        when the part itself is a name read so (朝阳 in 朝阳区 is Cháoyáng)."""
        if reading == reading.lower():
            return reading
        entries = self.lookup(part)
        if not entries or any(e.pinyin_numbered == reading for e in entries):
            return reading
        key = _pinyin.numbered_key(reading)
        own = next((e for e in entries if _pinyin.numbered_key(e.pinyin_numbered) == key), None)
        return own.pinyin_numbered if own is not None else reading

    def composed_reading(self, word: str, parts: tuple[str, ...]) -> tuple[str, str]:
        """A reading for a word no dictionary has, from its words' dictionary readings.

        Single characters and unknown words take pypinyin's phrase-aware reading of the whole
        term at their position (so polyphones follow their context).
        """
        guessed = self.extractor.guess_reading(word).split()
        if not parts or "".join(parts) != word or len(guessed) != len(word):
            return " ".join(guessed), PYPINYIN_SOURCE
        syllables: list[str] = []
        position = 0
        from_pypinyin = False
        for index, part in enumerate(parts):
            entries = self.lookup(part) if len(part) > 1 else ()
            if entries:
                syllables.extend(entries[0].pinyin_numbered.split())
            else:
                edge = self.edge_reading(part, index, len(parts), word[position + 1 :])
                edge = edge or self.dictionary_syllable(part, guessed[position])
                syllables.extend([edge] if edge else guessed[position : position + len(part)])
                from_pypinyin = from_pypinyin or not edge
            position += len(part)
        syllables = potential_syllables(parts, potential_neutral(word, syllables))
        syllables = tried_verb_syllables(word, syllables, self.is_verb)
        reading = " ".join(repeated_syllables(word, syllables, self.is_verb))
        return reading, (PYPINYIN_SOURCE if from_pypinyin else PARTS_SOURCE)

    def dictionary_syllable(self, char: str, guessed: str) -> str:
        """The one reading the dictionary gives ``char`` where pypinyin's ``guessed`` is none
        of its syllables (哋 di4, not pypinyin's die4); "" otherwise (a tone change of 一 or
        不 keeps pypinyin's tone)."""
        if len(char) != 1:
            return ""
        readings = {e.pinyin_numbered.lower() for e in self.lookup(char) if e.pinyin_numbered}
        if len(readings) != 1:
            return ""
        (reading,) = readings
        return reading if reading.rstrip("012345") != guessed.lower().rstrip("012345") else ""

    def edge_reading(self, part: str, index: int, count: int, after: str = "") -> str:
        """The reading of a character read several ways that opens or ends a term no
        dictionary has: the one the word after it in the term calls for (``after``: 重写 is
        chóngxiě), else the one the dictionary's words give it there (山寨之都 ends like 首都,
        in dū "capital"; 定为 like 成为, in wéi), else ""."""
        if len(part) != 1 or count < 2 or 0 < index < count - 1:
            return ""
        readings = {
            _pinyin.numbered_key(e.pinyin_numbered)
            for e in self.lookup(part)
            if not e.is_proper_noun
        }
        if len(readings) < 2:
            return ""
        if index == 0 and after:  # 重写: 重 chóng "again" before the action 写
            placed = reading_by_place(part, after, self.lookup)
            if placed:
                return placed
        usual = self.lexicon.reading_at(part, last=index == count - 1)
        return usual if usual and _pinyin.numbered_key(usual) in readings else ""

    def _char_form(self, char: str, traditional: bool) -> str:
        """The usual other form of one character: the one most words write it with.

        CC-CEDICT lists 局 as the simplified form of 局, 侷 and 跼; the words containing the
        character (结局 結局, 局长 局長...) say which one is meant when nothing else does.
        """
        key = (char, traditional)
        cached = self._char_forms.get(key)
        if cached is not None:
            return cached
        source, target = (
            ("simplified", "traditional") if traditional else ("traditional", "simplified")
        )
        forms = {getattr(e, target) for e in self.lookup(char) if getattr(e, source) == char}
        form = char
        if len(forms) == 1:
            (form,) = forms
        elif forms:
            votes: dict[str, int] = dict.fromkeys(sorted(forms), 0)
            for entry in self.lexicon.words_containing(char, _FORM_VOTERS):
                written, other = getattr(entry, source), getattr(entry, target)
                if len(written) != len(other):
                    continue
                for mine, theirs in zip(written, other, strict=True):
                    if mine == char and theirs in votes:
                        votes[theirs] += 1
            form = max(votes, key=lambda f: (votes[f], f == char))
        self._char_forms[key] = form
        return form

    def _word_form(self, word: str, traditional: bool) -> str:
        """``word`` in the other script: its dictionary form, else character by character."""
        source, target = (
            ("simplified", "traditional") if traditional else ("traditional", "simplified")
        )
        if len(word) == 1:
            return self._char_form(word, traditional)
        for entry in self.lookup(word):
            if getattr(entry, source) == word:
                return str(getattr(entry, target))
        return "".join(self._char_form(ch, traditional) for ch in word)

    def forms_of(self, han: str, parts: tuple[str, ...]) -> tuple[str, str]:
        """(simplified, traditional) of a term no dictionary has, from its words' forms.

        A term already written in traditional characters keeps them; each word (the term's
        parts, else the segmenter's words) takes its dictionary form, so 结构 is 結構 and not
        a character-by-character 結搆.
        """
        pieces = parts if "".join(parts) == han else self.extractor.segmenter.cut_inside(han)
        script = self.lexicon.script(han)
        if script == "traditional":
            return "".join(self._word_form(p, False) for p in pieces), han
        simplified = "".join(
            p if self.lexicon.script(p) != "traditional" else self._word_form(p, False)
            for p in pieces
        )
        pieces = self._realign(pieces, simplified)
        return simplified, "".join(self._word_form(p, True) for p in pieces)

    @staticmethod
    def _realign(pieces: tuple[str, ...], text: str) -> tuple[str, ...]:
        """``pieces``' boundaries applied to ``text`` (same length, another script)."""
        out, position = [], 0
        for piece in pieces:
            out.append(text[position : position + len(piece)])
            position += len(piece)
        return tuple(out) if position == len(text) else (text,)

    def personal_name(
        self, han: str, parts: tuple[str, ...], acc: _TermAccumulator | None = None
    ) -> bool:
        """True for a term no dictionary has that reads as a Chinese name: a surname, then
        characters that are no word (梁思成; not 钟鼓楼, 鼓楼 is a word). Two characters (张明)
        only where the sentence speaks of a person ("张明 and his grandmother"), or after 小 or
        老 (小王, 老李: how friends and colleagues are called)."""
        if len(han) not in (_NAME_LENGTH, _NAME_LENGTH - 1) or any(len(p) > 1 for p in parts):
            return False
        if street_name(han)[0]:
            return False  # 春園街: a street's name, not a person's
        if len(han) == _NAME_LENGTH - 1 and han[0] in FAMILIAR_PREFIXES:
            return self.is_surname(han[1])
        surname = self.is_surname(han[0])
        if not surname:
            return False
        if len(han) == _NAME_LENGTH:
            return not self.lookup(han[1:])
        lines = (o.context for o in acc.occurrences) if acc else ()
        return any(speaks_of_a_person(clause_around(line, han)) for line in lines)

    def personal_name_gloss(self, han: str, reading: str, transcribed: bool = False) -> str:
        """A personal name's gloss: the Western name the document writes for it where the name
        is a transcription (金妮 ... Ginny: "Ginny (personal name)"), else the name read, as a
        Western name's transcription when it is one (克里斯 in 克里斯·安德森: "Kèlǐsī
        (transcribed Western name)")."""
        title = addressed_by_title(han)[1]
        if title:
            return f"{title} {display_pinyin(reading.split()[0])}"  # Mr Zhāng
        key = _pinyin.toneless_key(reading.replace(" ", ""))
        western = western_name(reading, self.name_lines().writing(han, key))
        if western:
            return f"{western} (personal name)"
        if transcribed:
            return f"{display_pinyin(reading)} (transcribed Western name)"
        return f"personal name {display_pinyin(reading)}"

    def is_surname(self, char: str) -> bool:
        return any(s.kind == SenseKind.SURNAME for e in self.lookup(char) for s in e.senses)

    def place_or_organisation(self, han: str) -> str:
        """ "place" or "organisation" for a term no dictionary has that is a name followed by
        such a name's ending (朝阳路, 王家村); "" otherwise (社区服务中心 is no name)."""
        ending, kind = name_ending(han)
        head = han[: len(han) - len(ending)] if ending else ""
        if not head:
            return ""
        surname = any(s.kind == SenseKind.SURNAME for e in self.lookup(head[0]) for s in e.senses)
        if surname and head[1:] == _FAMILY:
            return kind  # a family's village, street or company: 王家村, 李家庄
        entries = self.lookup(head)
        if entries:
            return kind if entries[0].is_proper_noun else ""
        return kind if surname and len(head) <= _NAME_LENGTH - 1 else ""

    def gloss_of(self, word: str) -> str:
        """A word's meaning out of context: its first entry's, or what that entry points at
        when it is only a reference (艸 "variant of 草" is grass)."""
        entries = self.lookup(word)
        if not entries:
            return ""
        choice = choose_sense(entries[:1], SenseContext())
        assert choice is not None  # entries is not empty
        referred = reference_gloss(choice, self.lookup, SenseContext(), self.lexicon)[0]
        return referred or one_line_gloss(entries[0], self.lexicon)

    # -- one term: written -> entry -> reading -> forms -> parts -> gloss ----------------------

    def term(self, acc: _TermAccumulator, weekly: frozenset[str]) -> GlossaryTerm:
        written = self.written_step(acc)
        found = (
            self.entry_step(acc, written) if written.entries else self.unknown_step(acc, written)
        )
        parted = self.parts_step(acc, written, found)
        glossed = self.gloss_step(acc, written, found, parted)
        return self.assemble(acc, weekly, written, found, parted, glossed)

    def written_step(self, acc: _TermAccumulator) -> _Written:
        """The term as written: its Han characters, Latin part, parts and entries."""
        mention = acc.first
        han, latin, parts = mention.han, mention.latin, mention.parts
        if latin:
            # A dictionary may have the mixed term itself (T恤, 卡拉OK, A货).
            written = mention.term.replace(" ", "")
            if self.lookup(written):
                han, latin, parts = written, "", ()
        return _Written(mention.term, han, latin, parts, self.usual_form_first(han))

    def usual_form_first(self, han: str) -> tuple[Entry, ...]:
        """The entries of ``han``, those of the traditional form most words write a simplified
        character with first (当 in 我想当老师 is 當 "to act as", not 噹 "(onom.) dong")."""
        entries = self.lookup(han)
        if len(han) != 1 or len({e.traditional for e in entries if e.simplified == han}) < 2:
            return entries
        usual = self._char_form(han, True)
        return tuple(sorted(entries, key=lambda e: e.simplified == han and e.traditional != usual))

    def context(
        self, acc: _TermAccumulator, han: str, entries: tuple[Entry, ...], reading: str = ""
    ) -> SenseContext:
        """The deck's English around a term, from its slide's gloss to the deck's prose."""
        built = build_context(
            entries,
            han,
            slide_gloss=acc.slide_gloss,
            lines=self.lines_with(han, acc),
            slide_stems=frozenset().union(*(self.slide_stems(n) for n in acc.slides)),
            compounds=(*self.compound_glosses(han), *self.neighbour_compounds(han, acc)),
            deck=self.deck_text.stems,
            topics=self.deck_text.topics,
            romanisation=acc.romanisation,
            among_names=acc.among_names and not acc.slide_gloss,
            written_reading=acc.written_reading,
            definitions_with=self.lexicon.definitions_with,
            reading=reading,
            neighbours=self.neighbourhood.around(han, acc.lines, acc.slides),
            usual=self.lexicon.usual_sense,
            word_class=self.lexicon.word_class,
            places=self.places(han, acc, entries),
            fields=self.fields,
            regions=self.regions,
            prose=self.extractor.chinese_prose,
            borrowed=self.borrowed(entries),
        )
        return replace(
            built,
            family=self.family(han),
            traditional=self.traditional,
            field_share=self.lexicon.field_share if self.fields else None,
        )

    def family(self, han: str) -> tuple[Kin, ...]:
        """The dictionary's longer words made with a term of two characters or more, and which
        are of the document's field (see senses.dictionary_family); computed once a term."""
        kin = self._family.get(han)
        if kin is None:
            words = self.lexicon.words_with(han, _FAMILY_WORDS) if self.has_family(han) else ()
            texts = [" ".join(e.definitions) for e in words if not e.is_proper_noun]
            texts = [t for t in texts if "(idiom" not in t]  # an idiom keeps old senses (宽宏大量)
            kin = self._family[han] = tuple(
                Kin(
                    english_stems(_CHINESE_REFERENCE.sub(" ", text)),
                    bool(labelled_fields(text) & self.fields),
                )
                for text in texts
            )
        return kin

    def has_family(self, han: str) -> bool:
        """Whether the family of a word can choose its sense: a word of two characters or more
        with several meanings, in a document of a field or with no usual sense."""
        entries = self.lookup(han) if len(han) > 1 else ()
        meanings = sum(1 for e in entries for x in e.senses if x.kind == SenseKind.MEANING)
        if meanings < 2:
            return False
        return bool(self.fields) or self.lexicon.usual_sense(entries[0].simplified) is None

    def neighbour_compounds(self, han: str, acc: _TermAccumulator) -> Iterator[str]:
        """The definitions of the dictionary's longer words beginning with the term that name
        the English word it modifies ("山寨 phones": 山寨机 "knockoff cell phone"): English
        writes the compound as the term and its noun."""
        nouns: set[str] = set()
        for occurrence in acc.occurrences:
            nouns |= english_stems(" ".join(english_neighbours(occurrence.context, han)))
        if not nouns or len(han) > _NEIGHBOUR_TERM:
            return
        for entry in self.lexicon.words_beginning(han, _FIELD_COMPOUNDS):
            if entry.is_proper_noun or len(entry.simplified) > len(han) + _NEIGHBOUR_MORE:
                continue
            text = " ".join(entry.definitions)
            if nouns & english_stems(_CHINESE_REFERENCE.sub(" ", text)):
                yield text

    def borrowed(self, entries: tuple[Entry, ...]) -> str:
        """The romanisation of a word of two syllables or more that the deck's English prose
        writes as a word of its own (the danwei system): the term is an English borrowing."""
        for entry in entries:
            syllables = entry.pinyin_numbered.split()
            key = _pinyin.toneless_key(entry.pinyin_numbered)
            if len(syllables) < 2 or entry.is_proper_noun:
                continue
            if key in self.deck_text.prose_words:
                return key
        return ""

    def romanised_context(
        self, text: str, entries: tuple[Entry, ...], lines: tuple[str, ...]
    ) -> SenseContext:
        """The English around a romanised word of the prose: the prose borrows the word."""
        return build_context(
            entries,
            text,
            lines=lines,
            deck=self.deck_text.stems,
            topics=self.deck_text.topics,
            definitions_with=self.lexicon.definitions_with,
            borrowed=_pinyin.toneless_key(entries[0].pinyin_numbered),
        )

    def resolve_romanised(self, term: RomanisedTerm, lines: tuple[str, ...]) -> RomanisedTerm:
        """An ambiguous romanised word as the one of its candidates whose senses share words
        with the English around it, when exactly one does."""
        supported = []
        for word in term.candidates:
            entries = self.lookup(word)
            if not entries:
                continue
            context = build_context(entries, term.text, lines=lines)
            if any(slide_english(c, context) > 0 for c in sense_candidates(entries)):
                supported.append((word, entries[0]))
        if len(supported) != 1:
            return term
        word, entry = supported[0]
        return replace(term, matched=word, pinyin_numbered=entry.pinyin_numbered, how="context")

    def places(self, han: str, acc: _TermAccumulator, entries: tuple[Entry, ...]) -> Places:
        """Where the term stands in its sentences: a function word's places, or whether a
        content word used as a noun and as a verb stands where a noun or a verb does."""
        if has_class_choice(entries):  # 补充 "to complement" is no function word
            return class_places_of(acc.sides, self.lookup, han)
        if has_grammatical_senses(entries) or has_adverb_choice(entries):
            return places_of(han, acc.sides, self.lookup)  # 一直 "always" before a verb
        if has_address_sense(entries) or has_surname_choice(entries):
            return places_of(han, acc.sides, self.lookup)  # 张先生 "Mr.", 王 before 先生
        return NOWHERE

    def lines_with(self, han: str, acc: _TermAccumulator) -> tuple[str, ...]:
        """The whole lines of the term's slides that write it (an occurrence's context is only
        a window around it) when they are short, and its occurrences' contexts."""
        lines: dict[str, None] = {}
        for number in sorted(acc.slides):
            for line in self.slide_lines(number).writing(han):
                if len(lines) >= _CONTEXT_LINES:
                    break
                lines[line] = None
        for occurrence in acc.occurrences:
            lines.setdefault(occurrence.context, None)
        return tuple(lines)

    def name_lines(self) -> _NameLines:
        """The deck's lines indexed for personal names, once per deck (see :class:`_NameLines`)."""
        if self._name_lines is None:
            self._name_lines = _NameLines.of(self.deck_text.slides.values())
        return self._name_lines

    def slide_lines(self, number: int) -> _SlideLines:
        """One slide's short lines, indexed once per deck (see :class:`_SlideLines`)."""
        lines = self._slide_lines.get(number)
        if lines is None:
            text = self.deck_text.slides.get(number, "")
            lines = self._slide_lines[number] = _SlideLines.of(text)
        return lines

    def slide_stems(self, number: int) -> frozenset[str]:
        """The English stems of one slide (text and notes), computed once per deck."""
        stems = self._slide_stems.get(number)
        if stems is None:
            stems = self._slide_stems[number] = english_stems(self.deck_text.slides.get(number, ""))
        return stems

    def compound_glosses(self, han: str) -> Iterator[str]:
        """The definitions of the deck's longer terms containing ``han`` (山寨机 for 山寨); not
        for a character of Chinese prose, whose longer words are other words of the text (因為
        "because" says nothing of 為 in 配料為, "are"; 都會 "city" nothing of 都 "all")."""
        if len(han) == 1 and self.extractor.chinese_prose:
            return
        for other in self.deck_text.compounds.get(han, ()):
            entries = self.lookup(other)
            if entries:
                yield " ".join(entries[0].definitions)
        if self.fields and len(han) > 1:
            # The dictionary's longer words of the document's field that begin with the term
            # (命令行 "(computing) command line" for 命令 in a software tutorial).
            for entry in self.lexicon.words_beginning(han, _FIELD_COMPOUNDS):
                senses = [s.text for s in entry.senses if sense_fields(s.text) & self.fields]
                if senses and not entry.is_proper_noun:
                    yield " ".join(senses)

    def worded(self, entries: tuple[Entry, ...]) -> bool:
        """Whether the deck's context has a choice to make for ``entries``: between senses, or
        between the wordings of a single sense (the one example sentences say most, 项目
        "project" of "item; project; (sports) event"; one of the document's field, 保存
        "(computing) to save"; a plain one before one qualified by what the deck does not speak
        of, 开发 "to develop" before "to exploit (a resource)"). A single sense with nothing to
        choose needs no context (most words of a big deck's vocabulary)."""
        if sum(len(e.senses) for e in entries) > 1:
            return True
        if self.fields and field_wording(entries[0].senses[0], self.fields):
            return True
        if may_reword(entries[0].senses[0]):
            return True
        usual = self.lexicon.usual_sense(entries[0].simplified)
        return usual is not None and bool(usual.wording)

    def entry_step(self, acc: _TermAccumulator, written: _Written) -> _Found:
        """The entry the deck means (its sense chosen in context), its reading and senses."""
        han, entries = written.han, written.entries
        # A single sense with nothing to word otherwise needs no context (see worded).
        context = self.context(acc, han, entries) if self.worded(entries) else None
        choice = choose_sense(entries, context or SenseContext())
        assert choice is not None  # entries is not empty
        entry = choice.entry
        gloss = one_line_gloss(
            entry, self.lexicon, acc.slide_gloss, first=choice.sense.text, wording=choice.wording
        )
        referred, note = "", ""
        if parse_reference(choice.sense.text):
            # Only a pointer to another word ("erhua variant of 馅"): that word's meaning.
            context = context or self.context(acc, han, entries)
            referred, note = reference_gloss(choice, self.lookup, context, self.lexicon)
        # the tones the document writes for it (ní hǎo), on the dictionary's syllables
        reading = with_written_tones(entry.pinyin_numbered, acc.written_reading)
        if self.traditional and names_the_mainland(entry, choice.sense):
            reading = reading.lower()  # "the mainland": a common noun in English, dàlù
        if not han.isascii() and re.search(r"[A-Za-z0-9]", han):
            reading = _latin_as_written(han, reading)  # 3D打印: 3D, not sān D
        key = _pinyin.numbered_key(entry.pinyin_numbered)
        same = [entry] + [
            e for e in entries if e is not entry and _pinyin.numbered_key(e.pinyin_numbered) == key
        ]
        senses = tuple({s.text: s for e in same for s in e.senses}.values())
        other_readings = tuple(
            dict.fromkeys(
                e.pinyin_numbered for e in entries if _pinyin.numbered_key(e.pinyin_numbered) != key
            )
        )
        return _Found(
            reading=reading,
            reading_source=entry.source,
            sources=tuple(e.source for e in same),
            gloss=referred or gloss,
            gloss_kind=GlossKind.COURSE if entry.source == COURSE_SOURCE else GlossKind.DICTIONARY,
            simplified=entry.simplified,
            traditional=entry.traditional,
            senses=senses,
            other_readings=other_readings,
            choice=choice,
            context=context,
            gloss_note=note if referred else "",
        )

    def unknown_step(self, acc: _TermAccumulator, written: _Written) -> _Found:
        """A term no dictionary has: read by its words, its forms from theirs."""
        han, parts = written.han, written.parts
        if not parts and not written.latin and len(han) > 1:
            # In no dictionary and kept whole (左祖右社, 面朝): its words, else its
            # characters, are its parts, read and glossed one by one.
            pieces = self.extractor.without_stray_names(self.extractor.segmenter.cut_inside(han))
            parts = pieces if len(pieces) > 1 else tuple(han)
        reading, reading_source = self.composed_reading(han, parts)
        sources: list[str] = []
        if acc.written_reading:
            # No dictionary has it and the slide writes its reading ("is read Dàshílànr"):
            # its tones (and lower case) on the parts' syllables when they are the same.
            reading = with_written_tones(reading, acc.written_reading)
            if _pinyin.numbered_key(reading) != _pinyin.numbered_key(acc.written_reading):
                reading = acc.written_reading
            reading_source = SLIDE_SOURCE
            sources.append(SLIDE_SOURCE)
        if reading_source == PARTS_SOURCE:
            sources.extend(self.lookup(p)[0].source for p in parts if self.lookup(p))
        gloss, kind = "", GlossKind.NONE
        name = _written_name(reading, acc.romanisation)
        if name:
            # Written capitalised next to the term (``Sun Zhigang (孙志刚)``): a name, read
            # and glossed as the slide writes it.
            reading, gloss, kind = name, acc.slide_gloss or acc.romanisation, GlossKind.NAME
        simplified, traditional = self.forms_of(han, parts)
        return _Found(
            reading=reading,
            reading_source=reading_source,
            sources=tuple(dict.fromkeys(sources)),
            gloss=gloss,
            gloss_kind=kind,
            simplified=simplified,
            traditional=traditional,
            parts=parts,
        )

    def parts_step(self, acc: _TermAccumulator, written: _Written, found: _Found) -> _Parted:
        """The term's words, each read and glossed as the term means it."""
        parts = found.parts if found.parts is not None else written.parts
        reading = found.reading
        names = _capitalised_words(f"{acc.slide_gloss} {acc.romanisation}")
        named: dict[str, str] = {}
        if names and parts:
            parts, reading, named = _join_names(written.han, parts, reading, names)
        context = SenseContext()
        if any(sum(len(e.senses) for e in self.lookup(p)) > 1 for p in parts):
            context = found.context or self.context(
                acc, written.han, written.entries, found.reading
            )
        if parts and found.gloss:
            # The term's own gloss says what its words mean here, and which are names.
            context = replace(
                context,
                gloss=context.gloss | english_stems(found.gloss),
                names=context.names | capitalised_names(found.gloss),
            )
        part_readings = self.part_readings(written.han, parts, reading)
        part_glosses = self.part_glosses(
            written.han,
            parts,
            found.traditional,
            part_readings,
            context,
            not written.entries,
            after=acc.sides[0][1] if acc.sides else "",
        )
        if named:
            part_glosses = tuple(
                named.get(p) or g for p, g in zip(parts, part_glosses, strict=True)
            )
        part_readings = (
            tuple(  # a name's word read as everyday words has no capitals (大桥)
                r.lower() if g.startswith(_LITERAL_MARK) else r
                for r, g in zip(part_readings, part_glosses, strict=False)
            )
            + part_readings[len(part_glosses) :]
        )
        return _Parted(parts, reading, part_readings, part_glosses)

    def gloss_step(
        self, acc: _TermAccumulator, written: _Written, found: _Found, parted: _Parted
    ) -> _Glossed:
        """The one-line gloss and what kind it is: the dictionary's, the slide's, a name, else
        a literal gloss of the parts, labelled as such."""
        reading = parted.reading
        gloss, kind, note = found.gloss, found.gloss_kind, found.gloss_note
        if not gloss and acc.slide_gloss:
            spelled = acronym_gloss(acc.slide_gloss, parted.part_glosses)
            gloss, kind = (
                (spelled, GlossKind.DICTIONARY) if spelled else (acc.slide_gloss, GlossKind.SLIDE)
            )
        if (
            not gloss
            and not written.entries
            and (acc.personal_name or self.personal_name(written.han, parted.parts, acc))
        ):
            transcribed = any(beside_a_name_dot(written.han, o.context) for o in acc.occurrences)
            reading = (
                _transcribed_reading(reading)
                if transcribed
                else _person_reading(written.han, reading)
            )
            gloss = self.personal_name_gloss(written.han, reading, transcribed)
            kind = GlossKind.NAME
        named = "" if gloss or written.entries else self.place_or_organisation(written.han)
        if named:
            reading = _names_reading(reading, len(written.han) - len(name_ending(written.han)[0]))
            gloss, kind = f"{named} name {display_pinyin(reading)}", GlossKind.NAME
        if not gloss and not written.entries:
            gloss, note = self.form_gloss(acc, written.han)
            kind = GlossKind.DICTIONARY if gloss else kind
        if not gloss and not written.entries:
            gloss, reading, kind = self.formed_gloss(written.han, parted, reading, kind)
        if not gloss and parted.parts and all(parted.part_glosses):
            gloss, kind = literal_gloss(parted.part_glosses), GlossKind.LITERAL
        latin = written.latin
        if latin:
            first = written.term.startswith(latin)
            reading = f"{latin} {reading}" if first else f"{reading} {latin}"
            if gloss and not acc.slide_gloss and kind != GlossKind.LITERAL:
                gloss = gloss.split("; ")[0]
                gloss = f"{latin} {gloss}" if first else f"{gloss} {latin}"
        return _Glossed(gloss, kind, reading, note)

    def formed_gloss(
        self, han: str, parted: _Parted, reading: str, kind: GlossKind
    ) -> tuple[str, str, GlossKind]:
        """(gloss, reading, kind) of a term no dictionary has that a rule of word formation
        makes (see :mod:`~hanzi_companion.text.morphology`): a verb's potential form, 重 and
        a verb, a street's name; ("", reading, kind) for other terms."""
        parts, glosses = parted.parts, parted.part_glosses
        if parts and all(glosses):
            verb = glosses[1] if len(parts) == 2 else self.gloss_of(han[1:])
            formed = (
                potential_gloss(parts, glosses[0], self.gloss_of)
                or repeated_gloss(han, verb, self.is_verb)
                or counted_gloss(parts, glosses[0])
                or numbered_gloss(parts, self.gloss_of(parts[0]), glosses[-1])
                or becoming_gloss(parts, glosses)
            )
            if formed:
                return formed, reading, GlossKind.FORMED
        name, ending = street_name(han)
        syllables = reading.split()
        if name and len(syllables) == len(han):
            reading = _names_reading(reading, len(name))
            named = display_pinyin(" ".join(syllables[: len(name)])).replace(" ", "").capitalize()
            return f"{named} {ending} (place name)", reading, GlossKind.NAME
        return "", reading, kind

    def is_verb(self, word: str) -> bool:
        """True when the first sense of ``word``'s first entry is a verb's ("to write")."""
        entries = self.lookup(word)
        return (
            bool(entries)
            and entries[0].definitions[:1] != ()
            and (entries[0].definitions[0].startswith("to "))
        )

    def form_gloss(self, acc: _TermAccumulator, han: str) -> tuple[str, str]:
        """(gloss, note) of a term no dictionary has that is a regular form of a word one has
        (皮儿, 不然的话, 看看): that word's meaning in the term's context, and how it is a form
        of it; ("", "") for a term that is none."""
        form = word_form(han, self.lookup)
        if form is None:
            return "", ""
        entries = self.lookup(form.word)
        context = self.context(acc, han, entries)
        choice = choose_sense(entries, context)
        assert choice is not None  # word_form only gives words the lexicon has
        referred, note = reference_gloss(choice, self.lookup, context, self.lexicon)
        first = choice.sense.text
        gloss = referred or one_line_gloss(choice.entry, self.lexicon, acc.slide_gloss, first=first)
        return gloss, "; ".join(n for n in (form.note, note) if n)

    def assemble(
        self,
        acc: _TermAccumulator,
        weekly: frozenset[str],
        written: _Written,
        found: _Found,
        parted: _Parted,
        glossed: _Glossed,
    ) -> GlossaryTerm:
        sources = list(found.sources)
        if found.reading_source == PYPINYIN_SOURCE:
            sources.append(PYPINYIN_SOURCE)
        if acc.slide_gloss or acc.romanisation:
            sources.append(SLIDE_SOURCE)
        term, latin = written.term, written.latin
        choice = found.choice
        traditional = found.traditional
        if latin:
            traditional = term.replace(written.han, traditional)
        return GlossaryTerm(
            term=term,
            simplified=found.simplified if not latin else term,
            traditional=found.traditional
            if not latin
            else term.replace(written.han, found.traditional),
            pinyin_numbered=glossed.reading,
            reading_source=found.reading_source,
            gloss=glossed.gloss,
            senses=found.senses,
            parts=parted.parts,
            occurrences=tuple(acc.occurrences),
            slide_gloss=acc.slide_gloss,
            romanisation=acc.romanisation,
            hsk_level=self.hsk_level(term) if not latin else None,
            in_dictionary=bool(written.entries),
            is_character_of_the_week=term in weekly,
            sources=tuple(dict.fromkeys(sources)),
            other_readings=found.other_readings,
            part_readings=parted.part_readings,
            part_glosses=parted.part_glosses,
            gloss_kind=str(glossed.kind),
            gloss_note=glossed.note,
            chosen_sense=choice.sense.text if choice else "",
            sense_rule=choice.rule if choice else "",
            sense_reason=choice.reason if choice else "",
            reading_words=self.reading_words(term, glossed.reading, parted.part_readings),
            examples=() if latin else self.lexicon.sentences(found.simplified, TERM_EXAMPLES),
        )


_BIG_DECK = 200_000  # characters of slide text and notes from which a build defers full passes
# While a big deck is built, the oldest generation is collected only after this many young
# collections (Python's default is 10).
_DEFERRED_FULL_PASSES = 1_000_000
_collector_lock = threading.Lock()
_collector_pauses = 0  # builds currently running with full collections deferred
_collector_thresholds = gc.get_threshold()  # the thresholds before the first of them


@contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    """Defer the cyclic collector's full passes while a big deck is built.

    A big deck's build keeps hundreds of thousands of long-lived objects (dictionary entries,
    mentions, terms) and creates no reference cycles; full passes over them cost about a
    quarter of the build. Only the oldest generation's threshold is raised: the collector
    stays enabled and young cyclic garbage (of this or any other thread, e.g. a web server's
    requests) is still collected. The thresholds are restored when the last deferring build
    ends, even on error, unless something else changed them meanwhile.
    """
    global _collector_pauses, _collector_thresholds
    if not pause:
        yield
        return
    with _collector_lock:
        if _collector_pauses == 0:
            _collector_thresholds = gc.get_threshold()
            young, middle = _collector_thresholds[:2]
            gc.set_threshold(young, middle, max(_DEFERRED_FULL_PASSES, _collector_thresholds[2]))
        _collector_pauses += 1
        deferred = gc.get_threshold()
    try:
        yield
    finally:
        with _collector_lock:
            _collector_pauses -= 1
            if _collector_pauses == 0 and gc.get_threshold() == deferred:
                gc.set_threshold(*_collector_thresholds)


def build_glossary(deck: Deck, lexicon: Lexicon, *, max_terms: int | None = None) -> Glossary:
    """The glossary of one deck: its characters of the week, terms and romanised terms.

    A deck of more than ``max_terms`` (default ``MAX_TERMS``) distinct terms is glossed up to
    where the first term past them appears; the glossary's messages say about how many words
    were left out.
    """
    size = sum(len(slide.text) + len(slide.notes) for slide in deck.slides)
    with _collector_paused(size >= _BIG_DECK):
        return _build_glossary(deck, lexicon, MAX_TERMS if max_terms is None else max_terms)


@dataclass
class _Gathered:
    """The deck's mentions read up to the term cap, each term's gathered, and where the
    reading stopped (the first mention of a term past the cap; None when none was left)."""

    mentions: list[Trace]  # each different one once, in reading order
    accumulators: dict[str, _TermAccumulator]
    stop: Mention | None = None


def _accumulate(
    mentions: Iterable[Mention], max_terms: int, header: int | None = None
) -> _Gathered:
    """Each term's mentions gathered: occurrences, slides, and what the slides say of it
    (``header`` is the number the front matter's text is filed under, if any).

    Reading stops at the first mention of a term past ``max_terms`` distinct terms: the
    extractor is lazy, so the rest of the deck costs nothing.
    """
    read: dict[Trace, None] = {}
    accumulators: dict[str, _TermAccumulator] = {}
    # A sentence's grammatical words (要 in 你要水吗) are occurrences of a term the deck lists
    # (6. 要 yào vouloir), before or after they are written: kept until it is listed.
    unlisted: dict[str, list[Mention]] = {}
    for mention in mentions:
        acc = accumulators.get(mention.term)
        if mention.glue:
            if acc is not None:
                _add_occurrence(acc, mention, header)
            else:
                unlisted.setdefault(mention.term, []).append(mention)
            continue
        if acc is None:
            if len(accumulators) >= max_terms:
                return _Gathered(list(read), accumulators, mention)
            acc = accumulators[mention.term] = _TermAccumulator(mention)
            for earlier in unlisted.pop(mention.term, ()):
                _add_occurrence(acc, earlier, header)
        read[mention.trace] = None
        _add_occurrence(acc, mention, header)
        acc.slide_gloss = acc.slide_gloss or mention.slide_gloss
        acc.romanisation = acc.romanisation or mention.romanisation
        acc.other_name_of = acc.other_name_of or mention.other_name_of
        acc.written_reading = acc.written_reading or mention.written_reading
        acc.among_names = acc.among_names or mention.among_names
        acc.personal_name = acc.personal_name or mention.personal_name
    return _Gathered(list(read), accumulators)


def _add_occurrence(acc: _TermAccumulator, mention: Mention, header: int | None) -> None:
    """``mention`` as one of the term's occurrences: its slide, line and place in the
    sentence, the first :data:`MAX_OCCURRENCES` of them kept."""
    occurrence = Occurrence(
        mention.shown_on or mention.slide,
        mention.slide_title,
        mention.context,
        mention.in_notes,
        in_header=mention.slide == header,
    )
    acc.slides.add(mention.slide)
    acc.lines.add((mention.slide, mention.in_notes, mention.line_start))
    if len(acc.sides) < MAX_OCCURRENCES:
        acc.sides.append(mention.sides)
    if occurrence not in acc.seen and len(acc.occurrences) < MAX_OCCURRENCES:
        acc.seen.add(occurrence)
        acc.occurrences.append(occurrence)


def _text_from(deck: Deck, stop: Mention) -> Iterator[str]:
    """The deck's slide text and notes from the mention ``stop`` on, in reading order."""
    reached = False
    for slide in deck.slides:
        if not reached and slide.number != stop.slide:
            continue
        if reached:
            yield from (slide.text, slide.notes)
            continue
        reached = True
        if stop.in_notes:
            yield slide.notes[stop.line_start :]
        else:
            yield from (slide.text[stop.line_start :], slide.notes)


_FUNCTION_CHARACTERS = frozenset("".join(FUNCTION_WORDS))


def words_left_out(deck: Deck, stop: Mention, extractor: Extractor, kept: Set[str]) -> int:
    """About how many distinct terms the deck writes from ``stop`` on that ``kept`` lacks:
    each distinct run read on its own, whole or as a sentence's words (the extractor's first
    rule, without what the slide writes around it)."""
    runs = {run for text in _text_from(deck, stop) for run in HAN_RUN.findall(text)}
    words: set[str] = set()
    for run in runs:
        if len(run) <= LONGEST_TERM and _FUNCTION_CHARACTERS.isdisjoint(run):
            words.add(run)  # no grammatical word can be in it: no sentence, one term
            continue
        sentence = extractor.sentence_words(run)
        words.update((run,) if sentence is None else sentence)
    return len(words.difference(kept, SENTENCE_GLUE))


def cap_message(max_terms: int, left_out: int, stop: Mention) -> str:
    """The one-line warning of a glossary cut at ``max_terms`` terms."""
    return (
        f"more than {max_terms:,} distinct terms: the glossary lists the first {max_terms:,}; "
        f"left out from slide {stop.slide} on: about {plural(left_out, 'more word')}"
    )


def _build_terms(
    builder: _Builder, accumulators: dict[str, _TermAccumulator], weekly: frozenset[str]
) -> tuple[GlossaryTerm, ...]:
    built: dict[str, GlossaryTerm] = {}
    for acc in accumulators.values():
        term = builder.term(acc, weekly)
        other = built.get(acc.other_name_of)
        # Written in parentheses after a term (住房制度改革 (房改)): that term says what it
        # means better than its characters one by one.
        if other is not None and not (term.in_dictionary or term.slide_gloss):
            gloss = _other_name_gloss(term.term, other)
            term = replace(term, gloss=gloss, gloss_kind=GlossKind.SLIDE if gloss else "")
        built[term.term] = term
    return tuple(built.values())


def _romanised(
    deck: Deck, builder: _Builder, mentions: tuple[Trace, ...], terms: tuple[GlossaryTerm, ...]
) -> tuple[RomanisedTerm, ...]:
    found = find_romanised(deck, builder.lexicon, mentions, terms_for_matching(terms))
    return tuple(_romanised_term(builder, r, deck.header_slide) for r in found)


def _romanised_term(builder: _Builder, found: Romanised, header: int | None) -> RomanisedTerm:
    """A romanised word of the prose, its sense chosen from the English around it as a term's
    is (not the dictionary's first), and an ambiguous one resolved when that English speaks
    for exactly one of its words (hukou in "a household registry": 户口, not 虎口)."""
    lines = tuple(context for _, _, context, _ in found.occurrences)
    term = RomanisedTerm(
        text=found.text,
        matched=found.matched,
        pinyin_numbered=found.pinyin_numbered,
        how=found.how,
        candidates=found.candidates,
        gloss=found.gloss,
        occurrences=tuple(
            Occurrence(slide, title, context, in_notes, in_header=slide == header)
            for slide, title, context, in_notes in found.occurrences
        ),
    )
    if not term.matched and term.candidates:
        term = builder.resolve_romanised(term, lines)
    entries = builder.lookup(term.matched) if term.matched else ()
    # The reading the romanisation was matched to: Lao Tzu is the philosopher 老子 Lǎozǐ,
    # whose senses are his, not those of lǎozi "father".
    entries = tuple(e for e in entries if e.pinyin_numbered == term.pinyin_numbered) or entries
    if not entries:
        return term
    choice = choose_sense(entries, builder.romanised_context(term.text, entries, lines))
    if choice is None:
        return term
    gloss = one_line_gloss(
        choice.entry, builder.lexicon, first=choice.sense.text, wording=choice.wording
    )
    return replace(
        term,
        gloss=gloss or term.gloss,
        chosen_sense=choice.sense.text,
        sense_rule=choice.rule,
        sense_reason=choice.reason,
    )


def _character_of_the_week(
    weekly: WeeklyCharacter, builder: _Builder, terms: dict[str, GlossaryTerm]
) -> CharacterOfTheWeek:
    """The week's character, read and glossed in the sense the deck gives it when the deck
    lists it as a term (王 "(King)" is the king), else as the dictionary does."""
    term = terms.get(weekly.character)
    if term is not None and term.chosen_sense:
        reading, gloss = term.pinyin_numbered, term.gloss
    else:
        reading = builder.lexicon.reading(weekly.character).pinyin_numbered
        gloss = builder.gloss_of(weekly.character)
    return CharacterOfTheWeek(
        character=weekly.character,
        pinyin_numbered=reading,
        gloss=gloss,
        slide=weekly.slide,
        links=tuple(Link(label, url) for label, url in weekly.links),
        examples=builder.lexicon.sentences(weekly.character, CHARACTER_EXAMPLES),
    )


def written_traditional(words: Mapping[str, tuple[Entry, ...]]) -> bool:
    """Whether a document is written in traditional characters: more of its words are written
    as only a traditional headword is (遊客, 們) than as only a simplified one (游客, 们)."""
    traditional = sum(1 for han, es in words.items() if es and all(e.simplified != han for e in es))
    simplified = sum(1 for han, es in words.items() if es and all(e.traditional != han for e in es))
    return traditional > simplified


def _build_glossary(deck: Deck, lexicon: Lexicon, max_terms: int) -> Glossary:
    extractor = Extractor(lexicon)
    gathered = _accumulate(extractor.mentions(deck, glue=True), max_terms, deck.header_slide)
    accumulators = gathered.accumulators
    mentions = tuple(gathered.mentions)
    text = deck_text(deck, (a.first.han for a in accumulators.values()))
    builder = _Builder(lexicon, text, extractor)
    builder.neighbourhood = Neighbourhood.of(mentions, builder.lookup)
    hans = {a.first.han for a in accumulators.values()}
    builder.fields = document_fields(builder.lookup(han) for han in hans if len(han) > 1)
    words = {han: builder.lookup(han) for han in hans}
    builder.traditional = written_traditional(words)
    builder.regions = document_regions(words.values(), traditional=builder.traditional)
    builder.extractor.prefetch({part for acc in accumulators.values() for part in acc.first.parts})
    weekly = characters_of_the_week(deck)
    terms = _build_terms(builder, accumulators, frozenset(w.character for w in weekly))
    characters = tuple(
        _character_of_the_week(w, builder, {t.term: t for t in terms}) for w in weekly
    )
    romanised = _romanised(deck, builder, mentions, terms)
    # Prose writing its Chinese words only romanised (the hukou system) has found something.
    messages = () if terms or romanised else (f"no Chinese text found in {deck.name}",)
    if gathered.stop is not None:
        left_out = words_left_out(deck, gathered.stop, extractor, accumulators.keys())
        messages = (cap_message(max_terms, left_out, gathered.stop),)
    return Glossary(
        deck=DeckInfo(
            name=deck.name,
            title=deck.metadata.title,
            course=deck.metadata.course,
            week=deck.metadata.week,
            date=deck.metadata.date,
            slide_count=deck.slide_count,
            format=deck.format,
        ),
        characters=characters,
        terms=terms,
        romanised=romanised,
        messages=messages,
    )


def terms_for_matching(terms: tuple[GlossaryTerm, ...]) -> tuple[DeckWord, ...]:
    """The deck's words a romanisation may stand for: its terms and their parts."""
    words: dict[str, DeckWord] = {}
    for term in terms:
        if term.latin_free:
            words.setdefault(
                term.term,
                DeckWord(term.term, term.pinyin_numbered, term.gloss, term.simplified),
            )
        aligned = len(term.simplified) == len(term.term)
        position = 0
        for part, reading, gloss in zip(
            term.parts, term.part_readings, term.part_glosses, strict=False
        ):
            simplified = term.simplified[position : position + len(part)] if aligned else ""
            words.setdefault(part, DeckWord(part, reading, gloss, simplified))
            position += len(part)
    return tuple(words.values())


def build_course(decks: Iterable[Deck], lexicon: Lexicon, name: str) -> Course:
    """Glossaries of several decks, in week order (decks without a week keep their order)."""
    glossaries = [build_glossary(deck, lexicon) for deck in decks]
    order = sorted(
        range(len(glossaries)),
        key=lambda i: (glossaries[i].deck.week is None, glossaries[i].deck.week or 0, i),
    )
    return Course(name=name, glossaries=tuple(glossaries[i] for i in order))
