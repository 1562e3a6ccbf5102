"""Shapes common fonts cannot show, drawn as small inline SVG: IDS operators and rare components.

Ideographic Description Characters (``⿰ ⿱ ⿴ ...``, U+2FF0–U+2FFF and U+31EF) and many
components (CJK strokes such as ``㇆``, Extension A such as ``㔾``, Extension B and later)
have no glyph in the CJK fonts most readers have (WenQuanYi, Windows' and many phones'
defaults): the character page showed empty boxes. Here:

- each IDS operator is an icon drawn by this module (a box split the way the operator says),
  with an accessible label ("left-right");
- a rare character is drawn from its stroke outlines (Make Me a Hanzi graphics) when the data
  has it, else, for a CJK stroke, from this module's own stroke table, else from its own
  description (``⿱井一`` lays out 井 over 一), leaves in the page's font.

The text stays in the page, visually hidden, so copying and searching still find it. Nothing
here uses ``style`` (the pages' Content-Security-Policy forbids inline styles): sizes come from
classes in ``static/css/app.css``, drawing from SVG presentation attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from hanzi_companion.lexicon.characters import CharacterProfile
from hanzi_companion.lexicon.strokes import BOX, StrokeData

_TOP = 900  # the stroke data's y of the top edge (its y axis points up); see lexicon.strokes
_FLIP = f"translate(0 {_TOP}) scale(1 -1)"

StrokeSource = Callable[[str], StrokeData | None]


# -- IDS operators ------------------------------------------------------------------------------

Box = tuple[float, float, float, float]  # x, y, width, height in the unit square


@dataclass(frozen=True)
class IdsOperator:
    """An Ideographic Description Character: how its components are laid out."""

    char: str
    label: str  # plain words, read out by screen readers
    regions: tuple[Box, ...]  # where each component goes (unary operators: one region)
    icon: str  # SVG path data of the icon in a 16-unit box


_FRAME = "M1.5 1.5h13v13h-13z"
_OPERATORS = (
    IdsOperator("⿰", "left-right", ((0, 0, 0.5, 1), (0.5, 0, 0.5, 1)), _FRAME + "M8 1.5v13"),
    IdsOperator("⿱", "top-bottom", ((0, 0, 1, 0.5), (0, 0.5, 1, 0.5)), _FRAME + "M1.5 8h13"),
    IdsOperator(
        "⿲",
        "left-middle-right",
        ((0, 0, 1 / 3, 1), (1 / 3, 0, 1 / 3, 1), (2 / 3, 0, 1 / 3, 1)),
        _FRAME + "M5.8 1.5v13M10.2 1.5v13",
    ),
    IdsOperator(
        "⿳",
        "top-middle-bottom",
        ((0, 0, 1, 1 / 3), (0, 1 / 3, 1, 1 / 3), (0, 2 / 3, 1, 1 / 3)),
        _FRAME + "M1.5 5.8h13M1.5 10.2h13",
    ),
    IdsOperator(
        "⿴", "full surround", ((0, 0, 1, 1), (0.25, 0.25, 0.5, 0.5)), _FRAME + "M5 5h6v6h-6z"
    ),
    IdsOperator(
        "⿵",
        "surround from above",
        ((0, 0, 1, 1), (0.25, 0.3, 0.5, 0.7)),
        "M1.5 14.5v-13h13v13M5 5h6v9.5h-6z",
    ),
    IdsOperator(
        "⿶",
        "surround from below",
        ((0, 0, 1, 1), (0.25, 0, 0.5, 0.7)),
        "M1.5 1.5v13h13v-13M5 1.5h6v9.5h-6z",
    ),
    IdsOperator(
        "⿷",
        "surround from the left",
        ((0, 0, 1, 1), (0.3, 0.25, 0.7, 0.5)),
        "M14.5 1.5h-13v13h13M5 5h9.5v6h-9.5z",
    ),
    IdsOperator(
        "⿸",
        "surround from the upper left",
        ((0, 0, 1, 1), (0.3, 0.3, 0.7, 0.7)),
        "M14.5 1.5h-13v13M5 5h9.5v9.5h-9.5z",
    ),
    IdsOperator(
        "⿹",
        "surround from the upper right",
        ((0, 0, 1, 1), (0, 0.3, 0.7, 0.7)),
        "M1.5 1.5h13v13M1.5 5h9.5v9.5h-9.5z",
    ),
    IdsOperator(
        "⿺",
        "surround from the lower left",
        ((0, 0, 1, 1), (0.3, 0, 0.7, 0.7)),
        "M1.5 1.5v13h13M5 1.5h9.5v9.5h-9.5z",
    ),
    IdsOperator("⿻", "overlaid", ((0, 0, 1, 1), (0, 0, 1, 1)), "M1.5 1.5h9v9h-9zM5.5 5.5h9v9h-9z"),
    IdsOperator(
        "⿼",
        "surround from the right",
        ((0, 0, 1, 1), (0, 0.25, 0.7, 0.5)),
        "M1.5 1.5h13v13h-13M1.5 5h9.5v6h-9.5z",
    ),
    IdsOperator(
        "⿽",
        "surround from the lower right",
        ((0, 0, 1, 1), (0, 0, 0.7, 0.7)),
        "M14.5 1.5v13h-13M1.5 1.5h9.5v9.5h-9.5z",
    ),
    IdsOperator(
        "⿾",
        "mirrored left to right",
        ((0, 0, 1, 1),),
        "M8 1v14M6.5 4.5L2.5 8l4 3.5zM9.5 4.5l4 3.5-4 3.5z",
    ),
    IdsOperator(
        "⿿", "rotated half a turn", ((0, 0, 1, 1),), "M12.5 8a4.5 4.5 0 1 1-1.3-3.2M11.5 2v3h-3"
    ),
    IdsOperator("㇯", "minus", ((0, 0, 1, 1), (0, 0, 1, 1)), _FRAME + "M4.5 8h7"),
)
IDS_OPERATORS: Mapping[str, IdsOperator] = {op.char: op for op in _OPERATORS}


def is_ids_operator(char: str) -> bool:
    return char in IDS_OPERATORS


def ids_icon(char: str) -> Markup:
    """An IDS operator as an icon with its label; the character itself kept, visually hidden."""
    op = IDS_OPERATORS[char]
    label = escape(op.label)
    return Markup(
        f'<span class="hc-ids" title="{label}">'
        # width/height stand in where app.css is absent (standalone pages, Anki cards).
        f'<svg class="hc-ids-icon" width="0.8em" height="0.8em" viewBox="0 0 16 16" '
        f'role="img" aria-label="{label}">'
        f'<path d="{op.icon}" fill="none" stroke="currentColor" stroke-width="1.4" '
        f'stroke-linejoin="round" stroke-linecap="round"/></svg>'
        f'<span class="hc-visually-hidden" aria-hidden="true">{escape(char)}</span></span>'
    )


# -- which characters need drawing ------------------------------------------------------------

# Blocks the usual CJK fonts leave out: radicals, strokes, Extension A, the unified block's
# later additions (after U+9FA5, Unicode 4.1) and the supplementary planes.
_RARE_RANGES = (
    (0x2E80, 0x2FDF),  # CJK Radicals Supplement, Kangxi Radicals
    (0x31C0, 0x31EE),  # CJK Strokes
    (0x3400, 0x4DBF),  # Extension A
    (0x9FA6, 0x9FFF),  # unified ideographs added after Unicode 4.1
    (0x20000, 0x3FFFF),  # Extensions B and later, compatibility supplement
)


def needs_drawing(char: str) -> bool:
    """True for a character of a block that common CJK fonts do not cover."""
    if len(char) != 1:
        return False
    code = ord(char)
    return any(low <= code <= high for low, high in _RARE_RANGES)


# -- CJK strokes, drawn from this table ------------------------------------------------------

# The pen's path of each CJK stroke (U+31C0–U+31E3) in a 10-unit box, y down; ``None`` for the
# circle. Shapes follow the stroke names (H horizontal, S vertical, P left-falling, N
# right-falling, D dot, T rising, Z turn, W bend, G hook, X slant, B flat, Q circle).
_STROKE_PATHS: Mapping[str, tuple[tuple[float, float], ...] | None] = {
    "㇀": ((2, 7), (8, 3)),
    "㇁": ((4, 1), (5.5, 4), (5, 8.5), (3, 7.5)),
    "㇂": ((2, 1), (8, 9), (8, 6.5)),
    "㇃": ((1, 5), (4, 8.5), (8.5, 8), (7.5, 6.5)),
    "㇄": ((3, 1), (3, 8), (9, 8)),
    "㇅": ((1, 2), (5, 2), (5, 6), (9, 6)),
    "㇆": ((1, 2), (8, 2), (8, 9), (6, 8)),
    "㇇": ((1, 2), (8, 2), (2, 9)),
    "㇈": ((1, 2), (5, 2), (5, 8), (9, 8), (9, 6)),
    "㇉": ((2, 1), (2, 4), (8, 4), (7.5, 9), (5.5, 8)),
    "㇊": ((1, 2), (4, 2), (4, 8), (7, 6)),
    "㇋": ((1, 2), (6, 2), (3, 5), (7, 5), (2, 9)),
    "㇌": ((2, 1), (7, 1), (4, 4.5), (8, 6.5), (3, 9)),
    "㇍": ((1, 2), (5, 2), (5, 8), (9, 8)),
    "㇎": ((1, 1.5), (5, 1.5), (5, 5), (8, 5), (8, 9)),
    "㇏": ((2, 2), (8, 8.5)),
    "㇐": ((1, 5), (9, 5)),
    "㇑": ((5, 1), (5, 9)),
    "㇒": ((7, 1), (2, 9)),
    "㇓": ((6, 1), (6, 5), (2, 9)),
    "㇔": ((4, 3), (6, 6)),
    "㇕": ((1, 2), (8, 2), (8, 9)),
    "㇖": ((1, 4), (8, 4), (6.5, 6)),
    "㇗": ((2, 1), (2, 8), (9, 8)),
    "㇘": ((3, 1), (3, 6), (8, 6), (5, 9)),
    "㇙": ((3, 1), (3, 8), (7, 5.5)),
    "㇚": ((5, 1), (5, 9), (3, 7.5)),
    "㇛": ((5, 1), (2, 6), (7, 9)),
    "㇜": ((5, 1), (2, 6), (8, 6)),
    "㇝": ((1, 5), (5, 6), (9, 8.5)),
    "㇞": ((2, 1), (2, 5), (6, 5), (6, 9)),
    "㇟": ((3, 1), (3, 8), (9, 8), (9, 5.5)),
    "㇠": ((1, 2), (7, 2), (2, 8), (9, 8), (9, 6)),
    "㇡": ((1, 1.5), (5, 1.5), (4.5, 4.5), (8, 4.5), (7.5, 9), (5.5, 8)),
    "㇢": ((7, 1), (3, 8), (5, 7)),
    "㇣": None,
}


def _stroke_shape(char: str, box: Box) -> str:
    """One CJK stroke as SVG elements in ``box`` (units of a 100-unit drawing)."""
    x, y, w, h = box
    points = _STROKE_PATHS[char]
    style = 'fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round"'
    width = max(2.0, min(w, h) * 0.09)
    if points is None:
        radius = min(w, h) * 0.3
        return (
            f'<circle cx="{_n(x + w / 2)}" cy="{_n(y + h / 2)}" r="{_n(radius)}" '
            f'stroke-width="{_n(width)}" {style}/>'
        )
    coords = " ".join(f"{_n(x + px * w / 10)},{_n(y + py * h / 10)}" for px, py in points)
    return f'<polyline points="{coords}" stroke-width="{_n(width)}" {style}/>'


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


# -- drawing a character ----------------------------------------------------------------------


def _outline_shape(strokes: StrokeData, box: Box) -> str:
    """The character's stroke outlines scaled into ``box`` of a 100-unit drawing."""
    x, y, w, h = box
    sx, sy = w / BOX, h / BOX
    paths = "".join(f'<path d="{escape(d)}"/>' for d in strokes.outlines)
    return (
        f'<g transform="translate({_n(x)} {_n(y)}) scale({sx:.5f} {sy:.5f}) {_FLIP}" '
        f'fill="currentColor">{paths}</g>'
    )


