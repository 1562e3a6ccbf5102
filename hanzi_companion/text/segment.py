"""Word segmentation with our own jieba ``Tokenizer`` on the lexicon's headwords.

This is the only module that imports jieba. The segmenter's dictionary is every headword of
the lexicon (CC-CEDICT, the course dictionary, user dictionaries; simplified and traditional)
with jieba's word counts, so dictionary words such as 创客 or 山寨 and course terms such as 双创
stay whole. ``jieba.dt`` is never used.

jieba rebuilds its dictionary as a Python dict of some 600,000 words and prefixes in every
process (a second, even from its marshal cache). Our tokenizer keeps jieba's segmentation
(the DAG of dictionary words, the most probable route through it, the HMM for unknown words)
but reads the words and counts from a compiled file, loaded without parsing: a marisa trie of
the words, their counts in trie order, and a second trie of jieba's corpus words. The file
lives in the cache folder, is named after the lexicon index it comes from and is written
atomically.
"""

from __future__ import annotations

import gzip
import importlib
import logging
import math
import struct
import sys
import threading
import types
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import marisa_trie

from hanzi_companion.errors import DataFileError
from hanzi_companion.files import seal, unseal, write_atomically
from hanzi_companion.lexicon import Lexicon

# Bump when the way the segmentation dictionary is built changes.
SEGMENTER_VERSION = "6"

# Words the lexicon knows but jieba never counted get at least this count; a long dictionary
# word must still beat the split into its characters, see ``_unseen_frequency``.
_MIN_FREQUENCY = 3
_MAX_WORD = 12  # longest piece considered when splitting an unseen word
# How much less likely a split is for each single character inside a word (not at its end).
_INNER_SINGLE_COST = 20.0

_logger_lock = threading.Lock()
_import_lock = threading.RLock()  # re-entrant: jieba may touch a deferred module as it imports
_logger_silenced = False
_segmenters: dict[Path, Segmenter] = {}
_segmenters_lock = threading.Lock()


def _silence_jieba() -> None:
    """jieba logs at DEBUG to stderr on every initialisation; keep only its warnings, once."""
    global _logger_silenced
    with _logger_lock:
        if not _logger_silenced:
            logging.getLogger("jieba").setLevel(logging.WARNING)
            _logger_silenced = True


def _unseen_frequency(word: str, counts: dict[str, int], total: int) -> int:
    """A count for a dictionary word jieba never saw: enough to beat its best split.

    The best split is the most probable path through known words (characters count 1 when
    unknown), the same model jieba uses to choose a route; like jieba's ``suggest_freq``.
    """
    n = len(word)
    log_total = math.log(total)
    best = [0.0] + [-math.inf] * n  # best log-probability of word[:i]
    for end in range(1, n + 1):
        for start in range(max(0, end - _MAX_WORD), end):
            if start == 0 and end == n:
                continue
            piece = word[start:end]
            count = counts.get(piece, 0)
            if count <= 0 and end - start > 1:
                continue
            score = best[start] + math.log(max(count, 1)) - log_total
            if score > best[end]:
                best[end] = score
    split_count = math.exp(best[n] + log_total) if best[n] > -math.inf else 0.0
    return max(_MIN_FREQUENCY, int(split_count) + 1)


def dictionary_lines(lexicon: Lexicon) -> Iterator[str]:
    """``word count`` lines of the segmentation dictionary, built from the lexicon."""
    rows = lexicon.query(
        "SELECT simplified, traditional, MAX(frequency) FROM entries "
        "GROUP BY simplified, traditional"
    )
    counts: dict[str, int] = {}
    for simplified, traditional, frequency in rows:
        for word in {str(simplified), str(traditional)}:
            if " " in word or not word:
                continue  # jieba's dictionary format is space separated
            counts[word] = max(counts.get(word, 0), int(frequency))  # type: ignore[call-overload]
    total = sum(counts.values()) or 1
    for word, count in counts.items():
        if count <= 0:
            count = _unseen_frequency(word, counts, total) if len(word) > 1 else 1
        yield f"{word} {count}\n"


