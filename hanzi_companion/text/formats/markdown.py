"""Ordinary markdown and plain text: sections and pages as slides; front matter; the format
of a markdown body (remark, flattened, markdown or text)."""

from __future__ import annotations

import re

from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.formats import FLATTENED, MARKDOWN, REMARK_MARKDOWN, TEXT
from hanzi_companion.text.formats.flattened import unflatten
from hanzi_companion.text.formats.marp import is_setext_underline
from hanzi_companion.text.formats.remark import (
    FENCE_LINE,
    NOTES,
    REMARK_PROPERTIES,
    SEPARATOR,
    STEP,
    RawSlide,
    build_slide,
    fenced_ranges,
)
from hanzi_companion.text.markup import link_definitions
from hanzi_companion.text.models import Slide

_MARKDOWN_HINT = LazyPattern(r"^(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s|```)|\]\(|\*\*", re.M)
HEADING_LINE = LazyPattern(r"^(#{1,6})[ \t]")
_TOP_ATX = compile_pattern(r"^#{1,2}[ \t]", re.M)
_REMARK_PROPERTY_START = LazyPattern(
    r"(?:" + "|".join(re.escape(key) for key in REMARK_PROPERTIES) + r")[ \t]*:(?:[ \t]|$)"
)


def detect_format(body: str) -> str:
    fence = ""
    inline_separators = 0
    non_empty = 0
    lines = body.split("\n")
    atx_top = _TOP_ATX.search(body) is not None
    for index, line in enumerate(lines):
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            continue
        fence_match = FENCE_LINE.match(line)
        if fence_match:
            fence = fence_match.group(1)
            continue
        if line in (STEP, NOTES) or (line == SEPARATOR and _separates(lines, index, atx_top)):
            return REMARK_MARKDOWN
        if line.strip():
            non_empty += 1
            if "---" in line:
                inline_separators += line.count(" --- ")
                inline_separators += line.startswith("--- ") + line.endswith(" ---")
    # A flattened deck has more separators than lines: the whole deck on one line, or one
    # slide a line; a " --- " dash in a few lines of prose does not make a deck.
    if (non_empty == 1 and inline_separators) or 2 <= inline_separators >= non_empty - 1:
        return FLATTENED
    first = body.lstrip().split("\n", 1)[0]
    if _REMARK_PROPERTY_START.match(first):
        # slide properties on top: remark, on one line (flattened) or on lines of their own
        return FLATTENED if non_empty == 1 else REMARK_MARKDOWN
    if non_empty == 1 and sum(1 for line in unflatten(first).split("\n") if line) > 1:
        return FLATTENED  # one slide flattened: headings, items, notes run inline
    if _MARKDOWN_HINT.search(body) or any(
        len(line.strip()) >= 3 and is_setext_underline(lines, index)
        for index, line in enumerate(lines)
        if line[:1] in "=-"
    ):
        return MARKDOWN
    return TEXT


def _separates(lines: list[str], index: int, atx_top: bool) -> bool:
    """Whether a ``---`` line separates remark slides: it does unless it underlines the line
    above as a setext heading, in a document whose top headings are not written ``#``/``##``
    (who underlines headings does so for those) and with no slide properties below it."""
    if atx_top or not is_setext_underline(lines, index):
        return True
    below = lines[index + 1] if index + 1 < len(lines) else ""
    return _REMARK_PROPERTY_START.match(below) is not None


def section_slides(body: str) -> list[Slide]:
    """Markdown without separators: one slide per section of its top heading level.

    Headings are ATX (``## Title``) or setext (``Title`` underlined with ``===`` or ``---``).
    """
    lines = body.split("\n")
    headings = _heading_lines(lines)
    levels = list(headings.values())
    # Split at the highest level used at least twice (a lone document title does not count).
    top = min((level for level in set(levels) if levels.count(level) >= 2), default=0)
    if not top:
        return page_slides(body)
    definitions = link_definitions(body) if "]:" in body else {}
    sections: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        if headings.get(index, top + 1) <= top and any(s.strip() for s in sections[-1]):
            sections.append([])
        sections[-1].append(line)
    raws = [RawSlide(content=section) for section in sections if any(s.strip() for s in section)]
    return [build_slide(number, [raw], definitions) for number, raw in enumerate(raws, 1)]


def _heading_lines(lines: list[str]) -> dict[int, int]:
    """The index of each heading's first line, outside code fences, and its level."""
    in_fence = [False] * len(lines)
    for start, end in fenced_ranges(lines):
        for index in range(start, end + 1):
            in_fence[index] = True
    found: dict[int, int] = {}
    for index, line in enumerate(lines):
        if in_fence[index]:
            continue
        match = HEADING_LINE.match(line)
        if match:
            found[index] = len(match.group(1))
        elif is_setext_underline(lines, index) and not in_fence[index - 1]:
            found[index - 1] = 1 if line.strip().startswith("=") else 2
    return found


def page_slides(body: str, keep_lines: bool = False) -> list[Slide]:
    """Plain text: one slide, or one per page where form feeds separate pages."""
    definitions = link_definitions(body) if "]:" in body else {}
    pages = [page for page in body.split("\f") if page.strip()] or [body]
    return [
        build_slide(number, [RawSlide(content=page.split("\n"))], definitions, keep_lines)
        for number, page in enumerate(pages, 1)
    ]