def _text_shape(char: str, box: Box) -> str:
    """A character the page's font has, stretched into ``box`` of a 100-unit drawing."""
    x, y, w, h = box
    return (
        f'<svg x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" viewBox="0 0 100 100" '
        f'preserveAspectRatio="none" overflow="visible"><text x="50" y="88" font-size="100" '
        f'text-anchor="middle" fill="currentColor">{escape(char)}</text></svg>'
    )


def _missing_shape(box: Box) -> str:
    """A shape nothing can draw: a dashed outline, plainly not a character."""
    x, y, w, h = box
    inset = min(w, h) * 0.15
    return (
        f'<rect x="{_n(x + inset)}" y="{_n(y + inset)}" width="{_n(w - 2 * inset)}" '
        f'height="{_n(h - 2 * inset)}" fill="none" stroke="currentColor" stroke-width="2" '
        f'stroke-dasharray="4 3"/>'
    )


class _Drawer:
    def __init__(self, strokes_of: StrokeSource, descriptions: Mapping[str, str]) -> None:
        self.strokes_of = strokes_of
        self.descriptions = descriptions

    def shape(self, char: str, box: Box, depth: int = 0) -> str | None:
        """SVG elements drawing ``char`` in ``box``; None when only a dashed box could."""
        if not needs_drawing(char):
            return _text_shape(char, box)
        strokes = self.strokes_of(char)
        if strokes is not None and strokes.outlines:
            return _outline_shape(strokes, box)
        if char in _STROKE_PATHS:
            return _stroke_shape(char, box)
        description = self.descriptions.get(char, "")
        if depth < 8 and description and description != char:
            return self.ids(description, box, depth + 1)
        return None

    def ids(self, description: str, box: Box, depth: int = 0) -> str | None:
        """A whole description laid out in ``box`` (prefix notation: operator, then parts)."""
        tokens = list(description)
        out: list[str] = []
        complete = self._layout(tokens, box, depth, out)
        return "".join(out) if complete and not tokens else None

    def _layout(self, tokens: list[str], box: Box, depth: int, out: list[str]) -> bool:
        if not tokens:
            return False
        token = tokens.pop(0)
        op = IDS_OPERATORS.get(token)
        if op is None:
            drawn = self.shape(token, box, depth)
            out.append(drawn if drawn is not None else _missing_shape(box))
            return True
        x, y, w, h = box
        for rx, ry, rw, rh in op.regions:
            if not self._layout(tokens, (x + rx * w, y + ry * h, rw * w, rh * h), depth, out):
                return False
        return True