class WordCounts:
    """jieba's ``FREQ`` (word -> count) read from a trie: ``get`` and ``in`` as on the dict.

    jieba's dict also holds every prefix of a word with a count of 0; here only words are
    stored, and a prefix reads as absent, which every count lookup treats alike (0 or None,
    both falsy). The DAG, which needed the prefixes, comes from the trie's prefix search.
    """

    __slots__ = ("counts", "trie")

    def __init__(self, trie: marisa_trie.Trie, counts: array[int]) -> None:
        self.trie = trie
        self.counts = counts

    def get(self, word: str, default: int = 0) -> int:
        """The count of ``word``; ``default`` (0, not None: jieba only tests it for truth)
        when it is not a word."""
        key: int | None = self.trie.get(word)
        return default if key is None else self.counts[key]

    def __getitem__(self, word: str) -> int:
        key: int = self.trie[word]
        return self.counts[key]

    def __contains__(self, word: object) -> bool:
        return word in self.trie

    def __len__(self) -> int:
        return len(self.counts)


_MAGIC = b"hzseg02\n"  # 8 bytes
# magic, total, longest word, counts, trie, corpus bytes, corpus counts bytes
_HEADER = struct.Struct("<8sQQQQQQ")


def _in_trie_order(trie: marisa_trie.Trie, counts: Mapping[str, int]) -> bytes:
    ordered = array("q", bytes(8 * len(trie)))
    for word, count in counts.items():
        key = trie.get(word)
        if key is not None:
            ordered[key] = count
    if sys.byteorder != "little":
        ordered.byteswap()
    return ordered.tobytes()


def _read_counts(data: memoryview) -> array[int]:
    counts = array("q")
    counts.frombytes(data)
    if sys.byteorder != "little":
        counts.byteswap()
    return counts


def compile_dictionary(lines: Iterable[str], corpus: Mapping[str, int]) -> bytes:
    """The compiled segmentation dictionary of ``word count`` lines and corpus words with
    their counts.

    Lines are read as jieba reads its dictionary (stripped, split on one space; the last
    count of a word wins, every line adds to the total), so the counts and the total are the
    ones a jieba ``Tokenizer`` on the same lines would hold.
    """
    counts: dict[str, int] = {}
    total = 0
    for line in lines:
        word, count = line.strip().split(" ")[:2]
        counts[word] = int(count)
        total += int(count)
    words = [word for word, count in counts.items() if count]
    trie = marisa_trie.Trie(words)
    ordered = _in_trie_order(trie, {word: counts[word] for word in words})
    trie_bytes: bytes = trie.tobytes()
    corpus_trie = marisa_trie.Trie(corpus)
    corpus_bytes: bytes = corpus_trie.tobytes()
    corpus_counts = _in_trie_order(corpus_trie, corpus)
    longest = max((len(word) for word in words), default=1)
    header = _HEADER.pack(
        _MAGIC,
        total,
        longest,
        len(ordered),
        len(trie_bytes),
        len(corpus_bytes),
        len(corpus_counts),
    )
    return header + ordered + trie_bytes + corpus_bytes + corpus_counts


class _MappedTrie(marisa_trie.Trie):  # type: ignore[misc]
    """A trie read in place from ``buffer``, which it keeps alive: marisa's ``map`` copies and
    parses nothing (``frombytes`` of the two tries took a cold glossary 3 ms) and holds no
    reference to the buffer."""

    def __init__(self, buffer: memoryview) -> None:
        super().__init__()
        self.buffer = buffer
        self.map(buffer)


