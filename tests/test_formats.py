"""Deck formats teachers use besides remark: Marp, ordinary markdown, reveal.js, PowerPoint,
PDF and plain text exports, each read from a small deck in ``tests/data/decks/formats``."""

from __future__ import annotations

import pytest

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.decks import read_deck, read_deck_text
from hanzi_companion.text.formats.front_matter import load_yaml, split_front_matter
from hanzi_companion.text.models import Deck

from .conftest import DATA

FORMATS = DATA / "decks" / "formats"


def _titles(deck: Deck) -> list[str]:
    return [slide.title for slide in deck.slides]


# -- front matter -------------------------------------------------------------------------------


def test_front_matter_is_read_as_yaml() -> None:
    text = "---\ntitle: 'Week 3: Water'\ndate: 2025-03-01\nauthors:\n  - Lin\n  - Zhao\n---\n# A"
    body, front = split_front_matter(text)
    assert body == "# A"
    assert front == {"title": "Week 3: Water", "date": "2025-03-01", "authors": "Lin, Zhao"}


def test_front_matter_that_is_not_strict_yaml_is_read_line_by_line() -> None:
    _, front = split_front_matter("---\ntitle: Week 3: Water\nlayout: post\n---\n# A")
    assert front == {"title": "Week 3: Water", "layout": "post"}


def test_remark_properties_on_top_are_not_front_matter() -> None:
    text = "---\nclass: center, middle\n---\n# A"
    assert split_front_matter(text) == (text, {})


def test_a_key_commented_out_in_front_matter_is_no_heading() -> None:
    # a Marp deck turns a directive off with YAML's comment mark; its note is no slide text
    text = (
        "---\nmarp: true\npaginate: true\n# headingDivider: 2 #以二级标题分割\n---\n# Marp基本用法"
    )
    body, front = split_front_matter(text)
    assert body == "# Marp基本用法"
    assert front == {"marp": "true", "paginate": "true"}
    assert "二级" not in "".join(slide.text for slide in read_deck_text(text, "d.md").slides)


def test_a_heading_in_a_block_between_rulers_still_makes_it_slides() -> None:
    text = "---\nclass: center\n# 城市化\n---\n# A"
    assert split_front_matter(text) == (text, {})


# -- Marp ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def marp() -> Deck:
    return read_deck(FORMATS / "marp_week05.md")


def test_marp_rulers_split_slides_setext_underlines_do_not(marp: Deck) -> None:
    assert marp.format == "marp"
    assert _titles(marp) == [
        "Week 5",
        "Character of the week",
        "Regional cuisines",
        "Table manners",
    ]
    assert "Setext headings are not separators" in marp.slides[2].text


def test_marp_comments_are_notes_and_directives_are_not(marp: Deck) -> None:
    assert marp.slides[0].notes == "Welcome everyone. Today we start with 饺子 before the break."
    assert marp.slides[1].notes == "Ask the students which 菜 they like."
    assert "_class" not in marp.slides[0].text + marp.slides[0].notes


def test_marp_rulers_inside_code_split_nothing(marp: Deck) -> None:
    assert "this is code, not a slide break" in marp.slides[3].text


def test_marp_metadata_comes_from_its_front_matter(marp: Deck) -> None:
    meta = marp.metadata
    assert (meta.week, meta.date, meta.author) == (5, "2025-10-06", "Lin Wei")
    assert meta.title == "Week 5: Food and the Chinese Table"


def test_marp_heading_divider_starts_slides_at_headings() -> None:
    deck = read_deck_text(
        "---\nmarp: true\nheadingDivider: 2\n---\n# One\n\n城市\n\n## Two\n\n农村\n", "d.md"
    )
    assert _titles(deck) == ["One", "Two"]


# -- ordinary markdown --------------------------------------------------------------------------


def test_setext_headings_are_sections_not_slide_separators() -> None:
    deck = read_deck(FORMATS / "notes_setext.md")
    assert deck.format == "markdown"
    assert _titles(deck) == [
        "Reading notes: the Chinese city",
        "The work unit",
        "Household registration",
        "Urban villages",
    ]
    assert "单位" in deck.slides[1].text


def test_a_remark_deck_with_separators_after_paragraphs_stays_remark() -> None:
    deck = read_deck_text("# One\n\nText\n\n---\n# Two\nMore text\n---\n# Three", "r.md")
    assert deck.format == "remark-markdown"
    assert _titles(deck) == ["One", "Two", "Three"]


# -- HTML: reveal.js and remark pages, read with an HTML parser ---------------------------------


@pytest.fixture(scope="module")
def reveal() -> Deck:
    return read_deck(FORMATS / "reveal_week06.html")


