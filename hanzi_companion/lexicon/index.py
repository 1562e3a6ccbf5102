"""The compiled lexicon index: a SQLite file built once from the dictionaries.

It also holds the HSK levels of words and characters (a small table): a glossary gives every
term its level, and finds it here without building the much larger character index.

The file name carries a digest of every source (CC-CEDICT, course and user dictionaries, word
frequencies) and of the schema, so a changed source gets a new index automatically. Builds
write a temporary file in the cache folder and ``os.replace`` it into place: a crash or two
processes building at once never leave a broken index behind.
"""

from __future__ import annotations

import json
import math
import sqlite3
from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from hanzi_companion.errors import DataFileError
from hanzi_companion.lexicon import pinyin as py
from hanzi_companion.lexicon import sqlite_cache
from hanzi_companion.lexicon.hsk import HSK_CHARACTERS_FILE, HSK_WORDS_FILE, parse_levels
from hanzi_companion.lexicon.models import CEDICT_SOURCE, SenseKind
from hanzi_companion.lexicon.sqlite_cache import source_digest
from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.settings import Settings

if TYPE_CHECKING:
    from hanzi_companion.lexicon.cedict import Record

SCHEMA_VERSION = "6"
Progress = Callable[[str, int, int], None]
"""Progress callback: (stage, done, total)."""
# The HSK lists the index holds, by the kind of item each lists.
HSK_LISTS = (("char", HSK_CHARACTERS_FILE), ("word", HSK_WORDS_FILE))


def hsk_lists(settings: Settings) -> list[tuple[str, Path]]:
    """The HSK lists of these settings' data that exist (a data folder of dictionaries alone
    gives words no level; the character index, which needs them, says so)."""
    found = [(kind, settings.data_path(name)) for kind, name in HSK_LISTS]
    return [(kind, path) for kind, path in found if path.is_file()]


@dataclass(frozen=True)
class Source:
    """One dictionary file that goes into the index, with the label its senses carry."""

    path: Path
    label: str


def sources_for(settings: Settings) -> tuple[Source, ...]:
    """The dictionaries of these settings, in loading order (CC-CEDICT first)."""
    sources = [Source(settings.cedict_path, CEDICT_SOURCE)]
    if settings.course_dictionary_path.is_file():
        sources.append(Source(settings.course_dictionary_path, "course dictionary"))
    for path in settings.course_dictionaries:
        sources.append(Source(path, "course dictionary"))
    for path in settings.user_dictionaries:
        sources.append(Source(path, f"user dictionary {path.name}"))
    return tuple(sources)


def index_path(settings: Settings) -> Path:
    """Where the index for the current sources lives (it may not exist yet)."""
    paths = [s.path for s in sources_for(settings)] + [settings.jieba_dict_path]
    paths += [path for _, path in hsk_lists(settings)]
    return (
        settings.cache_dir
        / f"lexicon-{source_digest(SCHEMA_VERSION, paths, settings.cache_dir)}.sqlite"
    )


def ensure_index(settings: Settings, progress: Progress | None = None) -> Path:
    """Return the path of an up-to-date index, building it when missing."""
    path = index_path(settings)
    if sqlite_cache.usable(path, SCHEMA_VERSION):
        return path
    build_index(settings, path, progress)
    return path


def load_frequencies(path: Path) -> dict[str, int]:
    """Word counts from jieba's dictionary file (``word count tag`` per line)."""
    import gzip  # only when an index is built

    counts: dict[str, int] = {}
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"corrupt word-frequency file ({exc})") from None
    for lineno, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) < 2 or not parts[1].isdigit():
            raise DataFileError(path, "expected 'word count [tag]'", lineno)
        counts[parts[0]] = max(counts.get(parts[0], 0), int(parts[1]))
    return counts


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    traditional TEXT NOT NULL,
    simplified TEXT NOT NULL,
    pinyin TEXT NOT NULL,
    toneless TEXT NOT NULL,
    numbered TEXT NOT NULL,
    senses TEXT NOT NULL,
    classifiers TEXT NOT NULL,
    source TEXT NOT NULL,
    note TEXT NOT NULL,
    frequency INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    length INTEGER NOT NULL
);
CREATE TABLE chars (char TEXT NOT NULL, entry INTEGER NOT NULL);
CREATE TABLE hsk (kind TEXT NOT NULL, item TEXT NOT NULL, level INTEGER NOT NULL,
                  PRIMARY KEY (kind, item));
