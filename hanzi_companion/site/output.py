"""Atomic replacement of a whole site folder.

A build writes a complete new site into a hidden sibling folder (``.SITE.building-<pid>-<id>``)
and then swaps it with the old one. On Linux the swap is one ``renameat2(RENAME_EXCHANGE)``
call, so the site folder is never missing or half written; elsewhere it is two renames
(old site aside, new site in) that are undone if the second fails. A build that fails or is
interrupted removes its folder; one killed outright leaves it, and the next build removes it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
from pathlib import Path

from hanzi_companion.errors import OutputError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_WORK = re.compile(r"^\.(?P<name>.+)\.(?:building|old)-(?P<pid>\d+)-[0-9a-f]+$")


def work_folder(target: Path, kind: str = "building") -> Path:
    """A new hidden sibling of ``target`` named for this process (not created)."""
    return target.parent / f".{target.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(target: Path) -> list[Path]:
    """Remove work folders of ``target`` left by builds whose process is gone."""
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for path in target.parent.iterdir():
        match = _WORK.match(path.name)
        if match and match.group("name") == target.name and not _alive(int(match.group("pid"))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = (
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    )
    renameat2.restype = ctypes.c_int
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # the file system or kernel cannot exchange: fall back to renames
    raise OSError(code, os.strerror(code), str(b))


def swap_in(new: Path, target: Path) -> None:
    """Make ``new`` the folder at ``target``; the old folder's content is then deleted."""
    try:
        if not target.exists():
            os.rename(new, target)
            return
        if _exchange(new, target):
            shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old site
            return
        old = work_folder(target, "old")
        os.rename(target, old)
        try:
            os.rename(new, target)
        except BaseException:
            os.rename(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise OutputError(target, f"cannot replace the site: {exc.strerror or exc}") from None


def discard(folder: Path) -> None:
    with contextlib.suppress(OSError):
        shutil.rmtree(folder)


def link_or_copy(source: Path, destination: Path) -> None:
    """Reuse a file of the old site: a hard link (files are never changed in place, only
    replaced), or a copy where links are not possible."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
