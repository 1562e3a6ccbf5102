"""Writing output files so that a failure never leaves half a file behind."""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from hanzi_companion.errors import OutputError


@contextlib.contextmanager
def atomic_output(path: Path, *, make_folder: bool = False) -> Iterator[BinaryIO]:
    """A binary stream whose content becomes ``path`` only if the block succeeds.

    It writes a temporary file in the same folder, syncs it and renames it over ``path``: a
    failure (disk full, an exception, an interrupted run) leaves the old file, or none.
    ``make_folder`` creates a missing folder first (caches); outputs the user named do not.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if make_folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(folder, f"cannot make the folder ({exc.strerror or exc})") from None
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
            # mkstemp makes the file private (0600); the output gets the mode a plain open()
            # would give it, or keeps the mode of the file it replaces.
            os.fchmod(stream.fileno(), output_mode(path))
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError(path, f"cannot write ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def output_mode(path: Path) -> int:
    """The permission bits an output written over ``path`` gets: the replaced file's own, else
    0666 minus the umask (what a plain ``open()`` gives; mkstemp's files are 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    # The umask can only be read by setting it; done once, at the first write.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, content: str | bytes, *, make_folder: bool = False) -> None:
    """Write text (UTF-8) or bytes to ``path`` atomically; raises OutputError."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_output(path, make_folder=make_folder) as stream:
        stream.write(data)
