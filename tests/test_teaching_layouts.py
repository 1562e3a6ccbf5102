"""Terms as teaching slides lay them out: vocabulary lines and tables, spaced characters,
dialogues and example sentences, names, romanisation in every spelling.

The decks here are written in the styles of other teachers (beginner lesson slides, vocabulary
tables, tone-number handouts), not in the seed deck's.
"""

from __future__ import annotations

import pytest

from hanzi_companion.glossary import MAX_OCCURRENCES, Glossary, GlossaryTerm, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.decks import read_deck_text
from hanzi_companion.text.extract import Extractor, Mention
from hanzi_companion.text.models import Deck, Slide, SlideLink


def deck(*texts: str) -> Deck:
    slides = tuple(
        Slide(number=n, title=text.split("\n")[0], text=text) for n, text in enumerate(texts, 1)
    )
    return Deck(name="lesson.md", format="markdown", slides=slides)


@pytest.fixture(scope="module")
def extractor(lexicon: Lexicon) -> Extractor:
    return Extractor(lexicon)


def mentions(extractor: Extractor, *texts: str) -> dict[str, Mention]:
    return {m.term: m for m in extractor.mentions(deck(*texts))}


def glossary(lexicon: Lexicon, *texts: str) -> Glossary:
    return build_glossary(deck(*texts), lexicon)


def term(g: Glossary, word: str) -> GlossaryTerm:
    return next(t for t in g.terms if t.term == word)


# -- the romanisation written beside a term, and the English after it --------------------------


def test_tone_numbers_beside_a_term_are_its_romanisation_and_reading(extractor: Extractor) -> None:
    found = mentions(
        extractor, "Key words\n习字 xi2 zi4 practise calligraphy\n人民 ren2 min2 people"
    )
    assert (found["习字"].romanisation, found["习字"].written_reading) == ("xí zì", "xi2 zi4")
    assert found["习字"].slide_gloss == "practise calligraphy"
    assert (found["人民"].romanisation, found["人民"].slide_gloss) == ("rén mín", "people")


def test_v_for_u_umlaut_and_neutral_zero(extractor: Extractor) -> None:
    found = mentions(
        extractor, "Colours\n- 绿 lv4 green\n- 女 nv3 woman\n- 吗 ma0 question particle"
    )
    assert [found[w].romanisation for w in ("绿", "女", "吗")] == ["lǜ", "nǚ", "ma"]
    assert [found[w].slide_gloss for w in ("绿", "女", "吗")] == [
        "green",
        "woman",
        "question particle",
    ]


def test_the_english_after_the_romanisation_is_the_terms(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "The kitchen god\n"
        "小年 xiǎo nián Little New Year (23rd of the 12th month)\n"
        "吃糖瓜 chī táng guā — eating malt sugar candy\n"
        "扫房子 (sǎo fángzi) sweeping the house",
    )
    assert found["小年"].slide_gloss == "Little New Year"
    assert found["吃糖瓜"].slide_gloss == "eating malt sugar candy"
    assert found["扫房子"].slide_gloss == "sweeping the house"


def test_a_vocabulary_table_row(extractor: Extractor) -> None:
    found = mentions(extractor, "Vocabulary\n汉字 | 拼音 | English\n对联 | duìlián | couplets")
    assert (found["对联"].romanisation, found["对联"].slide_gloss) == ("duìlián", "couplets")


_PHRASE_TABLE = (
    "Sätze\n"
    "Deutsch | Chinesisch | Pinyin | Audio\n"
    "Hallo | 你好 | nǐ hǎo | Anhören\n"
    "Ich heiße... | 我叫... | wǒ jiào... | Anhören\n"
    "Ich möchte... | 我想要... | wǒ xiǎng yào... | Anhören"
)


def test_a_table_row_gives_its_translation_in_any_language(lexicon: Lexicon) -> None:
    """The German cell of the row is the phrase's slide English, not the pinyin cell nor the
    audio column that says the same on every row; the glossary shows it for a phrase no
    dictionary has instead of a literal gloss of its parts."""
    g = glossary(lexicon, _PHRASE_TABLE)
    assert term(g, "我叫").gloss == "Ich heiße"
    assert term(g, "我想要").gloss == "Ich möchte"
    assert term(g, "你好").gloss.startswith("hello")  # a dictionary word keeps its sense


