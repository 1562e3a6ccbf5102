"""Romanised Chinese as teachers write it: tone marks, tone numbers, no tones at all.

A written word is read as pinyin when it parses into syllables
(:func:`~hanzi_companion.lexicon.pinyin.parse_syllables`); tone numbers may follow each
syllable (``ren2min2``, ``xi2 zi4``), ``v`` stands for ``ü`` (``lv4``, ``nv3``) and a neutral
tone is written 5 or 0 (``ma5``, ``de0``). What is written is kept as the term's reading in
tone marks (:func:`as_marks`) and in CC-CEDICT's numbered form (:func:`numbered_reading`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.patterns import compile_pattern
from hanzi_companion.text.wordlists import WESTERN_SPELLINGS

_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜɑɡ"
# Letters pages type for pinyin's a and g: the IPA's ɑ (U+0251, Latin alpha) and ɡ (U+0261,
# script g), which look the same in most fonts (Hong Kong schools' pinyin writes wɑ́ng lɑ̌o shī).
_LOOKALIKES = str.maketrans({"ɑ": "a", "ɡ": "g", "Ɑ": "A"})
_SPACED_MARK = compile_pattern(r"(?<=[a-zü]) (?=[\u0300\u0301\u0304\u030c])")
# A written word of Latin letters, with the tone digits pinyin may carry after each syllable
# (``ren2min2``) and apostrophes inside (``Xi'an``). It starts with a letter: 3D, 12th are no
# pinyin; a word like 12th or B2B fails the syllable parse anyway.
ROMAN_WORD = compile_pattern(f"[{_LETTERS}]+[0-5]?(?:(?:['’]?[{_LETTERS}]+)[0-5]?)*")
_NEUTRAL_ZERO = compile_pattern(r"(?<=[A-Za-zÜüÊê:])0(?![0-9])")
_TONE_DIGIT = compile_pattern(r"[A-Za-zÜüÊê:][1-5](?![0-9])")


def pinyin_letters(text: str) -> str:
    """``text`` with the look-alike letters of :data:`_LOOKALIKES` written as pinyin's, a
    combining tone mark composed with its letter (``ɑ̄`` is ``ā``)."""
    if text.isascii():
        return text
    # a mark typed after a space (huɑ ̀) is still its letter's
    text = _SPACED_MARK.sub("", text.translate(_LOOKALIKES))
    return unicodedata.normalize("NFC", text)


def _neutral_as_five(text: str) -> str:
    """Tone 0 (some textbooks' neutral tone) written as CC-CEDICT's 5."""
    return _NEUTRAL_ZERO.sub("5", text)


@lru_cache(maxsize=65536)
def syllables_of(text: str) -> tuple[_pinyin.Syllable, ...] | None:
    """The pinyin syllables of written romanisation (marks, numbers or none), else None."""
    if text.isupper() and len(text) > 1:
        return None  # an acronym (NEOM, HAX), not pinyin
    return _pinyin.parse_syllables(_neutral_as_five(pinyin_letters(text)))


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
    is written and the syllables count right. Unmarked syllables read neutral (``de5``);
    capitals are kept for names (Zhāng Míng), not for a sentence's first word."""
    if not is_toned(text):
        return ""
    tokens: list[str] = []
    words = text.split()
    # A capital only a sentence's first word has (Ní hǎo ma) is no name's.
    sentence_start = len(words) > 1 and not all(w[:1].isupper() for w in words)
    for word in words:
        parsed = syllables_of(word)
        if not parsed:
            return ""
        syllables = [f"{s.letters}{s.tone or 5}" for s in parsed]
        if parsed[-1].letters == "r" and len(parsed) > 1:
            last = parsed[-2]
            syllables[-2:] = [f"{last.letters}r{last.tone or 5}"]
        if word[:1].isupper() and not sentence_start:
            syllables[0] = syllables[0][:1].upper() + syllables[0][1:]
        tokens.extend(syllables)
    return " ".join(tokens) if len(tokens) == length else ""


_NUMBERED_SYLLABLE = compile_pattern(r"([A-Za-züÜ:]+)([1-5])")


def with_written_tones(reading: str, written: str) -> str:
    """The dictionary's numbered ``reading`` of a term with the tones the document writes for
    it (``written``, numbered): the reading a student is taught there, ní hǎo for nǐ hǎo,
    xiáojiě for xiǎojie, yí ge for yī gè. A syllable written in lower case is lowered (shí yuè,
    not CC-CEDICT's month name Shíyuè); a capital may only start a sentence, so the
    dictionary's case stays. ``reading`` as it is when the letters are not the same."""
    ours, theirs = reading.split(), written.split()
    if not theirs or len(ours) != len(theirs):
        return reading
    out: list[str] = []
    for mine, its in zip(ours, theirs, strict=True):
        own, told = _NUMBERED_SYLLABLE.fullmatch(mine), _NUMBERED_SYLLABLE.fullmatch(its)
        if own is None or told is None or _letters(own[1]) != _letters(told[1]):
            return reading
        letters = own[1].lower() if told[1][:1].islower() else own[1]
        out.append(letters + told[2])
    return " ".join(out)


def _letters(letters: str) -> str:
    return letters.lower().replace("u:", "v").replace("ü", "v")


# -- older romanisations ----------------------------------------------------------------------

# Wade-Giles initials and the pinyin they stand for; apostrophes mark aspiration, and as most
# English texts drop them an unmarked initial may be either (Tao is dao, Tai chi is taiji).
_WG_INITIALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ch'", ("ch", "q")),
    ("ts'", ("c",)),
    ("tz'", ("c",)),
    ("k'", ("k",)),
    ("p'", ("p",)),
    ("t'", ("t",)),
    ("ch", ("zh", "j", "ch", "q")),
    ("ts", ("z", "c")),
    ("tz", ("z", "c")),
    ("hs", ("x",)),
    ("sz", ("s",)),
    ("ss", ("s",)),
    ("sh", ("sh",)),
    ("k", ("g", "k")),
    ("p", ("b", "p")),
    ("t", ("d", "t")),
    ("j", ("r",)),
)
# Wade-Giles finals and their pinyin (ko is ge, chih is zhi, tung is dong, hsien is xian).
_WG_FINALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ih", ("i",)),
    ("iung", ("iong",)),
    ("ung", ("ong",)),
    ("ieh", ("ie",)),
    ("ien", ("ian",)),
    ("üeh", ("ue", "üe")),
    ("ueh", ("ue", "üe")),
    ("erh", ("er",)),
    ("eh", ("e", "ie")),
    ("ü", ("u", "ü")),
    ("u", ("u", "i")),  # tzu, ssu: zi, si
    ("o", ("o", "e", "uo")),
    ("ê", ("e",)),
)
_WG_WHOLE: dict[str, tuple[str, ...]] = {
    "yu": ("you",),
    "yü": ("yu",),
    "yeh": ("ye",),
    "yen": ("yan",),
    "erh": ("er",),
}
_APICAL = frozenset(["zhi", "chi", "shi", "ri", "zi", "ci", "si"])
_NASALS = frozenset(["m", "n", "ng", "hm", "hng", "r"])
_WG_MAX_SPELLINGS = 64  # readings tried for one written name


