"""Drawings of the shapes common fonts lack (render/glyphs.py) and their use on the character
pages of the web UI and the static site. Characters come from the real data (the session
``lexicon``); which of them need drawing is decided by the module, not listed here.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render import glyphs
from hanzi_companion.render.templating import mark_chinese
from hanzi_companion.settings import Settings
from hanzi_companion.site import build_site
from hanzi_companion.web import create_app

from .conftest import SEED_DECK

IDS_BLOCK = [chr(c) for c in range(0x2FF0, 0x3000)] + ["\u31ef"]
CJK_STROKES = [chr(c) for c in range(0x31C0, 0x31E4)]


class _Svg(HTMLParser):
    """Elements and attributes of a fragment, for checking what a drawing is made of."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def tags_of(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Svg()
    parser.feed(markup)
    return parser.tags


def test_every_ids_character_has_an_icon_with_a_label() -> None:
    assert set(glyphs.IDS_OPERATORS) == set(IDS_BLOCK)
    labels = [op.label for op in glyphs.IDS_OPERATORS.values()]
    assert len(set(labels)) == len(labels), "each operator says something different"
    for char in IDS_BLOCK:
        icon = str(glyphs.ids_icon(char))
        tags = tags_of(icon)
        svg = next(attrs for tag, attrs in tags if tag == "svg")
        assert svg["role"] == "img" and svg["aria-label"] == glyphs.IDS_OPERATORS[char].label
        assert any(tag == "path" and attrs["d"] for tag, attrs in tags)
        assert "style" not in icon, "the pages' CSP forbids inline styles"
        assert f'aria-hidden="true">{char}</span>' in icon, "the text stays for copying"


def test_regions_fit_the_box() -> None:
    for op in glyphs.IDS_OPERATORS.values():
        assert op.regions
        for x, y, w, h in op.regions:
            assert x >= 0 and y >= 0 and w > 0 and h > 0 and x + w <= 1 + 1e-9
            assert y + h <= 1 + 1e-9


def test_which_characters_need_drawing() -> None:
    assert all(glyphs.needs_drawing(c) for c in CJK_STROKES)
    assert glyphs.needs_drawing("\u353e")  # Extension A
    assert glyphs.needs_drawing("\U0002000e")  # Extension B
    assert not any(glyphs.needs_drawing(c) for c in "创寨刂仓人八一")
    assert not glyphs.needs_drawing("ab")


def test_every_cjk_stroke_is_drawn_without_data() -> None:
    for char in CJK_STROKES:
        drawn = glyphs.glyph_svg(char, lambda _: None)
        assert drawn is not None, f"U+{ord(char):04X}"
        assert any(tag in ("polyline", "circle") for tag, _ in tags_of(str(drawn)))
        assert f'<span class="hc-visually-hidden">{char}</span>' in drawn


def test_rare_characters_draw_from_stroke_data_then_description(lexicon: Lexicon) -> None:
    strokes_of = lexicon.character_index().strokes
    index_chars = [c for c in map(chr, range(0x3400, 0x4DC0)) if strokes_of(c) is not None]
    assert index_chars, "the stroke data has some Extension A characters"
    drawn = str(glyphs.glyph_svg(index_chars[0], strokes_of))
    outlines = strokes_of(index_chars[0])
    assert outlines is not None
    assert sum(1 for tag, _ in tags_of(drawn) if tag == "path") == outlines.count
    # Without data, a described shape is laid out from its parts; else nothing is drawn.
    rare = "\U0002000e"
    assert strokes_of(rare) is None
    composed = str(glyphs.glyph_svg(rare, strokes_of, {rare: "⿱井一"}))
    texts = re.findall(r"<text[^>]*>(.)</text>", composed)
    assert texts == ["井", "一"]
    assert glyphs.glyph_svg(rare, strokes_of) is None
    assert glyphs.glyph_svg("创", strokes_of) is None


def test_shape_markup_escapes_and_keeps_text() -> None:
    marked = str(glyphs.shape_markup("⿰<b>&", {}))
    assert "&lt;b&gt;&amp;" in marked and "<b>" not in marked
    assert marked.count("hc-ids-icon") == 1
    assert str(mark_chinese("⿰亻言")).count("hc-ids-icon") == 1


def _no_shape_left_as_text(page: str) -> list[str]:
    """Operators and rare characters shown as text outside the visually hidden copies."""
    page = re.sub(r"<title>.*?</title>", "", page, flags=re.DOTALL)
    page = re.sub(r'<span class="hc-visually-hidden"[^>]*>[^<]*</span>', "", page)
    text = re.sub(r"<[^>]+>", "", page)
    return sorted(
        {f"U+{ord(c):04X}" for c in text if c in glyphs.IDS_OPERATORS or glyphs.needs_drawing(c)}
    )


@pytest.fixture(scope="module")
def client(settings: Settings, lexicon: Lexicon) -> FlaskClient:
    app = create_app(
        settings.with_changes(secret_key="test"), {"TESTING": True, "LEXICON": lexicon}
    )
    return app.test_client()


@pytest.mark.parametrize("char", ["创", "寨"])
def test_web_character_page_draws_its_structure(
    client: FlaskClient, lexicon: Lexicon, char: str
) -> None:
    page = client.get(f"/char/{char}").get_data(as_text=True)
    profile = lexicon.character(char)
    assert profile.structure is not None
    operators = {c for n in profile.structure.walk() for c in n.ids if c in glyphs.IDS_OPERATORS}
    assert operators
    for op in operators:
        assert f'aria-label="{glyphs.IDS_OPERATORS[op].label}"' in page
    assert _no_shape_left_as_text(page) == []
    assert "style=" not in page


def test_static_site_character_pages_draw_their_structure(
    tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon
) -> None:
    course = tmp_path_factory.mktemp("course")
    shutil.copy(SEED_DECK, course / SEED_DECK.name)
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(course, out, lexicon)
    pages = [p for p in out.rglob("*.html") if "hc-tree" in p.read_text(encoding="utf-8")]
    assert pages, "the site has character pages with a structure tree"
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "hc-ids-icon" in text, path.name
        assert _no_shape_left_as_text(text) == [], path.name
