"""One HSK rule and one label: a character's level as a character, a word's as a word, shown
as ``HSK 3`` / ``HSK 7-9`` by every output (CLI, web, glossary, Anki, site)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from hanzi_companion.cli import cli
from hanzi_companion.glossary import Glossary, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.hsk import HSK_CHARACTERS_FILE, level_label, parse_levels
from hanzi_companion.render.anki import plan_package
from hanzi_companion.render.markdown import render_markdown
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.site import build_site
from hanzi_companion.text.decks import read_deck
from tests.conftest import SEED_DECK

# Any "HSK" label in an output: the level and, for the top band, its range.
_LABEL = re.compile(r"HSK ?(\d(?:-\d)?)")


@pytest.fixture(scope="module")
def week7(lexicon: Lexicon) -> Glossary:
    return build_glossary(read_deck(SEED_DECK), lexicon)


@pytest.fixture(scope="module")
def character(week7: Glossary) -> str:
    return week7.characters[0].character


@pytest.fixture(scope="module")
def expected(lexicon: Lexicon, character: str) -> str:
    """The character's label from the HSK character list itself."""
    levels = parse_levels(lexicon.settings.data_path(HSK_CHARACTERS_FILE))
    return level_label(levels[character])


def _labels(text: str) -> set[str]:
    return {f"HSK {m}" for m in _LABEL.findall(text)}


def test_the_character_of_the_week_has_its_character_level_in_the_glossary(
    week7: Glossary, character: str, expected: str
) -> None:
    (term,) = [t for t in week7.terms if t.term == character]
    assert term.hsk_level is not None and level_label(term.hsk_level) == expected
    rows = render_markdown(week7).splitlines()
    line = next(li for li in rows if li.startswith("|") and f"[{character}]" in li)
    assert _labels(line) == {expected}, line


def test_char_command_and_page_show_the_same_label(
    client: FlaskClient,
    settings: Settings,
    character: str,
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    profile = CliRunner().invoke(cli, ["char", character])
    assert profile.exit_code == 0, profile.output
    assert expected in profile.output.splitlines()[0]
    page = client.get(f"/char/{character}").get_data(as_text=True)
    head = re.search(r'<p class="hc-muted">(.*?)</p>', page)
    assert head and _labels(head.group(1)) == {expected}


def test_anki_character_note_tag_is_the_label(
    week7: Glossary, character: str, expected: str
) -> None:
    plan = plan_package(week7)
    (note,) = [n for n in plan.notes if n.kind == "character" and n.fields[0] == character]
    assert expected.replace(" ", "") in note.tags
    assert not [t for t in note.tags if t.startswith("HSK") and t != expected.replace(" ", "")]


def test_site_and_json_show_the_label(
    lexicon: Lexicon, tmp_path: Path, character: str, expected: str
) -> None:
    course = tmp_path / "course"
    course.mkdir()
    (course / SEED_DECK.name).write_bytes(SEED_DECK.read_bytes())
    build_site(course, tmp_path / "public", lexicon)
    (page,) = (tmp_path / "public" / "weeks").glob("*.html")
    html = page.read_text("utf-8")
    assert "HSK 7</" not in html and "HSK 7<" not in html
    (data,) = (tmp_path / "public" / "glossary").glob("week*.json")
    terms = json.loads(data.read_text("utf-8"))["terms"]
    (term,) = [t for t in terms if t["term"] == character]
    assert term["hsk_label"] == expected
    assert {t["hsk_label"] for t in terms if t["hsk_level"] == 7} <= {"HSK 7-9"}
