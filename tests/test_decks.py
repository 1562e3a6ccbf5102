"""Reading slide decks: remark markdown, remark HTML, flattened text, markdown, plain text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanzi_companion.errors import DeckError
from hanzi_companion.text.decks import (
    MAX_DECK_BYTES,
    read_deck,
    read_deck_bytes,
    read_deck_text,
    unflatten,
)
from hanzi_companion.text.models import Deck, Slide

from .conftest import DATA, SEED_DECK

DECKS = DATA / "decks"
HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")


def flatten(markdown: str) -> str:
    """What the course's export does to a deck: every line joined with a space."""
    return " ".join(line.strip() for line in markdown.split("\n") if line.strip())


def normalised(text: str) -> str:
    return " ".join(text.split())


def slide_with(deck: Deck, fragment: str) -> Slide:
    found = [slide for slide in deck.slides if fragment in slide.text]
    assert found, f"no slide has {fragment!r}"
    return found[0]


def assert_same_slides(expected: Deck, actual: Deck) -> None:
    """Same numbering, titles, headings, properties, links; same prose and notes up to spaces."""
    assert [s.number for s in actual.slides] == [s.number for s in expected.slides]
    for want, got in zip(expected.slides, actual.slides, strict=True):
        assert got.title == want.title
        assert got.headings == want.headings
        assert got.properties == want.properties
        assert got.links == want.links
        assert got.steps == want.steps
        assert got.text_steps == want.text_steps
        assert got.notes_steps == want.notes_steps
        assert normalised(got.text) == normalised(want.text)
        assert normalised(got.notes) == normalised(want.notes)
    assert actual.metadata == expected.metadata


# ---------------------------------------------------------------- the seed deck (flattened)


@pytest.fixture(scope="module")
def seed() -> Deck:
    return read_deck(SEED_DECK)


def test_seed_is_read_as_a_flattened_deck_with_one_slide_per_separator(seed: Deck) -> None:
    raw = SEED_DECK.read_text(encoding="utf-8")
    assert seed.format == "flattened"
    assert seed.name == SEED_DECK.name
    assert len(seed.slides) == raw.count(" --- ") + 1  # no steps nor templates in this deck
    assert [slide.number for slide in seed.slides] == list(range(1, len(seed.slides) + 1))


def test_seed_metadata_comes_from_the_first_slides(seed: Deck) -> None:
    meta = seed.metadata
    assert meta.week == 7
    assert meta.date == "18 Mar 2025"
    assert meta.title == "Innovation: Created In China"
    assert meta.author == "Clément Renaud"
    assert meta.course.startswith("Chinese Cities - Sciences Po")
    assert "Renaud" not in meta.course


def test_seed_headings_run_inline_become_headings(seed: Deck) -> None:
    cover = seed.slides[1]
    assert cover.headings == (
        (2, "Week 7"),
        (1, "创"),
        (2, "Innovation: Created In China"),
        (4, "18 Mar 2025"),
    )
    assert cover.property("class") == "inverse, center, middle"
    shanzhai = slide_with(seed, "山寨")
    assert shanzhai.headings == ((3, "shan zhai"), (1, "山寨"))
    assert shanzhai.property("background-image") == ""  # written empty in the deck


def test_seed_character_of_the_week_slide_keeps_its_dictionary_links(seed: Deck) -> None:
    slide = next(s for s in seed.slides if s.title == "Character of the week")
    assert slide.headings == ((2, "Character of the week"), (1, "创"))
    labels = [link.label for link in slide.links]
    assert labels == ["Purple Culture", "Hanziyuan", "CUHK dic"]
    assert any(link.url.endswith("?word=创") for link in slide.links)
    # the character is in the prose once, as the heading; the URLs give nothing
    assert HAN.findall(slide.text) == ["创"]
    assert "word=" not in slide.text


def test_seed_prose_keeps_chinese_next_to_its_english(seed: Deck) -> None:
    doctrine = slide_with(seed, "精准扶贫")
    assert doctrine.title == "Political doctrine"
    lines = doctrine.text.split("\n")
    assert "Targeted Poverty Alleviation 精准扶贫 (2014)" in lines
    assert "Socialism with Chinese characteristics (中国特色社会主义思想)" in lines
    assert "习近平新时代中国特色社会主义思想" in lines
    assert "Tech and development Zones (开发区)" in slide_with(seed, "开发区").text.split("\n")
    makers = slide_with(seed, "创客 chuangke").text.split("\n")
    assert makers.index("创客 chuangke") < makers.index("黑客 heike")
    assert "(yueshuxing zhibiao)" in slide_with(seed, "yueshuxing").text  # emphasis removed


def test_seed_notes_are_apart_from_the_slide(seed: Deck) -> None:
    slide = next(s for s in seed.slides if "大众创客" in s.notes)
    assert "大众创客" not in slide.text
    assert slide.title == "Creative Clusters ?"
    assert "???" not in slide.notes
    xindanwei = slide_with(seed, "Xindanwei (新单位)")
    assert "slideshare" not in xindanwei.notes  # a bare URL in the notes is no prose
    assert any("slideshare" in link.url for link in xindanwei.notes_links)


def test_seed_properties_are_not_prose(seed: Deck) -> None:
    for slide in seed.slides:
        assert "background-image" not in slide.text
        assert "class:" not in slide.text
        assert "url(" not in slide.text
    people = slide_with(seed, "联合创业办公社")
    assert people.property("background-image") == "url(/talks/pspe/img/peopleSquared.jpg)"
    assert people.property("class") == "inverse"
    assert people.title == "People Squared (联合创业办公社)"


def test_no_url_of_the_seed_reaches_the_prose(seed: Deck) -> None:
    for slide in seed.slides:
        for line in (slide.text + "\n" + slide.notes).split("\n"):
            assert "http" not in line and "](" not in line, line


