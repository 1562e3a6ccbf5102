"""Counts agree with their nouns ("1 deck", "2 decks") and sentences keep their spaces, in
every output; Markdown does not HTML-escape quotes it need not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from hanzi_companion.cli import cli
from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.markdown import render_markdown
from hanzi_companion.render.slides import render_slides
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.text.decks import read_deck
from hanzi_companion.wording import plural

# A count followed by a plural noun where the count is one, or a sentence glued to the next.
_ONE_PLURAL = re.compile(
    r"(?<![\d.,])\b1 (?:deck|slide|result|term|week|stroke|frame|character)s\b"
)
_GLUED = re.compile(r"[a-z]\.[0-9A-Z]")


@pytest.fixture()
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    return CliRunner()


def test_plural() -> None:
    assert plural(1, "deck") == "1 deck"
    assert plural(0, "deck") == "0 decks"
    assert plural(2, "entry") == "2 entries"
    assert plural(3, "person", "people") == "3 people"


def test_search_command_one_result(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["search", "创新", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 result for")


def test_search_page_suggestion_and_count_are_separate_sentences(client: FlaskClient) -> None:
    # A pinyin query that English could also mean: a suggestion, then the count.
    page = client.get("/search?q=shanzhaiji").get_data(as_text=True)
    muted = re.search(r'<p class="hc-muted">Read as(.*?)</p>', page, re.S)
    assert muted
    text = " ".join(re.sub(r"<[^>]+>", "", muted.group(1)).split())
    assert "instead. " in text and not _GLUED.search(text), text
    assert not _ONE_PLURAL.search(text), text


def test_one_slide_deck_and_one_deck_course(
    runner: CliRunner, lexicon: Lexicon, tmp_path: Path
) -> None:
    course = tmp_path / "course"
    course.mkdir()
    deck = course / "week03.md"
    deck.write_text('# Week 3: "Open" cities\n\n创新 (innovation) and 开放\n', "utf-8")
    glossary = build_glossary(read_deck(deck), lexicon)
    assert glossary.deck.slide_count == 1
    for text in (render_markdown(glossary), render_slides(glossary)):
        assert not _ONE_PLURAL.search(text), _ONE_PLURAL.search(text)
    markdown = render_markdown(glossary)
    assert "&quot;" not in markdown and '"Open"' in markdown
    result = runner.invoke(cli, ["glossary", str(course), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    assert "from 1 deck)" in result.output


def test_a_one_stroke_character(runner: CliRunner, client: FlaskClient) -> None:
    result = runner.invoke(cli, ["char", "一"])
    assert result.exit_code == 0, result.output
    assert "1 stroke" in result.output and not _ONE_PLURAL.search(result.output)
    page = client.get("/char/一").get_data(as_text=True)
    assert not _ONE_PLURAL.search(page), _ONE_PLURAL.search(page)
