"""Derived SQLite caches: named after their sources' digest, built atomically, read-only after.

Both compiled indexes (the lexicon's and the characters') follow the same rules: the file name
carries a digest of the schema and of every source file, so a changed source gets a new file;
a build writes a temporary file in the cache folder and ``os.replace`` moves it into place, so
a crash or two processes building at once never leave a broken cache; readers open it
read-only, one connection per thread.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from hanzi_companion.errors import DataFileError
from hanzi_companion.settings import ENV_CACHE_DIR

STALE_AFTER_SECONDS = 24 * 3600


def source_digest(schema: str, paths: Iterable[Path], memo_dir: Path | None = None) -> str:
    """A short digest of a schema version and the names and contents of source files.

    With ``memo_dir``, each file's own digest is remembered there (see :class:`DigestMemo`)
    and a file whose size, times and inode have not changed is not read again; so is the
    digest of the whole, so a command whose sources are unchanged hashes nothing.
    """
    if memo_dir is None:
        return _combined(schema, [(path.name, _file_digest(path)) for path in paths])
    memo = DigestMemo(memo_dir)
    parts = [(path.name, memo.file_digest(path)) for path in paths]
    key = "\0".join([_COMBINED, schema, *(f"{name}:{digest.hex()}" for name, digest in parts)])
    digest = memo.combined(key)
    if digest is None:
        digest = _combined(schema, parts)
        memo.remember_combined(key, digest)
    memo.save()
    return digest


_COMBINED = "\0combined"  # a memo key no file path can be


def _combined(schema: str, parts: Iterable[tuple[str, bytes]]) -> str:
    import hashlib  # only when a source changed: OpenSSL takes milliseconds to load

    digest = hashlib.sha256(schema.encode())
    for name, file_digest in parts:
        digest.update(name.encode())
        digest.update(file_digest)
    return digest.hexdigest()[:20]


def _file_digest(path: Path) -> bytes:
    """SHA-256 of a file's content; a missing or unreadable file is a :class:`DataFileError`."""
    import hashlib

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except OSError as exc:
        raise DataFileError(path, f"cannot read: {exc.strerror or exc}") from None
    return hashlib.sha256(data).digest()


class DigestMemo:
    """Content digests of source files, remembered in the cache folder by file identity.

    Every command must find its indexes by the digest of their sources, and reading and
    hashing the dictionaries (18 MB) costs more than a whole ``lookup``. A file's digest is
    reused while its size, modification and change times (nanoseconds) and inode are those
    it had when it was hashed: the change time cannot be set back, so any rewrite is seen.
    A file changed in the last seconds is not remembered (the file system's clock ticks in
    milliseconds: a second rewrite within a tick could keep every time unchanged), the way
    git treats "racy" index entries. An unreadable or corrupt memo is ignored; one that
    cannot be written is not kept.
    """

    FILE_NAME = "source-digests.json"
    SETTLED_AFTER_SECONDS = 2.0

    def __init__(self, folder: Path) -> None:
        self.path = folder / self.FILE_NAME
        self._entries: dict[str, list[object]] | None = None
        self._added: dict[str, list[object]] = {}  # what this process learnt, to merge on save
        self._unsettled = False  # a file's digest was computed but too new to remember

    def _load(self) -> dict[str, list[object]]:
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def _read(self) -> dict[str, list[object]]:
        try:
            loaded = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            loaded = None
        return loaded if isinstance(loaded, dict) else {}

    def _remember(self, key: str, value: list[object]) -> None:
        self._load()[key] = self._added[key] = value

    def file_digest(self, path: Path) -> bytes:
        try:
            info = path.stat()
        except FileNotFoundError:
            raise DataFileError(path, "file not found") from None
        except OSError as exc:
            raise DataFileError(path, f"cannot read: {exc.strerror or exc}") from None
        identity: list[object] = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        key = os.path.abspath(path)
        entries = self._load()
        known = entries.get(key)
        if isinstance(known, list) and known[:4] == identity and isinstance(known[4], str):
            with contextlib.suppress(ValueError):
                return bytes.fromhex(known[4])
        digest = _file_digest(path)
        if time.time_ns() - info.st_ctime_ns > self.SETTLED_AFTER_SECONDS * 1e9:
            self._remember(key, [*identity, digest.hex()])
        else:
            self._unsettled = True
        return digest

    def combined(self, key: str) -> str | None:
        """The digest of the whole remembered under ``key`` (schema, names, file digests)."""
        known = self._load().get(key)
        if isinstance(known, list) and len(known) == 1 and isinstance(known[0], str):
            return known[0]
        return None

    def remember_combined(self, key: str, digest: str) -> None:
        """Remember the digest of the whole (a function of its key alone) when every file's
        digest was remembered too: a file that new will be hashed again anyway."""
        if not self._unsettled:
            self._remember(key, [digest])

    def save(self) -> None:
        """Write the memo when a digest was added: the file as it is now with this process's
        digests merged in, so that processes saving side by side (parallel tests, web
        workers) keep each other's; atomically, and silently not at all when the cache folder
        cannot be written (the digests are only recomputed next time)."""
        if not self._added:
            return
        from hanzi_companion.errors import HanziCompanionError
        from hanzi_companion.files import write_atomically

        merged = _still_backed({**self._read(), **self._added})
        with contextlib.suppress(HanziCompanionError, OSError):
            write_atomically(self.path, json.dumps(merged), make_folder=True)
        self._added = {}