def test_an_html_tables_cells_are_read_as_a_row(lexicon: Lexicon) -> None:
    """An HTML page's table row reads like a markdown one: its cells kept apart, so the
    German cell is the phrase's slide English there too."""
    rows = "".join(
        f"<tr><td>{german}</td><td>{chinese}</td><td>{pinyin}</td></tr>"
        for german, chinese, pinyin in (
            ("Deutsch", "Chinesisch", "Pinyin"),
            ("Hallo", "你好", "nǐ hǎo"),
            ("Ich heiße...", "我叫...", "wǒ jiào..."),
        )
    )
    page = f"<html><body><h1>Sätze</h1><table>{rows}</table></body></html>"
    read = read_deck_text(page, "phrases.html")
    assert "Ich heiße... | 我叫... | wǒ jiào..." in read.slides[0].text
    assert term(build_glossary(read, lexicon), "我叫").gloss == "Ich heiße"


@pytest.mark.parametrize(
    ("table", "word", "wrong"),
    [
        ("Words\n中文 | Level | Pinyin\n苹果 | HSK 3 | píngguǒ", "苹果", "HSK 3"),  # a number
        ("Words\n苹果 | apple | 香蕉 | banana\n梨 | pear | 桃 | peach", "桃", "pear"),  # whose?
        ("Words\nCity | 北京 | Běijīng\nName | 我叫 | Ming", "北京", "City"),  # a header row
    ],
)
def test_table_cells_that_are_not_the_terms_meaning(
    extractor: Extractor, table: str, word: str, wrong: str
) -> None:
    assert mentions(extractor, table)[word].slide_gloss != wrong


def test_the_written_reading_picks_the_entry(lexicon: Lexicon) -> None:
    g = glossary(lexicon, "Words\n- 还 huan2 to give back\n- 长 chang2 long")
    assert term(g, "还").pinyin_numbered == "huan2"
    assert term(g, "长").pinyin_numbered == "chang2"


def test_english_before_marked_pinyin_is_not_romanised(lexicon: Lexicon) -> None:
    g = glossary(
        lexicon,
        "Corners\n- 旮旯 gālá corner\n- 烟花 yānhuā fireworks",
        "At New Year kids love to play gala fàng yān huā in the street.",
    )
    texts = {r.text: r.matched for r in g.romanised}
    assert not any(text.startswith("gala") for text in texts)
    assert "fàng yān huā" in texts
    assert all("旮旯" not in matched for matched in texts.values())


def test_tone_numbers_in_prose_are_romanised_terms(lexicon: Lexicon) -> None:
    g = glossary(lexicon, "Remember that ren2 min2 means the people.")
    assert [(r.text, r.matched) for r in g.romanised] == [("ren2 min2", "人民")]


# -- characters written apart -------------------------------------------------------------------


def test_spaced_characters_over_their_pinyin_are_one_term(extractor: Extractor) -> None:
    found = mentions(extractor, "Vocabulary\n买 年 货 | mǎi nián huò | to buy New Year goods")
    assert list(found) == ["买年货"]
    assert found["买年货"].parts == ("买", "年货")
    assert found["买年货"].slide_gloss == "to buy New Year goods"
    assert found["买年货"].romanisation == "mǎi nián huò"


def test_spaced_characters_with_pinyin_on_the_next_line(extractor: Extractor) -> None:
    found = mentions(extractor, "Say it\n贴 春 联\ntiē chūn lián")
    assert list(found) == ["贴春联"]


def test_spaced_characters_spelling_a_word(extractor: Extractor) -> None:
    assert list(mentions(extractor, "Today\n年 货")) == ["年货"]


def test_a_spaced_sentence(extractor: Extractor) -> None:
    assert "学生" in mentions(extractor, "Pattern\n我 是 学 生 。")


def test_a_list_of_characters_stays_apart(extractor: Extractor) -> None:
    assert list(mentions(extractor, "Radicals this week\n人 口 大 小")) == ["人", "口", "大", "小"]
    assert list(mentions(extractor, "Pronouns\n我 爱 你\nwǒ ài nǐ")) == ["我", "爱", "你"]


# -- dialogues, example sentences and names -----------------------------------------------------


def test_a_dialogue_lists_the_words_of_its_sentences(extractor: Extractor) -> None:
    found = mentions(extractor, "Dialogue\nA: 你好！你去哪儿？ B: 我去超市买年货。")
    assert list(found) == ["你好", "你", "去", "哪儿", "我", "超市", "买", "年货"]  # not 我去


_DIALOGUE_LESSON = (
    "Dialogue\n— 你要水吗?\n— 我不要。\n— 你要茶吗?\n— 要!",
    "Vocabulaire\n1. 水 shuǐ eau .\n2. 要 yào vouloir .",
)


