"""Terms no dictionary lists that are regular forms of a word it does (门儿, 不然的话, 帮帮,
研究研究, 艸莓): each rule of hanzi_companion.lexicon.forms on the real dictionary, then
their glosses in a glossary (the word's meaning, the form as a note; "lit." when none fits).
"""

from __future__ import annotations

import pytest

from hanzi_companion.glossary import Glossary, GlossaryTerm, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.forms import (
    FORM_RULES,
    conditional_form,
    erhua_form,
    other_traditional_form,
    reduplicated_form,
    variant_character_form,
    word_form,
)
from hanzi_companion.text.decks import read_deck_text


@pytest.mark.parametrize(
    ("rule", "term", "word"),
    [
        (erhua_form, "门儿", "门"),
        (conditional_form, "不然的话", "不然"),
        (conditional_form, "下雨的话", "下雨"),
        (reduplicated_form, "帮帮", "帮"),
        (reduplicated_form, "聊一聊", "聊"),
        (reduplicated_form, "干干净净", "干净"),
        (reduplicated_form, "研究研究", "研究"),
        (variant_character_form, "艸莓", "草莓"),
        (variant_character_form, "什麽", "什么"),  # 麽 is also 麼's simplified form, "tiny"
        (other_traditional_form, "鹵汁", "滷汁"),  # 鹵 and 滷 are both simplified 卤
    ],
)
def test_a_rule_finds_the_dictionary_word(
    lexicon: Lexicon, rule: object, term: str, word: str
) -> None:
    assert not lexicon.lookup(term) and lexicon.lookup(word)
    found = rule(term, lexicon.lookup)  # type: ignore[operator]
    assert found is not None and found.word == word
    assert word in found.note
    assert dict(FORM_RULES)[found.rule] is rule


@pytest.mark.parametrize("term", ["搅合", "上联", "我想要", "饺子皮儿", "儿", "的话", "研究一下"])
def test_no_form_is_invented(lexicon: Lexicon, term: str) -> None:
    """搅合 is not 搅和: no dictionary says 合 is a variant of 和."""
    assert word_form(term, lexicon.lookup) is None


def test_a_character_with_meanings_of_its_own_is_not_swapped(lexicon: Lexicon) -> None:
    """合 is also "old variant of 盒", but 合子 stays 合子, not the 盒子 box."""
    assert lexicon.lookup("盒子")
    assert variant_character_form("合子", lexicon.lookup) is None


DECK = """# Making dumplings

- 把门儿关上
- 不要放太多。不然的话包不住。
- 你帮帮我
- 上联和下联
"""


@pytest.fixture(scope="module")
def glossary(lexicon: Lexicon) -> Glossary:
    return build_glossary(read_deck_text(DECK, "forms.md"), lexicon)


def term(glossary: Glossary, word: str) -> GlossaryTerm:
    found = [t for t in glossary.terms if t.term == word]
    if not found:
        pytest.skip(f"{word} is not listed as a term of its own here")
    return found[0]


def test_a_form_is_glossed_by_its_word(lexicon: Lexicon, glossary: Glossary) -> None:
    otherwise = term(glossary, "不然的话")
    assert otherwise.gloss_kind == "dictionary" and not otherwise.in_dictionary
    senses = [s.text for e in lexicon.lookup("不然") for s in e.senses]
    assert any(otherwise.gloss.startswith(sense) for sense in senses)  # 不然's, in context
    assert otherwise.gloss_note == "不然 + 的话 (if)"


def test_a_term_that_is_no_form_keeps_its_literal_gloss(glossary: Glossary) -> None:
    first_line = term(glossary, "上联")
    assert first_line.gloss.startswith('lit. "') and first_line.gloss_note == ""
