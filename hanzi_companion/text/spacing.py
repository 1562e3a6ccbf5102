"""Han characters written apart (``买 年 货``, ``我 爱 你``), as teaching slides lay out words
over their pinyin: joined back so the words they spell are found.

A sequence of single characters separated by spaces is joined when the line says it is one
piece of language, not a list of characters:

- ``spelled_word``: the joined characters are a dictionary word (``年 货``);
- ``read_beside``: romanisation with one syllable per character, reading them in order, is
  written on the same line or the next one (``我 爱 你`` over ``wǒ ài nǐ``);
- ``spaced_sentence``: the characters close with sentence punctuation (``我 是 学 生 。``).

Characters each followed by their own syllable (``新xīn 年nián 快kuài 乐lè``) are joined too,
by :func:`join_glossed`: the romanisation is written after the joined characters when they
spell one dictionary word, blanked when they are a phrase or a sentence (whose words are then
found as in any sentence).

Characters that are each a word (``我 爱 你``) stay apart, as they are already listed word by
word; so does a list of characters (``人 口 大 小``, ``的 了 吗 呢``), which meets no rule.
Joined characters are written together and padded with spaces at the end of the sequence, so
every offset after it on the line is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.han import HAN_MARK, han_prefix, han_shape
from hanzi_companion.text.syllables import ROMAN_WORD, syllables_of

# The patterns of this module run on a line's Han shape, where HAN_MARK stands for any Han
# character; offsets in the shape are offsets in the line.
_ONE = HAN_MARK
# Two or more single characters, each separated from the next by spaces only.
_SPACED = compile_pattern(f"(?<!{_ONE}){_ONE}(?:[ \\t\u3000]+{_ONE})+(?!{_ONE})")
_SENTENCE_END = LazyPattern(r"[ \t\u3000]*[。？！?!]")
_NEAR = 40  # farthest the romanisation of the characters may start after them on their line


@dataclass(frozen=True)
class SpacingRules:
    """What the rules ask of the lexicon."""

    is_word: Callable[[str], bool]  # a dictionary headword
    cut: Callable[[str], tuple[str, ...]]  # words of a run of characters
    reading_keys: Callable[[str], frozenset[str]]  # toneless readings of one character


def spelled_word(chars: str, line: str, end: int, following: str, rules: SpacingRules) -> bool:
    """The joined characters are one dictionary word (年 货 is 年货)."""
    return rules.is_word(chars)


def spaced_sentence(chars: str, line: str, end: int, following: str, rules: SpacingRules) -> bool:
    """The characters close with sentence punctuation (我 是 学 生 。)."""
    return _SENTENCE_END.match(line, end) is not None


def read_beside(chars: str, line: str, end: int, following: str, rules: SpacingRules) -> bool:
    """Romanisation reading the characters in order is written after them on the line or on
    the next line (买 年 货 | mǎi nián huò; 我 爱 你 over wǒ ài nǐ), there anywhere in the
    line's pinyin (早 , 王 先 生 , 您 早 。 over zǎo Wáng xiān shēng nín zǎo)."""
    return _reads(chars, line[end : end + _NEAR + 8 * len(chars)], rules) or _reads_within(
        chars, following, rules
    )


def _reads_within(chars: str, text: str, rules: SpacingRules) -> bool:
    """A run of the syllables of ``text``, a line of romanisation, reads ``chars``."""
    syllables: list[str] = []
    for match in ROMAN_WORD.finditer(text):
        parsed = syllables_of(match.group())
        if not parsed:
            return False  # a word of English: no line of pinyin
        syllables.extend(_pinyin.toneless_key(s.letters) for s in parsed)
    keys = [rules.reading_keys(char) for char in chars]
    return any(
        all(key in options for key, options in zip(syllables[at:], keys, strict=False))
        for at in range(len(syllables) - len(chars) + 1)
    )


def _reads(chars: str, text: str, rules: SpacingRules) -> bool:
    syllables: list[str] = []
    for match in ROMAN_WORD.finditer(text):
        parsed = syllables_of(match.group())
        if not parsed:
            if syllables:
                break
            continue
        syllables.extend(_pinyin.toneless_key(s.letters) for s in parsed)
        if len(syllables) >= len(chars):
            break
    if len(syllables) != len(chars):
        return False
    return all(key in rules.reading_keys(char) for key, char in zip(syllables, chars, strict=True))


SPACING_RULES = (spelled_word, read_beside, spaced_sentence)


def join_spaced(line: str, following: str, rules: SpacingRules) -> str:
    """``line`` with each spaced sequence of characters that a rule joins written together
    (padded to the same length); other text as it was."""
    if " " not in line and "\t" not in line and "\u3000" not in line:
        return line

    def join(start: int, end: int) -> str:
        spaced = line[start:end]
        chars = "".join(ch for ch in spaced if not ch.isspace())
        if all(len(word) == 1 for word in rules.cut(chars)):
            return spaced  # each character a word of its own (我 爱 你): already apart
        if any(rule(chars, line, end, following, rules) for rule in SPACING_RULES):
            return chars + " " * (len(spaced) - len(chars))
        return spaced

    return _substitute(line, _SPACED.finditer(han_shape(line)), join)


