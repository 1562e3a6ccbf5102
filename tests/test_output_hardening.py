"""Smaller holes of the outputs: encodings, repeated runs, deck URLs, Anki names, escapes."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from hanzi_companion.glossary import DeckInfo, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.anki import plan_package
from hanzi_companion.render.glossary_common import deck_url
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.text.decks import read_deck_bytes
from hanzi_companion.text.extract import repeated_unit

from .conftest import ROOT

DECK = "# 第一周\n\n创新 (innovation) 是很重要的。\n"


# -- UTF-32 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_wide_encodings_with_a_bom_are_read_as_what_they_are(codec: str) -> None:
    bom = {
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
    }[codec]
    deck = read_deck_bytes(bom + DECK.encode(codec), "week01.md")
    utf8 = read_deck_bytes(DECK.encode("utf-8"), "week01.md")
    assert deck.slides == utf8.slides


def test_posted_utf32_deck_is_sent_back_as_its_text(lexicon: Lexicon) -> None:
    from hanzi_companion.web.decks import PostedDeck

    posted = PostedDeck(codecs.BOM_UTF32_LE + DECK.encode("utf-32-le"), "week01.md")
    assert posted.text == DECK


# -- a run that only repeats ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("run", "unit"),
    [("创" * 100, "创"), ("创" * 3, "创"), ("创新" * 40, "创新"), ("创新" * 3 + "创", "")],
)
def test_repeated_unit(run: str, unit: str) -> None:
    assert repeated_unit(run) == unit


@pytest.mark.parametrize("run", ["看看", "研究研究", "创新", "创"])
def test_reduplications_are_not_repetition(run: str) -> None:
    assert repeated_unit(run) == ""


@pytest.mark.parametrize(("char", "count"), [("创", 100), ("创", 30), ("水", 5000), ("创新", 50)])
def test_a_deck_of_one_word_repeated_lists_that_word(
    lexicon: Lexicon, char: str, count: int
) -> None:
    deck = read_deck_bytes((char * count + "\n").encode(), "repeated.md")
    glossary = build_glossary(deck, lexicon)
    assert [term.term for term in glossary.terms] == [char]
    assert glossary.terms[0].senses
    assert not any("no Chinese text" in message for message in glossary.messages)


# -- deck URLs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("week 1 #2.md", "https://x.org/s/week%201%20%232.md?stem=week%201%20%232"),
        (
            "第七周.md",
            "https://x.org/s/%E7%AC%AC%E4%B8%83%E5%91%A8.md?stem=%E7%AC%AC%E4%B8%83%E5%91%A8",
        ),
        ("a&b?c.md", "https://x.org/s/a%26b%3Fc.md?stem=a%26b%3Fc"),
        ("week07.md", "https://x.org/s/week07.md?stem=week07"),
    ],
)
def test_deck_url_encodes_the_name(name: str, expected: str) -> None:
    assert deck_url("https://x.org/s/{name}?stem={stem}", DeckInfo(name=name)) == expected


def test_cli_deck_url_link_is_encoded(tmp_path: Path) -> None:
    deck = tmp_path / "week 1 #a.md"
    deck.write_text(DECK, encoding="utf-8")
    result = run_cli("glossary", str(deck), "--deck-url", "https://x.org/{name}")
    assert result.returncode == 0, result.stderr
    assert "https://x.org/week%201%20%23a.md" in result.stdout
    assert "https://x.org/week 1" not in result.stdout


# -- Anki deck names and tags -----------------------------------------------------------------


HOSTILE_FRONT = (
    "---\n"
    "title: '<img src=x onerror=alert(1)><b>Water</b> &amp; cities'\n"
    "course: '<script>alert(1)</script>Chinese <i>Cities</i>'\n"
    "---\n\n"
    "# 水\n\n城市 (city) 和水。\n"
)


def test_front_matter_markup_never_reaches_anki_names_or_tags(lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck_bytes(HOSTILE_FRONT.encode(), "lecture.md"), lexicon)
    plan = plan_package(glossary)
    assert plan.decks
    for name in plan.decks:
        assert not any(ch in name for ch in "<>"), name
        assert "alert" not in name
    assert "Chinese Cities" in plan.course
    assert any("Water & cities" in name for name in plan.decks)
    for note in plan.notes:
        for tag in note.tags:
            assert tag and not any(ch in tag for ch in " <>&\"'"), tag


# -- terminal escape sequences ----------------------------------------------------------------


ESCAPES = (
    '---\ntitle: "Week 1 \x1b[31mRED\x1b[0m \x1b]0;pwned\x07"\n---\n\n'
    "# 创新 \x1b[2J\n\n创新 (\x1b[5minnovation\x1b[0m) \u009b31m 是重要的。\n"
)


@pytest.mark.parametrize("fmt", ["md", "slides", "html", "json"])
def test_no_control_character_of_a_deck_reaches_stdout(tmp_path: Path, fmt: str) -> None:
    deck = tmp_path / "week\x1b[31m01.md"
    deck.write_text(ESCAPES, encoding="utf-8")
    result = run_cli("glossary", str(deck), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "创新" in result.stdout
    for stream in (result.stdout, result.stderr):
        controls = {
            ch for ch in stream if (ord(ch) < 32 and ch not in "\n\t") or 127 <= ord(ch) < 160
        }
        assert not controls, sorted(controls)


@pytest.fixture(autouse=True)
def _shared_index(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hanzi_companion", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("command", ["glossary", "anki", "site"])
def test_file_names_with_escape_sequences_reach_no_terminal(tmp_path: Path, command: str) -> None:
    course = tmp_path / "course"
    course.mkdir()
    (course / "week01.md").write_text("# 第一周\n\n创新 (innovation)\n", encoding="utf-8")
    (course / "week\x1b]0;pwned\x0702.md").write_text("", encoding="utf-8")  # an empty deck
    (course / "week\x1b[2J03.md").symlink_to("/etc/hostname")  # leaves the folder
    output = tmp_path / ("out.apkg" if command == "anki" else "out")
    result = run_cli(command, str(course), "-o", str(output))
    assert result.returncode == 1, result.stderr  # one deck failed, the rest were built
    assert "week" in result.stderr and "failed" in result.stderr
    controls = {ch for ch in result.stderr if ord(ch) < 32 and ch != "\n"}
    assert not controls, sorted(controls)


def test_error_naming_a_file_holds_no_escape_sequence(tmp_path: Path) -> None:
    result = run_cli("glossary", str(tmp_path / "gone\x1b]0;pwned\x07.md"))
    assert result.returncode == 2
    assert "gone" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
