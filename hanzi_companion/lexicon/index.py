"""The compiled lexicon index: a SQLite file built once from the dictionaries.

The file name carries a digest of every source (CC-CEDICT, course and user dictionaries, word
frequencies) and of the schema, so a changed source gets a new index automatically. Builds
write a temporary file in the cache folder and ``os.replace`` it into place: a crash or two
processes building at once never leave a broken index behind.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hanzi_companion.errors import DataFileError
from hanzi_companion.lexicon import cedict, sqlite_cache
from hanzi_companion.lexicon import pinyin as py
from hanzi_companion.lexicon.models import CEDICT_SOURCE, Entry
from hanzi_companion.lexicon.sqlite_cache import source_digest
from hanzi_companion.settings import Settings

SCHEMA_VERSION = "4"
Progress = Callable[[str, int, int], None]
"""Progress callback: (stage, done, total)."""


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
CREATE TABLE glosses (norm TEXT NOT NULL, entry INTEGER NOT NULL, tier INTEGER NOT NULL);
CREATE VIRTUAL TABLE english USING fts5(glosses, content='', tokenize='unicode61');
"""

_INDEXES = """
CREATE INDEX entries_simplified ON entries (simplified);
CREATE INDEX entries_traditional ON entries (traditional);
CREATE INDEX entries_toneless ON entries (toneless);
CREATE INDEX entries_numbered ON entries (numbered);
CREATE INDEX chars_char ON chars (char, entry);
CREATE INDEX glosses_norm ON glosses (norm, entry);
"""


_PARENTHESES = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[^\W_]+")
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
    from pypinyin import Style, lazy_pinyin

    result = {}
    for word in words:
        syllables = lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True, v_to_u=False)
        result[word] = " ".join(syllables)
    return result


def _reading_rank_key(
    entry: Entry, position: int, suggested: str | None, support: dict[tuple[str, str], float]
) -> tuple[float, ...]:
    """Sort key putting the reading a teacher would give first.

    Common senses before proper nouns and surnames, cross-references and variants last;
    then pypinyin's phrase-aware reading; then (for characters) how much the reading is
    used in frequent words; file order last.
    """
    if entry.is_variant_only:
        kind = 4
    elif entry.is_reference_only:
        kind = 3
    elif entry.is_surname_only:
        kind = 2
    elif entry.is_proper_noun:
        kind = 1
    else:
        kind = 0
    numbered = py.numbered_key(entry.pinyin_numbered)
    agreement = 2.0
    if suggested is not None:
        suggested_key = py.numbered_key(suggested)
        if suggested_key == numbered:
            agreement = 0.0
        elif py.toneless_key(suggested) == py.toneless_key(entry.pinyin_numbered):
            agreement = 1.0
    use = -support.get((entry.simplified, numbered), 0.0)
    return (kind, agreement, use, position)


def _character_support(
    entries: Sequence[Entry], frequencies: dict[str, int]
) -> dict[tuple[str, str], float]:
    """For each (character, numbered syllable): log-frequency-weighted count of words using it."""
    support: dict[tuple[str, str], float] = defaultdict(float)
    for entry in entries:
        if len(entry.simplified) < 2 or entry.is_proper_noun:
            continue
        syllables = entry.pinyin_numbered.split()
        if len(syllables) != len(entry.simplified):
            continue
        weight = 1.0 + math.log1p(frequencies.get(entry.simplified, 0))
        for char, syllable in zip(entry.simplified, syllables, strict=True):
            support[(char, py.numbered_key(syllable))] += weight
    return support


def build_index(settings: Settings, path: Path, progress: Progress | None = None) -> None:
    """Build the index for ``settings`` at ``path`` atomically."""
    report = progress or (lambda stage, done, total: None)
    sources = sources_for(settings)
    entries: list[Entry] = []
    metadata: dict[str, str] = {}
    for number, source in enumerate(sources):
        report(f"reading {source.path.name}", number, len(sources))
        parsed = cedict.parse_file(source.path, source=source.label)
        if source.label == CEDICT_SOURCE:
            metadata.update({f"cedict_{k}": v for k, v in parsed.metadata.items()})
        entries.extend(parsed.entries)
    report("reading word frequencies", len(sources), len(sources))
    frequencies = load_frequencies(settings.jieba_dict_path)

    groups: dict[str, list[int]] = defaultdict(list)
    for position, entry in enumerate(entries):
        groups[entry.simplified].append(position)
    ambiguous = [word for word, members in groups.items() if len(members) > 1]
    report("choosing readings", 0, len(ambiguous))
    suggestions = _pypinyin_readings(ambiguous)
    support = _character_support(entries, frequencies)
    rank = [0] * len(entries)
    for word, members in groups.items():
        ordered = sorted(
            members,
            key=lambda p: _reading_rank_key(entries[p], p, suggestions.get(word), support),
        )
        for order, position in enumerate(ordered):
            rank[position] = order

    with sqlite_cache.building(path) as connection:
        connection.executescript(_SCHEMA)
        total = len(entries)
        batch: list[tuple[object, ...]] = []
        chars: list[tuple[str, int]] = []
        english: list[tuple[int, str]] = []
        glosses: list[tuple[str, int, int]] = []
        for position, entry in enumerate(entries):
            row_id = position + 1
            frequency = frequencies.get(entry.simplified) or frequencies.get(entry.traditional, 0)
            batch.append(
                (
                    row_id,
                    entry.traditional,
                    entry.simplified,
                    entry.pinyin_numbered,
                    py.toneless_key(entry.pinyin_numbered),
                    py.numbered_key(entry.pinyin_numbered),
                    json.dumps(
                        [[s.text, s.kind.value, s.source] for s in entry.senses],
                        ensure_ascii=False,
                    ),
                    json.dumps(list(entry.classifiers), ensure_ascii=False),
                    entry.source,
                    entry.note,
                    frequency,
                    rank[position],
                    len(entry.simplified),
                )
            )
            for char in set(entry.simplified) | set(entry.traditional):
                chars.append((char, row_id))
            english.append((row_id, " / ".join(entry.definitions)))
            for definition in entry.definitions:
                for part in definition.split(";"):
                    norm = normalise_gloss(part)
                    if norm:
                        glosses.append((norm, row_id, 0))
                        bare = strip_gloss_particle(norm)
                        if bare != norm:
                            glosses.append((bare, row_id, 1))
            if len(batch) >= 5000:
                _flush(connection, batch, chars, english, glosses)
                report("writing index", position + 1, total)
        _flush(connection, batch, chars, english, glosses)
        report("writing index", total, total)
        connection.executescript(_INDEXES)
        metadata.update(
            {
                "schema": SCHEMA_VERSION,
                "entries": str(total),
                "sources": json.dumps([s.label for s in sources]),
            }
        )
        connection.executemany("INSERT INTO meta VALUES (?, ?)", metadata.items())


def _flush(
    connection: sqlite3.Connection,
    batch: list[tuple[object, ...]],
    chars: list[tuple[str, int]],
    english: list[tuple[int, str]],
    glosses: list[tuple[str, int, int]],
) -> None:
    """Write the pending rows of every table and empty the buffers."""
    connection.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", batch)
    connection.executemany("INSERT INTO chars VALUES (?, ?)", chars)
    connection.executemany("INSERT INTO english (rowid, glosses) VALUES (?, ?)", english)
    connection.executemany("INSERT INTO glosses VALUES (?, ?, ?)", glosses)
    for buffer in (batch, chars, english, glosses):
        buffer.clear()
