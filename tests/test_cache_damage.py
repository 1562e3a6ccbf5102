"""Damaged caches: an empty, truncated or overwritten cache is found on opening and built
again; damage found in the middle of a run is one clear error (exit 2 on the CLI, a JSON
error on the web) and the damaged file is removed; a stale jieba cache is never read."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hanzi_companion.lexicon import Lexicon, character_index, sqlite_cache
from hanzi_companion.lexicon import index as lexicon_index
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.text.romanization import english_words
from hanzi_companion.text.segment import Segmenter, segmenter_for
from hanzi_companion.web import create_app
from tests.conftest import SEED_DECK

SENTENCE = "我们要建设美丽的城市，大众创业万众创新"


# -- damage -----------------------------------------------------------------------------------


def empty(path: Path) -> None:
    path.write_bytes(b"")


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3 + 7])  # mid-page, mid-line


def garbage(path: Path) -> None:
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(100_000)))


def inner_pages(path: Path) -> None:
    """Overwrite every page after the first megabyte: the header, the schema and the meta
    row stay sound, so only a query finds the damage."""
    size = path.stat().st_size
    with open(path, "r+b") as stream:
        stream.seek(1 << 20)
        stream.write(b"\xa5" * (size - (1 << 20)))


DAMAGE = {"empty": empty, "truncated": truncated, "garbage": garbage}


@pytest.fixture(scope="module")
def built(lexicon: Lexicon, settings: Settings) -> Path:
    """The session's cache folder with every cache built."""
    lexicon.character_index()
    _ = segmenter_for(lexicon).tokenizer
    english_words(lexicon)
    return settings.cache_dir


def cache_copy(built: Path, target: Path, damaged: str = "") -> Path:
    """A private cache folder: hard links to the built caches, a real copy of those whose name
    starts with ``damaged`` (they are damaged in place)."""
    target.mkdir()
    for path in built.iterdir():
        if path.suffix == ".tmp" or not path.is_file():
            continue
        if damaged and path.name.startswith(damaged):
            shutil.copyfile(path, target / path.name)
        else:
            os.link(path, target / path.name)
    return target


def only(folder: Path, pattern: str) -> Path:
    (path,) = folder.glob(pattern)
    return path


def run(cache: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hanzi_companion", *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, ENV_CACHE_DIR: str(cache)},
        timeout=600,
        check=False,
    )


# -- SQLite caches: the checks on opening -----------------------------------------------------


def small_cache(path: Path, schema: str = "7") -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute("INSERT INTO meta VALUES ('schema', ?)", (schema,))
    connection.execute("CREATE TABLE rows (n INTEGER)")
    connection.executemany("INSERT INTO rows VALUES (?)", ((i,) for i in range(20_000)))
    connection.commit()
    connection.close()
    return path