"""

_INDEXES = """
CREATE INDEX entries_simplified ON entries (simplified);
CREATE INDEX entries_traditional ON entries (traditional);
CREATE INDEX entries_toneless ON entries (toneless);
CREATE INDEX entries_numbered ON entries (numbered);
CREATE INDEX chars_char ON chars (char, entry);
"""


_PARENTHESES = compile_pattern(r"\([^)]*\)")
_WORD = LazyPattern(r"[^\W_]+")
_PARTICLES = ("to ", "a ", "an ", "the ")


def normalise_gloss(text: str) -> str:
    """A gloss as compared with English queries: lowercase words, parentheses dropped."""
    return " ".join(_WORD.findall(_PARENTHESES.sub("", text).lower()))


def strip_gloss_particle(norm: str) -> str:
    """``to create`` -> ``create``; ``the masses`` -> ``masses``."""
    for particle in _PARTICLES:
        if norm.startswith(particle):
            return norm[len(particle) :]
    return norm


def _pypinyin_readings(words: Sequence[str]) -> dict[str, str]:
    """pypinyin's phrase-aware reading of each word, as lowercase numbered syllables."""
    from hanzi_companion.lexicon.phrases import tone3_readings

    # The build does not compile pypinyin's phrase table for later commands: the first run
    # stays as short as it was.
    options = {"neutral_tone_with_five": True, "v_to_u": False}
    readings = tone3_readings(words, options, compile_table=False)
    return {word: " ".join(syllables) for word, syllables in zip(words, readings, strict=True)}


_VARIANT_ONLY = frozenset([SenseKind.VARIANT])
_REFERENCES = frozenset([SenseKind.SEE, SenseKind.VARIANT])
_SURNAME_ONLY = frozenset([SenseKind.SURNAME])


def _entry_kind(kinds: set[SenseKind], pinyin_numbered: str) -> int:
    """Common senses first (0), then proper nouns, surnames, cross-references, variants (4).

    The same tests as ``Entry.is_variant_only`` and its siblings on the set of an entry's
    sense kinds, and ``Entry.is_proper_noun`` on its reading.
    """
    if kinds:
        if kinds == _VARIANT_ONLY:
            return 4
        if kinds <= _REFERENCES:
            return 3
        if kinds == _SURNAME_ONLY:
            return 2
    if pinyin_numbered[:1].isupper():
        return 1
    return 0


def _reading_rank_key(
    kind: int,
    simplified: str,
    pinyin_numbered: str,
    position: int,
    suggested: str | None,
    support: dict[tuple[str, str], float],
) -> tuple[float, ...]:
    """Sort key putting the reading a teacher would give first.

    Common senses before proper nouns and surnames, cross-references and variants last
    (``kind``); then pypinyin's phrase-aware reading; then (for characters) how much the
    reading is used in frequent words; file order last.
    """
    numbered = py.numbered_key(pinyin_numbered)
    agreement = 2.0
    if suggested is not None:
        suggested_key = py.numbered_key(suggested)
        if suggested_key == numbered:
            agreement = 0.0
        elif py.toneless_key(suggested) == py.toneless_key(pinyin_numbered):
            agreement = 1.0
    use = -support.get((simplified, numbered), 0.0)
    return (kind, agreement, use, position)


def _add_character_support(
    support: defaultdict[tuple[str, str], float],
    simplified: str,
    proper_noun: bool,
    syllable_keys: list[str],
    frequencies: dict[str, int],
) -> None:
    """Count an entry in the support of each (character, numbered syllable) it uses: a
    log-frequency weight when it is a word of two or more characters and not a name.
    ``syllable_keys`` are the numbered keys of its syllables."""
    if len(simplified) < 2 or proper_noun or len(syllable_keys) != len(simplified):
        return
    weight = 1.0 + math.log1p(frequencies.get(simplified, 0))
    for key in zip(simplified, syllable_keys, strict=True):
        support[key] += weight


_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps makes one per call
_JSON_STRING = json.encoder.encode_basestring  # what that encoder writes for one string
_KIND_JSON = {kind: _JSON_STRING(kind.value) for kind in SenseKind}


def _senses_json(senses: Sequence[tuple[str, SenseKind]], source: str) -> str:
    """``[[text, kind, source], ...]`` as ``_JSON`` writes it, without its per-call set-up
    (which costs more than encoding one entry's short list)."""
    tail = f", {_JSON_STRING(source)}]"
    return (
        "["
        + ", ".join([f"[{_JSON_STRING(text)}, {_KIND_JSON[kind]}{tail}" for text, kind in senses])
        + "]"
    )


_BATCH_ROWS = 5000


