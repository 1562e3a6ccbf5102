"""remark.js markdown: ``---`` slides, ``--`` steps, ``???`` notes, slide properties, templates.

Slides are numbered as remark numbers them, so that ``deck.html#12`` opens the right slide:
every ``--`` step is a slide of its own in remark's count, so a slide's ``number`` is the
number of its first step and a slide with three steps takes three numbers. ``layout: true``
templates and ``exclude: true`` slides take none.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.markup import clean_markdown, link_definitions
from hanzi_companion.text.models import Slide

# Properties remark reads at the top of a slide (only these are recognised inside a flattened
# line, where anything else would be prose).
REMARK_PROPERTIES = (
    "class",
    "name",
    "background-image",
    "background-size",
    "background-position",
    "background-color",
    "background-repeat",
    "layout",
    "template",
    "count",
    "exclude",
    "seq",
)

SEPARATOR = "---"
STEP = "--"
NOTES = "???"
FENCE_LINE = compile_pattern(r"^ *(`{3,}|~{3,})")
_PROPERTY_LINE = compile_pattern(r"^([-\w]+):([^$\n]*)", re.ASCII)
_PROPERTY_COMMENT = LazyPattern(r"<!--\s*([-\w]+):([^$\n<>]*)-->", re.ASCII)


@dataclass
class RawSlide:
    """One slide or step as remark's parser sees it, before its markup is cleaned."""

    content: list[str] = field(default_factory=list)
    notes: list[str] | None = None
    continued: bool = False
    properties: list[tuple[str, str]] = field(default_factory=list)

    def add(self, line: str) -> None:
        if self.notes is not None:
            self.notes.append(line)
        else:
            self.content.append(line)

    def property(self, name: str) -> str:
        for key, value in self.properties:
            if key == name:
                return value
        return ""


def dedent(lines: list[str]) -> list[str]:
    """Remove the indentation all lines share, as remark does (decks indented in HTML)."""
    if any(line[:1] not in ("", " ", "\t") for line in lines[:50]):
        return lines  # a line that starts at column 0: nothing is shared (the usual case)
    widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
    shared = min(widths, default=0)
    if not shared:
        return lines
    return [line[shared:] if line[:shared].strip() == "" else line.lstrip(" \t") for line in lines]


def fenced_ranges(lines: list[str]) -> list[tuple[int, int]]:
    """Index ranges of fenced code blocks with a closing fence (remark ignores others)."""
    by_marker: dict[str, list[int]] = {}
    openers: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        match = FENCE_LINE.match(line)
        if match:
            marker = match.group(1)
            openers.append((index, marker))
            if not line[match.end() :].strip():
                by_marker.setdefault(marker, []).append(index)
    ranges: list[tuple[int, int]] = []
    after = -1
    for index, marker in openers:
        if index <= after:
            continue
        closers = by_marker.get(marker, [])
        position = bisect.bisect_right(closers, index)
        if position < len(closers):
            after = closers[position]
            ranges.append((index, after))
    return ranges


def _split_remark(source: str) -> list[RawSlide]:
    """Split remark markdown on ``---``/``--``/``???`` lines, as remark's lexer does."""
    lines = dedent(source.split("\n"))
    fenced = fenced_ranges(lines)
    slides = [RawSlide()]
    fence_index = 0
    index = 0
    while index < len(lines):
        if fence_index < len(fenced) and fenced[fence_index][0] == index:
            start, end = fenced[fence_index]
            for line in lines[start : end + 1]:
                slides[-1].add(line)
            index = end + 1
            fence_index += 1
            continue
        line = lines[index]
        if line in (SEPARATOR, STEP):
            slides.append(RawSlide(continued=line == STEP))
        elif line == NOTES:
            slides[-1].notes = []
        else:
            slides[-1].add(line)
        index += 1
    for slide in slides:
        _extract_properties(slide)
    return [slide for slide in slides if slide.property("exclude").lower() != "true"]


def _extract_properties(slide: RawSlide) -> None:
    """Slide properties: ``key: value`` lines at the top, or ``<!-- key: value -->``."""
    lines = slide.content
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line:
            index += 1
            continue
        match = _PROPERTY_LINE.match(line)
        if not match:
            break
        slide.properties.append((match.group(1).strip(), match.group(2).strip()))
        index += 1
    if slide.properties:
        del lines[:index]
    for position, line in enumerate(lines):
        if "<!--" in line and _PROPERTY_COMMENT.search(line):
            for match in _PROPERTY_COMMENT.finditer(line):
                slide.properties.append((match.group(1).strip(), match.group(2).strip()))
            lines[position] = _PROPERTY_COMMENT.sub("", line)


