"""Practice sheets (render/sheet.py) read back: pages, boxes, text; the CLI and web routes that
write and serve them; the Hanzi Writer data endpoint. Expected counts come from the stroke data
and the layout rules, not from numbers written here."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from pypdf import PdfReader
from pypdf.generic import ContentStream

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.practice import writer_data, writer_script
from hanzi_companion.render.sheet import (
    CELL,
    MARGIN,
    PAGE_WIDTH,
    TRACE_GREYS,
    SheetEntry,
    deck_entries,
    entry_from_profile,
    has_sheet,
    layout,
    plain_meaning,
    sheet_characters,
    sheet_pdf,
    sheet_svg,
)
from hanzi_companion.text.decks import read_deck
from tests.conftest import SEED_DECK

SVG = "{http://www.w3.org/2000/svg}"
# Characters with few and with many strokes (frames wrap to several rows).
CHARACTERS = ("创", "口", "赢")


def _entries(lexicon: Lexicon, chars: str | tuple[str, ...]) -> list[SheetEntry]:
    return [entry_from_profile(lexicon.character(c)) for c in chars]


def _rect_ops(reader: PdfReader) -> list[int]:
    counts = []
    for page in reader.pages:
        operations = ContentStream(page.get_contents(), reader).operations
        counts.append(sum(1 for _, op in operations if op == b"re"))
    return counts


def test_layout_has_one_frame_per_stroke_and_full_rows(lexicon: Lexicon) -> None:
    columns = int((PAGE_WIDTH - 2 * MARGIN) // CELL)
    for entry in _entries(lexicon, CHARACTERS):
        page = layout(entry)
        frames = [b for b in page.boxes if b.kind == "frame"]
        practice = [b for b in page.boxes if b.kind == "practice"]
        assert len(frames) == entry.strokes.count
        assert practice and len(practice) % columns == 0
        # Every box inside the page's margins.
        assert all(b.x >= MARGIN and b.x + b.size <= PAGE_WIDTH - MARGIN + 1e-6 for b in page.boxes)
        assert max(b.y + b.size for b in page.boxes) < 297 - MARGIN
        # Frame n shows n strokes dark or new, the rest to come.
        for index, glyph in enumerate(page.glyphs[1 : 1 + entry.strokes.count]):
            colours = [colour for _, colour in glyph.strokes]
            assert colours.count("#dddddd") == entry.strokes.count - index - 1


def test_tracing_copies_fade_out(lexicon: Lexicon) -> None:
    (entry,) = _entries(lexicon, ("创",))
    page = layout(entry)
    row = min(b.y for b in page.boxes if b.kind == "practice")
    traced = [g for g in page.glyphs if g.size == CELL and g.y == row]
    greys = [int(g.strokes[0][1][1:3], 16) for g in traced]
    assert len(traced) == 1 + len(TRACE_GREYS)
    assert greys == sorted(greys) and len(set(greys)) == len(greys)  # lighter and lighter


def test_pdf_pages_boxes_and_text(lexicon: Lexicon) -> None:
    entries = _entries(lexicon, CHARACTERS)
    data = sheet_pdf(entries, lexicon.settings.sheet_font_path)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(entries)
    assert _rect_ops(reader) == [len(layout(e).boxes) for e in entries]
    for page, entry in zip(reader.pages, entries, strict=True):
        text = page.extract_text()
        first = lexicon.character(entry.character).readings[0].pinyin
        assert first in text  # tone marks survive (the bundled Latin font)
        assert entry.meaning.split(";")[0] in text
        assert f"{entry.strokes.count} strokes" in text


def test_svg_sheet_stacks_the_same_pages(lexicon: Lexicon) -> None:
    entries = _entries(lexicon, CHARACTERS[:2])
    root = ET.fromstring(sheet_svg(entries))
    pages = root.findall(f"{SVG}g[@class='page']")
    assert [p.get("data-character") for p in pages] == [e.character for e in entries]
    for page, entry in zip(pages, entries, strict=True):
        assert len(page.findall(f"{SVG}g[@class='boxes']/{SVG}rect")) == len(layout(entry).boxes)


def test_plain_meaning_leaves_out_han_characters() -> None:
    assert plain_meaning(["variant of 創|创[chuang4]", "to create"]) == "to create"
    assert "創" not in plain_meaning(["variant of 創|创[chuang4]"])
    long = ["a" * 60, "b" * 60]
    assert plain_meaning(long) == "a" * 60


def test_deck_sheet_takes_the_week_then_every_term(lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck(SEED_DECK), lexicon)
    week = deck_entries(glossary, lexicon.character)
    assert [e.character for e in week.entries] == [c.character for c in glossary.characters]
    assert week.entries[0].pinyin == glossary.characters[0].pinyin
    every = deck_entries(glossary, lexicon.character, all_characters=True)
    han = {ch for t in glossary.terms for ch in t.simplified if "\u4e00" <= ch <= "\u9fff"}
    assert {e.character for e in every.entries} | set(every.missing) >= han
    assert len(every.entries) > len(week.entries)


def test_has_sheet_needs_stroke_data(lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck(SEED_DECK), lexicon)
    assert has_sheet(glossary, lexicon.character_index().strokes)
    assert not has_sheet(glossary, lambda char: None)
    assert sheet_characters(glossary) == [c.character for c in glossary.characters]


def test_writer_data_is_hanzi_writer_format(lexicon: Lexicon) -> None:
    strokes = lexicon.character_index().strokes("创")
    assert strokes is not None
    data = writer_data(strokes)
    assert len(data["strokes"]) == len(data["medians"]) == strokes.count  # type: ignore[arg-type]
    script = writer_script("创", strokes)
    assert script.startswith("(window.hcStrokeData = window.hcStrokeData || {})")
    assert json.loads(script.split("] = ", 1)[1].rstrip(";\n")) == data


# -- CLI ----------------------------------------------------------------------------------------


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hanzi_companion", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_cli_char_sheet_pdf_and_svg(tmp_path: Path, lexicon: Lexicon) -> None:
    for name in ("sheet.pdf", "sheet.svg"):
        done = _cli("char", "创", "--sheet", name, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).stat().st_size > 1000
    reader = PdfReader(tmp_path / "sheet.pdf")
    assert len(reader.pages) == 1
    assert _rect_ops(reader) == [len(layout(_entries(lexicon, ("创",))[0]).boxes)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("char", "龘", "--sheet", "out.pdf"), "no stroke data"),
        (("char", "x", "--sheet", "out.pdf"), "not a Chinese character"),
        (("char", "创", "--sheet", "missing/out.pdf"), "does not exist"),
        (("char", "创", "--sheet", "out.txt"), "must end in .pdf or .svg"),
        (("sheet", str(SEED_DECK), "-o", "missing/week.pdf"), "does not exist"),
    ],
)
def test_cli_sheet_errors_are_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    done = _cli(*args, cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert not any(tmp_path.rglob("*.pdf")) and not any(tmp_path.rglob("out.*"))


def test_cli_sheet_unwritable_folder(tmp_path: Path) -> None:
    # /proc refuses new files even to root; elsewhere a folder without write permission.
    target = Path("/proc/hanzi-companion-sheet.pdf")
    if not Path("/proc").is_dir():
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked / "s.pdf"
    done = _cli("char", "创", "--sheet", str(target), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(target) in lines[0] and "Traceback" not in done.stderr
    assert not target.exists()


def test_cli_week_sheet(tmp_path: Path, lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck(SEED_DECK), lexicon)
    done = _cli("sheet", str(SEED_DECK), "-o", "week.pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(tmp_path / "week.pdf").pages) == len(glossary.characters)


# -- web ----------------------------------------------------------------------------------------


def test_web_strokes_endpoint(client: FlaskClient, lexicon: Lexicon) -> None:
    strokes = lexicon.character_index().strokes("创")
    assert strokes is not None
    response = client.get("/api/strokes/创.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.get_json() == writer_data(strokes)
    missing = client.get("/api/strokes/龘.json")
    assert missing.status_code == 404 and "error" in missing.get_json()


def test_web_sheets_and_links(client: FlaskClient, lexicon: Lexicon) -> None:
    page = client.get("/char/创").get_data(as_text=True)
    assert "/char/%E5%88%9B/sheet.pdf" in page and "/api/strokes/%E5%88%9B.json" in page
    assert "<script>" not in page and "style=" not in page  # the CSP allows neither
    pdf = client.get("/char/创/sheet.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf.data)).pages) == 1
    assert client.get("/char/龘/sheet.pdf").status_code == 404
    glossary = build_glossary(read_deck(SEED_DECK), lexicon)
    week = client.get("/course/week07").get_data(as_text=True)
    assert "/course/week07/sheet.pdf" in week
    sheet = client.get("/course/week07/sheet.pdf")
    assert sheet.status_code == 200
    assert len(PdfReader(io.BytesIO(sheet.data)).pages) == len(glossary.characters)
    svg = client.get("/course/week07/sheet.svg?all=1")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
