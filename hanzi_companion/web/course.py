"""The course folder the web UI serves: its decks, listed from disk, glossaries built on demand.

A deck is named by its file stem (``week07``). Names from URLs are only ever looked up in the
folder's listing, never joined into a path, so no name can reach outside the folder.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hanzi_companion.errors import NotFoundError
from hanzi_companion.glossary import Glossary
from hanzi_companion.text.folders import has_deck_suffix, leaves_folder, not_a_deck

# A deck's URL name is its file stem: it starts with a letter or digit (hidden files and
# editor backups are left out); spaces and Chinese are fine, since names are only looked up.
_NAME = re.compile(r"^[^\W_][^\x00-\x1f\x7f/\\]{0,99}$")
_WEEK = re.compile(r"(\d+)")


@dataclass(frozen=True)
class CourseDeck:
    """One deck file of the course folder."""

    name: str  # file stem, used in URLs
    path: Path
    stamp: tuple[int, int]  # (mtime_ns, size): a changed file is read again

    @property
    def filename(self) -> str:
        return self.path.name

    @property
    def order(self) -> tuple[int, str]:
        match = _WEEK.search(self.name)
        return (int(match.group(1)) if match else 10**6, self.name)


GlossaryBuilder = Callable[[bytes, str], Glossary]


class CourseFolder:
    """Lists a course folder and caches each deck's glossary until its file changes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._glossaries: dict[str, tuple[tuple[int, int], Glossary]] = {}

    def decks(self) -> tuple[CourseDeck, ...]:
        """The deck files of the folder in week order (hidden and odd names and the folder's
        documentation skipped)."""
        if not self.folder.is_dir():
            return ()
        found = []
        for path in self.folder.iterdir():
            if not has_deck_suffix(path) or not _NAME.match(path.stem) or not_a_deck(path):
                continue
            if not path.is_file() or leaves_folder(path, self.folder):
                continue
            stat = path.stat()
            found.append(CourseDeck(path.stem, path, (stat.st_mtime_ns, stat.st_size)))
        return tuple(sorted(found, key=lambda deck: deck.order))

    def deck(self, name: str) -> CourseDeck:
        """The deck called ``name``; :class:`NotFoundError` when the folder has none."""
        for deck in self.decks():
            if deck.name == name:
                return deck
        raise NotFoundError(name, f"the course has no deck called {name!r}")

    def glossary(self, deck: CourseDeck, build: GlossaryBuilder) -> Glossary:
        """The deck's glossary, built with ``build(data, filename)`` once per file version."""
        # One lock for the whole build: concurrent first requests wait for one build.
        with self._lock:
            cached = self._glossaries.get(deck.name)
            if cached and cached[0] == deck.stamp:
                return cached[1]
            glossary = build(deck.path.read_bytes(), deck.filename)
            self._glossaries[deck.name] = (deck.stamp, glossary)
            return glossary
