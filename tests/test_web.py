"""The web UI and JSON API through Flask's test client: every route and every error.

Expected content comes from the library on the real data (the session ``lexicon``), never from
answers written here. The course folder is a temporary copy of real decks.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import zipfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import Markup, escape

from hanzi_companion.errors import NotFoundError
from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.hsk import level_label
from hanzi_companion.lexicon.models import QueryKind
from hanzi_companion.lexicon.pinyin import tone_html
from hanzi_companion.lexicon.script import is_han
from hanzi_companion.render.character_json import character_json
from hanzi_companion.render.glossary_common import week_heading
from hanzi_companion.render.json import glossary_json
from hanzi_companion.render.templating import mark_chinese
from hanzi_companion.settings import Settings
from hanzi_companion.text.decks import read_deck, read_deck_bytes
from hanzi_companion.web import MAX_UPLOAD_BYTES, create_app
from hanzi_companion.web.security import PAGE_POLICY

from .conftest import DATA, ROOT, SEED_DECK

OPENAPI = ROOT / "docs" / "openapi.json"
SECOND_DECK = DATA / "decks" / "week03.md"
TOO_LARGE = b"a" * (MAX_UPLOAD_BYTES + 1)


# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course folder: two real decks, one broken deck, and files that are not decks."""
    folder = tmp_path_factory.mktemp("course")
    shutil.copy(SEED_DECK, folder / SEED_DECK.name)
    shutil.copy(SECOND_DECK, folder / SECOND_DECK.name)
    (folder / "week09.md").write_bytes(b"# Week 9\n\n\xff\xfe broken \xc3\x28 bytes\n")
    (folder / ".hidden.md").write_text("# hidden 秘密\n", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not a deck")
    return folder


def html_of(response: Any) -> str:
    return str(response.get_data(as_text=True))


def error_of(response: Any) -> dict[str, str]:
    """The error object of a JSON error response, checking its one shape."""
    assert response.mimetype == "application/json"
    payload = response.get_json()
    assert set(payload) == {"error"}
    assert set(payload["error"]) == {"code", "message"}
    assert payload["error"]["message"]
    return dict(payload["error"])


def href(path: str) -> str:
    """A link as url_for writes it (non-ASCII percent-encoded)."""
    return f'href="{quote(path, safe="/?=&")}"'


def esc(text: str) -> str:
    return str(escape(text))


def marked(text: str) -> str:
    """Text as the pages show it: escaped, its Chinese runs in lang spans."""
    return str(mark_chinese(text))


def no_data_character(lexicon: Lexicon) -> str:
    """A code point in a Han block that no data source knows (found by probing, not assumed)."""
    for low, high in ((0x2EE50, 0x2EE60), (0x33470, 0x33480), (0x2A6D0, 0x2A6E0)):
        for code in range(low, high):
            try:
                lexicon.character(chr(code))
            except NotFoundError:
                return chr(code)
    raise AssertionError("every probed code point has data: choose other probes")


def multi_char_word(lexicon: Lexicon, char: str) -> str:
    """A frequent dictionary word of two or more characters containing ``char``."""
    return lexicon.words_containing(char, limit=1)[0].simplified


def unknown_han_word(lexicon: Lexicon) -> str:
    """Two common characters that no dictionary has, in any word."""
    chars = [e.simplified for e in lexicon.words_containing("人", limit=40)]
    pool = sorted({ch for word in chars for ch in word if is_han(ch)})
    for first in pool:
        for second in pool:
            pair = first + second
            if first != second and not lexicon.lookup(pair) and not lexicon.search(pair).hits:
                return pair
    raise AssertionError("no unknown pair found")


# -- security headers and markup, on every page ----------------------------------------------

PAGES = (
    "/",
    "/search?q=city",
    "/search?q=qzxv",
    "/word/城市",
    "/char/创",
    "/about",
    "/course",
    f"/course/{SEED_DECK.stem}",
    "/deck",
    "/deck (posted)",
    "/no/such/page",
)


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_the_security_headers_and_no_inline_code(
    client: FlaskClient, path: str
) -> None:
    if path.endswith("(posted)"):
        response = client.post("/deck", data={"text": SEED_DECK.read_text(encoding="utf-8")})
    else:
        response = client.get(path)
    assert response.status_code == (404 if "no/such" in path else 200)
    policy = response.headers["Content-Security-Policy"]
    assert policy == PAGE_POLICY
    assert "unsafe-inline" not in policy and "script-src 'self'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # Code to copy (textarea contents) is text, not markup.
    page = re.sub(r"<textarea\b[^>]*>.*?</textarea>", "", html_of(response), flags=re.S)
    # No inline script, no inline style, nothing loaded from another host.
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert " style=" not in page and "<style" not in page
    assert not re.search(r'(?:src|href)="(?:https?:)?//[^"]*\.(?:js|css|woff2?)', page)
    assert '<html lang="en">' in page
    assert "CC-CEDICT" in page and "CC BY-SA 4.0" in page  # credited wherever entries show


class LangChecker(HTMLParser):
    """Collects text with Han characters whose innermost ``lang`` is not Chinese."""

    VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.unmarked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        inherited = self.stack[-1][1] if self.stack else ""
        lang = dict(attrs).get("lang") or inherited
        self.stack.append((tag, lang))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not any(is_han(ch) for ch in data):
            return
        tags = [tag for tag, _ in self.stack]
        if "title" in tags or "textarea" in tags:
            return  # the page title and code to copy are not reading text
        if not (self.stack and self.stack[-1][1].startswith("zh")):
            self.unmarked.append(data.strip())


def test_chinese_text_carries_a_lang_attribute(client: FlaskClient, lexicon: Lexicon) -> None:
    word = multi_char_word(lexicon, "城")
    unknown = unknown_han_word(lexicon)
    paths = (
        "/",
        "/course",
        f"/word/{word}",
        f"/word/{unknown}",
        "/char/城",
        "/char/创",
        f"/search?q={word}",
        f"/search?q={unknown}",
        "/search?q=qzxv",
        "/about",
    )
    # (The deck glossary partial is the glossary renderer's template, checked by its tests.)
    for path in paths:
        checker = LangChecker()
        checker.feed(html_of(client.get(path)))
        assert not checker.unmarked, f"{path}: Chinese text without lang: {checker.unmarked[:5]}"


def test_autoescaping_of_user_input(client: FlaskClient) -> None:
    query = '<script>alert("x")</script>'
    page = html_of(client.get("/search", query_string={"q": query}))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_secret_key_comes_from_the_settings(
    app: Flask, settings: Settings, lexicon: Lexicon
) -> None:
    assert app.config["SECRET_KEY"] == "test-secret"
    one = create_app(settings, {"LEXICON": lexicon}).config["SECRET_KEY"]
    two = create_app(settings, {"LEXICON": lexicon}).config["SECRET_KEY"]
    if settings.secret_key is None:
        assert one != two and len(one) >= 32  # random per process when not configured


def test_static_files_come_from_the_settings_folder(
    settings: Settings, lexicon: Lexicon, tmp_path: Path
) -> None:
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "app.css").write_text("body { color: red }", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not under css", encoding="utf-8")
    app = create_app(settings.with_changes(static_dir=tmp_path / "css"), {"LEXICON": lexicon})
    client = app.test_client()
    with client.get("/static/app.css") as response:
        assert response.get_data(as_text=True) == "body { color: red }"
    for path in ("/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/..%2fsecret.txt"):
        with client.get(path) as response:
            assert response.status_code == 404, path
            assert b"not under css" not in response.data


# -- home, search ----------------------------------------------------------------------------


def test_home_has_one_labelled_search_box_and_the_characters_of_the_week(
    client: FlaskClient, lexicon: Lexicon
) -> None:
    page = html_of(client.get("/"))
    assert page.count('name="q"') == 1
    box_id = re.search(r'<input id="([^"]+)" name="q"', page)
    assert box_id and f'<label for="{box_id.group(1)}">' in page
    for deck_path in (SEED_DECK, SECOND_DECK):
        glossary = build_glossary(read_deck(deck_path), lexicon)
        assert glossary.characters, f"{deck_path.name} names a character of the week"
        for char in glossary.characters:
            assert href(f"/char/{char.character}") in page
            assert marked(char.gloss) in page


@pytest.mark.parametrize("query", ["城市", "chengshi", "chéngshì", "cheng2 shi4", "city"])
def test_search_lists_what_the_lexicon_finds(
    client: FlaskClient, lexicon: Lexicon, query: str
) -> None:
    results = lexicon.search(query, limit=60)
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    page = html_of(response)
    assert page.count('class="hc-result"') == len(results.hits)
    assert f"<strong>{results.kind.value}</strong>" in page
    for hit in results.hits[:5]:
        assert href(f"/word/{hit.entry.simplified}") in page


def test_search_offers_the_other_kind_of_an_ambiguous_query(
    client: FlaskClient, lexicon: Lexicon
) -> None:
    query = "fan"
    results = lexicon.search(query)
    assert results.also, "a word that is both pinyin and English"
    page = html_of(client.get("/search", query_string={"q": query}))
    for kind in results.also:
        assert f"kind={kind.value}" in page
    forced = html_of(client.get("/search", query_string={"q": query, "kind": "english"}))
    english = lexicon.search(query, kind=QueryKind.ENGLISH, limit=60)
    assert forced.count('class="hc-result"') == len(english.hits)


@pytest.mark.parametrize("query", ["qzxv", "привет мир", "xyzzy plugh"])
def test_unknown_queries_get_a_helpful_page(
    client: FlaskClient, lexicon: Lexicon, query: str
) -> None:
    assert not lexicon.search(query).hits
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    page = html_of(response)
    assert 'role="status"' in page and "Nothing found" in page
    assert page.count('href="/search?q=') >= 3  # suggestions to follow
    if query == "привет мир":
        assert "another script" in page
    if query == "xyzzy plugh":
        assert 'href="/search?q=xyzzy"' in page and 'href="/search?q=plugh"' in page


def test_unknown_characters_get_their_reading_and_parts(
    client: FlaskClient, lexicon: Lexicon
) -> None:
    word = unknown_han_word(lexicon)
    page = html_of(client.get("/search", query_string={"q": word}))
    assert "Nothing found" in page and "guessed by pypinyin" in page
    assert str(escape(Markup(tone_html(lexicon.reading(word).pinyin_numbered)))) in page
    for char in word:
        assert href(f"/char/{char}") in page


def test_search_problems_and_empty_queries(client: FlaskClient) -> None:
    response = client.get("/search", query_string={"q": "创" * 500})
    assert response.status_code == 400
    assert "limit is" in html_of(response) and 'role="alert"' in html_of(response)
    empty = client.get("/search", query_string={"q": "   "})
    assert empty.status_code == 302 and empty.headers["Location"] == "/"
    control = client.get("/search", query_string={"q": "a\x07b"})
    assert control.status_code == 400 and "control characters" in html_of(control)


# -- word and character pages -------------------------------------------------------------------


def test_word_page_shows_entries_parts_and_links(client: FlaskClient, lexicon: Lexicon) -> None:
    word = multi_char_word(lexicon, "创")
    response = client.get(f"/word/{word}")
    assert response.status_code == 200
    page = html_of(response)
    for entry in lexicon.lookup(word):
        for sense in entry.senses:
            assert marked(sense.text) in page
    for char in word:
        assert href(f"/char/{char}") in page
    level = lexicon.hsk_level(word)
    if level:
        assert f'<span class="hc-flag hc-hsk">{level_label(level)}</span>' in page
    links = lexicon.links(word)
    assert [link.site for link in links][:1] == ["Purple Culture"]
    for link in links:
        assert esc(link.url) in page
    containing = [h.entry for h in lexicon.search(word, limit=40).hits if h.match != "exact"]
    for entry in containing[:5]:
        assert href(f"/word/{entry.simplified}") in page


def test_word_page_of_an_unknown_word_is_helpful(client: FlaskClient, lexicon: Lexicon) -> None:
    word = unknown_han_word(lexicon)
    response = client.get(f"/word/{word}")
    assert response.status_code == 200
    page = html_of(response)
    assert "No dictionary has" in page and "pypinyin" in page
    assert all(href(f"/char/{char}") in page for char in word)


def test_word_redirects(client: FlaskClient) -> None:
    single = client.get("/word/城")
    assert single.status_code == 302 and single.headers["Location"].endswith("/char/%E5%9F%8E")
    latin = client.get("/word/city")
    assert latin.status_code == 302 and "/search?q=city" in latin.headers["Location"]
    several = client.get("/char/城市")
    assert several.status_code == 302 and "/word/" in several.headers["Location"]
    radical = client.get("/char/\u2f11")  # KANGXI RADICAL KNIFE folds to 刀
    assert radical.status_code == 302 and radical.headers["Location"].endswith(quote("/char/刀"))
    latin_char = client.get("/char/a")
    assert latin_char.status_code == 302 and "/search?q=a" in latin_char.headers["Location"]


@pytest.mark.parametrize("char", ["创", "寨", "山", "双"])
def test_character_page_shows_the_profile(client: FlaskClient, lexicon: Lexicon, char: str) -> None:
    profile = lexicon.character(char)
    response = client.get(f"/char/{char}")
    assert response.status_code == 200
    page = html_of(response)
    # Purple Culture, Hanziyuan and CUHK first, in that order.
    sites = re.findall(r'<li><a href="[^"]+" rel="noopener noreferrer">([^<]+)</a></li>', page)
    assert sites[:3] == ["Purple Culture", "Hanziyuan", "CUHK"]
    for reading in profile.readings:
        assert reading.pinyin in page
        for word in reading.words[:3]:
            assert href(f"/word/{word.simplified}") in page
    if profile.radical:
        assert f"no. {profile.radical.number}" in page
    if profile.stroke_count:
        assert f"<dt>Strokes</dt><dd>{profile.stroke_count}</dd>" in page
    if profile.formation:
        assert marked(profile.formation.label) in page
        for component in profile.formation.components:
            assert component.role.value in page
    else:
        assert marked(profile.etymology_note) in page
    if profile.structure and profile.structure.children:
        assert 'class="hc-tree"' in page
        for shape in profile.structure.primitives():
            assert shape in page
    for family in profile.families:
        for member in family.members:
            assert href(f"/char/{member.character}") in page
    if profile.hsk_level:
        assert "HSK" in page
    if profile.strokes:
        for image in ("animation", "strokes"):
            assert f'src="{quote(f"/char/{char}/{image}.svg")}"' in page
            svg = client.get(f"/char/{char}/{image}.svg")
            assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
            assert svg.data.startswith(b"<svg")
            assert "script-src" not in svg.headers["Content-Security-Policy"]
            assert "default-src 'none'" in svg.headers["Content-Security-Policy"]


def test_character_without_any_data(client: FlaskClient, lexicon: Lexicon) -> None:
    """A character no source knows: a page that says so (not an error page), and no images."""
    char = no_data_character(lexicon)
    response = client.get(f"/char/{char}")
    assert response.status_code == 200
    page = html_of(response)
    assert "No data source knows this character" in page and "Purple Culture" in page
    assert client.get(f"/char/{char}/animation.svg").status_code == 404
    api = client.get(f"/api/character/{char}")
    assert api.status_code == 404 and error_of(api)["code"] == "not_found"


# -- course -------------------------------------------------------------------------------------


def test_course_page_lists_the_decks_in_week_order(
    client: FlaskClient, lexicon: Lexicon, course_dir: Path
) -> None:
    page = html_of(client.get("/course"))
    seed = build_glossary(read_deck(course_dir / SEED_DECK.name), lexicon)
    second = build_glossary(read_deck(course_dir / SECOND_DECK.name), lexicon)
    first_week, later_week = sorted((seed, second), key=lambda g: g.deck.week or 0)
    assert first_week.deck.title and later_week.deck.title
    first, later = (str(mark_chinese(week_heading(g))) for g in (first_week, later_week))
    assert page.index(first) < page.index(later)
    for glossary in (seed, second):
        for char in glossary.characters:
            assert href(f"/char/{char.character}") in page
    assert "week09" in page and "Cannot be read" in page and "UTF-8" in page
    assert ".hidden" not in page and "秘密" not in page and "notes.docx" not in page


def test_course_deck_page_downloads_and_embedding(client: FlaskClient, lexicon: Lexicon) -> None:
    name = SEED_DECK.stem
    glossary = build_glossary(read_deck(SEED_DECK), lexicon)
    page = html_of(client.get(f"/course/{name}"))
    for term in glossary.terms:
        assert esc(term.term) in page
    assert f'href="/course/{name}.apkg"' in page and f'href="/course/{name}.json"' in page
    assert "js/popup.js" in page and "data-glossary=" in page and "data-api=" in page
    apkg = client.get(f"/course/{name}.apkg")
    assert apkg.status_code == 200
    assert f'filename="{name}.apkg"' in apkg.headers["Content-Disposition"]
    assert "collection.anki2" in zipfile.ZipFile(io.BytesIO(apkg.data)).namelist()
    as_json = client.get(f"/course/{name}.json")
    assert as_json.get_json() == json.loads(json.dumps(glossary_json(glossary)))
    assert as_json.headers["Access-Control-Allow-Origin"] == "*"
    whole = client.get("/course.apkg")
    assert whole.status_code == 200 and whole.data.startswith(b"PK")


@pytest.mark.parametrize(
    "name", ["nope", "..", "%2e%2e", "..%2fsettings", "week09x", ".hidden", "notes", "week07.txt"]
)
def test_course_names_only_match_listed_decks(client: FlaskClient, name: str) -> None:
    for path in (f"/course/{name}", f"/api/course/{name}", f"/course/{name}.apkg"):
        response = client.get(path)
        assert response.status_code == 404, path


def test_a_broken_course_deck_is_a_clear_error(client: FlaskClient) -> None:
    response = client.get("/course/week09")
    assert response.status_code == 400 and "UTF-8" in html_of(response)
    api = client.get("/api/course/week09")
    assert api.status_code == 400 and "UTF-8" in error_of(api)["message"]


# -- deck upload ----------------------------------------------------------------------------


def test_deck_form_is_labelled(client: FlaskClient) -> None:
    page = html_of(client.get("/deck"))
    for field_id in ("deck-file", "deck-text", "deck-name"):
        assert f'<label for="{field_id}">' in page and f'id="{field_id}"' in page


def test_deck_upload_gives_glossary_downloads_and_embedding(
    client: FlaskClient, lexicon: Lexicon
) -> None:
    data = SEED_DECK.read_bytes()
    glossary = build_glossary(read_deck_bytes(data, SEED_DECK.name), lexicon)
    response = client.post(
        "/deck",
        data={"file": (io.BytesIO(data), SEED_DECK.name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    page = html_of(response)
    for term in glossary.terms:
        assert esc(term.term) in page
    assert "Download Anki deck" in page and "Embed in your slides" in page
    assert "hc-glossary" in page and "data-glossary=" in page
    # The page posts the deck again for its downloads.
    text = re.search(r'<textarea id="again-text" name="text" hidden>(.*?)</textarea>', page, re.S)
    assert text is not None
    again = html.unescape(text.group(1))
    assert again.replace("\r\n", "\n") == data.decode("utf-8-sig").replace("\r\n", "\n")
    apkg = client.post("/deck/anki", data={"text": again, "name": SEED_DECK.name})
    assert apkg.status_code == 200 and apkg.data.startswith(b"PK")
    assert 'filename="week07.apkg"' in apkg.headers["Content-Disposition"]
    exported = client.post("/deck/glossary.json", data={"text": data.decode(), "name": "w.txt"})
    assert exported.get_json()["terms"] == json.loads(json.dumps(glossary_json(glossary)))["terms"]


def test_pasted_deck_with_markup_is_escaped(client: FlaskClient) -> None:
    text = '# 创新\n\n<script>alert("deck")</script> 城市 <img src=x onerror=alert(1)>'
    page = html_of(client.post("/deck", data={"text": text, "name": "evil.md"}))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "创新" in page


def test_deck_upload_errors(client: FlaskClient) -> None:
    empty = client.post("/deck", data={"text": "  "})
    assert empty.status_code == 400 and "no deck given" in html_of(empty)
    bad = client.post(
        "/deck",
        data={"file": (io.BytesIO("创新 ok\n".encode() + b"\xff\xfe\xfd"), "bad.md")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400
    assert "not valid UTF-8" in html_of(bad) and "line 2" in html_of(bad)
    pdf = client.post(
        "/deck",
        data={"file": (io.BytesIO(b"%PDF-1.7 binary"), "slides.pdf")},
        content_type="multipart/form-data",
    )
    assert pdf.status_code == 400 and "PDF" in html_of(pdf)
    # The multipart body is built here: the test client would spool a large file to disk.
    body = (
        b'--XX\r\nContent-Disposition: form-data; name="file"; filename="big.md"\r\n\r\n'
        + TOO_LARGE
        + b"\r\n--XX--\r\n"
    )
    big = client.post("/deck", data=body, content_type="multipart/form-data; boundary=XX")
    assert big.status_code == 413
    assert "2 MB" in html_of(big) and "<!doctype html>" in html_of(big)


# -- JSON API -------------------------------------------------------------------------------


def test_api_lookup(client: FlaskClient, lexicon: Lexicon) -> None:
    word = multi_char_word(lexicon, "城")
    payload = client.get("/api/lookup", query_string={"q": word}).get_json()
    entries = lexicon.lookup(word)
    assert payload["found"] is True
    assert [e["pinyin_numbered"] for e in payload["entries"]] == [
        e.pinyin_numbered for e in entries
    ]
    assert payload["reading"]["pinyin_numbered"] == lexicon.reading(word).pinyin_numbered
    assert "CC-CEDICT" in payload["attribution"]
    unknown = unknown_han_word(lexicon)
    missing = client.get("/api/lookup", query_string={"q": unknown}).get_json()
    assert missing["found"] is False and missing["reading"]["source"] == "pypinyin"


def test_api_search(client: FlaskClient, lexicon: Lexicon) -> None:
    payload = client.get("/api/search", query_string={"q": "city", "limit": 7}).get_json()
    expected = lexicon.search("city", limit=7)
    assert payload["kind"] == expected.kind.value
    assert [r["simplified"] for r in payload["results"]] == [
        h.entry.simplified for h in expected.hits
    ]


def test_api_character(client: FlaskClient, lexicon: Lexicon) -> None:
    response = client.get("/api/character/创")
    expected = json.loads(json.dumps(character_json(lexicon.character("创"))))
    payload = response.get_json()
    # The profile, plus its example sentences (tests/test_sentences.py checks them).
    examples = payload.pop("examples")
    assert [s["id"] for s in examples["sentences"]] == [s.id for s in lexicon.sentences("创")]
    assert payload == expected
    with_strokes = client.get("/api/character/创", query_string={"strokes": "true"}).get_json()
    assert len(with_strokes["strokes"]["outlines"]) == with_strokes["strokes"]["count"]


def test_api_glossary_accepts_every_way_of_posting_a_deck(
    client: FlaskClient, lexicon: Lexicon
) -> None:
    data = SECOND_DECK.read_bytes()
    expected = json.loads(
        json.dumps(glossary_json(build_glossary(read_deck(SECOND_DECK), lexicon)))
    )
    raw = client.post("/api/glossary?name=week03.md", data=data, content_type="text/markdown")
    # As the popup script sends it: a multipart file field called "deck".
    popup = client.post(
        "/api/glossary",
        data={"deck": (io.BytesIO(data), "week03.md")},
        content_type="multipart/form-data",
    )
    as_json = client.post("/api/glossary", json={"text": data.decode(), "name": "week03.md"})
    # What `curl --data-binary @week03.md` sends: the raw deck labelled as a form.
    curl = client.post(
        "/api/glossary?name=week03.md",
        data=data,
        content_type="application/x-www-form-urlencoded",
    )
    for response in (raw, popup, as_json, curl):
        assert response.status_code == 200
        assert response.get_json() == expected
        assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_api_anki(client: FlaskClient) -> None:
    response = client.post(
        "/api/anki?name=../../etc/passwd", data=SEED_DECK.read_bytes(), content_type="text/plain"
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="passwd.apkg"'
    assert "collection.anki2" in zipfile.ZipFile(io.BytesIO(response.data)).namelist()


def test_api_course(client: FlaskClient, lexicon: Lexicon) -> None:
    payload = client.get("/api/course").get_json()
    names = [deck["name"] for deck in payload["decks"]]
    assert set(names) == {SEED_DECK.stem, SECOND_DECK.stem, "week09"}
    seed = build_glossary(read_deck(SEED_DECK), lexicon)
    listed = next(d for d in payload["decks"] if d["name"] == SEED_DECK.stem)
    assert [c["character"] for c in listed["characters"]] == [c.character for c in seed.characters]
    assert listed["terms"] == len(seed.terms)
    glossary = client.get(f"/api/course/{SEED_DECK.stem}").get_json()
    assert glossary == json.loads(json.dumps(glossary_json(seed)))


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("get", "/api/lookup", {}, 400, "invalid_query"),
        ("get", "/api/lookup?q=city", {}, 400, "invalid_query"),
        ("get", "/api/lookup?q=%FF%FE", {}, 400, "invalid_utf8"),
        ("get", "/api/search?q=", {}, 400, "invalid_query"),
        ("get", "/api/search?q=city&kind=klingon", {}, 400, "invalid_query"),
        ("get", "/api/search?q=city&limit=0", {}, 400, "invalid_query"),
        ("get", "/api/search?q=city&limit=many", {}, 400, "invalid_query"),
        ("get", "/api/character/城市", {}, 400, "invalid_query"),
        ("get", "/api/character/a", {}, 400, "invalid_query"),
        ("get", "/api/character/创?strokes=maybe", {}, 400, "invalid_query"),
        ("get", "/api/nothing-here", {}, 404, "not_found"),
        ("get", "/api/course/nope", {}, 404, "not_found"),
        ("get", "/api/glossary", {}, 405, "method_not_allowed"),
        ("post", "/api/lookup", {}, 405, "method_not_allowed"),
        ("post", "/api/glossary", {"data": b""}, 400, "invalid_deck"),
        ("post", "/api/glossary", {"data": b"ok \xff bad"}, 400, "invalid_deck"),
        ("post", "/api/glossary", {"json": {"deck": 1}}, 400, "invalid_deck"),
        ("post", "/api/anki", {"data": b"\x00\x01binary"}, 400, "invalid_deck"),
        (
            "post",
            "/api/glossary",
            {"data": b"a" * (MAX_UPLOAD_BYTES + 1)},
            413,
            "payload_too_large",
        ),
        ("post", "/api/anki", {"data": b"a" * (MAX_UPLOAD_BYTES + 1)}, 413, "payload_too_large"),
    ],
)
def test_api_errors_have_one_shape(
    client: FlaskClient,
    lexicon: Lexicon,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    code: str,
) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == code
    if status == 405:
        assert response.headers["Allow"]
    if status == 413:
        assert "2 MB" in error["message"]
    if code == "invalid_deck" and b"\xff" in kwargs.get("data", b""):
        assert "UTF-8" in error["message"]


def test_invalid_utf8_in_the_path_is_a_clear_400(client: FlaskClient) -> None:
    # Real servers pass the raw request line; Werkzeug's test client pre-decodes PATH_INFO.
    for uri in ("/word/%FF", "/api/character/%C3%28", "/search?q=%E5%88"):
        response = client.get(uri, environ_overrides={"REQUEST_URI": uri})
        assert response.status_code == 400, uri
        assert "UTF-8" in html_of(response)


def test_unexpected_errors_never_show_a_traceback(
    settings: Settings, lexicon: Lexicon, course_dir: Path
) -> None:
    app = create_app(settings.with_changes(course_dir=course_dir), {"LEXICON": lexicon})

    def explode() -> str:
        raise RuntimeError("secret internals /etc/passwd")

    app.add_url_rule("/explode", "explode", explode)
    app.add_url_rule("/api/explode", "api_explode", explode)
    client = app.test_client()
    page = client.get("/explode")
    assert page.status_code == 500
    assert "secret internals" not in html_of(page) and "Traceback" not in html_of(page)
    assert "Server error" in html_of(page)
    api = client.get("/api/explode")
    assert api.status_code == 500 and error_of(api)["code"] == "internal_error"
    assert b"secret internals" not in api.data


def test_html_errors_are_pages(client: FlaskClient) -> None:
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    assert 'role="alert"' in html_of(missing) and 'name="q"' in html_of(missing)
    wrong = client.delete("/")
    assert wrong.status_code == 405 and "GET" in wrong.headers["Allow"]


# -- OpenAPI ----------------------------------------------------------------------------------


class SchemaError(AssertionError):
    pass


class Validator:
    """A small JSON Schema (2020-12 subset) validator: the keywords our documents use."""

    def __init__(self, root: dict[str, Any], base: Path) -> None:
        self.root = root
        self.base = base
        self.files: dict[str, dict[str, Any]] = {}

    def resolve(self, ref: str, root: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        file_part, _, pointer = ref.partition("#")
        if file_part:
            if file_part not in self.files:
                self.files[file_part] = json.loads((self.base / file_part).read_text("utf-8"))
            root = self.files[file_part]
        node: Any = root
        for token in filter(None, pointer.split("/")):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        return node, root

    def check(self, value: Any, schema: dict[str, Any], root: dict[str, Any], at: str) -> None:
        if "$ref" in schema:
            target, target_root = self.resolve(schema["$ref"], root)
            self.check(value, target, target_root, at)
        types = schema.get("type")
        if types is not None:
            names = types if isinstance(types, list) else [types]
            if not any(self._is(value, name) for name in names):
                raise SchemaError(f"{at}: {value!r:.60} is not {names}")
        if "enum" in schema and value not in schema["enum"]:
            raise SchemaError(f"{at}: {value!r} not in {schema['enum']}")
        pattern = schema.get("pattern")
        if isinstance(value, str) and pattern and not re.search(pattern, value):
            raise SchemaError(f"{at}: {value!r} does not match {schema['pattern']}")
        if "minimum" in schema and isinstance(value, int | float) and value < schema["minimum"]:
            raise SchemaError(f"{at}: {value} < {schema['minimum']}")
        if "maximum" in schema and isinstance(value, int | float) and value > schema["maximum"]:
            raise SchemaError(f"{at}: {value} > {schema['maximum']}")
        for keyword in ("oneOf", "anyOf"):
            if keyword in schema:
                passed = 0
                for option in schema[keyword]:
                    try:
                        self.check(value, option, root, at)
                        passed += 1
                    except SchemaError:
                        pass
                if passed == 0 or (keyword == "oneOf" and passed > 1):
                    raise SchemaError(f"{at}: {passed} of the {keyword} options match")
        if isinstance(value, dict):
            for name in schema.get("required", ()):
                if name not in value:
                    raise SchemaError(f"{at}: missing {name!r}")
            properties = schema.get("properties", {})
            extra = schema.get("additionalProperties", True)
            for name, item in value.items():
                if name in properties:
                    self.check(item, properties[name], root, f"{at}.{name}")
                elif extra is False:
                    raise SchemaError(f"{at}: unexpected property {name!r}")
                elif isinstance(extra, dict):
                    self.check(item, extra, root, f"{at}.{name}")
        if isinstance(value, list) and "items" in schema:
            for index, item in enumerate(value):
                self.check(item, schema["items"], root, f"{at}[{index}]")

    @staticmethod
    def _is(value: Any, name: str) -> bool:
        return {
            "object": isinstance(value, dict),
            "array": isinstance(value, list),
            "string": isinstance(value, str),
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, int | float) and not isinstance(value, bool),
            "boolean": isinstance(value, bool),
            "null": value is None,
        }[name]

    def validate(self, value: Any, schema: dict[str, Any]) -> None:
        self.check(value, schema, self.root, "$")


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(OPENAPI.read_text(encoding="utf-8"))
    return document


def test_validator_rejects_what_it_should(openapi: dict[str, Any]) -> None:
    validator = Validator(openapi, OPENAPI.parent)
    error_schema = {"$ref": "#/components/schemas/Error"}
    validator.validate({"error": {"code": "x", "message": "y"}}, error_schema)
    for bad in ({}, {"error": {"code": "x"}}, {"error": {"code": 1, "message": "y"}}, []):
        with pytest.raises(SchemaError):
            validator.validate(bad, error_schema)


def test_every_documented_route_exists(app: Flask, openapi: dict[str, Any]) -> None:
    assert openapi["openapi"].startswith("3.1")
    prefix = openapi["servers"][0]["url"]
    rules = {(rule.rule, method) for rule in app.url_map.iter_rules() for method in rule.methods}
    for path, operations in openapi["paths"].items():
        flask_path = prefix + re.sub(r"\{(\w+)\}", r"<\1>", path)
        for method in operations:
            assert (flask_path, method.upper()) in rules, f"{method.upper()} {flask_path}"
    documented = {prefix + re.sub(r"\{(\w+)\}", r"<\1>", p) for p in openapi["paths"]}
    served = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith(prefix)}
    assert served <= documented, f"undocumented API routes: {served - documented}"


def _example_request(path: str, operation: dict[str, Any]) -> tuple[str, dict[str, str]]:
    query: dict[str, str] = {}
    for parameter in operation.get("parameters", ()):
        if "example" not in parameter:
            continue
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", str(parameter["example"]))
        elif parameter["required"] or parameter["name"] == "name":
            query[parameter["name"]] = str(parameter["example"])
    return path, query


def test_responses_match_the_documented_schemas(
    client: FlaskClient, openapi: dict[str, Any]
) -> None:
    validator = Validator(openapi, OPENAPI.parent)
    prefix = openapi["servers"][0]["url"]
    deck = SEED_DECK.read_bytes()
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            url, query = _example_request(path, operation)
            if method == "get":
                response = client.get(prefix + url, query_string=query)
            else:
                response = client.post(
                    prefix + url, query_string=query, data=deck, content_type="text/plain"
                )
            documented = operation["responses"][str(response.status_code)]
            if "$ref" in documented:
                documented, _ = validator.resolve(documented["$ref"], openapi)
            content = documented["content"]
            assert response.mimetype in content, f"{method} {path}: {response.mimetype}"
            if response.mimetype == "application/json":
                validator.validate(response.get_json(), content["application/json"]["schema"])
            else:
                assert response.data.startswith(b"PK")


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/lookup", {"q": "城市"}),
        ("/lookup", {"q": "鑫鑫鑫"}),
        ("/search", {"q": "chuang"}),
        ("/search", {"q": "water", "kind": "english", "limit": "3"}),
        ("/search", {"q": "qzxv"}),
        ("/character/寨", {}),
        ("/character/双", {"strokes": "1"}),
        ("/course", {}),
        ("/lookup", {}),
        ("/character/xy", {}),
    ],
)
def test_more_responses_match_the_schemas(
    client: FlaskClient, openapi: dict[str, Any], path: str, query: dict[str, str]
) -> None:
    validator = Validator(openapi, OPENAPI.parent)
    response = client.get("/api" + path, query_string=query)
    template = re.sub(r"/character/.*", "/character/{char}", path)
    documented = openapi["paths"][template]["get"]["responses"][str(response.status_code)]
    if "$ref" in documented:
        documented, _ = validator.resolve(documented["$ref"], openapi)
    validator.validate(response.get_json(), documented["content"]["application/json"]["schema"])


# -- the serve command ------------------------------------------------------------------------


def test_serve_production_runs_waitress_on_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from click.testing import CliRunner

    from hanzi_companion.cli import cli
    from hanzi_companion.settings import ServerLimits
    from hanzi_companion.web import server as web_server

    calls: list[dict[str, Any]] = []

    def fake_create_server(app: Flask, limits: ServerLimits, host: str, port: int) -> Any:
        calls.append({"app": app, "limits": limits, "host": host, "port": port})
        options = web_server.waitress_options(limits, host, port)
        return SimpleNamespace(adj=SimpleNamespace(**options), run=lambda: None)

    monkeypatch.setattr(web_server, "create_server", fake_create_server)
    result = CliRunner().invoke(
        cli, ["serve", "--production", "--port", "8765", "--threads", "6"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert len(calls) == 1
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8765
    assert calls[0]["limits"] == replace(ServerLimits.from_env(), threads=6)
    assert isinstance(calls[0]["app"], Flask)
    assert "waitress" in result.output


def test_serve_refuses_an_unusable_limit_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from hanzi_companion.cli import cli
    from hanzi_companion.settings import ENV_CHANNEL_TIMEOUT

    monkeypatch.setenv(ENV_CHANNEL_TIMEOUT, "soon")
    result = CliRunner().invoke(cli, ["serve", "--production"])
    assert result.exit_code == 2
    assert ENV_CHANNEL_TIMEOUT in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_serve_runs_the_development_server_on_loopback(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    from click.testing import CliRunner

    from hanzi_companion.cli import cli
    from hanzi_companion.settings import ENV_CACHE_DIR

    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    calls: list[dict[str, Any]] = []

    def fake_run(self: Flask, **options: Any) -> None:
        calls.append(options)

    monkeypatch.setattr(Flask, "run", fake_run)
    result = CliRunner().invoke(cli, ["serve", "--port", "8766"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert calls == [
        {"host": "127.0.0.1", "port": 8766, "debug": False, "use_reloader": False, "threaded": True}
    ]


def test_render_cache_is_bounded_and_least_recently_used_first() -> None:
    from hanzi_companion.web.cache import RenderCache

    calls: list[str] = []

    def renderer(text: str) -> Any:
        def render() -> str:
            calls.append(text)
            return text

        return render

    cache = RenderCache(max_chars=400)
    for key in "abcdefgh":  # 8 pages of 50 characters fill the budget exactly
        assert cache.get_or_render(key, renderer(key * 50)) == key * 50
    assert cache.get_or_render("a", renderer("changed")) == "a" * 50  # served, not rendered
    cache.get_or_render("i", renderer("i" * 50))  # over budget: "b", least recently used, goes
    assert len(cache) == 8
    cache.get_or_render("b", renderer("b" * 50))
    assert calls.count("b" * 50) == 2 and calls.count("a" * 50) == 1
    cache.get_or_render("huge", renderer("h" * 51))  # over an eighth of the budget: not kept
    cache.get_or_render("huge", renderer("h" * 51))
    assert calls.count("h" * 51) == 2
    off = RenderCache(max_chars=0)
    off.get_or_render("x", renderer("x"))
    off.get_or_render("x", renderer("x"))
    assert calls.count("x") == 2 and len(off) == 0


def test_about_credits_every_bundled_data_source_with_its_licence(client: FlaskClient) -> None:
    readme = (ROOT / "dictionaries" / "README.md").read_text(encoding="utf-8")
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in readme.splitlines()
        if line.startswith("| `")
    ]
    assert rows, "the dictionaries README lists its files in a table"
    page = html_of(client.get("/about"))
    for row in rows:
        licence = re.split(r"[,(]", row[-1])[0].strip()
        assert licence and licence in page, f"{row[0]}: {licence!r} is not credited"
    for source in ("CC-CEDICT", "Unihan", "cjk-decomp", "Dong Chinese", "HSK", "Make Me a Hanzi"):
        assert source in page


def test_an_empty_or_missing_course_folder(
    settings: Settings, lexicon: Lexicon, tmp_path: Path
) -> None:
    for folder in (tmp_path, tmp_path / "missing"):
        app = create_app(settings.with_changes(course_dir=folder), {"LEXICON": lexicon})
        client = app.test_client()
        assert "holds no slide decks" in html_of(client.get("/course"))
        assert "Characters of the week" not in html_of(client.get("/"))
        assert client.get("/course.apkg").status_code == 404
        assert client.get("/api/course").get_json() == {"title": "", "decks": []}


def test_deck_downloads_without_a_deck_are_clear_errors(client: FlaskClient) -> None:
    for path in ("/deck/anki", "/deck/glossary.json"):
        response = client.post(path, data={"text": ""})
        assert response.status_code == 400
        assert "no deck given" in html_of(response) and response.mimetype == "text/html"