def test_reveal_sections_are_slides_vertical_stacks_flattened(reveal: Deck) -> None:
    assert reveal.format == "reveal"
    assert _titles(reveal) == [
        "Week 6",
        "Spring Festival",
        "Lantern Festival",
        "Mid-Autumn Festival",
        "Dragon Boat Festival",
        "Food",
        "Quiz",
    ]
    assert [slide.number for slide in reveal.slides] == list(range(1, 8))


def test_reveal_notes_come_from_asides_and_data_notes(reveal: Deck) -> None:
    assert reveal.slides[0].notes == "Greet the class; mention 春节 is next month."
    assert "春节" not in reveal.slides[0].text
    assert reveal.slides[2].notes == "Ask who has eaten 汤圆."


def test_reveal_markdown_sections_with_notes_and_separators(reveal: Deck) -> None:
    mid_autumn = reveal.slides[3]
    assert mid_autumn.text.split("\n")[1:] == [
        "中秋节 (Mid-Autumn Festival)",
        "月饼 yuèbing, mooncakes",
    ]
    assert mid_autumn.notes == "the 嫦娥 legend goes with this slide."
    assert reveal.slides[5].text == "Food\n粽子 (rice dumplings) wrapped in leaves."


def test_reveal_comments_scripts_and_styles_are_never_prose(reveal: Deck) -> None:
    everything = "\n".join(slide.text + slide.notes for slide in reveal.slides)
    for hidden in ("草稿", "Draft slide", "不是幻灯片", "节日", "Reveal.initialize"):
        assert hidden not in everything


def test_reveal_links_and_metadata(reveal: Deck) -> None:
    assert [link.url for link in reveal.slides[2].links] == ["https://en.wiktionary.org/wiki/元宵"]
    assert reveal.metadata.week == 6
    assert reveal.metadata.title == "Festivals of the lunar calendar"


def test_a_commented_out_remark_textarea_is_not_the_deck() -> None:
    deck = read_deck(FORMATS / "remark_commented.html")
    assert deck.format == "remark-html"
    assert _titles(deck) == ["Week 4: Housing", "住房"]
    assert not any("旧版" in slide.text for slide in deck.slides)


def test_an_html_page_without_slides_is_read_as_a_document() -> None:
    deck = read_deck(FORMATS / "lesson_page.html")
    assert deck.format == "html-document"
    assert _titles(deck) == ["第五课 在饭馆", "生词 New words", "对话 Dialogue"]
    everything = "\n".join(slide.text for slide in deck.slides)
    assert "菜单 càidān menu" in everything and "服务员：你们好！" in everything
    for hidden in ("首页", "Home", "旧的", "trackPage"):
        assert hidden not in everything  # menus, comments and scripts are no prose
    assert deck.metadata.title == "在饭馆"


def test_a_commented_out_textarea_does_not_make_a_remark_page() -> None:
    deck = read_deck_text(
        "<!doctype html><p>你好 <!-- <textarea id=source>旧</textarea> --></p>", "p.html"
    )
    assert (deck.format, deck.slides[0].text) == ("html-document", "你好")


# -- decks in other languages ---------------------------------------------------------------------


def test_a_chinese_deck_title_has_no_week_label_nor_full_width_colon() -> None:
    deck = read_deck(FORMATS / "zh_week03.md")
    assert (deck.metadata.title, deck.metadata.week) == ("城市化", 3)


def test_week_labels_are_never_terms(lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck(FORMATS / "zh_week03.md"), lexicon)
    terms = [term.term for term in glossary.terms]
    assert "城市化" in terms and "城中村" in terms
    assert not {"第三周", "第", "讲", "第3讲"} & set(terms)


def test_german_prose_is_not_read_as_pinyin(lexicon: Lexicon) -> None:
    deck = read_deck_text(
        "# Woche 5: Essen\n\nDie Woche beginnt mit 饺子 und endet mit 火锅 in der Stadt.\n",
        "essen.md",
    )
    glossary = build_glossary(deck, lexicon)
    assert [term.term for term in glossary.terms] == ["饺子", "火锅"]
    assert glossary.romanised == ()
    assert deck.metadata.week == 5


def test_spanish_prose_is_not_pinyin(lexicon: Lexicon) -> None:
    text = "Semana 3: la ciudad\n\nLa semana pasada vimos 饺子 en la cocina.\n"
    deck = read_deck_text(text, "semana.txt")
    glossary = build_glossary(deck, lexicon)
    assert glossary.romanised == ()


def test_an_unclosed_textarea_runs_to_the_end_of_the_page() -> None:
    deck = read_deck_text('<html><textarea id="source">\n# 城市 &amp; 农村\n\nb < c\n', "open.html")
    assert deck.slides[0].text == "城市 & 农村\nb < c"


