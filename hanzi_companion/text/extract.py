"""Chinese terms in a deck's slides and notes, with what the slide says about each.

Every run of Han characters is a candidate, in slide text and presenter notes alike. Runs are
already split by punctuation, so slogans split on 、 and ， (大众创业、万众创新). A run is kept
whole when it is a word, a name or a fixed expression, with its natural words as ``parts``; a
run that reads as a sentence (function words such as 的, 了, 我们, or closing with 。！？)
gives its words instead, all but the sentence's glue (的, 了, 很), with personal names whole
(:mod:`~hanzi_companion.text.names`); a phrase-book row, written with its romanisation, stays
whole with every word as a part. Characters written apart (``买 年 货``) are joined first
(:mod:`~hanzi_companion.text.spacing`). An all-capitals Latin token written against a short
run makes a mixed term (``AAA 货``, ``T恤``). Around each term the extractor reads the English
the slide gives for it (:mod:`~hanzi_companion.text.slide_english`) and the romanisation
written next to it in any spelling (``创客 chuangke``, ``习字 xi2 zi4``, ``shan zhai`` above
``山寨``, ``毛泽东 Mao Tse-tung``; :mod:`~hanzi_companion.text.syllables`).

Everything here works line by line with bounded look-around, so time is linear in the deck.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.forms import (
    CANTONESE_PLURAL,
    OTHER_TRADITIONAL,
    VARIANT_CHARACTER,
    simplified_spelling,
    word_form,
)
from hanzi_companion.lexicon.lexicon import guess_reading
from hanzi_companion.lexicon.models import CEDICT_SOURCE, Entry
from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.han import HAN_CLASS, HAN_PIECE, HAN_RUN, han_suffix, has_han, is_han
from hanzi_companion.text.labels import chrome_line, in_label
from hanzi_companion.text.language import deck_prose, is_chinese_document
from hanzi_companion.text.models import Deck, Slide
from hanzi_companion.text.names import NameRules, is_name, recut, with_names
from hanzi_companion.text.names import addressed_by_title as _addressed
from hanzi_companion.text.places import PlaceRules, place_names
from hanzi_companion.text.repeats import (
    DocumentSegmenter,
    grammatical,
    loose_character,
    repeated_words,
)
from hanzi_companion.text.segment import Segmenter, segmenter_for
from hanzi_companion.text.slide_english import (
    LATIN_WORD,
    LOOK,
    QUOTES,
    gloss_readers,
    tidy_gloss,
    translation_below,
)
from hanzi_companion.text.slide_english import content_stems as content_stems  # glossary's
from hanzi_companion.text.spacing import (
    SpacingRules,
    join_glossed,
    join_interrupted,
    join_spaced,
)
from hanzi_companion.text.syllables import (
    ROMAN_WORD,
    as_marks,
    is_toned,
    numbered_reading,
    syllables_of,
    western_keys,
)
from hanzi_companion.text.transcription import NAME_DOTS
from hanzi_companion.text.wordlists import (
    ADVERBS_BEFORE_VERBS,
    ASPECT_PARTICLES,
    ATTRIBUTIVE_PARTICLES,
    CLASSICAL_ENDINGS,
    CLASSICAL_PARTICLES,
    DIRECTION_COMPLEMENTS,
    FUNCTION_WORDS,
    GENERAL_CLASSIFIERS,
    LOCALIZERS,
    MODAL_VERBS,
    MODERN_PARTICLES,
    NEGATED_VERBS,
    NUMERALS,
    PARTICLES,
    POTENTIAL_RESULTS,
    PRONOUNS,
    QUANTITIES,
    RESULT_COMPLEMENTS,
    SENTENCE_GLUE,
    SIZE_AND_DEGREE,
    TIME_LOCALIZERS,
    TIME_UNITS,
)

# An all-capitals Latin token (AAA, T, QQ, 3D) right before or after a run.
_LATIN_BEFORE = compile_pattern(
    r"(?:^|(?<=[\s(\[«“\"'‘「『《]))([A-Z0-9]{0,3}[A-Z][A-Z0-9]{0,3})( ?)$"
)
_LATIN_AFTER = compile_pattern(r"^([A-Z0-9]{0,3}[A-Z][A-Z0-9]{0,3})(?=$|[\s)\].,;:!?»”\"'’」』》])")
# Digits written against a long run that opens in brackets or quotes: ``(21世纪海上丝绸之路)``.
_NUMBER_BEFORE = compile_pattern(r"[(（«“\"「『《]\s*(\d{1,4})$")
_NUMBERED_NAME_MIN = 4
# Longest mixed Han part when a space separates it from the Latin token (``AAA 货``).
_MIXED_SPACED_MAX = 2
_NEAR = 40  # farthest a romanisation may be written from its term

# Longest run kept as one term (习近平新时代中国特色社会主义思想 has 16 characters); a longer
# run is prose written without punctuation and gives its words (and stays linear).
LONGEST_TERM = 32
_LEARNT_LEVEL = 4  # HSK 3.0 levels 1-4: the elementary and first intermediate words
_JOINED_MAX = 4  # longest word two neighbouring words of a sentence may join into
_IDIOM = 4  # characters of an idiom (同声同气)
# A clause of this many words (two characters or more) is no slogan clause but a sentence.
_SENTENCE_WORDS = 3
# jieba's classes of words that do not name things: verbs, adverbs, conjunctions,
# prepositions, localizers (中, 上), pronouns, particles.
_CLAUSE_CLASSES = frozenset(["v", "vd", "d", "c", "p", "f", "r", "u", "ud", "uj", "ul", "uz"])
_NAME_DOTS = NAME_DOTS
_QUOTED_EXPRESSION = 4  # longest quoted run of Chinese prose kept whole whatever its words
# jieba's classes of the words that make a long run a clause whatever its other words are:
# prepositions, conjunctions, adverbs, pronouns, particles (艇仔粥 以 粥 滑 軟 綿); not verbs
# or localizers, which names hold (武侯祠 前 街, Wuhouci Front Street).
_GLUE_CLASSES = ("p", "c", "d", "r", "u")
_ENUMERATION = "、"  # the comma between the items of a list
# An item of a list: Han text between enumeration commas (or a clause's ends) and nothing else.
_ITEM = compile_pattern(f"(?:(?<=、)|^)[{HAN_CLASS}]+(?=、|$)")
_CLAUSE = compile_pattern(r"[，,。；;：:！？!?()（）【】\s.…]+")

SIDE = 24  # characters kept on either side of a mention: its place in the sentence
# Lines whose runs are looked up in the dictionary at once (a few queries, not one a run), a
# block at a time as the deck is read.
_PREFETCH_LINES = 500
# A term's first mentions are read for the English and romanisation written beside them, as
# many as a glossary keeps of its occurrences: a term repeated a hundred thousand times (a
# 2 MB line of 新xin年nian...) costs no more than that.
BESIDE_READS = 50

# Longest stretch of a run between its terms read for the grammatical words in it (也不要,
# 就是在): a longer one is no sentence's glue, and is not cut again.
_GLUE_GAP = 8

_OPEN_PARENTHESIS = ("(", "（")
_CLOSE_PARENTHESIS = (")", "）")


@dataclass(frozen=True)
class Mention:
    """One occurrence of a term in a slide's text or notes."""

    term: str  # as written: a Han run, or a mixed term such as ``AAA 货``
    han: str  # its Han characters (the whole term when there is no Latin part)
    parts: tuple[str, ...]  # natural words inside a longer term (Han only)
    slide: int
    slide_title: str
    in_notes: bool
    context: str  # the line it is on, shortened around the term
    slide_gloss: str = ""  # English the slide gives for it
    romanisation: str = ""  # romanisation written next to it
    romanisation_span: tuple[int, int] | None = None  # where, in the same text, when found
    other_name_of: str = ""  # the term it follows in parentheses (``住房制度改革 (房改)``)
    line_start: int = 0  # offset of its line in the slide text (or notes)
    start: int = 0  # offset of the term in that text
    shown_on: int = 0  # remark number of the ``--`` step that first shows it (link ``#N``)
    written_reading: str = ""  # numbered reading the slide writes in tone marks ("the 朝 is zhāo")
    among_names: bool = False  # listed with names (西安, 洛阳, 开封...): a name itself
    personal_name: bool = False  # read as a person's name (张明, 王小明): see text/names.py
    # The text of its line just before it and just after it: its place in the sentence.
    sides: tuple[str, str] = ("", "")
    # A sentence's grammatical word (要 in 你要水吗, 不 and 要 in 我不要) that is no term of
    # its own there: it counts as an occurrence of the term it spells when the deck lists it.
    glue: bool = False

    @property
    def latin(self) -> str:
        """The Latin part of a mixed term ("" for a plain Han term)."""
        return self.term.replace(self.han, "").strip()

    @property
    def trace(self) -> Trace:
        """What is kept of this mention once the glossary has counted it."""
        return Trace(
            self.han,
            self.slide,
            self.in_notes,
            self.line_start,
            self.romanisation,
            self.slide_gloss,
        )


class Trace(NamedTuple):
    """Where a mention stands and what the slide writes beside it, without its context: all
    that the deck-wide rules (the words around a term, romanised words) need of a mention. A
    deck may hold hundreds of thousands of mentions; the glossary keeps one trace for each
    different one, never the mentions themselves."""

    han: str
    slide: int
    in_notes: bool
    line_start: int
    romanisation: str
    slide_gloss: str


def reading_keys(lexicon: Lexicon, word: str) -> frozenset[str]:
    """Toneless keys of every reading a dictionary (or pypinyin) gives ``word``."""
    keys = {_pinyin.toneless_key(e.pinyin_numbered) for e in lexicon.lookup(word)}
    keys.add(_pinyin.toneless_key(lexicon.reading(word).pinyin_numbered))
    return frozenset(k for k in keys if k)


