"""A line of Chinese and the pinyin line written with it (text/interlinear.py), and the
readings the glossary takes from it.

The lines are those of real teaching material (tests/data/decks/real/dev3): a newspaper's
dialogue with a pinyin line under each line, a Hong Kong school's dialogue whose pinyin follows
the Chinese on its line and wraps, typed with the Latin alpha ɑ, a beginner lesson's table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_companion.glossary import Glossary, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.extract import Extractor
from hanzi_companion.text.interlinear import line_readings, translations
from hanzi_companion.text.models import Deck, Slide
from hanzi_companion.text.syllables import pinyin_letters, syllables_of, with_written_tones

DEV3 = Path(__file__).parent / "data" / "decks" / "real" / "dev3"


def _lines(folder: str, name: str) -> list[str]:
    return (DEV3 / folder / name).read_text("utf-8").split("\n")


def _glossary(lexicon: Lexicon, text: str) -> Glossary:
    slide = Slide(number=1, title=text.split("\n")[0], text=text)
    return build_glossary(Deck(name="lesson.txt", format="text", slides=(slide,)), lexicon)


def _reading(g: Glossary, word: str) -> str:
    """The term's reading in context, numbered (``shi2 yue4``)."""
    return next(t.pinyin_numbered for t in g.terms if t.term == word)


# -- pairing a line with its pinyin -------------------------------------------------------------


def test_the_pinyin_line_under_a_line_reads_each_character_numbers_read_out() -> None:
    lines = _lines("taipeitimes-youth-day-dialogue", "youth-day.txt")
    index = lines.index("清清:華華,你知道3月29號是什麼日子嗎?")
    readings = line_readings(lines, index)
    # 3月29號 is sān yuè èrshíjiǔ hào: the numbers' syllables are nobody's character's
    assert readings[:7] == ("Qing1", "qing5", "Hua2", "hua5", "ni3", "zhi1", "dao4")
    assert readings[7:9] == ("yue4", "hao4")
    assert readings[-3:] == ("ri4", "zi3", "ma5")


def test_a_capital_is_kept_a_lower_case_syllable_stays_lower() -> None:
    lines = _lines("taipeitimes-youth-day-dialogue", "youth-day.txt")
    readings = line_readings(lines, lines.index("清清:在中國也是同一天嗎?"))
    assert readings == (
        *("Qing1", "qing5", "Zai4", "Zhong1", "guo2", "ye3", "shi4"),
        *("tong2", "yi4", "tian1", "ma5"),
    )


def test_pinyin_after_the_chinese_on_its_line_wrapping_on_typed_with_alpha() -> None:
    lines = _lines("deliabw-csl-festival-dialogue", "dialogue2.txt")
    index = next(i for i, line in enumerate(lines) if line.startswith("阿文:"))
    readings = line_readings(lines, index)
    chinese = "阿文其次十月是香港的秋季秋天的天氣很好很涼快常常都是晴天但是十分乾燥"
    assert len(readings) == len(chinese)
    assert readings[:4] == ("a1", "wen2", "qi2", "ci4")  # ɑ̄ wén: qí cì
    assert readings[chinese.index("涼快") : chinese.index("涼快") + 2] == ("liang2", "kuai5")


def test_a_table_row_reads_its_chinese_cell_with_its_pinyin_cell() -> None:
    lines = _lines("effectivechinese-lesson-three", "lesson-3.txt")
    row = next(i for i, line in enumerate(lines) if "Wó yě bú lèi" in line)
    # the speaker's cell 王 has no pinyin of its own; the spoken tone changes as written
    assert line_readings(lines, row) == ("", "Wo2", "ye3", "bu2", "lei4")


def test_no_pinyin_line_no_readings() -> None:
    english = ["你好！", "Hello! How are you?", ""]
    assert line_readings(english, 0) == ()
    toneless_words = ["一个人", "a man", ""]  # pinyin-looking English has no tone written
    assert line_readings(toneless_words, 0) == ()
    too_few = ["你叫什么名字？", "Nǐ jiào shénme?"]
    assert line_readings(too_few, 0) == ()


def test_pinyin_above_and_an_erhua_r_the_characters_do_not_write() -> None:
    assert line_readings(["Nǐ qù nǎr?", "你去哪？"], 1) == ("Ni3", "qu4", "na3")
    assert line_readings(["A：你去哪儿？", "A: nǐ qù nǎr?"], 0) == ("ni3", "qu4", "na3", "r5")


def test_latin_words_the_chinese_line_writes_are_no_syllables() -> None:
    assert line_readings(["我叫 Mai。", "Wǒ jiào Mai."], 0) == ("Wo3", "jiao4")


# -- the English line of a line read with its pinyin ------------------------------------------


def test_the_english_after_the_pinyin_when_its_speaker_is_the_lines() -> None:
    lines = _lines("docz-taiwan-greetings-lesson", "greetings.txt")
    english = translations("\n".join(lines))
    assert english[lines.index("李太太:王太太好嗎?")] == "Mrs Li: How is Mrs Wang?"
    assert english[lines.index("我太太很好,謝謝。")] == "My wife is fine Thank you."


