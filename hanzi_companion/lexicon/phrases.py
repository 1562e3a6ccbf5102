"""pypinyin's phrase-aware readings without loading its phrase table in every process.

pypinyin reads a run of characters by cutting it into the phrases of its table (the longest
match first, on a set of every prefix of every phrase) and reading each phrase from the table,
every other character from its character table. Loading the phrase table (47,000 phrases from
JSON, and the set of their prefixes) takes a fifth of a second, for the handful of words a
deck without a course dictionary asks about.

Here the table is a marisa trie in the cache folder, compiled once from pypinyin's own table
(named after its file, so an upgrade compiles it again). pypinyin is imported without its table
(``PYPINYIN_NO_PHRASES``) and given, through its public ``load_phrases_dict``, the phrases the
words to read can meet: every phrase written inside a word and, for every piece of a word that
begins a phrase, one phrase it begins. pypinyin asks its table only about pieces of the text
it reads (is this piece a phrase? does a phrase begin with it? its reading), so it gets the
whole table's answers and reads every word as it would with the whole table.

A process that finds no compiled table imports pypinyin with its whole table, as before, and
compiles the trie from it for the next process (unless it only builds the index: the first run
stays as fast as it was).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import sys
import threading
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import marisa_trie

from hanzi_companion.files import seal, unseal, write_atomically
from hanzi_companion.settings import cache_dir_from_env

_NO_PHRASES = "PYPINYIN_NO_PHRASES"
_TABLE_VERSION = "1"  # bump when the compiled file's layout changes


class _Reader:
    """pypinyin, imported once per process, with its phrase table whole or from the trie."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.module: Any = None
        self.trie: marisa_trie.BytesTrie | None = None  # None: pypinyin has its whole table
        self.table: Path | None = None

    def load(self, compile_table: bool) -> Any:
        if self.module is None:
            # pypinyin imported before (by someone else) is used as it is, and not compiled.
            ours = "pypinyin" not in sys.modules and _NO_PHRASES not in os.environ
            self.table = _table_path() if ours else None
            if self.table is not None:
                self.trie = _open_table(self.table)
            os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "true")  # nothing here adds words
            self.module = _import_pypinyin(whole_table=self.trie is None)
        if self.trie is None and compile_table and self.table is not None:
            _compile_table(self.table, self.module)
            self.table = None  # compiled (or not writable): once per process
        return self.module


_reader = _Reader()


def _import_pypinyin(whole_table: bool) -> Any:
    """pypinyin, with its phrase table or without (it reads ``PYPINYIN_NO_PHRASES`` when it is
    first imported; the variable is set for that moment only, so that no child process
    inherits it)."""
    if whole_table:
        import pypinyin

        return pypinyin
    os.environ[_NO_PHRASES] = "true"
    try:
        import pypinyin
    finally:
        del os.environ[_NO_PHRASES]
    return pypinyin


def tone3_readings(
    words: Sequence[str], options: Mapping[str, object], *, compile_table: bool = True
) -> list[list[str]]:
    """pypinyin's phrase-aware reading of each word, syllables in TONE3 style (``chuang4``),
    with ``lazy_pinyin``'s other ``options``.

    ``compile_table``: a process that had to load pypinyin's whole phrase table compiles it for
    the next (the index build does not, to keep the first run short).
    """
    with _reader.lock:
        pypinyin = _reader.load(compile_table)
        if _reader.trie is not None:
            _give_phrases(pypinyin, _reader.trie, words)
        return [pypinyin.lazy_pinyin(word, style=pypinyin.Style.TONE3, **options) for word in words]


def _give_phrases(pypinyin: Any, trie: marisa_trie.BytesTrie, words: Iterable[str]) -> None:
    """Load into pypinyin the phrases of its table that reading ``words`` can meet (see the
    module's docstring), those it lacks only."""
    known = pypinyin.constants.PHRASES_DICT
    wanted: dict[str, Any] = {}
    for word in words:
        for start in range(len(word)):
            for end in range(start + 1, len(word) + 1):
                piece = word[start:end]
                first = next(trie.iterkeys(piece), None)
                if first is None:
                    break  # no phrase begins with this piece, nor with a longer one
                phrase = piece if piece in trie else first
                if phrase not in known and phrase not in wanted:
                    wanted[phrase] = json.loads(trie[phrase][0])
    if wanted:
        pypinyin.load_phrases_dict(wanted)


def _table_path() -> Path | None:
    """The compiled table's file, named after pypinyin's table file; None without pypinyin."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        return None
    source = Path(next(iter(spec.submodule_search_locations))) / "phrases_dict.json"
    try:
        stat = source.stat()
    except OSError:
        return None
    identity = f"{_TABLE_VERSION}|{source}|{stat.st_size}|{stat.st_mtime_ns}"
    return cache_dir_from_env() / f"pypinyin-phrases-{zlib.crc32(identity.encode()):08x}.marisa"


def _open_table(path: Path) -> marisa_trie.BytesTrie | None:
    """The compiled table; None when it is missing or damaged (pypinyin loads its own)."""
    try:
        data = unseal(path.read_bytes())
    except (OSError, ValueError):
        return None
    return marisa_trie.BytesTrie().frombytes(bytes(data))


def _compile_table(path: Path, pypinyin: Any) -> None:
    """Write pypinyin's phrase table (as loaded, whole) as a trie of phrase -> JSON reading."""
    from hanzi_companion.errors import OutputError

    phrases = pypinyin.constants.PHRASES_DICT
    if not phrases:
        return  # loaded without its table (PYPINYIN_NO_PHRASES set by the user)
    trie = marisa_trie.BytesTrie(
        (phrase, json.dumps(reading, ensure_ascii=False).encode())
        for phrase, reading in phrases.items()
    )
    with contextlib.suppress(OutputError, OSError):
        write_atomically(path, seal(trie.tobytes()), make_folder=True)
