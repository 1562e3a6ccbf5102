"""Pinyin conversion, splitting and colouring; property tests with Hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hanzi_companion.lexicon import pinyin as py


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("chuang4 xin1", "chuàng xīn"),
        ("hao3", "hǎo"),  # a before o
        ("mei2", "méi"),  # e before i
        ("shou3", "shǒu"),  # o in ou
        ("gui4", "guì"),  # last vowel
        ("liu2", "liú"),
        ("lu:4", "lǜ"),  # CC-CEDICT's u:
        ("nu:3 er2", "nǚ ér"),
        ("lu:e4", "lüè"),
        ("de5", "de"),  # neutral tone
        ("yi1 dian3 r5", "yī diǎn r"),  # erhua
        ("Xi1 an1", "Xī ān"),
        ("AA zhi4", "AA zhì"),  # Latin letters pass through
    ],
)
def test_numbered_to_marks(numbered: str, marked: str) -> None:
    assert py.numbered_to_marks(numbered) == marked


def test_joined_form_adds_apostrophe_before_vowel_syllables() -> None:
    assert py.numbered_to_marks("Xi1 an1", separator="") == "Xī'ān"
    assert py.numbered_to_marks("chuang4 xin1", separator="") == "chuàngxīn"
    assert py.numbered_to_marks("fang1 an4", separator="") == "fāng'àn"


def test_marks_back_to_numbers_and_toneless() -> None:
    assert py.marks_to_numbered("chuàng xīn") == "chuang4 xin1"
    assert py.strip_tones("chuàng xīn lǜ") == "chuang xin lü"
    assert py.strip_tones("chuang4 xin1") == "chuang xin"
    assert py.toneless_key("Xī'ān") == "xian"
    assert py.numbered_key("lu:4 se4") == "lv4se4"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chuangxin", ["chuang", "xin"]),
        ("chuang4 xin1", ["chuang4", "xin1"]),
        ("chuàngxīn", ["chuang4", "xin1"]),
        ("xian", ["xian"]),  # one syllable, not xi'an
        ("xi'an", ["xi", "an"]),
        ("fangan", ["fan", "gan"]),  # fang'an would need the apostrophe
        ("Zhongguancun", ["zhong", "guan", "cun"]),
        ("lve4", ["lüe4"]),
        ("nü3er2", ["nü3", "er2"]),
    ],
)
def test_parse_syllables(text: str, expected: list[str]) -> None:
    parsed = py.parse_syllables(text)
    assert parsed is not None
    assert [s.numbered for s in parsed] == expected


@pytest.mark.parametrize("text", ["innovation", "", "hello world", "x", "chuang9", "创新"])
def test_not_pinyin(text: str) -> None:
    assert py.parse_syllables(text) is None


def test_tone_html_escapes_and_classes() -> None:
    html = py.tone_html("chuang4 xin1")
    assert html == '<span class="tone4">chuàng</span><span class="tone1">xīn</span>'
    assert "<script>" not in py.tone_html("<script> zhi4")


def test_tone_terminal_colours_only_when_asked() -> None:
    # By word, as every output writes pinyin (syllables joined, words and names spaced).
    assert py.tone_terminal("chuang4 xin1", colour=False) == "chuàngxīn"
    assert py.tone_terminal("Chuang4 xin1 Wu1", colour=False) == "Chuàngxīn Wū"
    coloured = py.tone_terminal("chuang4 xin1", colour=True)
    assert "\x1b[" in coloured and "chuàng" in coloured


# -- properties ------------------------------------------------------------------------------

_syllables = st.sampled_from(sorted(py.SYLLABLES - {"r", "m", "n", "ng", "hm", "hng"}))
_tones = st.integers(min_value=1, max_value=5)


@given(st.lists(st.tuples(_syllables, _tones), min_size=1, max_size=6))
def test_marks_round_trip(pairs: list[tuple[str, int]]) -> None:
    """numbered -> marks -> numbered is the identity (neutral tone has no number)."""
    numbered = " ".join(s.replace("v", "u:") + str(t) for s, t in pairs)
    marked = py.numbered_to_marks(numbered)
    expected = " ".join(s.replace("v", "ü") + (str(t) if t != 5 else "") for s, t in pairs)
    assert py.marks_to_numbered(marked) == expected
    assert py.toneless_key(marked) == py.toneless_key(numbered)


@given(st.lists(st.tuples(_syllables, _tones), min_size=1, max_size=5))
def test_joined_pinyin_parses_back(pairs: list[tuple[str, int]]) -> None:
    """Dictionary-style joined pinyin (with apostrophes) splits back into its syllables."""
    numbered = " ".join(s.replace("v", "u:") + str(t) for s, t in pairs)
    joined = py.numbered_to_marks(numbered, separator="")
    parsed = py.parse_syllables(joined)
    assert parsed is not None
    assert [s.letters.replace("ü", "v") for s in parsed] == [s for s, _ in pairs]


@given(st.text(max_size=40))
def test_parse_never_crashes(text: str) -> None:
    result = py.parse_syllables(text)
    assert result is None or all(s.letters for s in result)


@given(st.text(max_size=40))
def test_converters_never_crash(text: str) -> None:
    assert isinstance(py.numbered_to_marks(text), str)
    assert isinstance(py.marks_to_numbered(text), str)
    assert isinstance(py.toneless_key(text), str)


def test_split_keeps_back_pointers_not_paths() -> None:
    """Splitting a long run of letters takes memory in proportion to its length: each cell
    keeps a cost and a back-pointer, never a copy of the path that reaches it."""
    import tracemalloc

    word = "zhongguochuangxin" * 200  # 3,400 letters, 800 syllables
    tracemalloc.start()
    try:
        ends = py._split_letters(word, frozenset())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ends is not None and len(ends) == 800 and ends[-1] == len(word)
    assert peak < 1_000_000, f"{peak} bytes to split {len(word)} letters"


def test_tone_digits_still_force_boundaries() -> None:
    parsed = py.parse_syllables("xi1an1")
    assert parsed is not None and [s.numbered for s in parsed] == ["xi1", "an1"]
    assert py.parse_syllables("zho1ng1") is None  # the digit sits inside a syllable


def test_a_word_longer_than_any_pinyin_word_is_not_pinyin() -> None:
    assert py.is_pinyin("Xinjiangweiwuerzizhiqu")  # a long name, unspaced
    long_word = "zhongguo" * (py.MAX_WORD_LETTERS // 8 + 1)
    assert not py.is_pinyin(long_word)
    assert not py.is_pinyin("ā" * 900_000)
    assert py.is_pinyin(" ".join([long_word[:16]] * 100))  # many words are fine


@pytest.mark.parametrize(
    "word",
    ["zhongguo", "Xian", "fangan", "lvse", "LVE", "innovation", "the", "a" * 60, "a" * 61, "x"],
)
def test_a_word_of_plain_letters_parses_as_through_the_general_path(word: str) -> None:
    """Plain ASCII words take a shorter path (no marks, numbers or separators to look for);
    spaces around the word send it through the general one, which must agree."""
    assert py.parse_syllables(word) == py.parse_syllables(f" {word} ")


def test_pypinyin_reads_a_polyphone_by_the_phrase_it_is_in() -> None:
    """pypinyin is loaded without its dictionary copy: its phrase readings are still read."""
    assert py.pypinyin_tone3("银行") == ["yin2", "hang2"]
    assert py.pypinyin_tone3("行走") == ["xing2", "zou3"]
    assert py.pypinyin_tone3("重庆") == ["chong2", "qing4"]
