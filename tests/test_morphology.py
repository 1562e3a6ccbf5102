"""Words no dictionary has, read and glossed by a rule of word formation (text/morphology.py):
potential forms, 重 + a verb, street names; on the real dictionary and in real sentences."""

from __future__ import annotations

import pytest

from hanzi_companion.glossary import Glossary, GlossaryTerm, GlossKind, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.models import Deck, Slide
from hanzi_companion.text.morphology import (
    becoming_gloss,
    counted_gloss,
    potential_form,
    potential_gloss,
    potential_syllables,
    repeated_gloss,
    repeated_syllables,
    street_name,
    tried_verb_syllables,
)


def glossary(lexicon: Lexicon, text: str) -> Glossary:
    slide = Slide(number=1, title=text.split("\n")[0], text=text)
    return build_glossary(Deck(name="lesson.md", format="markdown", slides=(slide,)), lexicon)


def term(g: Glossary, word: str) -> GlossaryTerm:
    return next(t for t in g.terms if t.term == word)


def is_verb(lexicon: Lexicon, word: str) -> bool:
    entries = lexicon.lookup(word)
    return bool(entries) and entries[0].definitions[0].startswith("to ")


def test_potential_forms_are_a_verb_a_mark_and_a_result() -> None:
    assert potential_form(("包", "不住")) == ("包", "不", "住")
    assert potential_form(("搞", "不清楚")) == ("搞", "不", "清楚")
    assert potential_form(("找", "得", "到")) == ("找", "得", "到")
    assert potential_form(("我", "不是")) is None  # 是 is no result
    assert potential_form(("包", "饺子")) is None
    assert potential_syllables(("包", "不住"), ["bao1", "bu4", "zhu4"]) == ["bao1", "bu5", "zhu4"]


def test_a_potential_form_is_glossed_cannot_or_can(lexicon: Lexicon) -> None:
    def gloss_of(word: str) -> str:
        return lexicon.lookup(word)[0].definitions[0]

    assert potential_gloss(("包", "不住"), "to wrap", gloss_of) == "cannot wrap (firmly)"
    assert potential_gloss(("搞", "不清楚"), "to do", gloss_of) == "cannot do (clear)"
    assert potential_gloss(("找", "得", "到"), "to find", gloss_of) == "can find (successfully)"
    assert potential_gloss(("我", "不好"), "I", gloss_of) == ""  # no verb


def test_chong_before_a_verb_is_again(lexicon: Lexicon) -> None:
    def verb(word: str) -> bool:
        return is_verb(lexicon, word)

    assert repeated_gloss("重写", "to write", verb) == "to rewrite"
    assert repeated_gloss("重编", "to edit", verb) == "to re-edit"
    assert repeated_syllables("重写", ["zhong4", "xie3"], verb) == ["chong2", "xie3"]
    assert repeated_gloss("重量", "quantity", verb) == ""  # 量 here is no verb
    assert repeated_syllables("重量", ["zhong4", "liang4"], verb) == ["zhong4", "liang4"]


def test_a_determiner_and_the_general_classifier_is_one_thing(lexicon: Lexicon) -> None:
    same = lexicon.lookup("同一")[0].definitions
    assert counted_gloss(("同一", "个"), "; ".join(same)) == "the same one"
    assert counted_gloss(("同一", "种"), "; ".join(same)) == ""  # a classifier of its own
    assert counted_gloss(("城市", "个"), "city") == ""


def test_a_word_and_hua_is_making_it_so(lexicon: Lexicon) -> None:
    small = lexicon.lookup("小型")[0].definitions[0]
    assert becoming_gloss(("小型", "化"), (small, "-ization")) == "to make small scale"
    assert becoming_gloss(("同", "城", "化"), ("with", "city", "-ization")) == ""
    assert becoming_gloss(("创新", "化"), ("to innovate", "-ization")) == ""  # a verb


def test_street_names() -> None:
    assert street_name("南锣鼓巷") == ("南锣鼓", "Lane")
    assert street_name("烟袋斜街") == ("烟袋斜", "Street")
    assert street_name("长安大街") == ("长安", "Avenue")
    assert street_name("小路") == ("", "")  # a word, not a named road
    assert street_name("城市") == ("", "")


@pytest.mark.parametrize(
    ("text", "word", "reading", "gloss", "kind"),
    [
        (
            "How to wrap dumplings\n把馅儿放在饺子皮儿的中间。不要放太多。不然的话包不住。",
            "包不住",
            "bao1 bu5 zhu4",
            "cannot wrap (firmly)",
            "formed",
        ),
        (
            "Tofu\n外國人常常搞不清楚這是什麼味道。",
            "搞不清楚",
            "gao3 bu5 qing1 chu5",
            "cannot do (clear)",
            "formed",
        ),
        (
            "重\n在描述重复动作时，例如“重逢”、“重写”，则读“chóng”。",
            "重写",
            "chong2 xie3",
            "to rewrite",
            "formed",
        ),
        (
            "Alleys\n- 南锣鼓巷, 烟袋斜街: names to learn",
            "南锣鼓巷",
            "Nan2 luo2 gu3 Xiang4",
            "Nánluógǔ Lane (place name)",
            "name",
        ),
    ],
)
def test_formed_words_in_a_glossary(
    lexicon: Lexicon, text: str, word: str, reading: str, gloss: str, kind: str
) -> None:
    found = term(glossary(lexicon, text), word)
    assert (found.pinyin_numbered, found.gloss, found.gloss_kind) == (reading, gloss, kind)


def test_dictionary_words_keep_their_own_gloss(lexicon: Lexicon) -> None:
    g = glossary(lexicon, "Words\n- 步行街\n- 重要")
    assert term(g, "步行街").gloss_kind == GlossKind.DICTIONARY
    assert term(g, "重要").pinyin_numbered == "zhong4 yao4"


def test_the_same_one_in_a_sentence(lexicon: Lexicon) -> None:
    g = glossary(lexicon, "多音字\n同一个字在不同的语境中可以展现出不同的发音。")
    assert (term(g, "同一个").gloss, term(g, "同一个").gloss_kind) == ("the same one", "formed")


def test_a_verb_said_twice_reads_its_repeat_in_the_neutral_tone(lexicon: Lexicon) -> None:
    """走走 zǒuzou, 學學 xuéxue (no dictionary has them): trying a verb once."""

    def verb(word: str) -> bool:
        return is_verb(lexicon, word)

    assert tried_verb_syllables("走走", ["zou3", "zou3"], verb) == ["zou3", "zou5"]
    assert tried_verb_syllables("看一看", ["kan4", "yi1", "kan4"], verb) == [
        "kan4",
        "yi5",
        "kan5",
    ]
    assert tried_verb_syllables("天天", ["tian1", "tian1"], verb) == ["tian1", "tian1"]
    g = glossary(lexicon, "很久沒到九份走走了。我們去學學。")
    assert term(g, "走走").pinyin == "zǒuzou" and term(g, "學學").pinyin == "xuéxue"