def _substitute(
    line: str, matches: Iterable[re.Match[str]], replace: Callable[[int, int], str]
) -> str:
    """``line`` with the text at each match (found in its shape) replaced."""
    out: list[str] = []
    position = 0
    for match in matches:
        out.append(line[position : match.start()] + replace(match.start(), match.end()))
        position = match.end()
    return "".join(out) + line[position:] if out else line


# A character's romanisation in brackets inside a word: 恭(gōng)喜发财.
_INTERRUPTING = "[(（][A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ0-5'’ ]+[)）]"
_INTERRUPTED = compile_pattern(f"({_ONE}+)({_INTERRUPTING})(?={_ONE})")


def join_interrupted(line: str, rules: SpacingRules) -> str:
    """``line`` with a romanisation written inside a word (恭(gōng)喜发财) taken out of it:
    the word written whole and padded with spaces, so every offset after it is kept. Only
    when the romanisation reads the characters before it and a word of the joined text spans
    the brackets (恭喜), not between two words (你好(nǐhǎo)谢谢)."""
    if "(" not in line and "（" not in line:
        return line
    out: list[str] = []
    position = 0
    for match in _INTERRUPTED.finditer(han_shape(line)):
        if match.start() < position:
            continue
        before, brackets = line[match.start(1) : match.end(1)], match.group(2)
        following = han_prefix(line, match.end())
        if not _reads_end(brackets[1:-1], before, rules) or not _crosses(
            before + following, len(before), rules
        ):
            continue
        out.append(line[position : match.start()] + before + following + " " * len(brackets))
        position = match.end() + len(following)
    return "".join(out) + line[position:] if out else line


def _reads_end(romanisation: str, chars: str, rules: SpacingRules) -> bool:
    """True when ``romanisation`` reads the last characters of ``chars``, one syllable each."""
    syllables = [
        _pinyin.toneless_key(s.letters)
        for word in romanisation.split()
        for s in syllables_of(word) or ()
    ]
    if not syllables or len(syllables) > len(chars):
        return False
    end = chars[-len(syllables) :]
    return all(key in rules.reading_keys(ch) for key, ch in zip(syllables, end, strict=True))


def _crosses(text: str, boundary: int, rules: SpacingRules) -> bool:
    """True when a word of ``text`` starts before ``boundary`` and ends after it."""
    position = 0
    for word in rules.cut(text):
        if position < boundary < position + len(word):
            return True
        position += len(word)
    return False


# A character with its own syllable written against it, then spaces (新xīn 年nián): two or more.
# ... or in brackets against it (新(xīn)年(nián)).
_SYLLABLE = "[A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+[0-5]?"
_READ = f"(?:{_SYLLABLE}|[(（]{_SYLLABLE}[)）])"
_GLOSSED_PAIR = LazyPattern(f"({_ONE})[(（]?({_SYLLABLE})")
# (No lookahead for what follows: a failing one would backtrack through every pair, and
# searching from every pair again made a long line of pairs quadratic; checked in code.)
_GLOSSED = compile_pattern(f"(?<!{_ONE}){_ONE}{_READ}(?:[ \\t\u3000]*{_ONE}{_READ})+")


def join_glossed(line: str, rules: SpacingRules) -> str:
    """``line`` with characters each followed by the syllable that reads them (新xīn 年nián
    快kuài 乐lè, 新(xīn)年(nián)) written together, padded with spaces so every offset after
    them is kept.

    Every pair must read: a character against an English word (新York) is left alone. The
    syllables follow the joined characters when those spell one dictionary word (新年快乐
    xīn nián kuài lè, kept as its written reading); a phrase or a sentence keeps no
    romanisation beside it, so it is read as one, word by word.
    """
    shape = han_shape(line)
    if _GLOSSED.search(shape) is None:
        return line

    def join(start: int, end: int) -> str:
        written = line[start:end]
        if line[end : end + 1].isalnum():
            return written  # the last "syllable" runs into a word or a digit (年aa9)
        pairs = [
            (line[pair.start(1)], pair.group(2))
            for pair in _GLOSSED_PAIR.finditer(shape, start, end)
        ]
        if not all(_reads_one(syllable, char, rules) for char, syllable in pairs):
            return written
        chars = "".join(char for char, _ in pairs)
        # Characters each with its reading in brackets, set apart, may be a list of
        # characters (日(rì) 月(yuè) 山(shān)): joined only when they spell one word.
        bracketed = "(" in written or "（" in written
        if bracketed and any(ch.isspace() for ch in written) and not rules.is_word(chars):
            return written
        joined = chars
        if rules.is_word(chars):
            syllables = [syllable for _, syllable in pairs]
            spaced = chars + " ".join(syllables)
            # written without spaces (春chūn节jié) the syllables fit only written together
            joined = spaced if len(spaced) <= len(written) else chars + "".join(syllables)
        return joined + " " * (len(written) - len(joined))

    return _substitute(line, _GLOSSED.finditer(shape), join)


def _reads_one(written: str, char: str, rules: SpacingRules) -> bool:
    """True when ``written`` is one syllable that reads ``char``."""
    parsed = syllables_of(written)
    return (
        parsed is not None
        and len(parsed) == 1
        and _pinyin.toneless_key(parsed[0].letters) in rules.reading_keys(char)
    )
