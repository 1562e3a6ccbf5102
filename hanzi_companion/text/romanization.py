"""Romanised Chinese in a deck's prose (``danwei``, ``shan zhai``, ``Zhongguancun``).

A candidate is a sequence of Latin words, separated only by spaces, that parses as pinyin
(:func:`~hanzi_companion.lexicon.pinyin.parse_syllables`), has at least two syllables, and is
not all English. Each candidate is matched, in this order:

1. to a word of the same deck (a term or a part of one) with the same toneless pinyin;
2. to a dictionary word whose toneless pinyin is the same, when it is the only one or clearly
   the most frequent (a capitalised form inside a sentence asks for a proper noun);
3. a candidate made of several words (``yueshuxing zhibiao``) is matched word by word, each
   word resolved as above, and the joined characters are proposed;
4. otherwise it is listed with its candidates (``how = "ambiguous"``) or none (``unknown``).
   Nothing is ever guessed silently.

English words: a word is English when it occurs in lowercase in the English definitions of at
least ``_ENGLISH_MIN_ENTRIES`` CC-CEDICT entries (bracketed pinyin and Chinese cross-references
removed), or capitalised in at least ``_NAME_MIN_ENTRIES`` entries (names that English uses,
such as Shanghai or Beijing). Simple inflections of those words (-s, -es, -ed, -ing, -er) are
English too, and so are the function words of English and French prose (``de la``, ``ce que``
look like pinyin). The list is built once per lexicon index and cached in the cache folder,
as two marisa tries that load without parsing (a set of 200,000 words takes 50-100 ms to
build in every process).
"""

from __future__ import annotations

import json
import re
import struct
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple, TypeVar

import marisa_trie

from hanzi_companion.files import seal, unseal, write_atomically
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.models import CEDICT_SOURCE, Entry
from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.extract import Trace
from hanzi_companion.text.labels import without_labels
from hanzi_companion.text.language import deck_prose, is_foreign_prose, mostly_chinese
from hanzi_companion.text.models import Deck
from hanzi_companion.text.syllables import (
    ROMAN_WORD,
    as_marks,
    is_western_spelling,
    syllables_of,
    western_keys,
)
from hanzi_companion.text.wordlists import CLAUSE_WORDS, NEUTRAL_SYLLABLES, NOT_IN_PROSE

ENGLISH_VERSION = "4"
_ENGLISH_MIN_ENTRIES = 2
_NAME_MIN_ENTRIES = 10
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly")
_DOMINANCE = 4.0  # the most frequent word must be this many times more frequent than the next
_MAX_WORDS = 4  # longest run of romanised words considered as one term
_MAX_CANDIDATES = 5
_HEAD = 200  # characters before a candidate looked at to tell a sentence start

_WORD = compile_pattern(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+)*")
_BRACKETS = LazyPattern(r"\[[^\]]*\]")
_CHINESE_REFERENCE = LazyPattern(r"[^\x00-\x7f]+(?:\|[^\x00-\x7f]+)?")
_SENTENCE_START = compile_pattern(r"(?:^|[.!?:;•–—\-(\[«“\"]\s*)$")

_english_cache: dict[Path, EnglishWords] = {}
_english_lock = threading.Lock()


@dataclass(frozen=True)
class DeckWord:
    """A word of the deck a romanisation may stand for."""

    word: str
    pinyin_numbered: str
    gloss: str = ""
    simplified: str = ""  # its simplified form: one word in two scripts is no ambiguity

    @property
    def identity(self) -> str:
        return self.simplified or self.word


@dataclass(frozen=True)
class Romanised:
    """A romanised term found in the prose, and what it was matched to."""

    text: str
    matched: str
    pinyin_numbered: str
    how: str  # "deck term", "dictionary", "dictionary words", "ambiguous", "unknown"
    candidates: tuple[str, ...]
    gloss: str
    occurrences: tuple[tuple[int, str, str, bool], ...]  # (slide, title, context, in notes)


