"""Stroke-order drawings, drawn here from the Make Me a Hanzi graphics (hanzi-writer-data).

The data gives, for each stroke, an outline (an SVG path) and a median (the pen's path, first
point where the brush starts). Coordinates live in a 1024-unit box whose y axis points up,
with the top of the box at y = 900; the drawings flip them with one group transform.

Two drawings, both plain standalone SVG (no script, no external resources):

- :func:`frames_svg`: one frame per stroke; earlier strokes dark, the new stroke highlighted
  and numbered at the point where the brush starts, the strokes to come in faint grey.
- :func:`animated_svg`: the strokes drawn one after the other by CSS animation of a thick
  median line clipped to each stroke's outline; it loops, and shows the finished character
  to readers who ask for reduced motion.

The graphics derive from Arphic fonts (Arphic Public License); pages showing them credit it.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

BOX = 1024
"""Width and height of the data's coordinate box."""
_TOP = 900
"""The data's y coordinate of the top edge of the box (its y axis points up)."""
_FLIP = f"translate(0 {_TOP}) scale(1 -1)"

Point = tuple[int, int]


@dataclass(frozen=True)
class StrokeData:
    """The strokes of one character in writing order."""

    outlines: tuple[str, ...]  # SVG path data of each stroke's outline
    medians: tuple[tuple[Point, ...], ...]  # the brush's path through each stroke
    radical_strokes: tuple[int, ...] = ()  # indexes of the strokes that form the radical

    @property
    def count(self) -> int:
        return len(self.outlines)


@dataclass(frozen=True)
class FrameStyle:
    """Colours and sizes of the frame diagram (CSS colour values)."""

    frame_size: int = 96
    columns: int = 8
    gap: int = 6
    done: str = "#333333"
    new: str = "#c0392b"
    todo: str = "#dddddd"
    grid: str = "#cccccc"
    label: str = "#ffffff"


def _view_point(point: Point) -> tuple[float, float]:
    """A data point in the flipped (y down) view coordinates."""
    return float(point[0]), float(_TOP - point[1])


def _median_length(median: tuple[Point, ...]) -> float:
    return sum(math.dist(a, b) for a, b in itertools.pairwise(median))


def _polyline(median: tuple[Point, ...]) -> str:
    """Path data of a median in view coordinates (a lone point becomes a dot)."""
    points = [_view_point(p) for p in median] or [(BOX / 2, BOX / 2)]
    if len(points) == 1:
        points.append(points[0])
    head, *rest = points
    return f"M{head[0]:g} {head[1]:g}L" + " ".join(f"{x:g} {y:g}" for x, y in rest)


def _check(data: StrokeData) -> None:
    if not data.outlines:
        raise ValueError("no strokes to draw")
    if len(data.medians) != len(data.outlines):
        raise ValueError("every stroke needs one median")


def _grid(size: float, colour: str, width: float) -> str:
    """A practice square with a dashed centre cross (田字格), ``size`` units wide."""
    from xml.sax.saxutils import quoteattr  # imports urllib: only when drawing

    half = size / 2
    return (
        f'<g fill="none" stroke={quoteattr(colour)} stroke-width="{width:g}">'
        f'<rect x="0" y="0" width="{size:g}" height="{size:g}"/>'
        f'<path d="M0 {half:g}H{size:g}M{half:g} 0V{size:g}" stroke-dasharray="{width * 4:g}"/>'
        "</g>"
    )


