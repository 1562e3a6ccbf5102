"""Slide popup script: time to mark a large deck in real headless Chromium, beside a baseline.

    python benchmarks/popup_marking.py [DECK] [--copies N] [--runs R]

The deck (the demo course's week-7 deck by default) is read by the project's reader, its
glossary built and inlined as JSON, and its slides written N times over as remark-shaped
``.remark-slide-content`` elements (a long course page). Printed, median over R page loads:

- popup: the script's work once the page is loaded: parse the glossary, walk every text
  node, wrap every term (longest first);
- baseline: a bare walk over the same text nodes testing each for Han characters, the least
  any marking script must do;
- late slide: marking one slide added after load (the MutationObserver path remark uses).

Needs chromium on PATH (Debian: apt-get install chromium).
"""

from __future__ import annotations

import argparse
import html
import shutil
import statistics
import tempfile
from pathlib import Path

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.json import render_json
from hanzi_companion.settings import Settings, demo_course_dir
from hanzi_companion.text.decks import read_deck

ROOT = Path(__file__).resolve().parent.parent
POPUP = ROOT / "static" / "js" / "popup.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]

_BASELINE = """
() => {
    const start = performance.now();
    const han = /[\\u2e80-\\u9fff\\uf900-\\ufaff\\ud840-\\ud87f]/;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let count = 0;
    while (walker.nextNode()) {
        if (han.test(walker.currentNode.data)) count += 1;
    }
    return [performance.now() - start, count];
}
"""

_LATE_SLIDE = """
async (text) => {
    const slide = document.createElement('div');
    slide.className = 'remark-slide-content';
    slide.textContent = text;
    const start = performance.now();
    document.body.appendChild(slide);
    await null;  // the observer's callback is the microtask queued before this one
    return [performance.now() - start, slide.querySelectorAll('.hc-term').length];
}
"""


def page_html(slides: list[str], copies: int, glossary_json: str) -> str:
    body = []
    for copy in range(copies):
        for number, text in enumerate(slides, 1):
            paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
            body.append(
                f'<div class="remark-slide-content" id="s{copy}-{number}">{paragraphs}</div>'
            )
    inline = glossary_json.replace("<", "\\u003c")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bench</title>'
        "</head><body>"
        + "".join(body)
        + f'<script type="application/json" data-hc-glossary>{inline}</script>'
        '<script src="popup.js"></script></body></html>'
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", type=Path, default=demo_course_dir() / "week07.txt")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("popup_marking: no chromium on PATH (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    deck = read_deck(options.deck)
    glossary = build_glossary(deck, Lexicon.open(Settings.from_env()))
    slides = [slide.text for slide in deck.slides]
    folder = Path(tempfile.mkdtemp(prefix="popup-bench-"))
    try:
        shutil.copy(POPUP, folder / "popup.js")
        page_file = folder / "deck.html"
        page_file.write_text(
            page_html(slides, options.copies, render_json(glossary)), encoding="utf-8"
        )
        popup_ms, baseline_ms, late_ms = [], [], []
        marks = nodes = late_marks = 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            for _ in range(options.runs):
                page = browser.new_page()
                page.goto(page_file.as_uri())
                page.wait_for_selector("html[data-hc-popup=ready]")
                popup_ms.append(page.evaluate("HanziPopup.readyAt - HanziPopup.startedAt"))
                marks = page.locator(".hc-term").count()
                elapsed, nodes = page.evaluate(_BASELINE)
                baseline_ms.append(elapsed)
                elapsed, late_marks = page.evaluate(_LATE_SLIDE, "\n".join(slides))
                late_ms.append(elapsed)
                page.close()
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    count = len(slides) * options.copies
    print(f"deck: {options.deck.name}, {len(glossary.terms)} glossary terms, {count} slides")
    print(f"popup: mark the page       {statistics.median(popup_ms):8.1f} ms  ({marks} marks)")
    print(f"baseline: bare text walk   {statistics.median(baseline_ms):8.1f} ms  ({nodes} nodes)")
    print(f"late slide: one whole deck {statistics.median(late_ms):8.1f} ms  ({late_marks} marks)")


if __name__ == "__main__":
    main()