@lru_cache(maxsize=65536)
def wade_giles_syllable(written: str) -> tuple[str, ...]:
    """The pinyin syllables (toneless, ü as v) a Wade-Giles syllable may stand for."""
    written = written.lower().replace("’", "'")
    if written in _WG_WHOLE:
        return tuple(s.replace("ü", "v") for s in _WG_WHOLE[written])
    initials: tuple[str, ...] = ("",)
    rest = written
    for prefix, pinyin in _WG_INITIALS:
        if written.startswith(prefix):
            initials, rest = pinyin, written[len(prefix) :]
            break
    else:
        if written[:1] not in "aeiouüê" and written[:1].isalpha():
            initials, rest = (written[0],), written[1:]
    finals: set[str] = {rest}
    for suffix, pinyin in _WG_FINALS:
        if rest.endswith(suffix):
            finals |= {rest[: -len(suffix)] + p for p in pinyin}
            break
    found = {
        (i + f).replace("ü", "v")
        for i in initials
        for f in finals
        if "'" not in f and (i + f).replace("ü", "v") in _pinyin.SYLLABLES
    }
    # Wade-Giles writes the apical vowel -ih or -u (shih, tzu) and has no syllabic nasals:
    # "shi" or "ng" inside a word (Washington) is English.
    if not rest.endswith(("ih", "u")):
        found -= _APICAL
    return tuple(sorted(found - _NASALS))


def _wade_giles_words(text: str) -> list[tuple[str, ...]] | None:
    """Each written syllable's pinyin readings, syllables split at hyphens and spaces and
    inside a word where Wade-Giles syllables meet (Kuomintang); None if one is unreadable."""
    out: list[tuple[str, ...]] = []
    for word in re.split(r"[\s\-]+", text.strip().lower()):
        pieces = _split_wade_giles(word)
        if pieces is None:
            return None
        out.extend(pieces)
    return out


def _split_wade_giles(word: str) -> list[tuple[str, ...]] | None:
    """The fewest Wade-Giles syllables ``word`` splits into, each with its readings."""
    best: list[list[tuple[str, ...]] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 7), end):
            before = best[start]
            if before is None or (best[end] is not None and len(best[end] or ()) <= len(before)):
                continue
            readings = wade_giles_syllable(word[start:end])
            if readings:
                best[end] = [*before, readings]
    return best[len(word)]


def _normal_western(text: str) -> str:
    return re.sub(r"[\s\-'’]+", " ", text.strip().lower())


def is_western_spelling(text: str) -> bool:
    """True for a name of the table of older spellings (Peking, Chiang Kai-shek)."""
    return _normal_western(text) in WESTERN_SPELLINGS


def western_keys(text: str) -> frozenset[str]:
    """Toneless pinyin keys a name written in an older romanisation may stand for: a name of
    the table in :mod:`~hanzi_companion.text.language` (Chiang Kai-shek, Peking), else every
    reading of its Wade-Giles syllables (Mao Tse-tung, Tao Te Ching); empty if neither."""
    known = WESTERN_SPELLINGS.get(_normal_western(text))
    if known is not None:
        return frozenset([known.replace(" ", "")])
    syllables = _wade_giles_words(text)
    if not syllables:
        return frozenset()
    keys = [""]
    for readings in syllables:
        keys = [k + r for k in keys for r in readings][:_WG_MAX_SPELLINGS]
    return frozenset(keys)
