"""Search the index by characters, by pinyin (any tone notation) or by English words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hanzi_companion.lexicon import pinyin as py
from hanzi_companion.lexicon.models import Entry, QueryKind, SearchHit, SearchResults

if TYPE_CHECKING:
    from hanzi_companion.lexicon.lexicon import Lexicon

_COLUMNS = "traditional, simplified, pinyin, senses, classifiers, source, note, frequency"
_CANDIDATES = 400  # rows fetched per tier before ranking in Python
_PARENTHESES = re.compile(r"\([^)]*\)")


def is_han(ch: str) -> bool:
    """True for a CJK ideograph in any block (unified, extensions, compatibility)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x323AF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
        or ch == "〇"
    )


def detect(query: str) -> tuple[QueryKind, tuple[QueryKind, ...]]:
    """The kind a query is read as, and the other kinds it could also be read as."""
    if any(is_han(ch) for ch in query):
        return QueryKind.HANZI, ()
    if py.is_pinyin(query):
        plain_word = bool(re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+)*", query))
        return QueryKind.PINYIN, ((QueryKind.ENGLISH,) if plain_word else ())
    return QueryKind.ENGLISH, ()


def search(
    lexicon: Lexicon, query: str, *, kind: QueryKind | None = None, limit: int = 50
) -> SearchResults:
    """Run a search; ``query`` is already normalised by the lexicon."""
    detected, also = detect(query)
    if kind is not None and kind != detected:
        detected, also = kind, ()
    if detected == QueryKind.HANZI:
        hits = _by_hanzi(lexicon, query, limit)
    elif detected == QueryKind.PINYIN:
        hits = _by_pinyin(lexicon, query, limit)
        if also:
            # Read as both: exact pinyin matches, then English ones, then pinyin prefixes.
            english = _by_english(lexicon, query, max(5, limit // 3))
            exact = [h for h in hits if h.match == "exact"]
            hits = _dedupe(exact + english + [h for h in hits if h.match != "exact"])
    else:
        hits = _by_english(lexicon, query, limit)
    return SearchResults(query=query, kind=detected, hits=tuple(hits[:limit]), also=also)


def _rows(lexicon: Lexicon, sql: str, params: tuple[object, ...]) -> list[Entry]:
    from hanzi_companion.lexicon.lexicon import row_to_entry

    return [row_to_entry(row) for row in lexicon.query(sql, params)]


def _dedupe(hits: list[SearchHit]) -> list[SearchHit]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for hit in hits:
        key = (hit.entry.traditional, hit.entry.simplified, hit.entry.pinyin_numbered)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


def _by_hanzi(lexicon: Lexicon, query: str, limit: int) -> list[SearchHit]:
    kind = QueryKind.HANZI
    hits = [SearchHit(e, "exact", kind) for e in lexicon.lookup(query)]
    upper = query + "\U0010ffff"
    prefix = _rows(
        lexicon,
        f"SELECT {_COLUMNS} FROM entries WHERE ((simplified > ? AND simplified < ?) "
        "OR (traditional > ? AND traditional < ?)) ORDER BY frequency DESC, length, rank LIMIT ?",
        (query, upper, query, upper, limit),
    )
    # Start from the rarest character of the query, then check the whole string.
    counts = {
        ch: int(str(lexicon.query("SELECT COUNT(*) FROM chars WHERE char = ?", (ch,))[0][0]))
        for ch in set(query)
    }
    rarest = min(counts, key=lambda ch: counts[ch])
    contains = _rows(
        lexicon,
        f"SELECT {_COLUMNS} FROM entries WHERE id IN (SELECT entry FROM chars WHERE char = ?) "
        "AND (instr(simplified, ?) > 1 OR instr(traditional, ?) > 1) "
        "ORDER BY frequency DESC, length, rank LIMIT ?",
        (rarest, query, query, limit),
    )
    # Words starting with the query come first, but leave room for words containing it.
    room = max(limit * 3 // 5, limit - len(hits) - len(contains))
    hits += [SearchHit(e, "prefix", kind) for e in prefix[:room]]
    hits += [SearchHit(e, "contains", kind) for e in contains]
    return _dedupe(hits)[:limit]


def _tones_match(entry: Entry, syllables: tuple[py.Syllable, ...]) -> bool:
    tokens = entry.pinyin_numbered.split()
    if len(tokens) != len(syllables):
        return False
    return all(
        syllable.tone is None or py.tone_of(token) == syllable.tone
        for token, syllable in zip(tokens, syllables, strict=True)
    )


def _by_pinyin(lexicon: Lexicon, query: str, limit: int) -> list[SearchHit]:
    syllables = py.parse_syllables(query)
    if syllables is None:
        return []
    kind = QueryKind.PINYIN
    key = "".join(s.letters.replace("ü", "v") for s in syllables)
    exact = _rows(
        lexicon,
        f"SELECT {_COLUMNS} FROM entries WHERE toneless = ? ORDER BY frequency DESC, rank LIMIT ?",
        (key, _CANDIDATES),
    )
    exact = [e for e in exact if _tones_match(e, syllables)]
    exact.sort(
        key=lambda e: (e.is_reference_only or e.is_variant_only, e.is_proper_noun, -e.frequency)
    )
    hits = [SearchHit(e, "exact", kind) for e in exact]
    if len(hits) < limit:
        prefix = _rows(
            lexicon,
            f"SELECT {_COLUMNS} FROM entries WHERE toneless > ? AND toneless < ? "
            "ORDER BY frequency DESC, length LIMIT ?",
            (key, key + "~", limit * 4),
        )
        hits += [SearchHit(e, "prefix", kind) for e in prefix if _prefix_tones_match(e, syllables)]
    return _dedupe(hits)[:limit]


def _prefix_tones_match(entry: Entry, syllables: tuple[py.Syllable, ...]) -> bool:
    tokens = entry.pinyin_numbered.split()[: len(syllables)]
    if len(tokens) < len(syllables):
        return False
    return all(
        s.tone is None or py.tone_of(t) == s.tone for t, s in zip(tokens, syllables, strict=True)
    )


def _fts_phrase(query: str) -> str | None:
    words = re.findall(r"[^\W_]+", query.lower())
    if not words:
        return None
    return '"' + " ".join(words) + '"'


def _gloss_tier(entry: Entry, query: str) -> int:
    """0: a sense is the query; 1: a sense is 'to <query>' or starts with it; 2: elsewhere."""
    wanted = " ".join(re.findall(r"[^\W_]+", query.lower()))
    best = 2
    for sense in entry.senses:
        text = " ".join(re.findall(r"[^\W_]+", _PARENTHESES.sub("", sense.text).lower()))
        if text == wanted:
            return 0
        if text in (f"to {wanted}", f"a {wanted}", f"the {wanted}", f"an {wanted}"):
            best = min(best, 1)
    return best


def _by_english(lexicon: Lexicon, query: str, limit: int) -> list[SearchHit]:
    phrase = _fts_phrase(query)
    if phrase is None:
        return []
    entries = _rows(
        lexicon,
        f"SELECT {_COLUMNS} FROM entries WHERE id IN "
        "(SELECT rowid FROM english WHERE english MATCH ?) ORDER BY frequency DESC LIMIT ?",
        (phrase, _CANDIDATES * 5),
    )
    ranked = sorted(
        entries,
        key=lambda e: (
            _gloss_tier(e, query),
            e.is_reference_only or e.is_variant_only,
            e.is_proper_noun or e.is_surname_only,
            -e.frequency,
        ),
    )
    hits = [
        SearchHit(
            e, "gloss-exact" if _gloss_tier(e, query) < 2 else "gloss-word", QueryKind.ENGLISH
        )
        for e in ranked
    ]
    return _dedupe(hits)[:limit]
