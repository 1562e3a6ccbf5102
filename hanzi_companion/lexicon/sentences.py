"""Graded example sentences (hsk-sentences-audio 1.0.0, CC BY-SA 4.0), indexed by word token.

The dataset gives each sentence its word tokens, so a word's sentences are those holding it
*as a token*: 创新 never gets a sentence where 创 ends one word and 新 starts the next. The
index is its own derived cache (``sentences-<digest>.sqlite``, built atomically like the
others and keyed by the data file's digest). The best sentences come first: easiest HSK
level, then shortest. The dataset's audio URLs are never used (the product is offline).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hanzi_companion.errors import DataFileError
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.sqlite_cache import ReadOnlyDatabase, building, source_digest
from hanzi_companion.settings import Settings

SENTENCES_FILE = "hsk-sentences-audio-1.0.0.sentences.json.gz"
SENTENCES_SOURCE = "hsk-sentences-audio"
SENTENCES_CREDIT = (
    "Example sentences: hsk-sentences-audio 1.0.0 (hsk-sentences-audio contributors), "
    "CC BY-SA 4.0, https://github.com/no7z/hsk-sentences-audio"
)
SCHEMA_VERSION = "sentences-2"
DEFAULT_LIMIT = 3


@dataclass(frozen=True)
class Sentence:
    """One graded sentence with its word tokens (simplified) and their tone-marked pinyin."""

    id: str
    hsk_level: int
    simplified: str
    traditional: str
    translation: str
    tokens: tuple[str, ...]
    token_pinyin: tuple[str, ...]  # "lǎo shī": the dataset's syllables of each token

    @property
    def pinyin(self) -> str:
        """The sentence's pinyin by word (``Lǎoshī nín hǎo``), first letter capitalised."""
        words = [_pinyin.join_syllables(p.split()) for p in self.token_pinyin if p.strip()]
        text = " ".join(words)
        return text[:1].upper() + text[1:]

    def segments(self, word: str) -> tuple[tuple[str, bool], ...]:
        """The sentence cut into (text, is ``word``) runs: each token equal to ``word`` (or,
        for a single character, holding it) is marked; punctuation passes unmarked."""
        runs: list[tuple[str, bool]] = []
        position = 0
        text = self.simplified
        for token in self.tokens:
            found = text.find(token, position)
            if found < 0:
                continue
            if found > position:
                runs.append((text[position:found], False))
            if token == word:
                runs.append((token, True))
            elif len(word) == 1 and word in token:
                before, _, after = token.partition(word)
                runs.extend([(before, False), (word, True), (after, False)])
            else:
                runs.append((token, False))
            position = found + len(token)
        runs.append((text[position:], False))
        return tuple((t, m) for t, m in runs if t)


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        import gzip  # only when the sentence index is built

        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except (OSError, EOFError, ValueError) as exc:
        raise DataFileError(path, f"not a gzipped JSON sentence list: {exc}") from None
    if not isinstance(data, list):
        raise DataFileError(path, "expected a JSON list of sentences")
    return [item for item in data if isinstance(item, dict)]


def parse_sentence(item: dict[str, Any]) -> Sentence | None:
    """One record of the dataset, or None when it lacks the text or its tokens."""
    tokens = [t for t in item.get("tokens") or () if isinstance(t, dict) and t.get("word")]
    text = str(item.get("chinese") or "")
    if not text or not tokens:
        return None
    translation = item.get("translation") or {}
    return Sentence(
        id=str(item.get("id") or ""),
        hsk_level=int(item.get("hsk_level") or 0),
        simplified=text,
        traditional=str(item.get("traditional") or ""),
        translation=str(translation.get("en") or "") if isinstance(translation, dict) else "",
        tokens=tuple(str(t["word"]) for t in tokens),
        token_pinyin=tuple(str(t.get("pinyin") or "") for t in tokens),
    )


def read_sentences(settings: Settings) -> list[Sentence]:
    """Every sentence of the bundled dataset, in its order."""
    return [s for s in map(parse_sentence, _read(settings.data_path(SENTENCES_FILE))) if s]


def index_path(settings: Settings) -> Path:
    path = settings.data_path(SENTENCES_FILE)
    return settings.cache_dir / f"sentences-{source_digest(SCHEMA_VERSION, [path])}.sqlite"


def build_index(settings: Settings, path: Path) -> None:
    """The sentences and two lookups: by word token and by character of a token."""
    records = read_sentences(settings)
    with building(path) as db:
        db.executescript(
            "CREATE TABLE sentences (id INTEGER PRIMARY KEY, level INTEGER, length INTEGER,"
            " record TEXT);"
            "CREATE TABLE words (word TEXT, sentence INTEGER, PRIMARY KEY (word, sentence))"
            " WITHOUT ROWID;"
            # whole: the character is a token of its own (1) or inside a longer token (0)
            "CREATE TABLE chars (char TEXT, sentence INTEGER, whole INTEGER,"
            " PRIMARY KEY (char, sentence)) WITHOUT ROWID;"
        )
        for number, s in enumerate(records):
            record = json.dumps(
                [
                    s.id,
                    s.hsk_level,
                    s.simplified,
                    s.traditional,
                    s.translation,
                    s.tokens,
                    s.token_pinyin,
                ],
                ensure_ascii=False,
            )
            db.execute(
                "INSERT INTO sentences VALUES (?, ?, ?, ?)",
                (number, s.hsk_level, len(s.simplified), record),
            )
            db.executemany(
                "INSERT OR IGNORE INTO words VALUES (?, ?)", [(t, number) for t in s.tokens]
            )
            whole = {t for t in s.tokens if len(t) == 1}
            chars = {c for t in s.tokens for c in t if c.strip()}
            db.executemany(
                "INSERT OR IGNORE INTO chars VALUES (?, ?, ?)",
                [(c, number, int(c in whole)) for c in sorted(chars)],
            )


class SentenceIndex:
    """The compiled sentence index, read-only."""

    def __init__(self, path: Path) -> None:
        self._database = ReadOnlyDatabase(path)

    @classmethod
    def open(cls, settings: Settings) -> SentenceIndex:
        path = index_path(settings)
        if not path.is_file():
            build_index(settings, path)
        return cls(path)

    def for_word(self, word: str, limit: int = DEFAULT_LIMIT) -> tuple[Sentence, ...]:
        """Sentences holding ``word`` as a token: easiest HSK level first, then shortest.

        A single character also finds the words it is part of (its own-token sentences
        first): 创 is rarely a word alone, but 创新 shows how it is used."""
        if len(word) == 1:
            sql = (
                "SELECT record FROM sentences JOIN chars ON chars.sentence = sentences.id"
                " WHERE chars.char = ? ORDER BY chars.whole DESC, level, length, id LIMIT ?"
            )
        else:
            sql = (
                "SELECT record FROM sentences WHERE id IN"
                " (SELECT sentence FROM words WHERE word = ?) ORDER BY level, length, id LIMIT ?"
            )
        rows = self._database.connection.execute(sql, (word, limit)).fetchall()
        return tuple(self._sentence(record) for (record,) in rows)

    @staticmethod
    def _sentence(record: str) -> Sentence:
        sid, level, text, traditional, translation, tokens, pinyin = json.loads(record)
        return Sentence(sid, level, text, traditional, translation, tuple(tokens), tuple(pinyin))