@dataclass(frozen=True)
class CompiledDictionary:
    """A loaded compiled dictionary: word counts, their total, the longest word, jieba's
    corpus words and their counts."""

    counts: WordCounts
    total: int
    longest: int
    corpus: marisa_trie.Trie
    corpus_counts: WordCounts

    @classmethod
    def load(cls, data: bytes | memoryview) -> CompiledDictionary:
        """Read a compiled dictionary; ValueError when it is not one (truncated, other)."""
        if len(data) < _HEADER.size:
            raise ValueError("truncated")
        magic, total, longest, *sizes = _HEADER.unpack_from(data)
        counts_size, trie_size, corpus_size, _ = sizes
        if magic != _MAGIC or _HEADER.size + sum(sizes) != len(data):
            raise ValueError("not a compiled segmentation dictionary")
        view = memoryview(data)
        offset = _HEADER.size
        counts = _read_counts(view[offset : offset + counts_size])
        offset += counts_size
        corpus_start = offset + trie_size
        corpus_end = corpus_start + corpus_size
        try:
            trie = _MappedTrie(view[offset:corpus_start])
            corpus = _MappedTrie(view[corpus_start:corpus_end])
        except RuntimeError as exc:  # marisa's error on a damaged trie
            raise ValueError(f"damaged trie ({exc})") from None
        corpus_counts = _read_counts(view[corpus_end:])
        if len(trie) != len(counts) or len(corpus) != len(corpus_counts):
            raise ValueError("words and counts differ in number")
        return cls(
            WordCounts(trie, counts), total, longest, corpus, WordCounts(corpus, corpus_counts)
        )


def _tokenizer_class() -> type[Any]:
    """Our ``jieba.Tokenizer`` subclass (jieba imported on first use, not with this module)."""
    global _TOKENIZER_CLASS
    if _TOKENIZER_CLASS is not None:
        return _TOKENIZER_CLASS
    jieba = _import_jieba()

    class TrieTokenizer(jieba.Tokenizer):  # type: ignore[misc, name-defined]
        """jieba's Tokenizer on a compiled dictionary: only the DAG is found differently.

        ``get_DAG`` lists, for each position, the ends of the dictionary words starting
        there, from the trie's prefix search: the same lists jieba's own scan through its
        prefix dict gives. The route, the HMM and ``cut`` are jieba's. Words cannot be added.
        """

        def __init__(self, compiled: CompiledDictionary) -> None:
            super().__init__()
            self.compiled = compiled
            self.FREQ = compiled.counts
            self.total = compiled.total
            self.initialized = True

        def initialize(self, dictionary: str | None = None) -> None:
            """Already initialised from the compiled dictionary."""

        def get_DAG(self, sentence: str) -> dict[int, list[int]]:
            prefixes = self.compiled.counts.trie.prefixes
            longest = self.compiled.longest
            dag: dict[int, list[int]] = {}
            for start in range(len(sentence)):
                ends = [start + len(w) - 1 for w in prefixes(sentence[start : start + longest])]
                dag[start] = ends or [start]
            return dag

        def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
            raise TypeError("the compiled segmentation dictionary is read-only")

    _TOKENIZER_CLASS = TrieTokenizer
    return TrieTokenizer


_TOKENIZER_CLASS: type[Any] | None = None
_PROSE_TOKENIZER_CLASS: type[Any] | None = None
_CORPUS_LONGEST = 16  # longest corpus word looked for when cutting prose


class _EitherCount:
    """A word's count in the lexicon or, written in simplified characters (``spelling``), in
    jieba's corpus, the larger (``get`` as on jieba's ``FREQ``). A corpus word counted no more
    than a word no corpus has (``_MIN_FREQUENCY``) is not counted: jieba lists many phrases
    so (很久没, 有点像)."""

    __slots__ = ("corpus", "lexicon", "spelling")

    def __init__(
        self, lexicon: WordCounts, corpus: WordCounts, spelling: Callable[[str], str]
    ) -> None:
        self.lexicon = lexicon
        self.corpus = corpus
        self.spelling = spelling

    def get(self, word: str, default: int = 0) -> int:
        counted = self.corpus.get(self.spelling(word))
        if counted <= _MIN_FREQUENCY:
            counted = 0
        return max(self.lexicon.get(word), counted) or default


