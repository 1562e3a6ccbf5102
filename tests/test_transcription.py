"""Western names transcribed by their sound (金妮 Jīnní for Ginny): the name the document
writes beside its romanisation is the name's gloss."""

from __future__ import annotations

import pytest

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.decks import read_deck_text
from hanzi_companion.text.transcription import sounds_like, western_name


@pytest.mark.parametrize(
    ("word", "reading"),
    [
        ("Ginny", "jin1 ni1"),
        ("Amy", "ai4 mei3"),
        ("Tony", "dong1 ni2"),
        ("Owen", "ou1 wen2"),
        ("James", "zhan1 mu3 si1"),  # 詹's closing n unheard
        ("Linda", "lin2 da2"),  # 琳's closing n heard
        ("Charles", "cha2 er3 si1"),
        ("Peter", "bi3 de2"),  # the closing r unsaid
    ],
)
def test_a_western_name_sounds_like_its_transcription(word: str, reading: str) -> None:
    assert sounds_like(word, reading)


@pytest.mark.parametrize(
    ("word", "reading"),
    [("Owen", "ai4 mei3"), ("Ella", "ai4 mei3"), ("Tony", "jin1 ni1"), ("Hello", "zhang1 ming2")],
)
def test_other_words_do_not(word: str, reading: str) -> None:
    assert not sounds_like(word, reading)


def test_the_western_name_is_the_one_on_the_names_lines() -> None:
    lines = ["Jīnní: Nǐ hǎo. Ginn: hello.", "Jīnní: Wǒ jiào Jīnní. Ginny: My name is Ginny."]
    assert western_name("Jin1 Ni1", lines) == "Ginny"  # the most often written
    assert western_name("Jin1 Ni1", ["Jīnní: Nǐ hǎo. Hello."]) == ""  # its romanisation only


DIALOGUE = """金妮: 你好。我叫金妮。
Jīnní: Nǐ hǎo. Wǒ jiào Jīnní. Ginny: Hello. My name is Ginny.
张明和他的奶奶去北京。
"""


def test_a_transcribed_name_is_glossed_with_the_documents_western_name(
    lexicon: Lexicon,
) -> None:
    glossary = build_glossary(read_deck_text(DIALOGUE, "dialogue.txt"), lexicon)
    glosses = {t.term: t.gloss for t in glossary.terms}
    assert glosses["金妮"].startswith("Ginny")
    assert glosses["张明"] == "personal name Zhāng Míng"  # no Western name: the name read
