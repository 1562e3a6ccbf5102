"""The deck files of a course folder: one listing for the CLI, the static site and the web UI.

A deck is a file directly inside the folder with a deck suffix, not hidden. A symlink whose
target lies outside the folder is no deck of the course (``week98.md -> /etc/passwd`` would
otherwise be published): it is skipped and reported, never read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DECK_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


@dataclass(frozen=True)
class FolderDecks:
    """The deck files of a folder, sorted by name, and the links skipped as leaving it."""

    paths: tuple[Path, ...]
    outside: tuple[Path, ...] = ()

    def warnings(self) -> tuple[str, ...]:
        """One line per skipped link, for standard error or a report."""
        return tuple(
            f"{path}: skipped, a link to a file outside the course folder" for path in self.outside
        )


def leaves_folder(path: Path, folder: Path) -> bool:
    """True when ``path`` (a symlink, or a name through one) resolves outside ``folder``."""
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop, an unreadable link
        return True


def course_decks(folder: Path) -> FolderDecks:
    """The deck files directly inside ``folder`` (see the module docstring)."""
    paths: list[Path] = []
    outside: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in DECK_SUFFIXES or path.name.startswith("."):
            continue
        if leaves_folder(path, folder):
            outside.append(path)
        elif path.is_file():
            paths.append(path)
    return FolderDecks(tuple(paths), tuple(outside))