def glyph_svg(
    char: str, strokes_of: StrokeSource, descriptions: Mapping[str, str] | None = None
) -> Markup | None:
    """``char`` drawn as an inline SVG the size of a character, with the character kept as
    visually hidden text; None for a character fonts have, or one nothing here can draw."""
    if not needs_drawing(char):
        return None
    drawn = _Drawer(strokes_of, descriptions or {}).shape(char, (0, 0, 100, 100))
    if drawn is None:
        return None
    return Markup(
        f'<span class="hc-glyph"><svg class="hc-glyph-svg" width="1em" height="1em" '
        f'viewBox="0 0 100 100" aria-hidden="true" focusable="false">{drawn}</svg>'
        f'<span class="hc-visually-hidden">{escape(char)}</span></span>'
    )


def glyph_table(
    chars: Iterable[str], strokes_of: StrokeSource, descriptions: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Drawings of the characters among ``chars`` that fonts may lack (see :func:`glyph_svg`)."""
    table: dict[str, str] = {}
    for char in dict.fromkeys(chars):
        drawn = glyph_svg(char, strokes_of, descriptions)
        if drawn is not None:
            table[char] = str(drawn)
    return table


def shape_markup(text: str, glyphs: Mapping[str, str] | None = None) -> Markup:
    """Escape ``text``, drawing its IDS operators as icons and its rare characters from
    ``glyphs`` (a :func:`glyph_table`); every other character stays text."""
    glyphs = glyphs or {}
    out: list[str] = []
    for char in text:
        if char in IDS_OPERATORS:
            out.append(ids_icon(char))
        elif char in glyphs:
            out.append(glyphs[char])
        else:
            out.append(str(escape(char)))
    return Markup("".join(out))


def profile_glyphs(profile: CharacterProfile, strokes_of: StrokeSource) -> dict[str, str]:
    """Drawings of every character a character page shows that fonts may lack: the character,
    its structure's shapes, formation components, radical, variants and families. A shape the
    stroke data lacks is drawn from its own description in the structure tree."""
    chars: list[str] = [profile.character, *profile.simplified, *profile.traditional]
    descriptions: dict[str, str] = {}
    if profile.structure is not None:
        for node in profile.structure.walk():
            chars.extend(node.shape + node.ids + node.form_of)
            if node.encoded and node.children:
                descriptions.setdefault(node.shape, node.ids)
    if profile.formation is not None:
        chars.extend(c.character for c in profile.formation.components)
    if profile.radical is not None:
        chars.extend((profile.radical.character, profile.radical.form))
    chars.extend(v.character for v in profile.variants)
    for family in profile.families:
        chars.append(family.component)
        chars.extend(m.character for m in family.members)
    return glyph_table(
        (c for text in chars for c in text if not is_ids_operator(c)), strokes_of, descriptions
    )
