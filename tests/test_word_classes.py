"""The usual word class of a word (jieba's corpus tag) as a default for its sense (issue 11).

``dictionaries/word_classes.tsv.gz`` is derived from CC-CEDICT and jieba's dictionary by
``hanzi_companion.lexicon.word_classes``; these tests regenerate it, check how definitions are
classed, and that the sense chooser uses the class only where the example sentences and the
slide say nothing.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from hanzi_companion.errors import DataFileError
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.word_classes import (
    USED_TAGS,
    WORD_CLASSES_FILE,
    derive_table,
    fits_class,
    read_table,
)
from hanzi_companion.senses import build_context, choose_sense
from hanzi_companion.settings import Settings


def _lines(path: Path) -> list[str]:
    return gzip.decompress(path.read_bytes()).decode("utf-8").splitlines(keepends=True)


def test_the_shipped_table_is_what_the_script_makes(settings: Settings) -> None:
    made = derive_table(
        _lines(settings.data_path("cedict_ts.u8.gz")),
        _lines(settings.data_path("jieba_dict.txt.gz")),
    )
    shipped = gzip.decompress(settings.data_path(WORD_CLASSES_FILE).read_bytes()).decode()
    assert made == shipped, "stale: python -m hanzi_companion.lexicon.word_classes dictionaries"


def test_the_table_holds_only_ambiguous_words_with_known_tags(lexicon: Lexicon) -> None:
    table = read_table(lexicon.settings.data_path(WORD_CLASSES_FILE))
    assert len(table) > 5000 and set(table.values()) <= USED_TAGS
    for word in list(table)[:: len(table) // 50]:  # a sample: each has several definitions
        assert sum(len(e.senses) for e in lexicon.lookup(word)) > 1, word


@pytest.mark.parametrize(
    ("tag", "definition", "fits"),
    [
        ("v", "to take along", True),
        ("v", "band", False),
        ("n", "band", True),
        ("a", "to enrich", False),
        ("a", "rich", True),
        ("q", "classifier for people", True),
        ("q", "seat", False),
        ("ul", "(completed action marker)", True),
        ("ul", "to finish", False),
        ("f", "inside", True),
        ("f", "lining", False),
        ("p", "on the basis of", True),
        ("c", "or", True),
        ("c", "maybe", False),
        ("d", "first", True),
        ("d", "first month of the lunar year", False),  # a noun phrase, not the adverb
        ("d", "exactly; precisely", True),  # 就是 as an adverb: "is exactly"
    ],
)
def test_a_definition_fits_a_class_by_its_wording(tag: str, definition: str, fits: bool) -> None:
    assert fits_class(tag, definition) is fits


def test_a_damaged_table_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / WORD_CLASSES_FILE
    path.write_bytes(gzip.compress("word\ttag\n带\tv\n里\tzz\n".encode()))
    with pytest.raises(DataFileError, match="line 3"):
        read_table(path)
    path.write_bytes(b"not gzip")
    with pytest.raises(DataFileError, match="unreadable"):
        read_table(path)


def _chosen(lexicon: Lexicon, word: str, *, classes: bool, slide_gloss: str = "") -> str:
    entries = lexicon.lookup(word)
    context = build_context(
        entries,
        word,
        slide_gloss=slide_gloss,
        usual=lexicon.usual_sense,
        word_class=lexicon.word_class if classes else None,
    )
    choice = choose_sense(entries, context)
    assert choice is not None
    return choice.sense.text


@pytest.mark.parametrize("word", ["带", "里", "按", "上"])
def test_a_word_the_sentences_leave_open_takes_a_sense_of_its_usual_class(
    lexicon: Lexicon, word: str
) -> None:
    assert lexicon.usual_sense(word) is None  # the example sentences do not decide these
    tag = lexicon.word_class(word)
    assert tag is not None
    without = _chosen(lexicon, word, classes=False)
    with_class = _chosen(lexicon, word, classes=True)
    assert not fits_class(tag, without)  # the dictionary's first sense is of another class
    assert fits_class(tag, with_class) and with_class != without


def test_the_slide_english_still_wins_over_the_class(lexicon: Lexicon) -> None:
    assert lexicon.word_class("带") == "v"
    assert "belt" in _chosen(lexicon, "带", classes=True, slide_gloss="belt")


def test_the_usual_sense_of_the_sentences_wins_over_the_class(lexicon: Lexicon) -> None:
    usual = lexicon.usual_sense("钱")
    assert usual is not None
    assert _chosen(lexicon, "钱", classes=True) == usual.sense


def test_an_adverb_of_identity_is_an_adverb(lexicon: Lexicon) -> None:
    """就是 "exactly; precisely; only; simply; just": an adverb (d), its first sense is one."""
    assert lexicon.word_class("就是") == "d"
    assert _chosen(lexicon, "就是", classes=True) == "exactly; precisely"
