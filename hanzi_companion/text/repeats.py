"""Words of one document: runs of characters its text repeats as a unit.

A blog post on Hong Kong food writes 艇仔粥 four times and 茶餐廳 five; no dictionary has
either, and the segmenter cuts them into pieces (艇 仔 粥, 茶 餐廳) that are not the words a
reader sees. A run of characters the text repeats in different surroundings (after and before
different characters) is a unit of that text, like a word: an old measure of new words in
Chinese corpora (left and right "accessor variety"). A run is taken as a word of the document
when it is repeated, free on both sides, holds no grammatical character (的, 了, 我, 很 ...),
is no dictionary word, and the segmenter leaves a single character among its pieces (茶 |
餐廳: the split strands a character; 雞肉 | 派). A shorter run found only inside a longer one as
often (水土步 inside 深水土步) is not one of its own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import accumulate

from hanzi_companion.text.han import HAN_PIECE
from hanzi_companion.text.segment import Segmenter
from hanzi_companion.text.wordlists import (
    DIRECTION_COMPLEMENTS,
    FUNCTION_WORDS,
    LOCALIZERS,
    MODERN_PARTICLES,
    NUMERALS,
    NUMERALS_AND_DEMONSTRATIVES,
    PARTICLES,
    PRONOUNS,
    RESULT_COMPLEMENTS,
)

_SHORTEST = 2
_LONGEST = 4  # a longer repeated run is a phrase or a name with its title
_TIMES = 2  # written at least this often
_SIDES = 2  # distinct characters (or a boundary) on each side at least
_IDIOM = 4  # characters of an idiom (同声同气)
_WINDOW = 4  # characters cut on each side of a repeated run to see what crosses its ends
_SAMPLE = 50_000  # Han characters of a document read for its repeated runs
_EDGE = "\n"  # what stands beside a run at the start or end of a piece of Han text

COMPLEMENTS = RESULT_COMPLEMENTS | DIRECTION_COMPLEMENTS
_COUNTING = NUMERALS | NUMERALS_AND_DEMONSTRATIVES
_ERHUA = frozenset("儿兒")

# Characters a word of its own does not hold: particles, pronouns, and single-character
# function words (a repeated 的茶 or 很好 is grammar, not a word).
_GRAMMAR = frozenset(
    PARTICLES | MODERN_PARTICLES | PRONOUNS | {w for w in FUNCTION_WORDS if len(w) == 1}
)


# The classes (of a tagged corpus) of a character that, cut off at the edge of a run, is a
# word of the sentence beside a word, not part of it: prepositions, conjunctions, adverbs,
# pronouns, particles, numbers and measure words (以读, 将其); at the start, verbs too
# (到迪化街 "to Dihua Street", 看報紙 "read the paper"), which end many a name of a dish
# (雞肉派 "pie").
_EDGE_CLASSES = ("p", "c", "d", "r", "u", "m", "q")
_OPENING_CLASSES = (*_EDGE_CLASSES, "v")


def grammatical(run: str) -> bool:
    """True when ``run`` holds a grammatical character (的, 了, 我, 从 ...), a number or a
    word that counts or points (多 "more than", 每, 这)."""
    return any(char in _GRAMMAR or char in _COUNTING for char in run)


def loose_character(char: str, word_class: Callable[[str], str | None]) -> bool:
    """True for a character that, standing alone before a word, is a word of the sentence
    beside it rather than the start of a name or a word (到, 以, 將, 一, 條, 的)."""
    found = word_class(char)
    return (
        char in _GRAMMAR or char in NUMERALS or bool(found and found.startswith(_OPENING_CLASSES))
    )


def _loose_edge(pieces: tuple[str, ...], word_class: Callable[[str], str | None]) -> bool:
    """True when the first or last piece is one character of a class that stands beside a
    word rather than in it (see ``_EDGE_CLASSES``)."""
    first, last = pieces[0], pieces[-1]
    closing = word_class(last) if len(last) == 1 else None
    return (
        (len(first) == 1 and loose_character(first, word_class))
        or bool(closing and closing.startswith(_EDGE_CLASSES))
        or last in COMPLEMENTS  # 感受 | 到, 點 | 上: a verb and its result or direction
        or last in _ERHUA  # 院 | 儿: the spoken form of the word before it
    )


def _han_pieces(texts: Iterable[str]) -> list[str]:
    """The runs of Han characters of ``texts``, up to ``_SAMPLE`` characters or a little
    more (a long document repeats its words early)."""
    pieces: list[str] = []
    seen = 0
    for text in texts:
        if seen > _SAMPLE:
            break
        for piece in HAN_PIECE.findall(text):
            pieces.append(piece)
            seen += len(piece)
    return pieces


def _occurrences(pieces: list[str]) -> dict[str, tuple[int, set[str], set[str]]]:
    """Each run of 2 to 4 characters with its count and the characters beside it."""
    counts: dict[str, int] = defaultdict(int)
    left: dict[str, set[str]] = defaultdict(set)
    right: dict[str, set[str]] = defaultdict(set)
    for piece in pieces:
        for size in range(_SHORTEST, min(_LONGEST, len(piece)) + 1):
            for start in range(len(piece) - size + 1):
                run = piece[start : start + size]
                counts[run] += 1
                left[run].add(piece[start - 1] if start else _EDGE)
                end = start + size
                right[run].add(piece[end] if end < len(piece) else _EDGE)
    return {run: (counts[run], left[run], right[run]) for run in counts}


def _places(pieces: list[str], runs: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Where each of ``runs`` stands in ``pieces``: (piece, start) pairs, found in one pass
    over the pieces (a search of every piece for every run is quadratic on a long list)."""
    wanted = set(runs)
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, piece in enumerate(pieces):
        for size in range(_SHORTEST, min(_LONGEST, len(piece)) + 1):
            for start in range(len(piece) - size + 1):
                run = piece[start : start + size]
                if run in wanted:
                    places[run].append((number, start))
    return places


