"""Writing output files so that a failure never leaves half a file behind."""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from hanzi_companion.errors import OutputError

STDOUT = "-"  # the usual spelling of standard output, not a file called "-"


def is_stream(path: Path | str) -> bool:
    """True when ``path`` is written straight through, not replaced: ``-`` (standard output),
    a character device (``/dev/null``, a terminal) or a FIFO, symlinks followed."""
    if str(path) == STDOUT:
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def real_path(path: Path | str) -> Path:
    """Where ``path`` leads, symlinks followed (absolute). Unlike ``Path.resolve`` in Python
    3.11 it never raises: a symlink loop stays a link in the loop (see :func:`atomic_output`)."""
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def atomic_output(path: Path, *, make_folder: bool = False) -> Iterator[BinaryIO]:
    """A binary stream whose content becomes ``path`` only if the block succeeds.

    It writes a temporary file in the same folder, syncs it and renames it over ``path``: a
    failure (disk full, an exception, an interrupted run) leaves the old file, or none.
    ``make_folder`` creates a missing folder first (caches); outputs the user named do not.

    What is not a regular file is never replaced: ``-``, a character device or a FIFO is
    written straight through (see :func:`is_stream`); a symlink is followed and its target
    replaced atomically; a folder, a block device or a socket is refused.
    """
    if str(path) == STDOUT:
        yield from _write_through_stdout(path)
        return
    target = real_path(path)  # a symlink's target, not the link, is the output
    if target.is_symlink():  # what realpath leaves a link is a loop
        raise OutputError(path, "is a symlink loop; refusing to write to it")
    kind = _kind(target)
    if kind in ("character device", "FIFO"):
        yield from _write_through(target)
        return
    if kind == "folder":
        raise OutputError(path, "is a folder, not a file")
    if kind is not None:
        raise OutputError(path, f"is a {kind}, not a file; refusing to write to it")
    folder = target.parent
    if make_folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(folder, f"cannot make the folder ({exc.strerror or exc})") from None
    if not folder.is_dir():
        raise OutputError(path, "the folder does not exist")
    import tempfile  # here: reading a sealed cache (most commands) needs none of it

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(path, f"cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            # mkstemp makes the file private (0600); the output gets the mode a plain open()
            # would give it, or keeps the mode of the file it replaces.
            os.fchmod(stream.fileno(), output_mode(target))
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(path, f"cannot write ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _kind(path: Path) -> str | None:
    """What ``path`` is when it exists and is not a regular file; None otherwise."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    kinds = (
        (stat.S_ISDIR, "folder"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    )
    return next((name for test, name in kinds if test(mode)), None)


def _write_through(target: Path) -> Iterator[BinaryIO]:
    """Write a device or a FIFO directly: there is nothing to replace, and a reader may be
    waiting on the other end."""
    try:
        with open(target, "wb") as stream:
            yield stream
    except OSError as exc:
        raise OutputError(target, f"cannot write ({exc.strerror or exc})") from None


def _write_through_stdout(path: Path) -> Iterator[BinaryIO]:
    try:
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
    except OSError as exc:
        raise OutputError(
            path, f"cannot write to standard output ({exc.strerror or exc})"
        ) from None


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


def write_pieces_atomically(path: Path, pieces: Iterable[str]) -> None:
    """Write text made in pieces (UTF-8) to ``path`` atomically, one piece in memory at a
    time; raises OutputError."""
    with atomic_output(path) as stream:
        for piece in pieces:
            stream.write(piece.encode("utf-8"))


# A sealed cache ends with this mark and the CRC-32 of what precedes it: a file damaged inside
# (bytes overwritten, not only cut short) is told from a sound one when read, for a few
# milliseconds per megabyte.
_SEAL = b"HCSEAL1"


def seal(data: bytes) -> bytes:
    """``data`` followed by its seal (see :func:`unseal`)."""
    return data + _SEAL + zlib.crc32(data).to_bytes(4, "big")


def unseal(data: bytes) -> memoryview:
    """The data :func:`seal` sealed, a view into ``data`` (caches are megabytes: copying one
    took longer than checking it); ValueError when the seal is missing or does not match (an
    empty, truncated, overwritten or older file)."""
    body, mark, crc = memoryview(data)[:-11], data[-11:-4], data[-4:]
    if len(data) < 11 or mark != _SEAL or zlib.crc32(body).to_bytes(4, "big") != crc:
        raise ValueError("damaged or unsealed cache file")
    return body