def _prose_tokenizer_class() -> type[Any]:
    """Our tokenizer on the lexicon's words and jieba's corpus words together (see
    :meth:`Segmenter.prose_cutter`)."""
    global _PROSE_TOKENIZER_CLASS
    if _PROSE_TOKENIZER_CLASS is not None:
        return _PROSE_TOKENIZER_CLASS

    class ProseTokenizer(_tokenizer_class()):  # type: ignore[misc]
        """jieba's route through the words of both dictionaries, the corpus's read in the
        simplified spelling of the text (``spelling``, character for character)."""

        def __init__(self, compiled: CompiledDictionary, spelling: Callable[[str], str]) -> None:
            super().__init__(compiled)
            self.spelling = spelling
            self.FREQ = _EitherCount(compiled.counts, compiled.corpus_counts, spelling)

        def get_DAG(self, sentence: str) -> dict[int, list[int]]:
            dag: dict[int, list[int]] = super().get_DAG(sentence)
            simplified = self.spelling(sentence)
            if len(simplified) != len(sentence):
                return dag
            corpus = self.compiled.corpus.prefixes
            for start in range(len(sentence)):
                more = corpus(simplified[start : start + _CORPUS_LONGEST])
                ends = {
                    start + len(w) - 1
                    for w in more
                    if self.FREQ.get(sentence[start : start + len(w)])
                }
                if ends:
                    dag[start] = sorted(ends.union(dag[start]))
            return dag

    _PROSE_TOKENIZER_CLASS = ProseTokenizer
    return ProseTokenizer


def _import_jieba() -> Any:
    """Import jieba, silenced, without the ``pkg_resources`` it imports only to find its own
    default dictionary, which we never read (about 0.3 s, and a deprecation warning), and
    without loading its HMM model, which we never use (``cut`` is by dictionary only): its
    ``finalseg`` module loads when something calls it, not with jieba."""
    with _import_lock:
        if "jieba" not in sys.modules:
            blocked = "pkg_resources" not in sys.modules
            deferred = _HMM_MODULE not in sys.modules
            if blocked:
                sys.modules["pkg_resources"] = None  # type: ignore[assignment]
            if deferred:
                sys.modules[_HMM_MODULE] = _OnFirstUse(_HMM_MODULE)
            try:
                import jieba
            finally:
                if blocked and sys.modules.get("pkg_resources", 0) is None:
                    del sys.modules["pkg_resources"]
                if deferred and isinstance(sys.modules.get(_HMM_MODULE), _OnFirstUse):
                    del sys.modules[_HMM_MODULE]
    _silence_jieba()
    import jieba

    return jieba


_HMM_MODULE = "jieba.finalseg"


class _OnFirstUse(types.ModuleType):
    """Stands in for a module until one of its names is used, then imports the real one
    (which takes its place in ``sys.modules`` and on its package)."""

    def __getattr__(self, name: str) -> Any:
        with _import_lock:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            module = importlib.import_module(self.__name__)
        return getattr(module, name)


