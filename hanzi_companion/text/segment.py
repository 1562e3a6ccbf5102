"""Word segmentation with our own jieba ``Tokenizer`` on the lexicon's headwords.

This is the only module that imports jieba. The segmenter's dictionary is every headword of
the lexicon (CC-CEDICT, the course dictionary, user dictionaries; simplified and traditional)
with jieba's word counts, so dictionary words such as 创客 or 山寨 and course terms such as 双创
stay whole. The dictionary file and jieba's own prefix cache live in the cache folder, named
after the lexicon index they come from, and are written atomically. ``jieba.dt`` is never used.
"""

from __future__ import annotations

import gzip
import logging
import math
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hanzi_companion.errors import DataFileError
from hanzi_companion.files import write_atomically
from hanzi_companion.lexicon import Lexicon

# Bump when the way the segmentation dictionary is built changes.
SEGMENTER_VERSION = "3"

# Words the lexicon knows but jieba never counted get at least this count; a long dictionary
# word must still beat the split into its characters, see ``_unseen_frequency``.
_MIN_FREQUENCY = 3
_MAX_WORD = 12  # longest piece considered when splitting an unseen word
# How much less likely a split is for each single character inside a word (not at its end).
_INNER_SINGLE_COST = 20.0

_logger_lock = threading.Lock()
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


class Segmenter:
    """Cuts Han text into words; initialised on first use, safe to share between threads."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        identity = f"{lexicon.path.stem}-seg{SEGMENTER_VERSION}"
        self.dictionary_path = lexicon.settings.cache_dir / f"segment-{identity}.txt"
        self.cache_path = lexicon.settings.cache_dir / f"segment-{identity}.jieba.cache"
        self._lock = threading.Lock()
        self._tokenizer: Any = None
        self._corpus: frozenset[str] | None = None

    @property
    def tokenizer(self) -> Any:
        """Our jieba Tokenizer, built (and its dictionary written) on first use."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._start()
        return self._tokenizer

    def _start(self) -> Any:
        import jieba

        _silence_jieba()

        if not self.dictionary_path.is_file():
            write_atomically(
                self.dictionary_path, "".join(dictionary_lines(self.lexicon)), make_folder=True
            )
        tokenizer = jieba.Tokenizer(dictionary=str(self.dictionary_path))
        tokenizer.tmp_dir = str(self.cache_path.parent)
        tokenizer.cache_file = self.cache_path.name
        tokenizer.initialize()
        return tokenizer

    def cut(self, text: str) -> tuple[str, ...]:
        """Words of ``text`` by dictionary only (no HMM guesses of unknown words)."""
        return tuple(w for w in self.tokenizer.cut(text, HMM=False) if w.strip())

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
        freq: dict[str, int] = tokenizer.FREQ
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
        ``word``: 特大城市 is a word there though no dictionary we read defines it. Read on
        first use, once per segmenter."""
        if self._corpus is None:
            with self._lock:
                if self._corpus is None:
                    self._corpus = _corpus_words(self.lexicon.settings.jieba_dict_path)
        return word in self._corpus

    def is_known(self, word: str) -> bool:
        """True when the segmentation dictionary has ``word``."""
        return bool(self.tokenizer.FREQ.get(word))


def _corpus_words(path: Path) -> frozenset[str]:
    """The words (two characters or more) of jieba's dictionary file (``word count tag``)."""
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"unreadable word list ({exc})") from None
    return frozenset(
        word for word in (line.split(" ", 1)[0] for line in text.splitlines()) if len(word) > 1
    )


def segmenter_for(lexicon: Lexicon) -> Segmenter:
    """The shared segmenter of a lexicon (one per index file; created lazily)."""
    with _segmenters_lock:
        segmenter = _segmenters.get(lexicon.path)
        if segmenter is None or segmenter.lexicon.settings.cache_dir != lexicon.settings.cache_dir:
            segmenter = Segmenter(lexicon)
            _segmenters[lexicon.path] = segmenter
        return segmenter
