"""Deck reading speed: the seed deck and 5 MB decks, beside a baseline pass over the same text.

    python benchmarks/deck_reading.py [DECK] [--runs N]

Prints, median over N runs, the time ``read_deck_text`` takes on:

- the seed deck (flattened, as exported by the course);
- a 5 MB remark markdown deck and a 5 MB flattened deck (the seed repeated), to show that
  reading grows linearly: the per-megabyte figure should stay close to the seed's;
- the same with ``--`` steps: every other slide a step of the one before (each line numbered
  with its step), and one slide of 5 MB made of thousands of steps;

each beside a baseline measured in the same run on the same text: splitting it into lines and
finding every Han run with one regular expression, the least any reader has to do.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from hanzi_companion.settings import demo_course_dir
from hanzi_companion.text.decks import read_deck_text

_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]+")


def _median(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _baseline(text: str) -> int:
    return sum(len(_HAN.findall(line)) for line in text.split("\n"))


def _as_markdown(flat: str) -> str:
    """The flattened deck with its separators back on lines of their own."""
    return flat.replace(" --- ", "\n---\n").replace(" ??? ", "\n???\n")


def _stepped(deck: str, copies: int, space: str) -> str:
    """``copies`` decks, every other separator turned into a ``--`` step."""
    text = (space + "---" + space).join([deck] * copies)
    parts = text.split(space + "---" + space)
    out = [parts[0]]
    for index, part in enumerate(parts[1:]):
        out.append((space + "--" + space if index % 2 else space + "---" + space) + part)
    return "".join(out)


def _one_slide(deck: str, copies: int) -> str:
    """One slide whose steps are every slide of ``copies`` decks (no separator left)."""
    return "\n--\n".join([deck.replace("\n---\n", "\n--\n")] * copies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = sorted(demo_course_dir().glob("*.txt"))[0]
    parser.add_argument("deck", nargs="?", type=Path, default=default)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    seed = args.deck.read_text(encoding="utf-8")
    copies = max(1, 5_000_000 // len(seed.encode("utf-8")))
    cases = [
        ("seed deck", seed, max(args.runs, 20)),
        ("5 MB remark markdown", "\n---\n".join([_as_markdown(seed)] * copies), args.runs),
        ("5 MB flattened", " --- ".join([seed.strip()] * copies), args.runs),
        ("5 MB stepped markdown", _stepped(_as_markdown(seed), copies, "\n"), args.runs),
        ("5 MB stepped flattened", _stepped(seed.strip(), copies, " "), args.runs),
        ("one slide, many steps", _one_slide(_as_markdown(seed), copies), args.runs),
    ]
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'deck':<22} {'size':>9} {'slides':>7} {'read':>10} {'baseline':>10} {'per MB':>9}")
    for label, text, runs in cases:
        size = len(text.encode("utf-8"))
        deck = read_deck_text(text, "bench.txt")
        read = _median(lambda text=text: read_deck_text(text, "bench.txt"), runs)  # type: ignore[misc]
        base = _median(lambda text=text: _baseline(text), runs)  # type: ignore[misc]
        print(
            f"{label:<22} {size / 1e6:>7.2f}MB {len(deck.slides):>7} {read * 1000:>8.1f}ms "
            f"{base * 1000:>8.1f}ms {read / (size / 1e6) * 1000:>7.0f}ms"
        )


if __name__ == "__main__":
    main()
