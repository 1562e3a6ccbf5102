"""Word segmentation with our own jieba ``Tokenizer`` on the lexicon's headwords.

This is the only module that imports jieba. The segmenter's dictionary is every headword of
the lexicon (CC-CEDICT, the course dictionary, user dictionaries; simplified and traditional)
with jieba's word counts, so dictionary words such as 创客 or 山寨 and course terms such as 双创
stay whole. The dictionary file and jieba's own prefix cache live in the cache folder, named
after the lexicon index they come from, and are written atomically. ``jieba.dt`` is never used.
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import logging
import math
import re
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


class _OneLine(logging.Filter):
    """jieba logs a traceback when it cannot write its prefix cache (the run goes on without
    it): one line with the cause is enough."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = f"jieba: {record.getMessage()} ({record.exc_info[1]})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def _silence_jieba() -> None:
    """jieba logs at DEBUG to stderr on every initialisation; keep only its warnings, each on
    one line, once."""
    global _logger_silenced
    with _logger_lock:
        if not _logger_silenced:
            logger = logging.getLogger("jieba")
            logger.setLevel(logging.WARNING)
            logger.addFilter(_OneLine())
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
        self._identity = identity
        self.dictionary_path = lexicon.settings.cache_dir / f"segment-{identity}.txt"
        # jieba's prefix cache; named after the word list's version once started.
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
        import jieba  # noqa: F401  (its import sets its logger to DEBUG: silenced after it)

        _silence_jieba()
        if not _sound_word_list(self.dictionary_path):
            self._write_word_list()
        try:
            return self._tokenizer_on_word_list()
        except ValueError:
            # jieba refused a line of the word list (damaged in a way the cheap check missed):
            # write it again from the lexicon, once.
            self._write_word_list()
            try:
                return self._tokenizer_on_word_list()
            except ValueError as exc:
                raise DataFileError(self.dictionary_path, f"unusable word list ({exc})") from None

    def _write_word_list(self) -> None:
        write_atomically(
            self.dictionary_path, "".join(dictionary_lines(self.lexicon)), make_folder=True
        )

    def _tokenizer_on_word_list(self) -> Any:
        """A jieba Tokenizer on the word list, its prefix cache named after the list's size and
        time: a cache made from another version of the list (a damaged one) is never read."""
        import jieba

        stat = self.dictionary_path.stat()
        prefix = f"segment-{self._identity}"
        cache = self.dictionary_path.with_name(
            f"{prefix}-{stat.st_size}-{stat.st_mtime_ns}{_JIEBA_CACHE}"
        )
        tokenizer = jieba.Tokenizer(dictionary=str(self.dictionary_path))
        tokenizer.tmp_dir = str(cache.parent)
        tokenizer.cache_file = cache.name
        tokenizer.initialize()
        if tokenizer.total <= 0:
            raise ValueError("no word counts")
        self.cache_path = cache
        _remove_other_caches(cache, prefix)
        return tokenizer

    def cut(self, text: str) -> tuple[str, ...]:
        """Words of ``text`` by dictionary only (no HMM guesses of unknown words)."""
        return tuple(w for w in self.tokenizer.cut(text, HMM=False) if w.strip())

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


_JIEBA_CACHE = ".jieba.cache"
_WORD_LINE = re.compile(rb"[^ \n]+ [0-9]+")


def _sound_word_list(path: Path) -> bool:
    """A cheap check of the segmentation word list (``word count`` lines): there, not empty,
    its first and last lines whole. An empty, truncated or overwritten list is written again."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as stream:
            head = stream.read(256)
            stream.seek(max(0, size - 256))
            tail = stream.read()
    except OSError:
        return False
    if not head or not tail.endswith(b"\n"):
        return False
    first = head.split(b"\n", 1)[0]
    last = tail[:-1].rsplit(b"\n", 1)[-1]
    return all(_WORD_LINE.fullmatch(line) for line in (first, last)) and _utf8(first + last)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _remove_other_caches(current: Path, prefix: str) -> None:
    """jieba prefix caches of earlier versions of the same word list: never read again."""
    for other in current.parent.glob(f"{glob.escape(prefix)}*{_JIEBA_CACHE}"):
        if other != current:
            with contextlib.suppress(OSError):
                other.unlink()


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
