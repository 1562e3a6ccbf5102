"""Definitions that point at another headword: "see X", "erhua variant of X", "abbr. for X".

CC-CEDICT writes many definitions as a reference to another word (``variant of 草[cao3]``,
``abbr. for 春節聯歡晚會|春节联欢晚会[Chun1 jie2 ...]``); the meaning a student needs is that
word's. This module reads such a definition into a :class:`Reference` and picks, among the
target's entries, the ones the reference names (its reading, its traditional form).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.models import Entry
from hanzi_companion.patterns import LazyPattern, compile_pattern

# The labels that say "this word means what that word means" (each one a CC-CEDICT habit:
# "see", "also written", "same as", every "... variant of", "abbr. for", "used in" ...).
# "cf.", "contrasted with" and "opposite:" point at another word without sharing its meaning.
_VARIANT = (
    r"(?:(?:\([^)]*\)\s*)?(?:old|archaic|ancient|erroneous|obscure|Japanese|Taiwan|erhua|"
    r"euphemistic|popular|less common|nonstandard|simplified|contracted|literary)\s+)*"
    r"(?:variant|variant form|form) of"
)
_LABEL = (
    r"(?:\((?:dialect|Tw|old|literary)\)\s*)?"
    rf"(?:{_VARIANT}|see also|see|also written|now written|same as|also called|another name for"
    r"|alternative (?:term|name) for|Internet slang for|dialectal equivalent of"
    r"|Mandarin equivalent:|Taiwan equivalent of|used erroneously for|used in"
    r"|abbr\. (?:for|of|to)|abbreviation for|contracted form of)"
)
_HAN = r"[^\x00-\x7f|\[\]\s(),;:]+"
_DEFINITION = compile_pattern(
    rf"^(?P<open>\()?(?P<label>{_LABEL})\s+"
    rf"(?:(?P<traditional>{_HAN})\|)?(?P<word>{_HAN})"
    r"(?:\[(?P<reading>[A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*)\])?"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_FURTHER = LazyPattern(rf"^(?:(?:and|or|etc)\s+)?(?:{_HAN}\|)?{_HAN}(?:\[|\s|,|$)")
_RESTING_NOTE = LazyPattern(r"^\s*(?:\([^()]*\)\s*)*$")  # nothing but parenthesised notes


@dataclass(frozen=True)
class Reference:
    """A definition that sends the reader to another headword."""

    label: str  # "erhua variant of", "abbr. for", "see"
    word: str  # the target as CC-CEDICT writes it (its simplified form when both are given)
    traditional: str = ""  # the target's traditional form, when the definition gives it
    reading: str = ""  # the target's numbered reading, when the definition gives it
    meaning: str = ""  # a meaning the definition adds ("abbr. for X, property management")
    # What follows the target when it adds no meaning, as written: " (preferred by ...)",
    # " and 骷髏|骷髅[ku1 lou2]".
    remark: str = ""

    @property
    def note(self) -> str:
        """The reference as a short note for the reader: ``erhua variant of 馅``."""
        return f"{self.label} {self.word}{self.remark}"


def parse_reference(text: str) -> Reference | None:
    """The reference a definition is, or None for a definition with a meaning of its own.

    A definition that adds a meaning after its reference (``abbr. for 物业管理[...], property
    management``) keeps it as ``meaning``: the reference is then only a note.
    """
    match = _DEFINITION.match(text.strip())
    if match is None:
        return None
    raw = match.group("rest")
    if match.group("open"):
        # "(abbr. for 中盤商|中盘商[...]) distributor": the meaning follows the parenthesis.
        if not raw.startswith(")"):
            return None
        raw = raw[1:]
    rest = raw.strip(" ,;")
    # Nothing more, a parenthesised remark, or more words to see ("used in 髑髏|髑髅[du2 lou2]
    # and 骷髏|骷髅[ku1 lou2]"): no meaning of its own.
    further = _FURTHER.match(rest) or _DEFINITION.match(rest)
    plain = _RESTING_NOTE.match(rest) or further
    remark, meaning = (raw.rstrip(), "") if plain else ("", rest)
    return Reference(
        label=" ".join(match.group("label").split()),
        word=match.group("word"),
        traditional=match.group("traditional") or "",
        reading=match.group("reading") or "",
        meaning=meaning,
        remark=remark,
    )


def referenced_entries(reference: Reference, entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """The entries of the target word that ``reference`` names: read as it says (乾 "variant
    of 干[gan1]" is gān "dry", not gàn) and written as it says; all of them when none fits."""
    entries = tuple(entries)
    fitting = entries
    if reference.reading:
        key = _pinyin.numbered_key(reference.reading)
        read = tuple(e for e in entries if _pinyin.numbered_key(e.pinyin_numbered) == key)
        # Case tells a name from a word read alike: 和[he2] is "and", not the surname He2.
        cased = tuple(e for e in read if e.pinyin_numbered == reference.reading)
        fitting = cased or read or fitting
    # CC-CEDICT writes one form when both are the same: "variant of 和[he2]" is the entry 和,
    # not 咊 or 龢 (old forms whose simplified form is 和).
    form = reference.traditional or reference.word
    written = tuple(e for e in fitting if e.traditional == form)
    return written or fitting