# -- the English word list ----------------------------------------------------------------------


_S = TypeVar("_S")


class WordSet(Set[str]):
    """A read-only set of words kept in a marisa trie (``in``, iteration, set operators)."""

    def __init__(self, trie: marisa_trie.Trie) -> None:
        self.trie = trie

    def __contains__(self, word: object) -> bool:
        return word in self.trie

    def __iter__(self) -> Iterator[str]:
        return iter(self.trie.keys())

    def __len__(self) -> int:
        return len(self.trie)

    @classmethod
    def _from_iterable(cls, words: Iterable[_S]) -> Set[_S]:
        return frozenset(words)  # what ``a | b``, ``a & b``... make


EnglishWords = tuple[Set[str], Set[str]]
"""(common English words, names English uses): words never read as pinyin on their own."""

_ENGLISH_HEADER = struct.Struct("<8sQ")  # magic, size of the first trie
_ENGLISH_MAGIC = b"hzeng01\n"


def build_english_words(lexicon: Lexicon) -> EnglishWords:
    """English words from CC-CEDICT's definitions (see the module docstring for the method)."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    rows = lexicon.query("SELECT senses FROM entries WHERE source = ?", (CEDICT_SOURCE,))
    for (senses,) in rows:
        seen_lower: set[str] = set()
        seen_capital: set[str] = set()
        for text, _kind, _source in json.loads(str(senses)):
            text = _CHINESE_REFERENCE.sub(" ", _BRACKETS.sub(" ", text))
            for word in _WORD.findall(text):
                if word.islower():
                    seen_lower.add(word)
                elif word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
                    seen_capital.add(word.lower())
        lower.update(seen_lower)
        capital.update(seen_capital)
    common = {w for w, n in lower.items() if n >= _ENGLISH_MIN_ENTRIES}
    common |= {w + suffix for w in common for suffix in _INFLECTIONS if len(w) > 2}
    # Decks are also written in French: its function words (de, la, que...) look like pinyin.
    common |= CLAUSE_WORDS
    names = {w for w, n in capital.items() if n >= _NAME_MIN_ENTRIES} - common
    return frozenset(common), frozenset(names)


def english_words(lexicon: Lexicon) -> EnglishWords:
    """The English word lists of this lexicon, from the cache folder when already built."""
    path = lexicon.settings.cache_dir / f"english-{lexicon.path.stem}-v{ENGLISH_VERSION}.tries"
    with _english_lock:
        cached = _english_cache.get(path)
        if cached is not None:
            return cached
        try:
            words = _load_english(unseal(path.read_bytes()))
        except (OSError, ValueError):
            data = _dump_english(build_english_words(lexicon))
            write_atomically(path, seal(data), make_folder=True)
            words = _load_english(data)
        _english_cache[path] = words
        return words


def _dump_english(words: EnglishWords) -> bytes:
    common: bytes = marisa_trie.Trie(words[0]).tobytes()
    names: bytes = marisa_trie.Trie(words[1]).tobytes()
    return _ENGLISH_HEADER.pack(_ENGLISH_MAGIC, len(common)) + common + names


def _load_english(data: bytes | memoryview) -> EnglishWords:
    """The two tries of a cached word list; ValueError when the file is not one."""
    if len(data) < _ENGLISH_HEADER.size:
        raise ValueError("truncated")
    magic, size = _ENGLISH_HEADER.unpack_from(data)
    start = _ENGLISH_HEADER.size
    if magic != _ENGLISH_MAGIC or start + size > len(data):
        raise ValueError("not an English word list")
    try:
        common = marisa_trie.Trie().frombytes(bytes(data[start : start + size]))
        names = marisa_trie.Trie().frombytes(bytes(data[start + size :]))
    except RuntimeError as exc:  # marisa's error on a damaged trie
        raise ValueError(f"damaged English word list ({exc})") from None
    return WordSet(common), WordSet(names)


# -- finding candidates -------------------------------------------------------------------------


class _Candidate(NamedTuple):
    text: str
    words: tuple[str, ...]
    name: bool  # capitalised inside a sentence: a proper name
    slide: int
    title: str
    context: str
    in_notes: bool
    set_off: bool = False  # in parentheses or quotes: written as a term, not as prose
    foreign: bool = False  # on a line of prose in another language (German, French...)
    marked: bool = False  # written with tone marks
    keys: tuple[str, ...] = ()  # pinyin keys of a name in an older romanisation (Mao Tse-tung)


@lru_cache(maxsize=65536)
def _is_syllables(word: str) -> int:
    """Number of pinyin syllables in ``word`` (0 when it is not pinyin as people write it).

    Pinyin orthography puts an apostrophe before a syllable starting with a, o or e inside a
    word (Xi'an); a parse that needs one without it is not pinyin (Keane, mutualisation).
    """
    if word.isupper() and len(word) > 1:
        return 0  # an acronym (NEOM, HAX), not pinyin
    total = 0
    marked = 0
    for chunk in re.split(r"['’]", word):
        parsed = syllables_of(chunk)
        if not parsed:
            return 0
        marked += sum(1 for syllable in parsed if syllable.tone is not None)
        for index, syllable in enumerate(parsed):
            letters = syllable.letters.lower()
            if letters in NOT_IN_PROSE or (index and letters[:1] in ("a", "o", "e")):
                return 0
        total += len(parsed)
    if 0 < marked < total:
        return 0  # pinyin marks every syllable or none: santé, décide are French
    if marked and set(re.sub(r"[a-zA-Z'’]", "", word)) <= {"é", "É"}:
        return 0  # é the only mark, on every syllable (été, télé): French, not pinyin
    return total


def _marked_among_marked(run: list[re.Match[str]], index: int) -> bool:
    """True when ``run[index]`` is pinyin with tone marks (shé, which alone reads as French
    été) between marked pinyin words: huà shé tiān zú."""
    neighbours = [run[i].group() for i in (index - 1, index + 1) if 0 <= i < len(run)]
    return (
        _marked(run[index].group())
        and bool(neighbours)
        and all(_is_syllables(w) and _marked(w) for w in neighbours)
    )


def _marked(word: str) -> bool:
    """True when ``word`` carries tone marks (on every syllable, as :func:`_is_syllables`
    accepts it)."""
    parsed = syllables_of(word)
    return bool(parsed) and all(syllable.tone is not None for syllable in parsed or ())


def _candidates_in_line(
    line: str, english: EnglishWords, slide: int, title: str, in_notes: bool, foreign: bool = False
) -> list[_Candidate]:
    found: list[_Candidate] = []
    words = list(ROMAN_WORD.finditer(line))
    i = 0
    while i < len(words):
        run = [words[i]]
        j = i + 1
        while j < len(words) and not line[words[j - 1].end() : words[j].start()].strip():
            run.append(words[j])
            j += 1
        # Split the space-separated run into maximal stretches of pinyin words.
        stretch: list[re.Match[str]] = []
        for index, match in enumerate([*run, None]):
            if match is not None and (
                _is_syllables(match.group()) or _marked_among_marked(run, index)
            ):
                stretch.append(match)
                continue
            if stretch:
                found.extend(
                    _stretch_candidates(line, stretch, english, slide, title, in_notes, foreign)
                )
            stretch = []
        i = j
    return found


def _stretch_candidates(
    line: str,
    stretch: list[re.Match[str]],
    english: EnglishWords,
    slide: int,
    title: str,
    in_notes: bool,
    foreign: bool = False,
) -> list[_Candidate]:
    """A stretch of pinyin words gives candidates between its English words."""
    common, names = english
    out: list[_Candidate] = []
    group: list[re.Match[str]] = []
    for match in [*stretch, None]:
        is_english = match is not None and match.group().lower() in common
        if match is not None and not is_english and len(group) < _MAX_WORDS:
            group.append(match)
            continue
        group = _without_unmarked_edges(group)
        if group:
            texts = tuple(m.group() for m in group)
            syllables = sum(_is_syllables(t) for t in texts)
            all_names = all(t.lower() in names for t in texts)
            if syllables >= 2 and not all_names:
                start, end = group[0].start(), group[-1].end()
                # What precedes, bounded so a long line stays linear ("x" stands for the
                # text cut off, which is no sentence start).
                head = ("x" if start > _HEAD else "") + line[max(0, start - _HEAD) : start]
                capitalised = [t[:1].isupper() for t in texts]
                name = any(capitalised[1:]) or (
                    capitalised[0]
                    and not _SENTENCE_START.search(head.rstrip() + " ")
                    and bool(head.strip())
                )
                out.append(
                    _Candidate(
                        text=line[start:end],
                        words=texts,
                        name=name,
                        slide=slide,
                        title=title,
                        context=_short(line, start, end),
                        in_notes=in_notes,
                        set_off=_set_off(line, start, end),
                        foreign=foreign,
                        marked=all(_marked(t) for t in texts),
                    )
                )
        group = [match] if match is not None and not is_english else []
    return out


def _without_unmarked_edges(group: list[re.Match[str]]) -> list[re.Match[str]]:
    """A run of words some of which carry tone marks, without the unmarked words at its
    edges: pinyin marks every syllable but neutral ones, so "gala" before "fàng yān huā" is
    English, not pinyin (a neutral particle such as "de" or "ma" stays)."""
    if not any(_marked(m.group()) for m in group):
        return group
    start, end = 0, len(group)
    while start < end and _unmarked(group[start].group()):
        start += 1
    while end > start and _unmarked(group[end - 1].group()):
        end -= 1
    return group[start:end]


def _unmarked(word: str) -> bool:
    return not _marked(word) and word.lower() not in NEUTRAL_SYLLABLES


_OPENERS = "([{«“\"‘'「『"
_CLOSERS = ")]}»”\"’'」』"


def _set_off(line: str, start: int, end: int) -> bool:
    """True when ``line[start:end]`` stands in parentheses or quotes of its own."""
    before = line[max(0, start - 2) : start].rstrip()
    after = line[end : end + 2].lstrip()
    return before[-1:] in tuple(_OPENERS) and after[:1] in tuple(_CLOSERS)


class _ProseLanguage:
    """Marks the candidates that stand in prose of another language than English: the whole
    deck's language is asked once, when the first candidate shows up, then each line's."""

    def __init__(self, deck: Deck, english: Set[str]) -> None:
        self.deck = deck
        self.english = english
        self.foreign_deck: bool | None = None
        self.chinese_deck = False  # mostly Chinese: its Latin words are no prose to identify

    def marked(self, line: str, candidates: list[_Candidate]) -> list[_Candidate]:
        if not candidates:
            return candidates
        if self.foreign_deck is None:
            prose = deck_prose(text for s in self.deck.slides for text in (s.text, s.notes))
            self.chinese_deck = mostly_chinese(prose)
            self.foreign_deck = not self.chinese_deck and is_foreign_prose(
                prose, deck=True, english=self.english
            )
        if self.chinese_deck:
            return candidates
        rest = line  # the line without its would-be pinyin: the prose around it
        for candidate in candidates:
            rest = rest.replace(candidate.text, " ")
        if self.foreign_deck or is_foreign_prose(rest, english=self.english):
            return [c._replace(foreign=True) for c in candidates]
        return candidates


def _short(line: str, start: int, end: int, width: int = 80) -> str:
    line = line.strip() if len(line) <= width else line
    if len(line) <= width:
        return line
    margin = max(0, (width - (end - start)) // 2)
    left, right = max(0, start - margin), min(len(line), end + margin)
    return ("…" if left else "") + line[left:right].strip() + ("…" if right < len(line) else "")


# -- matching -------------------------------------------------------------------------------------


class _Matcher:
    def __init__(self, lexicon: Lexicon, deck_words: Iterable[DeckWord]) -> None:
        self.lexicon = lexicon
        self.deck: dict[str, list[DeckWord]] = {}
        for word in deck_words:
            key = _pinyin.toneless_key(word.pinyin_numbered)
            if key:
                self.deck.setdefault(key, []).append(word)
        self._cache: dict[tuple[str, bool], tuple[str, tuple[Entry, ...]]] = {}

    def dictionary(self, key: str, name: bool) -> tuple[str, tuple[Entry, ...]]:
        """("resolved" | "ambiguous" | "unknown", entries best first) for a toneless key."""
        cached = self._cache.get((key, name))
        if cached is not None:
            return cached
        entries = [
            e
            for e in self.lexicon.entries_where("toneless = ?", (key,))
            if not e.is_variant_only and not e.is_reference_only and not e.is_surname_only
        ]
        if name:
            entries = [e for e in entries if e.is_proper_noun]
        else:
            common = [e for e in entries if not e.is_proper_noun]
            entries = common or entries
        by_word: dict[str, Entry] = {}
        for entry in sorted(entries, key=lambda e: -e.frequency):
            by_word.setdefault(entry.simplified, entry)
        ranked = tuple(by_word.values())
        dominant = len(ranked) == 1 or (
            len(ranked) > 1
            and ranked[0].frequency > 0
            and ranked[0].frequency >= _DOMINANCE * ranked[1].frequency
        )
        result: tuple[str, tuple[Entry, ...]]
        if not ranked:
            result = ("unknown", ())
        elif dominant:
            result = ("resolved", ranked)
        else:
            result = ("ambiguous", ranked)
        self._cache[(key, name)] = result
        return result

    def match(self, candidate: _Candidate) -> tuple[str, str, str, tuple[str, ...], str]:
        """(how, matched, numbered reading, candidates, gloss) for a candidate."""
        if candidate.keys:
            return self._western(candidate)
        key = _pinyin.toneless_key(candidate.text)
        deck = self.deck.get(key)
        if deck:
            if len({w.identity for w in deck}) == 1:
                word = deck[0]
                return "deck term", word.word, word.pinyin_numbered, (), word.gloss
            return "ambiguous", "", "", tuple(w.word for w in deck), ""
        status, entries = self.dictionary(key, candidate.name)
        if status == "resolved":
            entry = entries[0]
            return "dictionary", entry.simplified, entry.pinyin_numbered, (), _gloss(entry)
        if status == "ambiguous":
            words = tuple(e.simplified for e in entries[:_MAX_CANDIDATES])
            return "ambiguous", "", "", words, ""
        if len(candidate.words) > 1:
            return self._word_by_word(candidate)
        return "unknown", "", "", (), ""

    def _western(self, candidate: _Candidate) -> tuple[str, str, str, tuple[str, ...], str]:
        """A name in an older romanisation: the deck's word or the one proper noun that one of
        its pinyin readings spells (Mao Tse-tung: 毛泽东)."""
        found: dict[str, tuple[str, str, str]] = {}
        for key in candidate.keys:
            for deck_word in self.deck.get(key, ()):
                found.setdefault(
                    deck_word.identity,
                    (deck_word.word, deck_word.pinyin_numbered, deck_word.gloss),
                )
        how = "deck term"
        if not found:
            how = "dictionary"
            for key in candidate.keys:
                status, entries = self.dictionary(key, True)
                if status == "resolved":
                    entry = entries[0]
                    found.setdefault(
                        entry.simplified, (entry.simplified, entry.pinyin_numbered, _gloss(entry))
                    )
        if len(found) == 1:
            ((word, reading, gloss),) = found.values()
            return how, word, reading, (), gloss
        if found:
            return "ambiguous", "", "", tuple(w for w, _, _ in found.values()), ""
        return "unknown", "", "", (), ""

    def _word_by_word(self, candidate: _Candidate) -> tuple[str, str, str, tuple[str, ...], str]:
        """Match each written word on its own and join the characters (约束性 指标)."""
        chars: list[str] = []
        readings: list[str] = []
        glosses: list[str] = []
        for word in candidate.words:
            key = _pinyin.toneless_key(word)
            deck = self.deck.get(key)
            if deck and len({w.identity for w in deck}) == 1:
                chars.append(deck[0].word)
                readings.append(deck[0].pinyin_numbered)
                glosses.append(deck[0].gloss)
                continue
            status, entries = self.dictionary(key, candidate.name)
            if status != "resolved":
                return "unknown", "", "", (), ""
            chars.append(entries[0].simplified)
            readings.append(entries[0].pinyin_numbered)
            glosses.append(_gloss(entries[0]))
        gloss = " + ".join(glosses) if all(glosses) else ""
        return "dictionary words", "".join(chars), " ".join(readings), (), gloss


def _gloss(entry: Entry) -> str:
    meanings = [s.text for s in entry.meanings] or list(entry.definitions)
    return meanings[0] if meanings else ""


def _contains_words(text: str, words: str) -> bool:
    return re.search(rf"(?<![\w'’]){re.escape(words)}(?![\w'’])", text) is not None


_CAPITALISED = compile_pattern(
    r"(?<![\w'’-])[A-Z][a-zü]*(?:['’][a-zü]+)?(?:-[A-Za-zü]+(?:['’][a-zü]+)?)*"
)
_WADE_GILES_MARK = compile_pattern(r"\w-\w|(?:ch|k|p|t|ts|tz)['’]", re.IGNORECASE)
_WESTERN_MAX_WORDS = 3


def _western_candidates(line: str, slide: int, title: str, in_notes: bool) -> list[_Candidate]:
    """Names in an older romanisation on the line: one of the table (Peking, Chiang Kai-shek,
    Tao Te Ching) or Wade-Giles as it shows itself, with hyphens between a name's syllables
    or apostrophes of aspiration (Mao Tse-tung, Teng Hsiao-p'ing); never English words.
    Runs of capitalised words are tried longest first (The Tao Te Ching: Tao Te Ching)."""
    words = list(_CAPITALISED.finditer(line))
    found = []
    index = 0
    while index < len(words):
        for size in range(min(_WESTERN_MAX_WORDS, len(words) - index), 0, -1):
            group = words[index : index + size]
            if any(line[a.end() : b.start()] != " " for a, b in pairwise(group)):
                continue
            start, end = group[0].start(), group[-1].end()
            candidate = _western_candidate(line, start, end, (slide, title, in_notes))
            if candidate is not None:
                found.append(candidate)
                index += size
                break
        else:
            index += 1
    return found


def _western_candidate(
    line: str, start: int, end: int, where: tuple[int, str, bool]
) -> _Candidate | None:
    text = line[start:end]
    known = is_western_spelling(text)
    if not known and (not _WADE_GILES_MARK.search(text) or _pinyin.is_pinyin(text)):
        return None
    keys = western_keys(text)
    if not keys:
        return None
    slide, title, in_notes = where
    return _Candidate(
        text=text,
        words=(text,),
        name=True,
        slide=slide,
        title=title,
        context=_short(line, start, end),
        in_notes=in_notes,
        set_off=_set_off(line, start, end),
        keys=tuple(sorted(keys)),
    )


def _candidates_by_key(
    deck: Deck, english: EnglishWords, mentions: tuple[Trace, ...]
) -> dict[str, list[_Candidate]]:
    """The deck's romanised candidates, by toneless key, in order of first appearance; not
    those written beside their term (read with it) or inside a term's own English ("Chang'an
    town (长安镇)")."""
    beside = {(m.slide, m.in_notes, m.romanisation.lower()) for m in mentions if m.romanisation}
    glosses_on: dict[tuple[int, bool], list[str]] = {}
    for m in mentions:
        if m.slide_gloss:
            glosses_on.setdefault((m.slide, m.in_notes), []).append(m.slide_gloss.lower())
    # One text per slide, a line per gloss: one search per word, not one per word and gloss
    # (a slide of thousands of glossed terms made that quadratic).
    slide_glosses = {key: "\n".join(dict.fromkeys(glosses)) for key, glosses in glosses_on.items()}
    language = _ProseLanguage(deck, english[0])
    found: dict[str, list[_Candidate]] = {}
    from hanzi_companion.text.interlinear import without_pinyin

    for slide in deck.slides:
        for text, in_notes in ((slide.text, False), (slide.notes, True)):
            lines = text.split("\n")
            # a dialogue's pinyin lines read their Chinese lines: no romanised terms
            cleared = without_pinyin(text)
            for index, line in enumerate(lines):
                line = cleared.get(index, line)
                if not _WORD.search(line):
                    continue
                line = without_labels(line)  # "Woche 3", "Semana 3": the deck's week, no pinyin
                shown_on = slide.line_number(index, in_notes)
                glosses = slide_glosses.get((slide.number, in_notes), "")
                western = _western_candidates(line, shown_on, slide.title, in_notes)
                pinyin = [
                    c
                    for c in _candidates_in_line(line, english, shown_on, slide.title, in_notes)
                    if not any(c.text in w.text for w in western)
                ]
                for candidate in [*western, *language.marked(line, pinyin)]:
                    written = as_marks(candidate.text).lower()
                    if (slide.number, in_notes, written) in beside or _contains_words(
                        glosses, candidate.text.lower()
                    ):
                        continue
                    key = _pinyin.toneless_key(candidate.text)
                    found.setdefault(key + ("'" if candidate.keys else ""), []).append(candidate)
    return found


def find_romanised(
    deck: Deck,
    lexicon: Lexicon,
    mentions: Iterable[Trace],
    deck_words: Iterable[DeckWord],
) -> tuple[Romanised, ...]:
    """Romanised terms of ``deck``, in order of first appearance, each matched or explained.

    Romanisations written right next to their term (``创客 chuangke``) were read with the
    term already and are not listed again.
    """
    english = english_words(lexicon)
    mentions = tuple(mentions)
    matcher = _Matcher(lexicon, deck_words)
    # The Chinese the deck writes: a dictionary word found in it is written on the slides too.
    deck_han = "\n".join(dict.fromkeys(m.han for m in mentions))
    found = _candidates_by_key(deck, english, mentions)
    results = []
    for candidates in found.values():
        first = candidates[0]
        how, matched, reading, options, gloss = matcher.match(first)
        if how == "unknown" and len(first.words) == 1 and first.text[:1].isupper():
            continue  # a capitalised word nothing matches: a foreign name as likely as pinyin
        # Evidence that the word is Chinese and not prose: it stands for a word the deck
        # writes in characters, carries tone marks, or is set off in parentheses or quotes.
        written = how == "deck term" or (bool(matched) and matched in deck_han)
        marked = any(c.marked for c in candidates)
        evidence = written or marked or any(c.set_off for c in candidates)
        if not evidence and all(c.foreign for c in candidates):
            continue  # German, French... prose (Woche, mange) parses as pinyin: not Chinese
        plain = len(first.words) == 1 and first.text.islower() and not first.name
        if how == "dictionary" and plain and not evidence:
            _, entries = matcher.dictionary(_pinyin.toneless_key(first.text), first.name)
            if len(entries) > 1:  # chosen by frequency alone: offered, never silently taken
                how, matched, reading, gloss = "ambiguous", "", "", ""
                options = tuple(e.simplified for e in entries[:_MAX_CANDIDATES])
        occurrences = tuple(
            dict.fromkeys((c.slide, c.title, c.context, c.in_notes) for c in candidates)
        )
        results.append(Romanised(first.text, matched, reading, how, options, gloss, occurrences))
    return tuple(results)
