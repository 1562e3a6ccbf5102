"""Course dictionaries belong to the course: a ``course.u8`` beside the decks is loaded with
them (glossary, anki, site, web course); the bundled one keeps general entries only."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from hanzi_companion.cli import cli
from hanzi_companion.lexicon import index
from hanzi_companion.settings import ENV_CACHE_DIR, Settings, demo_course_dir
from hanzi_companion.web import create_app

ROOT = Path(__file__).resolve().parent.parent
# A coworking space's name: CC-CEDICT lacks it, the course dictionary says what it is.
TERM = "新车间"
ENTRY = "新車間 新车间 [Xin1 Che1 jian1] /Xinchejian, a hackerspace in Shanghai/\n"
DECK = "# Week 2: Makers\n\n---\n\n# Hackerspaces\n\n新车间 is where makers meet.\n"


def _entries(path: Path) -> list[tuple[str, str]]:
    """(source line, entry line) for every entry of a dictionary in CC-CEDICT syntax."""
    lines = path.read_text("utf-8").splitlines()
    found = []
    for number, line in enumerate(lines):
        if line and not line.startswith("#"):
            source = lines[number - 1] if number else ""
            found.append((source, line))
    return found


def test_the_bundled_dictionary_keeps_general_entries_each_with_its_source() -> None:
    entries = _entries(ROOT / "dictionaries" / "course.u8")
    assert entries
    for source, entry in entries:
        assert source.startswith("# source:"), entry
        assert not re.search(r"course deck|week \d", source, re.I), source


def test_the_demo_course_has_its_own_dictionary_of_its_deck_terms() -> None:
    deck = (demo_course_dir() / "week07.txt").read_text("utf-8")
    entries = _entries(demo_course_dir() / "course.u8")
    assert entries
    for source, entry in entries:
        assert source.startswith("# source:"), entry
        simplified = entry.split()[1]
        # as the deck writes it, maybe with a space where Latin meets Han ("AAA 货")
        assert re.search(" ?".join(map(re.escape, simplified)), deck), simplified
    bundled = {e.split()[1] for _, e in _entries(ROOT / "dictionaries" / "course.u8")}
    assert not bundled & {e.split()[1] for _, e in entries}


@pytest.fixture()
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    return CliRunner()


def _course(folder: Path, *, dictionary: bool = True) -> Path:
    folder.mkdir()
    (folder / "week02.md").write_text(DECK, "utf-8")
    (folder / "week03.md").write_text(DECK.replace("Week 2", "Week 3"), "utf-8")
    if dictionary:
        (folder / "course.u8").write_text("# source: a test course\n" + ENTRY, "utf-8")
    return folder


def _term(document: dict[str, object]) -> dict[str, object]:
    decks = document.get("decks") or [document]
    assert isinstance(decks, list)
    (term,) = [t for t in decks[0]["terms"] if t["term"] == TERM]
    return term  # type: ignore[no-any-return]


def _from_course(term: dict[str, object]) -> bool:
    senses = term["senses"]
    assert isinstance(senses, list)
    return any(s["source"] == "course dictionary" and "hackerspace" in s["text"] for s in senses)


def test_glossary_of_a_folder_and_of_a_deck_loads_the_course_dictionary(
    runner: CliRunner, tmp_path: Path
) -> None:
    course = _course(tmp_path / "course")
    for target in (course, course / "week02.md"):
        result = runner.invoke(cli, ["glossary", str(target), "-f", "json"])
        assert result.exit_code == 0, result.output
        assert _from_course(_term(json.loads(result.stdout))), target
    bare = _course(tmp_path / "bare", dictionary=False)
    result = runner.invoke(cli, ["glossary", str(bare / "week02.md"), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert not _from_course(_term(json.loads(result.stdout)))


def test_anki_and_site_load_the_course_dictionary(runner: CliRunner, tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    apkg = tmp_path / "course.apkg"
    result = runner.invoke(cli, ["anki", str(course), "-o", str(apkg)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(apkg) as package:
        database = tmp_path / "collection.anki2"
        database.write_bytes(package.read("collection.anki2"))
    fields = [r[0] for r in sqlite3.connect(database).execute("SELECT flds FROM notes")]
    assert any(TERM in f and "hackerspace" in f for f in fields)
    site = tmp_path / "public"
    result = runner.invoke(cli, ["site", str(course), "-o", str(site)])
    assert result.exit_code == 0, result.output
    data = json.loads((site / "glossary" / "week02.json").read_text("utf-8"))
    assert _from_course(_term(data))


def test_web_course_loads_the_course_dictionary(settings: Settings, tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    app = create_app(settings.with_changes(course_dir=course, secret_key="t"), {"TESTING": True})
    data = app.test_client().get("/api/course/week02").get_json()
    assert _from_course(_term(data))


def test_the_index_is_keyed_by_the_course_dictionary(settings: Settings, tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    plain = index.index_path(settings)
    with_course = index.index_path(settings.for_course(course))
    assert with_course != plain
    (course / "course.u8").write_text("# source: changed\n" + ENTRY.replace("Shanghai", "SH"))
    assert index.index_path(settings.for_course(course)) not in (plain, with_course)
    assert index.index_path(settings.for_course(tmp_path)) == plain  # no course.u8 there
