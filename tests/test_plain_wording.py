"""A sense's first wording qualified by what the deck does not speak of gives way to its first
plain wording (hanzi_companion.senses.plain_wording), on the real CC-CEDICT."""

from __future__ import annotations

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.senses import SenseContext, english_stems, may_reword, plain_wording
from hanzi_companion.text.models import Deck, Slide


def _first_sense(lexicon: Lexicon, word: str):  # type: ignore[no-untyped-def]
    return lexicon.lookup(word)[0].senses[0]


def test_a_qualified_first_wording_gives_way_to_a_plain_one(lexicon: Lexicon) -> None:
    # 开发 "to exploit (a resource); to open up (for development); to develop"
    sense = _first_sense(lexicon, "开发")
    assert sense.text.startswith("to exploit (a resource)")
    assert plain_wording(sense, SenseContext()).startswith("to develop; to exploit (a resource)")
    # 经营 "to engage in (business etc); to run; to operate"
    assert plain_wording(_first_sense(lexicon, "经营"), SenseContext()).startswith("to run;")


def test_the_qualified_wording_stays_when_the_deck_speaks_of_its_qualifier(
    lexicon: Lexicon,
) -> None:
    context = SenseContext(slide=english_stems("They quit their jobs to go into business."))
    assert plain_wording(_first_sense(lexicon, "经营"), context) == ""
    context = SenseContext(line=english_stems("natural resources"))
    assert plain_wording(_first_sense(lexicon, "开发"), context) == ""


def test_prepositions_notes_and_any_object_are_no_qualifiers(lexicon: Lexicon) -> None:
    # 对应 "to correspond (to); ...", 转而 "to turn to (sth else); to switch to",
    # 翻天覆地 "sky and the earth turning upside down (idiom); fig. complete confusion"
    for word in ["对应", "转而", "翻天覆地"]:
        sense = _first_sense(lexicon, word)
        assert not may_reword(sense)
        assert plain_wording(sense, SenseContext()) == ""
    # a sense of plain wordings only
    assert not may_reword(_first_sense(lexicon, "水平"))


def test_a_deck_shows_the_plain_wording(lexicon: Lexicon) -> None:
    deck = Deck("doc.txt", "text", (Slide(1, "", "他们在这里开发了一个游戏。"),))
    glosses = {t.term: t.gloss for t in build_glossary(deck, lexicon).terms}
    assert glosses["开发"].startswith("to develop")


def test_the_qualified_wording_stays_when_the_slide_says_it(lexicon: Lexicon) -> None:
    context = SenseContext(gloss=english_stems("to exploit"))
    assert plain_wording(_first_sense(lexicon, "开发"), context) == ""