def _standing_alone(
    run: str,
    places: list[tuple[int, int]],
    pieces: list[str],
    cut: Callable[[str], tuple[str, ...]],
) -> int:
    """How often ``run`` stands at ``places`` in ``pieces`` with no dictionary word across
    either of its ends, as ``cut`` cuts the characters around it (北走 in 南北 | 走向 does
    not)."""
    times = 0
    for number, start in places:
        piece = pieces[number]
        first = max(0, start - _WINDOW)
        window = piece[first : start + len(run) + _WINDOW]
        bounds = set(accumulate(len(w) for w in cut(window))) | {0}
        times += start - first in bounds and start - first + len(run) in bounds
    return times


def _inside_longer(found: dict[str, int]) -> set[str]:
    """The runs of ``found`` that are part of a longer run of it written as often."""
    inside = set()
    for longer, count in found.items():
        for size in range(_SHORTEST, len(longer)):
            for start in range(len(longer) - size + 1):
                run = longer[start : start + size]
                if found.get(run) == count:
                    inside.add(run)
    return inside


def repeated_words(
    texts: Iterable[str],
    known: Callable[[str], bool],
    cut: Callable[[str], tuple[str, ...]],
    word_class: Callable[[str], str | None],
) -> frozenset[str]:
    """The runs ``texts`` repeat as units that ``cut`` splits and no dictionary (``known``)
    has (see the module's docstring); ``word_class`` is the class a tagged corpus gives a
    word most (``"v"``, ``"p"``...)."""
    pieces = _han_pieces(texts)
    found = {
        run: count
        for run, (count, before, after) in _occurrences(pieces).items()
        if count >= _TIMES
        and len(before) >= _SIDES
        and len(after) >= _SIDES
        and not grammatical(run)
        and not known(run)
    }
    inside = _inside_longer(found)  # only ever part of a longer repeated run
    candidates = []
    for run in found:
        split = cut(run)
        if len(split) < 2 or all(len(p) > 1 for p in split) or _loose_edge(split, word_class):
            continue
        if run not in inside:
            candidates.append(run)
    places = _places(pieces, candidates)
    return frozenset(
        run for run in candidates if _standing_alone(run, places[run], pieces, cut) >= _TIMES
    )


def cut_keeping(
    text: str, words: frozenset[str], cut: Callable[[str], tuple[str, ...]]
) -> tuple[str, ...]:
    """``cut(text)`` with the document's ``words`` kept whole where they stand between two
    of its cuts (the longest first, from the left): a word of the document never cuts
    through a dictionary word (化街 is no word in 迪化 | 街)."""
    pieces = cut(text)
    if not words or len(pieces) < _SHORTEST:
        return pieces
    starts: list[int] = []
    position = 0
    for piece in pieces:
        position = text.index(piece, position)
        starts.append(position)
        position += len(piece)
    ends = {
        start + len(piece): index
        for index, (start, piece) in enumerate(zip(starts, pieces, strict=True))
    }
    out: list[str] = []
    index = 0
    while index < len(pieces):
        last = next(
            (
                ends[starts[index] + n]
                for n in range(_LONGEST, _SHORTEST - 1, -1)
                if starts[index] + n in ends and text[starts[index] : starts[index] + n] in words
            ),
            index,
        )
        out.append(text[starts[index] : starts[last] + len(pieces[last])])
        index = last + 1
    return tuple(out)


