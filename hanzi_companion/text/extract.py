"""Chinese terms in a deck's slides and notes, with what the slide says about each.

Every run of Han characters is a candidate, in slide text and presenter notes alike. Runs are
already split by punctuation, so slogans split on 、 and ， (大众创业、万众创新). A run is kept
whole when it is a word, a name or a fixed expression, with its natural words as ``parts``; a
run that reads as a sentence (function words such as 的, 了, 我们) gives its content words
instead. An all-capitals Latin token written against a short run makes a mixed term
(``AAA 货``, ``T恤``). Around each term the extractor reads the English the slide gives for it
(``Targeted Poverty Alleviation 精准扶贫``, ``Tech and development Zones (开发区)``, a line of
English just above a line holding only the term) and the romanisation written next to it
(``创客 chuangke``, ``shan zhai`` above ``山寨``, ``Xindanwei (新单位)``).

Everything here works line by line with bounded look-around, so time is linear in the deck.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.lexicon import guess_reading
from hanzi_companion.lexicon.models import CEDICT_SOURCE, Entry
from hanzi_companion.text.labels import in_label
from hanzi_companion.text.models import Deck, Slide
from hanzi_companion.text.segment import Segmenter, segmenter_for

_HAN_CLASS = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af\u3007\u3005"
)
# A Han run; a middle dot joins the parts of a transcribed foreign name (马克·吐温).
HAN_RUN = re.compile(f"[{_HAN_CLASS}]+(?:[·・][{_HAN_CLASS}]+)*")
_HAS_HAN = re.compile(f"[{_HAN_CLASS}]")
_HAN_PIECE = re.compile(f"[{_HAN_CLASS}]+")  # a run without the middle dots that join names
_HAN_RUN_END = re.compile(f"[{_HAN_CLASS}]+$")
# An all-capitals Latin token (AAA, T, QQ, 3D) right before or after a run.
_LATIN_BEFORE = re.compile(r"(?:^|(?<=[\s(\[«“\"'‘「『《]))([A-Z0-9]{0,3}[A-Z][A-Z0-9]{0,3})( ?)$")
_LATIN_AFTER = re.compile(r"^([A-Z0-9]{0,3}[A-Z][A-Z0-9]{0,3})(?=$|[\s)\].,;:!?»”\"'’」』》])")
# Digits written against a long run that opens in brackets or quotes: ``(21世纪海上丝绸之路)``.
_NUMBER_BEFORE = re.compile(r"[(（«“\"「『《]\s*(\d{1,4})$")
_NUMBERED_NAME_MIN = 4
# Longest mixed Han part when a space separates it from the Latin token (``AAA 货``).
_MIXED_SPACED_MAX = 2
_LOOK = 200  # characters looked at on each side of a term (keeps extraction linear)
_NEAR = 40  # farthest a romanisation may be written from its term
_GLOSS_MAX_WORDS = 8  # English in parentheses or quotes next to a term
_BARE_GLOSS_MAX_WORDS = 5  # English written right before a term with nothing around it
_LINE_GLOSS_MAX_WORDS = 6  # a line of English just above a line holding only the term

# Grammatical words that make a run of Han characters read as a sentence, not a term.
# Closed-class Mandarin function words (particles, pronouns, auxiliaries, conjunctions).
_FUNCTION_WORDS_TEXT = """
的 了 吗 呢 吧 啊 呀 着 过 是 在 我 你 他 她 它 我们 你们 他们 她们 咱们 这 那 这个 那个 这些 那些
这里 那里 就 都 也 很 不 没 没有 要 会 能 可以 把 被 给 让 对 从 但 但是 因为 所以 如果 而 还 又 才
再 说 有 得 地 么 什么 怎么 为什么 已经 正在 应该 一个 自己 和 与 或 或者 还是 以及 及
們 我們 你們 他們 她們 咱們 這 這個 那個 這些 那些 這裡 那裡 沒 沒有 會 給 讓 對 從 因為 還 說 麼
什麼 怎麼 為什麼 已經 應該 一個
"""
# Words of English or French prose that lead into a term rather than translate it: a bare
# phrase starting or ending with one is a clause, not a gloss ("la politique du 单位").
CLAUSE_WORDS_TEXT = """
    the a an of and or to in on for with by as at from is are was were be been this that these
    those which who it its their his her our your my we you they he she i not no also very so
    le la les l de du des d et ou en au aux un une est sont dans par pour sur avec ce cette ces
    qui que il elle ils elles nous vous on se sa son ses leur leurs ne pas plus entre comme
    chez sans vers selon mais donc car où puis avant après contre sous
