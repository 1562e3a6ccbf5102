"""Character profiles: data coverage, and profile build time beside a no-index baseline.

    python benchmarks/characters.py [--baseline-runs N] [--cold]

Coverage: of the 3,000 HSK 3.0 characters and of every Han character used in CC-CEDICT
headwords (simplified and traditional), the share with a structure (cjk-decomp), with
etymology roles (Dong Chinese components typed meaning / sound / iconic), with stroke data
(hanzi-writer-data), and with a radical and a stroke count (Unihan).

Speed, measured in the same run:

- ours: ``Lexicon.character(c)`` for every HSK character from a warm character index (a first
  pass warms the caches; the second is timed), median and 90th percentile;
- baseline: the same profile data with no compiled index, parsing the raw files per lookup
  (cjk-decomp, etymology JSON, three Unihan files, the stroke JSON, the HSK lists), median
  over a few lookups.

Target: a profile in <= 5 ms (median) from a warm index. ``--cold`` also times a full build
of the character index into a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import character_index as ci
from hanzi_companion.lexicon.characters import unicode_block
from hanzi_companion.lexicon.hsk import HSK_CHARACTERS_FILE, HSK_WORDS_FILE, parse_levels
from hanzi_companion.settings import Settings

TARGET_MS = 5.0
ROLES = {"meaning", "sound", "iconic"}


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:6.2f} %" if whole else "     - "


def coverage(index: ci.CharacterIndex, characters: list[str]) -> dict[str, int]:
    counts = {"structure": 0, "etymology roles": 0, "stroke data": 0, "radical + strokes": 0}
    for char in characters:
        if index.decomposition(char) is not None:
            counts["structure"] += 1
        etymology = index.etymology(char)
        if etymology is not None and any(role in ROLES for role, _, _ in etymology.components):
            counts["etymology roles"] += 1
        if index.strokes(char) is not None:
            counts["stroke data"] += 1
        unihan = index.unihan(char)
        if unihan is not None and unihan.radical is not None and unihan.total_strokes is not None:
            counts["radical + strokes"] += 1
    return counts


def cedict_characters(lexicon: Lexicon) -> list[str]:
    seen: set[str] = set()
    for simplified, traditional in lexicon.query("SELECT simplified, traditional FROM entries"):
        seen.update(str(simplified))
        seen.update(str(traditional))
    return sorted(ch for ch in seen if unicode_block(ch))


def baseline_lookup(settings: Settings, char: str) -> int:
    """Everything a profile needs for ``char``, parsed from the raw files (no index)."""
    decompositions = ci.merge_decompositions(
        ci.parse_decompositions(settings.data_path(ci.DECOMPOSITION_FILE))
    )
    etymology = next(
        (
            r
            for r in ci.parse_etymology(settings.data_path(ci.ETYMOLOGY_FILE))
            if r.character == char
        ),
        None,
    )
    unihan = ci.parse_unihan(settings.data_path(name) for name in ci.UNIHAN_FILES).get(char, {})
    strokes = next(
        (d for c, d in ci.parse_strokes(settings.data_path(ci.STROKES_FILE)) if c == char), None
    )
    radicals = ci.parse_radicals(settings.data_path(ci.RADICALS_FILE))
    levels = parse_levels(settings.data_path(HSK_CHARACTERS_FILE))
    words = parse_levels(settings.data_path(HSK_WORDS_FILE))
    found = [
        decompositions.get(char),
        etymology,
        unihan,
        strokes,
        radicals,
        levels.get(char),
        words,
    ]
    return sum(x is not None for x in found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="also time a full index build")
    args = parser.parse_args()

    settings = Settings.from_env()
    lexicon = Lexicon.open(settings)
    existed = ci.index_path(settings).is_file()
    started = time.perf_counter()
    index = lexicon.character_index()
    opened = time.perf_counter() - started
    print(
        f"character index: {index.path.name} ({index.path.stat().st_size / 1e6:.1f} MB), "
        f"{'reused' if existed else 'built'} in {opened:.2f} s"
    )

    if args.cold:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            ci.build_index(settings, Path(tmp) / "characters.sqlite")
            print(f"cold build of the character index: {time.perf_counter() - started:.2f} s")

    hsk = index.hsk_items("char")
    cedict = cedict_characters(lexicon)
    print()
    print(f"{'coverage':<22}{'HSK 3.0 characters':>22}{'CC-CEDICT characters':>24}")
    print(f"{'characters':<22}{len(hsk):>22,}{len(cedict):>24,}")
    hsk_counts = coverage(index, hsk)
    cedict_counts = coverage(index, cedict)
    for key in hsk_counts:
        print(
            f"{key:<22}{hsk_counts[key]:>12,} {percent(hsk_counts[key], len(hsk))}"
            f"{cedict_counts[key]:>14,} {percent(cedict_counts[key], len(cedict))}"
        )

    for char in hsk:  # warm the lexicon's caches and the page cache
        lexicon.character(char)
    times = []
    for char in hsk:
        started = time.perf_counter()
        lexicon.character(char)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    median = statistics.median(times)
    p90 = times[int(len(times) * 0.9)]

    baseline = []
    for char in hsk[: args.baseline_runs]:
        started = time.perf_counter()
        baseline_lookup(settings, char)
        baseline.append((time.perf_counter() - started) * 1000)

    print()
    print(f"profile build, {len(times):,} HSK characters, warm index:")
    print(f"  ours     median {median:8.2f} ms   p90 {p90:8.2f} ms   max {times[-1]:8.2f} ms")
    print(
        f"  baseline median {statistics.median(baseline):8.0f} ms   "
        f"(raw files parsed per lookup, {len(baseline)} lookups)"
    )
    print(f"  speed-up x{statistics.median(baseline) / median:,.0f}")
    verdict = "meets" if median <= TARGET_MS else "MISSES"
    print(f"  target <= {TARGET_MS:.0f} ms median: {verdict}")
    return 0 if median <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
