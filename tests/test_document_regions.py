"""The region whose usage a document's words carry, read from CC-CEDICT's labels ("(Cantonese)
home", "(Tw) peanut"), and the senses of that region chosen for its other words
(hanzi_companion.senses.sense_regions, document_regions, document_region), on the real
CC-CEDICT."""

from __future__ import annotations

from hanzi_companion.glossary import written_traditional
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.senses import (
    RULES,
    SenseContext,
    choose_sense,
    document_regions,
    sense_regions,
)
from tests.conftest import dictionary_sense


def test_the_rule_is_listed_by_name() -> None:
    assert "document region" in dict(RULES)


def test_regions_of_a_sense_are_its_labels(lexicon: Lexicon) -> None:
    assert sense_regions(dictionary_sense(lexicon, "屋企", "(Cantonese)")) == {"cantonese"}
    # label at the end
    assert sense_regions(dictionary_sense(lexicon, "搵食", "to earn")) == {"cantonese"}
    # "(esp. Cantonese)"
    assert sense_regions(dictionary_sense(lexicon, "牛腩", "brisket")) == {"cantonese"}
    # "(loanword from C.)"
    assert sense_regions(dictionary_sense(lexicon, "埋单", "to pay")) == {"cantonese"}
    # "(in C. cooking)"
    assert sense_regions(dictionary_sense(lexicon, "点心", "dim sum")) == {"cantonese"}
    assert sense_regions(dictionary_sense(lexicon, "咖哩", "(Tw)")) == {"taiwan"}
    assert sense_regions(dictionary_sense(lexicon, "饮茶", "to drink")) == frozenset()


def test_a_taiwan_pronunciation_is_no_usage(lexicon: Lexicon) -> None:
    """行 "behavior; conduct (Taiwan pr. [xing4])" is read otherwise there, used everywhere."""
    assert sense_regions(dictionary_sense(lexicon, "行", "behavior")) == frozenset()


def test_a_document_is_of_a_region_when_several_of_its_words_are(lexicon: Lexicon) -> None:
    hong_kong = [lexicon.lookup(w) for w in ["屋企", "搵食", "香港", "公園"]]
    assert document_regions(hong_kong, traditional=True) == {"cantonese"}
    one_word = [lexicon.lookup(w) for w in ["屋企", "香港", "公園"]]
    assert document_regions(one_word, traditional=True) == frozenset()


def test_taiwan_usage_needs_traditional_characters(lexicon: Lexicon) -> None:
    words = [lexicon.lookup(w) for w in ["咖哩", "土豆", "窝心"]]
    assert "taiwan" in document_regions(words, traditional=True)
    assert "taiwan" not in document_regions(words, traditional=False)


def test_the_sense_of_the_documents_region_is_chosen(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("飲茶")
    plain = choose_sense(entries, SenseContext())
    cantonese = choose_sense(entries, SenseContext(regions=frozenset({"cantonese"})))
    assert plain is not None and cantonese is not None
    assert plain.sense.text == "to drink tea"
    assert cantonese.sense.text.startswith("(Cantonese) to have tea and dim sum")
    assert cantonese.rule == "document region"


def test_a_document_in_traditional_characters_is_told_by_its_words(lexicon: Lexicon) -> None:
    traditional = {w: lexicon.lookup(w) for w in ["遊客", "我們", "香港", "飲茶"]}
    simplified = {w: lexicon.lookup(w) for w in ["游客", "我们", "香港", "饮茶"]}
    assert written_traditional(traditional)
    assert not written_traditional(simplified)
