"""Western names written in Chinese characters by their sound (金妮 Jīnní for Ginny, 艾美
Àiměi for Amy, 詹姆斯 Zhānmǔsī for James): whether a Western word sounds like a name's pinyin.

Both are reduced to the classes of their consonants, vowels left out, as Chinese transcription
hears them: b and p alike, d and t, g, k, j, q, z, c, zh, ch alike, s, sh, x alike, l and r
alike; a pinyin syllable's closing n or ng may be heard or not (Zhān-mǔ-sī is James, Lín-dá is
Linda). Two words sound alike when their classes, repeats collapsed, are the same.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.patterns import compile_pattern

_CLASSES = {
    **dict.fromkeys("bp", "P"),
    **dict.fromkeys("fv", "F"),
    **dict.fromkeys("dt", "T"),
    **dict.fromkeys("gkjqzc", "K"),
    **dict.fromkeys("sx", "S"),
    **dict.fromkeys("lr", "L"),
    "m": "M",
    "n": "N",
    "h": "H",
    "w": "W",
}
_PINYIN_INITIALS = compile_pattern(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?")
_NASAL_END = compile_pattern(r"(ng|n)$")
# English spellings of one sound, rewritten before the letters are classed.
_ENGLISH_SOUNDS = (
    (compile_pattern(r"ph"), "f"),
    (compile_pattern(r"[tc]h"), lambda m: "t" if m.group(0) == "th" else "k"),
    (compile_pattern(r"sh"), "s"),
    (compile_pattern(r"ck|qu"), "k"),
    (compile_pattern(r"x"), "ks"),
    (compile_pattern(r"c(?=[eiy])"), "s"),
    (compile_pattern(r"(?<!^)h|gh"), ""),  # a silent h (Sarah), gh (Hugh)
    (compile_pattern(r"r(?![aeiouy])"), ""),  # a closing r English leaves unsaid (Peter)
)
# The middle dot written between the parts of a transcribed Western name (克里斯·安德森).
NAME_DOTS = frozenset("·・")
_SHORTEST_NAME = 3  # letters of the shortest Western name matched (not Me, Es)
_WESTERN_WORD = compile_pattern(r"(?<![\w'’-])[A-Z][a-z]{2,}(?![\w'’-])")


def _collapse(classes: Iterable[str]) -> str:
    out: list[str] = []
    for c in classes:
        if c and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


def western_sound(word: str) -> str:
    """The consonant classes of a Western word (Ginny: KN, Tony: TN, Owen: WN)."""
    letters = word.lower()
    for pattern, replacement in _ENGLISH_SOUNDS:
        letters = pattern.sub(replacement, letters)
    return _collapse(_CLASSES.get(ch, "") for ch in letters)


def pinyin_sounds(numbered: str) -> frozenset[str]:
    """The consonant classes a name's reading may be heard as (jin1 ni1: KN; zhan1 mu3 si1:
    KNMS or KMS), its syllables' closing nasals heard or not."""
    syllables = _pinyin.strip_tones(numbered).lower().replace("5", "").split()
    heard: list[str] = []
    unheard: list[str] = []
    for syllable in (re.sub(r"\d", "", s) for s in syllables):
        if syllable == "er":  # 尔 transcribes an r or l of its own (Charles: Chá'ěrsī)
            heard.append("L")
            unheard.append("L")
            continue
        initial = _PINYIN_INITIALS.match(syllable)
        start = initial.group(0) if initial else ""
        cls = _CLASSES.get(start[:1], "") if start not in ("sh",) else "S"
        heard.append(cls)
        unheard.append(cls)
        if _NASAL_END.search(syllable[len(start) :]):
            heard.append("N")
    return frozenset({_collapse(heard), _collapse(unheard)})


def sounds_like(word: str, numbered: str) -> bool:
    """True when the Western ``word`` sounds like the pinyin reading ``numbered``."""
    sound = western_sound(word)
    return bool(sound) and sound in pinyin_sounds(numbered)


def western_name(numbered: str, lines: Iterable[str]) -> str:
    """The Western name the document writes for a transcribed name read ``numbered``: the
    capitalised word on ``lines`` (those with the name or its romanisation) that sounds like
    it, the most often written; "" when none does."""
    own = _pinyin.toneless_key(numbered.replace(" ", ""))
    found: Counter[str] = Counter()
    for line in lines:
        for word in _WESTERN_WORD.findall(line):
            if (
                len(word) >= _SHORTEST_NAME
                and word.isascii()
                and _pinyin.toneless_key(word) != own
                and sounds_like(word, numbered)
            ):
                found[word] += 1
    return found.most_common(1)[0][0] if found else ""


def beside_a_name_dot(han: str, line: str) -> bool:
    """True when ``han`` is written against a middle dot on ``line`` (克里斯·安德森): one part of
    a Western name transcribed by its sound, not a Chinese surname and given name."""
    start = line.find(han)
    while start >= 0:
        end = start + len(han)
        if line[max(0, start - 1) : start] in NAME_DOTS or line[end : end + 1] in NAME_DOTS:
            return True
        start = line.find(han, start + 1)
    return False