def test_a_listed_word_counts_its_places_in_the_dialogue(lexicon: Lexicon) -> None:
    """要 is listed in the vocabulary; the sentences of the dialogue that use it (你要水吗,
    我不要, 要!) are its occurrences too, read for its sense: before an object or closing a
    clause it is "to want", not the modal "need to". A grammatical word the deck does not
    list (吗) stays unlisted."""
    g = glossary(lexicon, *_DIALOGUE_LESSON)
    want = term(g, "要")
    assert {o.slide for o in want.occurrences} == {1, 2}
    assert any("你要水吗" in o.context for o in want.occurrences)
    assert want.gloss.startswith("to want")
    assert "吗" not in {t.term for t in g.terms}


def test_a_listed_words_occurrences_in_sentences_are_bounded(lexicon: Lexicon) -> None:
    g = glossary(lexicon, *(f"Lesson {n}\n你要水吗?" for n in range(80)), "Words\n要 yào want")
    assert len(term(g, "要").occurrences) == MAX_OCCURRENCES


def test_a_translated_sentence_still_lists_its_words(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        'Scrolls\n春联有上联，下联和横批。 (Chūnlián yǒu shànglián...) "A scroll has two lines."',
    )
    assert list(found) == ["春联", "上联", "下联", "横批"]  # 有, 和: glue; 上联: jieba's corpus


def test_single_characters_of_an_example_sentence(extractor: Extractor) -> None:
    found = mentions(extractor, "Examples\n你把水送给爷爷吧！")
    assert list(found) == ["你", "水", "送给", "爷爷"]


def test_names_in_sentences(extractor: Extractor) -> None:
    found = mentions(extractor, "Story\n张明和李华一起去商店。王小明也来了。林小红是我的朋友。")
    names = [term for term, m in found.items() if m.personal_name]
    assert names == ["张明", "李华", "王小明", "林小红"]
    assert "明和" not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "他买了一张纸。",  # 张 counts the paper
        "王去北京了。",  # no one is called 王去
        "我们张开嘴。",  # 张开 is a word
        "我哋好鍾意維多利亞公園。",  # after 好 "so": 鍾意 "to like", no one called 鍾意
    ],
)
def test_no_name_where_there_is_none(extractor: Extractor, sentence: str) -> None:
    assert not [m.term for m in mentions(extractor, sentence).values() if m.personal_name]


def test_a_name_after_a_greeting(extractor: Extractor) -> None:
    """你好 "hello" is no degree adverb 好 "so": the name after it stays one."""
    found = mentions(extractor, "Dialogue\n你好李华！")
    assert [m.term for m in found.values() if m.personal_name] == ["李华"]


def test_a_speaker_label_is_a_name(lexicon: Lexicon) -> None:
    g = glossary(lexicon, "Dialogue\n马丽：你好！\n周明：你好！")
    assert term(g, "马丽").gloss.startswith("personal name ")
    assert term(g, "马丽").gloss_kind == "name"
    assert term(g, "周明").pinyin == "Zhōu Míng"


# -- older romanisations ------------------------------------------------------------------------


def test_older_romanisations_beside_their_terms(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "Modern China\n- Chiang Kai-shek (蒋介石) led the Kuomintang (国民党)\n"
        "- 毛泽东 Mao Tse-tung\n- 道德经 Tao Te Ching — the classic of the way",
    )
    assert [found[w].romanisation for w in ("蒋介石", "国民党", "毛泽东", "道德经")] == [
        "Chiang Kai-shek",
        "Kuomintang",
        "Mao Tse-tung",
        "Tao Te Ching",
    ]
    assert found["道德经"].slide_gloss == "classic of the way"


def test_an_abbreviation_is_no_name(extractor: Extractor) -> None:
    found = mentions(extractor, "# Housing reform 住房制度改革 (房改)")
    assert not found["房改"].personal_name


def test_english_before_wins_over_a_remark_after_the_romanisation(extractor: Extractor) -> None:
    found = mentions(extractor, "- urban renewal 城市更新 (*chengshi gengxin*): the 2009 rules")
    assert found["城市更新"].slide_gloss == "urban renewal"


