"""Lookups, chosen readings, script and links on the full bundled CC-CEDICT."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from hanzi_companion.errors import InvalidQueryError
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.lexicon import normalise_query


@pytest.mark.parametrize(
    ("word", "pinyin"),
    [("大众", "dàzhòng"), ("地", "dì"), ("银行", "yínháng"), ("还是", "háishi"), ("水", "shuǐ")],
)
def test_reading_a_teacher_would_give(lexicon: Lexicon, word: str, pinyin: str) -> None:
    assert lexicon.reading(word).pinyin == pinyin


def test_chuang_create_before_wound(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("创")
    assert [e.pinyin for e in entries[:2]] == ["chuàng", "chuāng"]
    assert "to create" in entries[0].definitions[0]
    assert "wound" in entries[1].definitions[0]
    # variant-only entries (剏, 剙) come last
    assert all(e.is_variant_only for e in entries[2:])


def test_first_entry_in_file_is_not_taken_blindly(lexicon: Lexicon) -> None:
    # CC-CEDICT lists Volkswagen first for 大众 and the particle de5 first for 地.
    assert lexicon.lookup("大众")[-1].is_proper_noun
    assert lexicon.lookup("地")[1].pinyin_numbered == "de5"


def test_lookup_accepts_either_script_and_shows_the_other(lexicon: Lexicon) -> None:
    assert lexicon.lookup("創")[0].simplified == "创"
    assert lexicon.other_form("创") == "創"
    assert lexicon.other_form("創新") == "创新"
    assert lexicon.script("创新") == "simplified"
    assert lexicon.script("創新") == "traditional"
    assert lexicon.script("中国") == "simplified"
    assert lexicon.script("人") == "both"


def test_missing_word_gets_pypinyin_reading_flagged(lexicon: Lexicon) -> None:
    reading = lexicon.reading("创水")  # a made-up word
    assert not reading.in_dictionary
    assert reading.source == "pypinyin"
    assert reading.pinyin == "chuàngshuǐ"


def test_compatibility_ideograph_is_folded(lexicon: Lexicon) -> None:
    assert normalise_query("\uf900") == "豈"
    assert lexicon.lookup("\uf900")[0].simplified == "岂"


def test_extension_b_character_does_not_crash(lexicon: Lexicon) -> None:
    reading = lexicon.reading("\U00020000")
    assert reading.word == "\U00020000"


def test_links_per_kind_of_page(lexicon: Lexicon) -> None:
    sites = {link.site: link.url for link in lexicon.links("创")}
    assert list(sites)[:3] == ["Purple Culture", "Hanziyuan", "CUHK"]
    assert unquote(sites["Purple Culture"]).endswith("/dictionary-details/?word=创")
    assert unquote(sites["Hanziyuan"]) == "https://hanziyuan.net/#创"
    assert unquote(sites["CUHK"]).endswith("search.php?word=創")  # traditional form
    assert unquote(sites["MoeDict"]).endswith("/創")
    assert "%E5%88%9B" in sites["Purple Culture"]  # percent-encoded
    word_sites = {link.site for link in lexicon.links("创新")}
    assert "Hanziyuan" not in word_sites and "CUHK" not in word_sites
    assert {"Purple Culture", "MDBG", "Wiktionary"} <= word_sites


@pytest.mark.parametrize(
    ("query", "message"),
    [("", "empty"), ("   ", "empty"), ("创" * 10_000, "10,000 characters"), ("a\x00b", "control")],
)
def test_bad_queries(lexicon: Lexicon, query: str, message: str) -> None:
    with pytest.raises(InvalidQueryError, match=message):
        lexicon.search(query)


def test_surrogate_escaped_input_is_rejected() -> None:
    with pytest.raises(InvalidQueryError, match="UTF-8"):
        normalise_query(b"\xff\xfe".decode("utf-8", "surrogateescape"))


def test_frequency_and_words_containing(lexicon: Lexicon) -> None:
    assert lexicon.frequency("创新") > lexicon.frequency("创客") >= 0
    words = [e.simplified for e in lexicon.words_containing("创", limit=30)]
    assert "创新" in words and "创业" in words
    assert all("创" in w or "創" in w for w in words)