# ---------------------------------------------------------------- remark markdown


@pytest.fixture(scope="module")
def week03() -> Deck:
    return read_deck(DECKS / "week03.md")


def test_remark_numbering_counts_steps_and_skips_templates_and_excluded(week03: Deck) -> None:
    assert week03.format == "remark-markdown"
    # front matter is no slide, the layout template takes no number, the transfer slide has
    # three steps (numbers 3-5), the excluded slide is gone, count: false still takes one
    assert [(s.number, s.steps) for s in week03.slides] == [
        (1, 1),
        (2, 1),
        (3, 3),
        (6, 1),
        (7, 1),
        (8, 1),
    ]
    assert all("隐藏" not in s.text for s in week03.slides)
    assert all("中国城市" not in s.text for s in week03.slides)  # the template's footer
    assert week03.slides[2].property("name") == "transfer"
    assert week03.slides[-1].property("count") == "false"


def test_remark_front_matter_gives_metadata(week03: Deck) -> None:
    meta = week03.metadata
    assert (meta.title, meta.course, meta.week, meta.date, meta.author) == (
        "Week 3: Water and the City",
        "Chinese Cities",
        3,
        "4 Feb 2025",
        "Jane Doe",
    )


def test_front_matter_with_a_value_over_several_lines() -> None:
    deck = read_deck_text(
        '---\ntitle: "Making cities"\ndescription: "A talk.\n\nOn cities: 城市 and\ntowns"\n'
        "date: 2016-11-23\nlayout: slides\n---\n# One\n---\n# Two",
        "talk.md",
    )
    assert [s.title for s in deck.slides] == ["One", "Two"]
    assert deck.metadata.title == "Making cities"
    assert deck.metadata.date == "2016-11-23"
    assert all("城市" not in s.text for s in deck.slides)
    remark = read_deck_text("---\nclass: center\n---\n# One", "remark.md")
    assert [s.number for s in remark.slides] == [1, 2, 3]  # no front matter: remark slides


def test_remark_steps_notes_and_links(week03: Deck) -> None:
    transfer = week03.slides[2]
    assert transfer.text.split("\n") == [
        "South–North Water Transfer",
        "The project 南水北调 (nan shui bei diao) moves water north",
        "Three routes: eastern, central, western",
        "See the map",
    ]
    assert transfer.notes == "Mention 丹江口水库 and the resettlement."
    assert [link.label for link in transfer.links] == ["map"]
    assert "运河" not in transfer.text  # an image's target and alt text are not prose


def test_remark_content_classes_html_and_comment_properties(week03: Deck) -> None:
    sponge = slide_with(week03, "海绵城市")
    assert sponge.property("class") == "inverse"
    assert sponge.headings == ((1, "Sponge cities 海绵城市"), (3, "Policy"))
    lines = sponge.text.split("\n")
    assert "Launched in 2015 (海绵城市建设)" in lines  # an inline class
    assert lines[-3:] == ["Permeable pavements", "透水铺装", "Wetlands 湿地"]  # <br> breaks
    assert "column" not in sponge.text and "[" not in sponge.text


def test_remark_fenced_code_does_not_split_and_tables_keep_rows(week03: Deck) -> None:
    code = slide_with(week03, "Code and tables")
    assert 'separator = "---"' in code.text
    assert "河流 | river" in code.text.split("\n")


def test_remark_reference_links_are_resolved(week03: Deck) -> None:
    last = week03.slides[-1]
    assert "Read more in the report." in last.text.split("\n")
    assert "上善若水 — the highest good is like water" in last.text.split("\n")
    assert [(link.label, link.url) for link in last.links] == [
        ("the report", "https://example.org/report?term=上善")
    ]
    assert "term=" not in last.text and "上善\n" not in last.text + "\n"


def test_remark_rules_for_separators() -> None:
    deck = read_deck_text(
        "# A\n---\n# B\n--\nmore\n--- \n# not a separator above (trailing space)\n"
        "---\nlayout: true\n# Template\n---\n# C\n???\nnote one\n--\nstep\n???\nnote two\n"
        "---\nexclude: true\n# gone\n---\n# D",
        "rules.md",
    )
    assert [(s.number, s.title) for s in deck.slides] == [(1, "A"), (2, "B"), (4, "C"), (6, "D")]
    assert deck.slides[1].steps == 2
    assert "not a separator above" in deck.slides[1].text
    assert deck.slides[2].notes.split("\n") == ["note one", "note two"]
    assert "step" in deck.slides[2].text and "step" not in deck.slides[2].notes


def test_remark_properties_only_at_the_top_of_a_slide() -> None:
    deck = read_deck_text("class: center\nname: intro\n\n# Intro\n\nnote: kept\n---\n# Two", "p")
    first = deck.slides[0]
    assert first.properties == (("class", "center"), ("name", "intro"))
    assert "note: kept" in first.text


# ---------------------------------------------------------------- remark HTML


@pytest.fixture(scope="module")
def week04() -> Deck:
    return read_deck(DECKS / "week04.html")


def test_remark_html_reads_the_textarea(week04: Deck) -> None:
    assert week04.format == "remark-html"
    assert [(s.number, s.steps) for s in week04.slides] == [(1, 1), (2, 1), (3, 2), (5, 1)]
    assert week04.slides[0].title == "Week 4: Rivers & Canals"  # unescaped once
    assert week04.metadata.week == 4
    assert week04.metadata.date == "11 Feb 2025"
    assert week04.metadata.title == "Rivers & Canals"
    canal = week04.slides[2]
    assert "Beijing to Hangzhou 杭州" in canal.text.split("\n")
    assert canal.notes == "Ask about 京杭大运河."
    links = week04.slides[1].links
    assert links[0].url == "https://www.purpleculture.net/dictionary-details/?word=河&x=1"


