"""Glossary rendering speed, beside the cost of building the glossary it renders, in one run.

    python benchmarks/render_glossary.py [DECK] [--runs N]

Builds the deck's glossary (default: the bundled demo deck) in a warm process, then renders it
as JSON, Markdown, remark slides and standalone HTML, and prints the median time of each next
to the build time (the baseline). Renderers are thin: each should cost well under the build
(target: every format <= 50 % of the build time and <= 50 ms on the demo deck).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from hanzi_companion.glossary import Glossary, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.html import render_html
from hanzi_companion.render.json import render_json
from hanzi_companion.render.markdown import render_markdown
from hanzi_companion.render.slides import render_slides
from hanzi_companion.settings import Settings, demo_course_dir
from hanzi_companion.text.decks import read_deck


def median_ms(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", type=Path, default=demo_course_dir() / "week07.txt")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    settings = Settings.from_env()
    lexicon = Lexicon.open(settings)
    deck = read_deck(args.deck)
    glossary: Glossary = build_glossary(deck, lexicon)  # warm-up: segmenter, caches
    build = median_ms(lambda: build_glossary(deck, lexicon), max(3, args.runs // 4))
    renderers: dict[str, Callable[[], str]] = {
        "json": lambda: render_json(glossary),
        "md": lambda: render_markdown(glossary),
        "slides": lambda: render_slides(glossary, settings=settings),
        "html": lambda: render_html(glossary, settings=settings),
    }
    print(f"deck {args.deck.name}: {len(glossary.terms)} terms, {deck_slides(glossary)} slides")
    print(f"baseline  build_glossary (warm)   {build:8.2f} ms")
    for name, render in renderers.items():
        render()  # warm-up (template compilation, stylesheet read)
        elapsed = median_ms(render, args.runs)
        size = len(render().encode("utf-8")) / 1024
        share = 100 * elapsed / build if build else 0.0
        print(f"render    {name:<7} {size:7.1f} KB   {elapsed:8.2f} ms  ({share:5.1f} % of build)")


def deck_slides(glossary: Glossary) -> int:
    return glossary.deck.slide_count


if __name__ == "__main__":
    main()
