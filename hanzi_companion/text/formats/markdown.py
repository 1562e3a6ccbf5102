"""Ordinary markdown and plain text: sections and pages as slides; front matter; the format
of a markdown body (remark, flattened, markdown or text)."""

from __future__ import annotations

import re

from hanzi_companion.text.formats import FLATTENED, MARKDOWN, REMARK_MARKDOWN, TEXT
from hanzi_companion.text.formats.flattened import unflatten
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

_FRONT_KEY = re.compile(r"^[\w-]+[ \t]*:", re.ASCII)
_MARKDOWN_HINT = re.compile(r"^(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s|```)|\]\(|\*\*", re.M)
HEADING_LINE = re.compile(r"^(#{1,6})[ \t]")
_REMARK_PROPERTY_START = re.compile(
    r"(?:" + "|".join(re.escape(key) for key in REMARK_PROPERTIES) + r")[ \t]*:(?:[ \t]|$)"
)


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Jekyll front matter (``---`` YAML ``---`` at the top) is not a slide: split it off.

    A remark deck may also start with ``---`` (an empty first slide) followed by slide
    properties; it is front matter only if it starts with a ``key:`` line, holds no markdown
    heading, and has a key remark does not know as a property or a ``layout`` that is not
    ``true``/``false``.
    """
    if not text.startswith("---\n"):
        return text, {}
    end = text.find("\n---\n", 3)
    if end < 0:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            return text, {}
    block = text[4:end]
    if not _FRONT_KEY.match(block.lstrip("\n")):
        return text, {}
    values: dict[str, str] = {}
    for line in block.split("\n"):
        if HEADING_LINE.match(line):
            return text, {}  # a markdown heading: these are slides, not YAML
        # other lines continue a value (a quoted description over several lines) or list
        if _FRONT_KEY.match(line):
            key, _, value = line.partition(":")
            values.setdefault(key.strip().lower(), value.strip().strip("\"'"))
    foreign = [key for key in values if key not in REMARK_PROPERTIES]
    layout = values.get("layout", "true").lower()
    if not foreign and layout in ("true", "false"):
        return text, {}
    return text[end + 5 :], values


def detect_format(body: str) -> str:
    fence = ""
    inline_separators = 0
    non_empty = 0
    for line in body.split("\n"):
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            continue
        fence_match = FENCE_LINE.match(line)
        if fence_match:
            fence = fence_match.group(1)
            continue
        if line in (SEPARATOR, STEP, NOTES):
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
    return MARKDOWN if _MARKDOWN_HINT.search(body) else TEXT


def section_slides(body: str) -> list[Slide]:
    """Markdown without separators: one slide per section of its top heading level."""
    lines = body.split("\n")
    fenced = fenced_ranges(lines)
    in_fence = [False] * len(lines)
    for start, end in fenced:
        for index in range(start, end + 1):
            in_fence[index] = True
    levels = [
        len(match.group(1))
        for index, line in enumerate(lines)
        if not in_fence[index] and (match := HEADING_LINE.match(line))
    ]
    # Split at the highest level used at least twice (a lone document title does not count).
    top = min((level for level in set(levels) if levels.count(level) >= 2), default=0)
    if not top:
        return page_slides(body)
    definitions = link_definitions(body) if "]:" in body else {}
    sections: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        match = None if in_fence[index] else HEADING_LINE.match(line)
        if match and len(match.group(1)) <= top and any(s.strip() for s in sections[-1]):
            sections.append([])
        sections[-1].append(line)
    raws = [RawSlide(content=section) for section in sections if any(s.strip() for s in section)]
    return [build_slide(number, [raw], definitions) for number, raw in enumerate(raws, 1)]


def page_slides(body: str, keep_lines: bool = False) -> list[Slide]:
    """Plain text: one slide, or one per page where form feeds separate pages."""
    definitions = link_definitions(body) if "]:" in body else {}
    pages = [page for page in body.split("\f") if page.strip()] or [body]
    return [
        build_slide(number, [RawSlide(content=page.split("\n"))], definitions, keep_lines)
        for number, page in enumerate(pages, 1)
    ]