def test_script_in_a_deck_is_kept_as_text_not_run(week04: Deck) -> None:
    slide = week04.slides[-1]
    assert '<script>alert("河")</script>' in slide.text  # renderers escape it
    assert "Rivers: 长江, 黄河!" in slide.text


def test_remark_html_loading_its_markdown_from_a_file_beside_it(tmp_path: Path) -> None:
    (tmp_path / "week09.md").write_text("# One 一\n---\n# Two 二\n", encoding="utf-8")
    page = tmp_path / "week09.html"
    page.write_text(
        "<html><body><script>remark.create({sourceUrl: 'week09.md'})</script></body></html>",
        encoding="utf-8",
    )
    deck = read_deck(page)
    assert deck.name == "week09.html"  # links go to the page
    assert [s.title for s in deck.slides] == ["One 一", "Two 二"]
    away = tmp_path / "away.html"
    away.write_text("<html><script>remark.create({sourceUrl: '../x.md'})</script></html>")
    with pytest.raises(DeckError, match="sourceUrl"):
        read_deck(away)


def test_remark_html_without_a_textarea_is_an_error() -> None:
    with pytest.raises(DeckError, match="sourceUrl"):
        read_deck_text(
            "<html><body><script>remark.create({sourceUrl: 'week9.md'})</script></body></html>",
            "week09.html",
        )
    with pytest.raises(DeckError, match="textarea"):
        read_deck_text("<html><body><p>Hi</p></body></html>", "page.html", fmt="remark-html")
    # Without remark's textarea, an HTML page is read as a document (see test_formats.py).
    page = read_deck_text("<!DOCTYPE html><html><body><p>Hello</p></body></html>", "page.html")
    assert (page.format, page.slides[0].text) == ("html-document", "Hello")
    with pytest.raises(DeckError, match="empty deck"):
        read_deck_text('<html><textarea id="source">\n  \n</textarea></html>', "empty.html")


# ---------------------------------------------------------------- flattened decks


def test_flattened_remark_deck_reads_like_the_original(week03: Deck) -> None:
    source = (DECKS / "week03.md").read_text(encoding="utf-8")
    flat = read_deck_text(flatten(source), "week03.md")
    assert flat.format == "flattened"
    assert_same_slides(week03, flat)


def test_flattened_html_textarea_reads_like_the_original(week04: Deck) -> None:
    page = (DECKS / "week04.html").read_text(encoding="utf-8")
    match = re.search(r'<textarea id="source">(.*?)</textarea>', page, re.S)
    assert match
    flat_page = page[: match.start(1)] + flatten(match.group(1)) + page[match.end(1) :]
    assert_same_slides(week04, read_deck_text(flat_page, "week04.html"))


def test_flattened_deck_with_steps_templates_and_inline_properties() -> None:
    deck = read_deck(DECKS / "week05_flat.txt")
    assert deck.format == "flattened"
    # slide 4 has a step (4-5), a layout template takes no number, slide 7 has a step (7-8)
    assert [(s.number, s.steps) for s in deck.slides] == [
        (1, 1),
        (2, 1),
        (3, 1),
        (4, 2),
        (6, 1),
        (7, 2),
        (9, 1),
    ]
    rail = deck.slides[3]
    assert rail.properties == (
        ("name", "rail"),
        ("background-image", "url(/img/train.jpg)"),
        ("class", "inverse"),
    )
    assert rail.text.split("\n") == [
        "High-speed rail 高铁",
        "Network of 45,000 km",
        "Fuxing 复兴号 trains",
        "Stations far from the centre: new towns 新城",
    ]
    assert rail.notes == "Compare with the 1990s."
    assert deck.slides[2].headings == ((2, "Character of the week"), (1, "路"))
    roads = deck.slides[5]
    assert "高速公路 gaosu gonglu" in roads.text.split("\n")
    assert roads.text.split("\n")[-2:] == ["Private cars", "Congestion 堵车"]
    assert all("Urban China" not in s.text for s in deck.slides[1:])  # the template footer
    meta = deck.metadata
    assert (meta.week, meta.date, meta.title, meta.author) == (
        5,
        "25 Feb 2025",
        "Roads and Rails",
        "Li Ming",
    )
    assert meta.course == "Urban China - Spring 2025"


def test_flattened_inline_properties_and_classes() -> None:
    deck = read_deck_text(
        "# One --- class:inverse, cover, background-image: url(a.jpg) "
        ".inverse[ # 90s: Jumping into the sea .small[“下海”] ] .footnote[image: 大哥大]",
        "props.txt",
    )
    slide = deck.slides[1]
    assert slide.properties == (("class", "inverse, cover,"), ("background-image", "url(a.jpg)"))
    assert slide.headings == ((1, "90s: Jumping into the sea “下海”"),)
    assert slide.text.split("\n")[-1] == "image: 大哥大"


def test_flattened_heading_ends_at_its_exclamation_or_question() -> None:
    deck = read_deck_text(
        "# Happy Birthday Shenzhen! June 30th, 2018 --- # Is it the fab city ? What are the "
        "issues here ? --- # “The road is made by walking.” ― Lu Xun, 1921",
        "q.txt",
    )
    assert [s.title for s in deck.slides] == [
        "Happy Birthday Shenzhen!",
        "Is it the fab city ?",
        "“The road is made by walking.” ― Lu Xun, 1921",
    ]
    assert deck.slides[0].text.split("\n") == ["Happy Birthday Shenzhen!", "June 30th, 2018"]


