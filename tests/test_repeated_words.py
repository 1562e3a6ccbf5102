"""A deck that repeats the same few words (one line of ``创新 山寨`` over megabytes) keeps
one mention per word, line and thing written beside it, not one per occurrence: what the
glossary reads of its mentions is the same, in bounded memory.

Small decks here; benchmarks/pathological_decks.py (kind ``repeated-pair``) measures 2 MB.
"""

from __future__ import annotations

from hanzi_companion.glossary import MAX_TERMS, _accumulate, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.decks import read_deck_text
from hanzi_companion.text.extract import Extractor

REPEATS = 400


def test_a_line_of_repeated_words_keeps_one_mention_per_word(lexicon: Lexicon) -> None:
    deck = read_deck_text("创新 山寨 " * REPEATS, "repeated.txt")
    gathered = _accumulate(Extractor(lexicon).mentions(deck, glue=True), MAX_TERMS)
    assert sorted(m.han for m in gathered.mentions) == ["创新", "山寨"]
    assert {term: len(acc.lines) for term, acc in gathered.accumulators.items()} == {
        "创新": 1,
        "山寨": 1,
    }


def test_repeated_lines_keep_a_mention_per_line(lexicon: Lexicon) -> None:
    deck = read_deck_text("创新 山寨\n" * 30, "lines.txt")
    gathered = _accumulate(Extractor(lexicon).mentions(deck, glue=True), MAX_TERMS)
    assert len(gathered.mentions) == 60


def test_the_glossary_of_a_repeated_line_is_that_of_fewer_repeats(lexicon: Lexicon) -> None:
    """Occurrences are capped alike, so more repeats change nothing but the slide's text."""
    many = build_glossary(read_deck_text("创新 山寨 " * REPEATS, "r.txt"), lexicon)
    few = build_glossary(read_deck_text("创新 山寨 " * 60, "r.txt"), lexicon)
    assert many.terms == few.terms
    assert many.romanised == few.romanised
