"""The Lexicon: lookups, chosen readings and search over the compiled index."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from hanzi_companion.errors import InvalidQueryError
from hanzi_companion.lexicon import index as _index
from hanzi_companion.lexicon import links as _links
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon import script as _script
from hanzi_companion.lexicon import sqlite_cache
from hanzi_companion.lexicon.models import (
    PYPINYIN_SOURCE,
    Entry,
    Link,
    QueryKind,
    Reading,
    SearchResults,
    Sense,
    SenseKind,
)
from hanzi_companion.lexicon.search import drop_marks_on_han
from hanzi_companion.lexicon.search import search as _search
from hanzi_companion.lexicon.sqlite_cache import ReadOnlyDatabase
from hanzi_companion.settings import Settings

if TYPE_CHECKING:
    from hanzi_companion.lexicon.character_index import CharacterIndex
    from hanzi_companion.lexicon.characters import CharacterProfile
    from hanzi_companion.lexicon.sentences import Sentence, SentenceIndex
    from hanzi_companion.lexicon.usual_senses import UsualSense

MAX_QUERY_LENGTH = 200
_LONG_WORD = 4  # syllables from which a dictionary word may be cut into its words
_BATCH = 400  # words per query in lookup_many (SQLite allows 32766 parameters)
_COLUMNS = "traditional, simplified, pinyin, senses, classifiers, source, note, frequency"


_CLEAR_READING = 2  # how many times the usual reading of a character at a place must weigh

_SENSE_KINDS = {kind.value: kind for kind in SenseKind}  # SenseKind(value) is slow in bulk


def row_to_entry(row: tuple[object, ...]) -> Entry:
    """Rebuild an Entry from an index row selected with ``_COLUMNS``."""
    trad, simp, pinyin, senses, classifiers, source, note, frequency = row
    return Entry(
        traditional=str(trad),
        simplified=str(simp),
        pinyin_numbered=str(pinyin),
        senses=tuple(Sense(t, _SENSE_KINDS[k], s) for t, k, s in json.loads(str(senses))),
        classifiers=tuple(json.loads(str(classifiers))),
        source=str(source),
        note=str(note),
        frequency=int(frequency),  # type: ignore[call-overload]
    )


# Brackets and quotes that come around a word copied from a slide: （创新）, 《论语》, "innovation"
# (full-width brackets are ASCII once NFKC has run).
_WRAPPERS = dict(zip("([{《「『【〈〔\"'“‘", ")]}》」』】〉〕\"'”’", strict=True))


# Sentence punctuation copied with a word from a sentence: 创新！ ，创新， 创新。 (full-width
# commas, stops and marks are ASCII once NFKC has run; the ideographic 。 and 、 stay).
_SENTENCE_PUNCTUATION = ".,;:!?。、…"


def _unwrap(text: str) -> str:
    """``text`` without the brackets or quotes that enclose all of it (``(sth) new`` keeps its)
    and without sentence punctuation at either end (a query of punctuation alone stays)."""
    while True:
        trimmed = text.strip(_SENTENCE_PUNCTUATION).strip()
        if trimmed:
            text = trimmed
        if not (len(text) > 2 and _WRAPPERS.get(text[0]) == text[-1]):
            return text
        inner = text[1:-1]
        if any(ch in inner for ch in (text[0], text[-1])):
            return text  # '(a) (b)': the brackets are not one pair
        text = inner.strip()


def normalise_query(text: str) -> str:
    """Validate and normalise a user's query (NFKC, compatibility ideographs folded, invisible
    characters dropped, trimmed of spaces, of brackets or quotes around it and of sentence
    punctuation at its ends)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidQueryError("the query is not valid UTF-8 text") from None
    if len(text) > 4 * MAX_QUERY_LENGTH:  # refused before the work of normalising it
        raise InvalidQueryError(
            f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_LENGTH}"
        )
    # NFKC: full-width letters, digits and brackets from a Chinese input method, superscript
    # tone numbers and Kangxi radicals become what they stand for. Invisible format
    # characters (zero-width joiners and spaces, direction marks, a stray BOM) pasted with
    # the text are dropped, and brackets or quotes copied around a word are taken off.
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()
    text = _unwrap(drop_marks_on_han(text))
    if not text:
        raise InvalidQueryError("the query is empty")
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidQueryError(
            f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_LENGTH}"
        )
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InvalidQueryError("the query contains control characters")
    return fold_compatibility(text)


