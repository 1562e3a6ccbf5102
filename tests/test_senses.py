"""Sense in context: each rule of hanzi_companion.senses on its own, then whole decks.

The decks under tests/data/decks/senses/ were written for these tests in the manner of other
teachers' material (a talk on copycat phones, character-of-the-day posts, a word-of-the-day
page in traditional characters, festival food, the reform era, a market, rail freight).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_companion.glossary import Glossary, GlossaryTerm, build_glossary, literal_gloss
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.models import Entry, Sense, SenseKind
from hanzi_companion.senses import (
    RULES,
    Candidate,
    SenseContext,
    build_context,
    candidates,
    choose_sense,
    clause_around,
    dictionary_order,
    english_stems,
    everyday_reading,
    frequent_word,
    gloss_after,
    is_plain_meaning,
    kind_needs_evidence,
    listed_among_names,
    name_ending,
    named_on_the_slide,
    neutral_written_full,
    says_surname,
    slide_english,
    speaks_of_a_person,
    stem,
    written_reading,
)
from hanzi_companion.text.decks import read_deck, read_deck_text
from hanzi_companion.text.models import Deck, Slide
from hanzi_companion.text.slide_english import translation_beside

DECKS = Path(__file__).parent / "data" / "decks" / "senses"


def entry(reading: str, *senses: str, kinds: tuple[SenseKind, ...] = ()) -> Entry:
    kinds = kinds or (SenseKind.MEANING,) * len(senses)
    return Entry(
        "字", "字", reading, tuple(Sense(t, k) for t, k in zip(senses, kinds, strict=True))
    )


def candidate(e: Entry, index: int = 0, rank: int = 0) -> Candidate:
    return Candidate(e, e.senses[index], rank, index)


# -- words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("dumplings", "dumpling"),
        ("copies", "copying"),
        ("opening", "open"),
        ("businesses", "business"),
        ("running", "run"),
        ("progressive", "progress"),
        ("urbanisation", "urbanization"),
        ("renewal", "renew"),
        ("arrival", "arrive"),
        ("proposal", "proposing"),
        ("registration", "registered"),
        ("organizations", "organize"),
        ("urbanization", "urbanized"),
    ],
)
def test_stem_matches_a_slides_wording_with_a_dictionarys(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_a_verbs_noun_in_al_chooses_the_verbs_sense(lexicon: Lexicon) -> None:
    # 更新 "to replace the old with new; to renew; ...; to update": beside "urban renewal" it
    # is "to renew", not the sense the example sentences use most ("to update").
    entries = lexicon.lookup("更新")
    context = build_context(entries, "更新", slide_gloss="urban renewal", usual=lexicon.usual_sense)
    choice = choose_sense(entries, context)
    assert choice is not None and choice.text == "to renew"


def test_english_stems_keep_particles_and_join_hyphenated_words() -> None:
    stems = english_stems("to open up; a knock-off of the phone")
    assert {"open", "up", "knockoff", "knock", "off", "phon"} <= stems
    assert stem("copybook") in english_stems("a copy book")
    assert not stems & {"to", "a", "of", "the"}


def test_clause_and_gloss_after_a_term() -> None:
    assert gloss_after("王 Wáng (King)", "王") == "King"
    assert gloss_after("東西 = thing, stuff. Literally east-west", "東西").strip() == "thing, stuff"
    assert gloss_after("年 means year. It shows grain", "年").strip() == "year"
    assert gloss_after("山寨机 phones", "山寨机") == ""
    clause = clause_around("- 新年 New Year - 去年 last year", "新年")
    assert "New Year" in clause and "last" not in clause
    assert speaks_of_a_person(" and his grandmother buy firecrackers")
    assert not speaks_of_a_person(" villagers go to the market")


# -- rules ---------------------------------------------------------------------------------------


def test_every_rule_is_listed_once_by_name() -> None:
    names = [name for name, _ in RULES]
    assert len(names) == len(set(names))
    assert {"slide English", "sense kind", "written reading", "dictionary order"} <= set(names)


def test_slide_english_weighs_words_by_how_near_they_stand() -> None:
    e = entry("shan1 zhai4", "fortified hill village", "(fig.) knockoff (goods)")
    near = SenseContext(clause=english_stems("knock-off handsets"))
    far = SenseContext(deck=english_stems("knock-off handsets"))
    assert slide_english(candidate(e, 1), near) > slide_english(candidate(e, 1), far) > 0
    assert slide_english(candidate(e, 0), near) == 0


def test_surname_place_and_abbreviation_need_evidence() -> None:
    e = entry(
        "Xin1",
        "abbr. for Xinjiang",
        "surname Xin",
        kinds=(SenseKind.ABBREVIATION, SenseKind.SURNAME),
    )
    nothing = SenseContext()
    assert kind_needs_evidence(candidate(e, 0), nothing) < 0
    assert kind_needs_evidence(candidate(e, 1), nothing) < 0
    named = SenseContext(clause=english_stems("his family name"))
    assert kind_needs_evidence(candidate(e, 1), named) == 0
    common = entry("xin1", "new")
    assert kind_needs_evidence(candidate(common), nothing) == 0
    classifier = entry("kuai4", "classifier for pieces of cloth")
    assert kind_needs_evidence(candidate(classifier), nothing) < 0
    counted = SenseContext(clause=english_stems("the measure word for money"))
    assert kind_needs_evidence(candidate(classifier), counted) > 0


def test_a_pronunciation_note_is_no_meaning(lexicon: Lexicon) -> None:
    # 一 "also pr. [yao1] for greater clarity when spelling out numbers digit by digit" says how
    # 一 is read, not what it means: the slide's "out" or "numbers" do not make it the sense.
    entries = lexicon.lookup("一")
    note = next(c for c in candidates(entries) if c.sense.text.startswith("also pr."))
    assert not is_plain_meaning(note)
    assert kind_needs_evidence(note, SenseContext()) < 0
    line = "一 (yī) is read yí before a fourth tone: find out which tone comes next"
    context = build_context(entries, "一", lines=[line])
    choice = choose_sense(entries, context)
    assert choice is not None and not choice.sense.text.startswith("also pr.")


def test_a_written_reading_picks_its_entry() -> None:
    zhao, chao = entry("zhao1", "morning"), entry("chao2", "to face")
    context = SenseContext(written_reading="chao2")
    assert written_reading(candidate(chao), context) > written_reading(candidate(zhao), context)
    assert written_reading(candidate(chao), SenseContext()) == 0


def test_listed_among_names_favours_a_name() -> None:
    place = Entry("西安", "西安", "Xi1 an1", (Sense("Xi'an, city in Shaanxi"),))
    assert listed_among_names(candidate(place), SenseContext(among_names=True)) > 0
    assert listed_among_names(candidate(place), SenseContext()) == 0


def test_dictionary_order_breaks_ties() -> None:
    e = entry("nian2", "year", "grain")
    assert dictionary_order(candidate(e, 0), SenseContext()) > dictionary_order(
        candidate(e, 1), SenseContext()
    )


def test_choose_sense_keeps_the_first_meaning_without_evidence(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("新")
    choice = choose_sense(entries, SenseContext())
    assert choice is not None and choice.text == "new" and choice.rule == "dictionary order"


def test_choose_sense_follows_the_slide_and_names_its_rule(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("元宵")
    context = build_context(entries, "元宵", lines=("元宵: sweet rice dumplings",))
    choice = choose_sense(entries, context)
    assert choice is not None and choice.text == "sticky rice dumplings"
    assert choice.rule == "slide English" and "dumpling" in choice.reason


def test_a_figurative_run_is_chosen_by_any_of_its_senses(lexicon: Lexicon) -> None:
    """ "(fig.) knockoff (goods)", "counterfeit", "imitation" are one sense: a deck speaking of
    imitation means it, and the gloss starts at its head."""
    entries = lexicon.lookup("山寨")
    context = build_context(
        entries,
        "山寨",
        deck=english_stems("from imitation to innovation"),
        definitions_with=lexicon.definitions_with,
    )
    choice = choose_sense(entries, context)
    assert choice is not None and choice.text == "(fig.) knockoff (goods)"
    assert choose_sense(entries, build_context(entries, "山寨")).text == "fortified hill village"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "line",
    [
        "In the 2000s the market sold 山寨 phones, cheap copies of famous brands.",
        "From copycats to creators: 山寨 phones and the makers after them",
    ],
)
def test_a_talk_on_copycat_phones_means_the_knockoff(lexicon: Lexicon, line: str) -> None:
    """A slide that says "copies" or "copycats", words no sense of 山寨 uses, still means the
    knock-off: a synonym of a sense's word (the search's table) counts, at half weight."""
    glossary = build_glossary(read_deck_text(f"# Shenzhen\n\n- {line}\n", "talk.md"), lexicon)
    (term,) = [t for t in glossary.terms if t.term == "山寨"]
    assert term.gloss.startswith("(fig.) knockoff (goods)")


def test_the_terms_own_romanisation_is_no_evidence(lexicon: Lexicon) -> None:
    """ "王 Wáng (King)": "Wang" on the slide is the reading, not the surname Wang."""
    entries = lexicon.lookup("王")
    context = build_context(entries, "王", lines=("王 Wáng (King)",), romanisation="Wáng")
    choice = choose_sense(entries, context)
    assert choice is not None and choice.text.startswith("king")


# -- whole decks ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def glossaries(lexicon: Lexicon) -> dict[str, Glossary]:
    return {p.name: build_glossary(read_deck(p), lexicon) for p in sorted(DECKS.iterdir())}


def term(glossaries: dict[str, Glossary], deck: str, word: str) -> GlossaryTerm:
    return next(t for t in glossaries[deck].terms if t.term == word)


@pytest.mark.parametrize(
    ("deck", "word", "pinyin", "gloss_start"),
    [
        ("copycat_phones.md", "山寨", "shānzhài", "(fig.) knockoff"),
        ("character_of_the_day.md", "王", "wáng", "king"),
        ("character_of_the_day.md", "年", "nián", "year"),
        ("character_of_the_day.md", "新", "xīn", "new"),
        ("word_of_the_day_trad.txt", "東西", "dōngxi", "thing"),
        ("word_of_the_day_trad.txt", "為", "wéi", "to act as"),
        ("festival_food.md", "元宵", "yuánxiāo", "sticky rice dumplings"),
        ("reform_era.md", "下海", "xiàhǎi", "(fig.) to take the plunge"),
    ],
)
def test_the_sense_the_deck_means(
    glossaries: dict[str, Glossary], deck: str, word: str, pinyin: str, gloss_start: str
) -> None:
    found = term(glossaries, deck, word)
    assert found.pinyin == pinyin
    assert found.gloss.startswith(gloss_start)
    assert found.chosen_sense and found.sense_rule and found.sense_reason
    assert found.gloss_kind == "dictionary"


def test_the_chosen_sense_is_kept_among_all_senses(glossaries: dict[str, Glossary]) -> None:
    shanzhai = term(glossaries, "copycat_phones.md", "山寨")
    texts = [s.text for s in shanzhai.senses]
    assert "fortified hill village" in texts and shanzhai.chosen_sense in texts
    assert shanzhai.sense_rule == "slide English"
    wang = term(glossaries, "character_of_the_day.md", "王")
    assert "surname Wang" in [s.text for s in wang.senses]


def test_a_part_is_glossed_in_the_terms_sense(glossaries: dict[str, Glossary]) -> None:
    reform = term(glossaries, "reform_era.md", "改革開放")
    assert reform.parts == ("改革", "開放")
    assert reform.part_glosses[1].startswith("to open up")


def test_a_part_cut_from_a_name_keeps_its_own_reading(lexicon: Lexicon) -> None:
    deck_text = "- 习近平新时代中国特色社会主义思想 (Xi Jinping Thought)"
    from hanzi_companion.text.models import Deck, Slide

    deck = Deck("xi.md", "markdown", (Slide(1, "Xi", deck_text),))
    (found,) = build_glossary(deck, lexicon).terms
    readings = dict(zip(found.parts, found.part_readings, strict=True))
    assert readings["新时代"] == "xin1 shi2 dai4"
    assert readings["习近平"] == "Xi2 Jin4 ping2"


# -- what no dictionary has ----------------------------------------------------------------------


def test_literal_gloss_is_labelled_and_drops_register_labels() -> None:
    assert literal_gloss(["to buy", "goods; merchandise"]) == 'lit. "to buy + goods"'
    assert literal_gloss(["(coll.) classifier for money", "money"]) == (
        'lit. "classifier for money + money"'
    )


def test_no_gloss_glued_from_parts_is_shown_as_a_meaning(glossaries: dict[str, Glossary]) -> None:
    for glossary in glossaries.values():
        for found in glossary.terms:
            if " + " in found.gloss:
                assert found.gloss_kind == "literal" and found.gloss.startswith('lit. "')


def test_terms_no_dictionary_has(glossaries: dict[str, Glossary]) -> None:
    market = term(glossaries, "new_year_market.md", "赶年集")
    assert market.gloss_kind == "literal" and market.gloss.startswith('lit. "')
    money = term(glossaries, "new_year_market.md", "块钱")
    assert money.gloss_kind == "literal" and "money" in money.gloss
    name = term(glossaries, "new_year_market.md", "张明")
    assert (name.gloss, name.gloss_kind) == ("personal name Zhāng Míng", "name")
    rail = term(glossaries, "rail_freight.md", "中欧班列")
    assert (rail.gloss, rail.gloss_kind) == ("China-Europe Railway Express", "slide")


def test_place_and_organisation_names_are_labelled(lexicon: Lexicon) -> None:
    from hanzi_companion.text.models import Deck, Slide

    lines = "- 王家村 is a village near the river\n- 社区服务中心 for the elderly"
    deck = Deck("names.md", "markdown", (Slide(1, "Names", lines),))
    by_term = {t.term: t for t in build_glossary(deck, lexicon).terms}
    village = by_term["王家村"]
    assert (village.gloss, village.gloss_kind) == ("place name Wángjiā Cūn", "name")
    centre = by_term["社区服务中心"]  # a common noun phrase, not a name
    assert centre.gloss_kind == "literal" and centre.gloss.startswith('lit. "community')


def test_name_endings() -> None:
    assert name_ending("王家村") == ("村", "place")
    assert name_ending("华为有限公司") == ("有限公司", "organisation")
    assert name_ending("村") == ("", "")
    assert name_ending("块钱") == ("", "")


def test_a_term_without_slide_english_gets_a_labelled_literal_gloss(
    glossaries: dict[str, Glossary],
) -> None:
    rail = term(glossaries, "rail_freight_noslide.md", "中欧班列")
    assert rail.gloss_kind == "literal"
    assert rail.gloss.startswith('lit. "') and rail.gloss.count(" + ") == len(rail.parts) - 1


def test_common_words_far_from_the_term_weigh_little(lexicon: Lexicon) -> None:
    """ "one" on the slide is no reason to gloss 成 as "one tenth"; a rare word is."""
    entries = lexicon.lookup("成")
    context = build_context(
        entries, "成", slides=("one of the walls",), definitions_with=lexicon.definitions_with
    )
    assert context.rarity("one") < context.rarity("imitation") == 1.0
    choice = choose_sense(entries, context)
    assert choice is not None and choice.rule == "dictionary order"


def test_dialect_and_old_senses_need_evidence() -> None:
    e = entry("sha1", "to kill", "(dialect) to smart")
    assert kind_needs_evidence(candidate(e, 1), SenseContext()) < 0
    assert kind_needs_evidence(candidate(e, 0), SenseContext()) == 0


def test_everyday_reading_of_a_word_read_two_ways(lexicon: Lexicon) -> None:
    """東西 with no English near it: the everyday "thing" (dōngxi), not "east and west"."""
    entries = lexicon.lookup("東西")
    context = build_context(entries, "東西", lines=("我们买东西",))
    choice = choose_sense(entries, context)
    assert choice is not None and choice.entry.pinyin_numbered == "dong1 xi5"
    assert choice.rule == "everyday reading"
    compass = build_context(entries, "東西", lines=("東西 east and west",))
    choice = choose_sense(entries, compass)
    assert choice is not None and choice.entry.pinyin_numbered == "dong1 xi1"
    assert everyday_reading(candidate(entries[0]), context) == 0


def test_frequent_word_reads_a_traditional_character_as_its_usual_word(lexicon: Lexicon) -> None:
    """著 stands for 著 (zhù, rare) and 着 (zhe, the aspect particle, very frequent)."""
    entries = lexicon.lookup("著")
    context = build_context(entries, "著", lines=("the progressive marker 著 with a verb",))
    choice = choose_sense(entries, context)
    assert choice is not None and choice.entry.pinyin_numbered == "zhe5"
    zhu = next(c for c in candidates(entries) if c.entry.pinyin_numbered == "zhu4")
    assert frequent_word(zhu, context) == 0 < frequent_word(candidate(choice.entry), context)


def test_named_on_the_slide_needs_a_capitalised_name_not_the_romanisation() -> None:
    surname = entry("Liang2", "surname Liang", kinds=(SenseKind.SURNAME,))
    plan = build_context((surname,), "梁陈方案", slide_gloss="the Liang-Chen plan")
    assert named_on_the_slide(candidate(surname), plan) > 0
    beside = build_context((surname,), "梁", lines=("梁 Liáng",), romanisation="Liáng")
    assert named_on_the_slide(candidate(surname), beside) == 0
    french = build_context((surname,), "乐", lines=("Le 乐 est joyeux",))
    assert not french.names & {"le"}


def test_a_surname_after_xiao_or_lao_is_a_name(lexicon: Lexicon) -> None:
    from hanzi_companion.text.models import Deck, Slide

    deck = Deck("names.md", "markdown", (Slide(1, "Dialogue", "小王：你好！\n老李：你好！"),))
    by_term = {t.term: t for t in build_glossary(deck, lexicon).terms}
    xiao = by_term["小王"]
    assert (xiao.gloss, xiao.gloss_kind) == ("personal name Xiǎo Wáng", "name")
    assert by_term["老李"].pinyin == "Lǎo Lǐ"


def test_a_city_listed_among_cities_and_a_district_part(lexicon: Lexicon) -> None:
    """开封 among 西安, 洛阳: the city (its entry only says "see 开封市"); 朝阳 in 朝阳区:
    the district the term names, not another Chaoyang."""
    from hanzi_companion.text.models import Deck, Slide

    lines = "- Old capitals: 西安 (Chang'an), 洛阳, 开封, 杭州\n- 朝阳区 district"
    deck = Deck("cities.md", "markdown", (Slide(1, "Capitals", lines),))
    by_term = {t.term: t for t in build_glossary(deck, lexicon).terms}
    assert by_term["开封"].pinyin == "Kāifēng" and by_term["开封"].gloss.startswith("Kaifeng")
    district = by_term["朝阳区"]
    assert district.part_glosses[0].startswith("Chaoyang, an inner district of Beijing")


def test_surname_cues_on_the_line(lexicon: Lexicon) -> None:
    """ "王 (wáng) and 张 (zhāng) are common family names": surnames; "names to learn" is not
    a word about surnames."""
    from hanzi_companion.text.models import Deck, Slide

    text = "Note: 王 (wáng) and 张 (zhāng) are common family names in China.\n王: 你好吗?"
    deck = Deck("dialog.md", "markdown", (Slide(1, "Dialog", text),))
    by_term = {t.term: t for t in build_glossary(deck, lexicon).terms}
    assert by_term["王"].gloss.startswith("surname") and by_term["张"].gloss.startswith("surname")
    assert says_surname(english_stems("common family names")) and says_surname(
        english_stems("his surname")
    )
    assert not says_surname(english_stems("names to learn"))


def test_the_character_of_the_week_in_the_decks_sense(lexicon: Lexicon) -> None:
    from hanzi_companion.text.models import Deck, Slide

    text = "# Character of the week\n\n# 著\n\n著 marks an action in progress: 看著"
    slides = (Slide(1, "Character of the week", text),)
    glossary = build_glossary(Deck("week.md", "markdown", slides), lexicon)
    (weekly,) = glossary.characters
    zhe = next(t for t in glossary.terms if t.term == "著")
    assert weekly.gloss == zhe.gloss and "progress" in weekly.gloss
    assert weekly.pinyin_numbered == zhe.pinyin_numbered == "zhe5"
    assert lexicon.reading("著").pinyin_numbered != "zhe5"  # the dictionary's first reading


def test_a_part_written_alike_in_simplified_follows_the_slide(lexicon: Lexicon) -> None:
    # 烤冷面 is in no dictionary; its 冷面 may be 冷面 "grim" or 冷麵 "cold noodles": the slide's
    # English decides, and without it the word's usual form stays.
    def part_gloss(text: str, word: str) -> str:
        deck = Deck("food.md", "markdown", (Slide(1, "Food", text),))
        found = {t.term: t for t in build_glossary(deck, lexicon).terms}
        term = found["烤冷面"]
        return term.part_glosses[term.parts.index(word)]

    assert "noodles" in part_gloss('烤冷面 kǎolěngmiàn ("grilled cold noodles")\n', "冷面")
    assert "noodles" not in part_gloss("- 烤冷面\n- 油条\n", "冷面")


# -- the English translation beside a Chinese sentence ------------------------------------------


def test_translation_beside_a_chinese_sentence() -> None:
    """A line of Chinese holding a sentence takes the line of English beside it as its
    translation: below, else above; neither when English stands on both sides (paragraphs in
    two languages by turns) or when the line is one word of a vocabulary list."""
    quote = ("“court in front, market behind”", "", "左祖右社，面朝后市", "--")
    assert translation_beside(quote, 2) == quote[0]
    example = ("Examples", "我喜欢吃饺子。", "I like eating dumplings.")
    assert translation_beside(example, 1) == example[2]
    by_turns = ("Tofu is made from soy milk.", "豆腐是用豆漿做的。", "Oyster omelets are a snack.")
    assert translation_beside(by_turns, 1) == ""
    vocabulary = ("猪肉", "pork meat from pigs", "羊肉", "lamb or mutton meat")
    assert translation_beside(vocabulary, 2) == ""


def test_a_quote_takes_its_translation_on_the_line_above(lexicon: Lexicon) -> None:
    """左祖右社，面朝后市 under "… court in front, market behind": 市 in 面朝后市 is the
    market, not the city (the Beijing deck of our own course, CC-CEDICT's 市)."""
    deck = read_deck(Path(__file__).parent / "data" / "decks" / "dev_own2" / "week02_beijing.txt")
    glossary = build_glossary(deck, lexicon)
    whole = next(t for t in glossary.terms if t.term == "面朝后市")
    assert whole.parts[-1] == "市"
    assert whole.part_glosses[-1].startswith("market")


def test_a_literal_gloss_leaves_no_bracket_of_a_label_behind() -> None:
    """之 "(possessive particle, literary equivalent of 的 (de))": the label holds a bracket."""
    particle = "(possessive particle, literary equivalent of 的 (de))"
    assert literal_gloss(["fragrant", particle, "two"]) == f'lit. "fragrant + {particle} + two"'
    assert literal_gloss(["(bound form) (literary) boat"]) == 'lit. "boat"'


@pytest.mark.parametrize(("word", "reading"), [("凉", "liang2"), ("好玩", "hao3 wan2")])
def test_a_word_class_alone_keeps_the_first_reading(
    lexicon: Lexicon, word: str, reading: str
) -> None:
    """凉 and 好玩 are tagged verbs: the class lifts liàng "to let sth cool down" and hàowán
    "to be playful", but not above the dictionary's first reading, with nothing else said."""
    context = SenseContext(word_class=lexicon.word_class, usual=lexicon.usual_sense)
    choice = choose_sense(lexicon.lookup(word), context)
    assert choice is not None and choice.entry.pinyin_numbered.lower() == reading


@pytest.mark.parametrize(
    ("written", "reading", "alike"),
    [
        ("gu4 shi4", "gu4 shi5", True),  # Taiwan's gùshì for the mainland's gùshi
        ("gu4 shi4", "gu4 shi4", False),  # the same reading: no neutral tone written full
        ("bu2 shi4", "bu4 shi5", False),  # another first syllable
        ("o1", "o5", False),  # one syllable: a particle's neutral tone is its own
        ("dong1 xi1", "dong1 xi5", True),
    ],
)
def test_a_neutral_tone_written_full(written: str, reading: str, alike: bool) -> None:
    assert neutral_written_full(written, reading) is alike


def test_a_full_tone_written_for_a_neutral_one_leaves_the_choice_to_the_senses(
    lexicon: Lexicon,
) -> None:
    """故事 written gùshì (Taiwan): "story", which the example sentences read gùshi, not the
    entry read gùshì "old practice"; 不是 written bù shì stays "no" (no sentences read bù shi)."""
    entries = lexicon.lookup("故事")
    context = build_context(entries, "故事", written_reading="gu4 shi4", usual=lexicon.usual_sense)
    choice = choose_sense(entries, context)
    assert choice is not None and "story" in choice.sense.text
    entries = lexicon.lookup("不是")
    context = build_context(entries, "不是", written_reading="bu4 shi4", usual=lexicon.usual_sense)
    choice = choose_sense(entries, context)
    assert choice is not None and choice.entry.pinyin_numbered == "bu4 shi4"
