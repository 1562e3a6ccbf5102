"""Character profiles: readings with their words, forms, radical, structure, formation,
HSK level, sound and meaning families, stroke data.

One frozen :class:`CharacterProfile` is what the web page, the Anki character card and the
CLI render. :func:`build_profile` assembles it from the lexicon (CC-CEDICT readings, words and
frequencies) and the compiled character index (:mod:`.character_index`).

Sources are kept apart on purpose: the *structure* is a shape analysis (cjk-decomp) and is
never presented as etymology; the *formation* comes from the Dong Chinese etymology data (via
chinese-lexicon) and is labelled so; where that data has no record the profile says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from hanzi_companion.errors import InvalidQueryError, NotFoundError
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.character_index import CharacterIndex, kangxi_radical
from hanzi_companion.lexicon.models import CEDICT_SOURCE, Entry, Link, Sense, SenseKind
from hanzi_companion.lexicon.search import drop_marks_on_han
from hanzi_companion.lexicon.strokes import StrokeData
from hanzi_companion.patterns import compile_pattern

if TYPE_CHECKING:
    from hanzi_companion.lexicon.lexicon import Lexicon

ETYMOLOGY_SOURCE = "Dong Chinese (via chinese-lexicon)"
STRUCTURE_SOURCE = "cjk-decomp 0.4.0 (Gavin Grover)"
UNIHAN_SOURCE = "Unihan"
STROKES_SOURCE = "Make Me a Hanzi graphics via hanzi-writer-data (Arphic Public License)"
HSK_SOURCE = "HSK 3.0 (GF0025-2021)"
NO_ETYMOLOGY = (
    "No etymology is recorded for this character in the Dong Chinese data; "
    "only its shape structure (cjk-decomp) is shown, which is not an etymology."
)
NO_ETYMOLOGY_NOR_STRUCTURE = (
    "No etymology is recorded for this character in the Dong Chinese data, "
    "and cjk-decomp gives no structure for it."
)

WORDS_PER_READING = 12
FAMILY_SIZE = 16
_WORDS_SCANNED = 200
_MAX_TREE_DEPTH = 16


# -- models ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordUse:
    """A word containing the character, with the reading the character has in it."""

    simplified: str
    traditional: str
    pinyin_numbered: str
    gloss: str
    frequency: int
    hsk_level: int | None

    @property
    def pinyin(self) -> str:
        return _pinyin.word_pinyin(self.pinyin_numbered)


@dataclass(frozen=True)
class CharacterReading:
    """One reading of the character: its definitions and the words that use it."""

    pinyin_numbered: str  # lowercase, one syllable: "chuang4"
    definitions: tuple[Sense, ...]  # each carries its source (CC-CEDICT or Unihan)
    words: tuple[WordUse, ...]  # most frequent first
    word_count: int  # words with this reading among the character's most frequent words
    in_dictionary: bool = True  # False: a reading only seen in words, with no entry of its own

    @property
    def pinyin(self) -> str:
        return _pinyin.word_pinyin(self.pinyin_numbered)


@dataclass(frozen=True)
class Variant:
    """Another form of the character and how it relates."""

    character: str
    # "variant form" (the other is a variant of this), "variant of" (this is a variant of
    # the other), or a Unihan relation: "semantic variant", "shape variant"...
    relation: str
    source: str


@dataclass(frozen=True)
class Radical:
    """The Kangxi radical the character is indexed under."""

    number: int
    character: str  # standard form: 刀
    form: str  # the form it takes in this character: 刂
    meaning: str
    residual_strokes: int | None  # strokes outside the radical
    simplified: bool = False  # indexed under the radical's simplified form (讠 for 言)

    @property
    def label(self) -> str:
        """``刀 (刂)`` when the character uses another form of the radical, else ``刀``."""
        return self.character if self.form == self.character else f"{self.character} ({self.form})"


@dataclass(frozen=True)
class StructureNode:
    """A shape in the structural decomposition: a character or an unencoded intermediate.

    Intermediate shapes have no character of their own; their ``shape`` is the IDS of their
    parts (``⿱宀⿱𠀎八``), so no data-file numbering ever reaches a reader.
    """

    shape: str  # the character, or the IDS of an unencoded intermediate shape
    encoded: bool  # shape is a single Unicode character
    operator: str  # IDS operator joining the children (⿰⿱⿴...), "" for a primitive
    layout: str  # plain words: "left-right", "top-bottom", "enclosure from the upper left"
    ids: str  # IDS of the shape from its parts (⿰仓刂); a primitive's is its shape
    children: tuple[StructureNode, ...] = ()
    form_of: str = ""  # for a modified shape: the shape it is a form of (冖 of 冂)
    form_relation: str = ""  # how: "special form", "top form", "equivalent"

    @property
    def is_primitive(self) -> bool:
        return not self.children

    def walk(self) -> Iterator[StructureNode]:
        """This node and every node below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def primitives(self) -> tuple[str, ...]:
        """The shapes at the leaves, left to right."""
        return tuple(node.shape for node in self.walk() if node.is_primitive)