class _Writer:
    """Writes entries into the index as they are parsed, in batches; keeps per entry only
    what ranking readings needs afterwards (its kind), and the support of readings."""

    def __init__(self, connection: sqlite3.Connection, frequencies: dict[str, int]) -> None:
        self.connection = connection
        self.frequencies = frequencies
        self.kinds = array("b")  # the kind of each entry, by row id - 1
        self.support: defaultdict[tuple[str, str], float] = defaultdict(float)
        self.batch: list[tuple[object, ...]] = []
        self.chars: list[tuple[str, int]] = []
        self.syllable_keys: dict[str, tuple[str, str]] = {}  # numbered key, toneless key

    def add(self, record: Record, source: str) -> None:
        traditional, simplified, pinyin_numbered, senses, classifiers, note = record
        row_id = len(self.kinds) + 1
        kind = _entry_kind({kind for _, kind in senses}, pinyin_numbered)
        self.kinds.append(kind)
        # Both keys of a reading are the concatenation of its syllables' keys: the few
        # thousand syllables are looked up where the 100,000 readings are not.
        keys = self.syllable_keys
        pairs = [keys.get(s) or self._syllable(s) for s in pinyin_numbered.split()]
        numbered_keys = [numbered for numbered, _ in pairs]
        proper_noun = pinyin_numbered[:1].isupper()
        _add_character_support(
            self.support, simplified, proper_noun, numbered_keys, self.frequencies
        )
        frequency = self.frequencies.get(simplified) or self.frequencies.get(traditional, 0)
        self.batch.append(
            (
                row_id,
                traditional,
                simplified,
                pinyin_numbered,
                "".join([toneless for _, toneless in pairs]),
                "".join(numbered_keys),
                _senses_json(senses, source),
                _JSON.encode(list(classifiers)) if classifiers else "[]",
                source,
                note,
                frequency,
                0,  # rank: set once every entry of the word is known
                len(simplified),
            )
        )
        self.chars.extend(zip(set(simplified + traditional), repeat(row_id)))
        if len(self.batch) >= _BATCH_ROWS:
            self.flush()

    def _syllable(self, syllable: str) -> tuple[str, str]:
        keys = (py.numbered_key(syllable), py.toneless_key(syllable))
        self.syllable_keys[syllable] = keys
        return keys

    def flush(self) -> None:
        """Write the pending rows of every table and empty the buffers."""
        connection = self.connection
        connection.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.batch)
        connection.executemany("INSERT INTO chars VALUES (?, ?)", self.chars)
        for buffer in (self.batch, self.chars):
            buffer.clear()

    def shared_words(self) -> list[tuple[int, str, str]]:
        """(row id, simplified, pinyin) of the entries of words with several entries."""
        return self.connection.execute(
            "SELECT id, simplified, pinyin FROM entries WHERE simplified IN "
            "(SELECT simplified FROM entries GROUP BY simplified HAVING COUNT(*) > 1) "
            "ORDER BY id"
        ).fetchall()

    def ranks(self, rows: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
        """(rank, row id) of the entries of words with several entries (``rows``, from
        :meth:`shared_words`), the reading a teacher would give ranked 0 (the others are 0
        already). Touches no database."""
        groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for row_id, simplified, pinyin in rows:
            groups[simplified].append((row_id, pinyin))
        suggestions = _pypinyin_readings(list(groups))
        ranks: list[tuple[int, int]] = []
        for word, members in groups.items():
            suggested = suggestions.get(word)
            ordered = sorted(
                members,
                key=lambda m: _reading_rank_key(
                    self.kinds[m[0] - 1], word, m[1], m[0] - 1, suggested, self.support
                ),
            )
            ranks.extend((order, row_id) for order, (row_id, _) in enumerate(ordered) if order)
        return ranks


def build_index(settings: Settings, path: Path, progress: Progress | None = None) -> None:
    """Build the index for ``settings`` at ``path`` atomically.

    Entries are written as they are parsed (none is kept: memory stays flat whatever the
    dictionaries' size); the readings of words with several entries are ranked at the end.
    """
    from hanzi_companion.lexicon.cedict import iter_records  # the parser: only for a build

    report = progress or (lambda stage, done, total: None)
    sources = sources_for(settings)
    metadata: dict[str, str] = {}
    # One scale for the whole build (a progress bar only moves forward): reading the
    # dictionaries is 80% of the work, indexing and ranking readings the rest.
    report("reading word frequencies", 0, 100)
    frequencies = load_frequencies(settings.jieba_dict_path)
    with sqlite_cache.building(path) as connection:
        connection.executescript(_SCHEMA)
        writer = _Writer(connection, frequencies)
        for number, source in enumerate(sources):
            found: dict[str, str] = {}
            shown = -1
            records = iter_records(source.path, metadata=found)
            for share, record in records:
                writer.add(record, source.label)
                done = int(80 * (number + share) / len(sources))
                if done > shown:
                    report(f"reading {source.path.name}", done, 100)
                    shown = done
            if source.label == CEDICT_SOURCE:
                metadata.update({f"cedict_{k}": v for k, v in found.items()})
        writer.flush()
        report("indexing", 80, 100)
        shared = writer.shared_words()
        # SQLite builds the indexes without holding the GIL: the readings are chosen (in
        # Python, from ``shared``) on the other core meanwhile.
        from concurrent.futures import ThreadPoolExecutor  # only when an index is built

        with ThreadPoolExecutor(max_workers=1) as pool:
            indexing = pool.submit(connection.executescript, _INDEXES)
            report("choosing readings", 85, 100)
            ranks = writer.ranks(shared)
            indexing.result()
        report("choosing readings", 95, 100)
        connection.executemany("UPDATE entries SET rank = ? WHERE id = ?", ranks)
        for kind, hsk_path in hsk_lists(settings):
            levels = parse_levels(hsk_path)
            connection.executemany(
                "INSERT INTO hsk VALUES (?, ?, ?)",
                ((kind, item, level) for item, level in levels.items()),
            )
        report("done", 100, 100)
        metadata.update(
            {
                "schema": SCHEMA_VERSION,
                "entries": str(len(writer.kinds)),
                "sources": json.dumps([s.label for s in sources]),
            }
        )
        connection.executemany("INSERT INTO meta VALUES (?, ?)", metadata.items())
