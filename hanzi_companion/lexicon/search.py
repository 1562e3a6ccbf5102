"""Search the index by characters, by pinyin (any tone notation) or by English words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal, overload

from hanzi_companion.lexicon import pinyin as py
from hanzi_companion.lexicon.index import normalise_gloss, strip_gloss_particle
from hanzi_companion.lexicon.models import Entry, QueryKind, SearchHit, SearchResults

if TYPE_CHECKING:
    from hanzi_companion.lexicon.lexicon import Lexicon

_COLUMNS = "traditional, simplified, pinyin, senses, classifiers, source, note, frequency"
_CANDIDATES = 400  # rows fetched per tier before ranking in Python


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


@overload
def _rows(
    lexicon: Lexicon, sql: str, params: tuple[object, ...], *, with_id: Literal[False] = ...
) -> list[Entry]: ...


@overload
def _rows(
    lexicon: Lexicon, sql: str, params: tuple[object, ...], *, with_id: Literal[True]
) -> list[tuple[int, Entry]]: ...


def _rows(
    lexicon: Lexicon, sql: str, params: tuple[object, ...], *, with_id: bool = False
) -> list[Entry] | list[tuple[int, Entry]]:
    from hanzi_companion.lexicon.lexicon import row_to_entry

    rows = lexicon.query(sql, params)
    if with_id:
        return [(int(str(row[0])), row_to_entry(row[1:])) for row in rows]
    return [row_to_entry(row) for row in rows]


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


def _by_english(lexicon: Lexicon, query: str, limit: int) -> list[SearchHit]:
    """Whole-word English search: glosses equal to the query first, then by frequency."""
    phrase = _fts_phrase(query)
    if phrase is None:
        return []
    norm = normalise_gloss(query)
    bare = strip_gloss_particle(norm)
    exact_rows = lexicon.query(
        "SELECT entry, MIN(tier + (norm != ?) * 2) FROM glosses WHERE norm IN (?, ?) "
        "GROUP BY entry",
        (norm, norm, bare),
    )
    tiers = {int(str(entry)): int(str(tier)) for entry, tier in exact_rows}
    exact = _rows(
        lexicon,
        f"SELECT id, {_COLUMNS} FROM entries WHERE id IN "
        f"({','.join('?' * len(tiers))}) ORDER BY frequency DESC LIMIT ?",
        (*tiers, _CANDIDATES),
        with_id=True,
    )
    ranked_exact = sorted(
        exact,
        key=lambda pair: (
            tiers[pair[0]],
            pair[1].is_reference_only or pair[1].is_variant_only,
            pair[1].is_proper_noun or pair[1].is_surname_only,
            -pair[1].frequency,
        ),
    )
    hits = [SearchHit(entry, "gloss-exact", QueryKind.ENGLISH) for _, entry in ranked_exact]
    if len(hits) < limit:
        others = _rows(
            lexicon,
            f"SELECT id, {_COLUMNS} FROM entries WHERE id IN "
            "(SELECT rowid FROM english WHERE english MATCH ?) ORDER BY frequency DESC LIMIT ?",
            (phrase, limit + len(hits)),
            with_id=True,
        )
        hits += [
            SearchHit(entry, "gloss-word", QueryKind.ENGLISH)
            for row_id, entry in others
            if row_id not in tiers
        ]
    return _dedupe(hits)[:limit]