def frames_svg(data: StrokeData, character: str = "", style: FrameStyle | None = None) -> str:
    """One frame per stroke: earlier strokes dark, the new one highlighted and numbered."""
    from xml.sax.saxutils import escape, quoteattr  # imports urllib: only when drawing

    _check(data)
    style = style or FrameStyle()
    count = data.count
    columns = max(1, min(style.columns, count))
    rows = math.ceil(count / columns)
    step = style.frame_size + style.gap
    width = columns * step - style.gap
    height = rows * step - style.gap
    scale = style.frame_size / BOX
    title = f"Stroke order of {character}" if character else "Stroke order"
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(title)} ({count} strokes)</title>",
    ]
    for index in range(count):
        x = (index % columns) * step
        y = (index // columns) * step
        parts.append(
            f'<g class="frame" data-stroke="{index + 1}" '
            f'transform="translate({x} {y}) scale({scale:.6g})">'
        )
        parts.append(_grid(BOX, style.grid, 6))
        parts.append(f'<g transform="{_FLIP}">')
        for other, outline in enumerate(data.outlines):
            if other < index:
                fill, cls = style.done, "done"
            elif other == index:
                fill, cls = style.new, "new"
            else:
                fill, cls = style.todo, "todo"
            parts.append(f'<path class="{cls}" fill={quoteattr(fill)} d={quoteattr(outline)}/>')
        parts.append("</g>")
        parts.append(_number_label(data.medians[index], index + 1, style))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _number_label(median: tuple[Point, ...], number: int, style: FrameStyle) -> str:
    """The stroke number in a disc where the brush starts (kept inside the frame)."""
    from xml.sax.saxutils import quoteattr  # imports urllib: only when drawing

    radius = 92
    cx, cy = _view_point(median[0]) if median else (radius, radius)
    cx = min(max(cx, radius), BOX - radius)
    cy = min(max(cy, radius), BOX - radius)
    return (
        f'<g class="number"><circle cx="{cx:g}" cy="{cy:g}" r="{radius}" '
        f"fill={quoteattr(style.new)}/>"
        f'<text x="{cx:g}" y="{cy:g}" dy="0.35em" text-anchor="middle" font-size="124" '
        f'font-family="sans-serif" font-weight="bold" fill={quoteattr(style.label)}>'
        f"{number}</text></g>"
    )


@dataclass(frozen=True)
class AnimationStyle:
    """Size, colours and pace of the animated drawing."""

    size: int = 256
    ink: str = "#333333"
    outline: str = "#dddddd"
    grid: str = "#cccccc"
    speed: float = 1200.0  # data units per second along the median
    pause: float = 0.25  # seconds between strokes
    hold: float = 1.5  # seconds the finished character stays before the loop restarts
    brush: int = 128  # width of the line that fills a stroke (wider than any stroke)


def animated_svg(
    data: StrokeData,
    character: str = "",
    style: AnimationStyle | None = None,
    id_prefix: str = "",
) -> str:
    """The strokes drawn in order by a looping CSS animation (no script).

    ``id_prefix`` keeps element ids and class names unique when several drawings are
    inlined into one HTML page; by default it is derived from the character.
    """
    from xml.sax.saxutils import escape, quoteattr  # imports urllib: only when drawing

    _check(data)
    style = style or AnimationStyle()
    prefix = id_prefix or ("hcs" + (f"{ord(character):x}" if len(character) == 1 else "") + "-")
    timings: list[tuple[float, float]] = []
    clock = 0.0
    lengths = []
    for median in data.medians:
        length = max(_median_length(median), 1.0)
        lengths.append(length)
        duration = length / style.speed
        timings.append((clock, clock + duration))
        clock += duration + style.pause
    total = clock - style.pause + style.hold

    css = [
        f".{prefix}ink{{fill:none;stroke:{style.ink};stroke-width:{style.brush};"
        "stroke-linecap:round;stroke-linejoin:round}"
    ]
    for index, ((start, end), length) in enumerate(zip(timings, lengths, strict=True)):
        dash = math.ceil(length) + style.brush
        begin = 100 * start / total
        finish = 100 * end / total
        css.append(
            f"@keyframes {prefix}k{index}{{0%,{begin:.3f}%{{stroke-dashoffset:{dash}}}"
            f"{finish:.3f}%,100%{{stroke-dashoffset:0}}}}"
        )
        css.append(
            f".{prefix}s{index}{{stroke-dasharray:{dash} {dash};stroke-dashoffset:{dash};"
            f"animation:{prefix}k{index} {total:.3f}s linear infinite}}"
        )
    css.append(
        "@media (prefers-reduced-motion: reduce){"
        f".{prefix}ink{{animation:none;stroke-dashoffset:0}}}}"
    )

    title = f"Stroke order of {character}" if character else "Stroke order"
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{style.size}" height="{style.size}" viewBox="0 0 {BOX} {BOX}" role="img">',
        f"<title>{escape(title)} (animated, {data.count} strokes)</title>",
        f"<style>{''.join(css)}</style>",
        "<defs>",
    ]
    for index, outline in enumerate(data.outlines):
        parts.append(
            f'<clipPath id="{prefix}c{index}"><path transform="{_FLIP}" '
            f"d={quoteattr(outline)}/></clipPath>"
        )
    parts.append("</defs>")
    parts.append(_grid(BOX, style.grid, 6))
    parts.append(f'<g transform="{_FLIP}" fill={quoteattr(style.outline)}>')
    parts.extend(f"<path d={quoteattr(outline)}/>" for outline in data.outlines)
    parts.append("</g>")
    for index, median in enumerate(data.medians):
        # Both the clip path and the line are in view coordinates (y down).
        parts.append(
            f'<g clip-path="url(#{prefix}c{index})"><path class="{prefix}ink {prefix}s{index}" '
            f'd="{_polyline(median)}"/></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
