"""Which script a text is written in: hanzidentifier's rule on zhon's CC-CEDICT character lists.

hanzidentifier compiles one regular expression of some 13,000 characters when it is imported
(about 50 ms, most of a ``lookup`` command's budget); the same rule is a few set operations on
the character lists it is built from. A short text is checked against those lists as strings
(no set is built); a long one against sets built once per process.
"""

from __future__ import annotations

from functools import cache

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
