"""Romanised terms in the prose: found when pinyin and not English, matched or explained."""

from __future__ import annotations

import pytest

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.pinyin import toneless_key
from hanzi_companion.text.extract import Extractor
from hanzi_companion.text.models import Deck, Slide
from hanzi_companion.text.romanization import (
    DeckWord,
    Romanised,
    _is_syllables,
    english_words,
    find_romanised,
)


def deck(*texts: str) -> Deck:
    slides = tuple(Slide(n, t.split("\n")[0], t) for n, t in enumerate(texts, start=1))
    return Deck(name="test.md", format="markdown", slides=slides)


def romanised(lexicon: Lexicon, *texts: str, words: tuple[DeckWord, ...] = ()) -> list[Romanised]:
    d = deck(*texts)
    mentions = tuple(Extractor(lexicon).mentions(d))
    return list(find_romanised(d, lexicon, mentions, words))


def test_english_word_lists_from_cedict_definitions(lexicon: Lexicon) -> None:
    common, names = english_words(lexicon)
    assert {"long", "china", "guide", "tiger", "changes"} <= common
    assert {"shanghai", "beijing"} <= names
    assert not {"danwei", "shanzhai", "zhongguancun", "yeji"} & (common | names)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("danwei", 2), ("Zhongguancun", 3), ("Xi'an", 2), ("shanzhai", 2), ("HAX", 0)],
)
def test_pinyin_as_people_write_it(word: str, syllables: int) -> None:
    assert _is_syllables(word) == syllables


@pytest.mark.parametrize("word", ["Keane", "Barcelona", "Mar", "californian", "mutualisation"])
def test_words_that_parse_only_with_erhua_or_missing_apostrophes_are_not_pinyin(word: str) -> None:
    assert _is_syllables(word) == 0


def test_matched_first_to_a_word_of_the_deck(lexicon: Lexicon) -> None:
    words = (DeckWord("单位", "dan1 wei4", "work unit"),)
    (found,) = romanised(lexicon, "China: the post-danwei city", words=words)
    assert (found.text, found.how, found.matched, found.gloss) == (
        "danwei",
        "deck term",
        "单位",
        "work unit",
    )


def test_matched_to_the_dictionary_when_unique_or_dominant(lexicon: Lexicon) -> None:
    found = romanised(lexicon, "Promotion of high-tech zones (e.g., Zhongguancun in Beijing)")
    assert [(r.text, r.how, r.matched) for r in found] == [("Zhongguancun", "dictionary", "中关村")]
    assert found[0].pinyin_numbered == lexicon.lookup("中关村")[0].pinyin_numbered


def test_spaced_syllables_are_one_term(lexicon: Lexicon) -> None:
    (found,) = romanised(lexicon, "the shan zhai economy")
    assert (found.text, found.matched) == ("shan zhai", "山寨")


def test_ambiguous_pinyin_lists_candidates_and_guesses_nothing(lexicon: Lexicon) -> None:
    (found,) = romanised(lexicon, "the word shiyan is hard")
    assert found.how == "ambiguous"
    assert found.matched == ""
    assert len(found.candidates) >= 2
    for word in found.candidates:
        keys = {toneless_key(e.pinyin_numbered) for e in lexicon.lookup(word)}
        assert "shiyan" in keys


def test_several_words_matched_word_by_word(lexicon: Lexicon) -> None:
    # No dictionary has the whole phrase; each written word resolves on its own.
    (found,) = romanised(lexicon, "aspirational targets (yindaoxing mubiao)")
    assert found.how in ("dictionary", "dictionary words")
    assert found.matched.endswith("目标")


def test_names_english_uses_and_romanisations_beside_their_term_are_not_listed(
    lexicon: Lexicon,
) -> None:
    found = romanised(lexicon, "Liu Yan in Shanghai and Beijing\n创客 chuangke\nTiger Long")
    assert found == []


def test_occurrences_are_collected(lexicon: Lexicon) -> None:
    (found,) = romanised(lexicon, "results (yeji) matter", "more yeji")
    assert [o[0] for o in found.occurrences] == [1, 2]
    assert found.matched == "业绩"


def test_french_prose_is_not_pinyin(lexicon: Lexicon) -> None:
    """French function words are no pinyin; danwei is, when it stands for a deck word."""
    line = "Ce que la ville de Paris ne sait pas, le danwei le sait"
    words = (DeckWord("单位", "dan1 wei4", "work unit"),)
    found = romanised(lexicon, line, words=words)
    assert [(r.text, r.matched) for r in found] == [("danwei", "单位")]


def test_a_romanised_word_inside_a_terms_own_english_is_not_listed(lexicon: Lexicon) -> None:
    assert romanised(lexicon, "- Chang'an town (长安镇): electronics") == []
    (found,) = romanised(lexicon, "- the old capital Chang'an, then 长安镇")
    assert found.text == "Chang'an"


@pytest.mark.parametrize("word", ["santé", "décide", "ménage", "été", "télé"])
def test_tone_marks_on_some_syllables_only_are_not_pinyin(word: str) -> None:
    """Pinyin marks every syllable or none; French accents mark one (san + té), or mark
    every syllable with é alone (é + té)."""
    assert _is_syllables(word) == 0


@pytest.mark.parametrize(
    ("word", "syllables"), [("dānwèi", 2), ("Dèng", 1), ("shanzhai", 2), ("Hénán", 2)]
)
def test_words_marked_on_every_syllable_or_none_are_pinyin(word: str, syllables: int) -> None:
    assert _is_syllables(word) == syllables


def test_french_prose_is_not_read_as_pinyin(lexicon: Lexicon) -> None:
    """On a French line a word that parses as pinyin needs evidence: mange is French, mingong
    stands for 民工, which the slide writes inside 农民工."""
    assert romanised(lexicon, "Le 农家乐 : on y mange, on y dort, on cueille des fraises.") == []
    (found,) = romanised(lexicon, "Les 农民工\n- les mingong font tourner les usines du delta")
    assert (found.text, found.matched) == ("mingong", "民工")


def test_a_plain_prose_word_is_never_matched_by_frequency_alone(lexicon: Lexicon) -> None:
    """yeji is 业绩 or 野鸡: in parentheses it is written as a term and the most frequent
    wins; in running prose it is only offered."""
    (offered,) = romanised(lexicon, "Villages where the yeji matters")
    assert (offered.how, offered.matched) == ("ambiguous", "")
    assert {"业绩", "野鸡"} <= set(offered.candidates)
    (taken,) = romanised(lexicon, "Cadres are judged on results (yeji)")
    assert (taken.how, taken.matched) == ("dictionary", "业绩")