class ComponentRole(StrEnum):
    """What a component contributes, as the etymology data types it."""

    MEANING = "meaning"
    SOUND = "sound"
    ICONIC = "iconic"  # part of the picture
    SIMPLIFIED = "simplified"  # introduced by the simplification
    DELETED = "deleted"  # a traditional component the simplification removed
    UNKNOWN = "unknown"  # purpose unclear


@dataclass(frozen=True)
class FormationComponent:
    """One component of the formation, with its role."""

    character: str
    role: ComponentRole
    notes: str
    pinyin_numbered: str  # the component's own reading ("" when none is known)

    @property
    def pinyin(self) -> str:
        return _pinyin.word_pinyin(self.pinyin_numbered)


class FormationKind(StrEnum):
    """How a character was formed."""

    PICTOGRAPH = "pictograph"
    IDEOGRAPH = "ideograph"
    PHONO_SEMANTIC = "phono-semantic compound"
    SIMPLIFIED = "simplified form"
    COMPONENT_FORM = "component form"
    VARIANT = "variant form"
    PHONETIC_LOAN = "phonetic loan"
    UNCLEAR = "origin unclear"


@dataclass(frozen=True)
class Formation:
    """How the character was formed, from the Dong Chinese etymology data.

    The data types each component and explains in notes; ``kinds`` are read from those, in
    the order the notes give them (``simplified form`` first for 双, second for 创).
    """

    kinds: tuple[FormationKind, ...]
    components: tuple[FormationComponent, ...]
    notes: str
    definition: str
    simplified_from: str = ""  # the traditional character this is a simplified form of
    source: str = ETYMOLOGY_SOURCE

    @property
    def label(self) -> str:
        """``phono-semantic compound; simplified form of 創``."""
        words = []
        for kind in self.kinds:
            if kind is FormationKind.SIMPLIFIED and self.simplified_from:
                words.append(f"simplified form of {self.simplified_from}")
            else:
                words.append(kind.value)
        return "; ".join(words) if words else "unclassified (see the notes)"

    def role_of(self, role: ComponentRole) -> tuple[str, ...]:
        """The components with ``role``."""
        return tuple(c.character for c in self.components if c.role is role)


@dataclass(frozen=True)
class FamilyMember:
    """A character of a sound or meaning family, with its reading."""

    character: str
    pinyin_numbered: str
    hsk_level: int | None

    @property
    def pinyin(self) -> str:
        return _pinyin.word_pinyin(self.pinyin_numbered)


@dataclass(frozen=True)
class Family:
    """Characters whose etymology gives one component the same role.

    When ``component`` is the profiled character itself, these are the characters it lends
    its sound (or meaning) to.
    """

    role: ComponentRole  # SOUND or MEANING
    component: str
    component_pinyin_numbered: str
    members: tuple[FamilyMember, ...]  # most used first, the profiled character left out
    total: int  # members in the data, the profiled character left out
    source: str = ETYMOLOGY_SOURCE

    @property
    def component_pinyin(self) -> str:
        return _pinyin.word_pinyin(self.component_pinyin_numbered)