def test_a_romanisation_inside_a_word(extractor: Extractor) -> None:
    found = mentions(extractor, "Wishes\n新年快乐，恭(gong)喜发财！")
    assert list(found) == ["新年快乐", "恭喜发财"]
    # between two words it stays where it is: each word keeps its own romanisation
    found = mentions(extractor, "Phrases\n你好(nǐhǎo)谢谢(xièxie)")
    assert [(t, m.romanisation) for t, m in found.items()] == [
        ("你好", "nǐhǎo"),
        ("谢谢", "xièxie"),
    ]


def test_a_short_sentence_of_single_words(extractor: Extractor) -> None:
    found = mentions(extractor, "Tips\n不要放太多。")
    assert "不要放太多" not in found and "不要" in found


def test_a_phrase_book_row_keeps_its_phrase_and_every_word(extractor: Extractor) -> None:
    text = (
        "Phrases\nDeutsch | Chinesisch | Pinyin | Audio\n"
        "Sprechen Sie Französisch? | 你会说法语吗？ | nǐ huì shuō fǎyǔ ma? | 🔊 Anhören"
    )
    deck_ = Deck(
        name="phrases.md",
        format="markdown",
        slides=(
            Slide(
                number=1,
                title="Phrases",
                text=text,
                links=(SlideLink("🔊 Anhören", "https://example.org/a"),),
            ),
        ),
    )
    (found,) = extractor.mentions(deck_)
    assert found.term == "你会说法语吗"
    assert set(found.parts) >= {"你", "会", "法语", "吗"}
    assert found.slide_gloss == ""  # the audio link's label is no meaning


def test_a_slang_word_is_not_read_into_a_sentence(extractor: Extractor) -> None:
    found = mentions(extractor, "把\n我的哥哥把狗带到外面。")
    assert "狗带" not in found and "狗" in found


def test_a_sentence_cut_short_is_no_slogan(extractor: Extractor) -> None:
    found = mentions(extractor, "Food\n大家会吃、鱼和")
    assert "鱼和" not in found


def test_an_idiom_keeps_its_romanisation(lexicon: Lexicon) -> None:
    g = glossary(lexicon, "Idioms\n- 画蛇添足 huà shé tiān zú: to ruin by adding something")
    assert term(g, "画蛇添足").romanisation == "huà shé tiān zú"
    assert g.romanised == ()  # shé (read alone like French été) is pinyin among pinyin


def test_older_romanisations_in_prose(lexicon: Lexicon) -> None:
    g = glossary(
        lexicon,
        "Readings\nThe Tao Te Ching is attributed to Laozi.\n"
        "Mao Tse-tung met Chou En-lai in Peking. China and Washington talked.",
    )
    assert {r.text: r.matched for r in g.romanised} == {
        "Tao Te Ching": "道德经",
        "Mao Tse-tung": "毛泽东",
        "Chou En-lai": "周恩来",
        "Peking": "北京",
    }


def test_a_verb_and_its_result_are_two_words(extractor: Extractor) -> None:
    found = mentions(extractor, "把\n请你把椅子搬到床的对面。")
    assert "搬" in found and "搬到" not in found


def test_pinyin_after_each_character_joins_the_word(extractor: Extractor) -> None:
    found = mentions(
        extractor, "Lunar New Year\nWe say 新xīn 年nián 快kuài 乐lè and 恭gōng 喜xǐ 发fā 财cái."
    )
    assert list(found) == ["新年快乐", "恭喜发财"]
    assert found["新年快乐"].romanisation == "xīn nián kuài lè"


def test_a_sentence_with_pinyin_after_each_character_gives_its_words(
    extractor: Extractor,
) -> None:
    found = mentions(
        extractor, "Reading\n春chūn 节jié 是shì 中zhōng 国guó 最zuì 重zhòng 要yào 的de 节jié 日rì。"
    )
    assert {"春节", "中国", "重要", "节日"} <= set(found)
    assert not any(len(term) > 4 for term in found)
    # a character against an English word is no pinyin pair
    assert "新" in mentions(extractor, "Cities\n新York and 大dà")


def test_an_example_sentence_with_its_pinyin_gives_its_words(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "春联\n上联和下联是对应的。 (Shànglián hé xiàlián shì duìyìng de.)\n"
        "过年好!红包拿来!(Guònián hǎo! Hóngbāo ná lái!)",
    )
    assert {"上联", "下联", "对应"} <= set(found)
    assert "上联和下联是对应的" not in found
    assert "过年好" in found  # a greeting with its pinyin stays a phrase


def test_a_verb_and_its_object_are_two_words(extractor: Extractor) -> None:
    found = mentions(extractor, "饺子\n每个人过年都应该吃饺子。")
    assert {"吃", "饺子"} <= set(found) and "吃饺子" not in found


