"""reveal.js pages: ``<section>`` slides inside ``<div class="slides">``.

A section holding sections is a vertical stack: each inner section is a slide, numbered in
reading order. ``<aside class="notes">`` and ``data-notes`` are the speaker notes. A
``data-markdown`` section holds markdown in ``<textarea data-template>`` (or a ``<script
type="text/template">``), one slide unless ``data-separator`` attributes split it, with the
notes after a ``Note:`` line, as reveal's markdown plugin reads it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hanzi_companion.patterns import compile_pattern
from hanzi_companion.text.formats.html_page import Element, element_prose
from hanzi_companion.text.formats.remark import RawSlide, build_slide, dedent
from hanzi_companion.text.markup import link_definitions, normalise_text
from hanzi_companion.text.models import Slide, SlideLink

_NOTES_CLASS = frozenset(["notes"])
_DEFAULT_SEPARATOR = "---"
_NOTES_LINE = compile_pattern(r"^\s*notes?:", re.I)
# What a separator attribute's regular expression may wrap around a literal line: anchors,
# line breaks and optional spaces. Anything else is not read as a regular expression (a page
# from anywhere must not run its own patterns here), and the default is used.
_REGEX_FRAME = compile_pattern(r"\^|\$|\\r\??|\\n|\\s\*|\(\?:\\r\?\\n\|\\n\)")
_REGEX_SPECIAL = compile_pattern(r"[\\^$.|?*+()\[\]{}]")


def is_reveal(root: Element) -> bool:
    """Whether a page is a reveal.js presentation: a ``.reveal`` holding ``.slides``."""
    return any(
        "slides" in element.classes and element.find("section") is not None
        for element in root.elements()
        if element.tag == "div"
    )


def reveal_slides(root: Element) -> list[Slide]:
    """The slides of a reveal.js page, in reading order (vertical stacks flattened)."""
    container = next(
        element
        for element in root.elements()
        if element.tag == "div" and "slides" in element.classes
    )
    slides: list[Slide] = []
    for section in _leaf_sections(container):
        for slide in _section_slides(section):
            slides.append(replace(slide, number=len(slides) + 1))
    return slides


def _leaf_sections(element: Element) -> list[Element]:
    found: list[Element] = []
    for child in element.children:
        if not isinstance(child, Element):
            continue
        if child.tag != "section":
            found.extend(_leaf_sections(child))
        elif any(isinstance(c, Element) and c.tag == "section" for c in child.children):
            found.extend(_leaf_sections(child))  # a vertical stack
        else:
            found.append(child)
    return found


def _section_slides(section: Element) -> list[Slide]:
    if section.has("data-markdown"):
        return _markdown_slides(section)
    prose = element_prose(section, _NOTES_CLASS)
    notes_lines: list[str] = []
    notes_links: list[SlideLink] = []
    for element in section.elements():
        if element.tag == "aside" and "notes" in element.classes:
            notes = element_prose(element)
            notes_lines.extend(notes.lines)
            notes_links.extend(notes.links)
    if section.attrs.get("data-notes"):
        notes_lines.append(normalise_text(" ".join(section.attrs["data-notes"].split())))
    return [
        Slide(
            number=1,
            title=prose.headings[0][1] if prose.headings else "",
            text="\n".join(prose.lines),
            notes="\n".join(notes_lines),
            links=prose.links,
            headings=prose.headings,
            notes_links=tuple(notes_links),
        )
    ]


def _markdown_slides(section: Element) -> list[Slide]:
    """A ``data-markdown`` section: its markdown split as reveal's markdown plugin splits it."""
    template = section.find("textarea") or section.find("script")
    source = (template or section).raw_text()
    source = normalise_text(source.replace("\r\n", "\n"))
    lines = dedent(source.split("\n"))
    split = any(section.has(name) for name in ("data-separator", "data-separator-vertical"))
    separators = set()
    if split:
        separators = {
            _literal_line(section.attrs.get("data-separator", ""), _DEFAULT_SEPARATOR),
            _literal_line(section.attrs.get("data-separator-vertical", ""), ""),
        } - {""}
    raws = [RawSlide()]
    for line in lines:
        if line.strip() in separators:
            raws.append(RawSlide())
        elif raws[-1].notes is None and _NOTES_LINE.match(line):
            raws[-1].notes = [_NOTES_LINE.sub("", line, count=1).strip()]
        else:
            raws[-1].add(line)
    text = "\n".join(lines)
    definitions = link_definitions(text) if "]:" in text else {}
    kept = [raw for raw in raws if any(line.strip() for line in raw.content + (raw.notes or []))]
    return [build_slide(1, [raw], definitions) for raw in kept or raws[:1]]


def _literal_line(pattern: str, default: str) -> str:
    """The line a separator pattern matches (``^\\n---\\n$`` -> ``---``), or ``default``."""
    literal = _REGEX_FRAME.sub("", pattern).strip()
    if not literal or _REGEX_SPECIAL.search(literal):
        return default
    return literal
