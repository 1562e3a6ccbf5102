"""Frozen domain models of the lexicon: entries, senses, readings, search results."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from hanzi_companion.lexicon import pinyin as _pinyin

CEDICT_SOURCE = "CC-CEDICT"
PYPINYIN_SOURCE = "pypinyin"


class SenseKind(StrEnum):
    """What a CC-CEDICT definition is, so readings can be ranked and senses labelled."""

    MEANING = "meaning"
    VARIANT = "variant"  # "variant of X", "old variant of X", "archaic variant of X"
    SURNAME = "surname"  # "surname X"
    SEE = "see"  # "see X", "see also X": a cross-reference, no meaning of its own
    ABBREVIATION = "abbreviation"  # "abbr. for X"


@cache
def _kind_pattern() -> re.Pattern[str]:
    """One pattern, its alternatives in order of precedence (a variant note before the rest):
    one match per definition instead of four. Compiled on first use: only an index build
    classifies definitions (an index row stores each sense's kind)."""
    return re.compile(
        r"(?P<variant>(?:\([^)]*\)\s*)?(?:old |archaic |ancient |erroneous |obscure |Japanese |"
        r"Taiwan |)?(?:variant|variant form) of\b)"
        r"|(?P<surname>surname\b)"
        r"|(?P<see>(?:see|see also)\s)"
        r"|(?P<abbreviation>abbr\. (?:for|of|to)\b)",
        re.IGNORECASE,
    )


_KINDS = {
    "variant": SenseKind.VARIANT,
    "surname": SenseKind.SURNAME,
    "see": SenseKind.SEE,
    "abbreviation": SenseKind.ABBREVIATION,
}


def classify_definition(text: str) -> SenseKind:
    """Tell a meaning from a cross-reference, a variant note, a surname or an abbreviation."""
    match = _kind_pattern().match(text)
    if match is None or match.lastgroup is None:
        return SenseKind.MEANING
    return _KINDS[match.lastgroup]


@dataclass(frozen=True)
class Sense:
    """One definition of an entry, with where it came from."""

    text: str
    kind: SenseKind = SenseKind.MEANING
    source: str = CEDICT_SOURCE


@dataclass(frozen=True)
class Entry:
    """One dictionary entry: one headword with one reading and its senses."""

    traditional: str
    simplified: str
    pinyin_numbered: str
    senses: tuple[Sense, ...]
    classifiers: tuple[str, ...] = ()
    source: str = CEDICT_SOURCE
    note: str = ""  # provenance note of a course or user dictionary entry
    frequency: int = 0

    @property
    def pinyin(self) -> str:
        """Tone marks, syllables joined as dictionaries print words: ``chuàngxīn``."""
        return _pinyin.word_pinyin(self.pinyin_numbered)

    @property
    def pinyin_spaced(self) -> str:
        """Tone marks, one syllable per token: ``chuàng xīn``."""
        return _pinyin.numbered_to_marks(self.pinyin_numbered)

    @property
    def definitions(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.senses)

    @property
    def is_proper_noun(self) -> bool:
        """CC-CEDICT capitalises the pinyin of names, places and brands."""
        first = self.pinyin_numbered[:1]
        return first.isupper()

    @property
    def meanings(self) -> tuple[Sense, ...]:
        """Senses that carry meaning of their own (no variant or cross-reference notes)."""
        return tuple(
            s for s in self.senses if s.kind in (SenseKind.MEANING, SenseKind.ABBREVIATION)
        )

    @property
    def is_variant_only(self) -> bool:
        return bool(self.senses) and all(s.kind == SenseKind.VARIANT for s in self.senses)

    @property
    def is_reference_only(self) -> bool:
        return bool(self.senses) and all(
            s.kind in (SenseKind.SEE, SenseKind.VARIANT) for s in self.senses
        )

    @property
    def is_surname_only(self) -> bool:
        return bool(self.senses) and all(s.kind == SenseKind.SURNAME for s in self.senses)

    def headword(self, script: str = "simplified") -> str:
        return self.traditional if script == "traditional" else self.simplified


@dataclass(frozen=True)
class Reading:
    """The reading chosen for a word: from a dictionary entry, or pypinyin when none has it."""

    word: str
    pinyin_numbered: str
    source: str
    entry: Entry | None = None

    @property
    def pinyin(self) -> str:
        return _pinyin.word_pinyin(self.pinyin_numbered)

    @property
    def in_dictionary(self) -> bool:
        return self.entry is not None


@dataclass(frozen=True)
class Link:
    """A link to an outside dictionary."""

    site: str
    url: str


class QueryKind(StrEnum):
    HANZI = "hanzi"
    PINYIN = "pinyin"
    ENGLISH = "english"


@dataclass(frozen=True)
class SearchHit:
    """One search result: an entry and why it matched."""

    entry: Entry
    match: str  # "exact", "prefix", "contains", "gloss-exact", "gloss-word"
    kind: QueryKind


@dataclass(frozen=True)
class SearchResults:
    """The answer to a search: the detected query kind and the ranked hits."""

    query: str
    kind: QueryKind
    hits: tuple[SearchHit, ...]
    also: tuple[QueryKind, ...] = field(default=())  # other kinds the query could be read as
