"""The field a document is in, read from the labels of its words' senses ("(computing) to save",
"(computing) syntax"), and the senses of that field chosen for its other words
(hanzi_companion.senses.document_fields, document_field, field_wording), on the real CC-CEDICT."""

from __future__ import annotations

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.senses import (
    FIELD_SHARE,
    FIELD_WORDS,
    RULES,
    SenseContext,
    choose_sense,
    document_fields,
    field_wording,
    sense_fields,
)
from hanzi_companion.text.models import Deck, Slide
from tests.conftest import dictionary_sense


def test_the_rule_is_listed_by_name() -> None:
    assert "document field" in dict(RULES)


def test_fields_of_a_sense_are_its_wordings_labels(lexicon: Lexicon) -> None:
    assert sense_fields(dictionary_sense(lexicon, "保存", "to conserve")) == {"compu"}
    assert sense_fields(dictionary_sense(lexicon, "运行", "(of a computer)")) == {"compu"}
    assert sense_fields(dictionary_sense(lexicon, "运行", "(fig.)")) == frozenset()
    assert sense_fields(dictionary_sense(lexicon, "羊肉", "mutton")) == frozenset()


def test_a_document_is_in_a_field_when_several_of_its_words_are(lexicon: Lexicon) -> None:
    computing = document_fields(lexicon.lookup(w) for w in ["保存", "语法", "文本", "我们"])
    assert "compu" in computing
    assert document_fields(lexicon.lookup(w) for w in ["保存", "我们", "饺子"]) == frozenset()
    assert document_fields(lexicon.lookup(w) for w in ["饺子", "羊肉", "春节"]) == frozenset()


def test_the_sense_of_the_documents_field_is_chosen(lexicon: Lexicon) -> None:
    entries = lexicon.lookup("运行")
    plain = choose_sense(entries, SenseContext())
    in_field = choose_sense(entries, SenseContext(fields=frozenset({"compu"})))
    assert plain is not None and in_field is not None
    assert not plain.sense.text.startswith("(of a computer)")
    assert in_field.sense.text.startswith("(of a computer)")
    assert in_field.rule == "document field"


def test_the_wording_of_the_documents_field_comes_first(lexicon: Lexicon) -> None:
    sense = lexicon.lookup("保存")[0].senses[0]
    assert field_wording(sense, frozenset({"compu"})).startswith("(computing) to save")
    assert field_wording(sense, frozenset({"botan"})) == ""
    assert field_wording(sense, frozenset()) == ""


def test_longer_words_beginning_with_a_word(lexicon: Lexicon) -> None:
    found = {e.simplified for e in lexicon.words_beginning("命令")}
    assert "命令行" in found
    assert "命令" not in found
    assert all(w.startswith("命令") for w in found)
    assert lexicon.words_beginning("") == ()
    assert "終端機" in {e.traditional for e in lexicon.words_beginning("終端")}


_TUTORIAL = (
    "安装完成后，在终端运行以下命令。\n"
    "在文件中使用Markdown语法编写内容。\n"
    "保存文件，再导出为不同的格式。"
)
_STORY = "将军下了命令，士兵们按照这个格式排好了队。"


def _glosses(lexicon: Lexicon, text: str) -> dict[str, str]:
    glossary = build_glossary(Deck("doc.txt", "text", (Slide(1, "", text),)), lexicon)
    return {t.term: t.gloss.split("; ")[0] for t in glossary.terms}


def test_a_software_tutorial_reads_its_words_in_computing(lexicon: Lexicon) -> None:
    glosses = _glosses(lexicon, _TUTORIAL)
    assert glosses["命令"] == "command"  # 命令行 "(computing) command line"
    assert glosses["格式"] == "format"  # 格式化 "(computing) to format"
    assert glosses["保存"].startswith("(computing) to save")
    assert glosses["运行"].startswith("(of a computer) to run")


def test_a_text_in_no_field_keeps_the_usual_senses(lexicon: Lexicon) -> None:
    glosses = _glosses(lexicon, _STORY)
    assert glosses["命令"] == "order"
    # 格式 "form; specification; format": no field chooses, but the dictionary's words made
    # with it (帧格式 "frame format", 文件格式 "file format") say "format" (dictionary family).
    glossary = build_glossary(Deck("doc.txt", "text", (Slide(1, "", _STORY),)), lexicon)
    form = next(t for t in glossary.terms if t.term == "格式")
    assert form.sense_rule not in ("document field", "field family")


def test_a_single_sense_is_worded_as_example_sentences_say_it(lexicon: Lexicon) -> None:
    # 项目 has one sense, "item; project; (sports) event": its sentences say "project".
    assert len(lexicon.lookup("项目")) == 1 and len(lexicon.lookup("项目")[0].senses) == 1
    assert _glosses(lexicon, "这个项目很有意思。")["项目"] == "project"


_EVERYDAY = """我们 他们 今天 明天 学校 老师 学生 朋友 饺子 春节 中国 北京 上海 喜欢 吃饭 睡觉 工作
    时间 地方 东西 电影 音乐 天气 衣服 医院 银行 商店 火车 飞机 汽车 公园 家庭 孩子 父亲 母亲
    中午 晚上 早上 米饭 面条 水果 苹果 牛奶 咖啡 报纸 杂志 生日 节日 礼物 问题 办法 意思 历史
    文化 经济 城市 农村 马路 房子 厨房 桌子 椅子 窗户 门口 眼睛 头发 身体 运动 足球 篮球 游泳
    唱歌 跳舞 旅游 照片 颜色 红色 白色 黑色 季节 春天 夏天 秋天 冬天 新年 月饼 汤圆"""


def test_a_few_words_of_a_field_in_a_long_document_make_no_field(lexicon: Lexicon) -> None:
    words = ["保存", "语法", *_EVERYDAY.split()]
    assert len(words) * FIELD_SHARE > FIELD_WORDS
    assert document_fields(lexicon.lookup(w) for w in words) == frozenset()
    assert document_fields(lexicon.lookup(w) for w in ["保存", "语法", "饺子"]) == {"compu"}


def test_a_register_is_no_field(lexicon: Lexicon) -> None:
    # 计算机 "computer; (Tw) calculator": Taiwan's usage, not a field of knowledge
    assert sense_fields(dictionary_sense(lexicon, "计算机", "(Tw)")) == frozenset()


def test_the_reason_names_the_longer_words(lexicon: Lexicon) -> None:
    glossary = build_glossary(Deck("doc.txt", "text", (Slide(1, "", _TUTORIAL),)), lexicon)
    term = next(t for t in glossary.terms if t.term == "命令")
    assert term.sense_reason == "longer words containing it share command with this sense"
