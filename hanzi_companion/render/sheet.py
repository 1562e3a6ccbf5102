"""Printable writing-practice sheets: one A4 page per character, as SVG or PDF.

Each page shows the character (drawn from its stroke outlines, so no CJK font is needed), its
pinyin and meaning, the stroke-order sequence (one 田字格 frame per stroke: earlier strokes
dark, the new one red, the strokes to come faint), then rows of practice boxes: the model,
tracing copies fading out, and empty boxes to fill the rest of the page.

The page is laid out once (:func:`layout`) as boxes, glyphs and labels in millimetres; the SVG
and PDF writers only draw that plan, so both show the same sheet. The PDF uses fpdf2 with a
bundled Latin font (DejaVu Sans subset, ``dictionaries/fonts``) for the pinyin's tone marks.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from hanzi_companion.errors import NotFoundError
from hanzi_companion.lexicon.characters import CharacterProfile
from hanzi_companion.lexicon.script import is_han
from hanzi_companion.lexicon.strokes import BOX, StrokeData

if TYPE_CHECKING:  # annotations only: ``char --sheet`` need not import the glossary builder
    from hanzi_companion.glossary import Glossary

PAGE_WIDTH = 210.0  # A4, millimetres
PAGE_HEIGHT = 297.0
MARGIN = 15.0
FRAME = 12.0  # a stroke-order frame
FRAME_GAP = 2.0
CELL = 18.0  # a practice box
HEADER_GLYPH = 30.0
INK = "#222222"
NEW_STROKE = "#c0392b"
TODO_STROKE = "#dddddd"
GRID = "#b8b8b8"
# Tracing copies in each practice row, fading out (row 0 starts with the solid model); rows
# past the table's end are empty.
TRACES_PER_ROW = (5, 3, 3, 1, 1)
TRACE_GREYS = ("#9a9a9a", "#acacac", "#bebebe", "#d0d0d0", "#e0e0e0")
MAX_SHEET_PAGES = 80  # a deck's sheet stops here (a page takes a good fraction of a second)
CREDIT = "Stroke data: Make Me a Hanzi (Arphic Public License) · hanzi-companion"

_TOP = 900  # the stroke data's y of the top edge (its y axis points up); see lexicon.strokes
_FLIP = f"translate(0 {_TOP}) scale(1 -1)"
# Characters outside the bundled Latin font (Han and other scripts) are left out of labels.
_NOT_LATIN = re.compile(r"[^\u0020-\u007e\u00a0-\u024f\u0300-\u036f\u0370-\u03ff\u2010-\u205e]+")


@dataclass(frozen=True)
class SheetEntry:
    """One character to practise."""

    character: str
    pinyin: str  # with tone marks
    meaning: str
    strokes: StrokeData


@dataclass(frozen=True)
class Box:
    """A 田字格 square (frame of the stroke order, or a practice box)."""

    x: float
    y: float
    size: float
    kind: str  # "frame" or "practice"


@dataclass(frozen=True)
class Glyph:
    """A character drawn from its stroke outlines, each stroke in its own colour."""

    x: float
    y: float
    size: float
    strokes: tuple[tuple[str, str], ...]  # (outline path data, CSS colour)


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    points: float  # font size


@dataclass(frozen=True)
class Page:
    character: str
    boxes: tuple[Box, ...]
    glyphs: tuple[Glyph, ...]
    labels: tuple[Label, ...]


def entry_from_profile(profile: CharacterProfile) -> SheetEntry:
    """The sheet entry of a character profile: best reading and its first plain meaning."""
    if profile.strokes is None or not profile.strokes.outlines:
        raise NotFoundError(profile.character, f"there is no stroke data for {profile.character!r}")
    reading = profile.readings[0] if profile.readings else None
    senses = [s.text for s in reading.definitions] if reading else []
    return SheetEntry(
        character=profile.character,
        pinyin=", ".join(r.pinyin for r in profile.readings[:3]),
        meaning=plain_meaning(senses),
        strokes=profile.strokes,
    )


def plain_meaning(senses: Sequence[str], limit: int = 90) -> str:
    """The first senses that read as plain English (no Han characters), within ``limit``."""
    plain = [s for s in senses if not _NOT_LATIN.search(s)] or [
        " ".join(_NOT_LATIN.sub(" ", s).split()) for s in senses
    ]
    text = ""
    for sense in (s for s in plain if s):
        joined = f"{text}; {sense}" if text else sense
        if len(joined) > limit:
            break
        text = joined
    return text or (plain[0][: limit - 1] + "…" if plain and plain[0] else "")


def _glyph(data: StrokeData, x: float, y: float, size: float, colours: Sequence[str]) -> Glyph:
    return Glyph(x, y, size, tuple(zip(data.outlines, colours, strict=True)))


def _frame_colours(count: int, index: int) -> list[str]:
    return [INK if i < index else NEW_STROKE if i == index else TODO_STROKE for i in range(count)]


def _stroke_frames(data: StrokeData, top: float) -> tuple[list[Box], list[Glyph], float]:
    """One frame per stroke, wrapped in rows; returns the boxes, glyphs and the bottom edge."""
    step = FRAME + FRAME_GAP
    columns = max(1, int((PAGE_WIDTH - 2 * MARGIN + FRAME_GAP) // step))
    boxes: list[Box] = []
    glyphs: list[Glyph] = []
    for index in range(data.count):
        x = MARGIN + (index % columns) * step
        y = top + (index // columns) * step
        boxes.append(Box(x, y, FRAME, "frame"))
        glyphs.append(_glyph(data, x, y, FRAME, _frame_colours(data.count, index)))
    rows = math.ceil(data.count / columns)
    return boxes, glyphs, top + rows * step - FRAME_GAP


def _practice(data: StrokeData, top: float) -> tuple[list[Box], list[Glyph]]:
    """Rows of practice boxes down to the bottom margin: model, fading traces, empty boxes."""
    columns = int((PAGE_WIDTH - 2 * MARGIN) // CELL)
    rows = int((PAGE_HEIGHT - MARGIN - 6 - top) // CELL)
    boxes: list[Box] = []
    glyphs: list[Glyph] = []
    for row in range(rows):
        traces = TRACES_PER_ROW[row] if row < len(TRACES_PER_ROW) else 0
        for column in range(columns):
            x, y = MARGIN + column * CELL, top + row * CELL
            boxes.append(Box(x, y, CELL, "practice"))
            if row == 0 and column == 0:
                colour = INK
            elif row == 0 and column <= traces:
                colour = TRACE_GREYS[min(column - 1, len(TRACE_GREYS) - 1)]
            elif row > 0 and column < traces:
                colour = TRACE_GREYS[-1]
            else:
                continue
            glyphs.append(_glyph(data, x, y, CELL, [colour] * data.count))
    return boxes, glyphs


def layout(entry: SheetEntry) -> Page:
    """The page of one character (millimetres from the top-left corner)."""
    data = entry.strokes
    head = _glyph(data, MARGIN, MARGIN, HEADER_GLYPH, [INK] * data.count)
    text_x = MARGIN + HEADER_GLYPH + 6
    labels = [
        Label(text_x, MARGIN + 10, _latin(entry.pinyin), 20),
        Label(text_x, MARGIN + 18, _latin(entry.meaning), 11),
        Label(text_x, MARGIN + 25, f"{data.count} strokes", 9),
        Label(MARGIN, MARGIN + HEADER_GLYPH + 7, "Stroke order", 9),
    ]
    frame_boxes, frame_glyphs, bottom = _stroke_frames(data, MARGIN + HEADER_GLYPH + 9)
    labels.append(Label(MARGIN, bottom + 7, "Practice: trace, then write", 9))
    practice_boxes, practice_glyphs = _practice(data, bottom + 9)
    labels.append(Label(MARGIN, PAGE_HEIGHT - MARGIN + 4, CREDIT, 7))
    return Page(
        character=entry.character,
        boxes=tuple(frame_boxes + practice_boxes),
        glyphs=(head, *frame_glyphs, *practice_glyphs),
        labels=tuple(labels),
    )


def _latin(text: str) -> str:
    return " ".join(_NOT_LATIN.sub(" ", text).split())


# -- SVG ----------------------------------------------------------------------------------------


def _n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _glyph_group(glyph: Glyph) -> str:
    scale = glyph.size / BOX
    paths = "".join(f"<path fill={quoteattr(c)} d={quoteattr(d)}/>" for d, c in glyph.strokes)
    return (
        f'<g transform="translate({_n(glyph.x)} {_n(glyph.y)}) scale({scale:.6g}) {_FLIP}">'
        f"{paths}</g>"
    )


def _box_svg(box: Box) -> str:
    x, y, s, half = _n(box.x), _n(box.y), _n(box.size), box.size / 2
    return (
        f'<rect x="{x}" y="{y}" width="{s}" height="{s}"/>'
        f'<path stroke-dasharray="0.8 0.8" d="M{x} {_n(box.y + half)}h{s}'
        f'M{_n(box.x + half)} {y}v{s}"/>'
    )


def sheet_svg(entries: Sequence[SheetEntry]) -> str:
    """The sheet as one SVG, its A4 pages stacked top to bottom."""
    pages = [layout(entry) for entry in entries]
    height = PAGE_HEIGHT * len(pages)
    title = "Writing practice: " + "".join(e.character for e in entries)
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{_n(PAGE_WIDTH)}mm" height="{_n(height)}mm" '
        f'viewBox="0 0 {_n(PAGE_WIDTH)} {_n(height)}" role="img">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{_n(PAGE_WIDTH)}" height="{_n(height)}" fill="#ffffff"/>',
    ]
    for number, page in enumerate(pages):
        parts.append(
            f'<g class="page" data-character={quoteattr(page.character)} '
            f'transform="translate(0 {_n(number * PAGE_HEIGHT)})">'
        )
        parts.append(f'<g class="boxes" fill="none" stroke="{GRID}" stroke-width="0.25">')
        parts.extend(_box_svg(box) for box in page.boxes)
        parts.append("</g>")
        parts.extend(_glyph_group(glyph) for glyph in page.glyphs)
        parts.extend(
            f'<text x="{_n(label.x)}" y="{_n(label.y)}" font-size="{_n(label.points * 0.3528)}" '
            f'font-family="DejaVu Sans, sans-serif" fill="{INK}">{escape(label.text)}</text>'
            for label in page.labels
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


# -- PDF ----------------------------------------------------------------------------------------


def _glyph_image(glyph: Glyph) -> io.BytesIO:
    """A glyph as a small SVG document, which fpdf2 draws as vector paths."""
    paths = "".join(f"<path fill={quoteattr(c)} d={quoteattr(d)}/>" for d, c in glyph.strokes)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{BOX}" height="{BOX}" '
        f'viewBox="0 0 {BOX} {BOX}"><g transform="{_FLIP}">{paths}</g></svg>'
    )
    return io.BytesIO(svg.encode("utf-8"))


def sheet_pdf(entries: Sequence[SheetEntry], font: Path, title: str = "") -> bytes:
    """The sheet as a PDF document, one A4 page per entry."""
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(title or "Writing practice: " + "".join(e.character for e in entries))
    pdf.set_creator("hanzi-companion")
    pdf.add_font("DejaVu", fname=str(font))
    grid = tuple(int(GRID[i : i + 2], 16) for i in (1, 3, 5))
    for page in (layout(entry) for entry in entries):
        pdf.add_page()
        pdf.set_line_width(0.25)
        pdf.set_draw_color(*grid)
        for box in page.boxes:
            pdf.rect(box.x, box.y, box.size, box.size)
            half = box.size / 2
            pdf.set_dash_pattern(dash=0.8, gap=0.8)
            pdf.line(box.x, box.y + half, box.x + box.size, box.y + half)
            pdf.line(box.x + half, box.y, box.x + half, box.y + box.size)
            pdf.set_dash_pattern()
        for glyph in page.glyphs:
            pdf.image(_glyph_image(glyph), x=glyph.x, y=glyph.y, w=glyph.size, h=glyph.size)
        pdf.set_text_color(0x22, 0x22, 0x22)
        for label in page.labels:
            pdf.set_font("DejaVu", size=label.points)
            pdf.text(label.x, label.y, label.text)
    return bytes(pdf.output())


def unique_characters(texts: Iterable[str]) -> list[str]:
    """Each Han character of ``texts`` once, in order of first appearance."""
    return list(dict.fromkeys(ch for text in texts for ch in text if is_han(ch)))


def sheet_characters(glossary: Glossary, *, all_characters: bool = False) -> list[str]:
    """The characters a deck's sheet is for: the characters of the week; with
    ``all_characters``, or when the deck names none, every Han character of its terms too."""
    chars = [c.character for c in glossary.characters]
    if all_characters or not chars:
        chars = unique_characters([*chars, *(t.simplified for t in glossary.terms)])
    return list(dict.fromkeys(chars))


def has_sheet(glossary: Glossary, strokes_of: Callable[[str], StrokeData | None]) -> bool:
    """True when a character of the deck's sheet has stroke data (stops at the first)."""
    return any(strokes_of(char) is not None for char in sheet_characters(glossary))


@dataclass(frozen=True)
class DeckSheet:
    """The entries of a deck's sheet, and the characters left out for lack of stroke data."""

    entries: tuple[SheetEntry, ...]
    missing: tuple[str, ...]


def deck_entries(
    glossary: Glossary,
    profile_of: Callable[[str], CharacterProfile | None],
    *,
    all_characters: bool = False,
) -> DeckSheet:
    """The characters of the week (with the deck's reading and gloss); with ``all_characters``,
    or when the deck names no character of the week, every Han character of its terms too."""
    week = {c.character: c for c in glossary.characters}
    chars = sheet_characters(glossary, all_characters=all_characters)
    entries: list[SheetEntry] = []
    missing: list[str] = []
    for char in chars:
        try:
            profile = profile_of(char)
        except NotFoundError:
            profile = None
        if profile is None or profile.strokes is None or not profile.strokes.outlines:
            missing.append(char)
            continue
        entry = entry_from_profile(profile)
        if char in week:
            chosen = week[char]
            entry = SheetEntry(char, chosen.pinyin, chosen.gloss or entry.meaning, entry.strokes)
        entries.append(entry)
    return DeckSheet(tuple(entries), tuple(missing))