def test_a_sound_cache_passes(tmp_path: Path) -> None:
    path = small_cache(tmp_path / "kind-1.sqlite")
    assert sqlite_cache.problem(path, "7") is None
    assert sqlite_cache.usable(path, "7") and path.is_file()


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_caches_are_found_and_removed(
    damage: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = small_cache(tmp_path / "kind-1.sqlite")
    DAMAGE[damage](path)
    assert sqlite_cache.problem(path, "7") is not None
    with caplog.at_level(logging.WARNING, logger="hanzi_companion"):
        assert not sqlite_cache.usable(path, "7")
    assert not path.exists()
    assert "damaged" in caplog.text and len(caplog.records) == 1


def test_a_cache_of_another_schema_is_not_used(tmp_path: Path) -> None:
    path = small_cache(tmp_path / "kind-1.sqlite", schema="6")
    assert "another version" in (sqlite_cache.problem(path, "7") or "")


def test_damage_inside_is_found_by_the_full_check(tmp_path: Path) -> None:
    path = small_cache(tmp_path / "kind-1.sqlite")
    sound = sqlite_cache.discard_damaged([(path, "7")])
    assert sound == [] and path.is_file()
    with open(path, "r+b") as stream:  # the rows' pages, past the schema and meta pages
        stream.seek(3 * 4096)
        stream.write(b"\xa5" * 8192)
    assert sqlite_cache.problem(path, "7") is None  # the cheap checks cannot see it
    damaged = sqlite_cache.discard_damaged([(path, "7")])
    assert [p for p, _ in damaged] == [path] and not path.exists()


# -- the real caches through the CLI ----------------------------------------------------------


def test_a_truncated_lexicon_index_is_built_again(built: Path, tmp_path: Path) -> None:
    cache = cache_copy(built, tmp_path / "cache", damaged="lexicon-")
    index = only(cache, "lexicon-*.sqlite")
    truncated(index)
    completed = run(cache, "lookup", "--json", "创新")
    assert completed.returncode == 0, completed.stderr
    assert "damaged" in completed.stderr and "Traceback" not in completed.stderr
    assert '"found": true' in completed.stdout
    assert sqlite_cache.problem(index, lexicon_index.SCHEMA_VERSION) is None


def test_an_overwritten_character_index_is_built_again(built: Path, tmp_path: Path) -> None:
    cache = cache_copy(built, tmp_path / "cache", damaged="characters-")
    index = only(cache, "characters-*.sqlite")
    garbage(index)
    completed = run(cache, "char", "创", "--json")
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr and '"character": "创"' in completed.stdout
    assert sqlite_cache.problem(index, character_index.SCHEMA_VERSION) is None


def test_damage_found_mid_run_is_one_line_and_removed(built: Path, tmp_path: Path) -> None:
    cache = cache_copy(built, tmp_path / "cache", damaged="lexicon-")
    index = only(cache, "lexicon-*.sqlite")
    inner_pages(index)
    completed = run(cache, "search", "innovation")
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1 and "Traceback" not in completed.stderr
    assert "damaged" in completed.stderr and "run the command again" in completed.stderr
    assert not index.exists()  # the next run builds it again


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_segmenter_word_list_is_written_again(
    damage: str, built: Path, tmp_path: Path
) -> None:
    cache = cache_copy(built, tmp_path / "cache", damaged="segment-")
    for path in cache.glob("segment-*"):
        DAMAGE[damage](path)  # the word list and jieba's prefix cache
    completed = run(cache, "glossary", str(SEED_DECK), "-f", "json", "-o", "-")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert '"term": "创新"' in completed.stdout or '"term": "创客"' in completed.stdout


def test_an_unusable_cache_folder_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    completed = run(blocker / "cache", "lookup", "创新")
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines()[-1].startswith("Error: ")
    assert "Traceback" not in completed.stderr


# -- the segmenter, in the library ------------------------------------------------------------


def test_damaged_word_lists_are_written_again(
    lexicon: Lexicon, built: Path, tmp_path: Path
) -> None:
    cache = cache_copy(built, tmp_path / "cache", damaged="segment-")
    private = Lexicon(lexicon.path, lexicon.settings.with_changes(cache_dir=cache))
    expected = segmenter_for(lexicon).cut(SENTENCE)
    for name, damage in sorted(DAMAGE.items()):
        segmenter = Segmenter(private)
        damage(segmenter.dictionary_path)
        assert segmenter.cut(SENTENCE) == expected, name


def test_a_stale_jieba_cache_is_never_read(lexicon: Lexicon, built: Path, tmp_path: Path) -> None:
    """A jieba cache made from a damaged word list keeps no hold once the list is restored,
    even restored with its old time (``cp -p``), when the cache looks newer than the list."""
    cache = cache_copy(built, tmp_path / "cache", damaged="segment-")
    private = Lexicon(lexicon.path, lexicon.settings.with_changes(cache_dir=cache))
    first = Segmenter(private)
    good = first.cut(SENTENCE)
    words = first.dictionary_path
    original, stat = words.read_bytes(), words.stat()
    lines = original.splitlines(keepends=True)
    words.write_bytes(b"".join(lines[:50]))  # cut at a line end: no cheap check can tell
    poor = Segmenter(private).cut(SENTENCE)
    assert poor != good  # jieba built its prefix cache from the damaged list
    words.write_bytes(original)
    os.utime(words, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert Segmenter(private).cut(SENTENCE) == good
    assert len(list(cache.glob("segment-*.jieba.cache"))) == 1  # old prefix caches removed


# -- the web ----------------------------------------------------------------------------------


def test_the_web_reports_damage_once_as_json(
    lexicon: Lexicon, settings: Settings, built: Path, tmp_path: Path
) -> None:
    cache = cache_copy(built, tmp_path / "cache", damaged="lexicon-")
    index = only(cache, lexicon.path.name)
    inner_pages(index)
    damaged = Lexicon(index, settings.with_changes(cache_dir=cache))
    app = create_app(
        settings.with_changes(cache_dir=cache, secret_key="test"),
        {"TESTING": True, "LEXICON": damaged},
    )
    client = app.test_client()
    for _ in range(2):
        response = client.get("/api/search", query_string={"q": "innovation"})
        assert response.status_code == 503
        error = response.get_json()["error"]
        assert error["code"] == "cache_damaged" and "rebuilt" in error["message"]
    assert not index.exists()
    page = client.get("/search", query_string={"q": "innovation"})
    assert page.status_code == 503 and b"Traceback" not in page.data