@dataclass(frozen=True)
class CharacterProfile:
    """Everything the project knows about one character."""

    character: str
    requested: str  # as asked; a compatibility ideograph (U+F900 豈) folds to its unified form
    readings: tuple[CharacterReading, ...]  # best reading first
    simplified: tuple[str, ...]  # simplified counterparts (empty when it is simplified)
    traditional: tuple[str, ...]  # traditional counterparts (empty when it is traditional)
    variants: tuple[Variant, ...]
    radical: Radical | None
    total_strokes: int | None
    structure: StructureNode | None
    formation: Formation | None
    hsk_level: int | None  # in the HSK 3.0 character list
    families: tuple[Family, ...]
    strokes: StrokeData | None
    links: tuple[Link, ...] = ()
    sources: tuple[str, ...] = field(default=())  # the data this profile was built from

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.character):04X}"

    @property
    def block(self) -> str:
        return unicode_block(self.character)

    @property
    def pinyin(self) -> str:
        """The best reading, tone-marked ("" when none is known)."""
        return self.readings[0].pinyin if self.readings else ""

    @property
    def definitions(self) -> tuple[Sense, ...]:
        return tuple(s for r in self.readings for s in r.definitions)

    @property
    def etymology_note(self) -> str:
        """Where the formation comes from, or the explicit statement that none is recorded."""
        if self.formation is None:
            return NO_ETYMOLOGY if self.structure is not None else NO_ETYMOLOGY_NOR_STRUCTURE
        return f"Formation: {self.formation.source}."

    @property
    def stroke_count(self) -> int | None:
        """Total strokes: Unihan's count, else the number of strokes in the stroke data."""
        if self.total_strokes is not None:
            return self.total_strokes
        return self.strokes.count if self.strokes else None


# -- characters and blocks -------------------------------------------------------------------

_HAN_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x2E80, 0x2EFF, "CJK Radicals Supplement"),
    (0x2F00, 0x2FDF, "Kangxi Radicals"),
    (0x3005, 0x3005, "CJK Symbols and Punctuation"),
    (0x3007, 0x3007, "CJK Symbols and Punctuation"),
    (0x31C0, 0x31EF, "CJK Strokes"),
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0x20000, 0x2A6DF, "CJK Unified Ideographs Extension B"),
    (0x2A700, 0x2B73F, "CJK Unified Ideographs Extension C"),
    (0x2B740, 0x2B81F, "CJK Unified Ideographs Extension D"),
    (0x2B820, 0x2CEAF, "CJK Unified Ideographs Extension E"),
    (0x2CEB0, 0x2EBEF, "CJK Unified Ideographs Extension F"),
    (0x2EBF0, 0x2EE5F, "CJK Unified Ideographs Extension I"),
    (0x2F800, 0x2FA1F, "CJK Compatibility Ideographs Supplement"),
    (0x30000, 0x3134F, "CJK Unified Ideographs Extension G"),
    (0x31350, 0x323AF, "CJK Unified Ideographs Extension H"),
    (0x323B0, 0x3347F, "CJK Unified Ideographs Extension J"),
    # Code points of the ideographic planes outside the blocks above (unassigned today).
    (0x20000, 0x2FFFF, "Supplementary Ideographic Plane"),
    (0x30000, 0x3FFFF, "Tertiary Ideographic Plane"),
)


def unicode_block(character: str) -> str:
    """The Unicode block of a Han character, component or stroke ("" for anything else)."""
    code = ord(character)
    for low, high, name in _HAN_RANGES:
        if low <= code <= high:
            return name
    return ""


