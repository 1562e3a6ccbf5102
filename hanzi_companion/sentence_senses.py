"""Which sense of a word graded example sentences use, counted once into a small data file.

Each sentence of hsk-sentences-audio gives its word tokens and an English translation. A
token's senses (each with its reading) are matched against the translation's content words;
a word of the translation that several of the sentence's tokens could express counts for each
of them in part (in 用筷子吃饭 "eat with chopsticks", "eat" is mostly 吃's, "use" only 用's).
The sense a sentence supports best gets its vote; senses that share all the matched words
share the vote. A word's usual sense is the one with the most votes (of tied ones, the dictionary's
first), when enough sentences vote for it.

The counts depend only on bundled data, so they are written once to
``dictionaries/usual_senses.tsv`` (``python -m hanzi_companion.sentence_senses``) and read by
the lexicon; a test regenerates the file and compares.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.models import Entry
from hanzi_companion.lexicon.sentences import Sentence, read_sentences
from hanzi_companion.lexicon.usual_senses import USUAL_SENSES_FILE, UsualSense, format_table
from hanzi_companion.patterns import compile_pattern
from hanzi_companion.senses import GLUE_WORDS, Candidate, candidates, is_plain_meaning, stem
from hanzi_companion.settings import Settings

# A usual sense needs this many sentences' votes: one sentence may be a translator's choice.
MIN_VOTES = 2.0
# ... and the votes of this share of the word's sentences: a word whose everyday sense is
# grammar (了, 的, 是) has sentences whose English says another of its senses only by chance.
MIN_SHARE = 0.1
# A word of more translations than this is common English ("with", "at", "very"): a sentence
# saying it is weaker evidence, in proportion.
COMMON_WORD = 30
# Notes in parentheses say how a sense is used ("(before a verb)", "(bound form)"), not what
# it means: a translation never says them.
_NOTE = compile_pattern(r"\([^)]*\)")
_REFERENCE = compile_pattern(r"[^\x00-\x7f]+(?:\[[^\]]*\])?|\[[^\]]*\]")


@dataclass(frozen=True)
class _Meaning:
    """One plain meaning of a word, in one reading, with the words that say it."""

    reading: str
    text: str
    stems: frozenset[str]
    bound: bool  # "(bound form)": only inside longer words, never a token alone
    order: int  # its place among the word's candidates (the dictionary's order)


_WORD = compile_pattern(r"[a-z]+(?:'[a-z]+)?")


@lru_cache(maxsize=65536)
def words_of(text: str) -> frozenset[str]:
    """Stems of the words of an English text, all but :data:`senses.GLUE_WORDS`."""
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in GLUE_WORDS)


def meaning_stems(text: str) -> frozenset[str]:
    """The words of a definition that say its meaning, without its notes and Chinese
    cross-references; of a verb ("to eat at", "to divide into ten parts") only the verb, as
    a translation that says "at" or "ten" does not say "to eat at" or "to divide"."""
    stems: set[str] = set()
    for item in _REFERENCE.sub(" ", _NOTE.sub(" ", text)).split(";"):
        words = [w for w in _WORD.findall(item.lower()) if w not in GLUE_WORDS]
        if item.strip().lower().startswith("to ") and words:
            words = words[:1]
        stems.update(stem(w) for w in words)
    return frozenset(stems)


def meanings_of(entries: Iterable[Entry]) -> tuple[_Meaning, ...]:
    """The plain meanings of a word (no names, notes, variants or classifiers)."""
    out = []
    for order, candidate in enumerate(candidates(entries)):
        stems = meaning_stems(candidate.sense.text)
        if stems and _countable(candidate):
            text = candidate.sense.text
            out.append(
                _Meaning(candidate.entry.pinyin_numbered, text, stems, "bound form" in text, order)
            )
    return tuple(out)


def _countable(candidate: Candidate) -> bool:
    """A plain meaning, not a usage note ("(jocular) used to indicate ...")."""
    described = _NOTE.sub(" ", candidate.sense.text).strip()
    return (
        is_plain_meaning(candidate)
        and not candidate.entry.is_proper_noun
        and not described.startswith("used ")
    )


def sentence_votes(
    sentence: Sentence,
    meanings: Callable[[str], tuple[_Meaning, ...]],
    weight: Callable[[str], float],
) -> Iterable[tuple[str, _Meaning, float]]:
    """(word, meaning, vote) for each token of ``sentence`` whose meaning the translation says.

    A meaning scores by its best word: how telling the word is (``weight``), shared among the
    tokens that could say it. The best meanings share the vote; a bound form ("(bound form)
    to teach") gives way to a free one, as a token is a free word."""
    said = words_of(sentence.translation)
    words = list(dict.fromkeys(sentence.tokens))
    claims: Counter[str] = Counter()
    for word in words:
        claims.update(frozenset().union(*(m.stems for m in meanings(word))) & said)
    for word in words:
        scored = [
            (max(weight(s) / claims[s] for s in m.stems & said), m)
            for m in meanings(word)
            if m.stems & said
        ]
        if not scored:
            continue
        best = max(value for value, _ in scored)
        winners = [m for value, m in scored if value == best]
        free = [m for m in winners if not m.bound] or winners
        for meaning in free:
            yield word, meaning, best / len(free)


@dataclass
class _Tally:
    """Votes by word and meaning, by wording of a meaning, and sentences by word."""

    votes: defaultdict[str, defaultdict[_Meaning, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )
    wordings: defaultdict[_Meaning, defaultdict[int, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )
    heard: Counter[str] = field(default_factory=Counter)


def wordings_of(text: str) -> list[str]:
    """The wordings of one definition, as CC-CEDICT separates them: "beforehand; first"."""
    return [item.strip() for item in text.split(";")]


def tally(sentences: Iterable[Sentence], lookup: Callable[[str], tuple[Entry, ...]]) -> _Tally:
    """The votes each word's meanings get, the sentences that say each wording of them in
    full, and how many sentences hold each word."""
    sentences = list(sentences)
    cache: dict[str, tuple[_Meaning, ...]] = {}

    def meanings(word: str) -> tuple[_Meaning, ...]:
        if word not in cache:
            cache[word] = meanings_of(lookup(word))
        return cache[word]

    used = Counter(w for s in sentences for w in words_of(s.translation))

    def weight(word: str) -> float:
        """1 for a word few translations use, less for "with", "at", "very"."""
        return min(1.0, COMMON_WORD / used[word])

    out = _Tally()
    for sentence in sentences:
        out.heard.update(set(sentence.tokens))
        said = words_of(sentence.translation)
        for word, meaning, vote in sentence_votes(sentence, meanings, weight):
            out.votes[word][meaning] += vote
            for index, wording in enumerate(wordings_of(meaning.text)):
                stems = meaning_stems(wording)
                if stems and stems <= said:
                    out.wordings[meaning][index] += 1  # the common word is the everyday one

    return out


def usual_wording(meaning: _Meaning, votes: dict[int, float]) -> str:
    """The wording of a meaning its sentences say most, when they hardly say the first one:
    the dictionary's first wording is its main one, and stays whenever the sentences use it
    too (也 "also", though they say "too" more; 有 "to have"); 先 "first" of "beforehand;
    first; earlier", as no sentence says "beforehand"."""
    if not votes:
        return ""
    index = min(votes, key=lambda i: (-votes[i], i))
    if index == 0 or votes[index] < MIN_VOTES or votes.get(0, 0.0) >= MIN_VOTES:
        return ""
    return wordings_of(meaning.text)[index]


def usual_senses(
    sentences: Iterable[Sentence], lookup: Callable[[str], tuple[Entry, ...]]
) -> list[UsualSense]:
    """The usual sense of every word the sentences give one, sorted by word."""
    counted = tally(sentences, lookup)
    table = []
    for word in sorted(counted.votes):
        votes = counted.votes[word]
        ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0].order))
        top, count = ranked[0]  # senses tied on the same words: the dictionary's first
        heard = counted.heard[word]
        if count < MIN_VOTES or count < MIN_SHARE * heard:
            continue
        wording = usual_wording(top, counted.wordings[top])
        table.append(UsualSense(word, top.reading, top.text, round(count, 2), heard, wording))
    return table


def bundled_settings(settings: Settings | None = None) -> Settings:
    """The settings the table is made with: the bundled dictionaries only."""
    base = settings or Settings.from_env()
    return base.with_changes(user_dictionaries=(), course_dictionaries=())


def make_table(settings: Settings) -> str:
    """The text of ``usual_senses.tsv`` for the bundled data of ``settings``."""
    settings = bundled_settings(settings)
    lexicon = Lexicon.open(settings)
    return format_table(usual_senses(read_sentences(settings), lexicon.lookup))


def main(argv: list[str] | None = None) -> int:
    """Write the table: ``python -m hanzi_companion.sentence_senses [OUT]``."""
    args = sys.argv[1:] if argv is None else argv
    settings = bundled_settings()
    out = Path(args[0]) if args else settings.data_path(USUAL_SENSES_FILE)
    text = make_table(settings)
    out.write_text(text, encoding="utf-8")
    print(f"{out.name}: {text.count(chr(10)) - 1} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
