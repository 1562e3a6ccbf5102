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
from collections.abc import Sequence

from hanzi_companion.text.han import HAN_MARK, HAN_PIECE, han_shape
from hanzi_companion.text.syllables import ROMAN_WORD, pinyin_letters, syllables_of

# Lines of pinyin one line of Chinese may run over (a long line wrapped by the page).
_MAX_WRAPPED = 4
# What may stand before a Chinese line's text or a pinyin line's: a speaker's Latin label.
_LABEL = re.compile(r"^\s*[A-Z][A-Za-z.]{0,2}\s*[:：]\s*")
_CELL = re.compile(r"\s*[|\t]\s*")  # between the cells of a table's row
_PLACES = 4  # digits of the longest number read by its places (longer ones digit by digit)


def line_readings(lines: Sequence[str], index: int) -> tuple[str, ...]:
    """The numbered syllable the pinyin written with ``lines[index]`` gives each of its Han
    characters, in order (``("ni3", "hao3")`` for 你好 over ``Nǐ hǎo!``), "" for a character
    it does not read; () when no pinyin goes with the line. Tried in turn: the cells of a
    table's row (``张 | Ní hǎo! | 你好! | Hello!``), pinyin after the Chinese on its own line
    (wrapping on to the next lines), the lines below, the line above."""
    line = lines[index]
    tokens = _chinese_tokens(line)
    count = sum(not token.isdigit() for token in tokens)
    if not count:
        return ()
    cells = _CELL.split(line)
    if len(cells) > 1:
        return _row_readings(cells)
    last = max(m.end() for m in HAN_PIECE.finditer(line))
    chinese, latin = _latin_words(line[:last]), _latin_words(line)
    below = list(lines[index + 1 : index + 1 + _MAX_WRAPPED])
    above = [lines[index - 1]] if index > 0 else []
    tries = ((line[last:], below, chinese), ("", below, latin), ("", above, latin))
    for first, more, words in tries:
        readings = _read_through(tokens, _pinyin_text(first, more, count, words))
        if readings:
            return readings
    return ()


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


def _pinyin_text(first: str, more: list[str], count: int, latin: frozenset[str]) -> list[str]:
    """The numbered syllables of the pinyin in ``first`` and the lines of ``more`` after it,
    up to ``count`` syllables read; [] when a line on the way is no pinyin. Blank lines are
    skipped before the pinyin starts, and end it."""
    syllables: list[str] = []
    started = False
    for text in ([first] if first.strip() else []) + more:
        if not text.strip():
            if started:
                break
            continue
        read = _pinyin_line(text, latin)
        if read is None:
            return []
        started = True
        syllables.extend(read)
        if len(syllables) >= count:
            break
    return syllables


def _pinyin_line(text: str, latin: frozenset[str]) -> list[str] | None:
    """The numbered syllables of a line of pinyin only (its speaker label and the Latin words
    of ``latin`` aside), else None."""
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
    return syllables if toned and _only_marks(text[position:]) else None


def _only_marks(text: str) -> bool:
    """True when ``text`` holds only spaces, punctuation and numbers (no letters, no Han)."""
    return not re.search(r"[^\W\d_]", text)


def _without_erhua(words: list[str]) -> list[str]:
    """The syllables without an erhua r the characters do not write (哪 for nǎr)."""
    return [w for w in words if w.lower() != "r5"]


def _read_through(tokens: list[str], words: list[str]) -> tuple[str, ...]:
    """The syllable of each Han token when ``words`` read the tokens exactly (an erhua r the
    characters do not write aside: 哪 for nǎr), else ()."""
    return _read_exactly(tokens, words) or _read_exactly(tokens, _without_erhua(words))


def _read_exactly(tokens: list[str], words: list[str]) -> tuple[str, ...]:
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
    tokens: list[str], number: int, words: list[str], at: int, readings: list[str]
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
