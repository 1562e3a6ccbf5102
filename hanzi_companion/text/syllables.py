"""Romanised Chinese as teachers write it: tone marks, tone numbers, no tones at all.

A written word is read as pinyin when it parses into syllables
(:func:`~hanzi_companion.lexicon.pinyin.parse_syllables`); tone numbers may follow each
syllable (``ren2min2``, ``xi2 zi4``), ``v`` stands for ``ü`` (``lv4``, ``nv3``) and a neutral
tone is written 5 or 0 (``ma5``, ``de0``). What is written is kept as the term's reading in
tone marks (:func:`as_marks`) and in CC-CEDICT's numbered form (:func:`numbered_reading`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from hanzi_companion.lexicon import pinyin as _pinyin

_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ"
# A written word of Latin letters, with the tone digits pinyin may carry after each syllable
# (``ren2min2``) and apostrophes inside (``Xi'an``). It starts with a letter: 3D, 12th are no
# pinyin; a word like 12th or B2B fails the syllable parse anyway.
ROMAN_WORD = re.compile(f"[{_LETTERS}]+[0-5]?(?:(?:['’]?[{_LETTERS}]+)[0-5]?)*")
_NEUTRAL_ZERO = re.compile(r"(?<=[A-Za-zÜüÊê:])0(?![0-9])")
_TONE_DIGIT = re.compile(r"[A-Za-zÜüÊê:][1-5](?![0-9])")


def _neutral_as_five(text: str) -> str:
    """Tone 0 (some textbooks' neutral tone) written as CC-CEDICT's 5."""
    return _NEUTRAL_ZERO.sub("5", text)


@lru_cache(maxsize=65536)
def syllables_of(text: str) -> tuple[_pinyin.Syllable, ...] | None:
    """The pinyin syllables of written romanisation (marks, numbers or none), else None."""
    if text.isupper() and len(text) > 1:
        return None  # an acronym (NEOM, HAX), not pinyin
    return _pinyin.parse_syllables(_neutral_as_five(text))


def has_tone_numbers(text: str) -> bool:
    """True when ``text`` writes tones as digits after its syllables (``xi2 zi4``)."""
    return _TONE_DIGIT.search(_neutral_as_five(text)) is not None


def is_toned(text: str) -> bool:
    """True when ``text`` is pinyin with a tone written (mark or number) on some syllable;
    an unmarked syllable beside marked ones is read as neutral (``péngyou``)."""
    parsed = syllables_of(text)
    return bool(parsed) and any(s.tone is not None for s in parsed or ())


def as_marks(text: str) -> str:
    """Written romanisation with tone numbers turned into marks, spacing kept
    (``xi2 zi4`` -> ``xí zì``, ``ren2min2`` -> ``rénmín``); other text unchanged."""
    if not has_tone_numbers(text):
        return text

    def marks(match: re.Match[str]) -> str:
        parsed = syllables_of(match.group())
        if not parsed or not has_tone_numbers(match.group()):
            return match.group()
        marked = [s.marked for s in parsed]
        if match.group()[:1].isupper():
            marked[0] = marked[0][:1].upper() + marked[0][1:]
        return _pinyin.join_syllables(marked)

    return ROMAN_WORD.sub(marks, text)


def numbered_reading(text: str, length: int) -> str:
    """The numbered reading (``Xi2 zi4``) romanisation ``text`` writes for a term of ``length``
    characters, one syllable per character (an erhua r joins its syllable); "" unless a tone
    is written and the syllables count right. Unmarked syllables read neutral (``de5``)."""
    if not is_toned(text):
        return ""
    tokens: list[str] = []
    for word in text.split():
        parsed = syllables_of(word)
        if not parsed:
            return ""
        syllables = [f"{s.letters}{s.tone or 5}" for s in parsed]
        if parsed[-1].letters == "r" and len(parsed) > 1:
            last = parsed[-2]
            syllables[-2:] = [f"{last.letters}r{last.tone or 5}"]
        if word[:1].isupper():
            syllables[0] = syllables[0][:1].upper() + syllables[0][1:]
        tokens.extend(syllables)
    return " ".join(tokens) if len(tokens) == length else ""
