"""Words no dictionary lists that are regular forms of a word it does list.

A spoken word with an erhua 儿 (皮儿), a conditional with 的话 (不然的话), a reduplicated
word (看看, 高高兴兴, 研究研究) or a word written with a variant character the dictionary
names (艸 for 草) or another traditional character of the same simplified one (鹵汁 for
滷汁) means what its dictionary word means. Each rule is a small named function
from the term (and a lookup) to the :class:`WordForm` it is of; :data:`FORM_RULES` lists
them in the order they are tried. A term none of them explains keeps no meaning of its own:
the glossary then glosses its parts, labelled as literal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hanzi_companion.lexicon.models import Entry
from hanzi_companion.lexicon.references import parse_reference

Lookup = Callable[[str], tuple[Entry, ...]]

_ERHUA = ("儿", "兒")
CANTONESE_PLURAL = "哋"  # Cantonese's plural of pronouns (我哋 we), Mandarin's 们
_CONDITIONAL = ("的话", "的話")
VARIANT_CHARACTER = "variant character"
OTHER_TRADITIONAL = "other traditional character"
_SHORTEST_BASE = 1  # a base word of one character is still a word (皮儿, 看看)


@dataclass(frozen=True)
class WordForm:
    """The dictionary word a term is a form of, and how, as a note for the reader."""

    word: str  # the dictionary word whose meaning the term has
    note: str  # "erhua form of 皮", "不然 + 的话 (if)", "reduplicated 看"
    rule: str  # the name of the rule in FORM_RULES that found it


def erhua_form(term: str, lookup: Lookup) -> WordForm | None:
    """皮儿, 一点儿: the word without its erhua 儿 (spoken northern Mandarin adds it)."""
    if len(term) > _SHORTEST_BASE and term.endswith(_ERHUA) and lookup(term[:-1]):
        return WordForm(term[:-1], f"erhua form of {term[:-1]}", "erhua form")
    return None


def conditional_form(term: str, lookup: Lookup) -> WordForm | None:
    """不然的话, 可能的话: the word before 的话 "if", which only marks the condition."""
    base = term[:-2]
    if len(base) >= _SHORTEST_BASE and term.endswith(_CONDITIONAL) and lookup(base):
        return WordForm(base, f"{base} + {term[-2:]} (if)", "conditional form")
    return None


def reduplicated_form(term: str, lookup: Lookup) -> WordForm | None:
    """看看, 看一看 (a verb tried once), 高高兴兴 (AABB) and 研究研究 (ABAB): the word
    said once."""
    base = ""
    if len(term) in (2, 3) and term[0] == term[-1] and term[1:-1] in ("", "一"):
        base = term[0]  # 看看, 看一看
    elif len(term) == 4 and term[0] == term[1] and term[2] == term[3]:
        base = term[0] + term[2]
    elif len(term) == 4 and term[:2] == term[2:]:
        base = term[:2]
    if base and lookup(base):
        return WordForm(base, f"reduplicated {base}", "reduplicated form")
    return None


def variant_character_form(term: str, lookup: Lookup) -> WordForm | None:
    """A word written with a character the dictionary lists only as a variant of another
    (艸, "variant of 草"): the word as written with that other character, when the
    dictionary has it. (A character with meanings of its own is not swapped: 合 "to close",
    also "old variant of 盒", stays 合; 麽, an entry of its own "variant of 麼", is swapped
    in 什麽 though 麽 is also 麼's simplified form "tiny".)"""
    for index, char in enumerate(term):
        entries = [e for e in lookup(char) if e.is_variant_only]
        for entry in entries:
            for sense in entry.senses:
                reference = parse_reference(sense.text)
                if reference is None or len(reference.word) != 1 or reference.word == char:
                    continue
                word = term[:index] + reference.word + term[index + 1 :]
                if lookup(word):
                    note = f"{word} written with {char} for {reference.word}"
                    return WordForm(word, note, VARIANT_CHARACTER)
    return None


def cantonese_plural_form(term: str, lookup: Lookup) -> WordForm | None:
    """我哋, 你哋: a pronoun in Cantonese's plural, the Mandarin plural with 们 (我们 we)."""
    if len(term) != 2 or not term.endswith(CANTONESE_PLURAL):
        return None
    for suffix in ("们", "們"):
        if lookup(term[0] + suffix):
            word = term[0] + suffix
            return WordForm(word, f"Cantonese {term} for {word}", "Cantonese plural")
    return None


def other_traditional_form(term: str, lookup: Lookup) -> WordForm | None:
    """A traditional word written with another traditional character of the same simplified
    one (鹵汁 for 滷汁: both 鹵 and 滷 are simplified 卤): the dictionary's word of that
    simplified spelling (卤汁)."""
    simplified = simplified_spelling(term, lookup)
    if simplified == term:
        return None
    for entry in lookup(simplified):
        if entry.simplified == simplified and entry.traditional != term:
            word = entry.traditional
            note = f"{word} written {term}, as some places write it"
            return WordForm(word, note, OTHER_TRADITIONAL)
    return None


def simplified_spelling(term: str, lookup: Lookup) -> str:
    """``term`` with each traditional character written as its one simplified character
    (遊覽車 -> 游览车; a character of two simplified forms, or none, stays as written)."""
    return "".join(_simplified_of(char, lookup) for char in term)


def _simplified_of(char: str, lookup: Lookup) -> str:
    """The one simplified character a traditional character's entries give, else itself."""
    forms = {e.simplified for e in lookup(char) if e.traditional == char}
    return forms.pop() if len(forms) == 1 else char


FormRule = Callable[[str, Lookup], "WordForm | None"]
# The rules, in the order they are tried: the first that finds a dictionary word decides.
FORM_RULES: tuple[tuple[str, FormRule], ...] = (
    ("erhua form", erhua_form),
    ("conditional form", conditional_form),
    ("reduplicated form", reduplicated_form),
    (VARIANT_CHARACTER, variant_character_form),
    ("Cantonese plural", cantonese_plural_form),
    (OTHER_TRADITIONAL, other_traditional_form),
)


def word_form(term: str, lookup: Lookup) -> WordForm | None:
    """The dictionary word ``term`` is a regular form of, or None (``term`` itself should be
    one no dictionary lists)."""
    for _, rule in FORM_RULES:
        found = rule(term, lookup)
        if found is not None:
            return found
    return None
