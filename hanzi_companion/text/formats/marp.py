"""Marp decks (``marp: true`` in the front matter): CommonMark slides split by rulers.

As in Marpit, a horizontal ruler (``---``, ``***``, ``___``, ``- - -``) starts a slide, but a
``---`` line right under a paragraph line underlines a setext heading and splits nothing; a
``headingDivider`` directive also starts a slide before each heading of that level or above.
HTML comments are directives when they hold ``key: value`` lines of Marp's directives, and
presenter notes otherwise.
"""

from __future__ import annotations

import re

from hanzi_companion.patterns import LazyPattern
from hanzi_companion.text.formats.front_matter import FrontMatter, load_yaml
from hanzi_companion.text.formats.remark import RawSlide, build_slide, fenced_ranges
from hanzi_companion.text.markup import link_definitions
from hanzi_companion.text.models import Slide

_RULER = LazyPattern(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT_UNDERLINE = LazyPattern(r"^ {0,3}(?:-+|=+)[ \t]*$")
# Lines after which a ``---`` is a ruler, not a setext underline: none of them is a paragraph.
_NOT_PARAGRAPH = LazyPattern(
    r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|>|```|~~~|<)"
)
_HEADING = LazyPattern(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_COMMENT = LazyPattern(r"<!--(.*?)-->", re.S)
_DIRECTIVES = frozenset(
    [
        "theme",
        "style",
        "headingDivider",
        "lang",
        "marp",
        "size",
        "math",
        "title",
        "author",
        "description",
        "image",
        "keywords",
        "url",
        "paginate",
        "header",
        "footer",
        "class",
        "backgroundColor",
        "backgroundImage",
        "backgroundPosition",
        "backgroundRepeat",
        "backgroundSize",
        "color",
        "transition",
    ]
)


def is_marp(front: FrontMatter) -> bool:
    """Whether the front matter says the deck is a Marp deck."""
    return front.get("marp", "").lower() == "true"


def is_setext_underline(lines: list[str], index: int) -> bool:
    """Whether ``lines[index]`` underlines the paragraph line above it (``Title`` / ``---``)."""
    if index == 0 or not _SETEXT_UNDERLINE.match(lines[index]):
        return False
    above = lines[index - 1]
    return bool(above.strip()) and not _NOT_PARAGRAPH.match(above) and not _RULER.match(above)


def marp_slides(body: str, front: FrontMatter) -> list[Slide]:
    """The slides of a Marp deck's body (front matter already split off)."""
    lines = body.split("\n")
    divider = _heading_divider(front, body)
    fenced = {index for start, end in fenced_ranges(lines) for index in range(start, end + 1)}
    pages: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        if index not in fenced:
            if _RULER.match(line) and not is_setext_underline(lines, index):
                pages.append([])
                continue
            heading = _HEADING.match(line)
            if heading and len(heading.group(1)) <= divider and any(s.strip() for s in pages[-1]):
                pages.append([])
        pages[-1].append(line)
    definitions = link_definitions(body) if "]:" in body else {}
    raws = [_raw_slide(page) for page in pages]
    return [build_slide(number, [raw], definitions) for number, raw in enumerate(raws, 1)]


def _heading_divider(front: FrontMatter, body: str) -> int:
    """The ``headingDivider`` level of the deck (0: none), from front matter or a comment."""
    value = front.get("headingdivider", "")
    for comment in _COMMENT.findall(body):
        found = _directives(comment).get("headingDivider")
        if found is not None:
            value = str(found)
    return int(value) if value.isdigit() and 1 <= int(value) <= 6 else 0


def _raw_slide(page: list[str]) -> RawSlide:
    """One page: its text with comments taken out, the comments that are not directives as
    its presenter notes."""
    text = "\n".join(page)
    notes: list[str] = []

    def take(match: re.Match[str]) -> str:
        if not _directives(match.group(1)):
            notes.append(match.group(1).strip())
        return ""

    content = _COMMENT.sub(take, text)
    return RawSlide(content=content.split("\n"), notes="\n\n".join(notes).split("\n"))


def _directives(comment: str) -> dict[str, object]:
    """The Marp directives a comment holds (``_class: lead``), or none."""
    loaded = load_yaml(comment)
    if not isinstance(loaded, dict) or not loaded:
        return {}
    keys = [str(key).lstrip("_") for key in loaded]
    if not all(key in _DIRECTIVES for key in keys):
        return {}
    return {str(key).lstrip("_"): value for key, value in loaded.items()}
