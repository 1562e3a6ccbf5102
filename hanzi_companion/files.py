"""Writing output files so that a failure never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from hanzi_companion.errors import OutputError


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content becomes ``path`` only if the block succeeds.

    It writes a temporary file in the same folder, syncs it and renames it over ``path``: a
    failure (disk full, an exception, an interrupted run) leaves the old file, or none.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(path, "the folder does not exist")
    if path.is_dir():
        raise OutputError(path, "is a folder, not a file")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(path, f"cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError(path, f"cannot write ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write text (UTF-8) or bytes to ``path`` atomically; raises OutputError."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_output(path) as stream:
        stream.write(data)