# -- plain text exports ---------------------------------------------------------------------------


def test_a_text_export_is_split_at_its_slide_markers() -> None:
    deck = read_deck(FORMATS / "week10_family_export.txt")
    assert [slide.title for slide in deck.slides] == [
        "Week 10: Family and kinship",
        "Kinship terms",
        "The one-child policy",
        "Questions?",
    ]
    assert deck.slides[1].notes == "Point out that 外公 is the maternal grandfather."
    assert deck.slides[2].notes == "Ask the class about 计划生育."
    assert "计划生育" not in deck.slides[2].text
    assert (deck.metadata.week, deck.metadata.title) == (10, "Family and kinship")


def test_export_markers_in_other_languages_keep_their_numbers() -> None:
    text = "--- Folie 3 ---\n城市 Stadt\n--- Folie 4 ---\n农村 Land\n"
    deck = read_deck_text(text, "export.txt")
    assert [(slide.number, slide.text) for slide in deck.slides] == [
        (3, "城市 Stadt"),
        (4, "农村 Land"),
    ]
    chinese = read_deck_text("幻灯片 1\n第一课\n幻灯片 2\n城市\n", "导出.txt")
    assert [slide.text for slide in chinese.slides] == ["第一课", "城市"]


def test_text_mentioning_one_slide_is_no_export() -> None:
    deck = read_deck_text("Slide 2\nSee the 城市 example.\nThen slide 1 again.\n", "n.txt")
    assert len(deck.slides) == 1


# -- hostile decks --------------------------------------------------------------------------------


def _alias_bomb(levels: int) -> str:
    """YAML whose aliases expand to 9**levels items (a "billion laughs")."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines)


def test_front_matter_aliases_are_never_expanded() -> None:
    # 9**7 = 4.8 million items once expanded: the values are read line by line instead
    text = f"---\nmarp: true\n{_alias_bomb(7)}\ntitle: *a6\n---\n# 创新\n"
    body, front = split_front_matter(text)
    assert body == "# 创新\n"
    assert front["marp"] == "true"
    assert len(front["title"]) < 100


def test_marp_comment_aliases_are_never_expanded() -> None:
    text = f"---\nmarp: true\n---\n# 创新\n\n<!--\n{_alias_bomb(7)}\n_class: *a6\n-->\n"
    deck = read_deck_text(text, "bomb.md")
    assert [slide.title for slide in deck.slides] == ["创新"]


@pytest.mark.parametrize(
    "text",
    ["x: &x [1]\ny: {k: *x}", "x: &x [1]\ny:\n- *x", "x: &x [1]\ny: [1,*x]", "x: &x 1\n*x : 2"],
)
def test_an_alias_anywhere_a_node_opens_is_refused(text: str) -> None:
    """Whichever loader reads the text (libyaml's when no alias can stand in it)."""
    assert load_yaml(text) is None


def test_a_star_inside_a_value_is_read_as_written() -> None:
    assert load_yaml("title: 5 * 3 = 15\nnote: a*b") == {"title": "5 * 3 = 15", "note": "a*b"}


@pytest.mark.parametrize(
    "value", ["2020-13-45", "2020-02-30 25:61:00", "!!python/object/apply:os.system ['true']"]
)
def test_front_matter_values_yaml_cannot_construct_are_read_as_written(value: str) -> None:
    _, front = split_front_matter(f"---\nmarp: true\ndate: {value}\n---\n# A")
    assert front == {"marp": "true", "date": value.strip("'")}


def test_deeply_nested_front_matter_is_read_line_by_line() -> None:
    _, front = split_front_matter(f"---\nmarp: true\nx: {'[' * 5000}\n---\n# A")
    assert front["marp"] == "true"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("<html><body>", "</body></html>"),
        ('<html><body><div class="reveal"><div class="slides"><section>', "</section></div></div>"),
    ],
)
def test_deeply_nested_html_is_read(before: str, after: str) -> None:
    depth = 20_000
    text = before + "<div>" * depth + "<p>创新 (innovation)</p>" + "</div>" * depth + after
    deck = read_deck_text(text, "deep.html")
    assert any("创新" in slide.text for slide in deck.slides)


@pytest.mark.parametrize("value", ["²", "99999999999999999999999999", "3.5", "-1"])
def test_a_front_matter_week_that_is_no_week_number_is_left_out(value: str) -> None:
    deck = read_deck_text(f"---\nmarp: true\nweek: '{value}'\n---\n# 创新\n", "talk.md")
    assert deck.metadata.week is None


def test_a_front_matter_week_number_is_read() -> None:
    deck = read_deck_text("---\nmarp: true\nweek: 12\n---\n# 创新\n", "talk.md")
    assert deck.metadata.week == 12