class Extractor:
    """Finds the Chinese terms of a deck; holds per-deck caches of lookups and cuts."""

    def __init__(self, lexicon: Lexicon, segmenter: Segmenter | None = None) -> None:
        self.lexicon = lexicon
        self.segmenter = DocumentSegmenter(
            segmenter or segmenter_for(lexicon), lambda text: simplified_spelling(text, self.lookup)
        )
        self._split = lru_cache(maxsize=65536)(self._split_run)
        self.sentence_words = lru_cache(maxsize=65536)(self._sentence_words)
        self._keys = lru_cache(maxsize=65536)(self._reading_keys)
        # The lexicon's own cache is bounded; a deck's words are looked up several times each
        # (extraction, parts, readings, glosses), so keep every answer for this deck.
        self._entries: dict[str, tuple[Entry, ...]] = {}
        self._guesses: dict[str, str] = {}
        self._sense_words = lru_cache(maxsize=65536)(self._sense_words_of)
        # What a line says around a term depends on the line and its neighbours only: lines
        # repeat (remark's -- steps repeat a slide's lines, tables repeat their rows).
        self._around = lru_cache(maxsize=4096)(self._read_around)
        self._name_rules = NameRules(
            lambda word: bool(self.lookup(word)), self._cut_guessing, self.segmenter.cut
        )
        self.names: set[str] = set()  # personal names found in this deck's sentences
        self.romanised_names: frozenset[str] = frozenset()  # Dōngní, toneless: dongni
        self.chinese_prose = False  # the deck is written in Chinese (see is_chinese_document)
        self._beside_reads: Counter[str] = Counter()  # mentions read for what is beside them
        self._readings: Mapping[int, str] = {}  # the line's characters' readings its pinyin gives
        self._glue_reads: Counter[str] = Counter()  # grammatical words given as occurrences
        self._gap_words = lru_cache(maxsize=4096)(self._words_of_gap)
        self._glue = False  # mentions() gives grammatical words as occurrences too
        self._place_rules = PlaceRules(
            own=lambda word: word in self.segmenter.words,
            only_a_name=self._only_a_name,
            loose=lambda char: loose_character(char, self.word_class),
            known=lambda word: bool(self.lookup(word)),
        )
        self._spacing = SpacingRules(
            lambda word: bool(self.lookup(word)), self.segmenter.cut, self._keys
        )

    def _speaker(self, run: str, line: str, start: int, end: int) -> bool:
        """True when ``run`` opens a line of dialogue as its speaker's name (马丽：你好！)."""
        return (
            line[end : end + 1] in (":", "：")
            and (opening := _LINE_OPENING.match(line)) is not None
            and opening.end() >= start  # nothing but bullets before it
            and is_name(run, "", self._name_rules)
        )

    def corpus_word(self, word: str) -> bool:
        """True when jieba's corpus counts ``word``, or its simplified spelling: the corpus is
        written in simplified characters, and 遊覽車 is the word 游览车 (tour bus) it counts."""
        if self.segmenter.corpus_word(word):
            return True
        simplified = simplified_spelling(word, self.lookup)
        return simplified != word and self.segmenter.corpus_word(simplified)

    def word_class(self, word: str) -> str | None:
        """The class a tagged corpus uses ``word`` in most, read under its simplified spelling
        (the table is simplified): 歲 is a measure word as 岁 is."""
        found = self.lexicon.word_class(word)
        if found is None:
            simplified = simplified_spelling(word, self.lookup)
            found = self.lexicon.word_class(simplified) if simplified != word else None
        return found

    def _cut_guessing(self, run: str) -> tuple[str, ...]:
        return self.segmenter.cut_guessing(run)

    def lookup(self, word: str) -> tuple[Entry, ...]:
        """The lexicon's entries for ``word``, remembered for the life of this extractor."""
        entries = self._entries.get(word)
        if entries is None:
            entries = self._entries[word] = self.lexicon.lookup(word)
        return entries

    def guess_reading(self, word: str) -> str:
        """The reading of a word no dictionary has, guessed once per deck: its characters'
        own readings when each has only one, else pypinyin's phrase-aware reading (whose
        phrase table costs a fifth of a second to load: most decks' unknown words need none)."""
        guessed = self._guesses.get(word)
        if guessed is None:
            guessed = self._only_readings(word) or guess_reading(word)
            if has_han(guessed):  # pypinyin echoes a character it cannot read (U+30000)
                guessed = " ".join(token for token in guessed.split() if not has_han(token))
            self._guesses[word] = guessed
        return guessed

    def _only_readings(self, word: str) -> str:
        """The numbered reading of ``word`` from the dictionary alone, when its words leave no
        choice: each a dictionary word of two characters or more (its first reading), or a
        character with one reading that is not a name's (大众 | 创业, 创新 | 屋); "" else."""
        syllables = []
        for piece in self.segmenter.cut(word) if len(word) > 1 else (word,):
            entries = self.lookup(piece)
            if len(piece) > 1 and entries:
                syllables.append(entries[0].pinyin_numbered)
                continue
            common = [e for e in entries if not e.is_proper_noun] if len(piece) == 1 else []
            readings = {e.pinyin_numbered.lower() for e in common}
            if len(readings) != 1:
                return ""
            syllables.append(readings.pop())
        return " ".join(syllables)

    def prefetch(self, words: Iterable[str]) -> None:
        """Look up many words at once (a few queries instead of one per word)."""
        missing = {word for word in words if word not in self._entries}
        if len(missing) > 1:
            self._entries.update(self.lexicon.lookup_many(missing))

    def _reading_keys(self, word: str) -> frozenset[str]:
        entries = self.lookup(word)
        keys = {_pinyin.toneless_key(e.pinyin_numbered) for e in entries}
        if not entries:
            keys.add(_pinyin.toneless_key(self.guess_reading(word)))
        return frozenset(k for k in keys if k)

    # -- whole runs and their parts ------------------------------------------------------------

    def parts_of(self, word: str) -> tuple[str, ...]:
        """Natural words inside ``word`` (``()`` when it has none worth listing)."""
        if len(word) < 3:
            return ()
        pieces = self.segmenter.cut_inside(word)
        if len(pieces) < 2 or all(len(p) == 1 for p in pieces):
            return ()
        # A phrase only a course or user dictionary lists (中国特色社会主义思想) is an expression,
        # not a word: list its own words instead.
        expanded: list[str] = []
        for piece in pieces:
            inner = self.parts_of(piece) if len(piece) >= 4 and not self._base_word(piece) else ()
            expanded.extend(inner or (piece,))
        return tuple(expanded)

    def _base_word(self, word: str) -> bool:
        return any(e.source == CEDICT_SOURCE for e in self.lookup(word))

    def _split_run(self, run: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The terms of one Han run read on its own: the run itself with its parts, or, when
        it reads as a sentence (see :meth:`sentence_words`), the sentence's words."""
        words = self.sentence_words(run)
        if words is None:
            return ((run, self.run_parts(run)),)
        return self._sentence_terms(words)

    def _sentence_terms(self, words: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The terms of a sentence's words: two neighbouring words that jieba's corpus counts
        as one word the dictionaries lack are one term (特大 + 城市: 特大城市, megacity);
        personal names are one word (张明, 李华; see :mod:`~hanzi_companion.text.names`)."""
        words, dotted = self._dotted_names(self._particle_words(self._pronoun_words(words)))
        words, names = with_names("".join(words), words, self._name_rules)
        words, written = self._written_names(words)
        names.update(dotted, written)
        words = self._place_names(words)
        words = numbers_and_units(approximate_numbers(this_one(words)))
        words = adverbs_before_modals(plural_nouns(cantonese_plurals(words)))
        words = self._which_one(words)
        words = negated_answer(words)
        words = self._verbs_before_aspect(self._potential_complements(words))
        words = self._localisers_cut_off(self._variant_spellings(words))
        words = self._adverbs_before_not(self._shared_characters(words))
        words = self._adverbs_before_results(both_and(self._bound_forms(words)))
        self.names.update(names)
        joined: list[str] = []
        index = 0
        while index < len(words):
            word = words[index]
            following = words[index + 1] if index + 1 < len(words) else ""
            characters = self._corpus_characters(words, index)
            if characters:
                joined.append("".join(words[index : index + characters]))
                index += characters
                continue
            previous = joined[-1] if joined else ""
            if (
                following
                and not _about_a_number(previous, word, following)
                and not self._counting(previous, word)
                and self._joins(word, following, names)
            ):
                word += following
                index += 1
            joined.append(word)
            index += 1
        return tuple(
            (word, () if word in names and not titled(word) else self.parts_of(word))
            for word in joined
            if _content_word(word) and not self._counted_amount(word)
        )

    def _counted_amount(self, word: str) -> bool:
        """True for a number that no dictionary lists as a word, alone or with the general
        classifier 个 or a unit it counts (一百, 两个, 三天): an amount a sentence states, not
        vocabulary; a lesson that teaches one writes it as a term of its own. A specific
        classifier is vocabulary and stays with its number (一只 zhī, for animals), and so do
        dictionary words (一些 some, 一样 the same)."""
        numeral = len(word) - len(word.lstrip("".join(NUMERALS)))
        if numeral == 0 or len(word) < 2 or len(word) - numeral > 1 or self.lookup(word):
            return False
        return numeral == len(word) or word[-1] in GENERAL_CLASSIFIERS or self._unit(word[-1])

    def _counts(self, word: str) -> bool:
        """True for a number and a classifier that count the noun after them (一些 人, some
        people; 两位 老师): a noun phrase, no compound."""
        return (
            len(word) == 2
            and word[0] in NUMERALS
            and (word[1] in GENERAL_CLASSIFIERS or self._classifier(word[1]))
        )

    def _classifier(self, char: str) -> bool:
        return any("classifier" in d for e in self.lookup(char) for d in e.definitions)

    def _unit(self, char: str) -> bool:
        """True for a noun a tagged corpus uses most as a measure (天 in 三天, a day) that no
        dictionary sense gives as a classifier (位, 趟, 只 are classifiers to learn)."""
        return self.word_class(char) == "q" and not self._classifier(char)

    def _corpus_characters(self, words: tuple[str, ...], index: int) -> int:
        """Four when the four single characters from ``index`` on are an idiom jieba's corpus
        counts and the dictionaries lack (同 声 同 气: 同声同气), else 0: joined two by two
        they would give two words the sentence does not hold (同声, 同气)."""
        span = words[index : index + _IDIOM]
        whole = "".join(span)
        if len(whole) == len(span) == _IDIOM and self.corpus_word(whole) and not self.lookup(whole):
            return _IDIOM
        return 0

    def _joins(self, word: str, following: str, names: set[str]) -> bool:
        """True when two neighbouring words of a sentence are one word jieba's corpus counts
        and the dictionaries lack (特大 城市), not a verb and its object or result, a name, or
        a grammatical word of two characters beside another word (非常 丰富: very rich). A
        word jieba cut across (同 | 一个: 同一 is a word) joins its neighbour: 同一个."""
        across = len(word) == 1 and not _count(word) and bool(self.lookup(word + following[:1]))
        apart = _verb_and_object(word, following) or (
            (word in FUNCTION_WORDS and len(word) > 1)
            or (following in FUNCTION_WORDS and len(following) > 1)
        )
        return (
            len(word + following) <= _JOINED_MAX
            and (across or not apart)
            and not _two_words(word, following)
            and word not in names
            and following not in names
            and word not in PARTICLES
            and word != _WHICH  # 哪 asks about the word after it (哪 国: which country)
            and not self.lookup(word + following)
            and self.corpus_word(word + following)
            and not self._learnt_apart(word, following)
            and not (_count(word) and not self._counted_by(following))
            and not self._negated_adverb(word, following)
            and not (word in ADVERBS_BEFORE_VERBS and following in MODAL_VERBS)  # 還 要
        )

    def _negated_adverb(self, word: str, following: str) -> bool:
        """True for an adverb's negation and its verb (絕不 能: "absolutely not" and "can"), as
        :meth:`_adverbs_before_not` reads them, whatever jieba's corpus joins (绝不能)."""
        return len(word) == 2 and word[1] == _NOT and len(following) == 1

    def _counting(self, previous: str, word: str) -> bool:
        """True for a classifier after its number (两千 块 钱: two thousand kuai of money): it
        counts with the number and joins no noun after it (块钱 is no word of the sentence)."""
        return (
            bool(previous)
            and _ends_a_number(previous)
            and len(word) == 1
            and (self._classifier(word))
        )

    def _counted_by(self, word: str) -> bool:
        """True for what a number joins: a classifier or a unit it counts (一 位, 三 天), or
        another number; not a word it only stands before (这 一 新的 空间: a new space)."""
        return _count(word) or (
            len(word) == 1 and (self._classifier(word) or self.word_class(word) == "q")
        )

    def _learnt_apart(self, word: str, following: str) -> bool:
        """True for two words of two characters or more that a student learns by the
        intermediate levels (HSK 1-4), not a regular form of one of them (不然的话): their
        phrase means what they say (技术 创新 technical innovation, 自由 空间 free space), two
        words to list, though jieba's corpus counts it; 特大 城市 (megacity) is kept."""
        if len(word) < 2 or len(following) < 2 or word_form(word + following, self.lookup):
            return False
        levels = [self.lexicon.hsk_level(w, self.lookup) for w in (word, following)]
        return all(level is not None and level <= _LEARNT_LEVEL for level in levels)

    def _place_names(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with a place ending joined to the name before it (春園 街:
        春園街; 軒 尼斯 道: 軒尼斯道), see :mod:`~hanzi_companion.text.places`."""
        return place_names(words, self._place_rules)

    def _only_a_name(self, word: str) -> bool:
        entries = self.lookup(word)
        return bool(entries) and all(e.is_proper_noun for e in entries)

    def _written_names(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], set[str]]:
        """A sentence's words with neighbouring single characters joined into the name the
        document romanises elsewhere as one capitalised word (东 尼: Dōngní, Tony), and the
        names so joined; no dictionary word is a name this way."""
        if not self.romanised_names:
            return words, set()
        out: list[str] = []
        names: set[str] = set()
        for word in words:
            joined = out[-1] + word if out else ""
            if (
                len(word) == 1
                and 1 <= len(out[-1] if out else "") < _NAME_MAX
                and (len(out[-1]) == 1 or out[-1] in names)
                and not self.lookup(joined)
                and self._romanised_as_name(joined)
            ):
                out[-1] = joined
                names.discard(joined[:-1])
                names.add(joined)
            else:
                out.append(word)
        return tuple(out), names

    def _romanised_as_name(self, word: str) -> bool:
        keys = [""]
        for char in word:
            keys = [k + c for k in keys for c in self._keys(char)]
        return any(k in self.romanised_names for k in keys)

    def _which_one(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with the word after a lone 哪 'which' cut after its first
        character, the thing asked about, when both characters are words (哪 国人: which
        country's person, 国 + 人, not 国人 'compatriots')."""
        out: list[str] = []
        for word in words:
            if (
                out
                and out[-1] == _WHICH
                and len(word) == 2
                and all(self.lookup(char) for char in word)
                and not self.lookup(_WHICH + word[0])
            ):
                out.extend(word)
            else:
                out.append(word)
        return tuple(out)

    def _variant_spellings(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with two neighbours joined when together they are a dictionary
        word written with a variant character (什 麽: 什么 written with 麽 for 么) or another
        traditional character (鹵 汁: 滷汁), which jieba cuts apart as it knows only the
        dictionary's spelling."""
        out: list[str] = []
        for word in words:
            joined = out[-1] + word if out else ""
            if (
                joined
                and len(joined) <= _JOINED_MAX
                and not self.lookup(joined)
                and _variant_spelling(joined, self.lookup)
            ):
                out[-1] = joined
            else:
                out.append(word)
        return tuple(out)

    def _potential_complements(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with a one-character verb, 不 and its result read as one word,
        the verb's potential form (包 不住 -> 包不住, cannot hold; as dictionaries list 受不了):
        the 不住 jieba cuts off is no word of the sentence (搬 不 动 is 搬不动 too). So is 得
        and a result the dictionary joins to the verb (找 得到 -> 找得到, can find: 找到)."""
        out: list[str] = []
        for word in words:
            previous = out[-1] if out else ""
            if previous in _POTENTIAL_MARKS and word in POTENTIAL_RESULTS and len(out) > 1:
                verb, negated = out[-2], previous + word
            else:
                verb, negated = previous, word
            if (
                len(negated) == 2
                and negated[1] in POTENTIAL_RESULTS
                and len(verb) == 1
                and self._verb(verb)
                and (negated[0] == _NOT or self._can_result(verb, negated))
            ):
                del out[len(out) - (len(negated) - len(word)) - 1 :]
                out.append(verb + negated)
            else:
                out.append(word)
        return tuple(out)

    def _can_result(self, verb: str, potential: str) -> bool:
        """True when ``potential`` is 得 and a result the dictionary writes after ``verb``
        (找 得到: 找到 is a word): the positive potential form, not the verb 得到 'to obtain'."""
        return potential[0] == _CAN and bool(self.lookup(verb + potential[1]))

    def _dotted_names(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
        """A sentence's words with a name transcribed around a middle dot (克里斯·安德森, cut
        into single characters by the dictionary) as its two names, the dot dropped: the words
        jieba's model of names guesses on each side of the dot."""
        if not any(w in _NAME_DOTS for w in words):
            return words, []
        run = "".join(words)
        guessed = self._cut_guessing(run)
        starts = [0]
        for word in guessed:
            starts.append(starts[-1] + len(word))
        spans = []
        for index, word in enumerate(guessed):
            if word not in _NAME_DOTS:
                continue
            for side in (index - 1, index + 1):
                if 0 <= side < len(guessed) and self._transcribed(guessed[side]):
                    spans.append((starts[side], starts[side + 1]))
        dots = frozenset(
            starts[i] + d for i, w in enumerate(guessed) if w in _NAME_DOTS for d in (0, 1)
        )
        out = tuple(w for w in recut(run, words, spans, dots) if w not in _NAME_DOTS)
        return out, [run[start:end] for start, end in spans]

    def _transcribed(self, word: str) -> bool:
        """A word that may be one side of a transcribed name: no sentence's glue, two
        characters or more, no dictionary word but a name (马克 is "mark" and "Mark")."""
        if len(word) < 2 or word in FUNCTION_WORDS or not has_han(word):
            return False
        entries = self.lookup(word)
        return not entries or any(e.is_proper_noun for e in entries)

    def _particle_words(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with a rare word ending in a particle that it does not read as
        the particle read as a word and the particle (运动中的: 中 + 的, not 中的 zhòngdì "to hit
        the target"); common ones stay (目的 mùdì "purpose")."""
        out: list[str] = []
        for index, word in enumerate(words):
            entries = self.lookup(word) if len(word) == 2 and word[1] in PARTICLES else ()
            following = words[index + 1] if index + 1 < len(words) else ""
            if (
                entries
                and all(e.frequency <= 0 and not e.pinyin_numbered.endswith("5") for e in entries)
            ) or self._verb_before_de(word, following):
                out.extend(word)
            else:
                out.append(word)
        return tuple(out)

    def _verb_before_de(self, word: str, following: str) -> bool:
        """True for a verb and 的 that a noun follows (吃的 糕: the cake eaten, 吃的 時候: when
        eating): 的 links the verb to the noun, no 吃的 "food" (the noun stands alone)."""
        return (
            len(word) == 2
            and word[1] == _DE
            and self._verb(word[0])
            and has_han(following)
            and following not in SENTENCE_GLUE
            and not self._verb(following)
        )

    def _verbs_before_aspect(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with a verb found before the aspect particle 着 where jieba
        read a noun (面 | 皮包 | 着 -> 面皮 | 包 | 着: wrapping the dough, not a handbag): a
        word with no verb sense before 着 gives its last character, a verb, to 着 and its first
        to the word before, when that makes a dictionary word."""
        out = list(words)
        for index in range(1, len(out) - 1):
            word, previous = out[index], out[index - 1]
            if (
                out[index + 1] in ASPECT_PARTICLES
                and len(word) == 2
                and not self._verb(word)
                and self._verb(word[1])
                and self.lookup(previous + word[0])
            ):
                out[index - 1 : index + 1] = [previous + word[0], word[1]]
        return tuple(out)

    def _localisers_cut_off(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with a localiser jieba joined to the next word's start moved
        back: a word closing with one goes to its own word when the character before it then
        makes a word with the one before (到 大 海里 去 -> 大海 里, into the sea, not 海里
        "nautical mile")."""
        out = list(words)
        for index in range(1, len(out)):
            word, previous = out[index], out[index - 1]
            if (
                len(word) == 2
                and len(previous) == 1
                and word[1] in LOCALIZERS
                and self.lookup(previous + word[0])
            ):
                out[index - 1 : index + 1] = [previous + word[0], word[1]]
        return tuple(out)

    def _shared_characters(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with a word jieba put between two single characters given back
        as two dictionary words, each taking one of them (手 工匠 人 -> 手工 匠人, the
        craftsman's handwork): four characters read as two words rather than three pieces,
        two of them stray characters."""
        out = list(words)
        index = 1
        while index < len(out) - 1:
            before, word, after = out[index - 1 : index + 2]
            if (
                len(before) == len(after) == 1
                and len(word) == 2
                and self.lookup(before + word[0])
                and self.lookup(word[1] + after)
                and before not in SENTENCE_GLUE
                and after not in SENTENCE_GLUE
            ):
                out[index - 1 : index + 2] = [before + word[0], word[1] + after]
            index += 1
        return tuple(out)

    def _bound_forms(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with a character the dictionary gives only as a bound form (自
        "(bound form) self") joined to the single character after it when the two are a
        dictionary word (自 在 -> 自在, at ease): a bound form is no word alone, and jieba
        cut it off only because the next character is so common."""
        out: list[str] = []
        for word in words:
            previous = out[-1] if out else ""
            if (
                len(previous) == len(word) == 1
                and self._bound(previous)
                and self.lookup(previous + word)
            ):
                out[-1] = previous + word
            else:
                out.append(word)
        return tuple(out)

    def _bound(self, char: str) -> bool:
        entries = [e for e in self.lookup(char) if not e.is_proper_noun]
        return bool(entries) and all(
            e.definitions[:1] != () and e.definitions[0].startswith(_BOUND) for e in entries
        )

    def _adverbs_before_results(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with an adverb jieba joined to a verb whose result follows cut
        off, the verb going to its result (就读 作 -> 就 读作, "is then read as", not 就读
        "to attend school"; 就读 成 -> 就 读成): a verb and its result or 作/为 "as" that the
        dictionaries or jieba's corpus count as one word."""
        out: list[str] = []
        for word in words:
            previous = out[-1] if out else ""
            if (
                len(previous) == 2
                and previous[0] in ADVERBS_BEFORE_VERBS
                and len(word) == 1
                and (word in RESULT_COMPLEMENTS or word in _AS)
                and (self.lookup(previous[1] + word) or self.corpus_word(previous[1] + word))
            ):
                out[-1:] = [previous[0], previous[1] + word]
            else:
                out.append(word)
        return tuple(out)

    def _adverbs_before_not(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with 不 given to the one-character adverb before it when the two
        are a dictionary word (并 不算 -> 并不 算, "is not at all counted as"; 絕 不能 -> 絕不
        能): the negation belongs to the adverb, the verb after it stands alone. A question
        that repeats its verb around 不 (要不要, 好不好) keeps its words."""
        out: list[str] = []
        for word in words:
            previous = out[-1] if out else ""
            if (
                len(previous) == 1
                and len(word) > 1
                and word[0] == _NOT
                and word[1] != previous
                and self.lookup(previous + _NOT)
            ):
                out[-1:] = [previous + _NOT, word[1:]]
            else:
                out.append(word)
        return tuple(out)

    def _verb(self, word: str) -> bool:
        """True when a dictionary sense of ``word`` is a verb's (it reads "to ...")."""
        return any(d.startswith("to ") for e in self.lookup(word) for d in e.definitions)

    def _pronoun_words(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A sentence's words with a slang word that opens with a pronoun and that jieba's
        corpus never counts read as the pronoun and its verb (我去 超市: I go, not "what the…")."""
        out: list[str] = []
        for word in words:
            if (
                len(word) == 2
                and word not in FUNCTION_WORDS
                and not self.corpus_word(word)
                and (word[0] in PRONOUNS or self._slang(word))
            ):
                out.extend(word)
            else:
                out.append(word)
        return tuple(out)

    def _slang(self, word: str) -> bool:
        """True for a two-character word only a slang sense of the dictionary has (狗带 "to
        die", from "go die"), whose characters are the sentence's words (狗 带到: a dog)."""
        entries = self.lookup(word)
        return bool(entries) and all(
            any("slang" in d or "Internet" in d for d in e.definitions) for e in entries
        )

    def run_parts(self, run: str) -> tuple[str, ...]:
        """The parts of ``run`` kept whole as one term (every word, single characters too)."""
        if len(run) == 1 or self.lookup(run):
            return self.parts_of(run)
        words = self.without_stray_names(self.segmenter.cut(run))
        if len(words) == 1:
            return self.parts_of(run)
        return words if any(len(w) > 1 for w in words) else ()

    def without_stray_names(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """``words`` with a name wedged between single characters cut into its characters:
        in 坐北朝南 (sit north, face south) 北朝 is no Northern Dynasties. Characters that
        happen to spell a name inside a phrase no dictionary has are not that name."""
        out: list[str] = []
        for index, word in enumerate(words):
            before = words[index - 1] if index else ""
            after = words[index + 1] if index + 1 < len(words) else ""
            entries = self.lookup(word) if len(word) > 1 else ()
            if (
                entries
                and all(e.is_proper_noun for e in entries)
                and len(before) == 1
                and len(after) == 1
            ):
                out.extend(word)
            else:
                out.append(word)
        return tuple(out)

    def _sentence_words(self, run: str) -> tuple[str, ...] | None:
        """The words of ``run`` when it reads as a sentence, else None.

        A run no dictionary has reads as a sentence when it holds a grammatical word (的, 了,
        让, 我们); so does every clause of a line one of whose clauses holds a particle (see
        :meth:`_sentence_line`). The caller keeps a sentence whole when the slide writes it
        as a term: quoted, translated, a slogan of short clauses.
        """
        if len(run) > LONGEST_TERM:
            return self.segmenter.cut(run)  # no term is that long: prose without punctuation
        if len(run) == 1 or self.lookup(run):
            return None
        words = self.segmenter.cut(run)
        if len(words) == 1 or classical(words) or self._guessed_word(run, words):
            return None
        if any(w in FUNCTION_WORDS for w in words):
            return words
        return None

    def _guessed_word(self, run: str, words: tuple[str, ...]) -> bool:
        """True when no dictionary has a word in the short ``run`` (it cuts into its
        characters) but jieba's model of unknown words reads it as one: a name (一得阁, a
        brand of ink; 荣宝斋), not a sentence (我很好 stays 我 + 很 + 好)."""
        return (
            len(run) <= _GUESSED_MAX
            and all(len(word) == 1 for word in words)
            and self._cut_guessing(run) == (run,)
        )

    def prose_phrase(self, run: str, words: tuple[str, ...], quoted: bool = False) -> bool:
        """True when ``run``, cut into ``words``, is a phrase of Chinese prose rather than a
        term: no dictionary has it and it holds three words or more, two of them of two
        characters or more (以 二级 标题 分割; 克里斯 is a name), or longer than a name with a
        preposition, an adverb... among them (艇仔粥 以 粥 滑 軟 綿), or two words one of which is a
        verb, an adverb... (创建 幻灯片 "to create slides"; 基本 用法 "basic usage" stays) or
        that open with a name (銅鑼灣 今昔 "Causeway Bay then and now").
        A short expression set off in quotes stays whole (“山寨之都”, “开放创新”)."""
        if len(words) < 2 or self.lookup(run):
            return False
        if any(w in PRONOUNS or w in PARTICLES for w in words):
            return True  # a sentence, quoted or not (“我要出行”)
        if quoted and (len(run) <= _QUOTED_EXPRESSION or len(words) < _SENTENCE_WORDS):
            return False
        if self._only_a_name(words[0]) and not self._only_a_name(words[-1]):
            return True  # a place and what is there, or then: 銅鑼灣 今昔, 澳門 茶餐廳
        if len(words) >= _SENTENCE_WORDS:
            longer = len(run) > _GUESSED_MAX and any(
                (self.word_class(w) or "").startswith(_GLUE_CLASSES) for w in words
            )
            return longer or sum(1 for w in words if len(w) > 1) >= 2
        return any(self._clause_word(w) for w in words)

    def _clause_word(self, word: str) -> bool:
        """True for a word that makes two words a clause rather than a name for a thing: a
        verb (its first sense "to install"), an adverb, a conjunction, a preposition, a
        localizer or a pronoun (非常 简单, 项目 中, 或是 使用), by the class a tagged corpus
        uses it in."""
        if self.word_class(word) in _CLAUSE_CLASSES:
            return True
        entries = self.lookup(word)
        return bool(entries) and any(d.startswith("to ") for d in entries[0].definitions[:1])

    def _sentence_line(self, runs: list[re.Match[str]]) -> bool:
        """True when a clause of the line holds a particle only sentences have (的, 了): its
        other clauses are parts of the same sentence (以特大城市为依托，…紧密的城市群)."""
        for match in runs:
            words = self.sentence_words(match.group())
            if words is not None and any(w in PARTICLES for w in words):
                return True
        return False

    def _terms_of_run(
        self,
        run: str,
        written_as_term: Callable[[bool], bool],
        sentence_line: bool = False,
        taught: Callable[[], bool] = lambda: False,
        example: bool = False,
        quoted: bool = False,
        glossed: Callable[[], bool] = lambda: False,
    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The terms of ``run`` on its line: a sentence the slide writes as a term (see
        ``written_as_term``, given whether the run could be a slogan's clause) stays whole;
        so does one ``taught`` with its romanisation beside it (a phrase-book row), its words,
        grammatical ones too, as its parts, unless it is an ``example`` sentence closed by a
        full stop and more than a short clause (上联和下联是对应的。 with its pinyin): a
        lesson's example sentence gives its words. In a document written in Chinese a phrase
        of its prose gives its words (see :meth:`prose_phrase`) unless taught or translated
        there."""
        unit = repeated_unit(run)
        if unit and not self.lookup(run):
            return self._split(unit)
        if not quoted and len(self._particle_words((run,))) > 1:
            return self._sentence_terms((run,))  # “长城”中的“长”: 中 + 的
        if self.chinese_prose and len(run) <= LONGEST_TERM:
            cut = self.segmenter.cut(run)
            if self.prose_phrase(run, cut, quoted) and not (taught() or glossed()):
                return self._sentence_terms(cut)
        words = self.sentence_words(run)
        if words is None and sentence_line and len(run) > 1 and not self.lookup(run):
            words = self.segmenter.cut(run)
            if (
                classical(words)
                or self._guessed_word(run, words)
                or (
                    sum(1 for w in words if len(w) > 1) < 2
                    and len(words) < _SENTENCE_WORDS
                    and words[-1] not in LOCALIZERS
                    and not self._counts(words[0])
                    and not (len(words) > 1 and _verb_and_object(words[0], words[1]))
                )
            ):
                # a quotation in the classical language, a name or a compound of one word
                # (城市群), not a clause; a word and the localiser after it (项目中, in the
                # project), a verb and its object (吃 年夜飯) are the clause's words
                words = None
            elif len(run) <= LONGEST_TERM and taught():
                return ((run, words),)
            elif not written_as_term(False):
                return self._sentence_terms(words)
        if words is None:
            return ((run, self.run_parts(run)),)
        clause = not any(w in PARTICLES for w in words) and (
            sum(1 for w in words if len(w) > 1) < _SENTENCE_WORDS
        )
        if len(run) <= LONGEST_TERM and (
            (taught() and not (example and not clause)) or written_as_term(clause)
        ):
            return ((run, words),)
        return self._split(run)

    # -- a whole deck -------------------------------------------------------------------------

    def mentions(self, deck: Deck, glue: bool = False) -> Iterator[Mention]:
        """Every term occurrence, in reading order (each slide's text, then its notes),
        made as they are asked for: a caller that stops early pays only for what it read.
        With ``glue``, also the grammatical words sentences leave out (:attr:`Mention.glue`)."""
        self._beside_reads = Counter()
        self._glue_reads = Counter()
        self._glue = glue
        written = romanised_names(f"{s.text}\n{s.notes}" for s in deck.slides)
        if written != self.romanised_names:  # a sentence's words depend on them
            self.romanised_names = written
            self.sentence_words.cache_clear()
            self._split.cache_clear()
        self.chinese_prose = is_chinese_document(
            deck_prose(f"{slide.text}\n{slide.notes}" for slide in deck.slides)
        )
        self._read_own_words(deck)
        for slide in deck.slides:
            labels = frozenset(link.label.strip().lower() for link in slide.links)
            yield from self._in_text(slide, slide.text, False, labels)
            yield from self._in_text(slide, slide.notes, True, labels)

    def _read_own_words(self, deck: Deck) -> None:
        """Cut a Chinese document with jieba's corpus words too and keep the words it
        repeats as units whole (see :class:`DocumentSegmenter`: 茶餐廳 five times, not 茶 +
        餐廳); other documents as the dictionary cuts them."""
        prose = self.chinese_prose
        changed = prose != self.segmenter.prose
        self.segmenter.prose = prose
        words: frozenset[str] = frozenset()
        if prose:
            words = repeated_words(
                (f"{slide.text}\n{slide.notes}" for slide in deck.slides),
                lambda word: bool(self.lookup(word)),
                self.segmenter.base.cut,
                self.word_class,
            )
        if changed or words != self.segmenter.words:
            self.segmenter.words = words
            self.sentence_words.cache_clear()
            self._split.cache_clear()
            self._gap_words.cache_clear()

    def _in_text(
        self, slide: Slide, text: str, in_notes: bool, labels: frozenset[str]
    ) -> Iterator[Mention]:
        if not text or not has_han(text):
            return
        # Imported on first use, not with the package (cold start, issue 13).
        from hanzi_companion.text.interlinear import pairings

        paired = pairings(text)
        lines = text.split("\n")
        offset = 0
        for index, line in enumerate(lines):
            if index % _PREFETCH_LINES == 0:
                block = lines[index : index + _PREFETCH_LINES]
                self.prefetch(run for text in block for run in HAN_RUN.findall(text))
            line_start = offset
            offset += len(line) + 1
            if not has_han(line):
                continue
            previous = lines[index - 1] if index > 0 else ""
            following = lines[index + 1] if index + 1 < len(lines) else ""
            written = line
            line = join_glossed(line, self._spacing)
            line = join_interrupted(join_spaced(line, following, self._spacing), self._spacing)
            # the reading of each character that a pinyin line written with it gives
            found = paired.get(index)
            self._readings = _readings_by_offset(line, written, found.readings if found else ())
            runs = [piece for run in HAN_RUN.finditer(line) for piece in self._dotted(line, run)]
            translations = translation_below(line, runs, following)
            if translations and not self._translations_agree(runs, translations):
                translations = []
            sentence_line = len(runs) > 1 and self._sentence_line(runs)
            names = [self._is_name(run.group()) for run in runs]
            named = sum(names)
            for number, match in enumerate(runs):
                run_mentions = self._run_mentions(
                    slide,
                    in_notes,
                    line,
                    line_start,
                    match,
                    previous,
                    following,
                    labels,
                    translations[number] if translations else "",
                    slide.line_number(index, in_notes),
                    sentence_line or _closes_sentence(line, match.end()),
                    _among_names(named - names[number], len(runs) - 1),
                )
                yield from self._with_glue(run_mentions, line, match)

    def _run_mentions(
        self,
        slide: Slide,
        in_notes: bool,
        line: str,
        line_start: int,
        match: re.Match[str],
        previous: str,
        following: str,
        labels: frozenset[str],
        translation: str = "",
        number: int | None = None,
        sentence_line: bool = False,
        among_names: bool = False,
    ) -> Iterator[Mention]:
        run = match.group()
        start, end = match.span()
        if _not_a_term(line, start, end, run):
            return
        mixed = self._mixed(line, start, end, run)
        if mixed is not None:
            term, start, end = mixed
            pieces: tuple[tuple[str, tuple[str, ...]], ...] = ((term, ()),)
        else:
            context = (previous, following, labels, in_notes)
            pieces = self._pieces(line, start, end, context, translation, sentence_line)
        whole = len(pieces) == 1 and pieces[0][0] in (run, line[start:end])
        other_name_of = _term_before_parenthesis(line, start, end) if whole else ""
        spans = [(start, end)] if whole else _spans_in(line, start, end, [t for t, _ in pieces])
        for (term, parts), (term_start, term_end) in zip(pieces, spans, strict=True):
            han = "".join(HAN_RUN.findall(term)) if mixed is not None else term
            slide_gloss = romanisation = written = ""
            span: tuple[int, int] | None = None
            if whole:
                slide_gloss, romanisation, span, written = self._written_beside(
                    line, start, end, han, (previous, following, labels, in_notes)
                )
                span = (span[0] + line_start, span[1] + line_start) if span else None
                slide_gloss = slide_gloss or translation
            yield Mention(
                term=term,
                han=han,
                parts=parts if mixed is None else (self.run_parts(han) or (han,)),
                slide=slide.number,
                slide_title=slide.title,
                in_notes=in_notes,
                context=_context(line, term_start, term_end),
                sides=_sides(line, term_start, term_end),
                slide_gloss=slide_gloss,
                romanisation=romanisation,
                romanisation_span=span,
                other_name_of=other_name_of,
                line_start=line_start,
                start=line_start + start,
                shown_on=slide.number if number is None else number,
                written_reading=written or self._read_in_line(line, term_start, term_end, han),
                among_names=among_names and whole,
                personal_name=han in self.names
                or (whole and mixed is None and self._speaker(han, line, start, end)),
            )

    def _read_in_line(self, line: str, start: int, end: int, han: str) -> str:
        """The numbered reading the pinyin line written with ``line`` gives the term ``han``
        at ``line[start:end]``, a syllable per character; "" unless it reads every one."""
        if not self._readings:
            return ""
        syllables = [self._readings.get(i, "") for i in range(start, end) if is_han(line[i])]
        return " ".join(syllables) if len(syllables) == len(han) and all(syllables) else ""

    def _with_glue(
        self, mentions: Iterator[Mention], line: str, match: re.Match[str]
    ) -> Iterator[Mention]:
        """The mentions of one run and (see :meth:`mentions`) the words its terms leave out
        between them, in reading order; each term is found after the previous one as
        :func:`_spans_in` finds it, so a long run stays linear and nothing is kept."""
        start, end = match.span()
        cursor = start
        plain: Mention | None = None  # a mention of a Han term (not AAA 货) of this run
        for mention in mentions:
            if self._glue and mention.term == mention.han:
                plain = mention
                found = line.find(mention.term, cursor, min(end, cursor + LOOK + len(mention.term)))
                if found > cursor:
                    yield from self._glue_mentions(line, cursor, found, mention)
                if found >= 0:
                    cursor = found + len(mention.term)
            yield mention
        if plain is not None and cursor < end:
            yield from self._glue_mentions(line, cursor, end, plain)

    def _glue_mentions(self, line: str, start: int, end: int, beside: Mention) -> Iterator[Mention]:
        """The words of ``line[start:end]``, a stretch of a run its terms leave out: the
        grammatical words a sentence does not list (你要水吗 lists 你 and 水; 要 and 吗 are
        left), as :attr:`Mention.glue` occurrences, each word's first :data:`BESIDE_READS`
        only: a word a sentence uses that the deck lists elsewhere (6. 要 yào vouloir) is read
        in these sentences too. ``beside``: a term's mention on the same line."""
        if end - start > _GLUE_GAP:
            return  # no stretch of grammatical words: what a repeated or cut-off run left
        template = _glue_template(beside)
        position = start
        for word in self._gap_words(line[start:end]):
            for offset, piece in self._glue_pieces(word):
                if self._glue_reads[piece] < BESIDE_READS:
                    self._glue_reads[piece] += 1
                    at = position + offset
                    yield replace(
                        template,
                        term=piece,
                        han=piece,
                        context=_context(line, at, at + len(piece)),
                        sides=_sides(line, at, at + len(piece)),
                        start=template.line_start + at,
                    )
            position += len(word)

    def _words_of_gap(self, text: str) -> tuple[str, ...]:
        words = self.segmenter.cut(text) if len(text) > 1 else (text,)
        return words if "".join(words) == text else ()

    @staticmethod
    def _glue_pieces(word: str) -> Iterator[tuple[int, str]]:
        """A left-out word, and each grammatical character of a longer one (不 and 要 of 不要)."""
        yield 0, word
        if len(word) > 1:
            yield from ((i, c) for i, c in enumerate(word) if c in SENTENCE_GLUE)

    def _written_beside(
        self,
        line: str,
        start: int,
        end: int,
        han: str,
        context: tuple[str, str, frozenset[str], bool],
    ) -> tuple[str, str, tuple[int, int] | None, str]:
        """(slide gloss, romanisation, its span in the line, written reading) of a term;
        nothing past its first :data:`BESIDE_READS` mentions."""
        if self._beside_reads[han] >= BESIDE_READS:
            return "", "", None, ""
        self._beside_reads[han] += 1
        previous, following, labels, in_notes = context
        gloss, romanisation, span = self._around(
            line, start, end, han, previous, following, labels, in_notes
        )
        written = _written_reading(line, end, han) or reading_beside(line, start, end, span, han)
        return gloss, romanisation, span, written

    def _pieces(
        self,
        line: str,
        start: int,
        end: int,
        context: tuple[str, str, frozenset[str], bool],
        translation: str,
        sentence_line: bool,
    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The terms of the run ``line[start:end]``, and their parts, as its line writes it
        (``context``: the lines before and after, the slide's link labels, in notes?)."""
        run = line[start:end]
        previous, following, labels, in_notes = context

        quoted = _quoted_run(line, start, end) or self._listed(line, start, end)

        def written_as_term(clause: bool) -> bool:
            if quoted:
                return True
            if _closes_sentence(line, end):
                # a sentence, translated or not: its words are the terms; but a short set
                # phrase with its English after it (我很好。 I am fine) stays whole too
                return _set_phrase(line, start, end)
            if translation:
                return True
            if clause and not sentence_line and _slogan_line(line) and not _introduces(line, end):
                return not _fragment(run)
            return glossed()

        def glossed() -> bool:
            if translation:
                return True
            gloss, _, _ = self._around(line, start, end, run, previous, following, labels, in_notes)
            return bool(gloss) and self._words_agree(run, gloss)

        def taught() -> bool:
            _, _, span = self._around(line, start, end, run, previous, following, labels, in_notes)
            return beside(line, start, end, span)

        example = _FULL_STOP.match(line, end) is not None
        pieces = self._terms_of_run(
            run, written_as_term, sentence_line, taught, example, quoted, glossed
        )
        if len(pieces) > 1 and _counted_unit(line, start, pieces[0][0]):
            return pieces[1:]
        if pieces and self._name_after_number(line, start, pieces[0][0]):
            return ((pieces[0][0][1:], ()), *pieces[1:])
        return pieces

    def _listed(self, line: str, start: int, end: int) -> bool:
        """True when ``line[start:end]``, short and no dictionary word, is a whole item of an
        enumeration (items set apart by 、) in which another short item is a dictionary word
        (担担面、麻婆豆腐、燃面、火锅): items of one list are alike, each the name of a thing."""
        if not self.chinese_prose or end - start > _QUOTED_EXPRESSION:
            return False
        before, after = line[start - 1 : start], line[end : end + 1]
        run = line[start:end]
        if _ENUMERATION not in (before, after) or self.lookup(run) or grammatical(run):
            return False  # 从创新、创造: a clause's words, 从 "from" among them
        words = self.segmenter.cut(run)
        if len(words) > 1 and any(self._only_a_name(w) for w in words):
            return False  # 如 深圳、珠海: "such as" and a name, the name the item
        items = _ITEM.findall(_CLAUSE.split(line[:start])[-1] + _CLAUSE.split(line[start:])[0])
        return any(
            item != run and 1 < len(item) <= _QUOTED_EXPRESSION and self.lookup(item)
            for item in items
        )

    def _name_after_number(self, line: str, start: int, word: str) -> bool:
        """True for a sentence's first word of two characters written against a number that
        the dictionaries know only as a name (5米高: 米高 Michael): it is the number's unit and
        the word after it (米 + 高, 5 metres tall)."""
        entries = self.lookup(word)
        return (
            len(word) == 2
            and line[start - 1 : start].isdigit()
            and bool(entries)
            and all(e.pinyin_numbered[:1].isupper() for e in entries)
            and bool(self.lookup(word[1]))
        )

    def _mixed(self, line: str, start: int, end: int, run: str) -> tuple[str, int, int] | None:
        """A mixed Latin+Han term around ``line[start:end]``, as written, and its span."""
        if len(run) > LONGEST_TERM:
            return None
        before = _LATIN_BEFORE.search(line[max(0, start - 8) : start])
        if before is not None:
            latin, space = before.group(1), before.group(2)
            if not latin.isdigit() and (not space or len(run) <= _MIXED_SPACED_MAX):
                begin = start - len(latin) - len(space)
                return line[begin:end], begin, end
        number = _NUMBER_BEFORE.search(line[max(0, start - 8) : start])
        if number is not None and len(run) >= _NUMBERED_NAME_MIN:
            # A name opening with its number, set off as one (21世纪海上丝绸之路): the number
            # is part of it. A number before a short run is a count or a date (2014年, 3个).
            begin = start - len(number.group(1))
            return line[begin:end], begin, end
        after = _LATIN_AFTER.match(line[end : end + 8])
        if after is not None and not after.group(1).isdigit():
            return line[start : end + len(after.group(1))], start, end + len(after.group(1))
        return None

    # -- what the slide says around a term ----------------------------------------------------

    def _agrees(self, word: str, english: str) -> bool:
        """Bare English beside a dictionary word is its gloss only when it shares a content
        word with one of its senses (no dictionary entry: nothing to contradict it)."""
        entries = self.lookup(word)
        if not entries:
            return True
        senses = self._sense_words(word)
        return bool(content_stems(english) & senses)

    def _is_name(self, run: str) -> bool:
        """True when the dictionary's first reading of ``run`` is a name (a place, a person)."""
        entries = self.lookup(run)
        return bool(entries) and entries[0].is_proper_noun

    def _dotted(self, line: str, run: re.Match[str]) -> list[re.Match[str]]:
        """A run joined by a middle dot is one transcribed name (马克·吐温), unless it is a
        title and its chapter: inside 《》, or both sides are dictionary words (周礼·考工记)."""
        if "·" not in run.group() and "・" not in run.group():
            return [run]
        pieces = list(HAN_PIECE.finditer(line, run.start(), run.end()))
        titled = line[: run.start()].rstrip()[-1:] == "《" and line[run.end() :].lstrip()[:1] in (
            "》",
            "〉",
        )
        if titled or all(self.lookup(p.group()) for p in pieces):
            return pieces
        return [run]

    def _translations_agree(self, runs: list[re.Match[str]], clauses: list[str]) -> bool:
        """The line below translates the line's clauses when at least half of its clauses
        share a content word with the dictionary senses of their clause's words ("Better
        City, Better Life" under 城市，让生活更美好), not when it is the next point of a list
        ("a core megacity, its satellites..." under a quoted sentence)."""
        agreeing = sum(
            self._words_agree(match.group(), clause)
            for match, clause in zip(runs, clauses, strict=True)
        )
        return 2 * agreeing >= len(clauses)

    def _words_agree(self, run: str, english: str) -> bool:
        """True when ``english`` shares a content word with the senses of ``run`` (or of its
        words, when no dictionary has the run)."""
        words = (run,) if self.lookup(run) else (run, *self.segmenter.cut(run))
        senses = frozenset().union(*(self._sense_words(w) for w in words))
        return bool(content_stems(english) & senses)

    def _sense_words_of(self, word: str) -> frozenset[str]:
        return frozenset(
            stem for e in self.lookup(word) for d in e.definitions for stem in content_stems(d)
        )

    def _read_around(
        self,
        line: str,
        start: int,
        end: int,
        han: str,
        previous: str,
        following: str,
        labels: frozenset[str],
        in_notes: bool = False,
    ) -> tuple[str, str, tuple[int, int] | None]:
        """(slide gloss, romanisation, romanisation span in the line) for one term.

        Presenter notes are running prose: there only English in parentheses or quotes next
        to the term counts as its gloss, never the bare words around it.
        """
        keys = self._keys(han)
        romanisation, span = _romanisation_near(line, start, end, keys)
        if not romanisation:
            alone = _alone(line, start, end)
            for neighbour in (previous, following) if alone else ():
                found, _ = _romanisation_near(neighbour, 0, 0, keys, whole_line=True)
                if found:
                    romanisation = found
                    break
        # The English is read as if the romanisation beside the term were not written:
        # ``小年 xiǎo nián Little New Year``, ``吃糖瓜 chī táng guā — eating malt sugar candy``.
        blanked = _blank_beside(line, start, end, span)
        # A term, its romanisation, then English: a vocabulary line, whose English is the
        # term's meaning even in words no dictionary sense shares ("practise calligraphy").
        vocabulary_line = blanked != line
        line = blanked
        candidates = gloss_readers(
            line,
            start,
            end,
            han,
            previous,
            labels,
            vocabulary_line=vocabulary_line,
            following=following,
        )
        for read in candidates:
            candidate, bare = read()
            if bare and in_notes:
                continue
            candidate = tidy_gloss(candidate, labels if bare else frozenset())
            if not candidate:
                continue
            found, _ = _romanisation_near(candidate, 0, 0, keys, whole_line=False)
            if found:
                romanisation = romanisation or found
                continue  # the "English" is the term's own romanisation
            if bare and not vocabulary_line and not self._agrees(han, candidate):
                continue  # "Hong Kong: 單位" is a topic, not what 單位 means
            return candidate, romanisation, span
        return "", romanisation, span


def _glue_template(mention: Mention) -> Mention:
    """A mention of the same line as ``mention``, with nothing of its own: glue words' base."""
    return replace(
        mention,
        parts=(),
        slide_gloss="",
        romanisation="",
        romanisation_span=None,
        other_name_of="",
        written_reading="",
        among_names=False,
        personal_name=False,
        glue=True,
    )


# What may stand between a term and the romanisation written beside it.
_BESIDE_GAP = compile_pattern(r"[\s(（\[/:：,，=|\-–—。？！?!.]*")
_BESIDE_OPEN = "(（[/"
_BESIDE_CLOSE = {"(": ")", "（": "）", "[": "]", "/": "/"}


def beside(line: str, start: int, end: int, span: tuple[int, int] | None) -> bool:
    """True when the romanisation at ``span`` is written right beside ``line[start:end]``
    (``习字 xi2 zi4``, ``习字 (xí zì)``, ``xí zì: 习字``), not elsewhere on the line."""
    if span is None:
        return False
    if span[0] >= end:
        return _BESIDE_GAP.fullmatch(line, end, span[0]) is not None
    return span[1] <= start and _BESIDE_GAP.fullmatch(line, span[1], start) is not None


def _blank_beside(line: str, start: int, end: int, span: tuple[int, int] | None) -> str:
    """``line`` with the romanisation written right after the term (and brackets or slashes
    enclosing just it) blanked out, so the English after it is read as the term's."""
    if span is None or span[0] < end or not beside(line, start, end, span):
        return line  # written before the term it may be all the English (Wang Xiaoming (王小明))
    left, right = span
    before = line[:left].rstrip()
    opening = before[-1:]
    if opening and opening in _BESIDE_OPEN and line[right:].lstrip()[:1] == _BESIDE_CLOSE[opening]:
        left = len(before) - 1
        right = line.index(_BESIDE_CLOSE[opening], right) + 1
    return line[:left] + " " * (right - left) + line[right:]


def _readings_by_offset(line: str, written: str, readings: tuple[str, ...]) -> dict[int, str]:
    """The reading a pinyin line gives each Han character of ``line`` (the line as
    ``written``, its spacing joined: 王 先 生 is 王先生), by its offset in ``line``."""
    if not readings:
        return {}
    offsets = [i for m in HAN_PIECE.finditer(line) for i in range(m.start(), m.end())]
    if "".join(line[i] for i in offsets) != "".join(HAN_PIECE.findall(written)):
        return {}  # the line was joined with another: its characters are not the pinyin's
    return {i: reading for i, reading in zip(offsets, readings, strict=True) if reading}


def reading_beside(line: str, start: int, end: int, span: tuple[int, int] | None, han: str) -> str:
    """The numbered reading the toned romanisation beside the term writes (``xi2 zi4``,
    ``chī táng guā``), one syllable per character; "" when none is written beside it."""
    if span is None or not beside(line, start, end, span):
        return ""
    return numbered_reading(line[span[0] : span[1]], len(han))


# A reading in tone marks written right after a term: "大栅栏 is read Dàshílànr", "the 朝 is
# zhāo", "乐 (lè)", "朝: zhāo". Only a copula between them: "read 朝 as zhāo" may report a mistake.
_WRITTEN_READING = compile_pattern(
    r"[»”\"’'」』》]?\s*(?:(?:is|are)(?:\s+(?:read|pronounced|written))?\s+|reads\s+|"
    r"se\s+(?:lit|prononce)\s+|[:=]\s*|[(（]\s*)"
    r"([A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+(?:[ '’-][A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+){0,3})"
)


def _written_reading(line: str, end: int, han: str) -> str:
    """The numbered reading written in tone marks right after the term, one syllable per
    character (an erhua r joins its syllable: Dàshílànr is ``Da4 shi2 lanr4``); "" if none."""
    match = _WRITTEN_READING.match(line, end, end + LOOK)
    if match is None:
        return ""
    words = match.group(1).split()
    for count in range(len(words), 0, -1):  # the longest run of words that reads the term
        tokens: list[str] = []
        for word in words[:count]:
            parsed = _pinyin.parse_syllables(word)
            if not parsed:
                break
            syllables = [syllable.numbered for syllable in parsed]
            if syllables[-1] == "r" and len(syllables) > 1 and parsed[-2].tone:
                last = parsed[-2]
                syllables[-2:] = [f"{last.letters}r{last.tone}"]
            if any(not syllable[-1:].isdigit() for syllable in syllables):
                break  # every syllable marked: a reading, not an English word
            if word[:1].isupper():
                syllables[0] = syllables[0][:1].upper() + syllables[0][1:]
            tokens.extend(syllables)
        else:
            if len(tokens) == len(han):
                return " ".join(tokens)
    return ""


_SET_PHRASE_MAX = 4  # characters of the longest set phrase a sentence may be (我很好)
# The closing mark, then English of two words or more up to the next Chinese, no speaker's
# colon among it (我很好。 I am fine (very good).).
_ENGLISH_AFTER = compile_pattern(
    r"\s*[。！？!?.]\s*[A-Za-z][a-z']*(?:[ ,]+[A-Za-z][a-z']*)+(?![\w']*\s*:)"
)


def _set_phrase(line: str, start: int, end: int) -> bool:
    """True when a sentence of a few characters has its English right after its closing mark
    (我很好。 I am fine.): a set phrase a lesson teaches whole, its words as its parts."""
    return end - start <= _SET_PHRASE_MAX and _ENGLISH_AFTER.match(line, end) is not None


def _counted_unit(line: str, start: int, term: str) -> bool:
    """True for a sentence's first word when it is one character written against a number
    before the run at ``start``, its unit (2014年国务院发布了…: 年 of the date, no word),
    unless Chinese stands before the number (你知道3月29號是…: see :func:`_number_in_chinese`)."""
    if len(term) != 1 or line[start : start + 1] != term or not line[start - 1 : start].isdigit():
        return False
    return not _number_in_chinese(line, start)


_DIGIT_CHARACTERS = "0123456789０１２３４５６７８９"


def _number_in_chinese(line: str, start: int) -> bool:
    """True when the number right before ``start`` stands inside a Chinese sentence, Chinese
    right before it (你知道3月29號, 永遠的25歲): the words it counts (月, 號, 歲) are the
    sentence's words to learn, as in 三月, not the unit of a figure among English words (Founded
    2014年) or opening a line (2014年国务院…, the whole date: 2014年3月国务院…)."""
    before = line[:start]
    while before:
        stripped = before.rstrip(_DIGIT_CHARACTERS)
        if stripped == before or not stripped or not is_han(stripped[-1]):
            return False
        if stripped[-2:-1] not in _DIGIT_CHARACTERS or len(stripped) < 2:
            return True  # Chinese before the number, no unit of another number (2014年3月)
        before = stripped[:-1]
    return False


def _introduces(line: str, end: int) -> bool:
    """True when a colon follows the run: it introduces what follows, a speaker (老師說：「…」)
    or a label, no clause of a slogan."""
    return line[end : end + 1] in (":", "：")


_LINE_OPENING = compile_pattern(r"[ \-*>•]*")  # what may open a line before a speaker's name


def _fragment(run: str) -> bool:
    """True when ``run`` ends with a sentence's glue (鱼和, 因为里有): a piece of a sentence
    whose rest is missing (a picture, a blank to fill), no slogan's clause."""
    return len(run) > 1 and run[-1] in SENTENCE_GLUE


def _not_a_term(line: str, start: int, end: int, run: str) -> bool:
    """True for a run that is no term where it stands: a label (第三周), a unit against a
    number (2014年, 3个), a piece of a bare URL."""
    window = max(0, start - LOOK)  # bounded: a long line without spaces stays linear
    around = line[window : end + LOOK]
    if "第" in around and in_label(around, start - window, end - window):
        return True  # 第三周, 第3讲: the deck's week or lecture, metadata and no term
    if chrome_line(line):
        return True  # 上一篇 | 下一篇, 推薦 0 收藏 0: the page's buttons, no text of it
    if (
        len(run) == 1
        and (line[start - 1 : start].isdigit() or line[end : end + 1].isdigit())
        and line[end : end + 1] not in _OPEN_PARENTHESIS
        and not _number_in_chinese(line, start)
    ):
        return True  # a unit written against a number (2014年, 3个), not a term, unless
        # the document explains it in parentheses after it (55寸(cùn=inch))
    token_start = max(line.rfind(" ", window, start), line.rfind("\t", window, start), window - 1)
    token = line[token_start + 1 : start]
    return "://" in token or token.startswith("www.") or ("?" in token and "=" in token)


_SIBLING_NAMES = 2  # names listed beside a term that make it read as a name too


def _among_names(named: int, others: int) -> bool:
    """True when the other runs of the line (``named`` of ``others`` are names) are (nearly)
    all names: a list of places. Counts, not lists, keep long lines linear."""
    return named >= _SIBLING_NAMES and 3 * named >= 2 * others


_REPEATS_MIN = 3  # AA and ABAB reduplications (看看, 研究研究) are words; more is repetition


def repeated_unit(run: str) -> str:
    """The unit ``run`` repeats three times or more (创创创创 -> 创, 创新创新创新 -> 创新),
    else "": a run that only repeats is that unit written again and again, not one word."""
    period = (run + run).find(run, 1)  # the shortest period, in linear time
    if 0 < period < len(run) and len(run) // period >= _REPEATS_MIN:
        return run[:period]
    return ""


_PLURAL_SUFFIX = "们"
_NOT = "不"
_COPULA = "是"
_ONE = "一"
_DEMONSTRATIVES = frozenset("这那這另")  # and 另 "another": 另 一 道, another dish
_WHICH = "哪"
_DE = "的"
_BOUND = "(bound form)"
_AS = frozenset("作为為")  # after a verb: "as" (读作 read as, 称为 called)
_CAN = "得"  # the positive potential form's mark (找得到, can find)
_POTENTIAL_MARKS = frozenset([_NOT, _CAN])


def numbers_and_units(words: tuple[str, ...]) -> tuple[str, ...]:
    """A sentence's words with a number counting a unit of time read as the number and the
    unit (十分 钟 -> 十 + 分钟, ten minutes, not "very" + clock)."""
    out: list[str] = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if len(word) == 2 and word[0] in NUMERALS and word[1] + following in TIME_UNITS:
            out.extend((word[0], word[1]))
        else:
            out.append(word)
    merged: list[str] = []
    for word in out:
        if merged and len(merged[-1]) == 1 and merged[-1] + word in TIME_UNITS:
            merged[-1] += word
        else:
            merged.append(word)
    return tuple(merged)


_MORE_THAN = frozenset("多余餘")  # after a number: "more than" (两个多月, 一百余人)


def approximate_numbers(words: tuple[str, ...]) -> tuple[str, ...]:
    """A sentence's words with 多 or 余 after a number read as "more than", a word of its own,
    and the unit or noun after it apart: 两个 多 月 "over two months", 三十 多 年 "over thirty
    years" (not 多月, nor 多年 "many years")."""
    out: list[str] = []
    for word in words:
        numeral = len(word) - len(word.lstrip("".join(NUMERALS)))
        if 0 < numeral < len(word) - 1 and word[numeral] in _MORE_THAN:
            out.extend((word[:numeral], word[numeral], word[numeral + 1 :]))
        elif len(word) > 1 and word[0] in _MORE_THAN and out and _ends_a_number(out[-1]):
            out.extend((word[0], word[1:]))
        else:
            out.append(word)
    return tuple(out)


def _about_a_number(previous: str, word: str, following: str) -> bool:
    """True when 多 or 余 stands as "more than" by its number (三十 多 年, 两个 多 月 前): the
    number, 多 and the unit it counts join nothing (月 前 stays "month" + "ago")."""
    if word in _MORE_THAN:
        return bool(previous) and _ends_a_number(previous)
    return previous in _MORE_THAN or (following in _MORE_THAN and _ends_a_number(word))


def _ends_a_number(word: str) -> bool:
    """A number (三十), or a number and its classifier (两个)."""
    return word[-1] in NUMERALS or (len(word) == 2 and word[0] in NUMERALS)


def cantonese_plurals(words: tuple[str, ...]) -> tuple[str, ...]:
    """A sentence's words with a pronoun and Cantonese's plural 哋 joined (我 哋 -> 我哋, we),
    as 我们 is one word."""
    out: list[str] = []
    for word in words:
        if word == CANTONESE_PLURAL and out and out[-1] in PRONOUNS:
            out[-1] += word
        else:
            out.append(word)
    return tuple(out)


def plural_nouns(words: tuple[str, ...]) -> tuple[str, ...]:
    """A sentence's words with a noun in the plural read as the noun and its suffix 们
    (同学们 -> 同学 + 们, 孩子们 -> 孩子 + 们), as a lesson lists them; a pronoun's own
    plural (我们, 人们: a one-character stem) stays one word."""
    out: list[str] = []
    for word in words:
        if len(word) > 2 and word.endswith(_PLURAL_SUFFIX):
            out.extend((word[:-1], _PLURAL_SUFFIX))
        else:
            out.append(word)
    return tuple(out)


def negated_answer(words: tuple[str, ...]) -> tuple[str, ...]:
    """A sentence's words with 不 and a modal verb or 是 closing it read as two words: the
    short answer 我不要 (I don't want it) negates the question's 要, it is no 不要 "don't"
    (不要放太多 keeps it)."""
    last = words[-1] if words else ""
    if len(words) > 1 and len(last) == 2 and last[0] == _NOT and last[1] in NEGATED_VERBS:
        return (*words[:-1], last[0], last[1])
    return words


_BOTH = frozenset("又也")  # 又…又…, 也…也…: both … and …


def both_and(words: tuple[str, ...]) -> tuple[str, ...]:
    """A sentence's words with the second 又 of 又…又… (both … and …) its own word where jieba
    joined it to the first one's word (又 重又 需要 -> 又 重 又 需要: both heavy and needed;
    重又 "once again" is no word of it)."""
    out: list[str] = []
    for word in words:
        if out and out[-1] in _BOTH and len(word) == 2 and word[1] == out[-1]:
            out.extend(word)
        else:
            out.append(word)
    return tuple(out)


def this_one(words: tuple[str, ...]) -> tuple[str, ...]:
    """A sentence's words with 一 after 这, 那 or 另 read as the number it is there, a word of
    its own (这 一点: this point, not 一点 'a little'; 另 一 道: another dish, not 一道
    'together')."""
    out: list[str] = []
    for word in words:
        if out and out[-1] in _DEMONSTRATIVES and len(word) == 2 and word[0] == _ONE:
            out.extend(word)
        else:
            out.append(word)
    return tuple(out)


def adverbs_before_modals(words: tuple[str, ...]) -> tuple[str, ...]:
    """A sentence's words with an adverb joined to a modal verb that a verb follows read as
    the two words (我们都会说: all + will, not 都会 "metropolis"); at the sentence's end, or
    before 的 or 之 (反映着都会的千姿百态: the city's many forms), the pair may be the noun."""
    out: list[str] = []
    for index, word in enumerate(words):
        if (
            len(word) == 2
            and word[0] in ADVERBS_BEFORE_VERBS
            and word[1] in MODAL_VERBS
            and index + 1 < len(words)
            and words[index + 1] not in ATTRIBUTIVE_PARTICLES
        ):
            out.extend(word)
        else:
            out.append(word)
    return tuple(out)


def titled(name: str) -> bool:
    """A name that is a surname and a title of address (王老师): its words are the title's."""
    return bool(_addressed(name)[1])


def _verb_and_object(word: str, following: str) -> bool:
    """True when a one-character word stands before a longer one (吃 饺子, eat dumplings; 有
    帮助, is helpful): a verb or a modifier and its object, two words of the sentence even
    where jieba's corpus counts the phrase. Compounds join shorter words: 捏 紧, 特大 城市; a
    verb joins its potential form (搞 不清楚, cannot make out)."""
    return len(word) == 1 and len(following) > 1 and following[0] != _NOT


_GUESSED_MAX = 4  # longest run of characters read as one unknown word (a name)
_CLASSICAL_MIN = 4  # characters of the shortest classical clause kept whole (勿施於人)
_CLASSICAL_MARKERS = 2  # classical particles a clause holds (學而時習之: 而, 之)


def classical(words: tuple[str, ...]) -> bool:
    """True when a clause's words read as classical Chinese, a quotation kept whole (學而時習之,
    勿施於人, 不亦說乎): four characters or more, most of them words of one character, two
    particles of the classical language (之, 於, 而, 吾...) or one closing it (乎, 也, 焉), and
    none of today's (的, 了, 他). One such word in modern prose (改革开放之初, 播种者) is not
    enough."""
    characters = sum(len(word) for word in words)
    singles = sum(1 for word in words if len(word) == 1)
    markers = sum(1 for word in words if word in CLASSICAL_PARTICLES)
    return (
        characters >= _CLASSICAL_MIN
        and singles >= len(words) - 1
        and 2 * singles >= characters
        and (markers >= _CLASSICAL_MARKERS or words[-1] in CLASSICAL_ENDINGS)
        and not any(w in MODERN_PARTICLES for w in words)
    )


def _two_words(word: str, following: str) -> bool:
    """True for neighbours a lesson lists apart though jieba's corpus counts them together:
    a verb and its result, direction or particle (搬 到, 放 起, 包 着), two reduplicated
    words (爸爸 妈妈), a size or degree and what it qualifies (大 碗 a big bowl, 很 重 very
    heavy; but 很多 many, 太多 too many, which count like one word), a time or an event of
    two characters or more and 前 or 后 (入夜 后 after nightfall), a word of two characters
    or more and 是 (無論 是). A number and its measure word (三个, 两种) stay together, as
    lessons list them."""
    return (
        (following in TIME_LOCALIZERS and len(word) > 1)
        or (following == _COPULA and len(word) > 1)  # 無論 是: "to be" is a verb of its own
        or following in RESULT_COMPLEMENTS
        or following in DIRECTION_COMPLEMENTS
        or following in PARTICLES
        or (_reduplicated(word) and _reduplicated(following))
        or (word in SIZE_AND_DEGREE and len(following) == 1 and following not in QUANTITIES)
    )


_NAME_MAX = 3  # characters of the longest name joined from its romanisation


def romanised_names(texts: Iterable[str]) -> frozenset[str]:
    """Toneless keys of the capitalised, tone-marked romanised words of two syllables or more
    a document writes inside a sentence (Tā shì Dōngní: dongni), as pinyin writes names."""
    keys = set()
    for text in texts:
        for word in _CAPITALISED_ROMAN.findall(text):
            syllables = syllables_of(word)
            if syllables and len(syllables) > 1 and is_toned(word):
                keys.add(_pinyin.toneless_key(word))
    return frozenset(keys)


# A capitalised word inside a sentence (after a letter, a comma or a space): one that opens a
# line or a sentence is capitalised for that alone.
_CAPITALISED_ROMAN = compile_pattern(
    r"(?:(?<=[^\W\d_][,，] )|(?<=[^\W\d_] ))[A-ZĀÁǍÀĒÉĚÈŌÓǑÒ][^\W\d_]+(?![\w'’-])"
)


def _variant_spelling(word: str, lookup: Callable[[str], tuple[Entry, ...]]) -> bool:
    form = word_form(word, lookup)
    return form is not None and form.rule in (VARIANT_CHARACTER, OTHER_TRADITIONAL)


def _count(word: str) -> bool:
    """True for a number written in characters (三, 十二, 两)."""
    return all(ch in NUMERALS for ch in word)


def _reduplicated(word: str) -> bool:
    return len(word) == 2 and word[0] == word[1]


def _content_word(word: str) -> bool:
    """A word of a sentence worth listing: no sentence glue (狗, 水, 搬, 我们, 因为, but not
    的, 了, 很)."""
    return word not in SENTENCE_GLUE


def _quoted_run(line: str, start: int, end: int) -> bool:
    """True when ``line[start:end]`` stands inside quotes (« 城市，让生活更美好 »), looking at
    most ``LOOK`` characters each way."""
    head = line[max(0, start - LOOK) : start]
    tail = line[end : end + LOOK]
    for opening, closing in QUOTES.items():
        if opening == closing:
            if opening == '"' and head.count('"') % 2 == 1 and '"' in tail:
                return _only_chinese(head[head.rfind('"') + 1 :], tail[: tail.find('"')])
            continue
        at = head.rfind(opening)
        if at >= 0 and head.find(closing, at) < 0 and closing in tail:
            return _only_chinese(head[at + 1 :], tail[: tail.find(closing)])
    return False


def _only_chinese(*texts: str) -> bool:
    """True when ``texts`` (what stands between quotes and a run) hold no Latin letters: the
    quotes enclose Chinese, not an English quotation the run happens to fall between."""
    return not any(LATIN_WORD.search(text) for text in texts)


_SLOGAN_BETWEEN = compile_pattern(r"[\s，、；,;·:：!?！？。«»“”\"「」『』《》#>*\-–—]*")


def _slogan_line(line: str) -> bool:
    """True when the line is only Chinese clauses (two or more) and punctuation: a slogan.
    A line one of whose clauses is cut short (大家会吃、鱼和 under a picture) is a sentence
    with blanks, each of its clauses giving its words."""
    if len(line) > 2 * LOOK:
        return False
    pieces = HAN_RUN.split(line)
    return (
        len(pieces) >= 3
        and all(_SLOGAN_BETWEEN.fullmatch(p) for p in pieces)
        and not any(_fragment(run) for run in HAN_RUN.findall(line))
    )


# Clauses of one sentence, up to the punctuation closing it (春联有上联，下联和横批。).
_SENTENCE_CLOSE = LazyPattern(f"(?:[{HAN_CLASS}]|[,，、；;]|[ \t])*?(?:[。！？]|[.!?](?=\\s|$))")


def _closes_sentence(line: str, end: int) -> bool:
    """True when the run's sentence closes after it on the line, past more clauses at most
    (我去超市买年货。): a sentence, whose words are listed unless it is quoted."""
    return _SENTENCE_CLOSE.match(line, end, end + LOOK) is not None


# A Chinese full stop closing the run: a statement, not a phrase-book question or exclamation.
_FULL_STOP = compile_pattern(r"[ \t]*。")


def _alone(line: str, start: int, end: int) -> bool:
    """True when ``line[start:end]`` is all the line holds (whitespace aside), in time bounded
    by the look-around, not the line's length."""
    if len(line) - (end - start) > 2 * LOOK:
        return False
    return not line[:start].strip() and not line[end:].strip()


def _spans_in(line: str, start: int, end: int, terms: list[str]) -> list[tuple[int, int]]:
    """Where each of ``terms``, pieces of the run ``line[start:end]`` in reading order, stands
    in the line. Each piece is looked for at most ``LOOK`` characters past the previous one
    (single characters a sentence skips lie between them), so a long run stays linear."""
    spans = []
    cursor = start
    for term in terms:
        found = line.find(term, cursor, min(end, cursor + LOOK + len(term)))
        if found < 0:
            spans.append((cursor, min(end, cursor + len(term))))
            continue
        cursor = found + len(term)
        spans.append((found, cursor))
    return spans


def _sides(line: str, start: int, end: int) -> tuple[str, str]:
    """The text of ``line`` just before ``line[start:end]`` and just after it."""
    return line[max(0, start - SIDE) : start], line[end : end + SIDE]


def _context(line: str, start: int, end: int, width: int = 80) -> str:
    """The line, shortened to about ``width`` characters around ``line[start:end]`` (a term
    longer than that is cut too: a context never holds a whole run or a whole long line)."""
    line = line.strip() if len(line) <= width else line
    if len(line) <= width:
        return line.strip()
    end = min(end, start + width)
    margin = max(0, (width - (end - start)) // 2)
    left = max(0, start - margin)
    right = min(len(line), end + margin)
    text = line[left:right].strip()
    return ("…" if left > 0 else "") + text + ("…" if right < len(line) else "")


def _term_before_parenthesis(line: str, start: int, end: int) -> str:
    """The Han term just before ``(run)``: the run is another name for it (房改 after
    住房制度改革)."""
    head = line[max(0, start - LOOK) : start].rstrip()
    if not head.endswith(_OPEN_PARENTHESIS) or not line[end : end + LOOK].lstrip().startswith(
        _CLOSE_PARENTHESIS
    ):
        return ""
    head = head[:-1].rstrip()
    return han_suffix(head)


@lru_cache(maxsize=65536)
def _prefixes(keys: frozenset[str]) -> frozenset[str]:
    """Every beginning of the toneless readings ``keys``."""
    return frozenset(key[:n] for key in keys for n in range(1, len(key) + 1))


def _romanisation_near(
    text: str, start: int, end: int, keys: frozenset[str], *, whole_line: bool = False
) -> tuple[str, tuple[int, int] | None]:
    """Latin words near ``text[start:end]`` whose toneless pinyin is one of ``keys``.

    With ``whole_line`` every sequence of words in ``text`` is tried, else only those within
    a few words of the term. The nearest match wins.
    """
    if not keys:
        return "", None
    longest = max(len(k) for k in keys)
    prefixes = _prefixes(keys)
    # Only words that can end within _NEAR characters of the term matter (a match is at most
    # ``longest`` letters plus its separators).
    reach = LOOK if whole_line else min(LOOK, _NEAR + 3 * longest + 6)
    base = max(0, start - reach)
    words = list(ROMAN_WORD.finditer(text[base : end + reach]))
    best: tuple[int, str, tuple[int, int]] | None = None
    for i in range(len(words)):
        joined = ""
        for j in range(i, min(len(words), i + 6)):
            gap = text[base + words[j - 1].end() : base + words[j].start()] if j > i else ""
            if j > i and gap.strip(" -'’"):
                break  # only words separated by spaces, hyphens or apostrophes
            joined += words[j].group().lower()
            key = _pinyin.toneless_key(joined)
            if key not in prefixes:
                break  # no reading of the term starts with these words
            if key in keys and syllables_of(joined) is not None:
                span = (base + words[i].start(), base + words[j].end())
                distance = 0 if whole_line else max(span[0] - end, start - span[1], 0)
                if not whole_line and distance > _NEAR:
                    continue
                if best is None or distance < best[0]:
                    best = (distance, text[span[0] : span[1]], span)
    if best is None:
        return _western_near(text, start, end, keys, whole_line)
    return as_marks(best[1]), best[2]


_NAME_WORDS = compile_pattern(r"[A-Z][a-zü]*(?:['’][a-zü]+)?(?:-[a-zü]+(?:['’][a-zü]+)?)*")
_WESTERN_MAX_WORDS = 3


def _western_near(
    text: str, start: int, end: int, keys: frozenset[str], whole_line: bool
) -> tuple[str, tuple[int, int] | None]:
    """A capitalised name in an older romanisation near ``text[start:end]`` that reads as the
    term (``Chiang Kai-shek (蒋介石)``, ``毛泽东 Mao Tse-tung``, ``北京 Peking``)."""
    base = 0 if whole_line else max(0, start - _NEAR - 30)
    stop = len(text) if whole_line else min(len(text), end + _NEAR + 30)
    names = list(_NAME_WORDS.finditer(text, base, stop))
    for i in range(len(names)):
        for j in range(i, min(len(names), i + _WESTERN_MAX_WORDS)):
            if j > i and text[names[j - 1].end() : names[j].start()] != " ":
                break
            span = (names[i].start(), names[j].end())
            near = whole_line or max(span[0] - end, start - span[1], 0) <= _NEAR
            if near and western_keys(text[span[0] : span[1]]) & keys:
                return text[span[0] : span[1]], span
    return "", None


def extract(deck: Deck, lexicon: Lexicon) -> tuple[Mention, ...]:
    """Every term occurrence of ``deck``, in reading order."""
    return tuple(Extractor(lexicon).mentions(deck))


# -- character of the week --------------------------------------------------------------------

_WEEKLY_CHARACTER = compile_pattern(
    r"characters? of the (?:week|day|lesson)|caract[èe]res? de la semaine|"
    r"本周(?:汉字|之字|一字)|每周一字|今日一字",
    re.IGNORECASE,
)
_WEEK_TITLE = compile_pattern(
    r"\b(?:week|semaine|lecture|session|cours|class)\s*\d+|第.{1,3}[周课讲]", re.I
)
_TITLE_SLIDES = 5  # the week's title slide is among the first few


@dataclass(frozen=True)
class WeeklyCharacter:
    """A character of the week: where the deck shows it and the links it gives for it."""

    character: str
    slide: int
    links: tuple[tuple[str, str], ...] = ()  # (label, url)


def _slide_lines(slide: Slide) -> list[str]:
    return [line.strip() for line in slide.text.split("\n") if line.strip()]


def characters_of_the_week(deck: Deck) -> tuple[WeeklyCharacter, ...]:
    """The deck's character(s) of the week.

    From a slide titled "Character of the week" (its single characters, with the slide's
    links), else from the week's title slide: a line or heading that is one Han character, on
    a deck with a week label.
    """
    found: dict[str, WeeklyCharacter] = {}
    for slide in deck.slides:
        labels = [slide.title, *(text for _, text in slide.headings), *_slide_lines(slide)]
        if not any(_WEEKLY_CHARACTER.search(label) for label in labels):
            continue
        lines = [_WEEKLY_CHARACTER.sub(" ", line).strip() for line in _slide_lines(slide)]
        headings = [text.strip() for _, text in slide.headings]
        # A character shown on its own (a heading, a line) is the week's; characters inside
        # the explanation (君 over 羊 for 群) are not, when one stands alone.
        alone = [t for t in [*headings, *lines] if len(t) == 1 and HAN_RUN.fullmatch(t)]
        runs = HAN_RUN.findall("\n".join(lines))
        singles = (
            alone or [run for run in runs if len(run) == 1] or [ch for run in runs for ch in run]
        )
        links = tuple((link.label, link.url) for link in slide.links)
        for char in singles:
            found.setdefault(char, WeeklyCharacter(char, slide.number, links))
    if found:
        return tuple(found.values())
    for slide in deck.slides[:_TITLE_SLIDES]:
        lines = [text for _, text in sorted(slide.headings)] or _slide_lines(slide)
        singles = [line.strip() for line in lines if len(line.strip()) == 1]
        singles = [line for line in singles if HAN_RUN.fullmatch(line)]
        # A lone big character on a cover is a week's only in a course: a talk titled 京 has
        # no character of the week.
        week = deck.metadata.week is not None or any(
            _WEEK_TITLE.search(line) for line in [*_slide_lines(slide), slide.title]
        )
        if singles and week:
            return (WeeklyCharacter(singles[0], slide.number, ()),)
    return ()
