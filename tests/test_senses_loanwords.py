"""Chinese words English prose about China borrows (guanxi, the danwei system, shanzhai phones):
the sense English writing borrows, for terms and for the romanised list, on real dictionary data.
"""

from __future__ import annotations

from hanzi_companion.glossary import build_glossary, english_neighbours, prose_words
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.senses import (
    build_context,
    candidates,
    choose_sense,
    is_modern_usage,
)
from hanzi_companion.text.decks import read_deck_text

MAKERS = """# Week 5: Makers

Shenzhen is famous for 山寨 phones and the danwei system (单位) of the old city.

The hukou system (户口) ties people to their birthplace. We discuss the danwei system and \
shanzhai phones.
"""


def test_a_sense_worded_as_the_borrowed_romanisation_is_the_loanword(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("关系")
    plain = choose_sense(entries, build_context(entries, "关系"))
    borrowed = choose_sense(entries, build_context(entries, "关系", borrowed="guanxi"))
    assert plain is not None and plain.sense.text == "relation"
    assert borrowed is not None and borrowed.sense.text == "guanxi"
    assert borrowed.rule == "borrowed wording"
    assert borrowed.reason == "the sense English writing borrows: guanxi"


def test_a_borrowed_word_means_the_sense_marked_as_the_modern_or_prc_usage(
    lexicon: Lexicon,
) -> None:
    for word, key, sense in (
        ("单位", "danwei", "work unit (place of employment"),
        ("下海", "xiahai", "(fig.) to take the plunge"),
        ("山寨", "shanzhai", "(fig.) knockoff (goods)"),
    ):
        entries = lexicon.lookup(word)
        plain = choose_sense(entries, build_context(entries, word))
        borrowed = choose_sense(entries, build_context(entries, word, borrowed=key))
        assert plain is not None and not plain.sense.text.startswith(sense), word
        assert borrowed is not None and borrowed.sense.text.startswith(sense), word
        assert borrowed.rule == "borrowed sense", word


def test_the_slides_own_gloss_outweighs_the_borrowed_sense(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("单位")
    context = build_context(entries, "单位", slide_gloss="unit of measure", borrowed="danwei")
    choice = choose_sense(entries, context)
    assert choice is not None and choice.sense.text == "unit (of measure)"


def test_modern_usage_marks() -> None:
    assert is_modern_usage("(fig.) knockoff (goods)")
    assert is_modern_usage("work unit (place of employment, esp. in the PRC prior to reform)")
    assert is_modern_usage("(neologism, attested by 2017) to become a rat race")
    assert not is_modern_usage("fortified hill village")
    assert not is_modern_usage("surprise")  # "prise" is no mark


def test_only_the_senses_of_a_borrowed_word_change(lexicon: Lexicon) -> None:
    """No borrowing, no score: every rule is 0 for every sense without the evidence."""
    entries = lexicon.lookup("下海")
    context = build_context(entries, "下海")
    for candidate in candidates(entries):
        choice = choose_sense((candidate.entry,), context)
        assert choice is not None and choice.rule not in ("borrowed wording", "borrowed sense")


def test_prose_words_are_the_toneless_words_of_english_sentences_without_han() -> None:
    words = prose_words(
        [
            "Guanxi (关系) is at the centre. You must build guanxi with partners.\n"
            "关系 guānxi relationship\n"
            "Good feng shui in the new flat matters to buyers."
        ]
    )
    assert "guanxi" in words and "fengshui" in words
    assert "guānxi" not in words and "relationship" not in words  # a line with Han


def test_a_capitalised_romanisation_is_a_name_not_a_borrowing() -> None:
    """Beijing in English prose is the city, not 背景 bèijǐng "background" borrowed."""
    words = prose_words(["We flew to Beijing last week to meet the partners."])
    assert "beijing" not in words and "flew" in words


def test_the_makers_deck_gets_the_senses_english_borrows(lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck_text(MAKERS, "makers.md"), lexicon)
    chosen = {t.term: (t.chosen_sense, t.sense_rule) for t in glossary.terms}
    assert chosen["山寨"][0] == "(fig.) knockoff (goods)"  # borrowed, and 山寨机 "knockoff phone"
    assert chosen["单位"][0].startswith("work unit")
    (shanzhai,) = [r for r in glossary.romanised if r.text == "shanzhai"]
    assert shanzhai.matched == "山寨" and shanzhai.gloss.startswith("(fig.) knockoff")
    assert shanzhai.sense_rule == "borrowed sense"
    assert shanzhai.sense_reason.startswith("the sense English writing about China borrows")


def test_a_lesson_writing_the_reading_with_tone_marks_keeps_the_first_sense(
    lexicon: Lexicon,
) -> None:
    lesson = "# Lesson 3\n\n单位 dānwèi\n\n下海 xiàhǎi\n\nRead the words aloud with your partner.\n"
    glossary = build_glossary(read_deck_text(lesson, "lesson.md"), lexicon)
    chosen = {t.term: t.chosen_sense for t in glossary.terms}
    assert chosen["单位"] == "unit (of measure)"
    assert chosen["下海"] == "to go out to sea"


def test_a_romanised_word_of_several_candidates_is_resolved_by_the_english_around_it(
    lexicon: Lexicon,
) -> None:
    text = (
        "# Cities\n\nThis is a result of the hukou system, a household registry that keeps "
        "migrants from moving to cities.\n"
    )
    glossary = build_glossary(read_deck_text(text, "cities.md"), lexicon)
    (hukou,) = [r for r in glossary.romanised if r.text == "hukou"]
    assert (hukou.matched, hukou.how) == ("户口", "context")
    assert hukou.chosen_sense
    assert glossary.messages == ()  # romanised words found: not "no Chinese text found"


def test_english_neighbours_are_the_words_beside_the_term() -> None:
    assert english_neighbours("Shenzhen is famous for 山寨 phones.", "山寨") == ("phones",)
    assert english_neighbours("The hukou system (户口) ties people", "户口") == ("ties", "system")
    assert english_neighbours("山寨", "山寨") == ()


def test_a_longer_word_naming_the_english_noun_points_to_the_sense_sharing_its_wording(
    lexicon: Lexicon,
) -> None:
    """山寨 phones: CC-CEDICT's 山寨机 "knockoff cell phone" shares knockoff with one sense."""
    glossary = build_glossary(
        read_deck_text("# Makers\n\nShenzhen is famous for 山寨 phones.\n", "makers.md"), lexicon
    )
    (term,) = [t for t in glossary.terms if t.term == "山寨"]
    assert term.chosen_sense == "(fig.) knockoff (goods)"
    assert term.sense_reason.startswith("longer words containing it share knockoff")
    plain = build_glossary(
        read_deck_text("# Makers\n\nShenzhen is famous for 山寨 villages.\n", "m.md"), lexicon
    )
    (term,) = [t for t in plain.terms if t.term == "山寨"]
    assert term.chosen_sense != "(fig.) knockoff (goods)"


def test_a_romanised_name_keeps_the_senses_of_the_reading_it_was_matched_to(
    lexicon: Lexicon,
) -> None:
    """Lao Tzu matches the philosopher 老子 Lǎozǐ: its sense is chosen among his entry's
    senses, never among those of the common word lǎozi "father"."""
    text = "# Classics\n\nThe Tao Te Ching is said to have been written by Lao Tzu.\n"
    glossary = build_glossary(read_deck_text(text, "classics.md"), lexicon)
    (laozi,) = [r for r in glossary.romanised if r.text == "Lao Tzu"]
    assert (laozi.matched, laozi.pinyin_numbered) == ("老子", "Lao3 zi3")
    assert "philosopher" in laozi.gloss
