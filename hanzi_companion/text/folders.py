"""The deck files of a course folder: one listing for the CLI, the static site and the web UI.

A deck is a file directly inside the folder with a deck suffix, not hidden. A course folder
often holds more: its own README, a licence, the course dictionary (``course.u8``), images.
Files without a deck's suffix are left alone without a word. Two kinds of file with a deck's
suffix are skipped with a reason, so nobody wonders where they went:

- the folder's own documentation (README, LICENSE, ...): no lecture;
- a symlink whose target lies outside the folder (``week98.md -> /etc/passwd`` would
  otherwise be published): never read. The course dictionary (``course.u8``) too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hanzi_companion.settings import COURSE_DICTIONARY_FILE, course_dictionary_leaves
from hanzi_companion.text.formats import DECK_SUFFIXES

__all__ = ["DECK_SUFFIXES", "FolderDecks", "SkippedFile", "course_decks", "leaves_folder"]

# File stems (lowercase) of a folder's documentation, by the usual conventions of source
# repositories and downloads; none of them is a lecture.
_DOCUMENTATION_STEMS = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "changes", "contributing", "authors"}
)
OUTSIDE_REASON = "a link to a file outside the course folder"
DOCUMENTATION_REASON = "the folder's documentation, not a slide deck"


@dataclass(frozen=True)
class SkippedFile:
    """A file of the course folder that looks like a deck but is not one of its decks, and why."""

    path: Path
    reason: str

    def warning(self) -> str:
        return f"{self.path}: skipped, {self.reason}"


@dataclass(frozen=True)
class FolderDecks:
    """The deck files of a folder, sorted by name, and the files skipped with a reason."""

    paths: tuple[Path, ...]
    skipped: tuple[SkippedFile, ...] = ()

    def warnings(self) -> tuple[str, ...]:
        """One line per skipped file, for standard error or a report."""
        return tuple(file.warning() for file in self.skipped)


def has_deck_suffix(path: Path) -> bool:
    return path.suffix.lower() in DECK_SUFFIXES


def not_a_deck(path: Path) -> str | None:
    """Why a file with a deck's suffix is not a deck (its folder's documentation), or None."""
    if path.stem.lower() in _DOCUMENTATION_STEMS:
        return DOCUMENTATION_REASON
    return None


def leaves_folder(path: Path, folder: Path) -> bool:
    """True when ``path`` (a symlink, or a name through one) resolves outside ``folder``."""
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop, an unreadable link
        return True


def course_decks(folder: Path) -> FolderDecks:
    """The deck files directly inside ``folder`` (see the module docstring)."""
    paths: list[Path] = []
    skipped: list[SkippedFile] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not has_deck_suffix(path):
            continue
        if leaves_folder(path, folder):
            skipped.append(SkippedFile(path, OUTSIDE_REASON))
        elif not path.is_file():
            continue
        elif reason := not_a_deck(path):
            skipped.append(SkippedFile(path, reason))
        else:
            paths.append(path)
    if course_dictionary_leaves(folder):
        skipped.append(SkippedFile(folder / COURSE_DICTIONARY_FILE, OUTSIDE_REASON))
    return FolderDecks(tuple(paths), tuple(skipped))