def visible_text(text: str) -> str:
    """The query as the user sees it: without the invisible format characters pasted with it
    (a BOM, zero-width spaces, direction marks), the spaces around it and accents stuck on
    a Chinese character."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()
    return drop_marks_on_han(visible)


def normalise_character(text: str) -> str:
    """Validate a one-character query; compatibility ideographs and Kangxi radicals fold to
    their unified forms (U+F900 豈 -> U+8C48 豈, U+2F11 ⼑ -> 刀)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidQueryError("the character is not valid UTF-8 text") from None
    stripped = visible_text(text)
    if not stripped:
        raise InvalidQueryError("give one Chinese character; the query is empty")
    if len(stripped) > 1:
        shown = stripped if len(stripped) <= 20 else stripped[:20] + "…"
        raise InvalidQueryError(
            f"give one Chinese character, not {len(stripped)} characters ({shown!r}); "
            "look words up with 'lookup'"
        )
    if not unicode_block(stripped):
        name = unicodedata.name(stripped, "")
        what = f"{stripped!r} (U+{ord(stripped):04X}{', ' + name if name else ''})"
        raise InvalidQueryError(f"{what} is not a Chinese character")
    code = ord(stripped)
    if 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F or 0x2F00 <= code <= 0x2FDF:
        folded = unicodedata.normalize("NFKC", stripped)
        if len(folded) == 1:
            return folded
    return stripped


# -- formation -------------------------------------------------------------------------------

_SIMPLIFIED_FROM = compile_pattern(r"Simplified form of (\S)")
_SENTENCE = compile_pattern(r"(?<=[.!?])\s+")


def classify_formation(
    notes: str, roles: tuple[ComponentRole, ...]
) -> tuple[tuple[FormationKind, ...], str]:
    """The formation kinds the notes state, in their order, and the traditional original.

    Where the notes name no kind, the component roles decide: a sound and a meaning make a
    phono-semantic compound, several pictorial or meaning parts an ideograph.
    """
    kinds: list[FormationKind] = []
    for sentence in _SENTENCE.split(notes):
        text = sentence.strip()
        lower = text.lower()
        if text.startswith("Simplified form of"):
            kinds.append(FormationKind.SIMPLIFIED)
        if "phonosemantic compoun" in lower or "phono-semantic compoun" in lower:
            kinds.append(FormationKind.PHONO_SEMANTIC)
        if lower.startswith(("pictograph", "originally a pictograph", "originally depicted")):
            kinds.append(FormationKind.PICTOGRAPH)
        if lower.startswith(("depicts", "depits")):
            pictorial = sum(r in (ComponentRole.ICONIC, ComponentRole.MEANING) for r in roles)
            kinds.append(FormationKind.IDEOGRAPH if pictorial >= 2 else FormationKind.PICTOGRAPH)
        if lower.startswith("origin unclear") or lower.endswith("origin unclear."):
            kinds.append(FormationKind.UNCLEAR)
        if "component form of" in lower or lower.startswith("component used in"):
            kinds.append(FormationKind.COMPONENT_FORM)
        if re.match(r"^(?:archaic |old |ancient )?variant (?:form )?of", lower):
            kinds.append(FormationKind.VARIANT)
        if "phonetic loan" in lower:
            kinds.append(FormationKind.PHONETIC_LOAN)
    structural = {
        FormationKind.PICTOGRAPH,
        FormationKind.IDEOGRAPH,
        FormationKind.PHONO_SEMANTIC,
        FormationKind.UNCLEAR,
        FormationKind.COMPONENT_FORM,
        FormationKind.VARIANT,
    }
    if not structural.intersection(kinds):
        has_sound = ComponentRole.SOUND in roles
        has_meaning = ComponentRole.MEANING in roles
        pictorial = sum(r in (ComponentRole.ICONIC, ComponentRole.MEANING) for r in roles)
        lower = notes.lower()
        if has_sound and has_meaning:
            kinds.append(FormationKind.PHONO_SEMANTIC)
        elif pictorial >= 2 or (
            not has_sound
            and any(word in lower for word in ("represent", "indicat", "depict", "combination"))
        ):
            # Strokes or parts standing for an idea: 一 "a single horizontal stroke,
            # representing the number one", 上 "a small line above a longer line".
            kinds.append(FormationKind.IDEOGRAPH)
    unique = tuple(dict.fromkeys(kinds))
    match = _SIMPLIFIED_FROM.search(notes)
    return unique, match[1] if match else ""


def _role(value: str) -> ComponentRole:
    try:
        return ComponentRole(value)
    except ValueError:
        return ComponentRole.UNKNOWN


# -- structure -------------------------------------------------------------------------------