def _still_backed(entries: dict[str, list[object]]) -> dict[str, list[object]]:
    """The memo without the files that are gone, nor the digests of wholes made of a digest
    no kept file has: every command reads the whole memo, and each course folder made for a
    while (a test's, a deck's) stayed in it for good (after test runs, 1,072 entries of which
    350 files still there: reading them was 3% of a ``lookup``)."""
    files = {key: value for key, value in entries.items() if not key.startswith(_COMBINED)}
    kept = {key: value for key, value in files.items() if os.path.exists(key)}
    digests = {str(value[-1]) for value in kept.values() if value}
    for key, value in entries.items():
        parts = key.split("\0")[3:]  # "", "combined", the schema, then name:digest each
        if key.startswith(_COMBINED) and all(p.rpartition(":")[2] in digests for p in parts):
            kept[key] = value
    return kept


@contextlib.contextmanager
def building(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to a fresh database that becomes ``path`` only if the block succeeds.

    The block fills the database; on success it is committed and moved into place (not
    vacuumed: a database filled once and never deleted from has no free pages to reclaim).
    On any error the temporary file is removed and ``path`` is left as it was.
    """
    import tempfile  # only builds need it (and shutil, random...): kept off every start-up

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DataFileError(
            path.parent,
            f"cannot keep the compiled index here ({exc.strerror or exc}); "
            f"set {ENV_CACHE_DIR} to a folder you can write to",
        ) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # The block may hand the connection to one other thread at a time (a long statement
        # run there while Python works here).
        connection = sqlite3.connect(tmp, check_same_thread=False)
        try:
            # A half-built file is thrown away anyway: no journal, no syncs while filling it.
            connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
            yield connection
            connection.commit()
        finally:
            connection.close()
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    remove_stale(path)


_HEADER = b"SQLite format 3\x00"


def problem(path: Path, schema: str) -> str | None:
    """Why the built cache at ``path`` cannot be used, or None when it looks sound.

    Cheap checks, done on every open: the SQLite header, a file no shorter than the pages the
    header counts (a truncated copy), and the ``meta`` table's schema row (an empty, garbage or
    half-written file, or one of another version).
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as stream:
            header = stream.read(100)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if len(header) < 100 or not header.startswith(_HEADER):
        return "not a SQLite database (empty or overwritten)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] == header[92:96] and size < pages * page_size:  # the page count is valid
        return f"truncated ({size} of {pages * page_size} bytes)"
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return f"unreadable ({exc})"
    if row is None or row[0] != schema:
        return f"of another version ({row[0] if row else 'none'}, not {schema})"
    return None


def usable(path: Path, schema: str) -> bool:
    """True when ``path`` is a sound cache (see :func:`problem`); a damaged one is removed and
    said so on the log, so that it is built again."""
    if not path.is_file():
        return False
    why = problem(path, schema)
    if why is None:
        return True
    import logging  # only when a cache is found damaged

    logger = logging.getLogger("hanzi_companion")
    logger.warning("%s: the cache is damaged, %s; building it again", path, why)
    with contextlib.suppress(OSError):
        path.unlink()
    return False


def discard_damaged(caches: Iterable[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """After a query failed with ``sqlite3.DatabaseError``: check each (path, schema) fully
    (:func:`problem`, then SQLite's ``quick_check``), remove the damaged ones so the next open
    builds them again, and return them with what was wrong."""
    damaged = []
    for path, schema in caches:
        if not path.is_file():
            continue
        why = problem(path, schema)
        if why is None:
            try:
                connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
                try:
                    verdict = str(connection.execute("PRAGMA quick_check").fetchone()[0])
                finally:
                    connection.close()
            except sqlite3.DatabaseError as exc:
                verdict = str(exc)
            # quick_check lists every fault under a "*** in database main ***" heading.
            faults = [line for line in verdict.splitlines() if not line.startswith("***")]
            why = None if verdict == "ok" else (faults or [verdict])[0][:200]
        if why is not None:
            damaged.append((path, why))
            with contextlib.suppress(OSError):
                path.unlink()
    return damaged


def remove_stale(current: Path) -> None:
    """Delete caches of the same kind built from other sources and unused for a day.

    Another process may still use a recent one, so only old files go.
    """
    kind = current.name.split("-", 1)[0]
    now = time.time()
    for other in current.parent.glob(f"{kind}-*.sqlite"):
        if other == current:
            continue
        with contextlib.suppress(OSError):
            if now - other.stat().st_atime > STALE_AFTER_SECONDS:
                other.unlink()


class ReadOnlyDatabase:
    """A built cache opened read-only; each thread gets its own connection.

    ``attached`` names other built caches each connection attaches (read-only too), so that
    one query can join tables of several files.
    """

    def __init__(self, path: Path, attached: dict[str, Path] | None = None) -> None:
        self.path = path
        self.attached = dict(attached or {})
        self._local = threading.local()

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's read-only connection."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                _read_only_uri(self.path), uri=True, check_same_thread=False
            )
            for name, path in self.attached.items():
                connection.execute("ATTACH DATABASE ? AS ?", (_read_only_uri(path), name))
            self._local.connection = connection
        return connection


def _read_only_uri(path: Path) -> str:
    return f"{path.absolute().as_uri()}?mode=ro&immutable=1"
