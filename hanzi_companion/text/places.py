"""Place names in sentences: a name and the ending of a place (春園 + 街, 軒 尼斯 + 道).

The segmenter knows the words of the language, not the names of a city's streets: 軒尼斯道
(Hennessy Road, as a blog writes it) comes out 軒 | 尼斯 | 道, "pavilion | Nice | road", and
灣仔春園街 leaves 街 on its own. A place ending (街, 道, 灣, 大廈 ...) right after a name is
that name's place: the name is a word the dictionary gives only as a name (尼斯), a word of
the document's own (春園, see :mod:`~hanzi_companion.text.repeats`), or two single characters
that are no words of the sentence's grammar; a single character just before a name the
dictionary has only as a name is more of the transcription (軒 | 尼斯). After a common word an
ending stays a word (電器 | 街, 荔枝 | 灣).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hanzi_companion.text.wordlists import PLACE_ENDINGS

_NAME_CHARACTERS = 2  # single characters that make a place's name on their own


@dataclass(frozen=True)
class PlaceRules:
    """What finding place names asks: whether a word is the document's own (``own``) or one
    the dictionary gives only as a name (``only_a_name``: 尼斯, whose neighbouring single
    characters may be more of the same transcription), whether a single character is a word
    of the sentence's grammar (``loose``: a preposition, a verb ...), which no name takes
    in, and whether the dictionary has a word (``known``: no place name is made of one)."""

    own: Callable[[str], bool]
    only_a_name: Callable[[str], bool]
    loose: Callable[[str], bool]
    known: Callable[[str], bool]


def place_names(words: tuple[str, ...], rules: PlaceRules) -> tuple[str, ...]:
    """``words`` with each place ending joined to the name before it (see the module's
    docstring)."""
    known = rules.known
    out: list[str] = []
    for word in words:
        start = _name_start(out, rules) if word in PLACE_ENDINGS else len(out)
        joined = "".join(out[start:]) + word
        if start < len(out) and not known(joined):
            out[start:] = [joined]
        else:
            out.append(word)
    return tuple(out)


def _name_start(out: list[str], rules: PlaceRules) -> int:
    """Where the name that ends ``out`` starts (``len(out)`` when it ends with none)."""
    end = len(out)
    last = out[-1] if out else ""
    if len(last) > 1 and rules.own(last):
        return end - 1
    if len(last) > 1 and rules.only_a_name(last):
        before = out[-2] if end > 1 else ""
        return end - 2 if len(before) == 1 and not rules.loose(before) else end - 1
    singles = 0
    while singles < end and len(out[end - singles - 1]) == 1:
        if rules.loose(out[end - singles - 1]):
            break
        singles += 1
    # two characters no dictionary joins: a name; one alone is a word (大 街), and more than
    # two are too many to tell where a name starts
    return end - singles if singles == _NAME_CHARACTERS else end
