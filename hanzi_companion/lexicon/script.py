"""Which script a text is written in: hanzidentifier's rule on zhon's CC-CEDICT character lists.

hanzidentifier compiles one regular expression of some 13,000 characters when it is imported
(about 50 ms, most of a ``lookup`` command's budget); the same rule is a few set operations on
the character lists it is built from. A short text is checked against those lists as strings
(no set is built); a long one against sets built once per process.
"""

from __future__ import annotations

from functools import cache

# The one definition of a Han character: CJK ideographs of the unified blocks and extensions
# A-H, compatibility ideographs, 〇 and 々. text/han.py compiles its patterns from it.
HAN_CLASS = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af\u3007\u3005"
)


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


def is_han(char: str) -> bool:
    """True when the one character ``char`` is a Han character (see :data:`HAN_CLASS`)."""
    code = ord(char)
    for low, high in _RANGES:  # in order: a Latin letter is refused at the first range
        if code < low:
            return False
        if code <= high:
            return True
    return False


SIMPLIFIED = "simplified"
TRADITIONAL = "traditional"
BOTH = "both"
MIXED = "mixed"
UNKNOWN = "unknown"

_SHORT = 16  # characters; below this, searching the lists beats building sets from them


@cache
def _character_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(traditional, simplified) characters of CC-CEDICT as zhon lists them."""
    from zhon import cedict

    return frozenset(cedict.traditional), frozenset(cedict.simplified)


def _scripts_of(text: str) -> tuple[set[str], set[str], set[str]]:
    """The characters of ``text`` that are (Chinese, traditional, simplified)."""
    if len(text) < _SHORT:
        from zhon import cedict

        traditional = {ch for ch in text if ch in cedict.traditional}
        simplified = {ch for ch in text if ch in cedict.simplified}
    else:
        trad_set, simp_set = _character_sets()
        traditional = {ch for ch in text if ch in trad_set}
        simplified = {ch for ch in text if ch in simp_set}
    return traditional | simplified, traditional, simplified


def identify(text: str) -> str:
    """``simplified``, ``traditional``, ``both`` (the same in each), ``mixed`` or ``unknown``.

    Characters CC-CEDICT does not list are ignored, as hanzidentifier does.
    """
    chinese, traditional, simplified = _scripts_of(text)
    if not chinese:
        return UNKNOWN
    if len(traditional) == len(simplified) == len(chinese):
        return BOTH
    if len(traditional) == len(chinese):
        return TRADITIONAL
    if len(simplified) == len(chinese):
        return SIMPLIFIED
    return MIXED
