"""Which language a deck's Latin-script prose is written in, told by a language identifier.

Pinyin written without tone marks looks like words of many European languages (German
``Woche`` reads wo-che, Spanish ``semana pasada`` se-ma-na pa-sa-da, French ``mange``). The
romanisation finder asks :func:`is_foreign_prose` whether a line, or the whole deck, is prose
in a language other than English; there a word is taken for pinyin only with evidence (tone
marks, a word the deck writes in characters, quotes or parentheses).

The identifier is py3langid (langid.py's model, shipped inside the package, offline),
restricted to languages written in the Latin script, loaded on first use and kept.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from functools import lru_cache
from typing import Protocol

from hanzi_companion.patterns import compile_pattern
from hanzi_companion.text.han import HAN_PIECE

ENGLISH = "en"
# Languages written in the Latin script that decks (and their students) are written in; the
# identifier chooses among these only, so a line of pinyin is never "Chinese".
_EUROPE = ("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "pl", "cs", "sk", "sl")
_ELSEWHERE = ("hr", "fi", "et", "hu", "ro", "tr", "id", "ms", "vi", "la", "ca", "gl", "eu", "af")
LATIN_LANGUAGES = (*_EUROPE, *_ELSEWHERE, "sw", "tl", "lv", "lt", "is", "ga", "cy", "eo")
# How sure the identifier must be: a line is short, so it must be surer than a whole deck.
LINE_CONFIDENCE = 0.9
DECK_CONFIDENCE = 0.8
ENGLISH_SHARE = 0.5  # known English words that make text English without the identifier
TELLING_LENGTH = 5
TELLING_MIN = 2  # words that long a text needs to be judged at all
LINE_MIN_WORDS = 3  # fewer words say too little about a language
DECK_MIN_WORDS = 8
_SAMPLE = 20_000  # characters of a deck's prose looked at (its language shows early)

_WORD = compile_pattern(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_lock = threading.Lock()


class _Identifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


@lru_cache(maxsize=1)
def _identifier() -> _Identifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LATIN_LANGUAGES))
    return identifier  # type: ignore[no-any-return]


def identify(text: str) -> tuple[str, float]:
    """(language code, probability) of the Latin-script prose in ``text``."""
    prose = _latin_prose(text)
    if not prose:
        return ENGLISH, 0.0
    with _lock:  # one model for every thread; loading it twice would only waste time
        identifier = _identifier()
    language, probability = identifier.classify(prose)
    return str(language), float(probability)


def is_foreign_prose(
    text: str, *, deck: bool = False, english: Collection[str] = frozenset()
) -> bool:
    """Whether ``text`` is prose in a language other than English (German, French...).

    A line needs three words or more and a confident identification; with ``deck`` the text
    is a whole deck's prose, judged on more words with a little less confidence. ``english``
    are words known to be English (lower case): text mostly made of them is English without
    asking the identifier, whose model takes a second to load.
    """
    words = _WORD.findall(HAN_PIECE.sub(" ", text[:_SAMPLE] if deck else text))
    if len(words) < (DECK_MIN_WORDS if deck else LINE_MIN_WORDS):
        return False
    # Short words are shared by many languages (die, in, la, en): only longer ones tell.
    telling = [word.lower() for word in words if len(word) >= TELLING_LENGTH]
    if len(telling) < TELLING_MIN:
        return False
    if english and telling and sum(w in english for w in telling) >= ENGLISH_SHARE * len(telling):
        return False
    if not deck and sum(word[:1].isupper() for word in words) * 2 > len(words):
        return False  # names and titles (Shenzhen Zhuhai Shantou): no prose to judge
    language, probability = identify(" ".join(words))
    needed = DECK_CONFIDENCE if deck else LINE_CONFIDENCE
    return language != ENGLISH and probability >= needed


def mostly_chinese(text: str) -> bool:
    """Whether ``text`` writes more Chinese characters than Latin letters. There the Latin
    words are pinyin, names and glosses among the Chinese, not prose whose language is worth
    identifying (and the identifier's model, 70 MB in memory, is not loaded for them)."""
    han = sum(len(run) for run in HAN_PIECE.findall(text))
    return han > len(_latin_prose(text).replace(" ", ""))


# A document whose Han characters outnumber its Latin words this many times over is written
# in Chinese (a Chinese article, a Chinese-language deck with a few tool names in English);
# a lesson for English speakers, even one full of example sentences, stays well below.
CHINESE_SHARE = 4
CHINESE_MIN = 30  # Han characters a document needs to be judged written in Chinese


def is_chinese_document(text: str) -> bool:
    """Whether ``text`` (a document's prose) is written in Chinese: its headings, list items
    and sentences are prose whose words are the terms, not terms themselves."""
    sample = text[:_SAMPLE]
    han = sum(len(run) for run in HAN_PIECE.findall(sample))
    words = len(_WORD.findall(HAN_PIECE.sub(" ", sample)))
    return han >= CHINESE_MIN and han >= CHINESE_SHARE * words


def deck_prose(texts: Iterable[str]) -> str:
    """The prose of several texts joined, up to the sample size the deck is judged on."""
    parts: list[str] = []
    size = 0
    for text in texts:
        if size >= _SAMPLE:
            break
        parts.append(text)
        size += len(text) + 1
    return "\n".join(parts)[:_SAMPLE]


def _latin_prose(text: str) -> str:
    return " ".join(_WORD.findall(HAN_PIECE.sub(" ", text)))
