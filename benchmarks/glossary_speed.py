"""Glossary speed on the seed deck, beside the cost of jieba's own default initialisation.

    python benchmarks/glossary_speed.py [DECK] [--runs N]

Prints, median over N runs:

- warm: ``build_glossary`` again in a process that has built one (lexicon, segmenter and
  English word list loaded); target <= 300 ms;
- cold: a fresh Python process that reads the deck, opens the lexicon, starts the segmenter
  (our jieba Tokenizer, on its compiled dictionary) and builds the glossary; target <= 2 s;
- first run: the same in a fresh cache folder holding only the lexicon and character indexes,
  so the compiled segmentation dictionary and the English word lists are built;
- baseline: a fresh process doing only ``import jieba; jieba.initialize()`` with jieba's
  default dictionary (its cache already written), what any jieba user pays at start.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, Settings, demo_course_dir
from hanzi_companion.text.decks import read_deck

_COLD = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.text.decks import read_deck
glossary = build_glossary(read_deck(Path(sys.argv[1])), Lexicon.open())
assert glossary.terms
print(time.perf_counter() - start)
"""

_JIEBA = """
import time
start = time.perf_counter()
import logging
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
print(time.perf_counter() - start)
"""


def _child(code: str, *args: str, env: dict[str, str] | None = None) -> float:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return float(result.stdout.strip().splitlines()[-1])


def _median_ms(values: list[float]) -> str:
    return f"{1000 * statistics.median(values):7.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", type=Path, nargs="?", default=demo_course_dir() / "week07.txt")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    settings = Settings.from_env()
    lexicon = Lexicon.open(settings)
    deck = read_deck(args.deck)
    build_glossary(deck, lexicon)  # warms the caches, writes the segmenter's files if missing
    warm = []
    for _ in range(args.runs):
        start = time.perf_counter()
        build_glossary(deck, lexicon)
        warm.append(time.perf_counter() - start)

    env = dict(os.environ, **{ENV_CACHE_DIR: str(settings.cache_dir)})
    _child(_JIEBA, env=env)  # jieba writes its default cache on the first call
    cold = [_child(_COLD, str(args.deck), env=env) for _ in range(args.runs)]
    baseline = [_child(_JIEBA, env=env) for _ in range(args.runs)]

    first = []
    for _ in range(max(1, args.runs // 2)):
        with tempfile.TemporaryDirectory() as folder:
            shutil.copy2(lexicon.path, Path(folder) / lexicon.path.name)
            # The character index (HSK levels) is another module's cache: keep it warm.
            for other in settings.cache_dir.glob("characters-*.sqlite"):
                shutil.copy2(other, Path(folder) / other.name)
            first_env = dict(os.environ, **{ENV_CACHE_DIR: folder})
            first.append(_child(_COLD, str(args.deck), env=first_env))

    glossary = build_glossary(deck, lexicon)
    print(f"deck: {args.deck.name}, {len(deck.slides)} slides, {len(glossary.terms)} terms")
    print(f"warm build_glossary:              {_median_ms(warm)}   (target <= 300 ms)")
    print(f"cold process, segmenter start:    {_median_ms(cold)}   (target <= 2000 ms)")
    print(f"first run, caches built:          {_median_ms(first)}")
    print(f"baseline jieba.initialize():      {_median_ms(baseline)}   (default dictionary)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
