"""Pinyin orthography in every output: each multi-word term of the seed deck is written by
word (``chuàngkè kōngjiān``, names capitalised per word ``Chuàngxīn Wū``), never run together.

The expected words come from the lexicon's one rule (``Lexicon.pinyin_words``), which every
renderer must follow; the outputs are the real renderers, the CLI, the web app and the site.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from hanzi_companion.cli import cli
from hanzi_companion.glossary import Glossary, GlossaryTerm, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.models import CEDICT_SOURCE
from hanzi_companion.render.anki import plan_package
from hanzi_companion.render.html import render_html
from hanzi_companion.render.json import render_json
from hanzi_companion.render.markdown import render_markdown
from hanzi_companion.render.slides import render_slides
from hanzi_companion.settings import demo_course_dir
from hanzi_companion.site import build_site, pages
from hanzi_companion.text.decks import read_deck
from tests.conftest import SEED_DECK


@pytest.fixture(scope="module")
def glossary(lexicon: Lexicon) -> Glossary:
    return build_glossary(read_deck(SEED_DECK), lexicon)


def _expected(lexicon: Lexicon, term: GlossaryTerm) -> str:
    words = lexicon.pinyin_words(
        term.term, term.pinyin_numbered, term.part_readings if len(term.term) >= 4 else ()
    )
    return " ".join(_pinyin.numbered_to_marks(w, separator="") for w in words)


@pytest.fixture(scope="module")
def multiword(lexicon: Lexicon, glossary: Glossary) -> dict[str, str]:
    """Each seed term written as two words or more, with its pinyin by the lexicon's rule."""
    found = {t.term: _expected(lexicon, t) for t in glossary.terms}
    found = {term: shown for term, shown in found.items() if " " in shown}
    assert len(found) >= 5, "the seed deck has long terms and names"
    return found


def _text(markup: str) -> str:
    plain = unescape(re.sub(r"<[^>]+>", "", markup))
    return unicodedata.normalize("NFC", re.sub(r"\x1b\[[0-9;]*m", "", plain))


def _check(output: str, multiword: dict[str, str], where: str) -> None:
    text = _text(output)
    for term, shown in multiword.items():
        run_together = shown.replace(" ", "")
        assert run_together not in text, f"{where}: {term} written {run_together!r}"
        assert shown in text, f"{where}: {term} not written {shown!r}"


def test_the_rule_cuts_long_dictionary_words_and_keeps_names(lexicon: Lexicon) -> None:
    # Words the lexicon itself knows; their readings come from it.
    for word in ("创客空间", "中国特色社会主义"):
        (entry, *_) = lexicon.lookup(word)
        words = lexicon.pinyin_words(word, entry.pinyin_numbered)
        assert len(words) >= 2 and " ".join(words) == entry.pinyin_numbered
        for w, start in zip(words, _starts(words), strict=True):
            assert lexicon.lookup(word[start : start + len(w.split())]), w
    assert _pinyin.word_pinyin("Chuang4 xin1 Wu1") == "Chuàngxīn Wū"
    assert _pinyin.word_pinyin("AAA huo4") == "AAA huò"
    # No cover by dictionary words of two characters or more: kept whole.
    assert lexicon.pinyin_words("抓大放小", "zhua1 da4 fang4 xiao3") == ("zhua1 da4 fang4 xiao3",)


def _starts(words: tuple[str, ...]) -> list[int]:
    out, position = [], 0
    for w in words:
        out.append(position)
        position += len(w.split())
    return out


def test_glossary_model(glossary: Glossary, multiword: dict[str, str]) -> None:
    for term in glossary.terms:
        if term.term in multiword:
            assert term.pinyin == multiword[term.term]
            assert _text(term.pinyin_html) == multiword[term.term]


@pytest.mark.parametrize("renderer", ["html", "markdown", "slides", "json", "anki"])
def test_glossary_renderers(glossary: Glossary, multiword: dict[str, str], renderer: str) -> None:
    if renderer == "json":
        document = json.loads(render_json(glossary))
        output = "\n".join(t["pinyin"] for t in document["terms"])
    elif renderer == "anki":
        notes = plan_package(glossary).terms
        output = "\n".join(n.field("Pinyin") + "\n" + n.field("Pinyin plain") for n in notes)
    else:
        render = {"html": render_html, "markdown": render_markdown, "slides": render_slides}
        output = render[renderer](glossary)
    _check(output, multiword, renderer)


def test_cli_glossary_and_lookup(lexicon: Lexicon, multiword: dict[str, str]) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["glossary", str(SEED_DECK), "--format", "md"])
    assert result.exit_code == 0, result.output
    _check(result.output, multiword, "cli glossary")
    for term, shown in multiword.items():
        if not any(e.source == CEDICT_SOURCE for e in lexicon.lookup(term)):
            continue  # the CLI here reads the bundled dictionaries, not the demo course's
        looked = runner.invoke(cli, ["lookup", term])
        assert looked.exit_code == 0, looked.output
        assert shown in _text(looked.output), f"cli lookup {term}"


def test_web_deck_and_word_pages(
    client: FlaskClient, lexicon: Lexicon, multiword: dict[str, str]
) -> None:
    page = client.get(f"/course/{SEED_DECK.stem}").get_data(as_text=True)
    _check(page, multiword, "web deck page")
    for term, shown in multiword.items():
        if not lexicon.lookup(term):
            continue
        word = client.get(f"/word/{term}").get_data(as_text=True)
        reading = re.search(r'<p class="hc-reading">(.*?)</p>', word, re.S)
        assert reading and shown in _text(reading.group(1)), f"web word page {term}"


def test_static_site_week_page(lexicon: Lexicon, multiword: dict[str, str], tmp_path: Path) -> None:
    root = tmp_path / "public"
    build_site(demo_course_dir(), root, lexicon)
    (week,) = (root / "weeks").glob("*.html")
    _check(week.read_text("utf-8"), multiword, "site week page")
    assert (root / pages.SEARCH).exists()


_LISTED = re.compile(
    r'(?:<a href="/word/[^"]+" lang="[^"]+" class="hc-zh">([^<]+)</a>'
    r'|<a class="hc-result-head"[^>]*><span lang="zh-Hans" class="hc-zh hc-term">([^<]+)</span>'
    r"(?:[^<]|<span[^>]*>[^<]*</span>)*</a>)\s*"
    r'<span lang="zh-Latn-pinyin" class="hc-pinyin">'
    r'((?:<span class="tone\d">[^<]*</span>|[^<])*)</span>',
    re.S,
)


def test_word_lists_on_web_pages_cut_long_words(client: FlaskClient, lexicon: Lexicon) -> None:
    """The lists of words (containing it, inside it, search results) use the same rule."""
    cut = 0
    for path in ("/word/创新", "/char/创", "/search?q=创新"):
        page = client.get(path).get_data(as_text=True)
        listed = _LISTED.findall(page)
        assert listed, path
        for linked, headword, markup in listed:
            word, shown = linked or headword, _text(markup)
            expected = {
                " ".join(
                    _pinyin.numbered_to_marks(w, separator="")
                    for w in lexicon.pinyin_words(word, e.pinyin_numbered)
                )
                for e in lexicon.lookup(word)
            }
            assert shown in expected, (path, word, shown, expected)
            if " " in shown and not any(s[:1].isupper() for s in shown.split()[1:]):
                cut += 1
    assert cut, "some listed word is long enough to be cut into words"
