"""Damaged caches: an empty, truncated or overwritten cache is found on opening and built
again; damage found in the middle of a run is one clear error (exit 2 on the CLI, a JSON
error on the web) and the damaged file is removed; nothing built from a damaged source
outlives the source's repair."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from hanzi_companion.lexicon import Lexicon, character_index, english_index, sqlite_cache
from hanzi_companion.lexicon import index as lexicon_index
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.text.romanization import ENGLISH_VERSION, english_words
from hanzi_companion.text.segment import segmenter_for
from hanzi_companion.web import Resources, create_app
from hanzi_companion.web.errors import DAMAGED_KEY, CacheRepair
from tests.conftest import SEED_DECK

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
    """The session's cache folder with every cache built: the demo course's (the glossary of
    its deck reads them) and the plain lexicon's (lookup, search and char read it)."""
    Lexicon.open(settings).english_tables()
    lexicon.character_index()
    _ = segmenter_for(lexicon).tokenizer
    english_words(lexicon)
    return settings.cache_dir


@pytest.fixture(scope="module")
def names(lexicon: Lexicon, settings: Settings, built: Path) -> dict[str, str]:
    """The file name of each current cache, by kind."""
    return {
        "lexicon": lexicon_index.index_path(settings).name,
        "glosses": english_index.index_path(lexicon_index.index_path(settings)).name,
        "characters": character_index.index_path(settings).name,
        "segment": segmenter_for(lexicon).dictionary_path.name,
        "english": f"english-{lexicon.path.stem}-v{ENGLISH_VERSION}.tries",
    }


def cache_copy(built: Path, target: Path, damaged: str = "") -> Path:
    """A private cache folder: hard links to the built caches, a real copy of the one called
    ``damaged`` (it is damaged in place)."""
    target.mkdir()
    for path in built.iterdir():
        if path.suffix == ".tmp" or not path.is_file():
            continue
        if path.name == damaged:
            shutil.copyfile(path, target / path.name)
        else:
            os.link(path, target / path.name)
    return target


