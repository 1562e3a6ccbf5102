"""A numeral and a classifier no dictionary has as a word (兩份, 三本): the number and what the
classifier counts, not a literal "a few + classifier for ..." (morphology.numbered_gloss)."""

from __future__ import annotations

from hanzi_companion.glossary import GlossKind, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.decks import read_deck_text
from hanzi_companion.text.morphology import numbered_gloss

_FEN = "classifier for gifts, newspaper, magazine, papers, reports, contracts etc"


def test_the_number_and_what_the_classifier_counts() -> None:
    assert numbered_gloss(("兩", "份"), "two; both; some; a few", _FEN) == f"two ({_FEN})"
    assert numbered_gloss(("三", "本"), "three", "root; classifier for books") == (
        "three (classifier for books)"
    )


def test_other_words_are_not_numbered() -> None:
    assert numbered_gloss(("兩", "個"), "two", "classifier for people") == ""  # counted_gloss's
    assert numbered_gloss(("好", "份"), "good", _FEN) == ""  # no numeral
    assert numbered_gloss(("兩", "人"), "two", "person; people") == ""  # no classifier
    assert numbered_gloss(("兩", "份", "飯"), "two", _FEN) == ""
    # 幾 is no one number: 幾部 is "several", not the "how many" its first meaning says.
    assert numbered_gloss(("幾", "部"), "how many; several", "classifier for works") == ""


def test_in_a_text(lexicon: Lexicon) -> None:
    text = "我們點了兩份艇仔粥。"
    glossary = build_glossary(read_deck_text(text, "post.txt", "text"), lexicon)
    two = next(t for t in glossary.terms if t.term == "兩份")
    assert two.gloss.startswith("two (classifier for")
    assert two.gloss_kind == GlossKind.FORMED