def test_flattened_numbered_lists_count_on() -> None:
    deck = read_deck_text(
        "# Steps 1. One 2. Two -- 3. Three --- # Dates - signed on March 18. The plan 2. Then",
        "numbers.txt",
    )
    assert deck.slides[0].text.split("\n") == ["Steps", "One", "Two", "Three"]
    assert deck.slides[1].text.split("\n") == ["Dates", "signed on March 18. The plan 2. Then"]
    part = read_deck_text("# 1. Writing - one --- # 2. China - two", "parts.txt")
    assert [s.title for s in part.slides] == ["1. Writing", "2. China"]


def test_unflatten_keeps_dashes_and_arrows_of_prose() -> None:
    markdown = unflatten("Cities - towns - villages --- # Scale - national > provincial > local")
    lines = markdown.split("\n")
    assert "Cities - towns - villages" in lines  # no heading yet: a dash, not a list
    assert "- national > provincial > local" in lines
    deck = read_deck_text("1980 -- 2011: a city --- # Two -- - step", "dash.txt")
    assert [(s.number, s.steps) for s in deck.slides] == [(1, 1), (2, 2)]
    assert "1980 -- 2011: a city" in deck.slides[0].text


# ---------------------------------------------------------------- markdown and plain text


def test_markdown_without_separators_is_split_into_sections() -> None:
    deck = read_deck(DECKS / "notes.md")
    assert deck.format == "markdown"
    assert [s.title for s in deck.slides] == [
        "Reading notes: Shenzhen",
        "Special Economic Zone",
        "Huaqiangbei",
    ]
    zone = deck.slides[1]
    assert "Created in 1980 as a 经济特区" in zone.text.split("\n")
    assert zone.links[0].url == "https://en.wikipedia.org/wiki/Shenzhen_(disambiguation)"
    assert "See the overview." in zone.text.split("\n")


def test_plain_text_is_one_slide_with_its_lines() -> None:
    deck = read_deck(DECKS / "plain.txt")
    assert deck.format == "text"
    assert len(deck.slides) == 1
    assert deck.slides[0].text.split("\n") == [
        "Vocabulary for the field trip",
        "城市 city",
        "农村 countryside",
        "Bring a notebook.",
    ]
    assert deck.metadata.title == "Vocabulary for the field trip"


def test_a_format_can_be_forced() -> None:
    flat = "# One --- # Two"
    assert len(read_deck_text(flat, "x").slides) == 2
    assert len(read_deck_text(flat, "x", fmt="text").slides) == 1
    with pytest.raises(DeckError, match="unknown deck format"):
        read_deck_text(flat, "x", fmt="docx")
    with pytest.raises(DeckError, match="read from the file's bytes"):
        read_deck_text(flat, "x", fmt="pptx")


# ---------------------------------------------------------------- markup


def test_urls_never_reach_the_prose_but_links_are_kept() -> None:
    deck = read_deck_text(
        "# 字 [查](https://example.org/?word=创) <https://example.org/?q=新>\n\n"
        "See https://example.org/a?word=业, or www.example.org/?w=城.\n\n"
        '<a href="https://example.org/?w=山">山 page</a> ![img 图](x.png?w=图)\n\n'
        "[ref]: https://example.org/?w=寨",
        "links.md",
    )
    slide = deck.slides[0]
    assert HAN.findall(slide.text) == ["字", "查", "山"]
    urls = [link.url for link in slide.links]
    assert "https://example.org/?word=创" in urls
    assert "https://example.org/?q=新" in urls
    assert "https://example.org/a?word=业" in urls
    assert "https://example.org/?w=山" in urls
    assert "See , or ." in slide.text


def test_nested_content_classes_and_emphasis() -> None:
    deck = read_deck_text(
        ".left[.red[**红色**] and _green_ .small[(绿色)]]\n\n\\.not-a-class[kept]", "c"
    )
    assert deck.slides[0].text.split("\n") == ["红色 and green (绿色)", ".not-a-class[kept]"]


def test_emphasis_inside_chinese_words_and_plain_asterisks() -> None:
    deck = read_deck_text("大众**创客**是 *makers*, snake_case_name, 2 * 3 ~~old~~", "e.md")
    assert deck.slides[0].text == "大众创客是 makers, snake_case_name, 2 * 3 old"


def test_lines_of_a_chinese_paragraph_join_without_a_space() -> None:
    deck = read_deck_text("# T\n\n大众创业\n万众创新 is a slogan\n\n𠀀𪚥 extension B", "p")
    assert deck.slides[0].text.split("\n") == [
        "T",
        "大众创业万众创新 is a slogan",
        "𠀀𪚥 extension B",
    ]


# ---------------------------------------------------------------- bad input


def test_binary_data_is_refused() -> None:
    with pytest.raises(DeckError, match="binary"):
        read_deck_bytes(b"# Slide\x00\x01\x02", "deck.md")
    with pytest.raises(DeckError, match="PDF"):
        read_deck_bytes(b"%PDF-1.7\n...", "deck.pdf")
    with pytest.raises(DeckError, match="zip"):
        read_deck_bytes(b"PK\x03\x04rest", "deck.pptx")


def test_invalid_utf8_says_where() -> None:
    data = "# 一\n---\n# 二 ".encode() + b"\xff ok\n"
    with pytest.raises(DeckError) as caught:
        read_deck_bytes(data, "bad.md")
    message = str(caught.value)
    assert message.startswith("bad.md: ")
    assert "0xff" in message and "line 3" in message and "column 5" in message


def test_chinese_legacy_encodings_are_named() -> None:
    with pytest.raises(DeckError, match="GBK/GB18030"):
        read_deck_bytes("# 创客\n\n大众创业、万众创新\n".encode("gb18030"), "gbk.md")
    with pytest.raises(DeckError, match="UTF-16 without a byte-order mark"):
        read_deck_bytes("# 创客 makers\n".encode("utf-16-le"), "utf16.md")


