"""The one definition of a Han character for the text layer, and the runs made of them.

A regular expression with a class of Han characters is slow to compile: Python's ``re``
visits each of the tens of thousands of code points in it, about a millisecond a class. So
the class is compiled here, in :data:`HAN_PIECE` and :data:`HAN_RUN`, and nowhere else. Other
patterns that need to say "a Han character" run on the text's :func:`han_shape` and write
:data:`HAN_MARK` instead, or use the helpers below.
"""

from __future__ import annotations

import bisect
import re

# CJK ideographs: the unified blocks and extensions A-H, compatibility ideographs, 〇 and 々.
HAN_CLASS = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af\u3007\u3005"
)
# A run of Han characters.
HAN_PIECE = re.compile(f"[{HAN_CLASS}]+")
# A Han run; a middle dot joins the parts of a transcribed foreign name (马克·吐温).
HAN_RUN = re.compile(f"[{HAN_CLASS}]+(?:[·・][{HAN_CLASS}]+)*")

# What every Han character becomes in a text's shape: a Unicode noncharacter, which no deck
# holds (text normalisation drops it), so a pattern can say "a Han character" cheaply.
HAN_MARK = "\ufdd0"


def _ranges(char_class: str) -> tuple[tuple[int, int], ...]:
    """The code point ranges of a character class written as ranges and single characters."""
    out: list[tuple[int, int]] = []
    index = 0
    while index < len(char_class):
        low = ord(char_class[index])
        if index + 2 < len(char_class) and char_class[index + 1] == "-":
            out.append((low, ord(char_class[index + 2])))
            index += 3
        else:
            out.append((low, low))
            index += 1
    return tuple(sorted(out))


_RANGES = _ranges(HAN_CLASS)
_STARTS = tuple(low for low, _ in _RANGES)


def is_han_char(char: str) -> bool:
    """True when the one character ``char`` is a Han character."""
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    return index >= 0 and code <= _RANGES[index][1]


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
    while start > 0 and is_han_char(text[start - 1]):
        start -= 1
    return text[start:]


def _marks(match: re.Match[str]) -> str:
    return HAN_MARK * (match.end() - match.start())


def han_shape(text: str) -> str:
    """``text`` with each Han character written as :data:`HAN_MARK`: the same length, so an
    offset in the shape is the same offset in the text."""
    return HAN_PIECE.sub(_marks, text)