# cjk-decomp configuration code -> (IDS operator, layout in words). A trailing /t, /m, /s or
# /o (the parts touch, mould, snap together or overlap) does not change the layout.
_LAYOUTS: dict[str, tuple[str, str]] = {
    "a": ("⿰", "left-right"),
    "d": ("⿱", "top-bottom"),
    "s": ("⿴", "full enclosure"),
    "st": ("⿵", "enclosure open below"),
    "sb": ("⿶", "enclosure open above"),
    "sl": ("⿷", "enclosure open to the right"),
    "sr": ("⿼", "enclosure open to the left"),
    "stl": ("⿸", "enclosure from the upper left"),
    "str": ("⿹", "enclosure from the upper right"),
    "sbl": ("⿺", "enclosure from the lower left"),
    "sbr": ("⿽", "enclosure from the lower right"),
    "lock": ("⿻", "interlocked"),
    "ba": ("⿻", "second between the first, across"),
    "bd": ("⿻", "second between the first, downwards"),
}
_THREE = {"a": ("⿲", "left-middle-right"), "d": ("⿳", "top-middle-bottom")}
_MODIFIED = {
    "me": "equivalent form",
    "msp": "special form",
    "ml": "left-side form",
    "mr": "right-side form",
    "mt": "top form",
    "mb": "bottom form",
    "mtl": "top-left form",
    "mc": "compact form",
    "mo": "outline",
}
# Repetitions: code -> (children as indexes into the repeated shape's copies, IDS template
# with {0}, {1}... standing for the copies' IDS, layout). ⿾ reflects, ⿿ rotates.
_REPEATS: dict[str, tuple[int, str, str]] = {
    "ra": (2, "⿰{0}{0}", "repeated left-right"),
    "rd": (2, "⿱{0}{0}", "repeated top-bottom"),
    "r3a": (3, "⿲{0}{0}{0}", "repeated three times across"),
    "r3d": (3, "⿳{0}{0}{0}", "repeated three times down"),
    "r3tr": (3, "⿱{0}⿰{0}{0}", "repeated three times in a triangle"),
    "r4a": (4, "⿰⿰{0}{0}⿰{0}{0}", "repeated four times across"),
    "r4d": (4, "⿱⿱{0}{0}⿱{0}{0}", "repeated four times down"),
    "r4sq": (4, "⿱⿰{0}{0}⿰{0}{0}", "repeated four times in a square"),
    "rrefl": (2, "⿰⿾{0}{0}", "repeated with a mirror image on the left"),
    "rrefr": (2, "⿰{0}⿾{0}", "repeated with a mirror image on the right"),
    "rrotr": (2, "⿰{0}⿿{0}", "repeated, turned, on the right"),
    "rrotd": (2, "⿱{0}⿿{0}", "repeated, turned, below"),
    "rrotu": (2, "⿱⿿{0}{0}", "repeated, turned, above"),
    "refh": (1, "⿾{0}", "mirrored"),
    "refv": (1, "〾{0}", "flipped upside down"),
    "rot": (1, "⿿{0}", "turned round"),
}


def _is_stroke(shape: str) -> bool:
    return len(shape) == 1 and 0x31C0 <= ord(shape) <= 0x31EF


