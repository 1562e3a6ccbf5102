"""Plain text exported from slides: a marker line starts each slide (``Slide 3``, ``--- Slide 3
---``, ``Folie 3``, ``幻灯片 3``), a ``Notes:`` line starts its speaker notes.

The markers are told by :data:`~hanzi_companion.text.labels.SLIDE_MARKER`; a text with fewer
than two of them, or whose numbers go back, is no such export and is read as plain text. The
slides keep the numbers their markers give, so links match the original deck.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from hanzi_companion.text.formats.remark import RawSlide, build_slide
from hanzi_companion.text.labels import NOTES_MARKER, SLIDE_MARKER
from hanzi_companion.text.markup import link_definitions
from hanzi_companion.text.models import Slide


def export_slides(body: str) -> list[Slide] | None:
    """The slides of a text export, or None when ``body`` has no slide markers."""
    lines = body.split("\n")
    markers: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        found = SLIDE_MARKER.match(line) if len(line) < 80 else None
        if found:
            markers.append((index, int(found.group(1))))
    numbers = [number for _, number in markers]
    if len(markers) < 2 or any(b <= a for a, b in itertools.pairwise(numbers)):
        return None
    definitions = link_definitions(body) if "]:" in body else {}
    slides: list[Slide] = []
    head = lines[: markers[0][0]]
    for position, (index, number) in enumerate(markers):
        end = markers[position + 1][0] if position + 1 < len(markers) else len(lines)
        content = lines[index + 1 : end]
        if position == 0 and any(line.strip() for line in head):
            content = head + content  # a title written above the first marker
        slide = build_slide(number, [_raw_slide(content)], definitions, keep_lines=True)
        slides.append(_titled(slide))
    return slides


def _titled(slide: Slide) -> Slide:
    """An exported slide's first line is its title (exports keep no heading markup)."""
    if slide.headings or not slide.text:
        return slide
    first = slide.text.split("\n", 1)[0]
    return replace(slide, title=first, headings=((1, first),))


def _raw_slide(lines: list[str]) -> RawSlide:
    raw = RawSlide()
    for line in lines:
        notes = NOTES_MARKER.match(line) if raw.notes is None else None
        if notes:
            raw.notes = [line[notes.end() :]]
        else:
            raw.add(line)
    return raw