"""
CLAUSE_WORDS = frozenset(CLAUSE_WORDS_TEXT.split())
# Words that announce a translation after a term: ``创新 means innovation``.
_GLOSS_MARKERS = re.compile(r"^(?:means|meaning|i\.e\.|signifie|veut dire|=)\s+", re.I)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
# Particles only a sentence has (structure, aspect, mood): a clause holding one is no slogan.
_PARTICLES = frozenset(["的", "了", "吗", "呢", "吧", "着", "过", "啊", "呀", "么", "嗎", "麼"])
# Longest run kept as one term (习近平新时代中国特色社会主义思想 has 16 characters); a longer
# run is prose written without punctuation and gives its words (and stays linear).
LONGEST_TERM = 32
# A clause of this many words (two characters or more) is no slogan clause but a sentence.
_SENTENCE_WORDS = 3

_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+)*")
_GLOSS_DELIMITERS = re.compile(r"(?:^|\s[-–—•|]\s|[;:,.!?(\[{]|\s[-–—•]$)")
_BULLET_START = re.compile(r"^\s*(?:[-–—•*+|>]\s+|\d+[.)]\s+)?")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# A determiner opening a bare phrase ("the work unit 单位"): dropped before the clause test.
_DETERMINER = re.compile(r"^(?:the|a|an|le|la|les|l['’]|un|une|des)\s*(?<=\s|['’])", re.I)
# A short label opening a line or list item: "1992:", "Step 2:", "Shenzhen:".
_LABEL_OPENER = re.compile(r"^\s*(?:[-–—•*+|>]\s+)?[^\s:]+(?:\s[^\s:]+){0,2}:$")
# Nouns that name the term as a piece of language ("the character 拆", "the word 城中村"):
# the phrase points at the term, it does not translate it.
_META_WORDS_TEXT = """
    character characters word words term terms expression phrase slogan idiom name sign
    caractère caractères mot mots terme termes
