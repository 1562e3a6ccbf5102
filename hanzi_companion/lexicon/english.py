"""English as a student types it, matched against dictionary glosses: the one place for the
search's language knowledge (function words, a light stemmer, a small synonym table) and its
scoring of one gloss against a query.

A query is a handful of *concepts* (its content words). A gloss matches a concept by the same
word, by a word of the same stem (``innovate`` / ``innovation``) or by a synonym from the table
(``business`` / ``enterprise``); words in parentheses count less, and words of the gloss that
match nothing make it a looser fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from hanzi_companion.patterns import LazyPattern

# Words that carry no meaning of their own in a query or a gloss ("to start a business").
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "and",
        "or",
        "as",
        "be",
        "is",
        "are",
        "it",
        "its",
        "one",
        "one's",
        "oneself",
        "sb",
        "sth",
        "sb's",
        "someone",
        "something",
        "etc",
        "esp",
        "e",
        "g",
        "i",
        "fig",
        "lit",
    ]
)

# Pairs of words (or phrases) a student uses for what CC-CEDICT glosses otherwise. Each pair
# works both ways; keep it small and general (no word of any one deck).
_SYNONYM_PAIRS = (
    ("business", "enterprise"),
    ("business", "company"),
    ("business", "firm"),
    ("company", "firm"),
    ("start", "begin"),
    ("start", "found"),
    ("start", "launch"),
    ("start", "open"),
    ("start", "set up"),
    ("copycat", "knockoff"),
    ("copycat", "knock off"),
    ("copycat", "counterfeit"),
    ("copycat", "imitation"),
    ("fake", "counterfeit"),
    ("fake", "knockoff"),
    ("copy", "imitation"),
    ("copy", "counterfeit"),
    ("copy", "knockoff"),
    ("online", "internet"),
    ("online", "web"),
    ("mobile", "cell"),
    ("phone", "telephone"),
    ("car", "automobile"),
    ("buy", "purchase"),
    ("shop", "store"),
    ("shopping", "purchase"),
    ("movie", "film"),
    ("job", "employment"),
    ("big", "large"),
    ("small", "little"),
    ("fast", "quick"),
    ("rich", "wealthy"),
    ("town", "city"),
    ("country", "nation"),
    ("house", "home"),
    ("student", "pupil"),
    ("teacher", "instructor"),
    ("happy", "glad"),
    ("trip", "journey"),
)

# Suffixes the stemmer strips, longest first; what is left keeps at least four letters.
_SUFFIXES = ("ions", "ion", "ings", "ing", "ers", "er", "ors", "or", "ed", "es", "s", "e")
_MIN_STEM = 4
_WORD = LazyPattern(r"[^\W_]+(?:'s)?")
_PARENTHESES = LazyPattern(r"\([^)]*\)")

EXACT, SAME_STEM, SYNONYM = 1.0, 0.85, 0.7
ASIDE = 0.7  # a word in parentheses counts this much
LOOSE = 0.15  # lost for each word of the gloss that matches nothing (up to four)
EVIDENCE_STEP = 0.1  # gained for each further sense that says the whole query (up to two)
# Commonness, the tie-breaker among close matches: log10 of the corpus count, and the HSK
# level (HSK 1 most, the 7-9 band and words outside the lists least).
FREQUENCY_WEIGHT = 0.3
# Lost per doubling of an entry's senses: a character with twenty senses, one of them the
# query's, is a less likely answer than a word with a few.
POLYSEMY = 0.15
HSK_TOP = 7
HSK_STEP = 0.12


def words(text: str) -> tuple[str, ...]:
    """Lowercase words of a text, hyphenated words split."""
    return tuple(_WORD.findall(text.lower().replace("-", " ")))


def content_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in words(text) if w not in FUNCTION_WORDS)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem: ``innovation``, ``innovate``, ``innovating`` -> ``innovat``;
    ``companies`` -> ``company``; short words and ``-ss`` words stay whole."""
    if word.endswith("ies") and len(word) - 3 >= _MIN_STEM - 1:
        return word[:-3] + "y"
    if word.endswith("ss"):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _synonym_table() -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for one, other in _SYNONYM_PAIRS:
        table.setdefault(one, []).append(tuple(other.split()))
        table.setdefault(other, []).append(tuple(one.split()))
    return {word: tuple(phrases) for word, phrases in table.items()}


