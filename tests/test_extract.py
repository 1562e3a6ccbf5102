"""Term extraction from slides: runs, parts, mixed terms, slide glosses, romanisations."""

from __future__ import annotations

import pytest

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.extract import LONGEST_TERM, Extractor, Mention, characters_of_the_week
from hanzi_companion.text.models import Deck, DeckMetadata, Slide, SlideLink


def deck(*slides: Slide) -> Deck:
    return Deck(name="test.md", format="remark-markdown", slides=slides)


def slide(number: int, text: str, notes: str = "", title: str = "", **kw: object) -> Slide:
    return Slide(number=number, title=title or text.split("\n")[0], text=text, notes=notes, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def extractor(lexicon: Lexicon) -> Extractor:
    return Extractor(lexicon)


def mentions(extractor: Extractor, *slides: Slide) -> list[Mention]:
    return list(extractor.mentions(deck(*slides)))


def terms(extractor: Extractor, *slides: Slide) -> list[str]:
    return [m.term for m in mentions(extractor, *slides)]


def test_runs_in_text_then_notes_in_order(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        slide(1, "Cities\n城市 and 农村", notes="remember 胡同"),
        slide(2, "more 城市"),
    )
    assert [(m.term, m.slide, m.in_notes) for m in found] == [
        ("城市", 1, False),
        ("农村", 1, False),
        ("胡同", 1, True),
        ("城市", 2, False),
    ]


def test_slogans_split_on_enumeration_comma_and_comma(extractor: Extractor) -> None:
    assert terms(extractor, slide(1, "« 改革开放、科教兴国，城市化 »")) == [
        "改革开放",
        "科教兴国",
        "城市化",
    ]


def test_full_width_brackets_and_curly_quotes(extractor: Extractor) -> None:
    assert terms(extractor, slide(1, "the so-called “山寨” phones and 「胡同」《城市》")) == [
        "山寨",
        "胡同",
        "城市",
    ]


def test_whole_run_kept_with_its_words_as_parts(extractor: Extractor) -> None:
    (found,) = mentions(extractor, slide(1, "Coworking: 联合创业办公社"))
    assert found.term == "联合创业办公社"
    assert found.parts[:2] == ("联合", "创业")
    assert "".join(found.parts) == found.term


def test_unknown_compound_kept_whole(extractor: Extractor, lexicon: Lexicon) -> None:
    assert "榕树咖啡屋" not in lexicon
    (found,) = mentions(extractor, slide(1, "Banyan Cafe (榕树咖啡屋)"))
    assert found.term == "榕树咖啡屋"
    assert found.parts == ("榕树", "咖啡屋")
    assert found.slide_gloss == "Banyan Cafe"


def test_a_sentence_gives_its_words(extractor: Extractor) -> None:
    # Every word but the sentence's glue (要, 的): pronouns are words a reader looks up too.
    found = terms(extractor, slide(1, "Quote: 我们要建设美丽的城市。"))
    assert found == ["我们", "建设", "美丽", "城市"]


def test_small_words_with_a_meaning_are_words_of_a_sentence(extractor: Extractor) -> None:
    # 也 'also' and 是 'to be' are taught from a dialogue; the particle 吗 is glue.
    found = terms(extractor, slide(1, "你也是美国人吗?"))
    assert "也" in found and "是" in found and "吗" not in found
    found = terms(extractor, slide(1, "它还能让我们看见。"))
    assert "还" in found and "让" in found


def test_a_word_written_with_a_variant_character_is_one_word(extractor: Extractor) -> None:
    # jieba knows 什麼 and 什么, not 什麽 (麽: "variant of 麼"), and cuts it apart.
    found = terms(extractor, slide(1, "你叫什麽名字?"))
    assert "什麽" in found and "什" not in found and "麽" not in found
    found = terms(extractor, slide(1, "豆腐在發酵的鹵汁裡浸泡了好幾個月。"))
    assert "鹵汁" in found and "鹵" not in found and "汁" not in found


def test_a_name_the_document_romanises_inside_a_sentence_is_one_word(
    extractor: Extractor,
) -> None:
    # jieba cuts the transcribed name 东尼 (Tony) into 东 | 尼; the pinyin line writes Dōngní.
    line = "他是东尼,是美国人。"
    found = terms(extractor, slide(1, f"{line}\nTā shì Dōngní, shì Měiguórén."))
    assert "东尼" in found and "东" not in found and "尼" not in found
    assert "东尼" not in terms(extractor, slide(1, line))  # no romanisation: no name
    # Capitalised only as a sentence's first word: no name (上联 is no person).
    found = terms(extractor, slide(1, "上联和下联是对应的。\n(Shànglián hé xiàlián.)"))
    assert "上联" not in extractor.names


def test_an_idiom_the_dictionaries_lack_stays_whole_in_a_sentence(extractor: Extractor) -> None:
    # jieba leaves 同 声 同 气 apart; its corpus counts the idiom, not only 同声 and 同气.
    found = terms(extractor, slide(1, "深圳弥漫着与创客们最为同声同气的精神。"))
    assert "同声同气" in found and "同声" not in found and "同气" not in found


def test_which_asks_about_the_next_character(extractor: Extractor) -> None:
    # jieba cuts 哪 | 国人 ('compatriots'); 哪国人 is 'a person of which country'.
    found = terms(extractor, slide(1, "你是哪国人?"))
    assert "国" in found and "人" in found and "国人" not in found and "哪国" not in found
    assert "城市" in terms(extractor, slide(1, "你住在哪个城市?"))  # 哪个 is a word


def test_a_name_written_against_a_number_is_its_unit(extractor: Extractor) -> None:
    # 米高 is only a name (Michael) in the dictionary; after 5 it is 米 'metre' and 高 'tall'.
    found = terms(extractor, slide(1, "他观看了一只5米高的长颈鹿机器人。"))
    assert "米高" not in found and "高" in found


def test_mixed_latin_and_han_terms(extractor: Extractor) -> None:
    (found,) = mentions(extractor, slide(1, "## AAA 货"))
    assert (found.term, found.han, found.parts, found.latin) == ("AAA 货", "货", ("货",), "AAA")


def test_units_against_numbers_are_not_terms(extractor: Extractor) -> None:
    assert terms(extractor, slide(1, "Founded 2014年, about 3个 spaces")) == []
    assert "年" not in terms(extractor, slide(1, "2014年国务院发布了新政策。"))


def test_words_counted_by_a_number_inside_a_chinese_sentence_are_terms(
    extractor: Extractor,
) -> None:
    """你知道3月29號是什麼日子, 永遠的25歲: the month, the day and the age are the sentence's
    words, written against digits as 三月 is against 三."""
    found = terms(extractor, slide(1, "你知道3月29號是什麼日子嗎?我們永遠的25歲。"))
    assert {"月", "號", "歲"} <= set(found), found


def test_english_before_after_and_in_parentheses(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        slide(
            1,
            "Targeted Poverty Alleviation 精准扶贫 (2014)\n"
            "- Tech and development Zones (开发区)\n"
            '1990s: SOE reform - "Grasp the large, let go of the small" (抓大放小)\n'
            "城中村 (urban villages)\n"
            "胡同 alley",
        ),
    )
    assert [(m.term, m.slide_gloss) for m in found] == [
        ("精准扶贫", "Targeted Poverty Alleviation"),
        ("开发区", "Tech and development Zones"),
        ("抓大放小", "Grasp the large, let go of the small"),
        ("城中村", "urban villages"),
        ("胡同", "alley"),
    ]


def test_a_line_of_english_above_a_term_alone(extractor: Extractor) -> None:
    (found,) = mentions(
        extractor,
        slide(
            1,
            "Xi Jinping Thought (link)\n习近平新时代中国特色社会主义思想",
            links=(SlideLink("link", "https://example.org/x.pdf"),),
        ),
    )
    assert found.slide_gloss == "Xi Jinping Thought"


def test_a_clause_is_not_a_gloss(extractor: Extractor) -> None:
    (found,) = mentions(
        extractor,
        slide(
            1,
            "x",
            notes="Problem : creative class Cluster Policy 城中村 Shanghai government shift "
            "in policy : more",
        ),
    )
    assert found.slide_gloss == ""


def test_link_labels_are_not_glosses(extractor: Extractor) -> None:
    links = (SlideLink("Purple Culture", "https://example.org/?word=创"),)
    (found,) = mentions(extractor, slide(1, "创 Purple Culture / Hanziyuan", links=links))
    assert found.slide_gloss == ""


def test_romanisation_next_to_the_term(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        slide(
            1,
            "创客 chuangke\nshan zhai\n山寨\nXindanwei (新单位)\n"
            "Liu Yan, co-founder of Xindanwei (新单位)",
        ),
    )
    assert [(m.term, m.romanisation, m.slide_gloss) for m in found] == [
        ("创客", "chuangke", ""),
        ("山寨", "shan zhai", ""),
        ("新单位", "Xindanwei", ""),
        ("新单位", "Xindanwei", ""),
    ]
    assert found[0].romanisation_span is not None
    start, end = found[0].romanisation_span
    assert "创客 chuangke"[start:end] == "chuangke"


def test_character_of_the_week_slide_with_links() -> None:
    links = (SlideLink("Purple Culture", "https://example.org/?word=创"),)
    weekly = characters_of_the_week(
        deck(
            slide(1, "Week 7\n学\nInnovation"),
            slide(2, "Character of the week\n创 Purple Culture", links=links),
        )
    )
    assert [(w.character, w.slide, w.links) for w in weekly] == [
        ("创", 2, (("Purple Culture", "https://example.org/?word=创"),))
    ]


def test_character_of_the_week_from_the_title_slide() -> None:
    title = Slide(1, "Week 7", "Week 7\n创\nInnovation", headings=((2, "Week 7"), (1, "创")))
    weekly = characters_of_the_week(deck(title, slide(2, "城市 and more")))
    assert [(w.character, w.slide) for w in weekly] == [("创", 1)]


def test_no_character_of_the_week() -> None:
    assert characters_of_the_week(deck(slide(1, "Cities"), slide(2, "城市化 and 城市"))) == ()


def test_a_talks_lone_cover_character_is_no_character_of_the_week() -> None:
    """Without a week label a big character on the cover is the talk's topic."""
    cover = Slide(1, "京", "京\nThe capital and its region", headings=((1, "京"),))
    assert characters_of_the_week(deck(cover, slide(2, "北京 and 天津"))) == ()
    week = Deck("w.md", "remark-markdown", (cover,), DeckMetadata(week=3))
    assert [w.character for w in characters_of_the_week(week)] == ["京"]


def test_separators_and_markers_around_a_gloss(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        slide(
            1, "创新 – Innovation\nUrban villages: 城中村\n人 means person\n创客 maker, 黑客 hacker"
        ),
    )
    assert [(m.term, m.slide_gloss) for m in found] == [
        ("创新", "Innovation"),
        ("城中村", "Urban villages"),
        ("人", "person"),
        ("创客", "maker"),
        ("黑客", "hacker"),
    ]


def test_a_label_before_several_terms_is_their_topic_not_a_gloss(extractor: Extractor) -> None:
    """A label before several terms ("Redevelopment: 拆迁 and 城中村") names what they are
    about; a term alone after a label, or with its romanisation, still takes it."""
    found = mentions(
        extractor,
        slide(
            1,
            "- Redevelopment: 拆迁 and 城中村\n- Villages: 城中村, 农村\nHome - 首页 (shǒuyè)",
        ),
    )
    assert [(m.term, m.slide_gloss) for m in found][:4] == [
        ("拆迁", ""),
        ("城中村", ""),
        ("城中村", ""),
        ("农村", ""),
    ]
    assert [(m.term, m.slide_gloss) for m in found][4:] == [("首页", "Home")]


def test_prose_around_a_term_is_not_its_gloss(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        slide(1, "la politique du 单位 est claire\n创新 is important\nthe word 城中村 matters"),
    )
    assert [(m.term, m.slide_gloss) for m in found] == [
        ("单位", ""),
        ("创新", ""),
        ("城中村", ""),
    ]


def test_traditional_script_sentence_gives_its_words(extractor: Extractor) -> None:
    found = terms(extractor, slide(1, "我們要建設美麗的城市。"))
    assert found == ["我們", "建設", "美麗", "城市"]


def test_no_terms_inside_bare_urls(extractor: Extractor) -> None:
    assert terms(extractor, slide(1, "see https://example.org/?word=创 and www.x.cn/创新")) == []


def test_notes_prose_gives_no_bare_gloss_and_phrases_with_de_split(extractor: Extractor) -> None:
    found = mentions(extractor, slide(1, "x", notes="Ask about 北京的胡同 and the lilong (里弄)"))
    assert [(m.term, m.slide_gloss, m.romanisation) for m in found] == [
        ("北京", "", ""),
        ("胡同", "", ""),
        ("里弄", "", "lilong"),
    ]


def test_english_after_a_label_or_an_article_is_a_gloss(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        slide(
            1,
            "- 1992: Deng Xiaoping's southern tour 南巡\n"
            "- the gated compound 封闭小区, and more\n"
            "- the character 拆 painted on walls",
        ),
    )
    assert [(m.term, m.slide_gloss) for m in found] == [
        ("南巡", "Deng Xiaoping's southern tour"),
        ("封闭小区", "gated compound"),
        ("拆", ""),
    ]


def test_quoted_english_after_a_term_counts_in_notes(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        slide(1, "x", notes='Deng said 杀出一条血路, "blaze a bloody trail". And "山寨" phones'),
    )
    assert [(m.term, m.slide_gloss) for m in found] == [
        ("杀出一条血路", "blaze a bloody trail"),
        ("山寨", ""),
    ]


def test_a_quotation_after_a_comma_and_an_article_is_the_gloss(extractor: Extractor) -> None:
    found = mentions(extractor, slide(1, "x", notes='Mention 世界工厂, the "world\'s factory".'))
    assert [(m.term, m.slide_gloss) for m in found] == [("世界工厂", "world's factory")]


def test_a_term_in_parentheses_after_another_names_it(extractor: Extractor) -> None:
    found = mentions(extractor, slide(1, "Housing reform 住房制度改革 (房改) and 城市 (胡同 x)"))
    assert [(m.term, m.other_name_of) for m in found] == [
        ("住房制度改革", ""),
        ("房改", "住房制度改革"),
        ("城市", ""),
        ("胡同", ""),
    ]


def test_english_is_trimmed_to_what_names_the_term(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        slide(
            1,
            "- 1979, built by China Merchants (招商公司)\n"
            "- 1980: four special economic zones (经济特区)\n"
            "- the so-called « urban villages » (城中村)\n"
            "- Character of the week\n城市\n"
            "# Hong Kong: 单位",
        ),
    )
    assert [(m.term, m.slide_gloss) for m in found] == [
        ("招商公司", "China Merchants"),  # a phrase ending in a name: the name
        ("经济特区", "special economic zones"),  # the count is not part of the meaning
        ("城中村", "urban villages"),  # English in parentheses after the closing quote
        ("城市", ""),  # a slide label is never a gloss
        ("单位", ""),  # a topic that shares no word with any sense of a dictionary word
    ]


def test_a_translation_line_below_a_slogan_glosses_each_piece(extractor: Extractor) -> None:
    found = mentions(
        extractor,
        slide(1, 'x\n「先生产、后生活」\n"Production first, living second"\n城市、农村\nCities'),
    )
    assert [(m.term, m.slide_gloss) for m in found] == [
        ("先生产", "Production first"),
        ("后生活", "living second"),
        ("城市", ""),  # two pieces, one clause: no pairing
        ("农村", ""),
    ]


def test_runs_joined_by_a_conjunction_give_their_words(extractor: Extractor) -> None:
    assert terms(extractor, slide(1, "北京还是上海")) == ["北京", "还是", "上海"]
    assert terms(extractor, slide(1, "北京和上海")) == ["北京", "上海"]


def test_batched_lookups_agree_with_single_lookups(lexicon: Lexicon) -> None:
    words = ["后", "局", "單位", "单位", "朝阳", "长", "行", "重庆", "没有的词语", "Ｔ恤"]
    batched = lexicon.lookup_many(words)
    assert list(batched) == words
    assert all(batched[w] == lexicon.lookup(w) for w in words)
    extractor = Extractor(lexicon)
    extractor.prefetch(words)
    assert all(extractor.lookup(w) == lexicon.lookup(w) for w in words)


def test_the_weekly_character_is_the_one_shown_alone_not_those_explaining_it() -> None:
    weekly = characters_of_the_week(
        deck(
            slide(1, "Character of the week\n群\n君 (the lord, sound) over 羊 (sheep): a flock."),
        )
    )
    assert [w.character for w in weekly] == ["群"]


@pytest.mark.parametrize(
    "text",
    [
        "« 城市，让生活更美好 » ― et la campagne ?",  # quoted
        "城市，让生活更美好\nBetter City, Better Life (Expo 2010)",  # translated below
        "城市，让生活更美好",  # a line of short clauses only
    ],
)
def test_a_slogan_clause_with_a_function_word_stays_whole(extractor: Extractor, text: str) -> None:
    """让 makes 让生活更美好 look like a sentence; written as a slogan it is one term whose
    single-character words (让, 更) are parts."""
    found = mentions(extractor, slide(1, text))
    assert [m.term for m in found] == ["城市", "让生活更美好"]
    assert found[1].parts == ("让", "生活", "更", "美好")


def test_a_quoted_sentence_is_a_sentence_not_clause_terms(extractor: Extractor) -> None:
    """A line whose last clause is a sentence (的) is one sentence: its clauses give their
    words, and the next line (a list item) is no translation of them."""
    found = mentions(
        extractor,
        slide(
            1,
            "以特大城市为依托，形成空间紧凑、经济联系紧密的城市群\n"
            "a core megacity, its satellites, and the corridors between them",
        ),
    )
    found_terms = [m.term for m in found]
    assert "以特大城市为依托" not in found_terms and "形成空间紧凑" not in found_terms
    spoken = terms(extractor, slide(1, "我们要建设美丽的城市，让生活更美好"))
    assert "让生活更美好" not in spoken and "生活" in spoken  # one sentence, not a slogan
    assert {"依托", "形成", "空间", "紧凑", "经济", "紧密"} <= set(found_terms)
    assert all(m.slide_gloss == "" for m in found)


def test_a_middle_dot_separates_a_book_and_its_chapter(extractor: Extractor) -> None:
    """The dot joins a transcribed name (马克·吐温); in 《》, or between two dictionary words,
    it separates a title from its chapter."""
    assert terms(extractor, slide(1, "《周礼·考工记》")) == ["周礼", "考工记"]
    assert terms(extractor, slide(1, "the Rites: 周礼·考工记 and more")) == ["周礼", "考工记"]
    assert terms(extractor, slide(1, "a writer: 马克·吐温")) == ["马克·吐温"]


@pytest.mark.parametrize(
    ("text", "term", "gloss"),
    [
        ("- distinction entre 农业户口 et 非农业户口", "农业户口", ""),  # French filler
        (
            "orientation: 坐北朝南, sitting in the north and facing south",
            "坐北朝南",
            "sitting in the north and facing south",
        ),
        (
            "from 永定门 in the south to the Drum and Bell Towers (钟鼓楼) in the north",
            "钟鼓楼",
            "Drum and Bell Towers",
        ),
        ("- plus de 7 000 en 2022 (AliResearch, 阿里研究院)", "阿里研究院", "AliResearch"),
        (
            "the 21st-century Maritime Silk Road (21世纪海上丝绸之路)",
            "21世纪海上丝绸之路",
            "21st-century Maritime Silk Road",
        ),
    ],
)
def test_what_the_slide_says_a_term_means(
    extractor: Extractor, text: str, term: str, gloss: str
) -> None:
    by_term = {m.term: m for m in mentions(extractor, slide(1, text))}
    assert by_term[term].slide_gloss == gloss


def test_a_term_listed_among_places_is_a_place(lexicon: Lexicon) -> None:
    from hanzi_companion.glossary import build_glossary

    capitals = Deck("c.md", "markdown", (slide(1, "Capitals: 西安, 洛阳, 开封, 杭州, 南京"),))
    by_term = {t.term: t for t in build_glossary(capitals, lexicon).terms}
    assert "Kaifeng" in by_term["开封"].gloss
    alone = Deck("o.md", "markdown", (slide(1, "开封 the letter"),))
    assert "Kaifeng" not in build_glossary(alone, lexicon).terms[0].gloss


def test_a_sentence_keeps_a_word_of_the_corpus_whole(
    extractor: Extractor, lexicon: Lexicon
) -> None:
    """特大城市 (megacity) is in jieba's corpus word list though no dictionary defines it:
    a sentence gives it whole, not 特大 and 城市."""
    assert not lexicon.lookup("特大城市")
    found = terms(extractor, slide(1, "以特大城市为依托，形成紧密的城市群"))
    assert "特大城市" in found and "特大" not in found


def test_a_status_word_of_the_corpus_gives_its_words(
    extractor: Extractor, lexicon: Lexicon
) -> None:
    """阵容庞大 ("the line-up is huge") is in jieba's corpus as a status word, a thing and how
    it is, and no dictionary defines it: a sentence gives 阵容 and 庞大."""
    assert not lexicon.lookup("阵容庞大")
    found = terms(extractor, slide(1, "深圳的创客阵容庞大，吸引了很多年轻人"))
    assert "阵容庞大" not in found and {"阵容", "庞大"} <= set(found)


def test_a_run_longer_than_any_term_gives_its_words(extractor: Extractor) -> None:
    """Prose without punctuation (or a pasted wall of text) is no term, even quoted: its
    words are, so nothing grows with the square of its length."""
    wall = "城市化" * 20
    assert len(wall) > LONGEST_TERM
    assert set(terms(extractor, slide(1, wall))) == {"城市化"}
    assert set(terms(extractor, slide(1, f"« {wall} » (urbanisation)"))) == {"城市化"}


def test_extension_g_and_h_characters_are_han(extractor: Extractor) -> None:
    """CJK Extension G/H (U+30000-U+323AF) are Chinese too; a reading pypinyin lacks stays
    empty rather than repeating the character."""
    assert terms(extractor, slide(1, "\U00030000 and \U00031350 are rare")) == [
        "\U00030000",
        "\U00031350",
    ]
    assert extractor.guess_reading("\U00030000") == ""


def test_a_plural_noun_in_a_sentence_is_the_noun_and_its_suffix(extractor: Extractor) -> None:
    found = terms(extractor, slide(1, "Stories\n晚上,老师要给孩子们讲故事。"))
    assert "孩子们" not in found
    assert "孩子" in found and "们" in found


def test_an_adverb_before_a_modal_verb_in_a_sentence_is_two_words(extractor: Extractor) -> None:
    found = terms(extractor, slide(1, "Evenings\n晚上,我们都会看电视的。"))
    assert "都会" not in found  # no "metropolis": 都 and 会 are the sentence's glue
    assert {"看", "电视"} <= set(found)  # a verb and its object: two words of the sentence


def test_only_a_terms_first_mentions_are_read_for_what_is_written_beside_them(
    extractor: Extractor,
) -> None:
    from hanzi_companion.text.extract import BESIDE_READS

    found = mentions(extractor, slide(1, "新年 (New Year)，" * (BESIDE_READS + 30)))
    assert len(found) == BESIDE_READS + 30  # every mention is still counted
    glossed = [m for m in found if m.slide_gloss]
    assert glossed and len(glossed) <= BESIDE_READS
    assert all(m.slide_gloss == "New Year" for m in glossed)


def test_labels_and_speakers_are_found_on_a_long_line_too(extractor: Extractor) -> None:
    filler = "城市" + "，城市" * 2000
    assert "第三周" not in terms(extractor, slide(1, filler + " 第三周：创新"))
    found = mentions(extractor, slide(1, "- 马丽：你好！" + filler))
    assert found[0].term == "马丽" and found[0].personal_name


def test_a_word_no_dictionary_has_is_read_from_its_words(extractor: Extractor) -> None:
    """Its words' dictionary readings when they leave no choice (the words here are in no
    dictionary of the demo course), else pypinyin's phrase-aware reading."""
    assert extractor.guess_reading("旧车间") == "jiu4 che1 jian1"
    assert extractor.guess_reading("大众黑客") == "da4 zhong4 hei1 ke4"
    assert extractor.guess_reading("三创") == "san1 chuang4"  # 创 is chuàng or chuāng
