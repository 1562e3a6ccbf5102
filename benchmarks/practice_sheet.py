"""Practice sheet speed: PDF and SVG pages, beside fpdf2 drawing only the boxes and text.

    python benchmarks/practice_sheet.py [--runs N]

Sheets of eight characters of 2 to 17 strokes, median over N runs:

- pdf: ``sheet_pdf`` (boxes, stroke frames, traced glyphs as vector paths, embedded font);
- svg: ``sheet_svg`` of the same pages;
- baseline: fpdf2 on the same layout with the glyphs left out (the cost of the grid and text
  alone, the floor any PDF of these pages pays).

Target: <= 1 s per PDF page (a week's sheet is served by a web request).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render import sheet as _sheet

CHARACTERS = "口人创新城市赢齉"


def _baseline(entries: Sequence[_sheet.SheetEntry], font: object) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=str(font))
    for page in (_sheet.layout(e) for e in entries):
        pdf.add_page()
        for box in page.boxes:
            pdf.rect(box.x, box.y, box.size, box.size)
            half = box.size / 2
            pdf.set_dash_pattern(dash=0.8, gap=0.8)
            pdf.line(box.x, box.y + half, box.x + box.size, box.y + half)
            pdf.line(box.x + half, box.y, box.x + half, box.y + box.size)
            pdf.set_dash_pattern()
        for label in page.labels:
            pdf.set_font("DejaVu", size=label.points)
            pdf.text(label.x, label.y, label.text)
    return bytes(pdf.output())


def _median(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    lexicon = Lexicon.open()
    entries = []
    for char in CHARACTERS:
        profile = lexicon.character(char)
        if profile.strokes is not None:
            entries.append(_sheet.entry_from_profile(profile))
    font = lexicon.settings.sheet_font_path
    _baseline(entries[:1], font)  # import fpdf2 and load the font outside the timings
    pages = len(entries)
    strokes = sum(e.strokes.count for e in entries)
    print(f"{pages} pages ({strokes} strokes), median of {args.runs} runs")
    for name, function in (
        ("pdf", lambda: _sheet.sheet_pdf(entries, font)),
        ("svg", lambda: _sheet.sheet_svg(entries)),
        ("baseline (fpdf2, boxes and text only)", lambda: _baseline(entries, font)),
    ):
        seconds = _median(function, args.runs)
        print(f"  {name:<40} {seconds:6.2f} s  {1000 * seconds / pages:7.1f} ms/page")


if __name__ == "__main__":
    main()
