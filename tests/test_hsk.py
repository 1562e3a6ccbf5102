"""HSK 3.0 levels: the list parser on excerpts, and Lexicon.hsk_level on the full lists."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from hanzi_companion.errors import DataFileError
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.hsk import (
    HSK_CHARACTERS_FILE,
    HSK_WORDS_FILE,
    best_level,
    level_label,
    parse_levels,
)
from tests.conftest import DATA

EXCERPTS = DATA / "characters"


def gzipped(tmp_path: Path, text: str, name: str = "list.tsv.gz") -> Path:
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return path


def excerpt_lines(name: str) -> list[tuple[str, int]]:
    lines = (EXCERPTS / name).read_text("utf-8").splitlines()[1:]
    return [(item, int(level)) for item, level in (line.split("\t") for line in lines)]


@pytest.mark.parametrize("name", ["hsk30_words.excerpt.tsv", "hsk30_chars.excerpt.tsv"])
def test_parse_levels_reads_every_line_of_an_excerpt(tmp_path: Path, name: str) -> None:
    text = (EXCERPTS / name).read_text("utf-8")
    levels = parse_levels(gzipped(tmp_path, text))
    assert levels == dict(excerpt_lines(name))


def test_an_item_listed_twice_keeps_its_lowest_level(tmp_path: Path) -> None:
    levels = parse_levels(gzipped(tmp_path, "word\tlevel\n创新\t5\n创新\t3\n创新\t4\n"))
    assert levels == {"创新": 3}


@pytest.mark.parametrize(
    ("text", "lineno", "words"),
    [
        ("word\tlevel\n创新\tthree\n", 2, "item<TAB>level"),
        ("word\tlevel\n创新\t3\n创业 3\n", 3, "item<TAB>level"),
        ("word\tlevel\n创新\t9\n", 2, "outside 1-7"),
        ("创新\t3\n", 1, "header"),
    ],
)
def test_malformed_lists_name_the_file_and_line(
    tmp_path: Path, text: str, lineno: int, words: str
) -> None:
    path = gzipped(tmp_path, text)
    with pytest.raises(DataFileError) as caught:
        parse_levels(path)
    assert caught.value.lineno == lineno
    assert caught.value.path == path
    assert words in str(caught.value)


def test_missing_and_corrupt_lists_are_data_file_errors(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        parse_levels(tmp_path / "absent.tsv.gz")
    broken = tmp_path / "broken.tsv.gz"
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(DataFileError, match="corrupt"):
        parse_levels(broken)


def test_level_labels() -> None:
    assert level_label(1) == "HSK 1"
    assert level_label(6) == "HSK 6"
    assert level_label(7) == "HSK 7-9"


def test_best_level_a_character_as_a_character_a_word_as_a_word() -> None:
    words = {"创新": 3, "创": 7, "了": 1}
    chars = {"创": 3, "寨": 7}
    simplified = {"創新": ("创新",)}

    def level(word: str) -> int | None:
        return best_level(word, words.get, chars.get, lambda w: simplified.get(w, ()))

    assert level("创新") == 3
    assert level("创") == 3  # a character's level is its level as a character
    assert level("寨") == 7  # a character only in the character list
    assert level("了") == 1  # a character only in the word list
    assert level("創新") == 3  # through its simplified form
    assert level("榕树") is None


# -- on the full lists ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def word_levels(lexicon: Lexicon) -> dict[str, int]:
    return parse_levels(lexicon.settings.data_path(HSK_WORDS_FILE))


@pytest.fixture(scope="module")
def character_levels(lexicon: Lexicon) -> dict[str, int]:
    return parse_levels(lexicon.settings.data_path(HSK_CHARACTERS_FILE))


def test_the_full_lists_have_the_published_sizes(
    word_levels: dict[str, int], character_levels: dict[str, int]
) -> None:
    # HSK 3.0 (GF0025-2021) lists 3,000 characters and about 11,000 words.
    assert len(character_levels) == 3000
    assert 10_000 < len(word_levels) < 12_000
    assert set(character_levels.values()) == set(range(1, 8))


def test_lexicon_hsk_level_agrees_with_the_word_list(
    lexicon: Lexicon, word_levels: dict[str, int]
) -> None:
    words = [(w, level) for w, level in word_levels.items() if len(w) > 1]
    for word, level in words[::97]:
        assert lexicon.hsk_level(word) == level, word


def test_lexicon_hsk_level_of_a_character_is_its_character_level(
    lexicon: Lexicon, character_levels: dict[str, int]
) -> None:
    for char, level in list(character_levels.items())[::37]:
        assert lexicon.hsk_level(char) == level, char
    assert lexicon.hsk_level("创") == character_levels["创"] == 3


def test_a_character_missing_from_the_word_list_gets_its_character_level(
    lexicon: Lexicon, word_levels: dict[str, int], character_levels: dict[str, int]
) -> None:
    only_characters = [c for c in character_levels if c not in word_levels]
    assert only_characters
    for char in only_characters[:50]:
        assert lexicon.hsk_level(char) == character_levels[char], char


def test_traditional_words_get_the_level_of_their_simplified_form(
    lexicon: Lexicon, word_levels: dict[str, int]
) -> None:
    checked = 0
    for word, level in word_levels.items():
        traditional = lexicon.traditional_of(word)
        if traditional != word and traditional not in word_levels:
            assert lexicon.hsk_level(traditional) == level, (word, traditional)
            checked += 1
        if checked >= 30:
            break
    assert checked == 30


def test_words_outside_the_lists_have_no_level(
    lexicon: Lexicon, word_levels: dict[str, int]
) -> None:
    assert "榕树" not in word_levels
    assert lexicon.hsk_level("榕树") is None
    assert lexicon.hsk_level("") is None
    assert lexicon.hsk_level("hello") is None


def test_a_word_s_level_needs_no_character_index(lexicon: Lexicon) -> None:
    """A glossary gives every term its level: the lexicon's own index holds the lists, so a
    first glossary does not build the character index (seconds, tens of MB) for them."""
    fresh = Lexicon(lexicon.path, lexicon.settings)
    assert fresh.hsk_level("创新") == 3
    assert fresh.hsk_level("爱") == 1
    assert fresh._character_index is None
    # the same levels as the character index's own copy of the lists
    index = lexicon.character_index()
    for word in ("创新", "城市", "山寨", "联合", "我们", "发展"):
        assert fresh._hsk_level(word, "word") == index.hsk_level(word, "word")
    for char in "创城山爱寨":
        assert fresh._hsk_level(char, "char") == index.hsk_level(char, "char")
