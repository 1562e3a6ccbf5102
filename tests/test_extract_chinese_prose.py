"""Documents written in Chinese: their headings, list items and sentences are prose that gives
its words; real names and short quoted expressions stay whole (text/extract.py, language.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.decks import read_deck, read_deck_text
from hanzi_companion.text.extract import Extractor
from hanzi_companion.text.language import is_chinese_document

ROOT = Path(__file__).parent.parent
DECKS = ROOT / "tests" / "data" / "decks"

# A Chinese-language how-to deck, in the manner of the notes students write on their tools.
HOW_TO = """# Marp基本用法

Marp是一个基于Markdown的演示文稿工具，可以用简单的文本语法制作幻灯片。

---

## 创建幻灯片

1. 在终端中运行以下命令安装工具：
2. 保存文件，然后导出幻灯片。

### 项目中

---

## 什么是“山寨之都”

深圳曾被叫作“山寨之都”，后来被称为“创新之都”。
美国《连线》杂志主编克里斯·安德森写了一本书。
"""


def _terms(lexicon: Lexicon, text: str, name: str = "notes.md") -> list[str]:
    deck = read_deck_text(text, name, "markdown")
    return [m.term for m in Extractor(lexicon).mentions(deck)]


def _text(path: Path) -> str:
    deck = read_deck(path)
    return "\n".join(f"{s.text}\n{s.notes}" for s in deck.slides)


@pytest.mark.parametrize(
    ("path", "chinese"),
    [
        (ROOT / "hanzi_companion" / "demo_course" / "week07.txt", False),
        (DECKS / "senses" / "copycat_phones.md", False),
        (DECKS / "senses" / "word_of_the_day_trad.txt", False),
    ],
)
def test_lessons_in_english_are_not_chinese_documents(path: Path, chinese: bool) -> None:
    assert is_chinese_document(_text(path)) is chinese


def test_a_deck_written_in_chinese_is_one() -> None:
    assert is_chinese_document(HOW_TO)
    assert not is_chinese_document("深圳")  # too little to tell


def test_headings_and_list_items_give_their_words(lexicon: Lexicon) -> None:
    terms = _terms(lexicon, HOW_TO)
    assert "创建幻灯片" not in terms and {"创建", "幻灯片"} <= set(terms)
    assert "运行以下命令安装工具" not in terms and {"运行", "命令", "安装"} <= set(terms)
    assert "保存文件" not in terms and {"保存", "文件"} <= set(terms)
    assert "什么是" not in terms and "什么" in terms
    assert "项目中" not in terms and "项目" in terms  # a localizer: "in the project"


def test_noun_phrases_and_quoted_expressions_stay_whole(lexicon: Lexicon) -> None:
    terms = _terms(lexicon, HOW_TO)
    assert "基本用法" in terms  # basic usage: no verb, a term of its own
    assert "山寨之都" in terms and "创新之都" in terms  # short and set off in quotes


def test_in_an_english_deck_the_same_heading_is_a_term(lexicon: Lexicon) -> None:
    text = "# Week 3: slides\n\n## 创建幻灯片\n\nToday we learn how to make slides in Chinese."
    assert "创建幻灯片" in _terms(lexicon, text)


def test_a_name_transcribed_around_a_middle_dot(lexicon: Lexicon) -> None:
    terms = _terms(lexicon, HOW_TO)
    assert {"克里斯", "安德森"} <= set(terms)
    assert "·" not in terms and "克里" not in terms and "斯" not in terms


def test_a_rare_word_ending_in_a_particle_is_the_particle(lexicon: Lexicon) -> None:
    # 中的 zhòngdì "to hit the target" is a dictionary word the segmenter prefers; in prose the
    # 的 is the particle (运动中的机遇, “长城”中的“长”). 目的 mùdì "purpose" is a common word.
    text = "这是创客运动中的重大机遇。\n“长城”中的“长”是长度的意思。\n我们的目的很简单。"
    terms = _terms(lexicon, text, "article.txt")
    assert "中的" not in terms and "中" in terms
    assert "目的" in terms


def test_a_quoted_sentence_gives_its_words(lexicon: Lexicon) -> None:
    # Short and quoted, but a sentence: a pronoun speaks (an example of 行 xíng in use).
    text = "“行”读xíng时表示走路，比如“我要出行”。这个字还有别的读音，要看它在词语中的意思。"
    terms = _terms(lexicon, text, "article.txt")
    assert "我要出行" not in terms and "出行" in terms


def test_a_phrase_the_document_translates_stays_whole(lexicon: Lexicon) -> None:
    text = (
        "# 本课生词\n\n- 创建幻灯片 (create slides)\n\n"
        "学习用电脑做演示文稿的时候，老师先讲怎么创建幻灯片，然后讲怎么保存文件。"
    )
    assert is_chinese_document(text)
    terms = _terms(lexicon, text)
    assert "创建幻灯片" in terms  # the vocabulary row, translated
    assert "保存文件" not in terms  # the prose


def test_a_heading_that_opens_with_a_name_gives_its_words(lexicon: Lexicon) -> None:
    # "Causeway Bay, then and now": a place and what is said of it, not a term
    text = (
        "銅鑼灣今昔\n\n我們在銅鑼灣住了很多年，看著這個地方一直在變。"
        "以前這裡有很多小店，現在都是百貨公司和大商場。"
    )
    terms = _terms(lexicon, text, "stories.txt")
    assert "銅鑼灣今昔" not in terms and {"銅鑼灣", "今昔"} <= set(terms)


def test_a_long_run_with_a_preposition_is_a_clause(lexicon: Lexicon) -> None:
    # 以 "with, by": the run says how the congee is (smooth and soft), it names nothing
    text = (
        "艇仔粥原為水上人家用小艇在河面販賣\n\n艇仔粥以粥滑軟綿、芳香鮮味聞名\n\n"
        "我最喜歡吃艇仔粥，每次去廣州都會吃一碗艇仔粥\n"
    )
    terms = _terms(lexicon, text, "food.txt")
    assert "艇仔粥以粥滑軟綿" not in terms and {"艇仔粥", "粥"} <= set(terms)


def test_an_item_of_a_list_of_dishes_is_one_term(lexicon: Lexicon) -> None:
    # the items of a list set apart by 、 are alike: 燃面 is a dish as 火锅 is
    text = (
        "到了成都，好吃的实在太多：担担面、麻婆豆腐、燃面、火锅、叶儿粑。"
        "我们每天都去不同的地方吃饭，从早上吃到晚上。"
    )
    terms = _terms(lexicon, text, "trip.txt")
    assert {"燃面", "叶儿粑", "火锅"} <= set(terms)
    assert not {"燃", "粑"} & set(terms)


def test_a_list_of_clauses_gives_their_words(lexicon: Lexicon) -> None:
    text = (
        "从创新、创造，再到创意、创见，深圳弥漫着开放创新的精神。"
        "很多年轻人来到这里，开始自己的事业。"
    )
    terms = _terms(lexicon, text, "article.txt")
    assert "从创新" not in terms and "再到创意" not in terms


def test_a_name_set_off_in_lenticular_brackets_stays_whole(lexicon: Lexicon) -> None:
    # 【】 sets off names in Chinese blogs as quotes do: the dish, not 豬 + 扒 + 包
    text = (
        "點的菜色中，以【咖哩牛腩】最讓人激賞，澳門經典的【豬扒包】當然不可少。"
        "我們吃得很飽，下次還要再來這家餐廳。"
    )
    terms = _terms(lexicon, text, "food.txt")
    assert {"咖哩牛腩", "豬扒包"} <= set(terms)


def test_a_street_named_with_a_localiser_stays_whole(lexicon: Lexicon) -> None:
    # 前 "front" names the street (Wuhouci Front Street); it makes no clause of it
    text = (
        "武侯祠前街\n\n武侯祠前街以其繁华热闹而闻名，它是成都市中较早形成的商业步行街。"
        "这条街道两旁布满了各式各样的餐馆。"
    )
    assert "武侯祠前街" in _terms(lexicon, text, "streets.txt")


def test_such_as_and_a_name_opening_a_list_is_no_item(lexicon: Lexicon) -> None:
    text = (
        "随后，经济特区的设立，如深圳、珠海、汕头、厦门，成为对外开放的窗口。"
        "这些城市的经济发展得很快，吸引了很多外国投资。"
    )
    terms = _terms(lexicon, text, "reform.txt")
    assert "如深圳" not in terms and "深圳" in terms