SYNONYMS = _synonym_table()


def synonyms(word: str) -> tuple[tuple[str, ...], ...]:
    """Synonyms of a query word, each as a sequence of words."""
    return SYNONYMS.get(word, ())


@dataclass(frozen=True)
class Query:
    """An English query as concepts: each content word with its stem and synonyms."""

    text: str
    concepts: tuple[str, ...]
    content: bool = True  # False: a query of function words only ("to be"), matched as is

    @classmethod
    def parse(cls, text: str) -> Query:
        found = content_words(text)
        if found:
            return cls(text, tuple(dict.fromkeys(found)))
        return cls(text, tuple(dict.fromkeys(words(text))), content=False)

    def retrieval_terms(self) -> tuple[tuple[str, ...], ...]:
        """For each concept, the FTS terms that may find it: its stem as a prefix, and its
        synonyms as phrases."""
        terms = []
        for concept in self.concepts:
            options = [f'"{stem(concept)}"*']
            options += ['"' + " ".join(phrase) + '"' for phrase in synonyms(concept)]
            terms.append(tuple(options))
        return tuple(terms)


@dataclass(frozen=True)
class GlossMatch:
    """How well one gloss (one sense of an entry) matches a query."""

    coverage: float  # 0..1: the query's concepts found, weighted by how
    complete: bool  # every concept found
    loose: float  # words of the gloss that match no concept (in parentheses: half each)

    @property
    def relevance(self) -> float:
        return self.coverage - LOOSE * min(self.loose, 4)

    @property
    def tier(self) -> int:
        """0: the sense says the query and nothing else; 1: a word or two more; 2: looser."""
        if not self.complete:
            return 3
        return 0 if self.loose <= 0.5 else 1 if self.loose <= 2 else 2


def _concept_weight(
    concept: str, tokens: tuple[str, ...], stems: tuple[str, ...]
) -> tuple[float, set[int]]:
    """Best weight of one concept in a gloss's content words, and the positions it used."""
    if concept in tokens:
        return EXACT, {tokens.index(concept)}
    root = stem(concept)
    if root in stems:
        return SAME_STEM, {stems.index(root)}
    for phrase in synonyms(concept):
        size = len(phrase)
        for start in range(len(tokens) - size + 1):
            if tokens[start : start + size] == phrase:
                return SYNONYM, set(range(start, start + size))
    return 0.0, set()


def match_gloss(query: Query, gloss: str) -> GlossMatch:
    """Score one gloss: concepts found (in parentheses they count less), words left over."""
    vocabulary = content_words if query.content else words
    main = vocabulary(_PARENTHESES.sub(" ", gloss))
    aside = vocabulary(" ".join(_PARENTHESES.findall(gloss)))
    main_stems = tuple(stem(t) for t in main)
    aside_stems = tuple(stem(t) for t in aside)
    total = 0.0
    complete = True
    used_main: set[int] = set()
    used_aside: set[int] = set()
    for concept in query.concepts:
        weight, used = _concept_weight(concept, main, main_stems)
        if weight < EXACT:
            aside_weight, aside_used = _concept_weight(concept, aside, aside_stems)
            if aside_weight * ASIDE > weight:
                weight, used = aside_weight * ASIDE, set()
                used_aside |= aside_used
        complete = complete and weight > 0
        total += weight
        used_main |= used
    loose = len(main) - len(used_main) + 0.5 * (len(aside) - len(used_aside))
    return GlossMatch(total / max(len(query.concepts), 1), complete, loose)


def gloss_parts(definitions: tuple[str, ...]) -> tuple[str, ...]:
    """An entry's senses as separate glosses (``to open; to start`` is two)."""
    return tuple(p.strip() for d in definitions for p in d.split(";") if p.strip())
