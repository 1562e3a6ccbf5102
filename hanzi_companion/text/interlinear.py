"""A line of Chinese and the line of pinyin written with it: the reading of each character.

Teaching material writes dialogues and lesson texts line by line, the pinyin of each line of
Chinese under it (or over it, or after it on the same line), often its English next:

    A：你好！你叫什么名字？
    Nǐ hǎo! Nǐ jiào shénme míngzi?
    Hello! What's your name?

A line of romanisation is that line's pinyin when every word of it is pinyin (a tone written
on some syllable: an English line of pinyin-looking words, "a man", has none), with one
syllable for each Han character of the Chinese line, in order: punctuation, a speaker's Latin
label (``A:``), a Latin word the Chinese line also writes (``我叫 Mai``) and an erhua ``r``
with no 儿 aside, an Arabic number read out (``3月`` is ``sān yuè``, ``29`` is ``èrshíjiǔ``).
Each character's reading is then its own syllable, as the line writes it (``ní hǎo``, ``yí
ge``, ``xiáojiě``: the reading a student is taught there), numbered like CC-CEDICT's, a
neutral tone written 5, a capital kept: a syllable written in lower case is no name's (a
capital may only start a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from hanzi_companion.patterns import compile_pattern
from hanzi_companion.text.han import HAN_MARK, HAN_PIECE, han_shape
from hanzi_companion.text.syllables import ROMAN_WORD, pinyin_letters, syllables_of

# Lines of pinyin one line of Chinese may run over (a long line wrapped by the page).
_MAX_WRAPPED = 4
# What may stand before a Chinese line's text or a pinyin line's: a speaker's Latin label.
_LABEL = compile_pattern(r"^\s*[A-Z][A-Za-z.]{0,2}\s*[:：]\s*")
_CELL = compile_pattern(r"\s*[|\t]\s*")  # between the cells of a table's row
_LETTER = compile_pattern(r"[A-Za-z]")
# A tone written: a marked vowel (or a combining mark, or the look-alike ɑ), a tone digit.
_TONED = compile_pattern("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ\u0300\u0301\u0304\u030cɑɡ]|[a-zü][0-5]\\b")
_MAX_ENGLISH = 8  # lines of a page's wrapped English line
_SLACK = 2  # syllables a line of pinyin may miss or add and still be its line's
_PLACES = 4  # digits of the longest number read by its places (longer ones digit by digit)


def tones_written(text: str) -> bool:
    """True when ``text`` writes a tone somewhere (a marked vowel, a tone digit): a text with
    none has no pinyin line, and its lines need not be looked at one by one."""
    return _TONED.search(text) is not None


class Pairing(NamedTuple):
    """A line of Chinese read with its pinyin: each Han character's numbered syllable ("" for
    one the pinyin does not read) and the lines the two take, ``first`` to ``last``."""

    readings: tuple[str, ...]
    first: int
    last: int


@lru_cache(maxsize=8)
def pairings(text: str) -> Mapping[int, Pairing]:
    """Each line of ``text`` read with its pinyin (see :func:`pairing`), by line index; {}
    when the text writes no tone. Read once per text: the term finder, the romanised words
    and the glossary's context all ask for the same slide's text."""
    if not tones_written(text):
        return {}
    lines = text.split("\n")
    toned = [i for i, line in enumerate(lines) if _TONED.search(line)]
    # only the lines a written tone is near (the line above to the wrapped lines below)
    near = sorted({i for t in toned for i in range(max(0, t - _MAX_WRAPPED), t + 2)})
    found = ((i, pairing(lines, i)) for i in near if i < len(lines))
    return MappingProxyType({i: p for i, p in found if p is not None})


def line_readings(lines: Sequence[str], index: int) -> tuple[str, ...]:
    """The numbered syllable the pinyin written with ``lines[index]`` gives each of its Han
    characters, in order (``("ni3", "hao3")`` for 你好 over ``Nǐ hǎo!``), "" for a character
    it does not read; () when no pinyin goes with the line (see :func:`pairing`)."""
    paired = pairing(lines, index)
    return paired.readings if paired else ()


def pairing(lines: Sequence[str], index: int) -> Pairing | None:
    """``lines[index]`` read with the pinyin written with it, else None. Tried in turn: the
    cells of a table's row (``张 | Ní hǎo! | 你好! | Hello!``), pinyin after the Chinese on its
    own line (wrapping on to the next lines), the lines below, the line above."""
    line = lines[index]
    if not HAN_PIECE.search(line):
        return None
    near = lines[max(0, index - 1) : index + 1 + _MAX_WRAPPED]
    if not any(_TONED.search(text) for text in near):
        return None  # no tone written near: no pinyin (most lines of a Chinese text)
    tokens = _chinese_tokens(line)
    count = sum(not token.isdigit() for token in tokens)
    cells = _CELL.split(line)
    if len(cells) > 1:
        found = _row_readings(cells)
        return Pairing(found, index, index) if found else None
    last = max(m.end() for m in HAN_PIECE.finditer(line))
    chinese, latin = _latin_words(line[:last]), _latin_words(line)
    below = list(lines[index + 1 : index + 1 + _MAX_WRAPPED])
    above = [lines[index - 1]] if index > 0 else []
    tries = ((line[last:], below, chinese, 1), ("", below, latin, 1), ("", above, latin, -1))
    for first, more, words, step in tries:
        syllables, used = _pinyin_text(first, more, count, words)
        readings = _read_through(tokens, syllables)
        if readings:
            return (
                Pairing(readings, index - used, index)
                if step < 0
                else Pairing(readings, index, index + used)
            )
    return None


def translations(text: str) -> dict[int, str]:
    """The English line of each line of Chinese read with its pinyin (see :func:`pairing`),
    by the Chinese line's index ("" when none). A table's row has it in a cell. Lines have it
    just before the Chinese (wrapped over several lines, as a page breaks them) or just after
    the pinyin; which, the text says by its speakers: the side whose English lines name the
    speaker of the Chinese line (``Mr Wang: I'm fine.`` after ``王先生:我很好。``) more often;
    after the pinyin when they do not tell."""
    paired = pairings(text)
    lines = text.split("\n") if paired else []
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    votes = 0
    for index, found in paired.items():
        if found.first == found.last == index and _CELL.search(lines[index]):
            after[index] = before[index] = _english_cell(lines[index])
            continue
        before[index] = _english_block(lines, found.first - 1, -1)
        after[index] = _english_block(lines, found.last + 1, 1)
        speaker = _speaker_keys(lines[index], found.readings)
        votes += _names(before[index], speaker) - _names(after[index], speaker)
    return before if votes > 0 else after


def without_pinyin(text: str) -> dict[int, str]:
    """The lines that hold the pinyin of a line of Chinese read with it (see :func:`pairing`),
    by index, with that pinyin taken out: "" for a line of pinyin, the Chinese alone for a
    line the pinyin follows on, a table's row with its pinyin cells blank. The pinyin reads
    its own line: it is no romanised term of its own, and no prose."""
    if not tones_written(text):
        return {}
    paired = pairings(text)
    lines = text.split("\n")
    cleared: dict[int, str] = {}
    for index, line in enumerate(lines):
        found = paired.get(index)
        if found is None:
            if _near_miss(lines, index):
                cleared[index + 1] = ""
            continue
        cells = _CELL.split(line)
        if len(cells) > 1:
            kept = ("" if _pinyin_line(c, frozenset()) is not None else c for c in cells)
            cleared[index] = " | ".join(kept)
            continue
        last = max(m.end() for m in HAN_PIECE.finditer(line))
        cleared[index] = line[:last] if _pinyin_line(line[last:], frozenset()) else line
        for other in range(found.first, found.last + 1):
            if other != index:
                cleared[other] = ""
    return cleared


def _near_miss(lines: Sequence[str], index: int) -> bool:
    """True when the line after a line of Chinese is a line of pinyin whose syllables nearly
    count its characters (a particle more, a.: Duì! … suì a!): its pinyin, read loosely."""
    if index + 1 >= len(lines) or not _TONED.search(lines[index + 1]):
        return False
    if not HAN_PIECE.search(lines[index]):
        return False
    read = _pinyin_line(lines[index + 1], _latin_words(lines[index]))
    tokens = _chinese_tokens(lines[index])
    count = sum(_spoken_lengths(t)[0] if t.isdigit() else 1 for t in tokens)
    return read is not None and abs(len(read) - count) <= _SLACK


def _english_block(lines: Sequence[str], start: int, step: int) -> str:
    """The English lines from ``start`` on in the direction ``step`` up to a blank line, a
    line with Han characters or a line of pinyin, joined (a page wraps a long line)."""
    block: list[str] = []
    index = start
    while 0 <= index < len(lines) and len(block) < _MAX_ENGLISH:
        text = lines[index].strip()
        if not text or HAN_PIECE.search(text) or not _LETTER.search(text):
            break
        if _pinyin_line(text, frozenset()) is not None:
            break
        block.append(text)
        index += step
    return " ".join(block if step > 0 else reversed(block))


def _english_cell(row: str) -> str:
    """The first cell of a table's row after its Chinese that is English (no pinyin)."""
    cells = _CELL.split(row)
    chinese = next((i for i, cell in enumerate(cells) if HAN_PIECE.search(cell)), len(cells))
    for cell in cells[chinese + 1 :]:
        if _LETTER.search(cell) and _pinyin_line(cell, frozenset()) is None:
            return cell.strip()
    return ""


def _speaker_keys(line: str, readings: tuple[str, ...]) -> frozenset[str]:
    """Toneless romanisations of the speaker's label a line of Chinese starts with (王先生:
    wang, xian, sheng, wangxiansheng), from the readings of its characters."""
    label = re.match(r"\s*([^:：]{1,6})[:：]", line)
    if label is None or not HAN_PIECE.fullmatch(label.group(1).replace(" ", "")):
        return frozenset()
    syllables = [
        re.sub(r"[0-9]", "", r).lower() for r in readings[: len(label.group(1).replace(" ", ""))]
    ]
    return frozenset([*syllables, "".join(syllables)]) - {""}


def _names(english: str, speaker: frozenset[str]) -> int:
    """1 when the English starts with a speaker's label naming ``speaker`` (``Mr Wang:``)."""
    label = re.match(r"\s*([A-Z][\w .]{0,20})[:：]", english)
    if label is None or not speaker:
        return 0
    return int(bool({w.lower() for w in re.findall(r"\w+", label.group(1))} & speaker))


def _row_readings(cells: list[str]) -> tuple[str, ...]:
    """The readings of a table row's Han characters that a pinyin cell of the row reads."""
    pinyin = [_pinyin_line(cell, frozenset()) for cell in cells]
    readings: list[str] = []
    for cell, read in zip(cells, pinyin, strict=True):
        tokens = _chinese_tokens(cell)
        found: tuple[str, ...] = ()
        if tokens and read is None:
            latin = _latin_words(cell)
            others = (_pinyin_line(c, latin) for c, r in zip(cells, pinyin, strict=True) if r)
            found = next((f for f in (_read_through(tokens, o or []) for o in others) if f), ())
        readings.extend(found or [""] * sum(not t.isdigit() for t in tokens))
    return tuple(readings) if any(readings) else ()


def _latin_words(line: str) -> frozenset[str]:
    """The Latin words a line of Chinese writes (``我叫 Mai``), lowercased."""
    return frozenset(w.lower() for w in ROMAN_WORD.findall(_without_han_and_label(line)))


def _without_han_and_label(line: str) -> str:
    return HAN_PIECE.sub(" ", _LABEL.sub("", line))


def _chinese_tokens(line: str) -> list[str]:
    """The line's Han characters, one a token, and its Arabic numbers, each a token."""
    shape = han_shape(line)
    return [
        line[match.start()] if match.group() == HAN_MARK else match.group()
        for match in re.finditer(f"{HAN_MARK}|[0-9]+", shape)
    ]


def _pinyin_text(
    first: str, more: list[str], count: int, latin: frozenset[str]
) -> tuple[list[str], int]:
    """The numbered syllables of the pinyin in ``first`` and the lines of ``more`` after it,
    up to ``count`` syllables read, and how many lines of ``more`` (blank ones included) they
    took; [] when a line on the way is no pinyin. Blank lines are skipped before the pinyin
    starts, and end it."""
    syllables: list[str] = []
    if first.strip():
        read = _pinyin_line(first, latin)
        if read is None:
            return [], 0
        syllables.extend(read)
    used = 0
    for text in more:
        if len(syllables) >= count:
            break
        if not text.strip():
            if syllables:
                break
            used += 1
            continue
        read = _pinyin_line(text, latin)
        if read is None:
            return [], 0
        syllables.extend(read)
        used += 1
    return syllables, used


@lru_cache(maxsize=4096)
def _pinyin_line(text: str, latin: frozenset[str]) -> tuple[str, ...] | None:
    """The numbered syllables of a line of pinyin only (its speaker label and the Latin words
    of ``latin`` aside), else None. Cached: the lines around a pinyin line each try it."""
    if not _TONED.search(text):
        return None
    text = pinyin_letters(_LABEL.sub("", text.strip()))
    syllables: list[str] = []
    toned = False
    position = 0
    for match in ROMAN_WORD.finditer(text):
        between = text[position : match.start()]
        position = match.end()
        if not _only_marks(between):
            return None
        if match.group().lower() in latin:
            continue
        parsed = syllables_of(match.group())
        if not parsed:
            return None  # an English word: no pinyin line
        toned = toned or any(s.tone for s in parsed)
        for number, syllable in enumerate(parsed):
            letters = syllable.letters
            if not number and match.group()[:1].isupper():
                letters = letters[:1].upper() + letters[1:]
            syllables.append(f"{letters}{syllable.tone or 5}")
    return tuple(syllables) if toned and _only_marks(text[position:]) else None


def _only_marks(text: str) -> bool:
    """True when ``text`` holds only spaces, punctuation and numbers (no letters, no Han)."""
    return not re.search(r"[^\W\d_]", text)


def _without_erhua(words: Sequence[str]) -> list[str]:
    """The syllables without an erhua r the characters do not write (哪 for nǎr)."""
    return [w for w in words if w.lower() != "r5"]


def _read_through(tokens: list[str], words: Sequence[str]) -> tuple[str, ...]:
    """The syllable of each Han token when ``words`` read the tokens exactly (an erhua r the
    characters do not write aside: 哪 for nǎr), else ()."""
    return _read_exactly(tokens, words) or _read_exactly(tokens, _without_erhua(words))


def _read_exactly(tokens: list[str], words: Sequence[str]) -> tuple[str, ...]:
    if not words:
        return ()
    readings: list[str] = []
    at = 0
    for number, token in enumerate(tokens):
        if token.isdigit():
            return _after_number(tokens, number, words, at, readings)
        if at >= len(words):
            return ()
        readings.append(words[at])
        at += 1
    return tuple(readings) if at == len(words) else ()


def _after_number(
    tokens: list[str], number: int, words: Sequence[str], at: int, readings: list[str]
) -> tuple[str, ...]:
    """The readings when the number ``tokens[number]`` is read out in one of the ways it
    may be (:func:`_spoken_lengths`) from ``words[at]`` and the rest reads through."""
    for length in _spoken_lengths(tokens[number]):
        rest = _read_exactly(tokens[number + 1 :], words[at + length :])
        if rest or (number + 1 == len(tokens) and at + length == len(words)):
            return (*readings, *rest)
    return ()


def _spoken_lengths(digits: str) -> tuple[int, ...]:
    """Syllables the number takes read out: by its places (29 is èr shí jiǔ, 3; 10 is shí, 1;
    105 is yī bǎi líng wǔ, 4), and digit by digit (a year, 2025: 4)."""
    number = digits.lstrip("0") or "0"
    if len(number) > _PLACES:
        return (len(digits),)
    places = 0
    zero_run = False
    for position, digit in enumerate(number):
        if digit == "0":
            zero_run = number != "0"
            places += number == "0"
            continue
        places += 1 + zero_run + (position < len(number) - 1)  # líng, the digit, its place
        zero_run = False
    if len(number) == 2 and number[0] == "1":
        places -= 1  # 12 is shí èr
    return tuple(dict.fromkeys((places, len(digits))))