class _TreeBuilder:
    """Builds structure trees from the index, resolving numbered intermediates.

    Below the root, the tree stops at the shapes a learner treats as primitives: the forms of
    the Kangxi radicals, single strokes, and shapes made of strokes only (人 is two strokes
    in cjk-decomp, better shown by the stroke-order diagram).
    """

    def __init__(self, index: CharacterIndex) -> None:
        self.index = index
        self.radical_forms = index.radical_forms()

    def build(self, character: str) -> StructureNode | None:
        if self.index.decomposition(character) is None:
            return None
        return self._node(character, (), 0)

    def _leaf(self, name: str, form_of: str = "", relation: str = "") -> StructureNode:
        shape = name if not name.isdigit() else "？"  # an intermediate with no record
        return StructureNode(
            shape, not name.isdigit(), "", "primitive", shape, (), form_of, relation
        )

    def _node(self, name: str, path: tuple[str, ...], depth: int) -> StructureNode:
        record = self.index.decomposition(name)
        if record is None or name in path or depth > _MAX_TREE_DEPTH or not record.parts:
            return self._leaf(name)
        path = (*path, name)
        code = record.kind.split("/")[0]
        encoded = not name.isdigit()
        if code == "c" or _is_stroke(name):
            return self._leaf(name)
        if code.startswith("m"):
            target = record.parts[0]
            if target == name or len(record.parts) != 1:
                return self._leaf(name)
            relation = _MODIFIED.get(code, "modified form")
            original = self._node(target, path, depth + 1)
            if encoded:
                return self._leaf(name, original.shape, relation)
            # An unencoded modified shape is shown as a variation of what it modifies.
            ids = "〾" + original.shape
            return StructureNode(ids, False, "〾", relation, ids, (original,))
        if depth > 0 and encoded and name in self.radical_forms:
            return self._leaf(name)
        if code in _REPEATS:
            copies, template, layout = _REPEATS[code]
            child = self._node(record.parts[0], path, depth + 1)
            children: tuple[StructureNode, ...] = (child,) * copies
            ids = template.format(child.shape)
            operator = template[0]
        else:
            children = tuple(self._node(part, path, depth + 1) for part in record.parts)
            if code in _THREE and len(children) == 3:
                operator, layout = _THREE[code]
            elif code in _LAYOUTS:
                operator, layout = _LAYOUTS[code]
            elif code.startswith("w"):
                operator, layout = "⿻", "second inside the first"
            else:
                operator, layout = "⿻", "combined"
            ids = _join_ids(operator, [c.shape for c in children])
        if depth > 0 and encoded and all(_is_stroke(c.shape) for c in children):
            return self._leaf(name)
        return StructureNode(name if encoded else ids, encoded, operator, layout, ids, children)


def _join_ids(operator: str, parts: list[str]) -> str:
    """IDS of parts joined by a binary (or, for ⿲⿳, ternary) operator, nesting extras."""
    arity = 3 if operator in "⿲⿳" else 2
    if len(parts) <= arity:
        return operator + "".join(parts)
    binary = {"⿲": "⿰", "⿳": "⿱"}.get(operator, operator)
    rest = operator if len(parts) - 1 == arity else binary
    return binary + parts[0] + _join_ids(rest, parts[1:])


def build_structure(index: CharacterIndex, character: str) -> StructureNode | None:
    """The structural decomposition of ``character`` down to primitives (None when unknown)."""
    return _TreeBuilder(index).build(character)


# -- readings and words ----------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _syllable_key(syllable: str) -> str:
    return _pinyin.numbered_key(syllable).lower()


def _positions(character: str, entry: Entry) -> list[int]:
    for form in (entry.simplified, entry.traditional):
        found = [i for i, ch in enumerate(form) if ch == character]
        if found:
            return found
    return []


def _gloss(entry: Entry) -> str:
    meanings = entry.meanings or entry.senses
    return meanings[0].text if meanings else ""


def _is_variant_spelling(character: str, entry: Entry) -> bool:
    """An entry like 剏/创 "variant of 創" seen from 创: it describes the traditional-side
    variant 剏, not ``character``."""
    return entry.simplified == character != entry.traditional and entry.is_variant_only


