"""Which files of a course folder are slide decks: one rule for the CLI, the site and the web.

A course folder holds the week's decks and often more: its own README, a licence, the course
dictionary (``course.u8``), images, PDFs. Files without a deck's suffix are left alone without
a word; a file with a deck's suffix that is the folder's own documentation is skipped with a
reason, so nobody wonders where "README" went.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DECK_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
# File stems (lowercase) of a folder's documentation, by the usual conventions of source
# repositories and downloads; none of them is a lecture.
_DOCUMENTATION_STEMS = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "changes", "contributing", "authors"}
)


@dataclass(frozen=True)
class SkippedFile:
    """A file of the course folder that looks like a deck but is not one, and why."""

    path: Path
    reason: str


def has_deck_suffix(path: Path) -> bool:
    return path.suffix.lower() in DECK_SUFFIXES


def not_a_deck(path: Path) -> str | None:
    """Why a file with a deck's suffix is not a deck (its folder's documentation), or None."""
    if path.stem.lower() in _DOCUMENTATION_STEMS:
        return "the folder's documentation, not a slide deck"
    return None


def course_deck_files(folder: Path) -> tuple[tuple[Path, ...], tuple[SkippedFile, ...]]:
    """The deck files directly inside ``folder`` (sorted by name; hidden files and files of
    other kinds left out) and the files skipped with a reason."""
    decks: list[Path] = []
    skipped: list[SkippedFile] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not has_deck_suffix(path) or not path.is_file():
            continue
        reason = not_a_deck(path)
        if reason:
            skipped.append(SkippedFile(path, reason))
        else:
            decks.append(path)
    return tuple(decks), tuple(skipped)
