"""The cached English word lists (two tries in the cache folder): the words that were built."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text import romanization
from hanzi_companion.text.romanization import EnglishWords


@pytest.fixture(scope="module")
def built(lexicon: Lexicon) -> EnglishWords:
    """The word lists built from the session's lexicon (once: building takes seconds)."""
    return romanization.build_english_words(lexicon)


@pytest.fixture()
def private(
    lexicon: Lexicon, built: EnglishWords, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Lexicon:
    """The session's index with its own (empty) cache folder and no remembered word lists;
    a build there returns the module's lists and counts how often it ran."""
    monkeypatch.setattr(romanization, "_english_cache", {})
    builds: list[None] = []

    def build(_: Lexicon) -> EnglishWords:
        builds.append(None)
        return built

    monkeypatch.setattr(romanization, "build_english_words", build)
    private = Lexicon(lexicon.path, lexicon.settings.with_changes(cache_dir=tmp_path))
    private.builds = builds  # type: ignore[attr-defined]
    return private


def _cached_file(lexicon: Lexicon) -> Path:
    (path,) = lexicon.settings.cache_dir.glob("english-*")
    return path


def test_the_cached_lists_hold_the_built_words(private: Lexicon, built: EnglishWords) -> None:
    common, names = built
    first = romanization.english_words(private)  # built and written
    romanization._english_cache.clear()
    cached_common, cached_names = romanization.english_words(private)  # read back
    assert len(private.builds) == 1  # type: ignore[attr-defined]
    assert isinstance(cached_common, romanization.WordSet)
    assert set(cached_common) == set(first[0]) == common
    assert set(cached_names) == set(first[1]) == names
    assert "innovation" in cached_common and "shanzhai" not in cached_common
    assert {"shanghai", "beijing"} <= cached_names and not {"danwei"} & (cached_common | names)
    assert len(common) > 10_000 and len(names) > 100


def test_a_damaged_cache_file_is_built_again(private: Lexicon) -> None:
    expected = romanization.english_words(private)
    path = _cached_file(private)
    data = path.read_bytes()
    for damaged in (data[: len(data) // 2], data[:8], b"x" * 64, b""):
        with pytest.raises(ValueError):
            romanization._load_english(damaged)
    path.write_bytes(data[: len(data) // 2])
    romanization._english_cache.clear()
    again = romanization.english_words(private)
    assert len(private.builds) == 2  # type: ignore[attr-defined]
    assert set(again[0]) == set(expected[0])
    assert path.read_bytes() == data