def test_latin1_file_is_refused_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("# Café\n".encode("latin-1"))
    with pytest.raises(DeckError) as caught:
        read_deck(path)
    assert str(path) in str(caught.value) and "line 1" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\n\t", "\ufeff".encode(), b"---\n---\n--\n", b"---\ntitle: x\nhide: true\n---\n"],
)
def test_empty_deck_is_an_error(data: bytes) -> None:
    with pytest.raises(DeckError, match="empty deck"):
        read_deck_bytes(data, "empty.md")


def test_deck_without_chinese_is_just_slides() -> None:
    deck = read_deck_text("# Intro\n- one\n---\n# Outro", "english.md")
    assert [s.title for s in deck.slides] == ["Intro", "Outro"]
    assert not any(HAN.search(s.text) for s in deck.slides)


def test_bom_crlf_and_utf16_give_the_same_deck(week03: Deck) -> None:
    source = (DECKS / "week03.md").read_text(encoding="utf-8")
    windows = ("\ufeff" + source.replace("\n", "\r\n")).encode("utf-8")
    assert read_deck_bytes(windows, "week03.md") == week03
    assert read_deck_bytes(source.encode("utf-16"), "week03.md") == week03


def test_full_width_punctuation_is_kept() -> None:
    deck = read_deck_text("# 口号\n\n- 「大众创业」、“万众创新”（2015）！", "fw.md")
    assert deck.slides[0].text.split("\n")[1] == "「大众创业」、“万众创新”（2015）！"


def test_missing_folder_and_too_large_files(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="no such file"):
        read_deck(tmp_path / "nope.md")
    with pytest.raises(DeckError, match="folder"):
        read_deck(tmp_path)
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:  # sparse: the size is checked before reading
        handle.truncate(MAX_DECK_BYTES + 1)
    with pytest.raises(DeckError, match="too large"):
        read_deck(huge)
    with pytest.raises(DeckError, match="too large"):
        read_deck_bytes(b"a" * (MAX_DECK_BYTES + 1), "big.md")