def _readings(
    lexicon: Lexicon,
    index: CharacterIndex,
    character: str,
    unihan_mandarin: tuple[str, ...],
    unihan_definition: str,
    words_per_reading: int,
) -> tuple[CharacterReading, ...]:
    entries = lexicon.lookup(character)
    own = [e for e in entries if not _is_variant_spelling(character, e)] or list(entries)
    order: dict[str, list[Sense]] = {}
    for entry in own:
        key = _syllable_key(entry.pinyin_numbered)
        senses = order.setdefault(key, [])
        senses.extend(s for s in entry.senses if s not in senses)
    from_unihan = not entries
    if from_unihan:
        for reading in unihan_mandarin:
            numbered = _pinyin.marks_to_numbered(reading)
            if not numbered[-1:].isdigit():
                numbered += "5"
            order.setdefault(_syllable_key(numbered), [])
        first = next(iter(order), None)
        if unihan_definition and first is not None:
            order[first].append(Sense(unihan_definition, SenseKind.MEANING, UNIHAN_SOURCE))

    words: dict[str, list[Entry]] = {}
    seen: set[tuple[str, str]] = set()
    for entry in lexicon.words_containing(character, _WORDS_SCANNED):
        syllables = entry.pinyin_numbered.split()
        if len(syllables) != len(entry.simplified):
            continue
        for position in _positions(character, entry):
            key = _syllable_key(syllables[position])
            if (entry.simplified, key) in seen:
                continue
            seen.add((entry.simplified, key))
            words.setdefault(key, []).append(entry)

    keys = list(order) + [k for k in words if k not in order]
    # Common words before names, each by frequency (the sort is stable).
    shown = {
        k: sorted(words.get(k, []), key=lambda e: e.is_proper_noun)[:words_per_reading]
        for k in keys
    }
    levels = index.hsk_levels((e.simplified for group in shown.values() for e in group), "word")
    readings = []
    for key in keys:
        uses = tuple(
            WordUse(
                e.simplified,
                e.traditional,
                e.pinyin_numbered,
                _gloss(e),
                e.frequency,
                levels.get(e.simplified),
            )
            for e in shown[key]
        )
        readings.append(
            CharacterReading(
                key,
                tuple(order.get(key, ())),
                uses,
                len(words.get(key, ())),
                in_dictionary=key in order,
            )
        )
    return tuple(readings)


# -- forms and variants ----------------------------------------------------------------------

_VARIANT_OF = compile_pattern(r"variant of ([^\[\s,;]+)")


def _forms_and_variants(
    character: str, entries: tuple[Entry, ...], unihan_variants: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[Variant, ...]]:
    simplified: list[str] = []
    traditional: list[str] = []
    variants: list[Variant] = []
    for entry in entries:
        if _is_variant_spelling(character, entry):
            variants.append(Variant(entry.traditional, "variant form", entry.source))
        elif entry.simplified == character and entry.traditional != character:
            traditional.append(entry.traditional)
        elif entry.traditional == character and entry.simplified != character:
            simplified.append(entry.simplified)
    for relation, other in unihan_variants:
        if relation == "traditional":
            traditional.append(other)
        elif relation == "simplified":
            simplified.append(other)
    for entry in entries:
        if _is_variant_spelling(character, entry):
            continue
        for sense in entry.senses:
            if sense.kind is not SenseKind.VARIANT:
                continue
            match = _VARIANT_OF.search(sense.text)
            if not match:
                continue
            for other in match[1].split("|"):
                if len(other) == 1 and other != character:
                    variants.append(Variant(other, "variant of", entry.source))
    for relation, other in unihan_variants:
        if relation not in ("traditional", "simplified"):
            variants.append(Variant(other, relation, UNIHAN_SOURCE))
    simplified_t = tuple(dict.fromkeys(c for c in simplified if len(c) == 1))
    traditional_t = tuple(dict.fromkeys(c for c in traditional if len(c) == 1))
    counterparts = set(simplified_t) | set(traditional_t)
    unique: dict[str, Variant] = {}
    for variant in variants:
        if variant.character not in counterparts and variant.character not in unique:
            unique[variant.character] = variant
    return simplified_t, traditional_t, tuple(unique.values())


# -- radical, formation, families ------------------------------------------------------------


def _radical(
    index: CharacterIndex,
    character: str,
    number: int | None,
    residual: int | None,
    simplified: bool,
    structure: StructureNode | None,
    formation: Formation | None,
) -> Radical | None:
    if number is None or not 1 <= number <= 214:
        return None
    record = index.radical(number)
    standard = record.character if record else kangxi_radical(number)
    forms = record.forms if record else (standard,)
    meaning = record.meaning if record else ""
    form = standard
    candidates: list[str] = [character]
    if structure is not None:
        candidates.extend(node.shape for node in structure.walk() if node.encoded)
    if formation is not None:
        candidates.extend(c.character for c in formation.components)
    for candidate in candidates:
        if candidate in forms:
            form = candidate
            break
    return Radical(number, standard, form, meaning, residual, simplified)