def test_a_line_of_clauses_cut_short_gives_their_words(extractor: Extractor) -> None:
    found = mentions(extractor, "Spring Festival\n大家会吃、鱼和\n小朋友们最喜欢收,因为里有")
    assert {"大家", "吃", "鱼", "小朋友", "喜欢", "收"} <= set(found)
    assert "大家会吃" not in found and "小朋友们最喜欢收" not in found
    # a slogan of whole clauses stays as written
    assert list(mentions(extractor, "Slogans\n大众创业、万众创新")) == ["大众创业", "万众创新"]


def test_prepositions_and_degree_adverbs_make_a_sentence(extractor: Extractor) -> None:
    found = mentions(extractor, "目录\n接下来按目录逐个讲解\n五颜六色 = 色彩非常丰富")
    assert {"接下来", "目录", "逐个", "讲解", "色彩", "丰富"} <= set(found)
    assert not {"接下来按目录逐个讲解", "色彩非常丰富", "非常丰富"} & set(found)


def test_a_verb_with_its_potential_result(extractor: Extractor) -> None:
    found = mentions(extractor, "Tips\n不要放太多。不然的话包不住。")
    assert "包不住" in found and "不住" not in found
    found = mentions(extractor, "Boxes\n箱子太重，我搬不動。我吃不完。")
    assert {"搬不動", "吃不完"} <= set(found) and not {"搬", "動", "吃", "完"} & set(found)
    assert "去" in mentions(extractor, "No\n我不去。")  # 去 is no verb's result


def test_a_verb_with_de_and_a_result_it_takes_is_its_potential_form(
    extractor: Extractor,
) -> None:
    # 找到 is a word: 找得到 'can find', not 找 and the verb 得到 'to obtain'
    found = mentions(extractor, "Night markets\n這種冰淇淋在台灣各處也都找得到。")
    assert "找得到" in found and "得到" not in found
    found = mentions(extractor, "Prizes\n他在比赛中得到了第一名。")
    assert "得到" in found  # no verb before it: 得到 'to obtain'


def test_one_after_this_is_the_number(extractor: Extractor) -> None:
    # 这一点: "this point", not 一点 "a little"
    found = mentions(extractor, "Open source\n作品也要开源，尽管这一点争议很大。")
    assert "点" in found and "一点" not in found
    assert "一点" in mentions(extractor, "Shopping\n便宜一点吧，我买两个。")


def test_more_than_after_a_number_is_a_word_of_its_own(extractor: Extractor) -> None:
    # 两个多月前 "more than two months ago": not 多月, nor 月前; 三十多年 not 多年 "many years"
    found = mentions(extractor, "Travel\n他两个多月前去了北京。")
    assert {"多", "月"} <= set(found) and not {"多月", "月前"} & set(found)
    found = mentions(extractor, "History\n这个城市有三十多年的历史。")
    assert {"三十", "年"} <= set(found) and not {"三十多年", "多年", "三十多"} & set(found)
    assert "多年" in mentions(extractor, "Friends\n我们是多年的老朋友。")  # no number: many years


def test_a_number_of_minutes(extractor: Extractor) -> None:
    found = mentions(extractor, "Steaming\n蒸大概十分钟左右。")
    assert {"十", "分钟"} <= set(found) and "十分钟" not in found


def test_a_noun_and_its_localiser_in_a_clause(extractor: Extractor) -> None:
    found = mentions(extractor, "## 项目中 mock 的配置和使用")
    assert {"项目", "配置", "使用"} <= set(found) and "项目中" not in found


def test_directions_and_pairs_of_a_graded_reader(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "小明的春节\n小明和爸爸妈妈一起回老家。他们坐了三个小时的火车。"
        "外面放起了鞭炮。我有七本书。",
    )
    assert {"爸爸", "妈妈", "小时", "放", "书"} <= set(found)
    assert not {"爸爸妈妈", "放起", "本书"} & set(found)
    assert "三个" not in found  # an amount with the general classifier, no word to learn
    assert "七本" in found  # a number and its specific classifier (本 for books)


def test_to_speak_and_to_give_are_words_of_a_sentence(extractor: Extractor) -> None:
    found = mentions(extractor, "Sentences\n他每天说中文。\n长辈们必须要给孩子们红包。")
    assert {"说", "给", "中文", "红包"} <= set(found)


