"""Personal names in Chinese text (张明, 李华, 王小明): a surname and a one- or two-character
given name, found in sentences and dialogues where the segmenter would cut them apart.

A name is recognised by small rules, each on the words of a run:

- ``guessed_name``: jieba's HMM (trained on newspaper text, good at names) guesses a word no
  dictionary has that starts with a common surname (李华, 王小明, 林小红);
- ``surname_and_word``: a surname stands alone and the next word is a given name followed by
  a grammatical word (张 | 明和 is 张明 and 和);
- ``surname_and_character``: a surname stands alone before a single character that is no
  grammatical word, then a word boundary (李 | 华 | 一起);
- ``familiar_name``: 小 or 老 stands alone before a lone surname (小 | 李, 老 | 王);
- ``surname_and_title``: a lone surname before a title of address (張 | 先生, 王 | 老師).

No name follows a numeral or a demonstrative (一张纸: 张 is a measure word) or a degree adverb
(好鍾意 "so fond of"), holds a grammatical word or a verb of motion or speech (王去北京), or is
itself a dictionary word (张开).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from hanzi_companion.text.wordlists import (
    DEGREE_ADVERBS,
    FAMILIAR_PREFIXES,
    NOT_IN_GIVEN_NAMES,
    NUMERALS_AND_DEMONSTRATIVES,
    SURNAMES,
    TITLES,
)

_NAME_MIN, _NAME_MAX = 2, 3


@dataclass(frozen=True)
class NameRules:
    """What the rules ask of the lexicon and the segmenter."""

    is_word: Callable[[str], bool]  # a dictionary headword
    cut_guessing: Callable[[str], tuple[str, ...]]  # words with HMM guesses (jieba)
    cut: Callable[[str], tuple[str, ...]]  # words by dictionary only


def could_be_name(name: str, before: str, rules: NameRules) -> bool:
    """Surname first, a given name of plain characters, no dictionary word, not counted."""
    return (
        _NAME_MIN <= len(name) <= _NAME_MAX
        and name[0] in SURNAMES
        and not any(ch in NOT_IN_GIVEN_NAMES for ch in name[1:])
        and before[-1:] not in NUMERALS_AND_DEMONSTRATIVES
        and not rules.is_word(name)
        and not _after_a_degree(before, rules)
    )


def _after_a_degree(before: str, rules: NameRules) -> bool:
    """Whether a degree adverb stands as a word of its own right before (我哋好 | 鍾意 "we so
    like"; not 好 of 你好 "hello", before a name one greets)."""
    if before[-1:] not in DEGREE_ADVERBS:
        return False
    words = rules.cut(before[-_DEGREE_WINDOW:])
    return bool(words) and words[-1] == before[-1]


_DEGREE_WINDOW = 4  # characters enough to tell 好 "so" from the 好 of 你好, 大家好


def guessed_name(run: str, rules: NameRules) -> list[tuple[int, int]]:
    """Spans of the words jieba's HMM guesses that read as names."""
    spans = []
    position = 0
    for word in rules.cut_guessing(run):
        if could_be_name(word, run[:position], rules):
            spans.append((position, position + len(word)))
        position += len(word)
    return spans


def surname_and_word(words: tuple[str, ...], rules: NameRules) -> list[tuple[int, int]]:
    """A lone surname, then a two-character word ending in a grammatical word (张 | 明和)."""
    spans = []
    position = 0
    for index, word in enumerate(words[:-1]):
        following = words[index + 1]
        if (
            len(word) == 1
            and len(following) == 2
            and following[1] in NOT_IN_GIVEN_NAMES
            and could_be_name(word + following[0], "".join(words[:index]), rules)
        ):
            spans.append((position, position + 2))
        position += len(word)
    return spans


def surname_and_character(words: tuple[str, ...], rules: NameRules) -> list[tuple[int, int]]:
    """A lone surname, then one or two single characters that are no grammatical words."""
    spans = []
    position = 0
    for index, word in enumerate(words[:-1]):
        given = ""
        for following in words[index + 1 : index + _NAME_MAX] if len(word) == 1 else ():
            if len(following) != 1 or following in NOT_IN_GIVEN_NAMES:
                break
            given += following
        if given and could_be_name(word + given, "".join(words[:index]), rules):
            spans.append((position, position + 1 + len(given)))
        position += len(word)
    return spans


def familiar_name(words: tuple[str, ...], rules: NameRules) -> list[tuple[int, int]]:
    """小 or 老 alone before a lone surname: how friends and colleagues are called (小李, 老王),
    no dictionary word (小心 stays)."""
    spans = []
    position = 0
    for index, word in enumerate(words[:-1]):
        following = words[index + 1]
        if (
            word in FAMILIAR_PREFIXES
            and following in SURNAMES
            and not rules.is_word(word + following)
            and "".join(words[:index])[-1:] not in NUMERALS_AND_DEMONSTRATIVES
        ):
            spans.append((position, position + 2))
        position += len(word)
    return spans


def surname_and_title(words: tuple[str, ...], rules: NameRules) -> list[tuple[int, int]]:
    """A lone surname before a title of address: how a person is called (張先生 Mr Zhang, 王老師
    Teacher Wang), no dictionary word, not counted (一張 先生 is no name)."""
    spans = []
    position = 0
    for index, word in enumerate(words[:-1]):
        if (
            word in SURNAMES
            and words[index + 1] in TITLES
            and not rules.is_word(word + words[index + 1])
            and "".join(words[:index])[-1:] not in NUMERALS_AND_DEMONSTRATIVES
        ):
            spans.append((position, position + 1 + len(words[index + 1])))
        position += len(word)
    return spans


def addressed_by_title(name: str) -> tuple[str, str]:
    """(surname, English title) of a name that is a surname and a title of address (張先生:
    張, Mr); ("", "") for other names."""
    if name[:1] in SURNAMES and name[1:] in TITLES:
        return name[0], TITLES[name[1:]]
    return "", ""


def name_spans(run: str, words: tuple[str, ...], rules: NameRules) -> list[tuple[int, int]]:
    """Spans of the personal names in ``run`` (cut into ``words``), first rule first, never
    overlapping."""
    found: list[tuple[int, int]] = []
    candidates = [
        *guessed_name(run, rules),
        *surname_and_word(words, rules),
        *surname_and_character(words, rules),
        *familiar_name(words, rules),
        *surname_and_title(words, rules),
    ]
    for start, end in candidates:
        if all(end <= s or start >= e for s, e in found):
            found.append((start, end))
    return sorted(found)


def with_names(
    run: str, words: tuple[str, ...], rules: NameRules
) -> tuple[tuple[str, ...], set[str]]:
    """``words`` with each personal name of ``run`` one word (the pieces of words it cuts
    through kept: 张 | 明和 becomes 张明 | 和), and the names found."""
    spans = name_spans(run, words, rules)
    if not spans:
        return words, set()
    return recut(run, words, spans), {run[start:end] for start, end in spans}


def recut(
    run: str,
    words: tuple[str, ...],
    spans: list[tuple[int, int]],
    cuts: frozenset[int] = frozenset(),
) -> tuple[str, ...]:
    """``run`` cut where ``words`` and the extra ``cuts`` cut it, except inside each of the
    ``spans`` (start, end), which become words of their own."""
    bounds = {0, len(run)} | cuts
    position = 0
    for word in words:
        bounds.add(position)
        position += len(word)
    for start, end in spans:
        bounds = {b for b in bounds if not start < b < end} | {start, end}
    return tuple(run[a:b] for a, b in pairwise(sorted(bounds)) if b > a)


def is_name(run: str, before: str, rules: NameRules) -> bool:
    """True when a run kept whole (张明 on its own, 李华： opening a line of dialogue) reads as
    a name: it could be one and the segmenter finds no word in it, or jieba guesses it whole."""
    if not could_be_name(run, before, rules):
        return False
    return rules.cut_guessing(run) == (run,) or all(len(w) == 1 for w in rules.cut(run))