def redrawn(
    words: tuple[str, ...],
    prose: tuple[str, ...],
    known: Callable[[str], bool],
    corpus: Callable[[str], bool] = lambda word: False,
) -> tuple[str, ...]:
    """``prose`` (a cut with corpus words) where it moves a boundary of ``words`` (the
    dictionary's cut of the same text) or joins characters ``words`` leaves stranded: a
    corpus word that only joins dictionary words (很 大, 展现 出) is left to the rules that
    join words in sentences (those words are kept); one that redraws a boundary (总 之一 通:
    总之 一通) or joins single characters that are no grammar (香 江: 香江) is taken, unless
    they are part of a four-character idiom the corpus (``corpus``) counts (同 声 同 气) or
    a number counts the first (七 本 书: seven books, not 本书 "this book") or the last is a
    localizer (肩 上 "on the shoulder")."""
    ends = list(accumulate(len(w) for w in words))  # increasing: searched by bisection
    bounds = {0, *ends}
    text = "".join(words)
    out: list[str] = []
    position = 0
    for word in prose:
        end = position + len(word)
        if len(word) > 1 and not known(word) and position in bounds and end in bounds:
            first, last = bisect_right(ends, position), bisect_left(ends, end)
            inside = first < last  # a boundary of ``words`` strictly inside the word
            # ``words`` from ``position`` to ``end``: both are boundaries of it
            pieces = words[first : last + 1] if inside else (word,)
            stranded = (
                all(len(p) == 1 for p in pieces)
                and not grammatical(word)
                and text[position - 1 : position] not in _COUNTING  # 七 本 书: 本 counts
                and word[-1] not in LOCALIZERS  # 肩 上: a noun and "on" stay two words
            )
            if stranded and not _in_idiom(text, position, end, bounds, corpus):
                pieces = (word,)
            out.extend(pieces)
        else:
            out.append(word)
        position = end
    return tuple(out)


def _in_idiom(
    text: str, start: int, end: int, bounds: set[int], corpus: Callable[[str], bool]
) -> bool:
    """True when ``text[start:end]`` lies in four single characters (between ``bounds``)
    that the corpus counts as one word: an idiom the sentence rules join whole."""
    for first in range(max(0, end - _IDIOM), start + 1):
        last = first + _IDIOM
        if last > len(text) or not all(b in bounds for b in range(first, last + 1)):
            continue
        if corpus(text[first:last]):
            return True
    return False


class DocumentSegmenter:
    """A segmenter for the document being read: in Chinese prose (``prose``), the words of
    jieba's corpus count as well as the dictionary's (see :meth:`Segmenter.cut_prose`; a
    traditional text is cut as its simplified spelling, which the corpus is written in,
    character for character), and the document's own words (see :func:`repeated_words`)
    stay whole; everything else as ``base`` does it."""

    def __init__(self, base: Segmenter, spelling: Callable[[str], str]) -> None:
        self.base = base
        self._spelling = spelling  # a text's simplified spelling, character for character
        self._prose_cut: Callable[[str], tuple[str, ...]] | None = None
        self.words: frozenset[str] = frozenset()
        self.prose = False

    def dictionary_cut(self, text: str) -> tuple[str, ...]:
        """Words of ``text`` by dictionary; in prose, with the corpus words that move a
        boundary the dictionary's words draw (see :func:`redrawn`)."""
        words = self.base.cut(text)
        if not self.prose:
            return words
        if self._prose_cut is None:
            self._prose_cut = self.base.prose_cutter(self._spelling)
        return redrawn(
            words,
            self._prose_cut(text),
            self.base.is_known,
            lambda word: self.base.corpus_word(self._spelling(word)),
        )

    def cut(self, text: str) -> tuple[str, ...]:
        """Words of ``text`` by dictionary, the document's own words kept whole."""
        return cut_keeping(text, self.words, self.dictionary_cut)

    def cut_guessing(self, text: str) -> tuple[str, ...]:
        """Words of ``text`` with jieba's guesses of unknown words, the document's kept whole."""
        return cut_keeping(text, self.words, self.base.cut_guessing)

    def cut_inside(self, word: str) -> tuple[str, ...]:
        """The natural words inside ``word`` (see :meth:`Segmenter.cut_inside`)."""
        return self.base.cut_inside(word)

    def corpus_word(self, word: str) -> bool:
        """True when jieba's corpus counts ``word`` (see :meth:`Segmenter.corpus_word`)."""
        return self.base.corpus_word(word)
