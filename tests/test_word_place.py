"""A content word used as a noun or as a verb, read from its place in the sentence
(hanzi_companion.grammar.word_place), and senses labelled for a field the deck does not speak
of (hanzi_companion.senses.domain_needs_evidence), on real sentences and the real CC-CEDICT."""

from __future__ import annotations

import pytest

from hanzi_companion.glossary import build_glossary
from hanzi_companion.grammar import Place, class_places_of, has_class_choice
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.senses import (
    RULES,
    SenseChoice,
    SenseContext,
    choose_sense,
    domain_of,
    english_stems,
)
from hanzi_companion.text.models import Deck, Slide


def _choose(lexicon: Lexicon, term: str, sentence: str, **context: object) -> SenseChoice:
    index = sentence.index(term)
    sides = [(sentence[:index], sentence[index + len(term) :])]
    places = class_places_of(sides, lexicon.lookup)
    choice = choose_sense(lexicon.lookup(term), SenseContext(places=places, **context))  # type: ignore[arg-type]
    assert choice is not None
    return choice


def _place(lexicon: Lexicon, term: str, sentence: str) -> frozenset[Place]:
    index = sentence.index(term)
    sides = [(sentence[:index], sentence[index + len(term) :])]
    return frozenset(place for place, _ in class_places_of(sides, lexicon.lookup).counts)


def test_the_rules_are_listed_by_name() -> None:
    assert {"word place", "domain label"} <= set(dict(RULES))


@pytest.mark.parametrize(
    ("term", "sentence", "place"),
    [
        ("生活", "我们的生活越来越好。", Place.NOUN_PLACE),  # after 的
        ("配置", "这种配置很常见。", Place.NOUN_PLACE),  # after a demonstrative and classifier
        ("生活", "他在城市生活中遇到很多问题。", Place.NOUN_PLACE),  # before a localiser
        ("松散", "这个组织很松散。", Place.NOUN_PLACE),  # after a degree adverb
        ("生活", "他已经在北京生活了三年。", Place.VERB_PLACE),  # before 了
        ("补充", "我想补充一点。", Place.VERB_PLACE),  # after a modal
        ("运动", "他们不运动。", Place.VERB_PLACE),  # after a negation
    ],
)
def test_places_of_a_noun_or_a_verb(
    lexicon: Lexicon, term: str, sentence: str, place: Place
) -> None:
    assert place in _place(lexicon, term, sentence)


def test_only_words_with_verb_and_other_meanings_have_a_class_choice(lexicon: Lexicon) -> None:
    assert has_class_choice(lexicon.lookup("生活"))  # to live; life
    assert not has_class_choice(lexicon.lookup("完成"))  # verbs only
    assert not has_class_choice(lexicon.lookup("了"))  # a function word: its labels decide


@pytest.mark.parametrize(
    ("term", "sentence", "expected"),
    [
        ("生活", "我们的生活越来越好。", "life"),
        ("配置", "这种配置很常见。", "configuration"),
        ("料理", "日本的料理很好吃。", "cuisine"),
        ("作用", "这个药有什么作用？", "action; function; activity"),
        ("补充", "这是一个补充。", "additional"),
    ],
)
def test_a_noun_place_lifts_a_noun_sense(
    lexicon: Lexicon, term: str, sentence: str, expected: str
) -> None:
    choice = _choose(lexicon, term, sentence)
    assert choice.text == expected
    assert choice.rule == "word place"


def test_a_verb_place_keeps_the_verb(lexicon: Lexicon) -> None:
    assert _choose(lexicon, "生活", "他已经在北京生活了三年。").text == "to live"


def test_the_slides_english_is_stronger_than_the_place(lexicon: Lexicon) -> None:
    choice = _choose(lexicon, "生活", "我们的生活", gloss=english_stems("to live"))
    assert choice.text == "to live"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("(medicine) to perform fluoroscopy; to examine by X-ray", "medicine"),
        ("(of celestial bodies etc) to move along one's course", "celestial"),
        ("(drawing and painting) perspective", "painting"),
        ("(fig.) to function; to be in operation", ""),
        ("(of a person) tall", ""),
        ("to ferment", ""),
    ],
)
def test_domain_of_a_sense(text: str, field: str) -> None:
    assert domain_of(text) >= english_stems(field)
    assert bool(domain_of(text)) == bool(field)


def test_a_field_the_deck_does_not_speak_of_loses_to_a_plain_sense(lexicon: Lexicon) -> None:
    choice = choose_sense(lexicon.lookup("运行"), SenseContext())
    assert choice is not None
    assert not choice.text.startswith("(of celestial")


def test_a_field_the_deck_speaks_of_keeps_its_sense(lexicon: Lexicon) -> None:
    context = SenseContext(slide=english_stems("the orbits of celestial bodies"))
    choice = choose_sense(lexicon.lookup("运行"), context)
    assert choice is not None
    assert choice.text.startswith("(of celestial")


def test_neighbours_meanings_are_evidence_of_a_field(lexicon: Lexicon) -> None:
    neighbours = ({stem: frozenset(["医院"]) for stem in english_stems("medicine hospital")},)
    choice = choose_sense(lexicon.lookup("透视"), SenseContext(neighbours=neighbours))
    assert choice is not None
    assert choice.text.startswith("(medicine)")


def test_a_word_mostly_used_as_an_adverb_is_left_to_its_class(lexicon: Lexicon) -> None:
    sentence = "接下来会比较详细的介绍每个目录里的代码"  # 会 before it, an adjective after it
    choice = _choose(lexicon, "比较", sentence, word_class=lexicon.word_class)
    assert not choice.text.startswith("to ")


def test_a_neighbour_index_left_empty_is_no_evidence(lexicon: Lexicon) -> None:
    # The term's own meanings are taken out of its neighbours' index, leaving empty entries.
    neighbours = ({stem: frozenset() for stem in english_stems("celestial bodies")},)
    choice = choose_sense(lexicon.lookup("运行"), SenseContext(neighbours=neighbours))
    assert choice is not None
    assert not choice.text.startswith("(of celestial")


def test_glossary_reads_nouns_and_verbs_by_their_place(lexicon: Lexicon) -> None:
    text = "我们的生活越来越好。\n这种配置很常见。\n这个组织很松散。\n这是对文档的补充。"
    deck = Deck("life.txt", "text", (Slide(1, "Life", text),))
    terms = {t.term: t for t in build_glossary(deck, lexicon).terms}
    assert terms["生活"].gloss.startswith("life")
    assert terms["配置"].gloss.startswith("configuration")
    assert terms["松散"].gloss.startswith("loose")
    assert terms["配置"].sense_rule == "word place"
    assert not terms["补充"].gloss.startswith("to ")  # "to complement" is no function word


def test_before_a_verb_a_word_is_its_adverb(lexicon: Lexicon) -> None:
    sentence = "我们一般使用电脑工作。"
    assert Place.ADVERB_PLACE in _place(lexicon, "一般", sentence)
    assert _choose(lexicon, "一般", sentence).text == "generally"
