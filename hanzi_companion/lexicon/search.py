"""Search the index by characters, by pinyin (any tone notation) or by English words."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import TYPE_CHECKING

from hanzi_companion.lexicon import pinyin as py
from hanzi_companion.lexicon.index import normalise_gloss, strip_gloss_particle
from hanzi_companion.lexicon.models import Entry, QueryKind, SearchHit, SearchResults
from hanzi_companion.lexicon.script import is_han

if TYPE_CHECKING:
    from hanzi_companion.lexicon.lexicon import Lexicon

_COLUMNS = "traditional, simplified, pinyin, senses, classifiers, source, note, frequency"
_CANDIDATES = 400  # rows fetched per tier before ranking in Python


def drop_marks_on_han(text: str) -> str:
    """Combining marks stuck on a Chinese character (创\u0301: a slip of an input method or
    a pasted accent) dropped; on Latin letters they are pinyin tones, composed by NFKC."""
    kept: list[str] = []
    base = ""
    for ch in text:
        if unicodedata.combining(ch):
            if base and is_han(base):
                continue
        else:
            base = ch
        kept.append(ch)
    return "".join(kept)


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


_ENGLISH_CANDIDATES = 800  # entries scored per query (the most frequent of those found)


def _fts_query(groups: tuple[tuple[str, ...], ...], operator: str) -> str:
    return f" {operator} ".join("(" + " OR ".join(group) + ")" for group in groups)


def _commonness(entry: Entry, level: int | None) -> float:
    """How common a word is, from its corpus frequency and its HSK level (lower is earlier)."""
    from hanzi_companion.lexicon import english  # a look-up by characters never loads it

    hsk = (english.HSK_TOP - level) * english.HSK_STEP if level else 0.0
    senses = len(english.gloss_parts(entry.definitions))
    frequency = english.FREQUENCY_WEIGHT * math.log10(entry.frequency + 1)
    return frequency + hsk - english.POLYSEMY * math.log2(max(senses, 1))


def _hsk_levels(lexicon: Lexicon, entries: list[Entry]) -> dict[str, int]:
    """HSK levels of the candidates: a character's as a character, a word's as a word."""
    index = lexicon.character_index()
    words = {e.simplified for e in entries if len(e.simplified) > 1}
    chars = {e.simplified for e in entries if len(e.simplified) == 1}
    levels = index.hsk_levels(words | chars, "word")
    levels.update(index.hsk_levels(chars, "char"))
    return levels


def _by_english(lexicon: Lexicon, query: str, limit: int) -> list[SearchHit]:
    """English search: entries with a sense that says every word of the query (the same word,
    a word of the same stem, or a synonym) first, the closest and most common first; then
    entries that say some of it."""
    from hanzi_companion.lexicon import english
    from hanzi_companion.lexicon.lexicon import row_to_entry

    parsed = english.Query.parse(query)
    if not parsed.concepts:
        return []
    norm = normalise_gloss(query)
    bare = strip_gloss_particle(norm)
    exact_ids = {
        int(str(row[0]))
        for row in lexicon.english_query(
            "SELECT DISTINCT entry FROM glosses WHERE norm IN (?, ?)", (norm, bare)
        )
    }
    groups = parsed.retrieval_terms()
    candidates: dict[int, Entry] = {}
    for operator in ("AND", "OR"):
        rows = lexicon.english_query(
            f"SELECT id, {_COLUMNS} FROM entries WHERE id IN "
            "(SELECT rowid FROM english WHERE english MATCH ?) OR id IN "
            f"({','.join('?' * len(exact_ids))}) ORDER BY frequency DESC LIMIT ?",
            (_fts_query(groups, operator), *exact_ids, _ENGLISH_CANDIDATES),
        )
        candidates.update((int(str(row[0])), row_to_entry(row[1:])) for row in rows)
        if len(candidates) >= limit or len(groups) == 1:
            break
    levels = _hsk_levels(lexicon, list(candidates.values()))
    ranked = []
    for row_id, entry in candidates.items():
        matches = [english.match_gloss(parsed, p) for p in english.gloss_parts(entry.definitions)]
        complete = [m for m in matches if m.complete]
        if not matches or not any(m.coverage for m in matches):
            continue
        best = max(complete or matches, key=lambda m: (-m.tier, m.relevance))
        # More than one sense saying it is more evidence that the word means it.
        evidence = english.EVIDENCE_STEP * min(len(complete) - 1, 2) if complete else 0.0
        commonness = _commonness(entry, levels.get(entry.simplified))
        score = best.relevance + evidence + commonness
        kind = 2 if entry.is_reference_only or entry.is_variant_only else 0
        kind = kind or (1 if entry.is_proper_noun or entry.is_surname_only else 0)
        match = "gloss-exact" if row_id in exact_ids else "gloss-word"
        ranked.append(((best.tier, kind, -score), SearchHit(entry, match, QueryKind.ENGLISH)))
    ranked.sort(key=lambda pair: pair[0])
    return _dedupe([hit for _, hit in ranked])[:limit]
