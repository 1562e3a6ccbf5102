"""Romanisation as teachers write it: tone marks, tone numbers, toneless."""

from __future__ import annotations

import pytest

from hanzi_companion.text.syllables import (
    as_marks,
    has_tone_numbers,
    is_toned,
    numbered_reading,
    syllables_of,
    western_keys,
)


@pytest.mark.parametrize(
    ("written", "marks"),
    [
        ("xi2 zi4", "xí zì"),
        ("ren2 min2", "rén mín"),
        ("ren2min2", "rénmín"),
        ("lv4", "lǜ"),
        ("nv3", "nǚ"),
        ("Zhong1guo2", "Zhōngguó"),
        ("ma5", "ma"),
        ("de0", "de"),
        ("xi1'an1", "xī'ān"),
        ("chī táng guā", "chī táng guā"),  # already in marks: unchanged
        ("see page 12", "see page 12"),  # no pinyin: unchanged
    ],
)
def test_tone_numbers_become_marks(written: str, marks: str) -> None:
    assert as_marks(written) == marks


@pytest.mark.parametrize(
    ("written", "length", "numbered"),
    [
        ("xi2 zi4", 2, "xi2 zi4"),
        ("rénmín", 2, "ren2 min2"),
        ("péngyou", 2, "peng2 you5"),  # the unmarked syllable is neutral
        ("lv4", 1, "lü4"),
        ("ma0", 1, "ma5"),
        ("Dàshílànr", 3, "Da4 shi2 lanr4"),  # erhua joins its syllable
        ("danwei", 2, ""),  # no tone written: nothing to say about the reading
        ("xi2 zi4", 3, ""),  # wrong count of syllables
    ],
)
def test_numbered_reading(written: str, length: int, numbered: str) -> None:
    assert numbered_reading(written, length) == numbered


def test_what_is_pinyin() -> None:
    assert syllables_of("NEOM") is None
    assert syllables_of("practise") is None
    assert has_tone_numbers("xi2 zi4") and not has_tone_numbers("xí zì")
    assert is_toned("xí") and is_toned("xi2") and not is_toned("xi")


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Chiang Kai-shek", "jiangjieshi"),  # a name of the table (Cantonese given name)
        ("Peking", "beijing"),
        ("Kuomintang", "guomindang"),
        ("Mao Tse-tung", "maozedong"),  # Wade-Giles read syllable by syllable
        ("Tao Te Ching", "daodejing"),
        ("Teng Hsiao-p'ing", "dengxiaoping"),
        ("Hsi-an", "xian"),
        ("Chou En-lai", "zhouenlai"),
    ],
)
def test_older_romanisations(written: str, key: str) -> None:
    assert key in western_keys(written)


def test_english_is_no_wade_giles() -> None:
    assert not western_keys("the")
    assert not western_keys("Washington")


def test_a_sentence_capital_is_no_name() -> None:
    assert numbered_reading("Ní hǎo ma", 3) == "ni2 hao3 ma5"
    assert numbered_reading("Zhāng Míng", 2) == "Zhang1 Ming2"
