"""Derived SQLite caches: named after their sources' digest, built atomically, read-only after.

Both compiled indexes (the lexicon's and the characters') follow the same rules: the file name
carries a digest of the schema and of every source file, so a changed source gets a new file;
a build writes a temporary file in the cache folder and ``os.replace`` moves it into place, so
a crash or two processes building at once never leave a broken cache; readers open it
read-only, one connection per thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from hanzi_companion.errors import DataFileError
from hanzi_companion.settings import ENV_CACHE_DIR

STALE_AFTER_SECONDS = 24 * 3600


def source_digest(schema: str, paths: Iterable[Path]) -> str:
    """A short digest of a schema version and the names and contents of source files."""
    digest = hashlib.sha256(schema.encode())
    for path in paths:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise DataFileError(path, "file not found") from None
        except OSError as exc:
            raise DataFileError(path, f"cannot read: {exc.strerror or exc}") from None
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:20]


@contextlib.contextmanager
def building(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to a fresh database that becomes ``path`` only if the block succeeds.

    The block fills the database; on success it is committed, vacuumed and moved into place.
    On any error the temporary file is removed and ``path`` is left as it was.
    """
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
        connection = sqlite3.connect(tmp)
        try:
            # A half-built file is thrown away anyway: no journal, no syncs while filling it.
            connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
            yield connection
            connection.commit()
            connection.execute("VACUUM")
        finally:
            connection.close()
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    remove_stale(path)


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
    """A built cache opened read-only; each thread gets its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's read-only connection."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                f"{self.path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            self._local.connection = connection
        return connection
