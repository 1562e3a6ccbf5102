"""The compiled index: built once, keyed by its sources, atomic, rebuilt when a source changes."""

from __future__ import annotations

import gzip
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from hanzi_companion.errors import DataFileError
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import index as lexicon_index
from hanzi_companion.lexicon.sqlite_cache import DigestMemo
from hanzi_companion.settings import Settings

from .conftest import DATA


def _small_settings(tmp_path: Path) -> Settings:
    data = tmp_path / "dictionaries"
    data.mkdir()
    (data / "cedict_ts.u8.gz").write_bytes(gzip.compress((DATA / "cedict_excerpt.u8").read_bytes()))
    (data / "jieba_dict.txt.gz").write_bytes(
        gzip.compress("创新 5000 v\n银行 9000 n\n大众 3000 n\n创业 4000 v\n".encode())
    )
    return Settings(
        data_dir=data, static_dir=tmp_path, cache_dir=tmp_path / "cache", course_dir=tmp_path
    )


def test_index_is_built_once_and_queried_without_parsing(tmp_path: Path) -> None:
    settings = _small_settings(tmp_path)
    lexicon = Lexicon.open(settings)
    assert lexicon.path.parent == settings.cache_dir
    assert [e.pinyin_numbered for e in lexicon.lookup("创")][:2] == ["chuang4", "chuang1"]
    assert lexicon.metadata()["cedict_date"] == "2026-09-10T07:14:51Z"
    # Removing the text file breaks nothing once the index exists: queries use SQLite only.
    built = lexicon.path.stat().st_mtime_ns
    again = Lexicon(lexicon_index.ensure_index(settings), settings)
    assert again.path.stat().st_mtime_ns == built
    assert list(settings.cache_dir.glob("*.tmp")) == []


def test_a_relative_cache_folder_is_queried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HANZI_COMPANION_CACHE=cache (relative): the read-only SQLite URI needs an absolute path."""
    monkeypatch.chdir(tmp_path)
    settings = _small_settings(tmp_path).with_changes(cache_dir=Path("cache"))
    assert [e.pinyin_numbered for e in Lexicon.open(settings).lookup("创新")] == ["chuang4 xin1"]


def test_changed_source_gets_a_new_index(tmp_path: Path) -> None:
    settings = _small_settings(tmp_path)
    first = Lexicon.open(settings)
    assert not first.lookup("双创")
    user = tmp_path / "mine.u8"
    user.write_text("雙創 双创 [shuang1 chuang4] /mass innovation and entrepreneurship/\n", "utf-8")
    changed = Lexicon.open(settings.with_changes(user_dictionaries=(user,)))
    assert changed.path != first.path
    entry = changed.lookup("双创")[0]
    assert entry.source == "user dictionary mine.u8"
    assert entry.senses[0].source == "user dictionary mine.u8"


def test_corrupt_source_is_reported_and_leaves_no_index(tmp_path: Path) -> None:
    settings = _small_settings(tmp_path)
    settings.cedict_path.write_bytes(gzip.compress(b"#! date=x\nthis is not cedict\n"))
    with pytest.raises(DataFileError, match=r"cedict_ts\.u8\.gz, line 2"):
        Lexicon.open(settings)
    assert not any(settings.cache_dir.glob("lexicon-*"))


def test_missing_source_is_reported(tmp_path: Path) -> None:
    settings = _small_settings(tmp_path)
    settings.cedict_path.unlink()
    with pytest.raises(DataFileError, match="file not found"):
        Lexicon.open(settings)


def _build_in_child(settings: Settings) -> str:
    return str(lexicon_index.ensure_index(settings))


def test_concurrent_builds_leave_one_valid_index(tmp_path: Path) -> None:
    """Slow (seconds): two fresh Python processes import the package and build at once."""
    settings = _small_settings(tmp_path)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        paths = pool.map(_build_in_child, [settings, settings])
    assert paths[0] == paths[1]
    with sqlite3.connect(paths[0]) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        count = connection.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    assert count == len(
        [ln for ln in (DATA / "cedict_excerpt.u8").read_text("utf-8").splitlines() if ln[:1] != "#"]
    )
    left = [p.name for p in settings.cache_dir.iterdir() if p.name != DigestMemo.FILE_NAME]
    assert left == [Path(paths[0]).name]  # no temporary file left behind
