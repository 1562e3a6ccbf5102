"""Han characters in text: runs of them, and the shape of a line.

What a Han character is is defined once, by ``HAN_CLASS`` and ``is_han`` in
:mod:`hanzi_companion.lexicon.script`. A regular expression with a class of Han characters is
slow to compile: Python's ``re`` visits each of the tens of thousands of code points in it,
about a millisecond a class. So the class is compiled at import here, in :data:`HAN_PIECE`
and :data:`HAN_RUN`, and nowhere else. Other patterns that need to say "a Han character" run
on the text's :func:`han_shape` and write :data:`HAN_MARK` instead, use the helpers below, or,
in a hot path, compile their pattern on first use (a Python loop per character costs more).
"""

from __future__ import annotations

import re

from hanzi_companion.lexicon.script import HAN_CLASS, is_han
from hanzi_companion.patterns import compile_pattern

__all__ = [
    "HAN_CLASS",
    "HAN_MARK",
    "HAN_PIECE",
    "HAN_RUN",
    "han_prefix",
    "han_shape",
    "han_suffix",
    "has_han",
    "is_han",
]

# A run of Han characters.
HAN_PIECE = compile_pattern(f"[{HAN_CLASS}]+")
# A Han run; a middle dot joins the parts of a transcribed foreign name (马克·吐温).
HAN_RUN = compile_pattern(f"[{HAN_CLASS}]+(?:[·・][{HAN_CLASS}]+)*")

# What every Han character becomes in a text's shape: a Unicode noncharacter, which no deck
# holds (text normalisation drops it), so a pattern can say "a Han character" cheaply.
HAN_MARK = "\ufdd0"


def has_han(text: str) -> bool:
    """True when ``text`` holds a Han character."""
    return HAN_PIECE.search(text) is not None


def han_prefix(text: str, start: int = 0) -> str:
    """The Han characters ``text`` starts with at ``start`` ("" when none)."""
    match = HAN_PIECE.match(text, start)
    return match.group() if match else ""


def han_suffix(text: str) -> str:
    """The Han characters ``text`` ends with ("" when none)."""
    start = len(text)
    while start > 0 and is_han(text[start - 1]):
        start -= 1
    return text[start:]


def _marks(match: re.Match[str]) -> str:
    return HAN_MARK * (match.end() - match.start())


def han_shape(text: str) -> str:
    """``text`` with each Han character written as :data:`HAN_MARK`: the same length, so an
    offset in the shape is the same offset in the text."""
    return HAN_PIECE.sub(_marks, text)
