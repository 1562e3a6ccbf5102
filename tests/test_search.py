"""Search by characters, pinyin and English on the full bundled CC-CEDICT."""

from __future__ import annotations

import re

import pytest

from hanzi_companion.lexicon import Lexicon, QueryKind


@pytest.mark.parametrize("query", ["chuangxin", "chuang4 xin1", "chuàngxīn", "chuang4xin1"])
def test_pinyin_spellings_find_the_same_word(lexicon: Lexicon, query: str) -> None:
    results = lexicon.search(query)
    assert results.kind == QueryKind.PINYIN
    assert results.hits[0].entry.simplified == "创新"
    assert results.hits[0].match == "exact"


def test_tones_narrow_pinyin_results(lexicon: Lexicon) -> None:
    toneless = {
        h.entry.simplified for h in lexicon.search("ma", limit=50).hits if h.match == "exact"
    }
    third = {h.entry.simplified for h in lexicon.search("ma3", limit=50).hits if h.match == "exact"}
    assert {"马", "吗", "妈"} <= toneless
    assert "马" in third and "妈" not in third


def test_pinyin_ranked_by_frequency(lexicon: Lexicon) -> None:
    hits = [h.entry.simplified for h in lexicon.search("shi", limit=10).hits]
    assert hits[0] in {"是", "时", "事", "十"}


def test_character_search_exact_then_prefix_then_contains(lexicon: Lexicon) -> None:
    results = lexicon.search("创", limit=50)
    assert results.kind == QueryKind.HANZI
    matches = [h.match for h in results.hits]
    assert matches[0] == "exact"
    assert matches == sorted(matches, key=["exact", "prefix", "contains"].index)
    assert {"prefix", "contains"} <= set(matches)
    assert results.hits[matches.index("prefix")].entry.simplified.startswith("创")


def test_character_search_by_traditional(lexicon: Lexicon) -> None:
    assert lexicon.search("創新").hits[0].entry.simplified == "创新"


def test_english_whole_words_exact_gloss_first(lexicon: Lexicon) -> None:
    results = lexicon.search("innovation")
    assert results.kind == QueryKind.ENGLISH
    assert results.hits[0].entry.simplified in {"创新", "革新"}
    assert results.hits[0].match == "gloss-exact"
    # whole words of the same stem only (innovate, innovation, innovative), never a substring
    for hit in results.hits:
        assert re.search(r"\binnovat", " ".join(hit.entry.definitions).lower()), hit


# Plain English a student types, and the common word a teacher would give for it.
PLAIN_ENGLISH = [
    ("to start a business", "创业"),  # CC-CEDICT: "to start an enterprise" (a synonym)
    ("to innovate", "创新"),  # "innovation" (the same stem), more common than 革新
    ("copycat", "山寨"),  # "(fig.) knockoff (goods); counterfeit; imitation"
    ("bank", "银行"),
    ("mobile phone", "手机"),
    ("to work overtime", "加班"),
    ("traffic jam", "堵车"),
    ("online shopping", "网购"),  # "Internet shopping"
    ("company", "公司"),
    ("to eat", "吃"),
    ("good", "好"),
    ("water", "水"),
]


@pytest.mark.parametrize(("query", "word"), PLAIN_ENGLISH)
def test_plain_english_finds_the_common_word_first(lexicon: Lexicon, query: str, word: str) -> None:
    results = lexicon.search(query, kind=QueryKind.ENGLISH, limit=10)
    assert [h.entry.simplified for h in results.hits[:1]] == [word], [
        h.entry.simplified for h in results.hits
    ]


def test_a_query_of_function_words_still_finds_its_gloss(lexicon: Lexicon) -> None:
    results = lexicon.search("to be", kind=QueryKind.ENGLISH, limit=20)
    assert any(h.match == "gloss-exact" for h in results.hits)


def test_english_bank(lexicon: Lexicon) -> None:
    assert lexicon.search("bank").hits[0].entry.simplified == "银行"


def test_ambiguous_query_tries_both(lexicon: Lexicon) -> None:
    results = lexicon.search("long")
    assert results.kind == QueryKind.PINYIN and QueryKind.ENGLISH in results.also
    kinds = {h.kind for h in results.hits}
    assert kinds == {QueryKind.PINYIN, QueryKind.ENGLISH}


def test_nothing_found_is_an_empty_result(lexicon: Lexicon) -> None:
    assert lexicon.search("qwertyzzz").hits == ()
    assert lexicon.search("!!!").hits == ()


def test_forced_kind(lexicon: Lexicon) -> None:
    results = lexicon.search("long", kind=QueryKind.ENGLISH)
    assert results.kind == QueryKind.ENGLISH and results.also == ()
