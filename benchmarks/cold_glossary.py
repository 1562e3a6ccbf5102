"""A cold `hanzi-companion glossary` of the seed deck, beside `jieba.initialize()` in the same run.

    python benchmarks/cold_glossary.py [DECK] [--runs N]

Prints, over N interleaved runs (median, min, max wall time; CPU; peak RSS):

- ``hanzi-companion glossary DECK -f json``: a fresh process that reads the deck, opens the
  lexicon, starts the segmenter (its compiled dictionary already in the cache folder) and
  prints the glossary;
- baseline: a fresh process doing only ``import jieba; jieba.initialize()`` with jieba's
  default dictionary (its marshal cache already written by the warm-up run): what any jieba
  user pays before cutting a word;
- ``python -c pass``, the floor.

Targets: glossary <= 300 ms median, >= 3x faster than the baseline.
"""

from __future__ import annotations

import argparse

from processes import ROOT, compare, hanzi_companion, load_note, median_ms, python, run, table

SEED = ROOT / "hanzi_companion" / "demo_course" / "week07.txt"
JIEBA = "import jieba\njieba.initialize()\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", default=str(SEED))
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    glossary = hanzi_companion("glossary", options.deck, "-f", "json")
    run(glossary)  # indexes and the compiled segmentation dictionary exist before timing
    commands = {
        "hanzi-companion glossary (seed, JSON)": glossary,
        "baseline: import jieba; jieba.initialize()": python("-c", JIEBA),
        "python -c pass": python("-c", "pass"),
    }
    results = compare(commands, options.runs)
    table(results)
    ours, baseline = (median_ms(results[name]) for name in list(commands)[:2])
    print(f"speed-up over jieba.initialize(): {baseline / ours:.1f}x")
    print(
        f"targets: glossary <= 300 ms ({'met' if ours <= 300 else 'MISSED'}), >= 3x "
        f"({'met' if baseline >= 3 * ours else 'MISSED'})"
    )
    print(load_note())


if __name__ == "__main__":
    main()