def test_a_5_mb_deck_is_read() -> None:
    """Slow (seconds): two whole decks at the size limit, 5 MB each, are read."""
    slide = (
        "class: inverse\n# Slide 城市 [link](https://example.org/?w=创)\n"
        "- item .red[红] *em* <br> `code` ![i](x.png)\n???\nnotes 笔记\n"
    )
    count = 5_000_000 // len(slide.encode())
    deck = read_deck_text("---\n".join([slide] * count), "big.md")
    assert len(deck.slides) == count
    flat = read_deck_text(" --- ".join([flatten(slide)] * (count // 2)), "big.txt")
    assert flat.format == "flattened"
    assert len(flat.slides) == count // 2
    assert flat.slides[-1].notes == "notes 笔记"


@pytest.mark.parametrize(
    "unit",
    [
        "[",
        ".a[",
        "<!--",
        "(",
        "![x](",
        "[a](",
        "<a href='",
        "`",
        "*_",
        "# ",
        "- ",
        " -- ",
        "| |",
        "http://a.b/)",
        "a@b.c",
        "{{",
        "#!",
    ],
)
def test_pathological_markup_is_read_in_linear_time(unit: str) -> None:
    # 200 kB of an opener that never closes, on one line and on many lines: a quadratic
    # pattern would take hours here (the test times out), a linear one well under a second
    text = "x " + unit * (200_000 // len(unit))
    assert read_deck_text(text, "odd.txt").slides
    assert read_deck_text(text.replace(" ", "\n"), "odd.md").slides


def test_one_slide_a_line_is_read_as_flattened(week03: Deck) -> None:
    source = (DECKS / "week03.md").read_text(encoding="utf-8")
    slides = source.split("\n---\n")
    for joiner in ("\n--- ", " ---\n"):
        deck = read_deck_text(joiner.join(flatten(slide) for slide in slides), "week03.md")
        assert deck.format == "flattened"
        assert_same_slides(week03, deck)


def test_a_dash_in_prose_does_not_make_a_deck() -> None:
    deck = read_deck_text("Notes\n\nThe city --- and its people.\n\nMore prose.\n", "n.txt")
    assert deck.format == "text"
    assert len(deck.slides) == 1


def test_metadata_without_front_matter_comes_from_the_cover() -> None:
    source = (DECKS / "week03.md").read_text(encoding="utf-8")
    body = source.split("\n---\n", 2)[2]  # without the front matter
    meta = read_deck_text(body, "lecture.md").metadata
    assert (meta.title, meta.course, meta.week, meta.date, meta.author) == (
        "Water and the City",
        "Chinese Cities",
        3,
        "4 Feb 2025",
        "Jane Doe",
    )


def test_metadata_of_a_talk_without_week() -> None:
    deck = read_deck_text(
        "Use the left/right keyboard arrows to move\n---\nclass: center\n\n"
        "# Building Shenzhen\n## A long story of factories, markets and many workers\n\n"
        "### Anne Martin / [anne-martin.net](https://anne-martin.net)\n\n2019\n---\n# Next",
        "talk.md",
    )
    meta = deck.metadata
    assert (meta.title, meta.course, meta.week, meta.date, meta.author) == (
        "Building Shenzhen",
        "",
        None,
        "",
        "Anne Martin",
    )


def test_week_and_date_in_prose_are_not_metadata() -> None:
    deck = read_deck_text(
        "# Planning\n---\n# History\n- In week 3 we saw the plan of 12 March 2015 and how it "
        "was carried out by the provinces.",
        "week09.md",
    )
    assert deck.metadata.week == 9  # from the file name
    assert deck.metadata.date == ""


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(DeckError, match="line 2"):
        read_deck_text("# One\nbad \udcff here", "s.md")


def test_layout_properties_are_inherited_and_variables_expanded() -> None:
    deck = read_deck_text(
        "title: Remark Flow\nclass: fade\nlayout: true\n\n.bar[{{title}}]\n---\n"
        "class: impact\n# {{title}}\n---\n# Plain \\{{title}} {{unknown}}\n--\nmore\n"
        "---\nlayout: false\n# No layout",
        "flow.md",
    )
    assert [s.title for s in deck.slides] == [
        "Remark Flow",
        "Plain {{title}} {{unknown}}",
        "No layout",
    ]
    assert deck.slides[0].property("class") == "fade, impact"
    assert deck.slides[1].property("class") == "fade"
    assert deck.slides[1].property("title") == "Remark Flow"
    assert deck.slides[2].property("class") is None
    assert [s.number for s in deck.slides] == [1, 2, 4]


def test_flattened_heading_ends_before_a_line_of_links() -> None:
    deck = read_deck_text(
        "# One --- ## Character of the week # 家 [Dictionary](https://example.org/?w=家)"
        " --- ## Read [the plan](https://example.org/plan) --- "
        "### Thought ([link](https://example.org/a)) --- # 城 [A](https://a.org) / [B](https://b.org)",
        "links.txt",
    )
    assert deck.slides[1].headings == ((2, "Character of the week"), (1, "家"))
    assert deck.slides[2].headings == ((2, "Read the plan"),)
    assert deck.slides[3].headings == ((3, "Thought (link)"),)
    assert deck.slides[4].headings == ((1, "城"),)
    assert deck.slides[4].text.split("\n") == ["城", "A / B"]


# ---------------------------------------------------------------- flattening, generated decks

_WORDS = st.sampled_from(
    [
        "Targeted",
        "poverty",
        "alleviation",
        "精准扶贫",
        "(2014)",
        "创客",
        "chuangke",
        "the",
        "city",
        "Zones",
        "(开发区)",
        "«",
        "大众创业、万众创新",
        "»",
        "Shenzhen",
        "“Made",
        "in",
        "China”",
        "*new*",
        "**单位**",
        "2-3",
        "R&D",
        "&",
        "：",
        "（新车间）",
        "𠀀",
        "a",
        "national",
        "level",
    ]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)
_LINK_LINE = st.lists(_TEXT, min_size=2, max_size=3).map(
    lambda labels: " / ".join(
        f"[{label}](https://example.org/?w=创{i})" for i, label in enumerate(labels)
    )
)
_BLOCK = st.one_of(
    _TEXT.map(lambda text: f"- {text}"),
    _TEXT.map(lambda text: f"* {text} <br> {text}"),
    _TEXT.map(lambda text: f"- ### {text}"),
    _TEXT.map(lambda text: f"1. Step {text}"),
    _TEXT.map(lambda text: f"## {text}"),
    _TEXT.map(lambda text: f"## 2. {text}"),
    _TEXT.map(lambda text: f"### {text} ([link](https://example.org/{text}))"),
    _TEXT.map(lambda text: f".footnote[\n- {text}\n]"),
    _TEXT.map(lambda text: f".left-column[\n### {text} .small[{text}]\n- .red[{text}]\n]"),
    _TEXT.map(lambda text: f"- {text} ![img](x.png?w=图) `code {text}`"),
    _TEXT.map(lambda text: f"| {text} | x |\n|---|---|\n| {text} | y |"),
)
_PROPERTIES = st.lists(
    st.sampled_from(
        [
            "class: inverse, center",
            "class: middle",
            "name: part",
            "background-image: url(/img/a.jpg)",
        ]
    ),
    unique_by=lambda line: line.split(":")[0],
    max_size=3,
)


@st.composite
def _slides(draw: st.DrawFn) -> str:
    lines = draw(_PROPERTIES)
    lines.append(f"# {draw(_TEXT)}")
    if draw(st.booleans()):
        lines.append(draw(_LINK_LINE))
    if draw(st.booleans()):
        lines.append(f"> {draw(_TEXT)}")
    lines.extend(draw(st.lists(_BLOCK, max_size=4)))
    for _ in range(draw(st.integers(0, 2))):
        lines.extend(["--", draw(_BLOCK)])
    if draw(st.booleans()):
        # notes are prose or blocks: a " - " after prose is read as a dash, not a list
        lines.extend(["???", draw(st.one_of(_TEXT, _BLOCK))])
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(_slides(), min_size=2, max_size=5).map("\n---\n".join))
def test_generated_decks_read_the_same_once_flattened(source: str) -> None:
    original = read_deck_text(source, "generated.md")
    flat = read_deck_text(flatten(source), "generated.md")
    assert_same_slides(original, flat)


# ---------------------------------------------------------------- steps, course, front matter

_STEPPED = """# Cover

Week 4: Steps

---

# Reform

- one 户口本 per household
- 农业户口 and 非农业户口

???

Notes of the first step: 户口 again.

--

- since 2014 one 居民户口.

--

A paragraph on the third step
about 户籍

???

Notes at the end: 户籍 stays local.

---

# Last

Only one step here.
"""


def _numbered(slide: Slide, in_notes: bool = False) -> list[tuple[int, str]]:
    text = slide.notes if in_notes else slide.text
    return [(slide.line_number(i, in_notes), line) for i, line in enumerate(text.split("\n"))]


def _html_page(markdown: str) -> str:
    indented = "\n".join("      " + line if line else "" for line in markdown.split("\n"))
    return f'<!DOCTYPE html>\n<html><body>\n<textarea id="source">\n{indented}\n</textarea>\n'


@pytest.mark.parametrize("form", ["remark-markdown", "remark-html", "flattened"])
def test_each_line_knows_the_step_that_shows_it(form: str) -> None:
    source = {
        "remark-markdown": _STEPPED,
        "remark-html": _html_page(_STEPPED),
        "flattened": flatten(_STEPPED),
    }[form]
    deck = read_deck_text(source, "steps.html" if form == "remark-html" else "steps.txt")
    assert deck.format == form
    cover, reform, last = deck.slides
    assert (reform.number, reform.steps, last.number) == (2, 3, 5)
    assert deck.slide_count == 5 == reform.last_number + 1
    assert _numbered(reform) == [
        (2, "Reform"),
        (2, "one 户口本 per household"),
        (2, "农业户口 and 非农业户口"),
        (3, "since 2014 one 居民户口."),
        (4, "A paragraph on the third step about 户籍"),
    ]
    # notes are numbered with the step whose ``???`` section holds them
    assert _numbered(reform, in_notes=True) == [
        (2, "Notes of the first step: 户口 again."),
        (4, "Notes at the end: 户籍 stays local."),
    ]
    # one step: no offsets, every line on the slide's own number
    assert cover.text_steps == last.text_steps == last.notes_steps == ()
    assert {number for number, _ in _numbered(last)} == {5}


def test_step_offsets_are_parallel_to_the_lines_and_rise() -> None:
    deck = read_deck(DECKS / "week03.md")
    stepped = [slide for slide in deck.slides if slide.steps > 1]
    assert stepped
    for slide in stepped:
        assert len(slide.text_steps) in (0, len(slide.text.split("\n")))
        assert len(slide.notes_steps) in (0, len(slide.notes.split("\n")))
        for offsets in (slide.text_steps, slide.notes_steps):
            assert list(offsets) == sorted(offsets)
            assert all(0 <= step < slide.steps for step in offsets)
    assert deck.slide_count == deck.slides[-1].number + deck.slides[-1].steps - 1


def test_slide_count_without_steps_is_the_number_of_slides() -> None:
    deck = read_deck_text("# One\n---\n# Two\n---\n# Three", "three.md")
    assert deck.slide_count == len(deck.slides) == 3


def test_a_talk_cover_gives_no_course() -> None:
    """Front matter gives the title; the cover's big Chinese word above it is the topic."""
    deck = read_deck_text(
        "---\nlayout: remark\ntitle: Du 户口 au 乡村振兴\ndate: 2025-06-12\n---\n\n"
        "class: center\n\n# 户口\n\n## Du hukou au « 乡村振兴 »\n\nJ. Martin, 12 juin 2025\n"
        "---\n# Plan",
        "talk.md",
    )
    assert (deck.metadata.title, deck.metadata.course, deck.metadata.week) == (
        "Du 户口 au 乡村振兴",
        "",
        None,
    )


def test_a_week_cover_names_its_course_but_not_its_character() -> None:
    deck = read_deck_text(
        "# 城市群\n\n# Chinese Cities\n\n## Week 12: Megaregions\n\n22 Apr 2025\n---\n# Next",
        "lecture.md",
    )
    meta = deck.metadata
    assert (meta.course, meta.week, meta.title) == ("Chinese Cities", 12, "Megaregions")


def test_flattened_numbered_items_in_lower_case() -> None:
    """ "1. city clusters" starts an item when item 2 follows it, and the list counts on."""
    source = (
        "# Program\n\n1. city clusters: **城市群** (*chengshiqun*)\n2. three megaregions\n"
        "3. the Belt and Road\n\n---\n\n# Prose\n\n- signed in version 1. then nothing more"
    )
    original = read_deck_text(source, "program.md")
    flat = read_deck_text(flatten(source), "program.txt")
    assert flat.format == "flattened"
    assert flat.slides[0].text.split("\n") == [
        "Program",
        "city clusters: 城市群 (chengshiqun)",
        "three megaregions",
        "the Belt and Road",
    ]
    assert flat.slides[1].text.split("\n") == ["Prose", "signed in version 1. then nothing more"]
    assert_same_slides(original, flat)


def test_flattened_chinese_clause_heading_ends_before_its_english() -> None:
    source = (
        "# Expo\n\n---\n\n### 城市，让生活更美好\n\nBetter City, Better Life (Expo 2010)\n\n---\n\n"
        "# 创客 Makers in Shenzhen"
    )
    flat = read_deck_text(flatten(source), "expo.txt")
    assert flat.slides[1].text.split("\n") == [
        "城市，让生活更美好",
        "Better City, Better Life (Expo 2010)",
    ]
    assert flat.slides[2].title == "创客 Makers in Shenzhen"  # no clause: one heading
    assert_same_slides(read_deck_text(source, "expo.md"), flat)


_JEKYLL_SLIDES = (
    "---\nlayout: remark\ntitle: Megaregions\ndate: 2025-04-22\n---\n\n"
    "class: center\n\n# Week 12\n\n## 城市群\n\n---\n\n# Clusters\n\n- 京津冀\n"
)


def test_front_matter_inside_a_remark_textarea_is_not_a_slide() -> None:
    markdown = read_deck_text(_JEKYLL_SLIDES, "week12.md")
    page = read_deck_text(_html_page(_JEKYLL_SLIDES), "week12.html")
    assert page.format == "remark-html"
    assert [s.title for s in page.slides] == ["Week 12", "Clusters"]
    assert "layout" not in page.slides[0].text and "remark" not in page.slides[0].text
    assert (page.metadata.title, page.metadata.date, page.metadata.week) == (
        "Megaregions",
        "2025-04-22",
        12,
    )
    assert_same_slides(markdown, page)


def test_front_matter_on_top_of_a_remark_html_page_gives_metadata() -> None:
    body = _JEKYLL_SLIDES.split("---\n\n", 1)[1]
    page = "---\nlayout: remark\ntitle: Megaregions\ndate: 2025-04-22\n---\n" + _html_page(body)
    deck = read_deck_text(page, "week12.html")
    assert deck.format == "remark-html"
    assert [s.title for s in deck.slides] == ["Week 12", "Clusters"]
    assert (deck.metadata.title, deck.metadata.date) == ("Megaregions", "2025-04-22")


# ---------------------------------------------------------------- Unicode normalisation

_NORMALISING = (
    "---\ntitle: Week 2 · 创新\n---\n"
    "# Week 2: chuàngxīn\n\n## 创新 [创新 chuàngxīn](https://example.org/创新)\n\n"
    "创新 (chuàngxīn, innovation), 城市 chéngshì\n\n???\nSay chuàngxīn, not chuangxin.\n"
)


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_combining_tone_marks_read_like_precomposed_pinyin(form: str) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", _NORMALISING)
    assert decomposed != _NORMALISING  # the test text does hold accents to decompose
    if form == "html":
        composed = read_deck_text(_html_page(_NORMALISING), "week02.html")
        deck = read_deck_text(_html_page(decomposed), "week02.html")
    else:
        composed = read_deck_text(_NORMALISING, "week02.md")
        deck = read_deck_text(decomposed, "week02.md")
    assert deck == composed
    assert "chuàngxīn" in deck.slides[0].text and "chuàngxīn" in deck.slides[0].notes
    assert deck.slides[0].links[0].label == "创新 chuàngxīn"
    assert deck.metadata.title == composed.metadata.title != ""


def test_combining_marks_written_as_entities_are_composed() -> None:
    deck = read_deck_text("# 创新\n\nchua&#768;ngxi&#x304;n and 城&#x200b;市\n", "w.md")
    assert "chuàngxīn and 城市" in deck.slides[0].text


@pytest.mark.parametrize(
    "mark",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u2066", "\u00ad"],
)
def test_invisible_format_characters_inside_words_are_dropped(mark: str) -> None:
    clean = read_deck_text("# 城市 chéngshì\n\n创新 innovation [创新](https://a.org/x)\n", "w.md")
    text = f"# 城{mark}市 chéng{mark}shì\n\n创{mark}新 inno{mark}vation [创{mark}新](https://a.org/x)\n"
    assert read_deck_text(text, "w.md") == clean


def test_a_zero_width_joiner_between_emoji_is_kept() -> None:
    deck = read_deck_text("# 程序员\n\n程序员 \U0001f469\u200d\U0001f4bb coder\n", "w.md")
    assert "\U0001f469\u200d\U0001f4bb" in deck.slides[0].text


def test_compatibility_ideographs_are_folded_to_their_unified_forms() -> None:
    import unicodedata

    text = "# \U0002f800 and \uf900\n\n\uf900 \U0002f800 \ufa0e [\uf900](https://a.org/)\n"
    deck = read_deck_text(text, "w.md")
    slide = deck.slides[0]
    for shown in (slide.text, slide.title, slide.links[0].label):
        assert not any("\uf900" <= c <= "\ufaff" and c != "\ufa0e" for c in shown), shown
        assert not any("\U0002f800" <= c <= "\U0002fa1f" for c in shown), shown
    assert unicodedata.normalize("NFKC", "\uf900") in slide.text
    assert unicodedata.normalize("NFKC", "\U0002f800") in slide.text
    assert "\ufa0e" in slide.text  # a unified ideograph in that block, not a compatibility one


# ---------------------------------------------------------------- file names not UTF-8


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (b"week\xcc\xec08.md", "week\u592908.md"),  # GBK bytes of 天, from a Windows zip
        (b"caf\xe9.md", "caf\ufffd.md"),  # Latin-1: no Chinese guess, a replacement character
    ],
)
def test_a_file_name_that_is_not_utf8_gets_a_name_that_can_be_written(
    tmp_path: Path, raw: bytes, shown: str
) -> None:
    import os

    path = tmp_path / os.fsdecode(raw)
    path.write_text("# Week 8\n\n城市 (city)\n", encoding="utf-8")
    deck = read_deck(path)
    assert deck.name == shown
    assert deck.name.encode("utf-8")  # JSON and HTML outputs write it as UTF-8
    assert "城市 (city)" in deck.slides[0].text and deck.metadata.week == 8
    assert read_deck_bytes(path.read_bytes(), path.name).name == shown
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(DeckError) as caught:
        read_deck(path)
    assert shown in str(caught.value)
    assert str(caught.value).encode("utf-8")


def test_only_the_parts_of_a_path_that_are_not_utf8_are_decoded(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "课程"
    folder.mkdir()
    path = folder / os.fsdecode(b"\xb5\xda\xcb\xc4\xd6\xdc.md")  # 第四周 in GBK
    with pytest.raises(DeckError) as caught:
        read_deck(path)  # not written: the message names it
    assert f"{folder}/第四周.md: no such file" in str(caught.value)


# ---------------------------------------------------------------- UTF-16 that is not text


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_binary_data_behind_a_utf16_byte_order_mark_is_not_a_deck(bom: bytes) -> None:
    # code units in the private-use area (E000-F8FF) and unassigned ones (FFF0-FFF8)
    units = [0xE000 + 97 * n for n in range(60)] + list(range(0xFFF0, 0xFFF9)) * 4
    codec = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    data = bom + "".join(map(chr, units)).encode(codec)
    with pytest.raises(DeckError, match="not a text deck") as caught:
        read_deck_bytes(data, "upload.md")
    assert "UTF-16" in str(caught.value)


def test_utf16_text_with_a_few_private_use_characters_is_still_a_deck() -> None:
    # a rare character a font maps to the private-use area: text around it is still text
    text = "# 第三周 Week 3\n\n城市 chéngshì \ue000 (city)\n" + "\x07\n"
    deck = read_deck_bytes(text.encode("utf-16"), "week03.md")
    assert "城市 chéngshì \ue000 (city)" in deck.slides[0].text
    assert deck.metadata.week == 3
