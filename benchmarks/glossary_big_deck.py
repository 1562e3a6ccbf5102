"""Glossary of big decks: time per term stays flat as the deck grows (linear time).

    python benchmarks/glossary_big_deck.py [--sizes 300000 1200000] [--slide-lines 30]

Builds synthetic remark decks of the given sizes in bytes from the lexicon's own headwords
(two to four characters, a fixed shuffle, so runs are comparable): slides of 30 lines, each
line a distinct word with English before or after it, in parentheses, after a ``1992:``
label, with a romanisation, or as a slogan in « » (``--slide-lines 0``: all on one slide, the
worst case for what is compared slide by slide). Prints, for each size, the deck's terms,
``build_glossary``'s time (in a process whose segmenter and pypinyin are already started) and
its time per term, beside a baseline measured in the same run: one ``Lexicon.lookup`` per
distinct term on a fresh lexicon, the least any per-term glossary pays.
"""

from __future__ import annotations

import argparse
import random
import time

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.lexicon import guess_reading
from hanzi_companion.settings import Settings
from hanzi_companion.text.decks import read_deck_text
from hanzi_companion.text.extract import HAN_RUN
from hanzi_companion.text.models import Deck
from hanzi_companion.text.segment import segmenter_for

_LINES = (
    "- {english} {word}",
    "- the {english} ({word})",
    "{word} ({english})",
    "- 1992: {english} {word}, and more",
    "- {word} chengshi is a word",
    "« {word}、{other} »",
)


def synthetic_deck(lexicon: Lexicon, size: int, slide_lines: int = 30) -> Deck:
    """A remark deck of about ``size`` bytes whose lines each hold new dictionary words."""
    words = sorted(w for w, frequency in lexicon.headwords() if 2 <= len(w) <= 4 and frequency)
    random.Random(7).shuffle(words)
    rng = random.Random(11)
    lines: list[str] = ["# A big deck", ""]
    total = index = 0
    while total < size:
        word, other = words[index % len(words)], words[(index + 1) % len(words)]
        index += 2
        line = rng.choice(_LINES).format(word=word, other=other, english="urban villages")
        lines.append(line)
        total += len(line.encode()) + 1
        if slide_lines and index % (2 * slide_lines) == 0:
            lines.extend(["", "---", "", "# Slide"])
    return read_deck_text("\n".join(lines), "big.md")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300_000, 1_200_000])
    parser.add_argument("--slide-lines", type=int, default=30, help="0: one slide")
    args = parser.parse_args()
    settings = Settings.from_env()
    lexicon = Lexicon.open(settings)
    _ = segmenter_for(lexicon).tokenizer  # start-up costs are glossary_speed.py's business
    guess_reading("中")
    for size in args.sizes:
        deck = synthetic_deck(lexicon, size, args.slide_lines)
        distinct = {
            run for s in deck.slides for t in (s.text, s.notes) for run in HAN_RUN.findall(t)
        }
        fresh = Lexicon(lexicon.path, settings)
        start = time.perf_counter()
        for run in distinct:
            fresh.lookup(run)
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        glossary = build_glossary(deck, lexicon)
        elapsed = time.perf_counter() - start
        terms = len(glossary.terms)
        print(
            f"{size / 1e6:.1f} MB deck, {len(deck.slides)} slides, {terms} terms: "
            f"build_glossary {elapsed:.2f} s ({1e6 * elapsed / terms:.0f} us/term); "
            f"baseline one lookup per run {baseline:.2f} s "
            f"({1e6 * baseline / len(distinct):.0f} us/run)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