def test_a_classical_quotation_is_kept_whole(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "The Analects (論語)\n己所不欲，勿施於人。 (Do not do to others...)\n"
        "學而時習之，不亦說乎？",
    )
    assert {"己所不欲", "勿施於人", "學而時習之", "不亦說乎"} <= set(found)
    assert not {"己", "欲", "勿", "學", "習", "乎"} & set(found)
    # a modern sentence of single words is no quotation
    found = mentions(extractor, "Sentences\n我所知道的很少。而他却不去。")
    assert {"所", "知道", "却", "去"} <= set(found)


def test_a_brand_in_english_prose_is_one_name(extractor: Extractor) -> None:
    found = mentions(extractor, "Ink\nI have used ink manufactured by 一得阁 (www.yidege.net).")
    assert list(found) == ["一得阁"]
    # a short sentence of single words is still its words
    assert list(mentions(extractor, "Dialogue\n我爱你。")) == ["我", "爱", "你"]


def test_a_verb_before_the_aspect_particle(extractor: Extractor) -> None:
    found = mentions(extractor, "饺\n用面皮包着馅交叠捏紧的食物")
    assert {"面皮", "包", "馅", "食物"} <= set(found)
    assert not {"面", "皮包", "包着"} & set(found)
    assert {"拿", "书"} <= set(mentions(extractor, "Reading\n他拿着书。"))


def test_directions_in_traditional_script(extractor: Extractor) -> None:
    found = mentions(extractor, "閱讀\n我有七本書。他們坐了三個小時的火車。外面放起了鞭炮。")
    assert {"書", "小時", "放", "起"} <= set(found)
    assert not {"本書", "放起"} & set(found)


def test_a_potential_form_reads_bu_in_the_neutral_tone(lexicon: Lexicon) -> None:
    g = glossary(lexicon, "Tips\n不然的话包不住。")
    assert term(g, "包不住").pinyin_numbered == "bao1 bu5 zhu4"


def test_a_positive_potential_form_reads_de_in_the_neutral_tone(lexicon: Lexicon) -> None:
    g = glossary(lexicon, "Night markets\n這種冰淇淋在台灣各處也都找得到。")
    assert term(g, "找得到").pinyin_numbered == "zhao3 de5 dao4"


def test_english_in_full_width_parentheses_after_a_term(extractor: Extractor) -> None:
    found = mentions(
        extractor, "Festivals\n春节（Spring Festival）\n春chūn节jié（Spring Festival）"
    )
    assert found["春节"].slide_gloss == "Spring Festival"


def test_a_short_answer_negates_the_questions_verb(extractor: Extractor) -> None:
    found = mentions(extractor, "A\n— 你要水吗? — 我不要。 — 你是日本人吗? — 我不是。")
    assert not {"不要", "不是"} & set(found)
    assert "不要" in mentions(extractor, "Tips\n不要放太多。")  # "don't" before a verb


def test_a_size_or_degree_and_what_it_qualifies(extractor: Extractor) -> None:
    found = mentions(extractor, "A\n你先把肉末放在一个大碗里。走千里很重。不要放太多。")
    assert {"大", "碗", "重", "太多"} <= set(found)
    assert not {"大碗", "很重"} & set(found)


def test_familiar_names_in_sentences(lexicon: Lexicon) -> None:
    g = glossary(lexicon, "Story\n我和小李一起去。老王在家吗？小心！")
    assert term(g, "小李").pinyin == "Xiǎo Lǐ" and term(g, "老王").pinyin == "Lǎo Wáng"
    assert "小心" in [t.term for t in g.terms]  # a dictionary word, no name


def test_pinyin_in_brackets_after_each_character(extractor: Extractor) -> None:
    found = mentions(extractor, "Wishes\n新(xīn)年(nián)快(kuài)乐(lè)\n春(chūn) 节(jié)")
    assert list(found) == ["新年快乐", "春节"]
    assert found["新年快乐"].romanisation == "xīn nián kuài lè"
    # a list of characters with their readings stays a list
    found = mentions(extractor, "Pictographs\n日(rì) 月(yuè) 山(shān) 水(shuǐ)")
    assert list(found) == ["日", "月", "山", "水"]


def test_a_dialogue_in_traditional_script(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "對話\n媽媽：過年的時候，我們要貼春聯、吃年夜飯。\n老師說：「新年快樂，萬事如意！」",
    )
    assert {"吃", "年夜飯", "老師", "說", "新年快樂", "萬事如意"} <= set(found)
    assert not {"吃年夜飯", "老師說"} & set(found)