def test_the_english_before_the_line_wrapped_when_its_speaker_is_the_lines() -> None:
    lines = _lines("deliabw-csl-festival-dialogue", "dialogue2.txt")
    english = translations("\n".join(lines))
    ali = next(i for i, line in enumerate(lines) if line.startswith("阿力:"))
    # "Ali: I understand. For example, I want to introduce" and the three lines it wraps on
    assert english[ali].startswith("Ali: I understand. For example, I want to introduce Hallo")
    assert english[ali].endswith("and is a Western festival.")


def test_a_table_row_has_its_english_in_a_cell_and_pinyin_is_never_english() -> None:
    lines = _lines("effectivechinese-lesson-three", "lesson-3.txt")
    english = translations("\n".join(lines))
    assert english[next(i for i, ln in enumerate(lines) if "Wó yě" in ln)] == (
        "I am also not tired."
    )
    assert english[next(i for i, ln in enumerate(lines) if ln.startswith("累 |"))] == "tired"
    taipei = _lines("taipeitimes-youth-day-dialogue", "youth-day.txt")
    # the translation is a block of its own at the end: no line's English is its pinyin
    assert set(translations("\n".join(taipei)).values()) == {""}


# -- look-alike letters and written tones -------------------------------------------------------


def test_alpha_and_script_g_are_pinyin_letters() -> None:
    assert pinyin_letters("wɑ́ng lɑ̌o shī") == "wáng lǎo shī"
    parsed = syllables_of("ɡuɑ̄nɡ")
    assert parsed is not None and [s.numbered for s in parsed] == ["guang1"]


def test_written_tones_on_the_dictionary_syllables() -> None:
    assert with_written_tones("xiao3 jie5", "xiao2 jie3") == "xiao2 jie3"
    assert with_written_tones("Shi2 yue4", "shi2 yue4") == "shi2 yue4"  # lower case as written
    assert with_written_tones("Xiang1 gang3", "Xiang1 gang3") == "Xiang1 gang3"
    assert with_written_tones("Wang2", "wang2") == "wang2"
    assert with_written_tones("dong1 xi5", "dong1 xi1 nan2") == "dong1 xi5"  # not the same term


# -- the glossary reads what the pinyin line writes --------------------------------------------


@pytest.mark.parametrize(
    ("word", "reading"),
    [
        ("小姐", "xiao2 jie3"),  # CC-CEDICT: xiao3 jie5; the line writes the tone change
        ("你好", "ni2 hao3"),
        ("累", "lei4"),
    ],
)
def test_the_glossary_reads_a_dialogue_as_its_pinyin_column(
    lexicon: Lexicon, word: str, reading: str
) -> None:
    text = "\n".join(_lines("effectivechinese-lesson-three", "lesson-3.txt"))
    assert _reading(_glossary(lexicon, text), word) == reading


def test_the_line_chooses_the_reading_and_with_it_the_sense(lexicon: Lexicon) -> None:
    text = "\n".join(_lines("taipeitimes-youth-day-dialogue", "youth-day.txt"))
    g = _glossary(lexicon, text)
    holiday = next(t for t in g.terms if t.term == "假")
    assert holiday.pinyin_numbered == "jia4"  # 放一天假 fàng yìtiān jià: a day off, not "fake"
    assert "fake" not in holiday.gloss.split("; ")[0]


def test_a_month_the_line_writes_in_lower_case_is_no_name(lexicon: Lexicon) -> None:
    text = "\n".join(_lines("deliabw-csl-festival-dialogue", "dialogue2.txt"))
    assert _reading(_glossary(lexicon, text), "十月") == "shi2 yue4"  # CC-CEDICT: Shi2 yue4


def test_characters_written_apart_in_a_line_its_pinyin_reads_are_one_word(
    lexicon: Lexicon,
) -> None:
    lines = _lines("docz-taiwan-greetings-lesson", "greetings.txt")
    index = lines.index("李太太:早 , 王 先 生 , 您 早 。")
    text = "\n".join(lines[index : index + 3])  # the line, its pinyin, its English
    slide = Slide(number=1, title="Dialogue", text=text)
    found = {m.term for m in Extractor(lexicon).mentions(Deck("d.txt", "text", (slide,)))}
    assert "王先生" in found and not {"先", "生"} & found


@pytest.mark.parametrize(
    ("folder", "name", "romanised"),
    [
        # the translation's speakers are the only romanised words: no pinyin line's words,
        # not even those of a line whose pinyin reads a particle more (… suì a! Shì ba?)
        ("taipeitimes-youth-day-dialogue", "youth-day.txt", {"Qingqing", "Huahua"}),
        ("deliabw-csl-festival-dialogue", "dialogue2.txt", {"Ali", "Aman"}),
    ],
)
def test_a_pinyin_line_is_no_romanised_term(
    lexicon: Lexicon, folder: str, name: str, romanised: set[str]
) -> None:
    g = _glossary(lexicon, "\n".join(_lines(folder, name)))
    assert {r.text for r in g.romanised} == romanised
