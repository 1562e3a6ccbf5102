"""Example sentences: index build and lookups, beside dictionary lookups of the same words.

    python benchmarks/sentences.py [--words N]

Prints the time to build the sentence index (``sentences-<digest>.sqlite``) in a fresh cache
folder, and the time per ``Lexicon.sentences`` lookup over the N most frequent headwords,
beside the time per ``Lexicon.lookup`` of the same words (the baseline, same run). Target:
a sentence lookup costs no more than a dictionary lookup, so a glossary of thousands of
terms pays nothing noticeable for its examples.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.sentences import build_index, index_path
from hanzi_companion.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=5000)
    args = parser.parse_args()
    settings = Settings.from_env()
    with tempfile.TemporaryDirectory() as fresh:
        scratch = settings.with_changes(cache_dir=Path(fresh))
        path = index_path(scratch)
        start = time.perf_counter()
        build_index(scratch, path)
        built = time.perf_counter() - start
        size = path.stat().st_size
    lexicon = Lexicon.open(settings)
    ranked = sorted(lexicon.headwords(), key=lambda pair: -pair[1])
    words = [word for word, _ in ranked[: args.words]]
    lexicon.sentences(words[0])  # open (or build) the index outside the timing
    start = time.perf_counter()
    found = sum(1 for word in words if lexicon.sentences(word))
    per_sentence = (time.perf_counter() - start) / len(words)
    lookup = lexicon.lookup.__wrapped__  # type: ignore[attr-defined]  # uncached, as measured
    start = time.perf_counter()
    for word in words:
        lookup(word)
    per_lookup = (time.perf_counter() - start) / len(words)
    print(f"sentence index build:       {built * 1000:7.0f} ms  ({size // 1024} KB)")
    share = f"{found}/{len(words)} words have some"
    print(f"sentences per word:         {per_sentence * 1e6:7.1f} us  ({share})")
    print(f"baseline dictionary lookup: {per_lookup * 1e6:7.1f} us  (same words, uncached)")


if __name__ == "__main__":
    main()
