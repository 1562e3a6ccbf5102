"""Regular expressions: compiled once per Python on this machine, or on first use.

Compiling a pattern takes 0.1 to 3 ms (``re`` parses and optimises it in Python; a class of
characters beyond Latin-1 is laid out as a 65,536-bit map), and the package has some 250 of
them. Two things keep that off a command's start-up:

- :func:`compile_pattern` reads the compiled form of a pattern the package compiled before
  from the *pattern store*, a file in the cache folder named after the Python that compiled
  it: a few microseconds instead of a millisecond. A pattern the store lacks is compiled by
  ``re`` as usual and added to the store when the process exits. The store holds only the
  package's own fixed patterns (module constants), never patterns made from input.
- A :class:`LazyPattern` stands where a compiled pattern would, with the methods the code
  calls, and compiles on the first call: for decks or inputs most commands never see (a
  PowerPoint deck's labels, Wade-Giles names, a Marp deck's rules).

The compiled form is the program CPython's regular expression engine runs (``_sre``), the
same ``re.compile`` makes: a store entry is written only when the pattern it rebuilds equals
``re.compile``'s (same program, flags and groups), and the engine checks a program before it
runs one. Any other Python, a damaged store or any surprise falls back to ``re.compile``.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import marshal
import re
import sys
import threading
import zlib
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# The store is a cache: it never holds more than this many patterns (the package has some
# 250), so a pattern made from input by mistake cannot grow it without end.
_STORE_LIMIT = 2000
_UNSTORABLE_FLAGS = re.DEBUG | re.LOCALE  # printed as compiled, or bound to the locale

# flags, the program (its 32-bit words as bytes: read without making an object per word),
# the number of groups, and the groups by name and by number
Compiled = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


class _Store:
    """Compiled patterns of one Python, read from the cache folder at the first compile; the
    patterns compiled here and not found there are added when the process exits."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.path: Path | None = None
        self.entries: dict[tuple[str, int], Compiled] | None = None
        self.new: dict[tuple[str, int], Compiled] = {}
        self.engine: Any = None
        self.saves_at_exit = False

    def load(self) -> dict[tuple[str, int], Compiled]:
        if self.entries is None:
            self.entries = {}
            cpython = sys.implementation.name == "cpython"
            engine = importlib.import_module("_sre") if cpython else None
            if engine is not None and array("I").itemsize == engine.CODESIZE:
                self.engine = engine
                self.path = _store_path(engine)
                self.entries = _read_store(self.path)
        return self.entries

    def save(self) -> None:
        """Merge the new patterns into the store as it is now (another process may have
        saved since) and write it atomically; a store that cannot be written is skipped."""
        from hanzi_companion.errors import OutputError
        from hanzi_companion.files import seal, write_atomically

        with self.lock:
            if not self.new or self.path is None:
                return
            merged = {**_read_store(self.path), **self.new}
            if len(merged) > _STORE_LIMIT:  # patterns of older code: start afresh
                merged = dict(self.new)
            self.new = {}
        with contextlib.suppress(OutputError, OSError, ValueError):
            write_atomically(self.path, seal(marshal.dumps(merged)), make_folder=True)


_store = _Store()


def _store_path(engine: Any) -> Path:
    """The store of this Python: the program's format is that of its ``_sre`` engine."""
    from hanzi_companion.settings import cache_dir_from_env

    version = f"{sys.version}|{engine.MAGIC}|{engine.CODESIZE}|{engine.MAXREPEAT}"
    tag = f"{sys.implementation.cache_tag}-{zlib.crc32(version.encode()):08x}"
    return cache_dir_from_env() / f"patterns-{tag}.bin"


def _read_store(path: Path) -> dict[tuple[str, int], Compiled]:
    """The store's patterns; none when it is missing, damaged or not a store."""
    from hanzi_companion.files import unseal

    try:
        entries = marshal.loads(unseal(path.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def compile_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)`` for one of the package's fixed patterns, rebuilt from
    the pattern store when this Python compiled it before."""
    flags = int(flags)
    if flags & _UNSTORABLE_FLAGS:
        return re.compile(source, flags)
    key = (source, flags)
    with _store.lock:
        found = _store.load().get(key)
    if found is not None:
        try:
            return _build(_store.engine, source, found)
        except Exception:  # any surprise: the store is only a shortcut
            pass
    compiled = re.compile(source, flags)
    if _store.engine is not None:
        _remember(key, compiled)
    return compiled


def _build(engine: Any, source: str, found: Compiled) -> re.Pattern[str]:
    final_flags, code, groups, groupindex, indexgroup = found
    program = array("I", code).tolist()
    pattern = engine.compile(source, final_flags, program, groups, groupindex, indexgroup)
    assert isinstance(pattern, re.Pattern)
    return pattern


def _remember(key: tuple[str, int], compiled: re.Pattern[str]) -> None:
    """Keep the program ``re`` made for ``key`` for the store, when it rebuilds the very
    pattern ``re.compile`` gave (``re``'s compiler module is private: checked, not trusted)."""
    source, flags = key
    try:
        parser = importlib.import_module("re._parser")
        compiler = importlib.import_module("re._compiler")
        parsed = parser.parse(source, flags)
        code = array("I", [int(op) for op in compiler._code(parsed, flags)]).tobytes()
        groupindex = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        found: Compiled = (
            int(flags | parsed.state.flags),
            code,
            int(parsed.state.groups - 1),
            groupindex,
            tuple(indexgroup),
        )
        rebuilt = _build(_store.engine, source, found)
    except Exception:  # another Python's re: nothing is stored
        return
    if rebuilt != compiled or rebuilt.groupindex != compiled.groupindex:
        return
    with _store.lock:
        if not _store.saves_at_exit:
            atexit.register(_store.save)
            _store.saves_at_exit = True
        _store.new[key] = found


class LazyPattern:
    """``re.compile(source, flags)``, compiled the first time it is used."""

    __slots__ = ("_compiled", "_flags", "pattern")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compile_pattern(self.pattern, self._flags)
        return self._compiled

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags})"