def remark_slides(source: str) -> list[Slide]:
    """Remark markdown to slides numbered as remark numbers them.

    As in remark, a slide takes the properties of its template (the previous step for a
    ``--`` step, a ``template: name`` slide, else the current ``layout: true`` slide), classes
    joined, and ``{{property}}`` in its text is replaced by the property's value. A template's
    content is not copied into each slide's prose (it would repeat on every slide).
    """
    raws = _split_remark(source)
    definitions = link_definitions(source) if "]:" in source else {}
    groups: list[tuple[int, list[RawSlide]]] = []
    by_name: dict[str, list[tuple[str, str]]] = {}
    layout: list[tuple[str, str]] | None = None
    previous: list[tuple[str, str]] | None = None
    number = 0
    for raw in raws:
        own = dict(raw.properties)
        template: list[tuple[str, str]] | None = None
        if raw.continued and previous is not None:
            template = previous
        elif own.get("template") in by_name:
            template = by_name[own["template"]]
        elif own.get("layout", "").lower() == "false":
            layout = None
        elif layout is not None and own.get("layout", "").lower() != "true":
            template = layout
        if template:
            raw.properties = _inherit(raw.properties, template)
        if "{{" in "".join(raw.content):
            raw.content = _expand_variables(raw.content, dict(raw.properties))
        if own.get("name"):
            by_name[own["name"]] = raw.properties
        if own.get("layout", "").lower() == "true":
            layout = raw.properties
            continue  # a template: shown on later slides, not a slide of its own
        previous = raw.properties
        number += 1
        if raw.continued and groups:
            groups[-1][1].append(raw)
        else:
            groups.append((number, [raw]))
    return [build_slide(number, steps, definitions) for number, steps in groups]


_NOT_INHERITED = frozenset(("name", "layout", "count"))
_VARIABLE = LazyPattern(r"(\\)?\{\{([^}\n]+)\}\}")


def _inherit(own: list[tuple[str, str]], template: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A slide's properties given its template's: classes are joined, the rest filled in."""
    mine = dict(own)
    result = list(own)
    for key, value in template:
        if key in _NOT_INHERITED:
            continue
        if key == "class" and mine.get("class"):
            joined = ", ".join(part for part in (value, mine["class"]) if part)
            result = [(k, joined if k == "class" else v) for k, v in result]
        elif key not in mine:
            result.append((key, value))
    return result


def _expand_variables(lines: list[str], properties: dict[str, str]) -> list[str]:
    """Replace ``{{name}}`` by the slide's property (``\\{{name}}`` stays as written)."""

    def expand(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group()[1:]
        return properties.get(match.group(2).strip(), match.group())

    return [_VARIABLE.sub(expand, line) if "{{" in line else line for line in lines]


# Between the steps of a slide while its markup is cleaned: a line of its own that no deck holds
# (a NUL character is refused on input), found again in the prose to number each line's step.
_STEP_MARK = "\x00"
_STEP_JOIN = "\n\n" + _STEP_MARK + "\n\n"


def build_slide(
    number: int, steps: list[RawSlide], definitions: dict[str, str], keep_lines: bool = False
) -> Slide:
    if len(steps) == 1:
        content = "\n".join(steps[0].content)
        notes = "\n".join(steps[0].notes or ())
    else:
        # a step ends a paragraph, as in remark, where it is a slide of its own
        content = _STEP_JOIN.join("\n".join(step.content) for step in steps)
        notes = _STEP_JOIN.join("\n".join(step.notes or ()) for step in steps)
    prose = clean_markdown(content, definitions, keep_lines)
    has_notes = any(step.notes and "".join(step.notes).strip() for step in steps)
    notes_prose = clean_markdown(notes, definitions, keep_lines) if has_notes else None
    text_lines, text_steps = _step_offsets(prose.lines, len(steps))
    notes_lines, notes_steps = _step_offsets(notes_prose.lines if notes_prose else (), len(steps))
    properties: list[tuple[str, str]] = []
    seen: set[str] = set()
    for step in steps:
        for key, value in step.properties:
            if key not in seen:
                seen.add(key)
                properties.append((key, value))
    return Slide(
        number=number,
        title=prose.headings[0][1] if prose.headings else "",
        text="\n".join(text_lines),
        notes="\n".join(notes_lines),
        links=prose.links,
        properties=tuple(properties),
        headings=prose.headings,
        steps=len(steps),
        notes_links=notes_prose.links if notes_prose else (),
        text_steps=text_steps,
        notes_steps=notes_steps,
    )


def _step_offsets(lines: tuple[str, ...], steps: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Drop the step marks from a slide's prose lines; give each line its step (0-based).

    A mark that the markup joined to a line (it should stand alone) splits that line, so no
    text is numbered with a step before the one that shows it. One step: no offsets.
    """
    if steps == 1:
        return lines, ()
    kept: list[str] = []
    offsets: list[int] = []
    step = 0
    for line in lines:
        if _STEP_MARK not in line:
            kept.append(line)
            offsets.append(step)
            continue
        for index, piece in enumerate(line.split(_STEP_MARK)):
            if index:
                step += 1
            piece = piece.strip()
            if piece:
                kept.append(piece)
                offsets.append(step)
    if not any(offsets):
        return tuple(kept), ()
    return tuple(kept), tuple(offsets)
