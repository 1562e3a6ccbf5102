"""A course folder's decks: a symlink that leaves the folder is skipped and reported, never
read, by ``glossary DIR``, ``anki DIR``, ``site`` and the web UI alike."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from hanzi_companion.errors import DeckError
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.site import build_site
from hanzi_companion.text.decks import read_deck
from hanzi_companion.text.folders import course_decks, leaves_folder
from hanzi_companion.web import create_app

SECRET = "秘密文件"  # the outside file's words: they must appear in no output
WARNING = "skipped, a link to a file outside the course folder"


def make_course(root: Path) -> Path:
    """A course folder with one deck, a link to a deck inside it, and a link leaving it."""
    course = root / "course"
    course.mkdir()
    (course / "week01.md").write_text("# Week 1\n\n创新 (innovation)\n", encoding="utf-8")
    (course / "week02.md").symlink_to(course / "week01.md")  # inside: a deck like any other
    secret = root / "secret.md"
    secret.write_text(f"# Week 98\n\n{SECRET} (secret file)\n", encoding="utf-8")
    (course / "week98.md").symlink_to(secret)
    return course


def test_the_listing_skips_links_leaving_the_folder(tmp_path: Path) -> None:
    course = make_course(tmp_path)
    listing = course_decks(course)
    assert [p.name for p in listing.paths] == ["week01.md", "week02.md"]
    assert [s.path.name for s in listing.skipped] == ["week98.md"]
    assert listing.warnings() == (f"{course / 'week98.md'}: {WARNING}",)
    assert leaves_folder(course / "week98.md", course)
    assert not leaves_folder(course / "week02.md", course)


def test_a_remark_page_never_loads_markdown_outside_its_folder(tmp_path: Path) -> None:
    course = make_course(tmp_path)
    (course / "slides.md").symlink_to(tmp_path / "secret.md")
    page = course / "week03.html"
    page.write_text(
        "<html><script>remark.create({sourceUrl: 'slides.md'})</script></html>", encoding="utf-8"
    )
    with pytest.raises(DeckError, match="sourceUrl") as raised:
        read_deck(page)  # as for a web address: the markdown file is not read
    assert SECRET not in str(raised.value)


def _run(arguments: list[str], settings: Settings, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hanzi_companion", *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, ENV_CACHE_DIR: str(settings.cache_dir)},
        cwd=cwd,
        timeout=180,
        check=False,
    )


def test_glossary_of_a_folder_skips_and_says_so(tmp_path: Path, settings: Settings) -> None:
    course = make_course(tmp_path)
    completed = _run(["glossary", "course", "-f", "json", "-o", "out.json"], settings, tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert f"week98.md: {WARNING}" in completed.stderr
    text = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert "创新" in text and SECRET not in text and "\\u79d8\\u5bc6" not in text
    assert course.is_dir()


def test_anki_of_a_folder_skips_and_says_so(tmp_path: Path, settings: Settings) -> None:
    make_course(tmp_path)
    completed = _run(["anki", "course", "-o", "out.apkg"], settings, tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert f"week98.md: {WARNING}" in completed.stderr
    with zipfile.ZipFile(tmp_path / "out.apkg") as archive:
        collection = archive.read("collection.anki2")
    assert "创新".encode() in collection and SECRET.encode() not in collection


def _all_bytes(root: Path) -> Iterator[bytes]:
    """Every file of a folder, and every member of the zip files (Anki packages) in it."""
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            yield data
            if zipfile.is_zipfile(io.BytesIO(data)):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    yield from (archive.read(name) for name in archive.namelist())


def test_the_site_skips_and_reports(tmp_path: Path, lexicon: Lexicon) -> None:
    course = make_course(tmp_path)
    report = build_site(course, tmp_path / "site", lexicon)
    assert "week98.md: a link to a file outside the course folder" in report.skipped
    assert len(report.decks) == 2
    escaped = SECRET.encode("unicode_escape").decode().encode()
    for data in _all_bytes(tmp_path / "site"):
        assert SECRET.encode() not in data and escaped not in data


def test_the_site_command_prints_the_warning(tmp_path: Path, settings: Settings) -> None:
    make_course(tmp_path)
    completed = _run(["site", "course", "-o", "site"], settings, tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert "week98.md: a link to a file outside the course folder (skipped)" in completed.stderr


def test_the_web_ui_lists_no_link_leaving_the_folder(
    tmp_path: Path, settings: Settings, lexicon: Lexicon
) -> None:
    course = make_course(tmp_path)
    app = create_app(
        settings.with_changes(course_dir=course, secret_key="test"),
        {"TESTING": True, "LEXICON": lexicon},
    )
    client: FlaskClient = app.test_client()
    names = [deck["name"] for deck in client.get("/api/course").get_json()["decks"]]
    assert names == ["week01", "week02"]
    assert client.get("/api/course/week98").status_code == 404


@pytest.mark.parametrize("name", ["week98.md"])
def test_a_link_loop_is_skipped_too(tmp_path: Path, name: str) -> None:
    course = tmp_path / "course"
    course.mkdir()
    (course / name).symlink_to(course / name)
    assert [s.path.name for s in course_decks(course).skipped] == [name]
