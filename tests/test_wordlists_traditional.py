"""Every closed word list a rule keys on holds the traditional form of each of its simplified
words, so a rule fires on 還 and 會 as on 还 and 会: a traditional-script text gets the sense
and the words its simplified twin gets. Checked against the real CC-CEDICT: a word's
traditional form is that of its most frequent entry that is no name, variant or "used in"."""

from __future__ import annotations

import pytest

from hanzi_companion import grammar
from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text import wordlists
from hanzi_companion.text.decks import read_deck_text

_NOT_A_MEANING = ("variant of", "old variant", "archaic variant", "Japanese variant", "used in")

LISTS = {
    "NOT_IN_GIVEN_NAMES": wordlists.NOT_IN_GIVEN_NAMES,
    "NUMERALS_AND_DEMONSTRATIVES": wordlists.NUMERALS_AND_DEMONSTRATIVES,
    "FUNCTION_WORDS": wordlists.FUNCTION_WORDS,
    "PRONOUNS": wordlists.PRONOUNS,
    "WHAT_WORDS": wordlists.WHAT_WORDS,
    "PARTICLES": wordlists.PARTICLES,
    "SENTENCE_GLUE": wordlists.SENTENCE_GLUE,
    "RESULT_COMPLEMENTS": wordlists.RESULT_COMPLEMENTS,
    "DIRECTION_COMPLEMENTS": wordlists.DIRECTION_COMPLEMENTS,
    "ADVERBS_BEFORE_VERBS": wordlists.ADVERBS_BEFORE_VERBS,
    "MODAL_VERBS": wordlists.MODAL_VERBS,
    "POTENTIAL_RESULTS": wordlists.POTENTIAL_RESULTS,
    "NUMERALS": wordlists.NUMERALS,
    "GENERAL_CLASSIFIERS": wordlists.GENERAL_CLASSIFIERS,
    "TIME_UNITS": wordlists.TIME_UNITS,
    "LOCALIZERS": wordlists.LOCALIZERS,
    "MODERN_PARTICLES": wordlists.MODERN_PARTICLES,
    "ASPECT_PARTICLES": wordlists.ASPECT_PARTICLES,
    "NEGATED_VERBS": wordlists.NEGATED_VERBS,
    "SIZE_AND_DEGREE": wordlists.SIZE_AND_DEGREE,
    "LIST_MARKS": wordlists.LIST_MARKS,
    "TIME_CLAUSE_ENDS": wordlists.TIME_CLAUSE_ENDS,
    "grammar._BEFORE_A_VERB_WORDS": grammar._BEFORE_A_VERB_WORDS,
    "grammar._DEGREE": grammar._DEGREE,
    "grammar._INTENSIFIERS": grammar._INTENSIFIERS,
    "grammar._DETERMINERS": grammar._DETERMINERS,
    "grammar._PREDICTING": grammar._PREDICTING,
}


def main_traditional(lexicon: Lexicon, word: str) -> str | None:
    """The traditional form of ``word``'s most frequent entry with a meaning of its own (None
    when it is written alike)."""
    entries = [
        e
        for e in lexicon.lookup(word)
        if e.simplified == word
        and not e.is_proper_noun
        and not all(d.startswith(_NOT_A_MEANING) for d in e.definitions)
    ]
    if not entries:
        return None
    best = max(entries, key=lambda e: e.frequency)
    return best.traditional if best.traditional != word else None


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_word_list_holds_the_traditional_forms(lexicon: Lexicon, name: str) -> None:
    words = LISTS[name]
    missing = {w: t for w in words if (t := main_traditional(lexicon, w)) and t not in words}
    assert missing == {}


def test_the_surnames_hold_their_traditional_forms(lexicon: Lexicon) -> None:
    missing = {
        e.simplified: e.traditional
        for w in wordlists.SURNAMES
        for e in lexicon.lookup(w)
        if e.simplified == w != e.traditional
        and any(d.startswith("surname") for d in e.definitions)
        and e.traditional not in wordlists.SURNAMES
    }
    assert missing == {}


def test_the_check_finds_a_missing_form(lexicon: Lexicon) -> None:
    """还 is written 還: a list with 还 alone lacks it (the check can fail)."""
    assert main_traditional(lexicon, "还") == "還"
    assert main_traditional(lexicon, "了") is None  # 瞭 is another word's form


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("明天我們都會去公園。", "明天我们都会去公园。"),  # 都 + 會 "will", not 都會 "metropolis"
    ],
)
def test_a_traditional_sentence_reads_as_its_simplified_twin(
    lexicon: Lexicon, traditional: str, simplified: str
) -> None:
    def senses(text: str) -> list[tuple[str, str, str]]:
        glossary = build_glossary(read_deck_text(text, "post.txt"), lexicon)
        return [(t.simplified, t.pinyin, t.chosen_sense) for t in glossary.terms]

    assert senses(traditional) == senses(simplified)