"""
_META_WORDS = frozenset(_META_WORDS_TEXT.split())
_QUOTED_AFTER = re.compile(r"\s*[,:]?\s*([\"“«‘'「『])")
# Slide furniture that is never the English of a term.
_SLIDE_LABEL = re.compile(
    r"^(?:characters? of the (?:week|day|lesson)|caract[èe]res? de la semaine|"
    r"(?:week|semaine|lecture|session)\s*\d+)$",
    re.IGNORECASE,
)
# A count opening a phrase ("four special economic zones", "3 cities").
_COUNT = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|"
    r"thousands?|millions?|several|many|some)\s+(?=\S)",
    re.IGNORECASE,
)
_NAME_CONNECTORS = frozenset(["of", "and", "for", "de", "du", "des", "on"])
_CLOSING_QUOTE = re.compile(r"\s*[»”\"’'」』》]")
_OPEN_PARENTHESIS = ("(", "（")
_CLOSE_PARENTHESIS = (")", "）")
_QUOTES = {'"': '"', "“": "”", "«": "»", "‘": "’", "'": "'", "「": "」", "『": "』", "《": "》"}
_PAREN_CONTENT = re.compile(r"\s*\(([^()]*)\)")
_NAME_IN_PARENTHESES = re.compile(
    r"[(（]([^()（）,，]+)[,，]\s*$"
)  # "(AliResearch, " before a term
_DIGITS_END = re.compile(r"(?<=[(（])\d+$")  # "(21" before 世纪…: the term's own number
_HAN_TAIL = re.compile(f"[{_HAN_CLASS}]")


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

    @property
    def latin(self) -> str:
        """The Latin part of a mixed term ("" for a plain Han term)."""
        return self.term.replace(self.han, "").strip()


def has_han(text: str) -> bool:
    return _HAS_HAN.search(text) is not None


def reading_keys(lexicon: Lexicon, word: str) -> frozenset[str]:
    """Toneless keys of every reading a dictionary (or pypinyin) gives ``word``."""
    keys = {_pinyin.toneless_key(e.pinyin_numbered) for e in lexicon.lookup(word)}
    keys.add(_pinyin.toneless_key(lexicon.reading(word).pinyin_numbered))
    return frozenset(k for k in keys if k)


class Extractor:
    """Finds the Chinese terms of a deck; holds per-deck caches of lookups and cuts."""

    def __init__(self, lexicon: Lexicon, segmenter: Segmenter | None = None) -> None:
        self.lexicon = lexicon
        self.segmenter = segmenter or segmenter_for(lexicon)
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

    def lookup(self, word: str) -> tuple[Entry, ...]:
        """The lexicon's entries for ``word``, remembered for the life of this extractor."""
        entries = self._entries.get(word)
        if entries is None:
            entries = self._entries[word] = self.lexicon.lookup(word)
        return entries

    def guess_reading(self, word: str) -> str:
        """pypinyin's reading of a word no dictionary has, guessed once per deck."""
        guessed = self._guesses.get(word)
        if guessed is None:
            guessed = guess_reading(word)
            if has_han(guessed):  # pypinyin echoes a character it cannot read (U+30000)
                guessed = " ".join(token for token in guessed.split() if not has_han(token))
            self._guesses[word] = guessed
        return guessed

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
        as one word the dictionaries lack are one term (特大 + 城市: 特大城市, megacity)."""
        joined: list[str] = []
        index = 0
        while index < len(words):
            word = words[index]
            following = words[index + 1] if index + 1 < len(words) else ""
            if (
                len(word) > 1
                and len(following) > 1
                and not self.lookup(word + following)
                and self.segmenter.corpus_word(word + following)
            ):
                word += following
                index += 1
            joined.append(word)
            index += 1
        return tuple((word, self.parts_of(word)) for word in joined if _content_word(word))

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
        if len(words) == 1:
            return None
        if any(w in FUNCTION_WORDS for w in words):
            return words
        return None

    def _sentence_line(self, runs: list[re.Match[str]]) -> bool:
        """True when a clause of the line holds a particle only sentences have (的, 了): its
        other clauses are parts of the same sentence (以特大城市为依托，…紧密的城市群)."""
        for match in runs:
            words = self.sentence_words(match.group())
            if words is not None and any(w in _PARTICLES for w in words):
                return True
        return False

    def _terms_of_run(
        self, run: str, written_as_term: Callable[[bool], bool], sentence_line: bool = False
    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The terms of ``run`` on its line: a sentence the slide writes as a term (see
        ``written_as_term``, given whether the run could be a slogan's clause) stays whole."""
        unit = repeated_unit(run)
        if unit and not self.lookup(run):
            return self._split(unit)
        words = self.sentence_words(run)
        if words is None and sentence_line and len(run) > 1 and not self.lookup(run):
            words = self.segmenter.cut(run)
            if sum(1 for w in words if len(w) > 1) < 2:
                words = None  # a name or a compound of one word (城市群), not a clause
            elif not written_as_term(False):
                return self._sentence_terms(words)
        if words is None:
            return ((run, self.run_parts(run)),)
        clause = not any(w in _PARTICLES for w in words) and (
            sum(1 for w in words if len(w) > 1) < _SENTENCE_WORDS
        )
        if len(run) <= LONGEST_TERM and written_as_term(clause):
            return ((run, words),)
        return self._split(run)

    # -- a whole deck -------------------------------------------------------------------------

    def mentions(self, deck: Deck) -> Iterator[Mention]:
        """Every term occurrence, in reading order (each slide's text, then its notes)."""
        self.prefetch(
            run
            for slide in deck.slides
            for text in (slide.text, slide.notes)
            for run in HAN_RUN.findall(text)
        )
        for slide in deck.slides:
            labels = frozenset(link.label.strip().lower() for link in slide.links)
            yield from self._in_text(slide, slide.text, False, labels)
            yield from self._in_text(slide, slide.notes, True, labels)

    def _in_text(
        self, slide: Slide, text: str, in_notes: bool, labels: frozenset[str]
    ) -> Iterator[Mention]:
        if not text or not has_han(text):
            return
        lines = text.split("\n")
        offset = 0
        for index, line in enumerate(lines):
            line_start = offset
            offset += len(line) + 1
            if not has_han(line):
                continue
            previous = lines[index - 1] if index > 0 else ""
            following = lines[index + 1] if index + 1 < len(lines) else ""
            runs = [piece for run in HAN_RUN.finditer(line) for piece in self._dotted(line, run)]
            translations = _translation_below(line, runs, following)
            if translations and not self._translations_agree(runs, translations):
                translations = []
            sentence_line = len(runs) > 1 and self._sentence_line(runs)
            names = [self._is_name(run.group()) for run in runs]
            named = sum(names)
            for number, match in enumerate(runs):
                yield from self._run_mentions(
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
                    sentence_line,
                    _among_names(named - names[number], len(runs) - 1),
                )

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
        if "第" in line and in_label(line, start, end):
            return  # 第三周, 第3讲: the deck's week or lecture, metadata and no term
        if len(run) == 1 and (line[start - 1 : start].isdigit() or line[end : end + 1].isdigit()):
            return  # a unit written against a number (2014年, 3个), not a term
        window = max(0, start - _LOOK)  # bounded: a long line without spaces stays linear
        token_start = max(
            line.rfind(" ", window, start), line.rfind("\t", window, start), window - 1
        )
        token_start += 1
        token = line[token_start:start]
        if "://" in token or token.startswith("www.") or ("?" in token and "=" in token):
            return  # inside a bare URL (``https://example.org/?word=创``): no term
        mixed = self._mixed(line, start, end, run)
        if mixed is not None:
            term, start, end = mixed
            pieces: tuple[tuple[str, tuple[str, ...]], ...] = ((term, ()),)
        else:

            def written_as_term(clause: bool) -> bool:
                if translation or _quoted_run(line, start, end):
                    return True
                if clause and not sentence_line and _slogan_line(line):
                    return True
                gloss, _, _ = self._around(
                    line, start, end, run, previous, following, labels, in_notes
                )
                return bool(gloss) and self._words_agree(run, gloss)

            pieces = self._terms_of_run(run, written_as_term, sentence_line)
        whole = len(pieces) == 1 and pieces[0][0] in (run, line[start:end])
        other_name_of = _term_before_parenthesis(line, start, end) if whole else ""
        spans = [(start, end)] if whole else _spans_in(line, start, end, [t for t, _ in pieces])
        for (term, parts), (term_start, term_end) in zip(pieces, spans, strict=True):
            han = "".join(HAN_RUN.findall(term)) if mixed is not None else term
            slide_gloss = romanisation = ""
            span: tuple[int, int] | None = None
            if whole:
                slide_gloss, romanisation, span = self._around(
                    line, start, end, han, previous, following, labels, in_notes
                )
                if span is not None:
                    span = (span[0] + line_start, span[1] + line_start)
                slide_gloss = slide_gloss or translation
            yield Mention(
                term=term,
                han=han,
                parts=parts if mixed is None else (self.run_parts(han) or (han,)),
                slide=slide.number,
                slide_title=slide.title,
                in_notes=in_notes,
                context=_context(line, term_start, term_end),
                slide_gloss=slide_gloss,
                romanisation=romanisation,
                romanisation_span=span,
                other_name_of=other_name_of,
                line_start=line_start,
                start=line_start + start,
                shown_on=slide.number if number is None else number,
                written_reading=_written_reading(line, end, han) if whole else "",
                among_names=among_names and whole,
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
        pieces = list(_HAN_PIECE.finditer(line, run.start(), run.end()))
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
        # (text, bare): a bare gloss is no gloss when it is only a link's label
        # (``创 Purple Culture / Hanziyuan``); in parentheses a label is the slide's English.
        # Each candidate is read only when the ones before it gave nothing.
        candidates: list[Callable[[], tuple[str, bool]]] = [
            lambda: (_gloss_in_parentheses_after(line, end), False),
            lambda: (_quoted_after(line, start, end), False),
            # After a label, the English closing the line says what the term means, the
            # label what it is about ("orientation: 坐北朝南, sitting in the north...").
            lambda: (_gloss_after_comma(line, start, end), True),
            lambda: _gloss_before(line, start),
            lambda: (_gloss_after(line, start, end), True),
        ]
        if len(han) > 1 and _alone(line, start, end):
            candidates.append(lambda: (_gloss_line(previous, labels), True))
        for read in candidates:
            candidate, bare = read()
            if bare and in_notes:
                continue
            candidate = _tidy_gloss(candidate, labels if bare else frozenset())
            if not candidate:
                continue
            found, _ = _romanisation_near(candidate, 0, 0, keys, whole_line=False)
            if found:
                romanisation = romanisation or found
                continue  # the "English" is the term's own romanisation
            if bare and not self._agrees(han, candidate):
                continue  # "Hong Kong: 單位" is a topic, not what 單位 means
            return candidate, romanisation, span
        return "", romanisation, span


def content_stems(text: str) -> frozenset[str]:
    """Lowercase content words of English, crudely stemmed (villages ~ village, urbanisation ~
    urbanization) so a slide's wording and a dictionary's can be compared."""
    stems = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if len(word) < 3 or word in CLAUSE_WORDS:
            continue
        word = word.replace("isation", "ization").replace("ise", "ize")
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith(("sses", "xes", "ches", "shes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        stems.add(word)
    return frozenset(stems)


# A reading in tone marks written right after a term: "大栅栏 is read Dàshílànr", "the 朝 is
# zhāo", "乐 (lè)", "朝: zhāo". Only a copula between them: "read 朝 as zhāo" may report a mistake.
_WRITTEN_READING = re.compile(
    r"[»”\"’'」』》]?\s*(?:(?:is|are)(?:\s+(?:read|pronounced|written))?\s+|reads\s+|"
    r"se\s+(?:lit|prononce)\s+|[:=]\s*|[(（]\s*)"
    r"([A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+(?:[ '’-][A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+){0,3})"
)


def _written_reading(line: str, end: int, han: str) -> str:
    """The numbered reading written in tone marks right after the term, one syllable per
    character (an erhua r joins its syllable: Dàshílànr is ``Da4 shi2 lanr4``); "" if none."""
    match = _WRITTEN_READING.match(line, end, end + _LOOK)
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


def _content_word(word: str) -> bool:
    """A word of a sentence worth listing: two characters or more, not a grammatical word."""
    return len(word) > 1 and word not in FUNCTION_WORDS


def _quoted_run(line: str, start: int, end: int) -> bool:
    """True when ``line[start:end]`` stands inside quotes (« 城市，让生活更美好 »), looking at
    most ``_LOOK`` characters each way."""
    head = line[max(0, start - _LOOK) : start]
    tail = line[end : end + _LOOK]
    for opening, closing in _QUOTES.items():
        if opening == closing:
            if opening == '"' and head.count('"') % 2 == 1 and '"' in tail:
                return True
            continue
        at = head.rfind(opening)
        if at >= 0 and head.find(closing, at) < 0 and closing in tail:
            return True
    return False


_SLOGAN_BETWEEN = re.compile(r"[\s，、；,;·:：!?！？。«»“”\"「」『』《》#>*\-–—]*")


def _slogan_line(line: str) -> bool:
    """True when the line is only Chinese clauses (two or more) and punctuation: a slogan."""
    if len(line) > 2 * _LOOK:
        return False
    pieces = HAN_RUN.split(line)
    return len(pieces) >= 3 and all(_SLOGAN_BETWEEN.fullmatch(p) for p in pieces)


def _translation_below(line: str, runs: list[re.Match[str]], following: str) -> list[str]:
    """English clauses of the line below a line of Chinese only, one per run, when the counts
    agree: 「先生产、后生活」 over "Production first, living second"."""
    if len(runs) < 2 or not following.strip():
        return []
    between = HAN_RUN.sub("", line)
    if re.search(r"[^\W\d_]", between) or re.search(r"\d", between):
        return []  # the line says more than its Chinese: not a slogan on its own
    text = _BULLET_START.sub("", re.sub(r"^\s*#+\s*", "", following)).strip()
    if len(text) > 1 and text[0] in _QUOTES and text[-1] == _QUOTES[text[0]]:
        text = text[1:-1]
    if not _latin_only(text):
        return []
    clauses = [c.strip(" .!?\"'“”") for c in re.split(r"[,;，；]", text)]
    if len(clauses) != len(runs) or not all(_LATIN_WORD.search(c) for c in clauses):
        return []
    if any(len(_words(c)) > _GLOSS_MAX_WORDS for c in clauses):
        return []
    return clauses


def _alone(line: str, start: int, end: int) -> bool:
    """True when ``line[start:end]`` is all the line holds (whitespace aside), in time bounded
    by the look-around, not the line's length."""
    if len(line) - (end - start) > 2 * _LOOK:
        return False
    return not line[:start].strip() and not line[end:].strip()


def _spans_in(line: str, start: int, end: int, terms: list[str]) -> list[tuple[int, int]]:
    """Where each of ``terms``, pieces of the run ``line[start:end]`` in reading order, stands
    in the line. Each piece is looked for at most ``_LOOK`` characters past the previous one
    (single characters a sentence skips lie between them), so a long run stays linear."""
    spans = []
    cursor = start
    for term in terms:
        found = line.find(term, cursor, min(end, cursor + _LOOK + len(term)))
        if found < 0:
            spans.append((cursor, min(end, cursor + len(term))))
            continue
        cursor = found + len(term)
        spans.append((found, cursor))
    return spans


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


def _words(text: str) -> list[str]:
    return text.split()


def _latin_only(text: str) -> bool:
    return bool(text) and not has_han(text) and _LATIN_WORD.search(text) is not None


def _tidy_gloss(text: str, labels: frozenset[str]) -> str:
    text = text.strip().strip("-–—•|:;,").strip()
    if len(text) > 1 and text[0] in _QUOTES and text[-1] == _QUOTES[text[0]]:
        text = text[1:-1].strip()
    text = _ARTICLE.sub("", text) if len(_words(text)) > 1 else text
    if not _latin_only(text) or text.lower() in labels or _SLIDE_LABEL.search(text):
        return ""
    counted = _COUNT.sub("", text)
    text = counted if _LATIN_WORD.search(counted) else text
    text = _name_ending(text)
    letters = sum(ch.isalpha() for ch in text)
    if letters < 2:
        return ""
    return text


def _name_ending(text: str) -> str:
    """The name a phrase ends with, when prose leads into it: "built by China Merchants" is
    China Merchants, "compare Hong Kong's Urban Renewal Authority" the Authority's name."""
    words = text.split()
    position = len(words)
    while position > 0 and (
        words[position - 1][:1].isupper()
        or (
            words[position - 1].lower() in _NAME_CONNECTORS
            and position < len(words)
            and position - 1 > 0
        )
    ):
        position -= 1
    while position < len(words) and not words[position][:1].isupper():
        position += 1  # a name starts with a capital, not with its connector
    name = words[position:]
    lead = words[:position]
    if not lead or not name or not any(w[:1].islower() for w in lead):
        return text
    if len(name) >= 2 or lead[-1].lower() in CLAUSE_WORDS:
        return " ".join(name)
    return text


def _quoted_before(head: str) -> str | None:
    """The quoted phrase ending ``head`` ("Grasp the large, let go of the small")."""
    stripped = head.rstrip()
    if not stripped:
        return None
    close = stripped[-1]
    for opening, closing in _QUOTES.items():
        if close == closing:
            begin = stripped.rfind(opening, 0, len(stripped) - 1)
            if begin >= 0:
                return stripped[begin + 1 : -1]
    return None


def _gloss_before(line: str, start: int) -> tuple[str, bool]:
    """English written just before the term (``English (term)``, ``English term``); bare?"""
    head = line[max(0, start - _LOOK) : start]
    same = _NAME_IN_PARENTHESES.search(head)
    if same is not None and _latin_only(same.group(1)):  # "(AliResearch, 阿里研究院)"
        return same.group(1).strip(), False
    head = _DIGITS_END.sub("", head)  # "(21世纪海上丝绸之路)": the number belongs to the term
    in_parentheses = head.rstrip().endswith("(")
    if in_parentheses:
        head = head.rstrip()[:-1]
    elif head[-1:] not in (" ", ""):
        return "", True
    quoted = _quoted_before(head)
    if quoted is not None:
        return (quoted if len(_words(quoted)) <= _GLOSS_MAX_WORDS else ""), False
    return _phrase_before(head, in_parentheses), not in_parentheses


def _phrase_before(head: str, in_parentheses: bool) -> str:
    separated = re.search(r"\s*[-–—:=]\s*$", head) if not in_parentheses else None
    if separated is not None:  # ``Innovation – 创新``, ``Innovation: 创新``
        head = head[: separated.start()]
        if not head.strip() or _GLOSS_DELIMITERS.split(head)[-1] != head:
            return ""  # the English must be the whole line before the separator
    pieces = _GLOSS_DELIMITERS.split(head)
    phrase = pieces[-1] if pieces else head
    opened_by = head[: len(head) - len(phrase)]
    bullet = _BULLET_START.match(phrase)
    if bullet is not None and bullet.end():  # "- the gated compound 封闭小区"
        opened_by, phrase = opened_by + phrase[: bullet.end()], phrase[bullet.end() :]
    phrase = phrase.strip()
    if in_parentheses and (has_han(phrase) or len(_words(phrase)) > _GLOSS_MAX_WORDS):
        # A longer clause ending in a name: "… to the Drum and Bell Towers (钟鼓楼)".
        tail = _HAN_TAIL.split(phrase)[-1].strip()
        name = _name_ending(tail)
        if name != tail and len(_words(name)) <= _GLOSS_MAX_WORDS:
            return name
    if not phrase or has_han(phrase):
        return ""
    limit = _GLOSS_MAX_WORDS if in_parentheses else _BARE_GLOSS_MAX_WORDS
    if len(_words(phrase)) > limit:
        return ""
    if not in_parentheses:
        # Bare English counts only when it starts the line, a list item or follows a label
        # ("1992: Deng Xiaoping's southern tour 南巡"), and is not a clause.
        before = opened_by.rstrip()
        if (
            before
            and not re.search(r"(?:^|\s)[-–—•|]$", before)
            and not _LABEL_OPENER.match(before)
        ):
            return ""
        phrase = _DETERMINER.sub("", phrase).strip()
        if _is_clause(phrase) or _points_at_term(phrase):
            return ""
    return phrase


def _points_at_term(phrase: str) -> bool:
    words = re.findall(r"[^\W\d_]+", phrase.lower())
    return bool(words) and words[-1] in _META_WORDS


def _quoted_after(line: str, start: int, end: int) -> str:
    """Quoted English right after the term: ``杀出一条血路, "blaze a bloody trail"``."""
    match = _QUOTED_AFTER.match(line, end)
    if match is None or line[start - 1 : start] == match.group(1):
        return ""  # the term's own closing quote ("山寨" phones), not a quotation after it
    closing = _QUOTES[match.group(1)]
    close = line.find(closing, match.end(), match.end() + _LOOK)
    if close < 0:
        return ""
    content = line[match.end() : close].strip()
    if len(_words(content)) > _GLOSS_MAX_WORDS or not _latin_only(content):
        return ""
    return content


def _term_before_parenthesis(line: str, start: int, end: int) -> str:
    """The Han term just before ``(run)``: the run is another name for it (房改 after
    住房制度改革)."""
    head = line[max(0, start - _LOOK) : start].rstrip()
    if not head.endswith(_OPEN_PARENTHESIS) or not line[end : end + _LOOK].lstrip().startswith(
        _CLOSE_PARENTHESIS
    ):
        return ""
    head = head[:-1].rstrip()
    match = _HAN_RUN_END.search(head)
    return match.group() if match else ""


def _is_clause(phrase: str) -> bool:
    words = re.findall(r"[^\W\d_]+", phrase.lower())
    return not words or words[0] in CLAUSE_WORDS or words[-1] in CLAUSE_WORDS


def _gloss_in_parentheses_after(line: str, end: int) -> str:
    """English in parentheses right after the term: ``精准扶贫 (targeted poverty alleviation)``,
    also after the quote closing it (``« 三旧改造 » (three olds redevelopment)``)."""
    closing = _CLOSING_QUOTE.match(line, end)
    match = _PAREN_CONTENT.match(line, closing.end() if closing else end)
    if match is None:
        return ""
    content = match.group(1).strip()
    if len(_words(content)) > _GLOSS_MAX_WORDS or not re.search(r"[A-Za-z]{2}", content):
        return ""
    return content


def _gloss_after(line: str, start: int, end: int) -> str:
    """English right after the term up to the end of the line or a clause: ``创客 maker``."""
    head = line[max(0, start - _LOOK) : start].rstrip()
    if head and not (has_han(head[-1]) or head[-1] in "-–—•*|,;:/(、，；"):
        return ""  # the term sits inside a sentence: what follows continues the sentence
    tail = line[end : end + _LOOK]
    separator = re.match(r"\s*[-–—:=]\s+", tail)
    if separator is not None:  # ``创新 – innovation``, ``创新: innovation``
        tail = " " + tail[separator.end() :]
    if not tail.startswith(" ") or tail.strip()[:1] in ("(", ""):
        return ""
    tail = " " + _GLOSS_MARKERS.sub("", tail.lstrip())
    phrase = re.split(r"[;:,.!?()\[\]/|]|\s[-–—]\s", tail, maxsplit=1)
    candidate = phrase[0].strip()
    if not candidate or has_han(candidate) or len(_words(candidate)) > _BARE_GLOSS_MAX_WORDS:
        return ""
    if _is_clause(candidate):
        return ""
    # The English must close the line or the list item: what follows is nothing, or the next
    # Chinese term (``创客 maker, 黑客 hacker``), not more prose.
    rest = tail[len(phrase[0]) :].lstrip(" ;:,.!?)]-–—/|")
    if rest.strip() and not has_han(rest.strip()[:1]):
        return ""
    return candidate


def _gloss_after_comma(line: str, start: int, end: int) -> str:
    """English after a comma closing the line, when a label opens it: "orientation: 坐北朝南,
    sitting in the north and facing south"."""
    head = line[max(0, start - _LOOK) : start]
    if not _LABEL_OPENER.match(head.rstrip()):
        return ""
    match = re.match(r"\s*[,;]\s+([^,;:()]+?)[.!]?\s*$", line[end : end + _LOOK])
    if match is None or end + _LOOK < len(line):
        return ""
    phrase = match.group(1).strip()
    if has_han(phrase) or len(_words(phrase)) > _GLOSS_MAX_WORDS or _is_clause(phrase):
        return ""
    return phrase


def _gloss_line(line: str, labels: frozenset[str]) -> str:
    """A short line of English (a heading) just above a line holding only the term."""
    text = _BULLET_START.sub("", line).strip()
    text = _PAREN_CONTENT.sub(
        lambda m: "" if m.group(1).strip().lower() in labels else m.group(0), text
    ).strip()
    if (
        not _latin_only(text)
        or any(ch.isdigit() for ch in text)
        or len(_words(text)) > _LINE_GLOSS_MAX_WORDS
    ):
        return ""
    return text


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
    reach = _LOOK if whole_line else min(_LOOK, _NEAR + 3 * longest + 6)
    base = max(0, start - reach)
    words = list(_LATIN_WORD.finditer(text[base : end + reach]))
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
            if key in keys and _pinyin.parse_syllables(joined) is not None:
                span = (base + words[i].start(), base + words[j].end())
                distance = 0 if whole_line else max(span[0] - end, start - span[1], 0)
                if not whole_line and distance > _NEAR:
                    continue
                if best is None or distance < best[0]:
                    best = (distance, text[span[0] : span[1]], span)
    if best is None:
        return "", None
    return best[1], best[2]


def extract(deck: Deck, lexicon: Lexicon) -> tuple[Mention, ...]:
    """Every term occurrence of ``deck``, in reading order."""
    return tuple(Extractor(lexicon).mentions(deck))


# -- character of the week --------------------------------------------------------------------

_WEEKLY_CHARACTER = re.compile(
    r"characters? of the (?:week|day|lesson)|caract[èe]res? de la semaine|"
    r"本周(?:汉字|之字|一字)|每周一字|今日一字",
    re.IGNORECASE,
)
_WEEK_TITLE = re.compile(
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
