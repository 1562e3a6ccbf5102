"""build_glossary / build_course: the view model every output renders."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from hanzi_companion.glossary import (
    Glossary,
    _collector_paused,
    build_course,
    build_glossary,
    display_pinyin,
    one_line_gloss,
    plain_gloss,
)
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.models import SenseKind
from hanzi_companion.senses import build_context, choose_sense
from hanzi_companion.settings import Settings
from hanzi_companion.text.decks import read_deck
from hanzi_companion.text.models import Deck, DeckMetadata, Slide, SlideLink

from .conftest import SEED_DECK


def deck(*texts: str, name: str = "test.md", week: int | None = None) -> Deck:
    slides = tuple(Slide(n, t.split("\n")[0], t) for n, t in enumerate(texts, start=1))
    return Deck(name=name, format="markdown", slides=slides, metadata=DeckMetadata(week=week))


@pytest.fixture(scope="module")
def seed(lexicon: Lexicon) -> Glossary:
    return build_glossary(read_deck(SEED_DECK), lexicon)


def test_every_seed_term_has_a_reading_a_gloss_and_an_occurrence(seed: Glossary) -> None:
    assert seed.terms and not seed.messages
    for term in seed.terms:
        assert term.pinyin_numbered and term.gloss and term.occurrences
        assert term.sources
        assert all(o.slide >= 1 for o in term.occurrences)


def test_terms_in_order_of_first_appearance(seed: Glossary) -> None:
    firsts = [min(o.slide for o in t.occurrences) for t in seed.terms]
    assert firsts == sorted(firsts)
    assert len({t.term for t in seed.terms}) == len(seed.terms)


def test_character_of_the_week_is_flagged(seed: Glossary, lexicon: Lexicon) -> None:
    assert [c.character for c in seed.characters] == ["创"]
    weekly = seed.characters[0]
    assert weekly.links and all(link.url.startswith("https://") for link in weekly.links)
    assert weekly.pinyin_numbered == lexicon.reading("创").pinyin_numbered
    flagged = [t.term for t in seed.terms if t.is_character_of_the_week]
    assert flagged == ["创"]


def test_senses_keep_their_sources(lexicon: Lexicon) -> None:
    glossary = build_glossary(deck("双创 and 创新"), lexicon)
    by_term = {t.term: t for t in glossary.terms}
    assert by_term["双创"].reading_source == "course dictionary"
    assert {s.source for s in by_term["双创"].senses} == {"course dictionary"}
    assert by_term["创新"].senses[0].source == "CC-CEDICT"
    assert by_term["创新"].hsk_level == lexicon.hsk_level("创新")


def test_a_term_no_dictionary_has_is_listed_with_the_slides_gloss(lexicon: Lexicon) -> None:
    glossary = build_glossary(deck("The Banyan Cafe (榕树咖啡屋)"), lexicon)
    (term,) = glossary.terms
    assert term.in_dictionary is False
    assert term.gloss == term.slide_gloss == "Banyan Cafe"
    assert term.parts == ("榕树", "咖啡屋")
    # Read word by word from the dictionary, not character by character.
    assert term.pinyin_numbered == " ".join(lexicon.reading(p).pinyin_numbered for p in term.parts)
    assert "slide" in term.sources


def test_no_chinese_gives_an_empty_glossary_and_a_message(lexicon: Lexicon) -> None:
    glossary = build_glossary(deck("Only English here", "and more"), lexicon)
    assert glossary.terms == () and glossary.characters == ()
    assert glossary.messages == ("no Chinese text found in test.md",)


def test_mixed_term_reads_its_latin_part_as_written(lexicon: Lexicon) -> None:
    (term,) = build_glossary(deck("## XYZ 货"), lexicon).terms
    assert term.term == "XYZ 货"
    assert term.pinyin_numbered == "XYZ " + lexicon.reading("货").pinyin_numbered
    assert term.gloss.startswith("XYZ ")
    assert term.parts == ("货",)


def test_slide_english_chooses_the_entry(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("大众")
    assert not entries[0].is_proper_noun
    chosen = choose_sense(entries, build_context(entries, "大众", slide_gloss="Volkswagen"))
    assert chosen is not None and chosen.entry.is_proper_noun and "Volkswagen" in chosen.text
    masses = choose_sense(entries, build_context(entries, "大众", slide_gloss="the masses"))
    assert masses is not None and masses.entry is entries[0]


def test_one_line_gloss_skips_references_and_variants(lexicon: Lexicon) -> None:
    (shenzhen,) = [e for e in lexicon.lookup("深圳") if e.simplified == "深圳"][:1]
    assert all(s.kind == SenseKind.SEE for s in shenzhen.senses)
    gloss = one_line_gloss(shenzhen, lexicon)
    assert gloss and not gloss.startswith("see ")
    chuang = lexicon.lookup("创")[0]
    assert "variant" not in one_line_gloss(chuang, lexicon)


def test_romanised_terms_are_matched_to_the_decks_words(lexicon: Lexicon) -> None:
    glossary = build_glossary(
        deck("Xindanwei (新单位)", "The post-danwei city", "Zhongguancun in Beijing"), lexicon
    )
    found = {r.text: (r.how, r.matched) for r in glossary.romanised}
    assert found == {"danwei": ("deck term", "单位"), "Zhongguancun": ("dictionary", "中关村")}


def test_links_of_the_weekly_character_slide(lexicon: Lexicon) -> None:
    links = (SlideLink("Hanziyuan", "https://hanziyuan.net/"),)
    slides = (
        Slide(1, "Character of the week", "Character of the week\n学 Hanziyuan", links=links),
    )
    glossary = build_glossary(Deck("w.md", "markdown", slides), lexicon)
    assert [(c.character, c.links[0].site) for c in glossary.characters] == [("学", "Hanziyuan")]


def test_course_in_week_order(lexicon: Lexicon) -> None:
    course = build_course(
        [
            deck("城市", name="b.md", week=3),
            deck("胡同", name="a.md", week=1),
            deck("x", name="c.md"),
        ],
        lexicon,
        "Cities",
    )
    assert course.name == "Cities"
    assert [g.deck.name for g in course.glossaries] == ["a.md", "b.md", "c.md"]


def test_unknown_traditional_term_gets_both_forms(lexicon: Lexicon) -> None:
    (term,) = build_glossary(deck("The Banyan Cafe (榕樹咖啡屋)"), lexicon).terms
    assert term.in_dictionary is False
    assert (term.simplified, term.traditional) == ("榕树咖啡屋", "榕樹咖啡屋")


@pytest.mark.parametrize(
    ("numbered", "parts", "shown"),
    [
        ("chuang4 ke4", (), "chuàngkè"),
        ("Zhong1 guo2 Ke1 xue2 yuan4", (), "Zhōngguó Kēxuéyuàn"),
        ("jing1 zhun3 fu2 pin2", ("jing1 zhun3", "fu2 pin2"), "jīngzhǔn fúpín"),
        ("Xin1 Dan1 wei4", ("xin1", "dan1 wei4"), "Xīn Dānwèi"),
        ("AAA huo4", ("huo4",), "AAA huò"),
        ("Xi1 an1", (), "Xī'ān"),
    ],
)
def test_display_pinyin(numbered: str, parts: tuple[str, ...], shown: str) -> None:
    assert display_pinyin(numbered, parts) == shown


def test_a_mixed_term_the_dictionary_has_is_read_whole(lexicon: Lexicon) -> None:
    assert lexicon.lookup("T恤")
    (term,) = build_glossary(deck("- 5 T恤"), lexicon).terms
    assert (term.term, term.pinyin_numbered, term.parts) == (
        "T恤",
        lexicon.lookup("T恤")[0].pinyin_numbered,
        (),
    )
    assert term.gloss == one_line_gloss(lexicon.lookup("T恤")[0], lexicon)


@pytest.mark.slow
def test_user_dictionary_terms_are_known_and_kept_whole(settings: Settings, tmp_path: Path) -> None:
    """Slow the first time (a whole index with the user dictionary, its segmenter and word
    lists are built); they stay in the session cache, named after the sources, so later runs
    reuse them."""
    user = tmp_path / "mine.u8"
    user.write_text(
        "# source: a teacher's own list\n"
        "榕樹咖啡屋 榕树咖啡屋 [Rong2 shu4 Ka1 fei1 wu1] /Banyan Cafe (a cafe)/\n",
        encoding="utf-8",
    )
    own = settings.with_changes(user_dictionaries=(user,))
    lexicon = Lexicon.open(own)
    glossary = build_glossary(deck("我们在榕树咖啡屋见面。"), lexicon)
    by_term = {t.term: t for t in glossary.terms}
    term = by_term["榕树咖啡屋"]
    assert term.in_dictionary and term.reading_source == "user dictionary mine.u8"
    assert term.gloss == "Banyan Cafe (a cafe)"
    assert [s.source for s in term.senses] == ["user dictionary mine.u8"]


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        (
            "city in Guangdong Province 廣東省|广东省[Guang3 dong1 Sheng3]",
            "city in Guangdong Province 广东省 (Guǎngdōng Shěng)",
        ),
        ("king of the Xiongnu 匈奴[Xiong1 nu2]", "king of the Xiongnu 匈奴 (Xiōngnú)"),
        ("gate; opening (CL:扇[shan4])", "gate; opening"),
        ("such as 百老匯大廈|百老汇大厦 Broadway Mansions", "such as 百老汇大厦 Broadway Mansions"),
        ("the slogan 大众创业、万众创新", "the slogan 大众创业、万众创新"),
    ],
)
def test_plain_gloss_rewrites_dictionary_references(raw: str, plain: str) -> None:
    assert plain_gloss(raw) == plain


def test_one_line_gloss_has_no_dictionary_markup(lexicon: Lexicon) -> None:
    (shenzhen,) = [e for e in lexicon.lookup("深圳") if e.simplified == "深圳"][:1]
    gloss = one_line_gloss(shenzhen, lexicon)
    assert "[" not in gloss and "|" not in gloss


def test_parts_are_read_as_the_term_reads_them(lexicon: Lexicon) -> None:
    (term,) = build_glossary(deck("- 朝阳门"), lexicon).terms
    assert term.parts == ("朝阳", "门")
    alone = lexicon.lookup("朝阳")[0].pinyin_numbered
    assert term.part_readings[0].lower() != alone.lower()  # not zhao1 yang2 on its own
    assert " ".join(term.part_readings) == term.pinyin_numbered


def test_traditional_form_of_an_unknown_term_comes_from_its_words(lexicon: Lexicon) -> None:
    glossary = build_glossary(deck("结构改造局", "市區結構改造局"), lexicon)
    by_term = {t.term: t for t in glossary.terms}
    assert "结构改造局" not in lexicon
    # 结构 is 結構 (not 結搆), 局 stays 局 (not 侷): word forms first, then the usual form.
    assert by_term["结构改造局"].traditional == "結構改造局"
    traditional = by_term["市區結構改造局"]
    assert (traditional.simplified, traditional.traditional) == ("市区结构改造局", "市區結構改造局")


def test_a_capitalised_romanisation_names_an_unknown_term(lexicon: Lexicon) -> None:
    assert "王小明" not in lexicon
    (term,) = build_glossary(deck("- the story of Wang Xiaoming (王小明)"), lexicon).terms
    assert (term.gloss, term.pinyin, term.romanisation) == (
        "Wang Xiaoming",
        "Wáng Xiǎomíng",
        "Wang Xiaoming",
    )


def test_a_term_in_parentheses_after_another_is_its_other_name(lexicon: Lexicon) -> None:
    glossary = build_glossary(deck("Urban planning reform 城市规划改革 (规改)"), lexicon)
    by_term = {t.term: t for t in glossary.terms}
    assert "规改" not in lexicon
    assert by_term["规改"].gloss == "abbr. for 城市规划改革: Urban planning reform"


def test_romanisation_of_one_word_in_two_scripts_is_no_ambiguity(lexicon: Lexicon) -> None:
    glossary = build_glossary(deck("单位 and 單位", "the danwei era"), lexicon)
    (found,) = glossary.romanised
    assert (found.text, found.how, found.matched) == ("danwei", "deck term", "单位")


def test_words_of_a_phrase_take_one_sense_of_the_entry_the_phrase_writes(
    lexicon: Lexicon,
) -> None:
    (term,) = build_glossary(deck("- 后发展"), lexicon).terms
    assert "后发展" not in lexicon and term.parts == ("后", "发展")
    # 后 is 後 "after" here (the phrase's traditional form says so), not 后 "empress".
    assert term.traditional.startswith("後")
    after = next(e for e in lexicon.lookup("后") if e.traditional == "後")
    # (its sense: the one example sentences use most, else its first)
    assert term.part_glosses[0] in {m.text for m in after.meanings}
    develop = lexicon.lookup("发展")[0].meanings
    assert term.part_glosses[1] in {m.text for m in develop}  # one sense


def test_characters_the_slide_writes_as_one_name_are_one_part(lexicon: Lexicon) -> None:
    (term,) = build_glossary(deck("- Shekou Industrial Zone (蛇口工业区)"), lexicon).terms
    assert "蛇口工业区" not in lexicon
    assert term.parts == ("蛇口", "工业区")
    assert term.part_glosses[0] == "Shekou"
    assert term.pinyin == "Shékǒu gōngyèqū"


def test_the_slides_english_chooses_which_senses_the_gloss_shows(lexicon: Lexicon) -> None:
    entry = lexicon.lookup("单位")[0]
    plain = one_line_gloss(entry, lexicon)
    in_context = one_line_gloss(entry, lexicon, "work unit")
    assert not plain.startswith("work unit") and in_context.startswith("work unit")
    (term,) = build_glossary(deck("- The work unit 单位"), lexicon).terms
    assert term.gloss == in_context


def test_the_collector_pause_of_big_builds_is_restored() -> None:
    """A big build defers only full collections: the collector stays enabled for everyone
    (other threads' young garbage is still collected) and the thresholds come back."""
    before = gc.get_threshold()
    with _collector_paused(True):
        assert gc.isenabled()
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > before[2]
        with _collector_paused(True):  # another build at the same time
            assert gc.get_threshold()[2] > before[2]
        assert gc.get_threshold()[2] > before[2]
    assert gc.get_threshold() == before
    with pytest.raises(ValueError), _collector_paused(True):
        raise ValueError("a failing build")
    assert gc.get_threshold() == before
    with _collector_paused(False):
        assert gc.get_threshold() == before
    try:  # thresholds someone else sets during a build are theirs: left alone
        with _collector_paused(True):
            gc.set_threshold(500, 5, 5)
        assert gc.get_threshold() == (500, 5, 5)
    finally:
        gc.set_threshold(*before)


def test_occurrences_link_to_the_step_that_shows_them(lexicon: Lexicon) -> None:
    """A slide with ``--`` steps spans several remark numbers: a term on the second step links
    there, notes after the last step link to the last, and the count is remark's."""
    steps = Slide(
        2,
        "Cities",
        "Cities\n城市\n农村",
        notes="户口",
        steps=2,
        text_steps=(0, 0, 1),
        notes_steps=(1,),
    )
    glossary = build_glossary(
        Deck("steps.md", "remark-markdown", (Slide(1, "Title", "Title"), steps)), lexicon
    )
    shown = {t.term: [(o.slide, o.in_notes) for o in t.occurrences] for t in glossary.terms}
    assert shown == {"城市": [(2, False)], "农村": [(3, False)], "户口": [(3, True)]}
    assert glossary.deck.slide_count == 3


def test_a_term_kept_whole_that_no_dictionary_has_is_glossed_from_its_pieces(
    lexicon: Lexicon,
) -> None:
    """Kept whole with no parts (面朝, 合村并居): its words or characters become its parts
    and its gloss; a surname and two characters that are no word read as a personal name."""
    assert not lexicon.lookup("面朝") and not lexicon.lookup("合村并居")
    glossary = build_glossary(deck("在 « 面朝 » 和 « 合村并居 »", "梁思成 (1901-1972)"), lexicon)
    by_term = {t.term: t for t in glossary.terms}
    assert by_term["面朝"].parts == ("面", "朝") and "face" in by_term["面朝"].gloss
    assert by_term["合村并居"].parts == ("合", "村", "并", "居")
    assert "village" in by_term["合村并居"].gloss
    name = by_term["梁思成"]
    assert (name.pinyin, name.gloss) == ("Liáng Sīchéng", "personal name Liáng Sīchéng")
    assert name.gloss_kind == "name"


def test_a_reading_the_slide_writes_after_a_term_is_its_reading(lexicon: Lexicon) -> None:
    """ "the 朝 is zhāo" picks that dictionary reading; a term no dictionary has takes the
    reading written for it; "read 朝 as zhāo" (maybe a mistake reported) changes nothing."""
    assert lexicon.lookup("朝")[0].pinyin_numbered == "chao2"
    by_term = {
        t.term: t
        for t in build_glossary(
            deck("In 朝阳产业 the 朝 is zhāo, the morning", "大栅栏 is read Dàshílànr"), lexicon
        ).terms
    }
    assert by_term["朝"].pinyin_numbered == "zhao1"
    assert by_term["大栅栏"].pinyin == "Dàshílànr"
    (term,) = build_glossary(deck("Students read 朝 as zhāo here"), lexicon).terms
    assert term.pinyin_numbered == "chao2"


def test_the_latin_part_of_a_mixed_dictionary_term_is_read_as_written(lexicon: Lexicon) -> None:
    """CC-CEDICT spells the digit of 3D打印 (sān D); the reading keeps 3D as O2O 平台 keeps O2O."""
    assert lexicon.lookup("3D打印")[0].pinyin_numbered.startswith("san1")
    by_term = {t.term: t for t in build_glossary(deck("3D打印 and the O2O 平台"), lexicon).terms}
    assert by_term["3D打印"].pinyin_numbered == "3D da3 yin4"
    assert by_term["O2O 平台"].pinyin_numbered == "O2O ping2 tai2"


def test_a_name_opening_with_its_number_keeps_it(lexicon: Lexicon) -> None:
    """(21世纪海上丝绸之路): the number is part of the name, read as written, its words are
    its parts; a count before a short run (2014年) is still no term."""
    glossary = build_glossary(
        deck("the 21st-century Maritime Silk Road (21世纪海上丝绸之路), since 2014年"), lexicon
    )
    (term,) = [t for t in glossary.terms if "世纪" in t.term]
    assert term.term == "21世纪海上丝绸之路"
    assert term.parts == ("世纪", "海上", "丝绸之路")
    assert term.pinyin.split()[:3] == ["21", "shìjì", "hǎishàng"]
    assert term.slide_gloss == "21st-century Maritime Silk Road"
    assert "年" not in {t.term for t in glossary.terms}


def test_a_name_wedged_between_single_characters_is_no_part(lexicon: Lexicon) -> None:
    """坐北朝南: 北朝 (the Northern Dynasties) is only spelled by the characters; a name
    among words stays one (深圳 in 深圳速度)."""
    assert all(e.is_proper_noun for e in lexicon.lookup("北朝"))
    by_term = {t.term: t for t in build_glossary(deck("坐北朝南 and 深圳速度"), lexicon).terms}
    assert by_term["坐北朝南"].parts == ("坐", "北", "朝", "南")
    assert by_term["坐北朝南"].pinyin == "zuò běi cháo nán"
    assert by_term["深圳速度"].parts == ("深圳", "速度")


def test_the_slides_english_chooses_each_parts_sense(lexicon: Lexicon) -> None:
    """朝 is first a court; beside "facing south" the part means facing."""
    assert "court" in lexicon.lookup("朝")[0].definitions[0]
    (term,) = build_glossary(deck("坐北朝南 (sitting north, facing south)"), lexicon).terms
    assert term.part_glosses[term.parts.index("朝")] == "facing"


def test_a_simplified_character_of_several_traditional_ones_is_the_usual_one(
    lexicon: Lexicon,
) -> None:
    """当 stands for 噹 "(onom.) dong" and 當 "to act as; when": most words write it 當, and
    so does 我想当老师."""
    deck = Deck("wish.txt", "text", (Slide(1, "", "我想当老师。"),))
    (term,) = [t for t in build_glossary(deck, lexicon).terms if t.term == "当"]
    assert term.traditional == "當", (term.traditional, term.gloss)
    assert "onom" not in term.gloss