def test_the_unit_of_a_date_opening_a_sentence(extractor: Extractor) -> None:
    found = mentions(extractor, "政策\n- 2014年国务院发布了意见。2014年3月国务院发布了意见。")
    assert {"国务院", "发布", "意见"} <= set(found)
    assert not {"年", "月"} & set(found)


def test_a_short_set_phrase_with_its_english_stays_whole(extractor: Extractor) -> None:
    found = mentions(extractor, "Dialogue\n张: Hén hǎo. 我很好。 I am fine (very good).")
    assert found["我很好"].parts == ("我", "很", "好")
    # a speaker's name after the question is no English for it
    found = mentions(extractor, "Dialogue\n你去哪儿？ Wang: 我去超市。")
    assert "你去哪儿" not in found and "哪儿" in found


def test_modern_prose_with_one_classical_word_is_no_quotation(extractor: Extractor) -> None:
    found = mentions(extractor, "创客\n是风向标,也是播种者。改革开放之初,大家下海。")
    assert {"播种者", "改革开放"} <= set(found)
    assert not {"也是播种者", "改革开放之初"} & set(found)


def test_words_jieba_cuts_across_and_potential_forms(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "夜市\n外國人常常搞不清楚這是什麼味道。豆腐浸泡了好幾個月。同一个字有两种读音。"
        "只需按照以下步骤操作。",
    )
    assert {"搞不清楚", "同一个", "步骤", "操作"} <= set(found)
    assert not {"不清楚", "個月", "同", "只"} & set(found)


def test_a_quoted_phrase_in_chinese_prose_gives_its_words(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "深圳\n在深圳这个“硬件的好莱坞”,创客们为各种奇思妙想赋型。这个并不算大的群体很有趣。",
    )
    assert {"硬件", "好莱坞", "创客"} <= set(found)
    assert not {"硬件的好莱坞", "并"} & set(found)
    # in an English deck the quoted Chinese is the term the writer names
    found = mentions(extractor, "Shenzhen\nShenzhen is called “硬件的好莱坞” by makers.")
    assert "硬件的好莱坞" in found


def test_a_localiser_and_its_particle(extractor: Extractor) -> None:
    found = mentions(extractor, "创客\n新一波创客运动中的重大机遇,就在于保持小型化。")
    assert {"运动", "机遇"} <= set(found) and "中的" not in found


def test_a_localiser_jieba_cut_into_the_next_word(extractor: Extractor) -> None:
    found = mentions(extractor, "下海\n最初指一种到大海里去的动作。")
    assert {"大海", "里"} <= set(found) and "海里" not in found


# -- words a sentence holds, where jieba's cut leaves stray characters or amounts ---------------


def test_a_word_between_two_stray_characters_gives_them_back(extractor: Extractor) -> None:
    found = mentions(extractor, "Makers\n既有手工匠人的自在随性，又具创新性。")
    assert {"手工", "匠人"} <= set(found) and not {"手", "工匠"} & set(found)


def test_not_belongs_to_the_adverb_before_it(extractor: Extractor) -> None:
    found = mentions(extractor, "Group\n而这个并不算大的群体对自己的定义更狭窄。")
    assert {"并不", "算"} <= set(found) and "不算" not in found
    found = mentions(extractor, "Night market\n走訪台灣夜市一趟絕不能錯過臭豆腐。")
    assert "絕不" in found and "絕" not in found
    found = mentions(extractor, "Question\n你要不要喝茶？我们好不好？")
    assert "要不" not in found and "好不" not in found


def test_an_amount_in_a_sentence_is_no_term(extractor: Extractor) -> None:
    found = mentions(extractor, "Trip\n我们在北京住了三天，看了两个公园和一只熊猫。")
    assert not {"三天", "两个"} & set(found)
    assert {"北京", "公园", "熊猫"} <= set(found)
    assert "一只" in found  # a classifier a student learns (zhī, for animals) stays
    assert "一些" in mentions(extractor, "Food\n加一些原料。")  # a dictionary word


def test_an_adverb_gives_its_verb_to_the_result_after_it(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "行\n当你走在路上时,说“我要出行”,这里的“行”就读作“xíng”;"
        "而当你提到银行或者商行时,这个“行”则要读成“háng”。",
    )
    assert "读作" in found and not {"就读", "作"} & set(found)
    assert "就读" in mentions(extractor, "School\n他在北京大学就读。")  # to attend school


def test_a_number_and_classifier_before_a_noun_are_no_compound(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "Xiahai\nBusiness (一些人,主要是政府机关工作人员、国企员工等放弃他们的“铁饭碗”。)",
    )
    assert {"一些", "人"} <= set(found) and "一些人" not in found