def fold_compatibility(text: str) -> str:
    """Map CJK compatibility ideographs (U+F900-FAFF, U+2F800-2FA1F) to their unified forms."""
    return "".join(
        unicodedata.normalize("NFKC", ch)
        if "\uf900" <= ch <= "\ufaff" or "\U0002f800" <= ch <= "\U0002fa1f"
        else ch
        for ch in text
    )


# How many definitions must use an English word for its share of a field to be told: 1 of 6
# definitions saying "scenario" is chance.
FIELD_WORD_LEAST = 10
_FIELD_PREFIX = 5  # the shortest stem whose longer words are counted with it


class Lexicon:
    """Read-only access to the compiled dictionaries; safe to share between threads."""

    def __init__(
        self, path: Path, settings: Settings, build_progress: _index.Progress | None = None
    ) -> None:
        self.path = path
        self.settings = settings
        # Told how the caches built on first use (the English search tables) are coming on.
        self.build_progress = build_progress
        self._database = ReadOnlyDatabase(path)
        self.reading = lru_cache(maxsize=8192)(self._reading)
        self.lookup = lru_cache(maxsize=8192)(self._lookup)
        self._definitions_with = lru_cache(maxsize=65536)(self._definitions_with_uncached)
        self.field_share = lru_cache(maxsize=16384)(self._field_share)
        self._reading_at = lru_cache(maxsize=4096)(self._reading_at_uncached)
        self._character_index: CharacterIndex | None = None
        self._character_index_lock = threading.Lock()
        self._sentence_index: SentenceIndex | None = None
        self._usual_senses: dict[str, UsualSense] | None = None
        self._word_classes: dict[str, str] | None = None
        self._english: ReadOnlyDatabase | None = None
        self._english_lock = threading.Lock()

    @classmethod
    def open(
        cls, settings: Settings | None = None, progress: _index.Progress | None = None
    ) -> Lexicon:
        """Open the lexicon for ``settings``, building its index when missing or stale."""
        settings = settings or Settings.from_env()
        return cls(_index.ensure_index(settings, progress), settings)

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's read-only connection to the index."""
        return self._database.connection

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """Run a read query on the index (for the lexicon's own modules)."""
        return self.connection.execute(sql, params).fetchall()

    def english_tables(self, progress: _index.Progress | None = None) -> ReadOnlyDatabase:
        """The English search tables (``glosses``, ``english``) with the index attached, so
        that their queries join ``entries``; built on first use (see :mod:`english_index`)."""
        database = self._english
        if database is None:
            with self._english_lock:
                database = self._english
                if database is None:
                    from hanzi_companion.lexicon import english_index

                    path = english_index.ensure_index(self.path, progress or self.build_progress)
                    database = ReadOnlyDatabase(path, {english_index.LEXICON: self.path})
                    self._english = database
        return database

    def english_query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """Run a read query on the English search tables and the index (for search)."""
        return self.english_tables().connection.execute(sql, params).fetchall()

    def entries_where(self, where: str, params: tuple[object, ...] = ()) -> list[Entry]:
        rows = self.query(f"SELECT {_COLUMNS} FROM entries WHERE {where}", params)
        return [row_to_entry(row) for row in rows]

    # -- metadata ---------------------------------------------------------------------------

    def metadata(self) -> dict[str, str]:
        """Index metadata: CC-CEDICT date and entry count, sources, schema."""
        return {str(k): str(v) for k, v in self.query("SELECT key, value FROM meta")}

    @property
    def cedict_date(self) -> str:
        return self.metadata().get("cedict_date", "")[:10]

    # -- lookups ----------------------------------------------------------------------------

    def _lookup(self, word: str) -> tuple[Entry, ...]:
        """Every entry whose simplified or traditional form is ``word``, best reading first."""
        word = fold_compatibility(unicodedata.normalize("NFC", word))
        rows = self.query(
            f"SELECT {_COLUMNS} FROM entries WHERE simplified = ? OR traditional = ? "
            "ORDER BY (simplified != ?), rank, id",
            (word, word, word),
        )
        return tuple(row_to_entry(row) for row in rows)

    def lookup_many(self, words: Iterable[str]) -> dict[str, tuple[Entry, ...]]:
        """``lookup`` of many words with a few queries (a big deck's thousands of terms)."""
        keys = {word: fold_compatibility(unicodedata.normalize("NFC", word)) for word in words}
        found: dict[str, list[tuple[tuple[bool, int, int], Entry]]] = {
            key: [] for key in keys.values()
        }
        unique = sorted(found)
        for begin in range(0, len(unique), _BATCH):
            chunk = tuple(unique[begin : begin + _BATCH])
            marks = ",".join("?" * len(chunk))
            rows = self.query(
                f"SELECT {_COLUMNS}, rank, id FROM entries "
                f"WHERE simplified IN ({marks}) OR traditional IN ({marks})",
                chunk + chunk,
            )
            for row in rows:
                entry = row_to_entry(row[:-2])
                order = (int(row[-2]), int(row[-1]))  # type: ignore[call-overload]
                for key in {entry.simplified, entry.traditional}:
                    if key in found:
                        found[key].append(((entry.simplified != key, *order), entry))
        ranked = {
            key: tuple(e for _, e in sorted(rows, key=lambda p: p[0]))
            for key, rows in found.items()
        }
        return {word: ranked[key] for word, key in keys.items()}

    def definitions_with(self, word: str) -> int:
        """How many entries' definitions use an English word (or a word it begins): how
        common it is in the dictionary's English, so rare shared words weigh more."""
        key = re.sub(r"[^a-z0-9]", "", word.lower())
        if not key:
            return 0
        return self._definitions_with(key)

    def _definitions_with_uncached(self, key: str) -> int:
        try:
            rows = self.english_query(
                "SELECT count(*) FROM english WHERE english MATCH ?", (f"{key}*",)
            )
        except sqlite3.Error:
            return 0  # an index without the English search table: no word is known
        return int(rows[0][0]) if rows else 0  # type: ignore[call-overload]

    def _field_share(self, field: str, word: str) -> float:
        """The share of the definitions using an English word (or a word it begins) that also
        use a word beginning with ``field`` ("compu": computing, computer): how much the word
        belongs to the field's English ("log": a quarter; "register": a tenth). 0 for a word
        fewer than :data:`FIELD_WORD_LEAST` definitions use (too few to tell)."""
        key, label = re.sub(r"[^a-z]", "", word.lower()), re.sub(r"[^a-z]", "", field.lower())
        if not key or not label or label.startswith(key[:_FIELD_PREFIX]):
            return 0.0  # "com" (come) begins "computing" itself
        # The word itself ("log"), else the words a long stem begins ("regist": register,
        # registry): "log" is not "logic", "com" not "company".
        for words in (key, f"{key}*") if len(key) >= _FIELD_PREFIX else (key,):
            total = self._english_count(words)
            if total >= FIELD_WORD_LEAST:
                return self._english_count(f"{label}* AND {words}") / total
        return 0.0

    def _english_count(self, query: str) -> int:
        try:
            rows = self.english_query(
                "SELECT count(*) FROM english WHERE english MATCH ?", (query,)
            )
        except sqlite3.Error:
            return 0  # an index without the English search table: no word is known
        return int(rows[0][0]) if rows else 0  # type: ignore[call-overload]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(self.lookup(word))

    def _reading(self, word: str) -> Reading:
        """The reading a teacher would give for ``word``; pypinyin's when no dictionary has it."""
        entries = self.lookup(word)
        if entries:
            best = entries[0]
            return Reading(word, best.pinyin_numbered, best.source, best)
        return Reading(word, guess_reading(word), PYPINYIN_SOURCE, None)

    def pinyin_words(
        self, word: str, numbered: str, part_readings: tuple[str, ...] = ()
    ) -> tuple[str, ...]:
        """The numbered reading of each word of ``word`` as pinyin orthography writes it.

        :func:`pinyin.pinyin_words` (parts, capitalised names), then any word of four or more
        syllables cut into the dictionary words it is made of, each reading as the slice
        (创客空间 ``chuang4 ke4 kong1 jian1`` -> ``chuang4 ke4`` ``kong1 jian1``). A word that
        no set of two-character-or-longer dictionary words covers, or that the dictionary
        marks as an idiom, stays whole.
        """
        groups = _pinyin.pinyin_words(numbered, part_readings)
        if len(word) < _LONG_WORD or len(numbered.split()) != len(word):
            return groups  # Latin letters or a reading not one syllable per character
        out: list[str] = []
        position = 0
        for group in groups:
            size = len(group.split())
            chars = word[position : position + size]
            position += size
            out.extend(self._split_long_word(chars, group) if size >= _LONG_WORD else (group,))
        return tuple(out)

    def _split_long_word(self, chars: str, numbered: str) -> tuple[str, ...]:
        syllables = numbered.split()
        size = len(chars)
        pieces = {chars[i:j] for i in range(size) for j in range(i + 2, size + 1)}
        found = self.lookup_many(pieces)
        if any("(idiom)" in sense.text for e in found[chars] for sense in e.senses):
            return (numbered,)

        def fits(i: int, j: int) -> bool:
            key = _pinyin.numbered_key(" ".join(syllables[i:j]))
            return any(_pinyin.numbered_key(e.pinyin_numbered) == key for e in found[chars[i:j]])

        # Fewest dictionary words of two or more characters covering the whole word.
        best: list[list[tuple[int, int]] | None] = [[], *([None] * size)]
        for j in range(2, size + 1):
            for i in range(j - 1):
                before = best[i]
                if before is None or j - i == size or not fits(i, j):
                    continue
                if best[j] is None or len(before) + 1 < len(best[j] or ()):
                    best[j] = [*before, (i, j)]
        cover = best[size]
        if cover is None:
            return (numbered,)
        out: list[str] = []
        for i, j in cover:
            piece = " ".join(syllables[i:j])
            out.extend(self._split_long_word(chars[i:j], piece) if j - i >= _LONG_WORD else [piece])
        return tuple(out)

    def frequency(self, word: str) -> int:
        """Word frequency count (jieba's dictionary), 0 when unknown."""
        rows = self.query(
            "SELECT MAX(frequency) FROM entries WHERE simplified = ? OR traditional = ?",
            (word, word),
        )
        value = rows[0][0] if rows else None
        return int(value) if isinstance(value, int) else 0

    def words_containing(self, char: str, limit: int = 200) -> tuple[Entry, ...]:
        """Words (two or more characters) containing ``char``, most frequent first."""
        rows = self.query(
            f"SELECT {_COLUMNS} FROM entries WHERE id IN "
            "(SELECT entry FROM chars WHERE char = ?) AND length > 1 "
            "ORDER BY frequency DESC, length, id LIMIT ?",
            (char, limit),
        )
        return tuple(row_to_entry(row) for row in rows)

    def words_beginning(self, word: str, limit: int = 50) -> tuple[Entry, ...]:
        """Longer words whose simplified or traditional form begins with ``word`` (命令行 for
        命令, 終端機 for 終端), most frequent first."""
        if not word:
            return ()
        end = word + "\U0010ffff"
        rows = self.query(
            f"SELECT {_COLUMNS} FROM entries WHERE (simplified > ? AND simplified < ?) "
            "OR (traditional > ? AND traditional < ?) "
            "ORDER BY frequency DESC, length, id LIMIT ?",
            (word, end, word, end, limit),
        )
        return tuple(row_to_entry(row) for row in rows)

    def words_with(self, word: str, limit: int = 40) -> tuple[Entry, ...]:
        """Longer words whose simplified or traditional form contains ``word`` anywhere (哑终端
        and 终端机 for 终端, 改革开放 for 开放), most frequent first."""
        if not word:
            return ()
        rows = self.query(
            f"SELECT {_COLUMNS} FROM entries WHERE id IN (SELECT entry FROM chars WHERE char = ?) "
            "AND length > ? AND (instr(simplified, ?) > 0 OR instr(traditional, ?) > 0) "
            "ORDER BY frequency DESC, length, id LIMIT ?",
            (word[-1], len(word), word, word, limit),
        )
        return tuple(row_to_entry(row) for row in rows)

    def reading_at(self, char: str, *, last: bool) -> str:
        """The numbered reading ``char`` has as the last (else the first) character of the
        two-character words of the dictionary, weighted by their frequency, when it clearly
        outweighs its others (都 ends 首都, 古都, 成都: du1; 为 ends 成为, 认为: wei2); "" when
        no reading does. Computed once per character and place."""
        return self._reading_at(char, last)

    def _reading_at_uncached(self, char: str, last: bool) -> str:
        rows = self.query(
            "SELECT simplified, traditional, pinyin, frequency FROM entries WHERE id IN "
            "(SELECT entry FROM chars WHERE char = ?) AND length = 2",
            (char,),
        )
        weights: dict[str, int] = {}
        index = 1 if last else 0
        for simplified, traditional, pinyin, frequency in rows:
            syllables = str(pinyin).split()
            if len(syllables) != 2 or syllables[0][:1].isupper():
                continue  # a name's reading says little about the word
            if char not in (str(simplified)[index], str(traditional)[index]):
                continue
            syllable = syllables[index].lower()
            weights[syllable] = weights.get(syllable, 0) + max(int(str(frequency or 0)), 1)
        ranked = sorted(weights.items(), key=lambda item: -item[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] < _CLEAR_READING * ranked[1][1]):
            return ""
        return ranked[0][0]

    def headwords(self) -> Iterator[tuple[str, int]]:
        """(simplified, frequency) of every entry, for building a segmentation dictionary."""
        cursor = self.connection.execute(
            "SELECT simplified, MAX(frequency) FROM entries GROUP BY simplified"
        )
        for simplified, frequency in cursor:
            yield str(simplified), int(frequency)

    def search(
        self, query: str, *, kind: QueryKind | None = None, limit: int = 50
    ) -> SearchResults:
        """Search by characters, pinyin or English (detected unless ``kind`` is given)."""
        return _search(self, normalise_query(query), kind=kind, limit=limit)

    # -- script and links -------------------------------------------------------------------

    def script(self, text: str) -> str:
        """``simplified``, ``traditional``, ``both``, ``mixed`` or ``unknown``."""
        return _script.identify(text)

    def other_form(self, word: str) -> str | None:
        """The traditional form of a simplified word, or the reverse; None when the same."""
        for entry in self.lookup(word):
            if entry.simplified == word and entry.traditional != word:
                return entry.traditional
            if entry.traditional == word and entry.simplified != word:
                return entry.simplified
        return None

    def traditional_of(self, word: str) -> str:
        """The traditional form the dictionary gives for ``word`` (``word`` itself if none)."""
        for entry in self.lookup(word):
            if entry.simplified == word:
                return entry.traditional
        return word

    def links(self, word: str) -> tuple[Link, ...]:
        """Links to outside dictionaries that have a page for ``word``."""
        return _links.links_for(word, self.traditional_of(word))

    # -- damaged caches ---------------------------------------------------------------------

    def discard_damaged(self) -> list[tuple[Path, str]]:
        """After a ``sqlite3.DatabaseError``: this lexicon's compiled indexes found damaged,
        with what was wrong; they are removed (see :func:`discard_damaged_caches`)."""
        return discard_damaged_caches(self.settings, self.path)

    def reopen(self) -> None:
        """Build the compiled indexes that are missing (atomically, as on opening) and read
        the new files from now on: every thread's next query opens a new connection, and the
        answers remembered from the old files are forgotten."""
        path = _index.ensure_index(self.settings)
        with self._character_index_lock:
            self._character_index = None
            self._sentence_index = None
        self.path = path
        self._database = ReadOnlyDatabase(path)
        with self._english_lock:
            self._english = None  # its connection holds the replaced index attached
        for cache in (self.reading, self.lookup, self._definitions_with):
            cache.cache_clear()
        self.character_index()

    # -- characters (issue 3) ---------------------------------------------------------------

    def character_index(self) -> CharacterIndex:
        """The compiled character index, opened (built when missing) on first use."""
        index = self._character_index
        if index is None:
            with self._character_index_lock:
                index = self._character_index
                if index is None:
                    from hanzi_companion.lexicon.character_index import CharacterIndex

                    index = CharacterIndex.open(self.settings)
                    self._character_index = index
        return index

    def sentences(self, word: str, limit: int = 3) -> tuple[Sentence, ...]:
        """Graded example sentences holding ``word`` as a word token (never across a word
        boundary), easiest HSK level first, then shortest; the index is built on first use."""
        index = self._sentence_index
        if index is None:
            with self._character_index_lock:
                index = self._sentence_index
                if index is None:
                    from hanzi_companion.lexicon.sentences import SentenceIndex

                    index = SentenceIndex.open(self.settings)
                    self._sentence_index = index
        return index.for_word(unicodedata.normalize("NFC", word), limit)

    def usual_sense(self, word: str) -> UsualSense | None:
        """The sense of ``word`` (simplified) graded example sentences use most, if any; the
        small table is read on first use."""
        table = self._usual_senses
        if table is None:
            from hanzi_companion.lexicon.usual_senses import USUAL_SENSES_FILE, read_table

            table = self._usual_senses = read_table(self.settings.data_path(USUAL_SENSES_FILE))
        return table.get(word)

    def word_class(self, word: str) -> str | None:
        """jieba's part-of-speech tag of ``word`` (simplified), the class a tagged corpus uses
        it in most, for words with several definitions; the small table is read on first use."""
        table = self._word_classes
        if table is None:
            from hanzi_companion.lexicon.word_classes import WORD_CLASSES_FILE, read_table

            table = self._word_classes = read_table(self.settings.data_path(WORD_CLASSES_FILE))
        return table.get(word)

    def character(self, char: str) -> CharacterProfile:
        """The profile of one character: readings and words, forms, radical, structure,
        formation, HSK level, sound and meaning families, stroke data."""
        from hanzi_companion.lexicon.characters import build_profile

        return build_profile(self, self.character_index(), char)

    def _hsk_level(self, item: str, kind: str) -> int | None:
        """Level of ``item`` in the HSK character (``char``) or word (``word``) list, from the
        index's own small table: no character index is built for it."""
        rows = self.query("SELECT level FROM hsk WHERE kind = ? AND item = ?", (kind, item))
        return int(rows[0][0]) if rows else None  # type: ignore[call-overload]

    def hsk_level(
        self, word: str, lookup: Callable[[str], tuple[Entry, ...]] | None = None
    ) -> int | None:
        """HSK 3.0 level of a word (1-6, 7 for the 7-9 band): a single character's level as a
        character (its word-list level only when the character list lacks it), a longer word's
        in the word list; None when in neither.

        ``lookup`` replaces :meth:`lookup` for finding a traditional word's simplified form
        (a glossary passes its own deck-wide cache).
        """
        from hanzi_companion.lexicon.hsk import best_level

        find = lookup or self.lookup

        word = fold_compatibility(unicodedata.normalize("NFC", word.strip()))
        if not word:
            return None
        return best_level(
            word,
            lambda w: self._hsk_level(w, "word"),
            lambda c: self._hsk_level(c, "char"),
            lambda w: tuple(
                e.simplified for e in find(w) if e.traditional == w and e.simplified != w
            ),
        )


