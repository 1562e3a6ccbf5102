"""Glossary renderers (JSON, Markdown, remark slides, HTML) on glossaries made of real data.

The glossaries here are assembled by hand from real CC-CEDICT entries (the ``lexicon``
fixture), so the renderers are tested independently of the glossary builder. Expected values
are read from the model, never typed in: a renderer must show what the model holds.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from hanzi_companion.glossary import (
    CharacterOfTheWeek,
    Course,
    DeckInfo,
    Glossary,
    GlossaryTerm,
    Occurrence,
    RomanisedTerm,
)
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.models import Link, SenseKind
from hanzi_companion.render import glossary_common
from hanzi_companion.render import slides as slides_module
from hanzi_companion.render.html import render_course_html, render_html
from hanzi_companion.render.json import course_json, glossary_json, render_json
from hanzi_companion.render.markdown import render_course_markdown, render_markdown
from hanzi_companion.render.slides import render_course_slides, render_slides
from hanzi_companion.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "glossary.schema.json").read_text(encoding="utf-8"))
CSS = ROOT / "static" / "css" / "glossary.css"

HOSTILE = '<script>alert("x")</script> | a "quoted" [link](javascript:1) .red[x] {{ name }}'


def make_term(
    lexicon: Lexicon,
    word: str,
    slide: int,
    *,
    context: str = "",
    slide_title: str = "A slide",
    in_notes: bool = False,
    slide_gloss: str = "",
) -> GlossaryTerm:
    """A glossary term from the real dictionary, as a builder would make it."""
    reading = lexicon.reading(word)
    entry = reading.entry
    senses = entry.senses if entry else ()
    meanings = [s.text for s in senses if s.kind == SenseKind.MEANING]
    return GlossaryTerm(
        term=word,
        simplified=entry.simplified if entry else word,
        traditional=entry.traditional if entry else lexicon.traditional_of(word),
        pinyin_numbered=reading.pinyin_numbered,
        reading_source=reading.source,
        gloss="; ".join(meanings[:2]) or slide_gloss,
        senses=senses,
        occurrences=(Occurrence(slide, slide_title, context or word, in_notes),),
        slide_gloss=slide_gloss,
        in_dictionary=reading.in_dictionary,
        sources=tuple(dict.fromkeys(s.source for s in senses)) or (reading.source,),
    )


# Common words with a traditional form that differs, a proper noun, a CC-CEDICT sense with
# brackets in it, and a made-up compound no dictionary has.
WORDS = ("银行", "学习", "长城", "重庆", "图书馆", "电脑", "经济", "发展", "社会", "文化")
UNKNOWN = "网红经济体"


@pytest.fixture(scope="module")
def glossary(lexicon: Lexicon) -> Glossary:
    terms = [make_term(lexicon, word, n + 2) for n, word in enumerate(WORDS)]
    terms.append(make_term(lexicon, UNKNOWN, 4, slide_gloss="influencer economy", in_notes=True))
    terms.append(make_term(lexicon, "学生", 5, context=HOSTILE, slide_title=HOSTILE))
    hostile = make_term(lexicon, "老师", 6, slide_gloss=HOSTILE)
    terms.append(GlossaryTerm(**{**hostile.__dict__, "gloss": HOSTILE}))
    compound = make_term(lexicon, "经济发展", 8, slide_gloss="economic development")
    parts = ("经济", "发展")
    terms.append(
        GlossaryTerm(
            **{
                **compound.__dict__,
                "parts": parts,
                "part_readings": tuple(lexicon.reading(p).pinyin_numbered for p in parts),
                "part_glosses": tuple(lexicon.lookup(p)[0].senses[0].text for p in parts),
            }
        )
    )
    character = lexicon.reading("学")
    assert character.entry is not None
    characters = (
        CharacterOfTheWeek(
            "学",
            character.pinyin_numbered,
            character.entry.senses[0].text,
            1,
            links=(
                Link("Purple Culture", "https://www.purpleculture.net/dictionary-details/?word=学"),
                Link("evil", "javascript:alert(1)"),
                Link("odd <b>", 'https://odd.example.net/?q=<script>"|)x'),
            ),
        ),
    )
    yinhang = lexicon.reading("银行")
    romanised = (
        RomanisedTerm(
            "yinhang",
            "银行",
            yinhang.pinyin_numbered,
            "deck term",
            (),
            "bank",
            (Occurrence(3, "Banks", "the yinhang sector"),),
        ),
        RomanisedTerm(
            "shi", "", "", "ambiguous", ("是", "事", "市"), "", (Occurrence(7, "Misc", "shi"),)
        ),
    )
    deck = DeckInfo(
        name="week03.txt",
        title="Week 3 <b>banks</b>",
        course="Chinese 101",
        week=3,
        date="2026-10-01",
        slide_count=12,
        format="remark-markdown",
    )
    return Glossary(deck, characters, tuple(terms), romanised)


@pytest.fixture(scope="module")
def empty() -> Glossary:
    deck = DeckInfo(name="empty.md", slide_count=2, format="markdown")
    return Glossary(deck, (), (), messages=("No Chinese text was found in the deck.",))


@pytest.fixture(scope="module")
def course(glossary: Glossary, empty: Glossary) -> Course:
    return Course("Chinese 101", (glossary, empty))


# --- JSON ---------------------------------------------------------------------------------


def test_json_validates_against_the_schema(
    glossary: Glossary, empty: Glossary, course: Course
) -> None:
    for document in (glossary_json(glossary), glossary_json(empty), course_json(course)):
        jsonschema.validate(document, SCHEMA)


def test_schema_is_not_vacuous(glossary: Glossary) -> None:
    document = glossary_json(glossary)
    broken = {
        **document,
        "terms": [{k: v for k, v in document["terms"][0].items() if k != "pinyin"}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**document, "deck": {**document["deck"], "week": "3"}}, SCHEMA)


def test_json_carries_the_model_values(glossary: Glossary) -> None:
    document = json.loads(render_json(glossary))
    assert [t["term"] for t in document["terms"]] == [t.term for t in glossary.terms]
    for item, term in zip(document["terms"], glossary.terms, strict=True):
        assert item["pinyin"] == term.pinyin
        assert item["pinyin_numbered"] == term.pinyin_numbered
        assert item["gloss"] == term.gloss
        assert item["traditional"] == term.traditional
        assert item["in_dictionary"] == term.in_dictionary
        assert [s["text"] for s in item["senses"]] == [s.text for s in term.senses]
        assert [s["source"] for s in item["senses"]] == [s.source for s in term.senses]
        assert [o["fragment"] for o in item["occurrences"]] == [
            f"#{o.slide}" for o in term.occurrences
        ]
        assert item["links"][0]["site"] == "Purple Culture"
    unknown = next(t for t in document["terms"] if t["term"] == UNKNOWN)
    assert unknown["in_dictionary"] is False
    assert unknown["gloss"] == "influencer economy"
    assert unknown["occurrences"][0]["in_notes"] is True
    assert document["deck"]["week"] == glossary.deck.week
    assert "CC BY-SA 4.0" in document["attribution"]


def test_json_keeps_characters_and_drops_unsafe_links(glossary: Glossary) -> None:
    text = render_json(glossary)
    assert glossary.terms[0].term in text  # not \\u escapes
    (character,) = json.loads(text)["character_of_the_week"]
    urls = [link["url"] for link in character["links"]]
    assert all(url.startswith("https://") for url in urls)
    assert urls[0] == glossary.characters[0].links[0].url  # the slide's own link comes first
    assert character["pinyin"] == glossary.characters[0].pinyin


def test_course_json_lists_decks_in_order(course: Course) -> None:
    document = course_json(course)
    assert document["course"] == course.name
    assert [d["deck"]["name"] for d in document["decks"]] == [
        g.deck.name for g in course.glossaries
    ]


# --- Markdown -----------------------------------------------------------------------------


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_table_has_one_row_per_term(glossary: Glossary) -> None:
    text = render_markdown(glossary)
    rows = [line for line in text.splitlines() if re.match(r"^\| \d+ \|", line)]
    assert len(rows) == len(glossary.terms)
    header = next(line for line in text.splitlines() if line.startswith("| # |"))
    for row, term in zip(rows, glossary.terms, strict=True):
        # A "|" in a gloss or context must not open a new cell.
        assert _unescaped_pipes(row) == _unescaped_pipes(header)
        assert term.pinyin in row
        assert html.escape(term.term) in row
    assert "CC BY-SA 4.0" in text


def test_markdown_escapes_html_and_markup(glossary: Glossary) -> None:
    text = render_markdown(glossary)
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "&quot;" not in text and '"quoted"' in text  # quotes are harmless with < > escaped
    assert "[link](javascript" not in text
    assert "<b>" not in text  # in the deck title


def test_markdown_links_slides_when_the_deck_url_is_known(glossary: Glossary) -> None:
    plain = render_markdown(glossary)
    linked = render_markdown(glossary, deck_url_template="https://example.org/{stem}.html")
    first = glossary.terms[0].occurrences[0].slide
    assert f"https://example.org/week03.html#{first}" in linked
    assert "example.org" not in plain


def test_markdown_course_has_a_section_per_deck(course: Course) -> None:
    text = render_course_markdown(course)
    assert text.count("## Glossary: ") == len(course.glossaries)
    assert "No Chinese terms." in text


# --- remark slides ------------------------------------------------------------------------


def _slides(text: str) -> list[str]:
    # remark's slide separator is a line holding only "---".
    return re.split(r"^---[ \t]*$", text, flags=re.MULTILINE)


def test_slides_are_appendable_and_paginated(glossary: Glossary) -> None:
    text = render_slides(glossary, terms_per_slide=8)
    assert text.startswith("---\n")
    parts = _slides(text)
    assert parts[0] == ""
    slides = parts[1:]
    term_pages = -(-len(glossary.terms) // 8)
    assert len(slides) == 1 + len(glossary.characters) + term_pages + 1  # + romanised
    for slide in slides:
        assert ".footnote[" in slide and "CC BY-SA 4.0" in slide
        # Neither incremental steps nor presenter notes may appear by accident.
        assert not re.search(r"^(--|\?\?\?)\s*$", slide, flags=re.MULTILINE)
    rows = [line for line in text.splitlines() if line.startswith('| <a class="hc-term"')]
    assert len(rows) == len(glossary.terms)
    for row, term in zip(rows, glossary.terms, strict=True):
        assert term.pinyin_html in row
        for occurrence in term.occurrences:
            assert f'href="#{occurrence.slide}"' in row
        assert row.count("|") == 5  # four cells: nothing in the text split a cell


def test_slides_inline_the_stylesheet_once_on_one_line(glossary: Glossary, course: Course) -> None:
    text = render_slides(glossary)
    styles = re.findall(r"^<style>.*</style>$", text, flags=re.MULTILINE)
    assert len(styles) == 1
    assert ".tone1" in styles[0]
    assert "[" not in styles[0]  # remark would read ".name[" as a content class
    assert render_course_slides(course).count("<style>") == 1


def test_slides_escape_deck_text(glossary: Glossary) -> None:
    text = render_slides(glossary)
    assert "<script" not in text
    assert "<b>" not in text
    assert '"quoted"' not in text
    assert ".red[" not in text and "{{" not in text
    # The CC-CEDICT sense of 重庆 has brackets (渝[Yu2]); none may reach remark raw.
    body = text.replace(re.search(r"<style>.*</style>", text).group(0), "")  # type: ignore[union-attr]
    assert not re.search(r"\.[A-Za-z][\w-]*\[", body.replace(".footnote[", ""))
    assert 'href="javascript' not in text  # the character's unsafe slide link is dropped
    assert "(javascript:1)" in text  # as text it stays, inert


def test_slides_for_an_empty_glossary(empty: Glossary) -> None:
    slides = _slides(render_slides(empty))[1:]
    assert len(slides) == 1
    assert "0 terms" in slides[0]
    assert empty.messages[0] in slides[0]


def test_course_slides_follow_the_course_order(course: Course) -> None:
    text = render_course_slides(course)
    names = re.findall(r"^name: (\S+)$", text, flags=re.MULTILINE)
    assert names == [f"hc-glossary-{n}" for n in range(1, len(course.glossaries) + 1)]


# --- HTML ---------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


def test_html_page_is_self_contained(glossary: Glossary) -> None:
    page = render_html(glossary)
    parsed = _parse(page)
    tags = {tag for tag, _ in parsed.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert "style" in tags
    assert "url(" not in page and "@import" not in page
    assert page.startswith("<!DOCTYPE html>")


def test_html_escapes_deck_text(glossary: Glossary) -> None:
    page = render_html(glossary)
    assert "<script>" not in page and "<b>banks</b>" not in page
    text = "".join(_parse(page).text)
    assert HOSTILE in text  # shown to the reader as written
    hrefs = [attrs.get("href") or "" for tag, attrs in _parse(page).tags if tag == "a"]
    assert hrefs and not any(h.lower().startswith("javascript") for h in hrefs)
    # A quote in a context cannot break out of the title attribute.
    titles = [attrs.get("title") or "" for _, attrs in _parse(page).tags if attrs.get("title")]
    assert any(HOSTILE in t for t in titles)


def test_html_shows_terms_with_tones_language_and_links(glossary: Glossary) -> None:
    page = render_html(glossary, deck_url_template="{stem}.html")
    parsed = _parse(page)
    chinese = [attrs for tag, attrs in parsed.tags if attrs.get("lang") == "zh-Hans"]
    assert len(chinese) >= len(glossary.terms)
    for term in glossary.terms:
        assert term.pinyin_html in page
        assert f'href="week03.html#{term.occurrences[0].slide}"' in page
    rows = [
        attrs
        for tag, attrs in parsed.tags
        if tag == "tr" and (attrs.get("id") or "").startswith("term-")
    ]
    assert len(rows) == len(glossary.terms)
    unknown = [attrs for attrs in rows if attrs.get("class") == "hc-not-in-dictionary"]
    assert len(unknown) == sum(not t.in_dictionary for t in glossary.terms)
    first_links = glossary_common.term_links(glossary.terms[0])
    assert first_links[0].site == "Purple Culture"
    assert html.escape(first_links[0].url) in page
    assert "CC BY-SA 4.0" in page
    for sense in glossary.terms[0].senses:
        assert html.escape(sense.text) in page


def test_html_course_page_has_contents(course: Course) -> None:
    page = render_course_html(course)
    parsed = _parse(page)
    articles = [attrs for tag, attrs in parsed.tags if tag == "article"]
    assert len(articles) == len(course.glossaries)
    anchors = {attrs.get("href") for tag, attrs in parsed.tags if tag == "a"}
    for article in articles:
        assert f"#{article['id']}" in anchors
    assert "No Chinese terms." in page


def test_missing_stylesheet_is_a_clear_error(glossary: Glossary, tmp_path: Path) -> None:
    from hanzi_companion.errors import DataFileError

    settings = Settings.from_env().with_changes(static_dir=tmp_path)
    with pytest.raises(DataFileError, match="glossary stylesheet"):
        render_html(glossary, settings=settings)


# --- tone colours -------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_tone_colours_pass_wcag_aa() -> None:
    css = CSS.read_text(encoding="utf-8")
    light_part, dark_part = css.split("@media (prefers-color-scheme: dark)", 1)
    light = dict(re.findall(r"^\.tone([1-5]) \{ color: (#[0-9a-f]{6}); \}", light_part, re.M))
    dark = dict(re.findall(r"\.tone([1-5]) \{ color: (#[0-9a-f]{6}); \}", dark_part))
    dark_background = re.search(r"--hc-bg: (#[0-9a-f]{6})", dark_part)
    assert sorted(light) == sorted(dark) == ["1", "2", "3", "4", "5"]
    assert dark_background is not None
    for tone in light:
        assert _contrast(light[tone], "#ffffff") >= 4.5, f"tone {tone} on white"
        assert _contrast(dark[tone], dark_background.group(1)) >= 4.5, f"tone {tone} on dark"
    # Five tones, five distinct colours.
    assert len(set(light.values())) == len(set(dark.values())) == 5


def test_parts_carry_their_readings_and_glosses(glossary: Glossary) -> None:
    term = next(t for t in glossary.terms if t.parts)
    (item,) = [t for t in glossary_json(glossary)["terms"] if t["term"] == term.term]
    assert [d["word"] for d in item["part_details"]] == list(term.parts)
    assert [d["pinyin_numbered"] for d in item["part_details"]] == list(term.part_readings)
    assert [d["gloss"] for d in item["part_details"]] == list(term.part_glosses)
    page = render_html(glossary)
    for reading, gloss in zip(term.part_readings, term.part_glosses, strict=True):
        marked = _pinyin.numbered_to_marks(reading, separator="")
        assert f'title="{html.escape(marked)}: {html.escape(gloss)}"' in page
        assert marked in render_markdown(glossary)


def test_a_term_written_in_traditional_is_tagged_so(lexicon: Lexicon) -> None:
    word = "圖書館"
    simplified = lexicon.lookup(word)[0].simplified
    assert simplified != word
    term = make_term(lexicon, word, 2)
    term = GlossaryTerm(**{**term.__dict__, "term": word, "simplified": simplified})
    glossary = Glossary(DeckInfo(name="trad.md"), (), (term,))
    parsed = _parse(render_html(glossary))
    langs = {
        attrs.get("lang"): attrs.get("class")
        for tag, attrs in parsed.tags
        if tag == "span" and attrs.get("lang")
    }
    assert langs["zh-Hant"] == "hc-term" and langs["zh-Hans"] == "hc-traditional"
    assert 'lang="zh-Hant" href=' in render_slides(glossary)
    assert f"({simplified})" in render_markdown(glossary)


def test_slides_shorten_long_glosses_and_the_page_keeps_them(lexicon: Lexicon) -> None:
    term = make_term(lexicon, "经济", 2)
    senses = " ".join(s.text for s in lexicon.lookup("发展")[0].senses)
    long_gloss = " ".join([term.gloss, senses] * 8)
    assert len(long_gloss) > 2 * slides_module.MAX_GLOSS
    glossary = Glossary(
        DeckInfo(name="long.md"), (), (GlossaryTerm(**{**term.__dict__, "gloss": long_gloss}),)
    )
    row = next(line for line in render_slides(glossary).splitlines() if line.startswith("| <a"))
    meaning = row.split(" | ")[2]
    assert meaning.endswith("…") and len(meaning) <= slides_module.MAX_GLOSS
    assert long_gloss.startswith(meaning[:-1])
    assert long_gloss in "".join(_parse(render_html(glossary)).text)


def test_slide_lines_from_the_deck_cannot_split_slides() -> None:
    for course in ("---", "--", "???", "# heading", "1. list"):
        deck = DeckInfo(name="x.md", course=course)
        glossary = Glossary(deck, (), (), messages=(course,))
        slides = _slides(render_slides(glossary))[1:]
        assert len(slides) == 1, course
        assert not re.search(r"^(--|\?\?\?|#\s*heading|1\.)", slides[0], flags=re.MULTILINE)


def test_markdown_lines_from_the_deck_start_no_block() -> None:
    for course in ("---", "# heading", "1. list", "- item", "> quote"):
        glossary = Glossary(DeckInfo(name="x.md", course=course), (), (), messages=(course,))
        text = render_markdown(glossary)
        body = text.split("\n---\n")[0]  # the credit's rule is ours
        assert not re.search(r"^(---|# heading|1\. list|- item|> quote)", body, flags=re.M)
