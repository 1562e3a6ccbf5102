"""Latin-script prose in other languages than English, told by the language identifier."""

from __future__ import annotations

import pytest

from hanzi_companion.text.language import identify, is_foreign_prose


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