def guess_reading(word: str) -> str:
    """pypinyin's phrase-aware reading, numbered, for a word no dictionary has."""
    syllables = _pinyin.pypinyin_tone3(word, neutral_tone_with_five=True, errors="default")
    readings = []
    for syllable in syllables:
        # Text pypinyin passes through (a character it cannot read, an emoji) is kept as
        # written, without the neutral-tone "5" it sometimes gets; invisible characters go.
        syllable = "".join(ch for ch in syllable if unicodedata.category(ch) != "Cf").strip()
        if not syllable:
            continue
        if not syllable.isascii():
            syllable = syllable.removesuffix("5")
        elif syllable[:1] in "ln" and "v" in syllable:
            syllable = syllable.replace("v", "u:")
        readings.append(syllable)
    return " ".join(readings)


def discard_damaged_caches(
    settings: Settings, lexicon_path: Path | None = None
) -> list[tuple[Path, str]]:
    """After a ``sqlite3.DatabaseError``: the compiled indexes of ``settings`` (the lexicon's at
    ``lexicon_path`` when known) found damaged, with what was wrong; they are removed, so the
    next open builds them again."""
    from hanzi_companion.lexicon import character_index, english_index

    lexicon_path = lexicon_path or _index.index_path(settings)
    return sqlite_cache.discard_damaged(
        [
            (lexicon_path, _index.SCHEMA_VERSION),
            (english_index.index_path(lexicon_path), english_index.SCHEMA_VERSION),
            (character_index.index_path(settings), character_index.SCHEMA_VERSION),
        ]
    )
