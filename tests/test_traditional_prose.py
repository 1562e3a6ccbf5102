"""Chinese prose in traditional characters (Taiwan and Hong Kong blog posts) read as its
simplified twin is: jieba's corpus and the word-class table are simplified, so a traditional
word is looked up under its simplified spelling; and blog chrome is no text. On the real data."""

from __future__ import annotations

import pytest

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.forms import cantonese_plural_form, simplified_spelling
from hanzi_companion.senses import build_context, choose_sense
from hanzi_companion.text.decks import read_deck_text
from hanzi_companion.text.extract import Extractor


@pytest.fixture(scope="module")
def extractor(lexicon: Lexicon) -> Extractor:
    return Extractor(lexicon)


def terms(extractor: Extractor, text: str) -> list[str]:
    return [m.term for m in extractor.mentions(read_deck_text(text, "post.txt"))]


def test_a_traditional_word_is_spelt_simplified(lexicon: Lexicon) -> None:
    assert simplified_spelling("遊覽車", lexicon.lookup) == "游览车"
    assert simplified_spelling("游览车", lexicon.lookup) == "游览车"


def test_the_corpus_counts_a_traditional_word_under_its_simplified_spelling(
    extractor: Extractor,
) -> None:
    assert extractor.corpus_word("遊覽車") and extractor.corpus_word("游览车")
    assert not extractor.segmenter.corpus_word("遊覽車")  # the corpus alone is simplified


@pytest.mark.parametrize(
    ("traditional", "simplified", "word"),
    [
        ("一台接一台的大型遊覽車。", "一台接一台的大型游览车。", "遊覽車"),  # tour bus
        ("和預設中的畫面相差不遠。", "和预设中的画面相差不远。", "不遠"),
    ],
)
def test_traditional_prose_keeps_the_words_of_its_simplified_twin(
    extractor: Extractor, traditional: str, simplified: str, word: str
) -> None:
    assert word in terms(extractor, traditional)
    assert simplified_spelling(word, extractor.lookup) in terms(extractor, simplified)


def test_the_word_class_of_a_traditional_word(extractor: Extractor) -> None:
    assert extractor.lexicon.word_class("場") is None  # the table is simplified
    assert extractor.word_class("場") == extractor.lexicon.word_class("场") == "q"
    assert extractor.word_class("豐富") == "a"


def test_an_adverb_and_a_modal_before_de_are_the_noun(extractor: Extractor) -> None:
    """都會 before 的 is "metropolis"; before a verb 都 + 會 "all will"."""
    assert "都會" in terms(extractor, "都忠實反映著都會的千姿百態。")
    found = terms(extractor, "明天我們都會去公園。")
    assert "都會" not in found and {"都", "會"} <= set(found)


def test_an_adverb_and_a_modal_are_not_joined_by_the_corpus(extractor: Extractor) -> None:
    found = terms(extractor, "吃的時候還要淋上特製醬料。")
    assert "還要" not in found and "還" in found


def test_blog_buttons_give_no_terms(lexicon: Lexicon) -> None:
    text = (
        "2007-09-09| 人氣172| 回應0 | 上一篇 | 下一篇\n\n"
        "推薦 0 收藏 0 轉貼0 訂閱站台\n\n第一天早餐。"
    )
    glossary = build_glossary(read_deck_text(text, "post.txt"), lexicon)
    assert [t.term for t in glossary.terms] == ["第一天", "早餐"]


@pytest.mark.parametrize(
    ("text", "name", "gloss"),
    [
        ("張先生是巴黎毛冷公司東主。", "張先生", "Mr Zhāng"),
        ("王老师来了。", "王老师", "Teacher Wáng"),
        ("李小姐很好。", "李小姐", "Miss Lǐ"),
    ],
)
def test_a_surname_and_a_title_are_a_persons_name(
    lexicon: Lexicon, text: str, name: str, gloss: str
) -> None:
    glossary = build_glossary(read_deck_text(text, "post.txt"), lexicon)
    found = {t.term: t for t in glossary.terms}
    assert found[name].gloss == gloss
    assert found[name].pinyin.startswith(found[name].pinyin[:1].upper())
    assert name[0] not in found  # no "to open up", "king" or "plum"


def test_a_counted_surname_is_no_name(lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck_text("一张先生的照片。", "post.txt"), lexicon)
    assert "张先生" not in {t.term for t in glossary.terms}


def test_a_degree_adverb_and_its_adjective_are_two_words(extractor: Extractor) -> None:
    """極慢 "extremely slow": 極 and 慢, as 很 重 is, though jieba's corpus counts 极慢."""
    found = terms(extractor, "餐點上的極慢。")
    assert "極慢" not in found and {"極", "慢"} <= set(found)


def test_a_time_and_after_are_two_words(lexicon: Lexicon) -> None:
    """入夜後 "after nightfall": 入夜 and 後 "after" (nightfall is a time), not 入夜後."""
    glossary = build_glossary(read_deck_text("但入夜後,遊客散盡了。", "post.txt"), lexicon)
    found = {t.term: t for t in glossary.terms}
    assert "入夜後" not in found and "入夜" in found
    assert found["後"].gloss.startswith("after")


def test_cantonese_plural_of_a_pronoun_is_the_mandarin_plural(lexicon: Lexicon) -> None:
    """我哋 (Cantonese "we"): one word, meaning 我們, read wǒdì with CC-CEDICT's 哋 di4."""
    form = cantonese_plural_form("我哋", lexicon.lookup)
    assert form is not None and form.word in ("我们", "我們")
    assert cantonese_plural_form("學哋", lexicon.lookup) is None
    glossary = build_glossary(read_deck_text("我哋好鍾意維多利亞公園。", "post.txt"), lexicon)
    found = {t.term: t for t in glossary.terms}
    assert "哋" not in found
    assert found["我哋"].gloss.startswith("we") and found["我哋"].pinyin == "wǒdì"


def test_a_character_of_chinese_prose_is_not_read_through_its_longer_words(
    lexicon: Lexicon,
) -> None:
    """因為 "because" elsewhere in the text says nothing of 為 in 配料為 "the ingredients are"."""
    text = "主要配料為碎魚肉、瘦肉和花生。因為早上去可以看見很多當地人在喝茶看報紙。"
    glossary = build_glossary(read_deck_text(text, "post.txt"), lexicon)
    found = {t.term: t for t in glossary.terms}
    assert "因為" in found and found["為"].pinyin == "wéi"


def test_to_be_joins_no_word_before_it(extractor: Extractor) -> None:
    """無論是 "no matter whether it is": 無論 and 是, though jieba's corpus counts 无论是."""
    found = terms(extractor, "無論是急速的步伐,都忠實反映著都會。")
    assert "無論是" not in found and "無論" in found


def test_english_a_writer_slips_into_chinese_prose_is_no_gloss(lexicon: Lexicon) -> None:
    """一個非常LOCAL的地方: 地方 is still dìfang "place", not dìfāng "local"; English right
    beside a term still glosses it."""
    line = "深水埗是一個非常LOCAL的地方"
    entries = lexicon.lookup("地方")
    prose = choose_sense(entries, build_context(entries, "地方", lines=[line], prose=True))
    lesson = choose_sense(entries, build_context(entries, "地方", lines=[line]))
    assert prose is not None and lesson is not None
    assert prose.entry.pinyin_numbered == "di4 fang5"
    assert lesson.entry.pinyin_numbered == "di4 fang1"  # a lesson's English speaks for "local"
    beside = build_context(entries, "地方", lines=["地方 (local)"], prose=True)
    assert "local" in beside.gloss
