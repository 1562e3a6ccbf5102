"""Which dictionary sense a deck means: named rules scored on the deck's own English.

A term's candidates are the senses of all its dictionary entries (each entry one reading).
Every rule of :data:`RULES` scores each candidate from a :class:`SenseContext` (the English the
slide gives for the term, the clause and line it stands in, its slides, the deck's other terms
and prose); the best total wins, and with it the entry, so the reading follows the sense
(東西 "thing" is dōngxi, 為 "to do" is wéi). The rule that did most to lift the winner
above the dictionary's first sense is the reason given with the choice.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from hanzi_companion.grammar import (
    NOWHERE,
    Places,
    address_wording,
    adverb_place,
    adverb_wording,
    grammatical_place,
    place_reason,
    quote_wording,
    surname_before_title,
    word_place,
)
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.english import synonyms
from hanzi_companion.lexicon.models import Entry, Sense, SenseKind
from hanzi_companion.lexicon.references import Reference, parse_reference, referenced_entries
from hanzi_companion.lexicon.usual_senses import UsualSense
from hanzi_companion.lexicon.word_classes import fits_class
from hanzi_companion.patterns import compile_pattern
from hanzi_companion.text.han import HAN_PIECE
from hanzi_companion.text.markup import COMBINING_MARK
from hanzi_companion.text.wordlists import CLAUSE_WORDS

# -- English words ------------------------------------------------------------------------------

# Words that tell nothing about a sense (articles, prepositions, pronouns, CC-CEDICT's own
# shorthand). "up", "out", "off" and "do" stay: "to open up" is not "to open".
_STOP_TEXT = """
    the a an of and or to in on for with by as at from is are was were be been being this that
    these those which who it its their his her our your my we you they he she i not no also
    very so than then there here sb sth etc esp e g eg lit fig coll abbr cf used one's oneself
    someone something usually often literary
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
# Words that say nothing of a meaning even in a sentence's translation: fewer than STOP_WORDS,
# as many Chinese words mean "very", "also", "this" or "not", and a translation says so.
_GLUE_TEXT = """to the a an of be is are was were been being sb sth etc eg lit fig coll abbr cf
    one's oneself someone something used usually often"""
