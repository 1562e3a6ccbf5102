"""Text in Chinese read without English around it: the "Chinese neighbours" rule of senses.py,
the glossary's Neighbourhood that feeds it, and the readings of terms no dictionary has."""

from __future__ import annotations

from hanzi_companion.glossary import Neighbourhood
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.senses import (
    NEIGHBOURS_MOST,
    RULES,
    SenseContext,
    build_context,
    candidates,
    chinese_neighbours,
    choose_sense,
    stem,
)
from tests.conftest import glossary_term


def _context(lexicon: Lexicon, term: str, near: list[str]) -> SenseContext:
    hood = Neighbourhood(lexicon.lookup)
    entries = tuple(lexicon.lookup(term))
    return build_context(entries, term, neighbours=(hood.index(near), {}))


def test_the_rule_is_listed() -> None:
    assert ("Chinese neighbours", chinese_neighbours) in RULES


def test_neighbours_sharing_words_with_a_sense_choose_it(lexicon: Lexicon) -> None:
    # 产品 "goods", 假货 "counterfeit object; fake; an imitation": what the text is about.
    context = _context(lexicon, "山寨", ["产品", "假货"])
    choice = choose_sense(tuple(lexicon.lookup("山寨")), context)
    assert choice is not None
    assert "knockoff" in choice.sense.text
    assert choice.rule == "Chinese neighbours"


def test_one_neighbour_is_not_enough(lexicon: Lexicon) -> None:
    # 漂亮 "pretty" is a synonym of 可以's "pretty good", not what the text is about.
    entries = tuple(lexicon.lookup("可以"))
    context = _context(lexicon, "可以", ["漂亮"])
    assert all(chinese_neighbours(c, context) == 0.0 for c in candidates(entries))
    choice = choose_sense(entries, context)
    assert choice is not None and choice.sense.text == "can"


def test_verbs_are_no_neighbours(lexicon: Lexicon) -> None:
    # A verb beside a term is often its synonym (开始 "to begin" beside 创业 "to begin an
    # undertaking"); nouns say what the text is about.
    hood = Neighbourhood(lexicon.lookup)
    assert hood.stems("开始") == frozenset()
    assert stem("phone") in hood.stems("手机")
    assert hood.stems("都") == frozenset()  # a single character's first sense: too unsure


def test_the_slides_own_english_stays_stronger(lexicon: Lexicon) -> None:
    entries = tuple(lexicon.lookup("山寨"))
    hood = Neighbourhood(lexicon.lookup)
    context = build_context(
        entries,
        "山寨",
        lines=["山寨 (mountain stronghold of bandits)"],
        neighbours=(hood.index(["产品", "假货"]), {}),
    )
    choice = choose_sense(entries, context)
    assert choice is not None and "stronghold" in choice.sense.text


def test_a_chinese_article_about_copycat_goods(lexicon: Lexicon) -> None:
    text = "华强北的山寨产品很便宜，很多都是假货，也有仿冒的品牌手机。"
    term = glossary_term(lexicon, text, "山寨")
    assert term.gloss.startswith("(fig.) knockoff")
    assert term.sense_rule == "Chinese neighbours"


def test_without_such_neighbours_the_first_sense_stays(lexicon: Lexicon) -> None:
    text = "古时候，山寨建在山上，四周有围墙。"
    assert glossary_term(lexicon, text, "山寨").gloss.startswith("fortified hill village")


def test_a_character_at_a_terms_edge_reads_as_dictionary_words_read_it_there(
    lexicon: Lexicon,
) -> None:
    assert lexicon.reading_at("都", last=True) == "du1"  # 首都, 古都, 成都
    assert lexicon.reading_at("为", last=True) == "wei2"  # 成为, 认为, 作为
    assert lexicon.reading_at("得", last=True) == ""  # 获得 dé, 觉得 de: no clear winner


def test_readings_of_terms_no_dictionary_has_follow_the_place(lexicon: Lexicon) -> None:
    text = "深圳从“山寨之都”变成了“创新之都”。这一天被定为制造日。"
    capital = glossary_term(lexicon, text, "山寨之都")
    assert capital.pinyin_numbered.endswith("du1")
    assert capital.gloss.endswith('capital city"')
    assert glossary_term(lexicon, text, "定为").pinyin_numbered == "ding4 wei2"


def test_many_neighbours_weigh_less_than_a_word_on_the_terms_line(lexicon: Lexicon) -> None:
    context = _context(lexicon, "山寨", ["产品", "假货", "商品", "货物", "赝品"])
    best = max(chinese_neighbours(c, context) for c in candidates(lexicon.lookup("山寨")))
    assert 0 < best <= NEIGHBOURS_MOST < SenseContext(line=frozenset(["x"])).weight("x")


def test_the_chinese_neighbours_help_in_an_english_deck_too(lexicon: Lexicon) -> None:
    text = (
        "Market words we met in Huaqiangbei today:\n"
        "- 山寨 and 假货 are everywhere; the stalls sell 产品 of every kind"
    )
    term = glossary_term(lexicon, text, "山寨")
    assert term.gloss.startswith("(fig.) knockoff") and term.sense_rule == "Chinese neighbours"
