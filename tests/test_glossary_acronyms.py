"""A term the slide gives only as an acronym (国家发改委 (NDRC)): the dictionary's sense that
spells it out is the gloss, the acronym the slide's own wording (glossary.acronym_gloss)."""

from __future__ import annotations

from hanzi_companion.glossary import GlossKind, acronym_gloss, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.decks import read_deck_text


def test_the_word_that_spells_the_acronym_out_is_the_gloss() -> None:
    parts = ("country; nation; state", "PRC National Development and Reform Commission (NDRC)")
    assert acronym_gloss("NDRC", parts) == parts[1]
    # Names before that word stay: the Taipei of 臺北捷運; a label of the sense goes.
    taipei = ("Taipei, capital of Taiwan", "(Tw) mass rapid transit (MRT); subway")
    assert acronym_gloss("MRT", taipei) == "Taipei mass rapid transit (MRT)"


def test_no_acronym_or_no_word_spelling_it_gives_nothing() -> None:
    assert acronym_gloss("Taipei Metro", ("Taipei", "metro")) == ""
    assert acronym_gloss("MOST", ("science and technology", "ministry")) == ""
    assert acronym_gloss("MRT", ("smart", "art")) == ""  # letters inside a word spell nothing


def test_in_a_deck(lexicon: Lexicon) -> None:
    text = "Source: 国家发改委 (NDRC) plans.\n\nThe 科技部 (MOST) funds research."
    glossary = build_glossary(read_deck_text(text, "notes.txt", "text"), lexicon)
    terms = {t.term: t for t in glossary.terms}
    ndrc = terms["国家发改委"]
    assert "National Development and Reform Commission" in ndrc.gloss
    assert ndrc.gloss_kind == GlossKind.DICTIONARY
    assert ndrc.slide_gloss == "NDRC"  # the slide's own wording is kept beside it
    most = terms["科技部"]  # in no dictionary, nor does a word of it spell MOST out
    assert not most.in_dictionary
    assert most.gloss == "MOST" and most.gloss_kind == GlossKind.SLIDE