class Segmenter:
    """Cuts Han text into words; initialised on first use, safe to share between threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        identity = f"{lexicon.path.stem}-seg{SEGMENTER_VERSION}"
        self.dictionary_path = lexicon.settings.cache_dir / f"segment-{identity}.dict"
        self._lock = threading.Lock()
        self._tokenizer: Any = None

    @property
    def tokenizer(self) -> Any:
        """Our jieba Tokenizer, built (and its dictionary compiled) on first use."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = _tokenizer_class()(self._compiled())
        return self._tokenizer

    def _compiled(self) -> CompiledDictionary:
        """The compiled dictionary from the cache folder, compiled first when missing,
        unreadable or damaged (its seal does not match)."""
        try:
            return CompiledDictionary.load(unseal(self.dictionary_path.read_bytes()))
        except (OSError, ValueError):
            pass
        data = compile_dictionary(
            dictionary_lines(self.lexicon), _corpus_words(self.lexicon.settings.jieba_dict_path)
        )
        write_atomically(self.dictionary_path, seal(data), make_folder=True)
        return CompiledDictionary.load(data)

    def cut(self, text: str) -> tuple[str, ...]:
        """Words of ``text`` by dictionary only (no HMM guesses of unknown words)."""
        return tuple(w for w in self.tokenizer.cut(text, HMM=False) if w.strip())

    def prose_cutter(self, spelling: Callable[[str], str]) -> Callable[[str], tuple[str, ...]]:
        """A cut of Chinese prose by the words of the lexicon and of jieba's corpus together,
        the most probable route through both (总之 一通, not 总 之一 通; 在 后巷, not 在后 巷):
        prose holds the corpus's words that no dictionary defines. ``spelling`` gives a text's
        simplified spelling, character for character, in which the corpus is written."""
        tokenizer = _prose_tokenizer_class()(self.tokenizer.compiled, spelling)

        def cut(text: str) -> tuple[str, ...]:
            return tuple(w for w in tokenizer.cut(text, HMM=False) if w.strip())

        return cut

    def cut_guessing(self, text: str) -> tuple[str, ...]:
        """Words of ``text`` with jieba's HMM guessing words no dictionary has (names: 李华)."""
        return tuple(w for w in self.tokenizer.cut(text, HMM=True) if w.strip())

    def cut_inside(self, word: str) -> tuple[str, ...]:
        """The natural words inside ``word``, as if ``word`` itself were not a dictionary word.

        Returns ``(word,)`` when it cannot be split into anything but itself.
        """
        tokenizer = self.tokenizer
        n = len(word)
        if n < 2:
            return (word,)
        freq: WordCounts = tokenizer.FREQ
        log_total = math.log(tokenizer.total)
        # Best split by jieba's probability, a single character before the last piece costing
        # a factor of _INNER_SINGLE_COST (a final single character is usually a suffix: 开发|区,
        # 办公|社, not 办|公社); a rare word does not win by it alone: 长|三角, not 长三|角.
        inner_cost = math.log(_INNER_SINGLE_COST)
        best: list[tuple[float, int] | None] = [None] * (n + 1)
        best[0] = (0.0, 0)
        for start in range(n):
            current = best[start]
            if current is None:
                continue
            for end in range(start + 1, min(n, start + _MAX_WORD) + 1):
                if start == 0 and end == n:
                    continue
                piece = word[start:end]
                count = freq.get(piece, 0)
                if end - start > 1 and not count:
                    continue
                inner_single = end - start == 1 and end < n
                score = current[0] + math.log(max(count, 1)) - log_total
                candidate = (score - (inner_cost if inner_single else 0.0), start)
                previous = best[end]
                if previous is None or candidate[0] > previous[0]:
                    best[end] = candidate
        pieces = []
        end = n
        while end > 0:
            step = best[end]
            assert step is not None  # every position is reachable by single characters
            pieces.append(word[step[1] : end])
            end = step[1]
        return tuple(reversed(pieces))

    def corpus_word(self, word: str) -> bool:
        """True when jieba's own dictionary (words counted in a corpus, no meanings) lists
        ``word``: 特大城市 is a word there though no dictionary we read defines it. Kept in
        the compiled dictionary."""
        return word in self.tokenizer.compiled.corpus

    def is_known(self, word: str) -> bool:
        """True when the segmentation dictionary has ``word``."""
        return bool(self.tokenizer.FREQ.get(word))


# jieba's tag of a status word: a thing and how it is (阵容庞大 "the line-up is huge",
# 干干净净), a description said of something, not a name of one: its words are the terms.
_PHRASE_TAGS = frozenset(["z"])


def _corpus_words(path: Path) -> dict[str, int]:
    """The words (two characters or more) of jieba's dictionary file (``word count tag``),
    but for status words (see ``_PHRASE_TAGS``), with their counts."""
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"unreadable word list ({exc})") from None
    fields = (line.split(" ") for line in text.splitlines())
    return {
        parts[0]: int(parts[1])
        for parts in fields
        if len(parts[0]) > 1 and len(parts) > 1 and parts[-1] not in _PHRASE_TAGS
    }


def segmenter_for(lexicon: Lexicon) -> Segmenter:
    """The shared segmenter of a lexicon (one per index file; created lazily)."""
    with _segmenters_lock:
        segmenter = _segmenters.get(lexicon.path)
        if segmenter is None or segmenter.lexicon.settings.cache_dir != lexicon.settings.cache_dir:
            segmenter = Segmenter(lexicon)
            _segmenters[lexicon.path] = segmenter
        return segmenter