def run(
    cache: Path, *arguments: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hanzi_companion", *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, ENV_CACHE_DIR: str(cache), **(env or {})},
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


def test_a_truncated_lexicon_index_is_built_again(
    built: Path, names: dict[str, str], tmp_path: Path
) -> None:
    """Slow (about 6 s): the lexicon index is really built again from CC-CEDICT."""
    cache = cache_copy(built, tmp_path / "cache", damaged=names["lexicon"])
    index = cache / names["lexicon"]
    truncated(index)
    completed = run(cache, "lookup", "--json", "创新")
    assert completed.returncode == 0, completed.stderr
    assert "damaged" in completed.stderr and "Traceback" not in completed.stderr
    assert '"found": true' in completed.stdout
    assert sqlite_cache.problem(index, lexicon_index.SCHEMA_VERSION) is None


def test_an_overwritten_character_index_is_built_again(
    built: Path, names: dict[str, str], tmp_path: Path
) -> None:
    """Slow (about 7 s): the character index is really built again from the data."""
    cache = cache_copy(built, tmp_path / "cache", damaged=names["characters"])
    index = cache / names["characters"]
    garbage(index)
    completed = run(cache, "char", "创", "--json")
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr and '"character": "创"' in completed.stdout
    assert sqlite_cache.problem(index, character_index.SCHEMA_VERSION) is None


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_english_search_tables_are_built_again(
    damage: str, built: Path, names: dict[str, str], tmp_path: Path
) -> None:
    """Slow (about 4 s each): the English search tables are really built again from the
    index, in a fresh process."""
    cache = cache_copy(built, tmp_path / "cache", damaged=names["glosses"])
    tables = cache / names["glosses"]
    DAMAGE[damage](tables)
    completed = run(cache, "search", "--json", "innovation")
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr and '"simplified": "创新"' in completed.stdout
    assert sqlite_cache.problem(tables, english_index.SCHEMA_VERSION) is None


def test_english_tables_damaged_inside_are_removed_mid_run(
    built: Path, names: dict[str, str], tmp_path: Path
) -> None:
    cache = cache_copy(built, tmp_path / "cache", damaged=names["glosses"])
    tables = cache / names["glosses"]
    inner_pages(tables)
    completed = run(cache, "search", "innovation")
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1 and "Traceback" not in completed.stderr
    assert "damaged" in completed.stderr and "run the command again" in completed.stderr
    assert not tables.exists() and (cache / names["lexicon"]).exists()


def test_damage_found_mid_run_is_one_line_and_removed(
    built: Path, names: dict[str, str], tmp_path: Path
) -> None:
    cache = cache_copy(built, tmp_path / "cache", damaged=names["lexicon"])
    index = cache / names["lexicon"]
    inner_pages(index)
    completed = run(cache, "search", "innovation")
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1 and "Traceback" not in completed.stderr
    assert "damaged" in completed.stderr and "run the command again" in completed.stderr
    assert not index.exists()  # the next run builds it again


def overwritten_inside(path: Path) -> None:
    """Bytes overwritten past the start: the size and any header stay as they were."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = bytes(len(data[middle : middle + 4096]))
    path.write_bytes(bytes(data))


TEXT_DAMAGE = {**DAMAGE, "overwritten inside": overwritten_inside}


@pytest.fixture(scope="module")
def sound_glossary(built: Path) -> str:
    """The demo deck's glossary (JSON) from sound caches."""
    completed = run(built, "glossary", str(SEED_DECK), "-f", "json", "-o", "-")
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


@pytest.mark.parametrize(
    ("kind", "damage"),
    [("segment", damage) for damage in sorted(TEXT_DAMAGE)]
    + [("english", "garbage"), ("english", "overwritten inside")],
)
def test_damaged_compiled_word_lists_are_built_again(
    kind: str,
    damage: str,
    built: Path,
    names: dict[str, str],
    sound_glossary: str,
    tmp_path: Path,
) -> None:
    """The segmenter's dictionary and the English word lists (tries): the same glossary as
    from sound caches, nothing on stderr, and the cache sound again. Slow (up to about 5 s
    each): the damaged file is really compiled again, in a fresh process."""
    cache = cache_copy(built, tmp_path / "cache", damaged=names[kind])
    path = cache / names[kind]
    sound = path.read_bytes()
    TEXT_DAMAGE[damage](path)
    completed = run(cache, "glossary", str(SEED_DECK), "-f", "json", "-o", "-")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert completed.stdout == sound_glossary
    assert path.read_bytes() == sound


def test_an_unusable_cache_folder_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    completed = run(blocker / "cache", "lookup", "创新")
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines()[-1].startswith("Error: ")
    assert "Traceback" not in completed.stderr


# -- a damaged source, restored -------------------------------------------------------------


def test_a_damaged_source_fails_once_and_works_when_restored(
    settings: Settings, built: Path, sound_glossary: str, tmp_path: Path
) -> None:
    """jieba's word counts damaged: one clear error; restored (with its old time, as ``cp -p``
    does), everything works again from the caches already there: nothing built from the
    damaged file is kept."""
    data = tmp_path / "data"
    shutil.copytree(settings.data_dir, data, copy_function=os.link)
    source = data / settings.jieba_dict_path.name
    original, stat = source.read_bytes(), source.stat()
    source.unlink()
    source.write_bytes(original[: len(original) // 2])
    cache = cache_copy(built, tmp_path / "cache")
    env = {"HANZI_COMPANION_DATA": str(data)}
    damaged = run(cache, "glossary", str(SEED_DECK), "-f", "json", "-o", "-", env=env)
    assert damaged.returncode == 2
    assert damaged.stderr.splitlines()[-1].startswith("Error: ")
    assert "Traceback" not in damaged.stderr
    source.write_bytes(original)
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    restored = run(cache, "glossary", str(SEED_DECK), "-f", "json", "-o", "-", env=env)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout == sound_glossary


# -- the web ----------------------------------------------------------------------------------


def resources_of(app: Flask) -> Resources:
    found: Resources = app.extensions["hanzi_companion"]
    return found


def damaged_app(settings: Settings, built: Path, names: dict[str, str], folder: Path) -> Flask:
    """An app whose lexicon index passed the checks on opening and is damaged inside."""
    cache = cache_copy(built, folder, damaged=names["lexicon"])
    index = cache / names["lexicon"]
    inner_pages(index)
    damaged = Lexicon(index, settings.with_changes(cache_dir=cache))
    return create_app(
        settings.with_changes(cache_dir=cache, secret_key="test"),
        {"TESTING": True, "LEXICON": damaged},
    )


def test_the_running_web_rebuilds_a_damaged_cache_once_and_serves_again(
    settings: Settings, built: Path, names: dict[str, str], tmp_path: Path
) -> None:
    """Slow (about 6 s): the running app really rebuilds the damaged index once."""
    app = damaged_app(settings, built, names, tmp_path / "cache")
    index = tmp_path / "cache" / names["lexicon"]
    client = app.test_client()
    found = client.get("/api/search", query_string={"q": "innovation"})
    # The request that found the damage rebuilt the index, and says so with the cause.
    assert found.status_code == 503 and found.headers["Retry-After"]
    error = found.get_json()["error"]
    assert error["code"] == "cache_damaged" and "rebuilt" in error["message"]
    assert "try again" in error["message"]
    assert sqlite_cache.problem(index, lexicon_index.SCHEMA_VERSION) is None  # sound again
    # Served again, pages and API alike, from the rebuilt index.
    again = client.get("/api/search", query_string={"q": "innovation"})
    assert again.status_code == 200
    assert "创新" in [r["simplified"] for r in again.get_json()["results"]]
    assert client.get("/search", query_string={"q": "start a business"}).status_code == 200
    assert client.get("/api/lookup", query_string={"q": "创业"}).get_json()["found"]
    # Damaged again: reported with its cause until a restart, never rebuilt in a loop.
    inner_pages(index)
    resources_of(app).lexicon.reopen()
    for _ in range(2):
        page = client.get("/search", query_string={"q": "to grow"})
        assert page.status_code == 503 and b"Traceback" not in page.data
        assert b"restarts" in page.data


def test_requests_during_the_rebuild_get_503_with_the_cause(
    settings: Settings, built: Path, names: dict[str, str], tmp_path: Path
) -> None:
    app = damaged_app(settings, built, names, tmp_path / "cache")
    repair: CacheRepair = app.extensions[DAMAGED_KEY]
    repair.cause = "database disk image is malformed"
    client = app.test_client()
    with repair.lock:  # another request is rebuilding
        response = client.get("/api/search", query_string={"q": "innovation"})
    assert response.status_code == 503 and response.headers["Retry-After"]
    message = response.get_json()["error"]["message"]
    assert "malformed" in message and "being rebuilt" in message
    assert repair.repairs == 0  # only the request holding the lock rebuilds


def test_a_relative_cache_path_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small_cache(tmp_path / "kind-1.sqlite")
    monkeypatch.chdir(tmp_path)
    relative = Path("kind-1.sqlite")
    assert sqlite_cache.problem(relative, "7") is None
    assert sqlite_cache.discard_damaged([(relative, "7")]) == []
