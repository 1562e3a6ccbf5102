"""Latin-script prose in other languages than English, told by the language identifier."""

from __future__ import annotations

import pytest

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text import language
from hanzi_companion.text.decks import read_deck_text
from hanzi_companion.text.language import identify, is_foreign_prose, mostly_chinese


@pytest.mark.parametrize(
    "line",
    [
        "Die Woche beginnt mit einem Ausflug in die Stadt",
        "La semana pasada vimos la palabra nueva",
        "Les villes chinoises sont très grandes",
        "Lesen Sie bis nächste Woche den Text über die Mahlzeiten",
    ],
)
def test_foreign_prose(line: str) -> None:
    assert is_foreign_prose(line)


@pytest.mark.parametrize(
    "line",
    [
        "The danwei system organised housing and schools",
        "Week 3: Water and the City",
        "ni hao ma",  # pinyin is no European language
        "zhongguo renmin chuangxin dazhong",
        "Die Woche",  # too short to tell
        "What is the hukou",  # no word long enough to tell a language by
        "Shenzhen Zhuhai Shantou Xiamen",  # names, no prose
        "饺子 jiǎozi 火锅",
    ],
)
def test_not_foreign_prose(line: str) -> None:
    assert not is_foreign_prose(line)


def test_a_whole_deck_is_judged_with_more_words() -> None:
    deck = "Woche 5\nEssen in China\n饺子 Teigtaschen\nWer kocht heute in der Küche?\nDie Mahlzeit"
    assert is_foreign_prose(deck, deck=True)
    assert not is_foreign_prose("Week 5\nFood in China\n饺子 dumplings\nWho cooks?", deck=True)


def test_identify_names_the_language() -> None:
    assert identify("Les villes chinoises sont très grandes")[0] == "fr"


@pytest.mark.parametrize(
    ("text", "chinese"),
    [
        ("城市化，城中村，户口，单位，经济发展，社会文化。\nchéngshìhuà", True),
        ("饺子 jiǎozi 火锅很好吃", True),
        ("Die Woche beginnt mit 饺子 und endet mit 火锅 in der Stadt.", False),
        ("The danwei system (单位) organised housing", False),
        ("", False),
    ],
)
def test_mostly_chinese(text: str, chinese: bool) -> None:
    assert mostly_chinese(text) is chinese


def test_a_mostly_chinese_deck_never_loads_the_identifier(lexicon: Lexicon) -> None:
    lines = ["创新，创业，城市化，城中村，户口，单位，经济，发展，社会，文化。"] * 5
    lines.append("Zhè shì yí gè xīn cí, tā de yìsi shì chuàngxīn, dàjiā hǎo, wǒmen shàngkè.")
    deck = read_deck_text("\n".join(lines) + "\n", "words.txt")
    language._identifier.cache_clear()
    glossary = build_glossary(deck, lexicon)
    assert glossary.terms
    assert language._identifier.cache_info().currsize == 0
