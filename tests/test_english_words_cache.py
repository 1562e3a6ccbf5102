"""The cached English word lists (two tries in the cache folder): the words that were built."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text import romanization


@pytest.fixture()
def private(lexicon: Lexicon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lexicon:
    """The session's index with its own (empty) cache folder and no remembered word lists."""
    monkeypatch.setattr(romanization, "_english_cache", {})
    return Lexicon(lexicon.path, lexicon.settings.with_changes(cache_dir=tmp_path))


def _cached_file(lexicon: Lexicon) -> Path:
    (path,) = lexicon.settings.cache_dir.glob("english-*")
    return path


def test_the_cached_lists_hold_the_built_words(private: Lexicon) -> None:
    common, names = romanization.build_english_words(private)
    romanization.english_words(private)  # built and written
    romanization._english_cache.clear()
    cached_common, cached_names = romanization.english_words(private)  # read back
    assert isinstance(cached_common, romanization.WordSet)
    assert set(cached_common) == common and set(cached_names) == names
    assert "innovation" in cached_common and "shanzhai" not in cached_common
    assert len(common) > 10_000 and len(names) > 100


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_damaged_cache_file_is_built_again(private: Lexicon, damage: str) -> None:
    expected = romanization.english_words(private)
    path = _cached_file(private)
    data = path.read_bytes()
    damaged = {"truncate": data[: len(data) // 2], "garbage": b"x" * 64, "empty": b""}[damage]
    path.write_bytes(damaged)
    romanization._english_cache.clear()
    again = romanization.english_words(private)
    assert set(again[0]) == set(expected[0])
    assert path.read_bytes() == data
