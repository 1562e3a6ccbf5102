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

    A slide with ``--`` steps takes the numbers ``number .. number + steps - 1``. ``text_steps``
    gives, for each line of ``text.split("\n")``, the step (0-based) that first shows it, and
    ``notes_steps`` the same for ``notes`` (the step whose ``???`` section holds the line: after
    the last step for notes written at the end). Empty means every line is on the first step.
    :meth:`line_number` turns a line index into the number remark shows it under.
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
    text_steps: tuple[int, ...] = ()  # per line of ``text``: its step offset (empty: all 0)
    notes_steps: tuple[int, ...] = ()  # per line of ``notes``: its step offset (empty: all 0)
    # The page's front matter read as text (a lesson's vocabulary in YAML): after the slides,
    # shown by none of them, so nothing links to it and the deck does not count it.
    header: bool = False

    def line_number(self, index: int, in_notes: bool = False) -> int:
        """The remark number of the step that first shows line ``index`` of ``text`` (or of
        ``notes``, with ``in_notes``), lines counted in ``split("\n")``: link ``#N`` here."""
        offsets = self.notes_steps if in_notes else self.text_steps
        if 0 <= index < len(offsets):
            return self.number + offsets[index]
        return self.number + (offsets[-1] if offsets and index >= len(offsets) else 0)

    @property
    def last_number(self) -> int:
        """The remark number of the slide's last step."""
        return self.number + self.steps - 1

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
    format: str  # one of text.decks.FORMATS: "remark-markdown", "reveal", "pptx", "pdf"...
    slides: tuple[Slide, ...]
    metadata: DeckMetadata = field(default_factory=DeckMetadata)

    @property
    def slide_count(self) -> int:
        """How many slides remark counts: every ``--`` step is one (its last slide's number);
        the front matter's text is on no slide."""
        shown = [slide for slide in self.slides if not slide.header]
        return shown[-1].last_number if shown else 0

    @property
    def header_slide(self) -> int | None:
        """The number the front matter's text is filed under, if the deck has any."""
        return next((slide.number for slide in self.slides if slide.header), None)