def test_two_words_a_student_learns_apart_are_listed_apart(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "Shenzhen\n创客是对技术创新趋势和区域创新环境最为敏感的一群。",
        "Xiahai\n改革开放之初，市场经济开始繁荣，一个新的自由空间正在出现。",
    )
    assert {"技术", "创新", "自由", "空间"} <= set(found)
    assert not {"技术创新", "自由空间"} & set(found)
    # a phrase with a word learnt later is one term (a megacity), and so is a word's form
    assert "特大城市" in mentions(extractor, "Cities\n以特大城市为依托，形成城市群。")
    assert "不然的话" in mentions(extractor, "Tips\n不要放太多。不然的话包不住。")


def test_a_number_joins_only_what_it_counts(extractor: Extractor) -> None:
    found = mentions(extractor, "Business\n他们转而到这一新的空间里创业经商。")
    assert "一新" not in found and {"空间", "创业"} <= set(found)


def test_a_verb_and_de_before_a_noun_are_two_words(extractor: Extractor) -> None:
    found = mentions(extractor, "Oyster omelette\n吃的時候還要淋上特製醬料。")
    assert {"吃", "時候"} <= set(found) and "吃的" not in found
    assert "吃的" in mentions(extractor, "Food\n我们买了很多吃的。")  # food, alone


def test_both_and_repeats_its_you(extractor: Extractor) -> None:
    found = mentions(extractor, "重要\n重要 = 又重又需要")
    assert {"重", "需要"} <= set(found) and "重又" not in found


def test_a_short_sentence_takes_the_translation_after_it(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        "Dialogue\n1) 王: Ní hǎo ma? 你好吗? How are you?\n"
        "张: Hén hǎo. 我很好。 I am fine (very good).",
    )
    assert found["你好吗"].slide_gloss == "How are you?"
    assert found["我很好"].slide_gloss == "I am fine (very good)"
    # a word of a longer sentence is not what the sentence's translation says
    found = mentions(extractor, "Sentences\n他每天说中文。 He speaks Chinese every day.")
    assert found["中文"].slide_gloss == ""


def test_a_bound_form_joins_the_character_after_it(extractor: Extractor) -> None:
    found = mentions(extractor, "Makers\n既有手工匠人的自在随性，又具创新性。")
    assert "自在" in found and "自" not in found
    assert "自" in mentions(extractor, "Radicals\n- 自 self")  # written as a term alone


def test_a_unit_against_a_number_is_a_term_when_explained(extractor: Extractor) -> None:
    found = mentions(extractor, "Words\n一(yī=a)款(kuǎn=model)55寸(cùn=inch)规格(guīgé=size)")
    assert found["寸"].slide_gloss == "inch" and found["规格"].slide_gloss == "size"
    assert "年" not in mentions(extractor, "History\n2014年国务院发布了新的规定。")


def test_another_one_counts_with_its_classifier(extractor: Extractor) -> None:
    found = mentions(extractor, "Night market\n蚵仔煎是另一道遊客必吃的台灣小吃。")
    assert {"另", "道"} <= set(found) and "一道" not in found


def test_a_name_transcribed_around_a_middle_dot_is_a_western_name(lexicon: Lexicon) -> None:
    g = glossary(
        lexicon,
        "Makers\n美国《连线》杂志主编克里斯·安德森在被称为“创客界圣经”的《创客:新工业革命》"
        "一书中这样说。",
    )
    chris = term(g, "克里斯")
    assert (chris.pinyin_numbered, chris.gloss) == (
        "Ke4 li3 si1",
        "Kèlǐsī (transcribed Western name)",
    )
    # a Chinese name keeps its surname and given name
    g = glossary(lexicon, "Dialogue\n张明：你好！我叫张明。")
    assert term(g, "张明").gloss.startswith("personal name")


def test_a_classifier_after_its_number_joins_no_noun(extractor: Extractor) -> None:
    found = mentions(extractor, "Shopping\n他花了两千块钱买了一台电脑。")
    assert {"块", "钱", "电脑"} <= set(found) and not {"块钱", "两千"} & set(found)


def test_a_surname_and_a_title_is_a_name_holding_the_title(extractor: Extractor) -> None:
    """李老师 is Teacher Li: one name, whose words are the surname and 老师 (a word to learn)."""
    found = mentions(extractor, "Greeting\n李老师说你好。")
    assert "李老师" in found and "老师" in found["李老师"].parts