GLUE_WORDS = frozenset(_GLUE_TEXT.split())
_WORD = compile_pattern(r"[a-z]+(?:['’][a-z]+)?(?:-[a-z]+)*")
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"))
# A verb's noun whose stem the rules below would not reach: registration ~ register,
# organization ~ organize.
_VERB_NOUNS = (("istration", "ister"), ("ization", "ize"))
_ACTION_NOUNS = ("wal", "val", "sal")  # a verb's noun in -al: renewal, arrival, proposal


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem, enough to match a slide's wording with a dictionary's:
    dumplings ~ dumpling, copies ~ copying ~ copy, opening ~ open, businesses ~ business,
    renewal ~ renew."""
    word = word.replace("isation", "ization").replace("ise", "ize")
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            word = word[:-1]
    for noun, verb in _VERB_NOUNS:
        if word.endswith(noun) and len(word) > len(noun) + 2:
            word = word[: -len(noun)] + verb  # registration ~ register
            break
    if word.endswith("ive") and len(word) > 7:
        return word[:-3]  # progressive ~ progress
    if word.endswith(_ACTION_NOUNS) and len(word) > 6:
        word = word[:-2]  # renewal ~ renew, arrival ~ arrive, proposal ~ propose
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # running ~ run
            break
    return word.rstrip("e") if len(word) > 3 else word


@lru_cache(maxsize=65536)
def english_stems(text: str) -> frozenset[str]:
    """The set of :func:`english_stem_list`."""
    return frozenset(english_stem_list(text))


TOPIC_COUNT = 3  # a word the deck uses this often is one of its topics


def topic_stems(text: str) -> frozenset[str]:
    """Stems the text uses at least :data:`TOPIC_COUNT` times: what a deck is about."""
    counts = Counter(english_stem_list(text))
    return frozenset(stem_ for stem_, n in counts.items() if n >= TOPIC_COUNT)


def english_stem_list(text: str) -> list[str]:
    """Stems of the English content words of ``text``; a hyphenated word gives its parts and
    itself joined (knock-off: knock, off, knockoff), two words in a row also themselves joined
    (copy book: copy, book, copybook)."""
    text = text.lower()
    if not text.isascii():
        text = COMBINING_MARK.sub("", unicodedata.normalize("NFKD", text))  # café: cafe
    stems: list[str] = []
    previous = ""
    for token in _WORD.findall(text):
        token = token.replace("’", "'").split("'")[0]
        pieces = token.split("-")
        if len(pieces) > 1:
            pieces.append("".join(pieces))
        elif previous and token not in STOP_WORDS:
            pieces.append(previous + token)  # "copy book" ~ copybook
        stems.extend(stem(p) for p in pieces if len(p) > 1 and p not in STOP_WORDS)
        previous = token if len(pieces) == 1 and token not in STOP_WORDS else ""
    return stems


# -- the context a term stands in ---------------------------------------------------------------

# What is said "literally" is the characters' meaning, not the one the deck means.
_LITERAL_NOTE = compile_pattern(r"(?:\blit\.|\bliterally\b|\bliteral meaning\b)[^.;!?\n]*", re.I)
# Sentence punctuation ends an English clause, and so does a Han character (see _clause_end).
_CLAUSE_MARKS = ".;!?。；！？\n"
_CLAUSE_END = compile_pattern(f"[{re.escape(_CLAUSE_MARKS)}]")
# Words that say a term is a person's name, a surname, a place or a counting word.
_NAME_TEXT = """surname surnames family name names named called mr mrs ms miss dr professor
    president emperor author poet philosopher"""
_PLACE_TEXT = """place city cities town village province county district region river mountain
    capital country countries street road"""
NAME_CUES = frozenset(stem(w) for w in _NAME_TEXT.split())
SURNAME_CUES = frozenset(stem(w) for w in ["surname", "surnames", "patronymic"])
FAMILY_NAME = frozenset(stem(w) for w in ["family", "name"])
PLACE_CUES = frozenset(stem(w) for w in _PLACE_TEXT.split())
# Words of a sentence about a person: "张明 and his grandmother", "李华 says".
_PERSON_TEXT = """he she his her him hers mr mrs ms miss says said asks asked meets met lives works
    friend classmate teacher student grandmother grandfather mother father sister brother
    wife husband son daughter"""
PERSON_CUES = frozenset(_PERSON_TEXT.split())
# Senses of a dialect, an older language or a register: rarely what a deck means (not
# "(literary)": a character's first sense is often literary, its words still use it).
_REGISTER_LABELS = (
    "(dialect)",
    "(old)",
    "(archaic)",
    "(slang)",
    "(cantonese)",
    "(taiwan",
    "(tw)",
    "(obsolete)",
    "(euphemism)",
    "(vulgar)",
    "(internet slang)",
)
RADICAL_CUES = frozenset(["radical", "radic"])
_CLASSIFIER_TEXT = "classifier classifiers measure counter"
CLASSIFIER_CUES = frozenset(stem(w) for w in _CLASSIFIER_TEXT.split())


def speaks_of_a_person(text: str) -> bool:
    """True when ``text`` (a clause) speaks of a person: he, his, Mr, says, friend..."""
    return any(w in PERSON_CUES for w in re.findall(r"[a-z]+", text.lower()))


# English announced as the term's meaning right after it, a romanisation between them allowed:
# "王 Wáng (King)", "東西 = thing", "年 means year", "新: new".
_GLOSS_AFTER = compile_pattern(
    r"^\s*(?:[A-Za-zÀ-ÿĀ-žǍ-ǜ'’]+[1-5]?\s*){0,4}?"
    r"(?:\(([^()\n]+)\)|(?:=|:|–|—|\s-|\bmeans\b|\bmeaning\b)\s*([^.;!?\n(]+))"
)


def gloss_after(line: str, term: str) -> str:
    """The English a line gives as the meaning of ``term`` right after it ("" when none)."""
    index = line.find(term)
    if index < 0:
        return ""
    after = line[index + len(term) :]
    match = _GLOSS_AFTER.match(after[: _clause_end(after)])
    if not match:
        return ""
    return match.group(1) or match.group(2) or ""


# Before a surname, how friends and colleagues are called: 小王 (Xiǎo Wáng), 老李 (Lǎo Lǐ).
FAMILIAR_PREFIXES = "小老"

# Endings of place and organisation names, longest first: a term no dictionary has that ends
# so, after a name (朝阳路, 王家村, 华为公司), is that kind of name.
NAME_ENDINGS: tuple[tuple[str, str], ...] = tuple(
    (ending, kind)
    for kind, text in (
        (
            "organisation",
            "委员会 研究所 研究院 有限公司 公司 集团 银行 大学 学院 中学 小学 医院 协会",
        ),
        ("place", "自治区 特区 新区 省 市 县 区 镇 乡 村 路 街 巷 胡同 岛 湾 港 山 河 湖"),
    )
    for ending in text.split()
)


def name_ending(term: str) -> tuple[str, str]:
    """(ending, "place" or "organisation") of a term ending like such a name; ("", "")."""
    for ending, kind in sorted(NAME_ENDINGS, key=lambda pair: -len(pair[0])):
        if term.endswith(ending) and len(term) > len(ending):
            return ending, kind
    return "", ""


_RARE_WORD = 100  # a word fewer definitions use is rare enough to count in full
_RARITY_FLOOR = 0.05


@lru_cache(maxsize=65536)
def without_literal_notes(text: str) -> str:
    return _LITERAL_NOTE.sub(" ", text)


def clause_around(line: str, term: str) -> str:
    """The English clause a term stands in on its line: from the previous sentence end or Han
    character to the next one ("王 (King) Three strokes": "(King) Three strokes")."""
    index = line.find(term)
    if index < 0:
        return ""
    before, after = line[:index], line[index + len(term) :]
    return f"{before[_clause_start(before) :]} {after[: _clause_end(after)]}"


def _clause_end(text: str) -> int:
    """Where the clause ``text`` opens ends: its first sentence punctuation or Han character
    (its length when none). Each search stops there, not at the end of a long line."""
    punctuation = _CLAUSE_END.search(text)
    end = punctuation.start() if punctuation else len(text)
    han = HAN_PIECE.search(text, 0, end)
    return han.start() if han else end


def _clause_start(text: str) -> int:
    """Where the clause ``text`` closes starts: after its last sentence punctuation or Han
    character (0 when none)."""
    start = max(text.rfind(mark) for mark in _CLAUSE_MARKS) + 1
    ends = [run.end() for run in HAN_PIECE.finditer(text, start)]
    return ends[-1] if ends else start


class Kin(NamedTuple):
    """A longer word of the dictionary made with a term: what its definitions say."""

    stems: frozenset[str]
    of_field: bool = False  # a sense of it is labelled with the document's field


@dataclass(frozen=True)
class SenseContext:
    """The English around a term, as stems, from the nearest to the farthest."""

    gloss: frozenset[str] = frozenset()  # the English the slide gives for the term
    clause: frozenset[str] = frozenset()  # the clause the term stands in
    line: frozenset[str] = frozenset()  # the rest of its lines
    slide: frozenset[str] = frozenset()  # its slides and their notes
    compounds: frozenset[str] = frozenset()  # glosses of the deck's terms containing it
    topics: frozenset[str] = frozenset()  # words the deck's English uses again and again
    deck: frozenset[str] = frozenset()  # the whole deck's English
    romanisation: str = ""  # romanisation written next to it on the slide
    among_names: bool = False  # listed among names (西安, 洛阳, 开封)
    written_reading: str = ""  # numbered reading the slide says it has ("the 朝 is zhāo")
    # How many dictionary definitions use a word: a common word ("one", "small") seen only
    # far from the term says little about which sense is meant.
    definitions_with: Callable[[str], int] | None = field(default=None, compare=False)
    # The readings of the term's entries but their last syllable: 东西 read dong1 xi1 and
    # dong1 xi5 gives "dong1" twice (see everyday_reading).
    other_readings: tuple[str, ...] = ()
    frequencies: tuple[int, ...] = ()  # the word frequency of each entry's simplified form
    # Toneless keys of capitalised words the slide's English uses for the term as a name
    # ("the Liang-Chen plan": liang, chen), not the romanisation written beside the term.
    names: frozenset[str] = frozenset()
    # The Chinese around the term read through the dictionary: for its lines, then its slides,
    # each English stem of its neighbours' first senses -> the neighbours using it.
    neighbours: tuple[Mapping[str, frozenset[str]], ...] = ()
    # The sense graded example sentences use most, by simplified word (see usual_sense).
    usual: Callable[[str], UsualSense | None] | None = field(default=None, compare=False)
    # The class a tagged corpus uses a word in most ("v", "n", "q"...; see word_class).
    word_class: Callable[[str], str | None] | None = field(default=None, compare=False)
    places: Places = NOWHERE  # where the term stands in its Chinese sentences
    # The fields the document's words belong to (see document_fields): "compu" in a
    # software tutorial whose words include "(computing) to save" and "(computing) syntax".
    fields: frozenset[str] = frozenset()
    # The regions whose usage the document's words carry (see document_regions): "cantonese"
    # in a Hong Kong post whose words include 屋企 "(Cantonese) home" and 搵食.
    regions: frozenset[str] = frozenset()
    # The stems of the romanisation the document's English prose writes for the term as a
    # word of its own ("the danwei system", "build guanxi"): the term is an English borrowing.
    borrowed: frozenset[str] = frozenset()
    # The dictionary's longer words made with the term (哑终端 "dumb terminal" for 终端): the
    # stems of each one's definitions, and whether a sense of it is of the document's field.
    family: tuple[Kin, ...] = ()
    # Whether the document is written in traditional characters, as Taiwan and Hong Kong write.
    traditional: bool = False
    # The share of the dictionary's definitions using an English word that are of a field
    # (field key, stem): see field_vocabulary.
    field_share: Callable[[str, str], float] | None = field(default=None, compare=False)

    def weight(self, stem_: str) -> float:
        """How near the term a word of the deck's English stands (0: nowhere), a word seen
        only on its slides or elsewhere in the deck weighted by how rare it is."""
        for level, weight in (
            (self.gloss, 6.0),
            (self.clause, 4.0),
            (self.line, 2.0),
            (self.compounds, 1.5),
        ):
            if stem_ in level:
                return weight
        for level, weight in ((self.slide, 1.0), (self.topics, 1.0), (self.deck, 0.3)):
            if stem_ in level:
                return weight * self.rarity(stem_)
        return 0.0

    def rarity(self, stem_: str) -> float:
        """1 for a word few definitions use, less for a common one (at least 0.05)."""
        if self.definitions_with is None:
            return 1.0
        count = self.definitions_with(stem_)
        return max(_RARITY_FLOOR, min(1.0, _RARE_WORD / count)) if count else 1.0

    def near(self) -> frozenset[str]:
        return self.gloss | self.clause | self.line


def build_context(
    entries: Iterable[Entry],
    term: str,
    *,
    slide_gloss: str = "",
    lines: Iterable[str] = (),
    slides: Iterable[str] = (),
    slide_stems: frozenset[str] = frozenset(),
    compounds: Iterable[str] = (),
    deck: frozenset[str] = frozenset(),
    topics: frozenset[str] = frozenset(),
    romanisation: str = "",
    among_names: bool = False,
    written_reading: str = "",
    definitions_with: Callable[[str], int] | None = None,
    reading: str = "",
    neighbours: tuple[Mapping[str, frozenset[str]], ...] = (),
    usual: Callable[[str], UsualSense | None] | None = None,
    word_class: Callable[[str], str | None] | None = None,
    places: Places = NOWHERE,
    fields: frozenset[str] = frozenset(),
    regions: frozenset[str] = frozenset(),
    prose: bool = False,
    borrowed: str = "",
) -> SenseContext:
    """The context of ``term``: its own readings (the romanisation beside it) taken out, so
    "Wáng (King)" is evidence for a king and not for the surname Wang. In Chinese ``prose``
    the English of a sentence is a word the writer slips in (一個非常LOCAL的地方), no gloss of
    its other words: only English right beside the term speaks for a sense."""
    entries = tuple(entries)
    own = _reading_words(entries) | _words_of_reading(reading)
    lines = tuple(lines)
    clauses = [without_literal_notes(clause_around(line, term)) for line in lines]
    if prose:
        clauses = []
    glosses = [gloss_after(line, term) for line in lines]
    return SenseContext(
        gloss=english_stems(" ".join([slide_gloss, *glosses])) - own,
        clause=_union(clauses) - own,
        line=frozenset() if prose else _union(without_literal_notes(ln) for ln in lines) - own,
        slide=(english_stems(" ".join(slides)) | slide_stems) - own,
        compounds=english_stems(" ".join(compounds)) - own,
        deck=deck - own,
        topics=topics - own,
        romanisation=romanisation,
        among_names=among_names,
        written_reading=written_reading,
        definitions_with=definitions_with,
        other_readings=_full_tone_stems(entries),
        frequencies=tuple(e.frequency for e in entries),
        names=capitalised_names(" ".join([slide_gloss, *clauses]))
        - capitalised_names(romanisation),
        neighbours=neighbours,
        usual=usual,
        word_class=word_class,
        places=places,
        fields=fields,
        regions=regions,
        borrowed=english_stems(borrowed) if borrowed else frozenset(),
    )


def capitalised_names(text: str) -> frozenset[str]:
    """Toneless keys of the capitalised words of ``text`` (and of their hyphenated parts)."""
    words = re.findall(r"[A-Z][a-zà-ÿā-ž]+", unicodedata.normalize("NFC", text))
    return frozenset(
        _pinyin.toneless_key(w)
        for w in words
        if w.lower() not in STOP_WORDS and w.lower() not in CLAUSE_WORDS  # "Le", "The"
    )


def _union(texts: Iterable[str]) -> frozenset[str]:
    """The stems of several texts, each stemmed once per process (a term's lines recur)."""
    return frozenset().union(*(english_stems(text) for text in texts))


def _full_tone_stems(entries: tuple[Entry, ...]) -> tuple[str, ...]:
    """For each entry whose last syllable has a full tone, its reading but that syllable."""
    out = []
    for entry in entries:
        syllables = entry.pinyin_numbered.split()
        if len(syllables) > 1 and not syllables[-1].endswith("5"):
            out.append(" ".join(syllables[:-1]))
    return tuple(out)


def _words_of_reading(reading: str) -> frozenset[str]:
    """Toneless keys of a reading, whole and by syllable (a term no dictionary has)."""
    if not reading:
        return frozenset()
    keys = {_pinyin.toneless_key(reading), *(_pinyin.toneless_key(s) for s in reading.split())}
    return frozenset(k for k in keys if k)


def _reading_words(entries: tuple[Entry, ...]) -> frozenset[str]:
    keys: set[str] = set()
    for entry in entries:
        keys.add(_pinyin.toneless_key(entry.pinyin_numbered))
        keys.update(_pinyin.toneless_key(s) for s in entry.pinyin_numbered.split())
    return frozenset(k for k in keys if k)


# -- candidates and rules -----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One sense of one entry of a term."""

    entry: Entry
    sense: Sense
    entry_rank: int  # the entry's place in the lexicon's order (0: the usual reading)
    sense_rank: int  # the sense's place in its entry
    group: str = ""  # the senses after a "(fig.)" sense that belong to it, as one text

    @property
    def stems(self) -> frozenset[str]:
        return _sense_stems(self.sense.text, self.group)

    @property
    def synonym_stems(self) -> frozenset[str]:
        """Stems of the synonyms of the sense's words (the search's small table) that the
        sense does not say itself: "knockoff" is also what a slide calls "copycats"."""
        return _synonym_stems(self.sense.text, self.group)


def sense_stems(text: str) -> frozenset[str]:
    """The English stems of one definition, without its Chinese cross-references."""
    return _sense_stems(text, "")


@lru_cache(maxsize=65536)
def _sense_stems(text: str, group: str) -> frozenset[str]:
    return english_stems(_bare(f"{text} {group}"))


@lru_cache(maxsize=65536)
def _synonym_stems(text: str, group: str) -> frozenset[str]:
    bare = _bare(f"{text} {group}").lower()
    also = [" ".join(phrase) for word in _LETTERS.findall(bare) for phrase in synonyms(word)]
    return english_stems(" ".join(also)) - _sense_stems(text, group) if also else frozenset()


_LETTERS = compile_pattern(r"[a-z]+")
_REFERENCE = compile_pattern(r"[^\x00-\x7f]+(?:\[[^\]]*\])?|\[[^\]]*\]")


def _bare(text: str) -> str:
    """A definition without its Chinese cross-references and their readings."""
    return _REFERENCE.sub(" ", text)


Rule = Callable[[Candidate, SenseContext], float]


def slide_english(candidate: Candidate, context: SenseContext) -> float:
    """Words the sense shares with the deck's English, weighted by how near the term they
    stand: the slide's gloss, its clause, its line, its compounds, its slide, the deck.

    The nearest shared word counts in full, the others a little: a long sense sharing many
    far words ("radical in Chinese characters") does not outweigh a short one the slide names.
    """
    weights = [context.weight(s) for s in candidate.stems]
    weights += [_SYNONYM * context.weight(s) for s in candidate.synonym_stems]
    weights.sort(reverse=True)
    return weights[0] + _OTHER_WORDS * sum(weights[1:]) if weights else 0.0


_OTHER_WORDS = 0.3  # what each shared word after the nearest adds
_SYNONYM = 0.5  # a synonym of a word of the sense counts half the word itself

# What a neighbour whose meaning shares a word with the sense weighs: on the term's lines,
# elsewhere on its slides. Less than the slide's own English, which says what the term means;
# the neighbours only say what the text is about, and only when several agree (one may be a
# synonym of another sense: 可以 "pretty good" beside 漂亮 "pretty").
NEIGHBOUR_WEIGHTS = (1.0, 0.5)
NEIGHBOURS_AGREEING = 2
NEIGHBOURS_MOST = 1.5  # less than a word of the term's own line (2.0): the slide says more


def chinese_neighbours(candidate: Candidate, context: SenseContext) -> float:
    """Neighbours whose meanings share words with the sense (山寨 beside 手机 "mobile phone",
    仿制 "to imitate", 产品 "goods": the knock-off sense), the nearest weighing most, each by
    how rare its shared word is: the dictionary read as the English a Chinese text lacks."""
    found: dict[str, float] = {}
    for index, weight in zip(context.neighbours, NEIGHBOUR_WEIGHTS, strict=False):
        for stem_ in candidate.stems & index.keys():
            value = weight * context.rarity(stem_)
            for word in index[stem_]:
                found[word] = max(found.get(word, 0.0), value)
    if len(found) < NEIGHBOURS_AGREEING:
        return 0.0
    return min(NEIGHBOURS_MOST, sum(found.values()))


def _kind(candidate: Candidate) -> str:
    text = candidate.sense.text.lower()
    if candidate.sense.kind == SenseKind.SEE and candidate.entry.is_proper_noun:
        return "name"  # 开封 Kāifēng "see 开封市": the city's name
    if candidate.sense.kind != SenseKind.MEANING:
        return str(candidate.sense.kind)
    if text.startswith(("classifier for", "(classifier)", "measure word")):
        return "classifier"
    if text.startswith(("used in ", "(used in ")):
        return "used in"
    if _PRONUNCIATION_NOTE.match(text):
        return "pronunciation"
    if "kangxi radical" in text or "radical in chinese characters" in text:
        return "radical"
    if text.startswith(_REGISTER_LABELS):
        return "register"
    if candidate.entry.is_proper_noun:
        return "name"
    return "meaning"


# "also pr. [yao1] for greater clarity ...", "Taiwan pr. [nuo2]": how a word is read, no meaning.
_PRONUNCIATION_NOTE = compile_pattern(r"^(?:\([^)]*\)\s*)?\(?(?:also|taiwan|colloquial) pr\.")


def is_plain_meaning(candidate: Candidate) -> bool:
    """A meaning of its own: no name, surname, note, variant, classifier or dialect sense."""
    return _kind(candidate) == "meaning"


def _named_in_context(candidate: Candidate, context: SenseContext) -> bool:
    """The slide writes the term as a name: a capitalised romanisation inside a sentence,
    or the term is listed among names."""
    if context.among_names:
        return True
    written = context.romanisation
    return bool(written[:1].isupper()) and _pinyin.toneless_key(written) == _pinyin.toneless_key(
        candidate.entry.pinyin_numbered
    )


def kind_needs_evidence(candidate: Candidate, context: SenseContext) -> float:
    """Surnames, names, abbreviations, variants, cross-references, pronunciation notes,
    classifiers and "used in" notes only when the context says so (年 "means year" is no
    surname Nian)."""
    kind = _kind(candidate)
    near = context.near()
    if kind == SenseKind.SURNAME:
        return 0.0 if says_surname(near) else -5.0
    if kind == "name":
        if _named_in_context(candidate, context) or near & (NAME_CUES | PLACE_CUES):
            return 0.0
        if context.traditional and names_the_mainland(candidate.entry, candidate.sense):
            return 0.0  # see mainland_across_the_strait
        return -3.0
    if kind == SenseKind.ABBREVIATION:
        return -3.0
    if kind in (SenseKind.VARIANT, SenseKind.SEE, "pronunciation"):
        return -6.0
    if kind == "classifier":
        return 1.0 if near & CLASSIFIER_CUES else -1.5
    if kind == "used in":
        return -3.0
    if kind == "register":
        return -1.0
    if kind == "radical":
        return 0.0 if near & RADICAL_CUES else -3.0
    return 0.0


# Words of a sense's leading label that make it no field: a figure of speech, a register, a
# form, the kind of thing it applies to in general ("(of a person)"), a word class, a place in
# a sentence ("(after a form of address)").
_PLAIN_LABEL_TEXT = """fig figuratively lit literally literary coll colloquial formal informal
    polite humble honorific respectful bound form suffix prefix abbr onom onomatopoeia interj
    loanword person people sb sth someone something thing things usually often used also
    written spoken adj adjective noun verb adverb classifier one ones place places time action
    transitive intransitive coverb pr particle modal idiom saying proverb sense meaning general
    generally specifically male female child children man men woman women animal animals object
    objects after before between indicating indicates followed following preceded address
    name names word words number numbers term dialect old archaic slang taiwan cantonese
    obsolete euphemism vulgar internet"""
_PLAIN_LABEL = frozenset(stem(w) for w in _PLAIN_LABEL_TEXT.split())
_LABEL_GLUE = frozenset(["of", "a", "an", "the", "etc", "esp", "and", "or", "in", "e", "g"])
_LEADING_LABEL = compile_pattern(r"^\(([a-z][a-z .&,-]*)\)")
_FIELD_WORDS = 3  # "(of celestial bodies etc)": a field is named in a few words
DOMAIN_LABEL = -1.0  # like a register's sense: the field must be the deck's


@lru_cache(maxsize=16384)
def domain_of(text: str) -> frozenset[str]:
    """The stems of a field a sense's leading label names ("(medicine)": medicin; "(of
    celestial bodies etc)": celesti, bodi); none for "(fig.)", "(of a person)" and the like."""
    label = _LEADING_LABEL.match(text)
    if not label:
        return frozenset()
    words = [w for w in re.findall(r"[a-z]+", label.group(1)) if w not in _LABEL_GLUE]
    stems = [stem(w) for w in words]
    if not stems or len(stems) > _FIELD_WORDS or not _PLAIN_LABEL.isdisjoint(stems):
        return frozenset()
    return frozenset(stems)


def domain_needs_evidence(candidate: Candidate, context: SenseContext) -> float:
    """A sense labelled for a field ("(medicine) to perform fluoroscopy", "(of celestial bodies
    etc) to move along one's course") only when the deck's English or its Chinese neighbours'
    meanings speak of that field."""
    if _kind(candidate) != "meaning":
        return 0.0
    field_ = domain_of(candidate.sense.text)
    if not field_:
        return 0.0
    if any(context.weight(s) > 0 for s in field_) or field_ & context.compounds:
        return 0.0
    if any(index.get(s) for index in context.neighbours for s in field_):
        return 0.0  # a neighbour's meaning names the field (not the term's own, left empty)
    if sense_fields(candidate.sense.text) & context.fields:
        return 0.0  # the document's words are of that field
    if {key[:_FIELD_KEY] for key in field_} <= EVERYDAY_FIELDS:
        return 0.0  # 登入 "(computing) to log in" on any web page
    return DOMAIN_LABEL


# Fields of everyday life, whose senses need no document of the field: a web page's 登入 is
# "(computing) to log in", a chat's 秒杀 "(Internet) flash sale".
EVERYDAY_FIELDS = frozenset(["compu", "inter"])


# A field is known by the first letters of its label's stems: "(computing)", "(computer)" and
# "(of a computer)" are one field, "(economics)" and "(economy)" another.
_FIELD_KEY = 5
# How many of a document's words must have a sense of a field for the document to be in it,
# and what share of its words at least (a long course's few computing words make no tutorial).
FIELD_WORDS = 2
FIELD_SHARE = 0.03
# What a sense of the document's field weighs: more than a reading's or a word class's
# preference (a sense the dictionary lists fourth wins), less than a word of the slide.
DOCUMENT_FIELD = 1.0


@lru_cache(maxsize=16384)
def sense_fields(text: str) -> frozenset[str]:
    """The fields a definition's wordings are labelled with ("to conserve; ...; (computing) to
    save (a file etc)": compu), by :data:`_FIELD_KEY` letters."""
    pieces = (p.strip() for p in text.split("; "))
    return frozenset(
        key[:_FIELD_KEY]
        for piece in pieces
        if not piece.lower().startswith(_REGISTER_LABELS)  # "(Tw)" is a register, no field
        for key in domain_of(piece)
    )


def document_fields(words: Iterable[tuple[Entry, ...]]) -> frozenset[str]:
    """The fields of a document: those that senses of at least :data:`FIELD_WORDS` of its
    words, and :data:`FIELD_SHARE` of them, are labelled with (each word given as its
    entries; names left out). A software tutorial's 保存 "(computing) to save" and 语法
    "(computing) syntax" make it a document on computing."""
    counts, total = _label_counts(words, sense_fields, meanings_only=True)
    least = max(FIELD_WORDS, FIELD_SHARE * total)
    return frozenset(key for key, count in counts.items() if count >= least)


def _label_counts(
    words: Iterable[tuple[Entry, ...]],
    labels_of: Callable[[str], frozenset[str]],
    *,
    meanings_only: bool,
) -> tuple[Counter[str], int]:
    """How many of the words (each given as its entries; names left out) carry each label in
    one of their senses, and how many words have entries at all."""
    counts: Counter[str] = Counter()
    total = 0
    for entries in words:
        if not entries:
            continue
        total += 1
        counts.update(
            frozenset().union(
                *(
                    labels_of(sense.text)
                    for entry in entries
                    if not entry.is_proper_noun
                    for sense in entry.senses
                    if not meanings_only or sense.kind == SenseKind.MEANING
                )
            )
        )
    return counts, total


def document_field(candidate: Candidate, context: SenseContext) -> float:
    """A sense labelled with the document's field (运行 "(of a computer) to run" in a software
    tutorial, not "(of celestial bodies etc) to move along one's course")."""
    if not context.fields or _kind(candidate) != "meaning":
        return 0.0
    return DOCUMENT_FIELD if sense_fields(candidate.sense.text) & context.fields else 0.0


def field_wording(sense: Sense, fields: frozenset[str]) -> str:
    """The sense with its wording of the document's field first (保存 "(computing) to save (a
    file etc); to conserve; ..."); "" when its first wording is of the field, or none is."""
    pieces = [p.strip() for p in sense.text.split("; ") if p.strip()]
    if len(pieces) < 2 or not fields or sense_fields(pieces[0]) & fields:
        return ""
    for piece in pieces[1:]:
        if sense_fields(piece) & fields:
            return "; ".join([piece, *(p for p in pieces if p != piece)])
    return ""


# Labels CC-CEDICT gives a sense used in one region: "(Tw)", "(Taiwan)", "(in Taiwan)" for
# Taiwan; "(Cantonese)", "(Cant.)", "(HK)", "(Hong Kong)" for Cantonese usage in Hong Kong and
# Guangdong. A label may stand anywhere in the sense ("to earn one's living (Cantonese)").
_REGION_LABEL = compile_pattern(r"\(([^()]*)\)")
_REGION_WORDS = (
    ("taiwan", compile_pattern(r"^(?:tw|taiwan(?:ese)?|taiwan usage|in taiwan\b.*)$")),
    ("cantonese", compile_pattern(r"\bcantonese\b|^(?:cant\.|hk\b|hong kong\b)")),
)
# How many of a document's words, and what share of them at least, must carry a region's
# label for the document to be of that region (as for fields: one word is no usage).
REGION_WORDS = 2
REGION_SHARE = 0.01
# What a sense of the document's region weighs: over the penalty of a dialect's sense and the
# dictionary's order (飲茶 "(Cantonese) to have tea and dim sum" before "to drink tea" in a
# post on Hong Kong), less than a word of the slide.
DOCUMENT_REGION = 1.5


@lru_cache(maxsize=16384)
def sense_regions(text: str) -> frozenset[str]:
    """The regions a sense's labels name: ``taiwan`` for "(Tw) peanut", ``cantonese`` for
    "(Cantonese) home; family" or "brisket (esp. Cantonese)"; none for "Taiwan pr. [...]"."""
    out: set[str] = set()
    for label in _REGION_LABEL.findall(text.lower()):
        if " pr." in label:
            continue  # "(Taiwan pr. [xing4])": how the word is read there, no usage
        for word in re.split(r"\s*,\s*|\besp\.\s*|\boriginally\s+", label):
            out.update(region for region, pattern in _REGION_WORDS if pattern.search(word.strip()))
    return frozenset(out)


def document_regions(words: Iterable[tuple[Entry, ...]], *, traditional: bool) -> frozenset[str]:
    """The regions of a document: those whose label senses of at least :data:`REGION_WORDS`
    of its words carry (each word given as its entries; names left out). A post with 屋企
    "(Cantonese) home", 搵食 "to earn one's living (Cantonese)" and 飲茶 is Cantonese usage;
    Taiwan's only in a document written in ``traditional`` characters, as Taiwan writes."""
    counts, total = _label_counts(words, sense_regions, meanings_only=False)
    least = max(REGION_WORDS, REGION_SHARE * total)
    if not traditional:
        counts.pop("taiwan", None)
    return frozenset(region for region, count in counts.items() if count >= least)


def document_region(candidate: Candidate, context: SenseContext) -> float:
    """A sense labelled with the document's region: 飲茶 "(Cantonese) to have tea and dim sum"
    in a post on Hong Kong's tea houses, not "to drink tea"."""
    if not context.regions or candidate.entry.is_proper_noun:
        return 0.0
    if candidate.sense.kind != SenseKind.MEANING:
        return 0.0
    return DOCUMENT_REGION if sense_regions(candidate.sense.text) & context.regions else 0.0


# -- the dictionary's words made with the term ---------------------------------------------------

# What the meaning most of the dictionary's longer words made with a word share weighs: below
# the sense example sentences use most (0.3) and a word class (0.5), over the dictionary's
# order of a few senses.
FAMILY = 0.25
# How many of those words must share the meaning, and how many times as many as share a
# meaning the dictionary puts before it: one word is chance (老油条 "wily old fox" says little of
# 油条), a near tie no lead.
FAMILY_WORDS = 2
FAMILY_LEAD = 2
# A meaning the dictionary's words of the document's field made with the term share: over a
# usual sense and a word class, less than a sense labelled with the field (1.0).
FIELD_FAMILY = 0.6


_FAMILY_REASON = "the meaning the dictionary's longer words made with it share"


def in_a_figure(candidate: Candidate) -> bool:
    """Whether a sense is figurative: labelled "(fig.)", or in the run of senses after one
    ("(fig.) knockoff (goods)", "counterfeit", "imitation")."""
    for sense in reversed(candidate.entry.senses[: candidate.sense_rank + 1]):
        if sense.text.startswith(_FIGURATIVE):
            return True
        if sense.text.startswith("(") or sense.kind != candidate.sense.kind:
            return False
    return False


def sharing(stems: frozenset[str], family: Iterable[Kin]) -> int:
    """How many of the words ``family`` share an English word with ``stems``."""
    return sum(1 for kin in family if kin.stems & stems)


def dictionary_family(candidate: Candidate, context: SenseContext) -> float:
    """The meaning the dictionary's longer words made with a word (idioms aside) share, when
    no English is given for the word, example sentences say nothing of it and a sense the
    dictionary puts first is not shared nearly as much: what the word means inside the words
    built on it (终端 "terminal", as 哑终端 "dumb terminal" says, not "end"; 算法 "algorithm",
    as 反传算法 "back propagation algorithm" says, not "arithmetic"; 开放 "to open", as 开放系统
    "open system" and 改革开放 "reform and opening up" say, not "to bloom")."""
    if not context.family or context.gloss or not is_plain_meaning(candidate):
        return 0.0  # the English given for the term says more (物业 "property management")
    if in_a_figure(candidate):
        return 0.0  # a figure only on the text's word (see figure_explained): 山寨 "knockoff"
    if context.usual is not None and context.usual(candidate.entry.simplified) is not None:
        return 0.0
    count = sharing(candidate.stems, context.family)
    if count < FAMILY_WORDS:
        return 0.0
    before = max(
        (
            sharing(sense_stems(sense.text), context.family)
            for sense in candidate.entry.senses[: candidate.sense_rank]
            if sense.kind == SenseKind.MEANING
        ),
        default=0,
    )
    return FAMILY if count >= FAMILY_LEAD * before else 0.0


def field_family(candidate: Candidate, context: SenseContext) -> float:
    """In a document of a field, the meaning the dictionary's words of that field made with
    the term share (文件 "file", as 映象文件 "(computing) disk image (aka image file)" says, in a
    software tutorial; 执行 "to execute", as 可执行 "executable (computing)" says)."""
    kin = [k for k in context.family if k.of_field]
    if not kin or not is_plain_meaning(candidate):
        return 0.0
    return FIELD_FAMILY if sharing(candidate.stems, kin) else 0.0


# What a meaning worded in the field's English weighs, in a document of the field: a little
# less than a sense labelled with the field (1.0). A word is the field's when at least this share
# of the definitions using it are of the field ("log", "file", "data", "input": a sixth to a
# quarter; "register", "document", "end": a tenth or less).
FIELD_VOCABULARY = 0.8
FIELD_VOCABULARY_SHARE = 0.15


def field_vocabulary(candidate: Candidate, context: SenseContext) -> float:
    """In a document of a field, a meaning the dictionary words in the field's own English but
    labels with no field (登录 "to log in", not "to register"; 导出 "to export (data)", not "to
    derive"; 输入 "to input", not "to import"): its words are those the field's definitions use."""
    if not context.fields or context.field_share is None or not is_plain_meaning(candidate):
        return 0.0
    if sense_fields(candidate.sense.text) & context.fields:
        return 0.0  # labelled with the field: see document_field
    share = context.field_share
    best = max(
        (share(key, s) for key in sorted(context.fields) for s in candidate.stems), default=0.0
    )
    return FIELD_VOCABULARY if best >= FIELD_VOCABULARY_SHARE else 0.0


_LABEL_ANYWHERE = compile_pattern(r"\(([a-z][a-z .&,-]*)\)")


@lru_cache(maxsize=16384)
def labelled_fields(text: str) -> frozenset[str]:
    """The fields a definition names in a label anywhere in it ("executable (computing)",
    "input device (computer)", "(computing) open-source"), by :data:`_FIELD_KEY` letters."""
    return frozenset(
        key[:_FIELD_KEY]
        for label in _LABEL_ANYWHERE.findall(text.lower())
        for key in domain_of(f"({label})")
    )


# -- the mainland, as Taiwan and Hong Kong write ---------------------------------------------------

MAINLAND = 1.0  # over the order of the dictionary's two words, less than a word of the slide


def names_the_mainland(entry: Entry, sense: Sense) -> bool:
    """A name the dictionary gives for the PRC as seen from Taiwan and Hong Kong: 大陸 Dàlù
    "mainland China (reference to the PRC)", 內地 Nèidì "mainland China (PRC excluding ...)"."""
    return entry.is_proper_noun and sense.text.lower().startswith("mainland china")


def mainland_across_the_strait(candidate: Candidate, context: SenseContext) -> float:
    """Writing in traditional characters, as Taiwan and Hong Kong write, calls the PRC 大陸 or
    內地, "the mainland": the name of mainland China, not "continent" or "inland"."""
    on = context.traditional and names_the_mainland(candidate.entry, candidate.sense)
    return MAINLAND if on else 0.0


# What the slide's English must give a figurative sense (a word of the term's line) for it to
# win over the literal sense the slide also speaks of, and by how much it then wins.
FIGURE_SUPPORT = 2.0
FIGURE_LEAD = 0.75


def figure_explained(candidate: Candidate, context: SenseContext) -> float:
    """A text that gives a word's literal meaning and its figure means the figure (下海 "to
    jump into the sea", now "to quit one's job to start a business": "(fig.) to take the
    plunge (e.g. leave a secure job ...)"): the figurative sense, when the slide's English
    speaks for it too, wins over the literal senses of its entry."""
    if not candidate.sense.text.startswith(_FIGURATIVE) or _kind(candidate) != "meaning":
        return 0.0
    own = slide_english(candidate, context)
    if own < FIGURE_SUPPORT:
        return 0.0
    senses = candidate.entry.senses
    literal = max(
        (
            slide_english(Candidate(candidate.entry, sense, 0, rank), context)
            for rank, sense in enumerate(senses)
            if rank < candidate.sense_rank and sense.kind == SenseKind.MEANING
        ),
        default=0.0,
    )
    return max(0.0, literal - own) + FIGURE_LEAD if literal > 0 else 0.0


def written_reading(candidate: Candidate, context: SenseContext) -> float:
    """The slide says how the term is read here ("the 朝 is zhāo", "東西 (dōngxi)"): the senses
    of that reading. (A romanisation merely beside it may report a mistake: "students read 朝
    as zhāo".)"""
    if not context.written_reading:
        return 0.0
    key = _pinyin.numbered_key(candidate.entry.pinyin_numbered)
    if _pinyin.numbered_key(context.written_reading) == key:
        return WRITTEN_READING
    # 故事 written gùshì, as Taiwan reads it: the entry read so ("old practice") and the one
    # the example sentences read gùshi ("story") alike. Without such sentences the page's
    # reading stands (不是 bù shì "no", not bù shi "fault").
    entry = candidate.entry
    if not context.usual:
        return 0.0
    if not neutral_written_full(context.written_reading, entry.pinyin_numbered):
        return 0.0
    usual = context.usual(entry.simplified)
    return WRITTEN_READING if usual and usual.reading == entry.pinyin_numbered else 0.0


WRITTEN_READING = 20.0


def neutral_written_full(written: str, reading: str) -> bool:
    """Whether a written reading is ``reading`` with the neutral tones of its later syllables
    written full, as Taiwan reads many words (故事 gùshì, the mainland's gùshi "story"): it
    says no more for the reading with full tones ("old practice") than for this one."""
    said = [_pinyin.numbered_key(s) for s in written.split()]
    read = [_pinyin.numbered_key(s) for s in reading.split()]
    if len(said) != len(read) or len(read) < 2 or said[0] != read[0]:
        return False
    neutral = [b for b in read[1:] if b.endswith("5")]
    pairs = zip(said[1:], read[1:], strict=True)
    same = all(a == b or (b.endswith("5") and a[:-1] == b[:-1]) for a, b in pairs)
    return bool(neutral) and same


def named_on_the_slide(candidate: Candidate, context: SenseContext) -> float:
    """The slide's English writes the term as a capitalised name ("the Liang-Chen plan" for
    梁陈方案): its surname and name senses, read so."""
    entry = candidate.entry
    if not (entry.is_proper_noun or candidate.sense.kind == SenseKind.SURNAME):
        return 0.0
    return 6.0 if _pinyin.toneless_key(entry.pinyin_numbered) in context.names else 0.0


def listed_among_names(candidate: Candidate, context: SenseContext) -> float:
    """A term listed among names (西安, 洛阳, 开封) is a name itself: the city, not "to unseal"."""
    return 4.0 if context.among_names and candidate.entry.is_proper_noun else 0.0


def everyday_reading(candidate: Candidate, context: SenseContext) -> float:
    """Of a word read two ways, the reading ending in a neutral tone is the everyday word a
    lesson means (東西 dōngxi "thing", 多少 duōshao "how much"), not the literal compound."""
    reading = candidate.entry.pinyin_numbered.split()
    if len(reading) < 2 or not reading[-1].endswith("5") or candidate.entry.is_proper_noun:
        return 0.0
    full = " ".join(reading[:-1])
    return 0.6 if full in context.other_readings else 0.0


def frequent_word(candidate: Candidate, context: SenseContext) -> float:
    """A traditional character standing for two simplified words reads as the far more
    frequent one: 著 is mostly 着 (the aspect particle zhe), 乾 mostly 干 "dry"."""
    if not context.frequencies or min(context.frequencies) <= 0:
        return 0.0
    rare, common = min(context.frequencies), max(context.frequencies)
    if common < _FREQUENT * rare:
        return 0.0
    return 1.5 if candidate.entry.frequency == common else 0.0


_FREQUENT = 10  # how many times more frequent a word must be to be taken as the usual one


def usual_sense(candidate: Candidate, context: SenseContext) -> float:
    """The sense graded example sentences use most (钱 "money", not "coin"; 请 "please", not
    "to ask"), with its reading: what a word means when nothing else is said."""
    if context.usual is None:
        return 0.0
    usual = context.usual(candidate.entry.simplified)
    if usual is None or usual.sense != candidate.sense.text:
        return 0.0
    return USUAL if usual.reading == candidate.entry.pinyin_numbered else 0.0


# Above the dictionary's order (a later sense, a later reading), below a word of the slide.
USUAL = 0.3


def word_class(candidate: Candidate, context: SenseContext) -> float:
    """Of a word the example sentences say nothing about, the senses of the class a tagged
    corpus uses it in most: 带 is mostly a verb ("to take along", not "band"), 里 a localiser
    ("inside", not "lining"), 丰富 an adjective ("rich", not "to enrich")."""
    if context.word_class is None:
        return 0.0
    word = candidate.entry.simplified
    if context.usual is not None and context.usual(word) is not None:
        return 0.0
    tag = context.word_class(word)
    if tag is None or not fits_class(tag, candidate.sense.text):
        return 0.0
    # A tag is the word's, not a reading's: another reading needs more than the class (凉
    # tagged a verb is still liáng "cool", not liàng "to let sth cool down").
    return WORD_CLASS if candidate.entry_rank == 0 else OTHER_READING_CLASS


# Over ten places of the dictionary's order or two readings; the usual sense rules it out.
WORD_CLASS = 0.5
# For another reading: less than the dictionary's order of readings (0.2 a reading).
OTHER_READING_CLASS = 0.15
_WORD_CLASS_REASON = "a sense of the word class the word is used in most"


def surname_cues(candidate: Candidate, context: SenseContext) -> float:
    """The slide speaks of surnames ("王 and 张 are common family names"): the surname."""
    if candidate.sense.kind != SenseKind.SURNAME:
        return 0.0
    return 2.0 if says_surname(context.near()) else 0.0


def says_surname(stems: frozenset[str]) -> bool:
    """True for English that speaks of surnames: "surname", "family name"."""
    return bool(stems & SURNAME_CUES) or stems >= FAMILY_NAME


# -- loanwords: the sense English writing borrows -----------------------------------------------

# A sense worded as the romanisation the prose uses is the loanword itself: more than a word
# of the term's own line (2.0), less than its clause or the slide's gloss (4.0, 6.0).
_BORROWED_WORDING = 3.0
# A sense the dictionary marks as the modern or PRC usage, when the prose borrows the word:
# enough over a first sense nothing supports, not over one the slide's English names.
_BORROWED_SENSE = 0.6
_MODERN_MARKS = (
    "(fig.",
    "(figuratively",
    "(neologism",
    "slang",
    "(prc",
    "in the prc",
    "in mainland china",
)


def borrowed_wording(candidate: Candidate, context: SenseContext) -> float:
    """When English prose writes the term's romanisation as a word of its own (guanxi,
    feng shui), the sense the dictionary words as that romanisation is the borrowing (关系
    "guanxi", not "relation")."""
    if not context.borrowed or candidate.entry.is_proper_noun:
        return 0.0
    return _BORROWED_WORDING if context.borrowed <= candidate.stems else 0.0


def is_modern_usage(text: str) -> bool:
    """Whether CC-CEDICT marks a sense as figurative, new, slang or the PRC's usage."""
    lowered = text.lower()
    return any(mark in lowered for mark in _MODERN_MARKS)


def borrowed_sense(candidate: Candidate, context: SenseContext) -> float:
    """When English prose about China borrows the term (the danwei system, shanzhai phones),
    it borrows the sense of today's China: the one CC-CEDICT marks as figurative, new or the
    PRC's (单位 "work unit (... esp. in the PRC ...)", 下海 "(fig.) to take the plunge"), not
    the literal first sense. Only on that evidence: a lesson writing 单位 dānwèi means "unit"."""
    if not context.borrowed or candidate.entry.is_proper_noun:
        return 0.0
    if not is_plain_meaning(candidate):
        return 0.0
    return _BORROWED_SENSE if is_modern_usage(candidate.sense.text) else 0.0


def dictionary_order(candidate: Candidate, context: SenseContext) -> float:
    """The dictionary's order breaks ties: its usual reading first, then its first senses."""
    return -0.2 * min(candidate.entry_rank, 5) - 0.05 * min(candidate.sense_rank, 10)


# The rules that say what the dictionary alone would choose (the default sense).
PRIOR_RULES = frozenset(
    [
        "sense kind",
        "domain label",
        "everyday reading",
        "frequent word",
        "usual sense",
        "word class",
        "dictionary order",
    ]
)
# The rules, in the order they are reported; each adds to a candidate's score.
RULES: tuple[tuple[str, Rule], ...] = (
    ("slide English", slide_english),
    ("Chinese neighbours", chinese_neighbours),
    ("borrowed wording", borrowed_wording),
    ("borrowed sense", borrowed_sense),
    ("sense kind", kind_needs_evidence),
    ("domain label", domain_needs_evidence),
    ("document field", document_field),
    ("document region", document_region),
    ("field family", field_family),
    ("field vocabulary", field_vocabulary),
    ("mainland across the strait", mainland_across_the_strait),
    ("figure explained", figure_explained),
    ("written reading", written_reading),
    ("listed among names", listed_among_names),
    ("named on the slide", named_on_the_slide),
    ("surname cues", surname_cues),
    ("surname before a title", surname_before_title),
    ("grammatical place", grammatical_place),
    ("word place", word_place),
    ("adverb place", adverb_place),
    ("everyday reading", everyday_reading),
    ("frequent word", frequent_word),
    ("usual sense", usual_sense),
    ("word class", word_class),
    ("dictionary family", dictionary_family),
    ("dictionary order", dictionary_order),
)


@dataclass(frozen=True)
class SenseChoice:
    """The sense a deck means, its entry (and so its reading), and why."""

    entry: Entry
    sense: Sense
    rule: str  # the rule that decided: a name from RULES
    reason: str  # a short sentence for the reader
    scores: tuple[tuple[str, float], ...] = field(default=())  # the winner's score per rule
    wording: str = ""  # the sense worded as example sentences say it, when not as written

    @property
    def text(self) -> str:
        return self.sense.text


def candidates(entries: Iterable[Entry]) -> tuple[Candidate, ...]:
    return tuple(
        Candidate(entry, sense, entry_rank, sense_rank, _group(entry.senses, sense_rank))
        for entry_rank, entry in enumerate(entries)
        for sense_rank, sense in enumerate(entry.senses)
    )


_FIGURATIVE = ("(fig.)", "(figuratively)")


def _group(senses: tuple[Sense, ...], index: int) -> str:
    """CC-CEDICT labels the first sense of a figurative run ("(fig.) knockoff (goods)",
    "counterfeit", "imitation"): the run's other senses, for its first one; "" otherwise."""
    if not senses[index].text.startswith(_FIGURATIVE):
        return ""
    run = []
    for sense in senses[index + 1 :]:
        if sense.kind != senses[index].kind or sense.text.startswith("("):
            break
        run.append(sense.text)
    return " ".join(run)


def score(candidate: Candidate, context: SenseContext) -> tuple[tuple[str, float], ...]:
    return tuple((name, rule(candidate, context)) for name, rule in RULES)


# How much better than the dictionary's first sense another must score: one word of the
# slide, or a word the deck keeps using, is enough; a word the deck uses once is not.
_MARGIN = 0.5
# Over a first sense nothing in the deck supports, a rare word anywhere in it is enough.
_MARGIN_OVER_NOTHING = 0.15


class _Scored(NamedTuple):
    candidate: Candidate
    parts: tuple[tuple[str, float], ...]  # (rule name, score)

    @property
    def total(self) -> float:
        return sum(value for _, value in self.parts)

    @property
    def prior(self) -> float:
        """The score of the rules that need no context: what the dictionary alone chooses."""
        return sum(value for name, value in self.parts if name in PRIOR_RULES)


def choose_sense(entries: tuple[Entry, ...], context: SenseContext) -> SenseChoice | None:
    """The sense of ``entries`` the context means (see :func:`best_sense`), worded as example
    sentences say it when the slide names none of its wordings (see :func:`usual_wording`)."""
    choice = best_sense(entries, context)
    if choice is None:
        return None
    wording = (
        field_wording(choice.sense, context.fields)
        or address_wording(choice.sense.text, context.places)
        or quote_wording(choice.sense.text, context.places)
        or usual_wording(choice.entry, choice.sense, context)
        or plain_wording(choice.sense, context)
        or (adverb_wording(choice.sense.text) if choice.rule == "adverb place" else "")
    )
    return replace(choice, wording=wording) if wording else choice


# What the slide's English must give a sense of another written form: a word of the term's own
# line (2.0) at least, as the form the term's words usually take is the better guess.
_OTHER_FORM = 2.0


def choose_written_form(
    usual: tuple[Entry, ...], others: tuple[Entry, ...], context: SenseContext
) -> SenseChoice | None:
    """The sense of ``usual`` (entries of the form a word usually takes) unless the slide's
    English speaks clearly for a sense of ``others``, written alike in simplified characters
    but another word (冷面 in 烤冷面 "grilled cold noodles" is 冷麵 "cold noodles", not 冷面
    "grim"); None without entries."""
    choice = choose_sense(usual, context)
    other = choose_sense(others, context) if others else None
    if choice is None or other is None:
        return choice or other
    theirs = Candidate(other.entry, other.sense, 0, 0)
    support = slide_english(theirs, context)
    own = slide_english(Candidate(choice.entry, choice.sense, 0, 0), context)
    if support < max(_OTHER_FORM, own + _MARGIN):
        return choice
    reason = _reason("slide English", theirs, context)
    return replace(other, rule="slide English", reason=reason, wording="")


_QUALIFIER = compile_pattern(r"(?<=\w) \(([^()]*)\)")
_ANY_OBJECT = compile_pattern(r"\b(?:sth|sb|sb's|someone|something)\b")


class _Qualified(NamedTuple):
    """A sense whose first wording is qualified ("to exploit (a resource)"), reworded."""

    qualifiers: tuple[frozenset[str], ...]  # the stems of each qualifier
    reworded: str  # the sense with its first plain wording first
    first: frozenset[str]  # the stems of its first wording


@lru_cache(maxsize=16384)
def _qualified(text: str) -> _Qualified | None:
    pieces = [p.strip() for p in text.split("; ") if p.strip()]
    if len(pieces) < 2:
        return None
    # A qualifier names a thing ("a resource", "business"), not a preposition, a note or any
    # object at all ("(sth else)").
    found = (
        english_stems(q) - _PLAIN_LABEL
        for q in _QUALIFIER.findall(pieces[0])
        if not _ANY_OBJECT.search(q)
    )
    qualifiers = tuple(q for q in found if q)
    plain = next((p for p in pieces[1:] if "(" not in p), "")
    if not qualifiers or not plain:
        return None
    reworded = "; ".join([plain, *(p for p in pieces if p != plain)])
    return _Qualified(qualifiers, reworded, sense_stems(pieces[0]))


def may_reword(sense: Sense) -> bool:
    """Whether :func:`plain_wording` may reword ``sense``, given a context."""
    return _qualified(sense.text) is not None


def plain_wording(sense: Sense, context: SenseContext) -> str:
    """The sense with its first plain wording first when its first wording is qualified by an
    object or a situation the context does not speak of, and its English does not say that
    wording (开发 "to develop; to exploit (a resource); ...", 经营 "to run; to engage in
    (business etc); ..."); "" otherwise."""
    qualified = _qualified(sense.text)
    if qualified is None:
        return ""
    said = context.near() | context.slide | context.compounds
    if any(q & said for q in qualified.qualifiers) or qualified.first & context.near():
        return ""  # the deck speaks of the qualifier, or its English says the first wording
    return qualified.reworded


def usual_wording(entry: Entry, sense: Sense, context: SenseContext) -> str:
    """The usual sense with the wording its example sentences say most first (先 "first;
    beforehand; earlier"); "" for another sense, or when the slide's English names one of
    the other wordings."""
    usual = context.usual(entry.simplified) if context.usual else None
    if usual is None or not usual.wording or usual.sense != sense.text:
        return ""
    if usual.reading != entry.pinyin_numbered:
        return ""
    near = context.near()
    others = [w for w in sense.text.split(";") if w.strip() != usual.wording]
    if any(english_stems(w) & near for w in others):
        return ""
    return usual.worded()


def best_sense(entries: tuple[Entry, ...], context: SenseContext) -> SenseChoice | None:
    """The sense of ``entries`` the context means; None without entries.

    The sense the dictionary alone would choose (its first meaning that is no name, note or
    abbreviation, in its everyday reading) stands unless another sense scores clearly better
    with the deck's English; the rule that lifted the winner most is its reason.
    """
    pool = candidates(entries)
    if not pool:
        return None
    if len(pool) == 1:  # nothing to choose between
        only = pool[0]
        return SenseChoice(only.entry, only.sense, "dictionary order", _first_reason(()))
    scored = [_Scored(c, score(c, context)) for c in pool]
    default = max(scored, key=lambda item: item.prior)
    best = max(scored, key=lambda item: item.total)
    margin = _MARGIN if dict(default.parts)["slide English"] > 0 else _MARGIN_OVER_NOTHING
    if dict(best.parts)["Chinese neighbours"] > dict(default.parts)["Chinese neighbours"]:
        margin = _MARGIN  # what the text is about, not what the slide says the term means
    winner = best.candidate if best.total >= default.total + margin else default.candidate
    if winner is default.candidate:
        rule, reason = _default_rule(default)
        return SenseChoice(winner.entry, winner.sense, rule, reason, default.parts)
    before = dict(default.parts)
    lift = {name: value - before[name] for name, value in best.parts}
    rule = max(lift, key=lambda name: lift[name])
    reason = _reason(rule, winner, context)
    return SenseChoice(winner.entry, winner.sense, rule, reason, best.parts)


def _default_rule(default: _Scored) -> tuple[str, str]:
    """The rule (and reason) that made the default sense what the dictionary alone chooses."""
    parts, winner = dict(default.parts), default.candidate
    rule, reason = "dictionary order", _first_reason(default.parts)
    if parts["everyday reading"] > 0:
        rule, reason = "everyday reading", "the everyday reading of a word read two ways"
    if parts["frequent word"] > 0:
        rule, reason = "frequent word", "the far more frequent of the words written so"
    if parts["usual sense"] > 0:
        rule, reason = "usual sense", "the sense the example sentences use most"
    elif parts["word class"] > 0 and (winner.sense_rank or winner.entry_rank):
        rule, reason = "word class", _WORD_CLASS_REASON
    return rule, reason


def _words_of(candidate: Candidate, stems: set[str]) -> list[str]:
    """The words of a sense (and its run) whose stems are ``stems``, as the dictionary writes
    them: "dumplings", not the stem "dumpl"."""
    text = _bare(f"{candidate.sense.text} {candidate.group}").lower()
    words = []
    for word in _WORD.findall(text):
        pieces = word.split("-")
        if any(stem(p) in stems for p in pieces) or stem("".join(pieces)) in stems:
            words.append(word)
    return list(dict.fromkeys(words)) or sorted(stems)


def _first_reason(parts: tuple[tuple[str, float], ...]) -> str:
    if dict(parts).get("slide English", 0.0) > 0:
        return "the dictionary's first sense, which the slide's English supports"
    return "the dictionary's first sense; nothing in the deck points elsewhere"


def _slide_english_reason(winner: Candidate, context: SenseContext) -> str:
    """Which English shares which words with the chosen sense: the slide's, the meanings of
    longer words containing the term, else the deck's."""
    if not winner.stems & (context.near() | context.slide) and winner.stems & context.compounds:
        words = ", ".join(_words_of(winner, set(winner.stems & context.compounds))[:4])
        return f"longer words containing it share {words} with this sense"
    shared = sorted(winner.stems & (context.near() | context.slide | context.compounds))
    shared = shared or sorted(winner.stems & context.topics)
    where = "the slide's English" if shared else "the deck's English"
    shared = shared or sorted(winner.stems & context.deck)
    return f"{where} shares {', '.join(_words_of(winner, set(shared))[:4])} with this sense"


def _reason(rule: str, winner: Candidate, context: SenseContext) -> str:
    if rule == "slide English":
        return _slide_english_reason(winner, context)
    if rule == "Chinese neighbours":
        agreeing = {s for level in context.neighbours for s in level} & winner.stems
        words = ", ".join(_words_of(winner, agreeing)[:4])
        return f"the meanings of the words around it share {words} with this sense"
    if rule == "written reading":
        return "the slide writes how the term is read here"
    if rule == "surname cues":
        return "the slide speaks of surnames"
    if rule == "usual sense":
        return "the sense the example sentences use most"
    if rule == "word class":
        return _WORD_CLASS_REASON
    if rule == "named on the slide":
        return "the slide's English writes it as a name"
    if rule == "grammatical place":
        return place_reason(winner.sense.text, context.places)
    if rule == "word place":
        return "the term stands where a noun or a verb does in its sentences, as in this sense"
    if rule == "domain label":
        return "the other senses belong to a field the deck does not speak of"
    if rule == "document field":
        return "the sense of the field the document's words belong to"
    if rule == "figure explained":
        return "the text gives the literal meaning and this figure of it"
    if rule == "listed among names":
        return "the slide lists it among names"
    if rule == "sense kind":
        return "the other senses are names, abbreviations or notes the context does not call for"
    return _borrowed_reason(rule, winner)


def _borrowed_reason(rule: str, winner: Candidate) -> str:
    if rule == "borrowed wording":
        return f"the sense English writing borrows: {winner.sense.text}"
    if rule == "borrowed sense":
        return f"the sense English writing about China borrows: {winner.sense.text}"
    return _OTHER_REASONS.get(rule, "the dictionary's order")


_OTHER_REASONS = {
    "document region": "the usage of the region the document's words are of",
    "adverb place": "the term stands where an adverb does (before a verb) or as a word of its own",
    "field family": "the meaning the dictionary's words of the document's field made with it share",
    "field vocabulary": "a meaning worded in the English of the document's field",
    "mainland across the strait": "Taiwan and Hong Kong call mainland China so",
    "dictionary family": _FAMILY_REASON,
}


# -- cross-references ---------------------------------------------------------------------------

REFERENCE_HOPS = 2  # "see X" whose X is "variant of Y" is followed twice, no further


@dataclass(frozen=True)
class ResolvedSense:
    """The sense a cross-reference leads to, chosen in the term's context, and the way there."""

    choice: SenseChoice  # the target's sense (a meaning, or a reference adding one)
    via: tuple[Reference, ...]  # the references followed, the term's own first


def follow_reference(
    choice: SenseChoice,
    lookup: Callable[[str], tuple[Entry, ...]],
    context: SenseContext,
    hops: int = REFERENCE_HOPS,
) -> ResolvedSense | None:
    """When the chosen sense only points at another word (馅儿 "erhua variant of 馅"), that
    word's sense in the same context ("filling"), through at most ``hops`` references.

    None when the chosen sense is a meaning of its own, or the references lead to no entry,
    back to a word already seen, or on past ``hops``.
    """
    via: list[Reference] = []
    seen = {choice.entry}
    current = choice
    while (reference := parse_reference(current.sense.text)) and not reference.meaning:
        found = referenced_entries(reference, lookup(reference.word))
        targets = tuple(e for e in found if e not in seen)
        if len(via) == hops or not targets:
            return None  # too far, nowhere, or back to an entry already seen
        seen.update(targets)
        # The context is the term's; what it knew of the term's own entries is the target's.
        target_context = replace(
            context,
            other_readings=_full_tone_stems(targets),
            frequencies=tuple(e.frequency for e in targets),
            written_reading="",
        )
        chosen = choose_sense(targets, target_context)
        assert chosen is not None  # targets is not empty
        current = chosen
        via.append(reference)
    return ResolvedSense(current, tuple(via)) if via else None
