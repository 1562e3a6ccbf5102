"""Shapes common fonts lack are drawn, not left as empty boxes, on the character pages.

IDS operators (``⿰ ⿱ ...``) are inline SVG icons with an accessible label, rare components
(CJK strokes, Extension A/B) are inline SVG drawings; the characters stay in the page as
visually hidden text for copying and searching. Which shapes a page shows comes from the
library (the session ``lexicon``), never from answers written here.
"""

from __future__ import annotations

from typing import Any

import pytest

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.glyphs import IDS_OPERATORS, needs_drawing

pytestmark = pytest.mark.browser

# Characters whose structure trees hold IDS operators and components no common font has.
CHARACTERS = ("创", "寨")

# Every visible text node's characters: a shape left as text would be an empty box.
VISIBLE_TEXT = """(main) => {
  const out = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('.hc-visually-hidden, svg')) continue;
    if (getComputedStyle(parent).display === 'none') continue;
    out.push(node.data);
  }
  return out.join('');
}"""

# The text a reader copies: everything but the drawings (which are not selectable).
KEPT_TEXT = """(el) => {
  const clone = el.cloneNode(true);
  clone.querySelectorAll('svg').forEach((svg) => svg.remove());
  return clone.textContent.replace(/\\s+/g, '');
}"""

# Ink of each drawn shape: bounding box and the length of what its elements draw.
SHAPES = """(nodes) => nodes.map((svg) => {
  const box = svg.getBoundingClientRect();
  let ink = 0;
  for (const el of svg.querySelectorAll('path, polyline, circle, rect')) {
    ink += el.getTotalLength ? el.getTotalLength() : 0;
  }
  const texts = [...svg.querySelectorAll('text')].map((t) => t.getComputedTextLength());
  return {
    width: box.width, height: box.height, ink: ink + texts.reduce((a, b) => a + b, 0),
    label: svg.getAttribute('aria-label'), role: svg.getAttribute('role'),
    stroke: getComputedStyle(svg).color,
  };
})"""


def shapes_of(lexicon: Lexicon, char: str) -> tuple[set[str], set[str]]:
    """(IDS operators, characters needing a drawing) in the character's structure tree."""
    profile = lexicon.character(char)
    assert profile.structure is not None, f"{char} should have a structure"
    text = "".join(node.shape + node.ids for node in profile.structure.walk())
    operators = {c for c in text if c in IDS_OPERATORS}
    rare = {c for c in text if needs_drawing(c) and c not in IDS_OPERATORS}
    return operators, rare


@pytest.mark.parametrize("char", CHARACTERS)
def test_ids_operators_and_rare_components_are_drawn(
    page: Any, live_app: str, lexicon: Lexicon, screenshot: Any, char: str
) -> None:
    operators, rare = shapes_of(lexicon, char)
    assert operators, f"{char}'s structure should use IDS operators"
    assert rare, f"{char}'s structure should hold a component fonts lack"
    page.goto(f"{live_app}/char/{char}")
    section = page.locator("section[aria-labelledby=structure-heading]")
    section.wait_for()
    screenshot(page, f"structure-{ord(char):X}")

    # No operator or rare component is left as visible text (an empty box in common fonts).
    visible = page.locator("main").evaluate(VISIBLE_TEXT)
    left = sorted({c for c in visible if c in IDS_OPERATORS or needs_drawing(c)})
    assert not left, f"shown as text, so as boxes: {[f'U+{ord(c):04X}' for c in left]}"

    # Each operator is an icon with its label, drawn at a visible size.
    icons = section.locator(".hc-ids svg").evaluate_all(SHAPES)
    labels = {IDS_OPERATORS[op].label for op in operators}
    assert {icon["label"] for icon in icons} == labels
    for icon in icons:
        assert icon["role"] == "img"
        assert icon["width"] >= 8 and icon["height"] >= 8, icon
        assert icon["ink"] > 10, icon
    for op in operators:
        assert section.get_by_role("img", name=IDS_OPERATORS[op].label).count() > 0

    # Each rare component is drawn, with ink, where it appears.
    drawings = section.locator(".hc-glyph svg").evaluate_all(SHAPES)
    assert len(drawings) >= len(rare)
    for drawing in drawings:
        assert drawing["width"] >= 8 and drawing["height"] >= 8, drawing
        assert drawing["ink"] > 10, drawing

    # The text is still there for copying and searching.
    profile = lexicon.character(char)
    assert profile.structure is not None
    kept = section.locator(".hc-ids-text").first.evaluate(KEPT_TEXT)
    assert kept == profile.structure.ids