def _reading_of(lexicon: Lexicon, character: str) -> str:
    entries = lexicon.lookup(character)
    return _syllable_key(entries[0].pinyin_numbered) if entries else ""


def _formation(lexicon: Lexicon, index: CharacterIndex, character: str) -> Formation | None:
    record = index.etymology(character)
    if record is None:
        return None
    components = tuple(
        FormationComponent(char, _role(role), notes, _reading_of(lexicon, char))
        for role, char, notes in record.components
    )
    kinds, simplified_from = classify_formation(record.notes, tuple(c.role for c in components))
    return Formation(
        kinds, components, record.notes, record.definition, simplified_from=simplified_from
    )


def _families(
    lexicon: Lexicon,
    index: CharacterIndex,
    character: str,
    formation: Formation | None,
    size: int,
) -> tuple[Family, ...]:
    wanted: list[tuple[ComponentRole, str]] = []
    if formation is not None:
        for role in (ComponentRole.SOUND, ComponentRole.MEANING):
            wanted.extend((role, c) for c in formation.role_of(role))
    wanted.extend((role, character) for role in (ComponentRole.SOUND, ComponentRole.MEANING))
    families = []
    for role, component in dict.fromkeys(wanted):
        members, total = index.family(component, role.value, size + 1)
        others = [m for m in members if m != character][:size]
        if not others:
            continue
        if formation is not None and component in formation.role_of(role):
            total -= 1  # the profiled character itself is one of the family
        levels = index.hsk_levels(others, "char")
        families.append(
            Family(
                role,
                component,
                _reading_of(lexicon, component),
                tuple(FamilyMember(m, _reading_of(lexicon, m), levels.get(m)) for m in others),
                max(total, len(others)),
            )
        )
    return tuple(families)


# -- the profile -----------------------------------------------------------------------------


def build_profile(
    lexicon: Lexicon,
    index: CharacterIndex,
    text: str,
    *,
    words_per_reading: int = WORDS_PER_READING,
    family_size: int = FAMILY_SIZE,
) -> CharacterProfile:
    """The profile of one character (raises InvalidQueryError / NotFoundError)."""
    character = normalise_character(text)
    entries = lexicon.lookup(character)
    unihan = index.unihan(character)
    structure = build_structure(index, character)
    formation = _formation(lexicon, index, character)
    strokes = index.strokes(character)
    if not (entries or unihan or structure or formation or strokes):
        raise NotFoundError(
            character,
            f"no data source knows {character!r} (U+{ord(character):04X}): "
            "not CC-CEDICT, Unihan, cjk-decomp, the etymology data nor the stroke data",
        )
    readings = _readings(
        lexicon,
        index,
        character,
        unihan.mandarin if unihan else (),
        unihan.definition if unihan else "",
        words_per_reading,
    )
    simplified, traditional, variants = _forms_and_variants(
        character, entries, unihan.variants if unihan else ()
    )
    radical = (
        _radical(
            index,
            character,
            unihan.radical,
            unihan.residual_strokes,
            unihan.radical_simplified,
            structure,
            formation,
        )
        if unihan
        else None
    )
    sources = []
    if entries:
        sources.append(CEDICT_SOURCE)
    if unihan:
        sources.append(UNIHAN_SOURCE)
    if structure:
        sources.append(STRUCTURE_SOURCE)
    if formation:
        sources.append(ETYMOLOGY_SOURCE)
    if strokes:
        sources.append(STROKES_SOURCE)
    hsk_level = index.hsk_level(character, "char")
    if hsk_level is not None:
        sources.append(HSK_SOURCE)
    return CharacterProfile(
        character=character,
        requested=visible_text(text),
        readings=readings,
        simplified=simplified,
        traditional=traditional,
        variants=variants,
        radical=radical,
        total_strokes=unihan.total_strokes if unihan else None,
        structure=structure,
        formation=formation,
        hsk_level=hsk_level,
        families=_families(lexicon, index, character, formation, family_size),
        strokes=strokes,
        links=lexicon.links(character),
        sources=tuple(sources),
    )
