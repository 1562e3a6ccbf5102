"""The English search tables of the lexicon, built from its index on the first English search.

Only English searches (and a glossary weighing English words) read them: the normalised
glosses (exact gloss matches) and a full-text index of every entry's definitions. Building
them is a third of the lexicon index's build, so a first ``lookup`` does not wait for them.
They live in their own file next to the index, named after it (so after its sources) and
built the same way (a temporary file moved into place; a damaged one is built again); a
reader opens it with the index attached, so one query joins both.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from hanzi_companion.lexicon import sqlite_cache
from hanzi_companion.lexicon.index import Progress, normalise_gloss, strip_gloss_particle

SCHEMA_VERSION = "1"
LEXICON = "lexicon"  # the name the lexicon index is attached under

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE glosses (norm TEXT NOT NULL, entry INTEGER NOT NULL, tier INTEGER NOT NULL);
CREATE VIRTUAL TABLE english USING fts5(glosses, content='', tokenize='unicode61');
"""
_INDEXES = "CREATE INDEX glosses_norm ON glosses (norm, entry);"
_BATCH_ROWS = 5000


def index_path(lexicon_path: Path) -> Path:
    """Where the English tables of the lexicon index at ``lexicon_path`` live."""
    key = f"{SCHEMA_VERSION}:{lexicon_path.name}".encode()
    return lexicon_path.with_name(f"glosses-{hashlib.sha256(key).hexdigest()[:20]}.sqlite")


def ensure_index(lexicon_path: Path, progress: Progress | None = None) -> Path:
    """The path of the English tables of the index at ``lexicon_path``, built when missing."""
    path = index_path(lexicon_path)
    if not sqlite_cache.usable(path, SCHEMA_VERSION):
        build_index(lexicon_path, path, progress)
    return path


def gloss_rows(row_id: int, definitions: list[str]) -> list[tuple[str, int, int]]:
    """(normalised gloss, entry, tier) of each gloss of an entry's definitions (split at
    semicolons): tier 0 as written, tier 1 without a leading particle (``to``, ``the``...)."""
    rows = []
    for definition in definitions:
        for part in definition.split(";"):
            norm = normalise_gloss(part)
            if norm:
                rows.append((norm, row_id, 0))
                bare = strip_gloss_particle(norm)
                if bare != norm:
                    rows.append((bare, row_id, 1))
    return rows


def build_index(lexicon_path: Path, path: Path, progress: Progress | None = None) -> None:
    """Build the English tables of the index at ``lexicon_path`` at ``path`` atomically."""
    report = progress or (lambda stage, done, total: None)
    source = sqlite3.connect(f"{lexicon_path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        total = int(source.execute("SELECT COUNT(*) FROM entries").fetchone()[0]) or 1
        report("reading glosses", 0, 100)
        with sqlite_cache.building(path) as connection:
            connection.executescript(_SCHEMA)
            cursor = source.execute("SELECT id, senses FROM entries ORDER BY id")
            done = 0
            while rows := cursor.fetchmany(_BATCH_ROWS):
                english = []
                glosses = []
                for row_id, senses in rows:
                    definitions = [sense[0] for sense in json.loads(senses)]
                    english.append((row_id, " / ".join(definitions)))
                    glosses.extend(gloss_rows(row_id, definitions))
                connection.executemany(
                    "INSERT INTO english (rowid, glosses) VALUES (?, ?)", english
                )
                connection.executemany("INSERT INTO glosses VALUES (?, ?, ?)", glosses)
                done += len(rows)
                report("reading glosses", int(90 * done / total), 100)
            report("indexing glosses", 90, 100)
            connection.executescript(_INDEXES)
            connection.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            connection.execute("INSERT INTO meta VALUES ('lexicon', ?)", (lexicon_path.name,))
            report("done", 100, 100)
    finally:
        source.close()
