"""Models of a slide deck as read from a file: slides, their text, notes and links."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SlideLink:
    """A link written on a slide: its label and target."""

    label: str
    url: str


@dataclass(frozen=True)
class Slide:
    """One slide as remark numbers it (1-based; ``--`` steps stay on the same slide).

    ``text`` is the slide's prose with markup, URLs and link targets removed (link labels
    kept); ``notes`` is the presenter-notes prose (after ``???``), cleaned the same way.
    """

    number: int
    title: str
    text: str
    notes: str = ""
    links: tuple[SlideLink, ...] = ()
    properties: tuple[tuple[str, str], ...] = ()  # remark slide properties (class, name, ...)
    headings: tuple[tuple[int, str], ...] = ()  # (level, text) in order
    steps: int = 1  # remark ``--`` steps: the slide spans numbers number .. number + steps - 1
    notes_links: tuple[SlideLink, ...] = ()  # links written in the presenter notes

    def property(self, name: str) -> str | None:
        for key, value in self.properties:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class DeckMetadata:
    """What the deck says about itself, where it says it."""

    title: str = ""
    course: str = ""
    week: int | None = None
    date: str = ""
    author: str = ""


@dataclass(frozen=True)
class Deck:
    """A whole deck: where it came from, its format, its slides and metadata."""

    name: str  # file name or given label, used in messages and links (``week07.html#12``)
    format: str  # "remark-markdown", "remark-html", "flattened", "markdown", "text"
    slides: tuple[Slide, ...]
    metadata: DeckMetadata = field(default_factory=DeckMetadata)
