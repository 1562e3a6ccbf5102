"""A course folder with a broken deck and a README: the README is skipped with a note, each
broken deck is reported, the rest is built, and the exit status says some failed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from hanzi_companion.cli import cli
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.text.folders import course_decks, not_a_deck
from hanzi_companion.web import create_app

GOOD = "---\nclass: title\n# Week 1: Cities\n\n---\n# 城市\n\n城市 (city) and 经济 (economy)\n"


def _course(folder: Path) -> Path:
    folder.mkdir()
    (folder / "week01.md").write_text(GOOD, "utf-8")
    (folder / "week02.md").write_text("", "utf-8")  # an empty deck
    (folder / "week03.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 400)  # binary, not text
    (folder / "README.md").write_text("# About these slides\n\n城市 and 乡村.\n", "utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # no deck suffix: left alone
    return folder


@pytest.fixture()
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    return CliRunner()


def test_the_rule() -> None:
    assert not_a_deck(Path("README.md")) and not_a_deck(Path("readme.txt"))
    assert not_a_deck(Path("LICENSE.md"))
    assert not_a_deck(Path("week07.md")) is None
    assert not_a_deck(Path("readme-week1.md")) is None  # a deck that mentions readme


def test_listing(tmp_path: Path) -> None:
    listing = course_decks(_course(tmp_path / "c"))
    decks, skipped = listing.paths, listing.skipped
    assert [p.name for p in decks] == ["week01.md", "week02.md", "week03.txt"]
    assert [s.path.name for s in skipped] == ["README.md"]


def _check_messages(stderr: str) -> None:
    assert "README.md: skipped" in stderr
    assert "week02.md: failed" in stderr and "week03.txt: failed" in stderr
    assert "2 of 3 decks failed: week02.md, week03.txt" in stderr


def test_glossary_of_a_folder_builds_the_readable_decks(runner: CliRunner, tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    out = tmp_path / "course.json"
    result = runner.invoke(cli, ["glossary", str(course), "-o", str(out)])
    assert result.exit_code == 1, result.output
    _check_messages(result.stderr)
    document = json.loads(out.read_text("utf-8"))
    assert [d["deck"]["name"] for d in document["decks"]] == ["week01.md"]


def test_anki_of_a_folder_builds_the_readable_decks(runner: CliRunner, tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    out = tmp_path / "course.apkg"
    result = runner.invoke(cli, ["anki", str(course), "-o", str(out)])
    assert result.exit_code == 1, result.output
    _check_messages(result.stderr)
    assert zipfile.is_zipfile(out)


def test_site_of_a_folder_builds_the_readable_decks(runner: CliRunner, tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    out = tmp_path / "public"
    result = runner.invoke(cli, ["site", str(course), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "README.md" in result.stderr and "skipped" in result.stderr
    assert "2 of 3 decks failed: week02.md, week03.txt" in result.stderr
    assert [p.name for p in (out / "weeks").glob("*.html")] == ["week01.html"]


def test_a_folder_of_only_broken_decks_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    (course / "week01.md").unlink()
    for command in (["glossary", str(course)], ["anki", str(course), "-o", "x.apkg"]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 2, result.output
        assert "no deck could be read" in result.stderr
    result = runner.invoke(cli, ["site", str(course), "-o", str(tmp_path / "public")])
    assert result.exit_code == 2 and "no deck could be read" in result.stderr


def test_web_course_page_skips_the_readme_and_names_the_broken_decks(
    settings: Settings, lexicon: Lexicon, tmp_path: Path
) -> None:
    course = _course(tmp_path / "course")
    app: Flask = create_app(
        settings.with_changes(course_dir=course, secret_key="t"), {"LEXICON": lexicon}
    )
    client: FlaskClient = app.test_client()
    page = client.get("/course").get_data(as_text=True)
    assert "README" not in page and "About these slides" not in page
    assert page.count("Cannot be read") == 2
    assert "week01.md" in page
    assert client.get("/course/README").status_code == 404
