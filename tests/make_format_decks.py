"""Write the binary test decks of ``tests/data/decks/formats`` again (they are committed).

    python tests/make_format_decks.py

The PowerPoint deck needs python-pptx (a dependency of the package); the PDF deck needs
reportlab (``pip install reportlab``), whose built-in STSong-Light CID font writes Chinese
without a font file. Both outputs are deterministic apart from their timestamps.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches, Pt

HERE = Path(__file__).resolve().parent / "data" / "decks" / "formats"
_FIXED = datetime.datetime(2025, 10, 20, 9, 0, 0)


def make_pptx(path: Path) -> None:
    deck = Presentation()
    deck.core_properties.author = "Lin Wei"
    deck.core_properties.created = deck.core_properties.modified = _FIXED

    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = "Week 8: Getting around"
    cover.placeholders[1].text = "交通 · Introduction to Chinese Culture\v20 October 2025"
    cover.notes_slide.notes_text_frame.text = "Start with the 春运 photo."

    bullets = deck.slides.add_slide(deck.slide_layouts[1])
    bullets.shapes.title.text = "High-speed rail"
    body = bullets.placeholders[1].text_frame
    body.text = "高铁 (gāotiě) high-speed rail"
    for line in ("动车 bullet train", "火车站: the railway station"):
        body.add_paragraph().text = line
    link = body.add_paragraph().add_run()
    link.text = "12306 booking site"
    link.hyperlink.address = "https://www.12306.cn/"
    bullets.notes_slide.notes_text_frame.text = "Ask who has taken the 复兴号."

    table_slide = deck.slides.add_slide(deck.slide_layouts[5])
    table_slide.shapes.title.text = "In the city"
    table = table_slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(8), Inches(2)).table
    for row, (term, gloss) in enumerate(
        [("Term", "Meaning"), ("地铁", "metro"), ("共享单车", "shared bikes")]
    ):
        table.cell(row, 0).text = term
        table.cell(row, 1).text = gloss

    grouped = deck.slides.add_slide(deck.slide_layouts[6])
    group = grouped.shapes.add_group_shape()
    for top, text in ((1, "Taxi apps"), (2, "打车 to hail a taxi"), (3, "滴滴 Didi")):
        box = group.shapes.add_textbox(Inches(1), Inches(top), Inches(6), Inches(0.8))
        box.text_frame.text = text
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(28)
    deck.save(str(path))


def make_pdf(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pages = [
        ["Week 9: Eating together", "饮食 · Introduction to Chinese Culture", "Lin Wei"],
        ["Dumplings", "• 饺子 jiǎozi, dumplings", "• 包子 bāozi, steamed buns"],
        ["Hot pot", "火锅 (huǒguō) from Chongqing and Sichuan", "麻辣 numbing and spicy"],
    ]
    sheet = canvas.Canvas(str(path), pagesize=(960, 540), invariant=True)
    sheet.setAuthor("Lin Wei")
    for lines in pages:
        sheet.setFont("STSong-Light", 36)
        sheet.drawString(60, 440, lines[0])
        sheet.setFont("STSong-Light", 26)
        for index, line in enumerate(lines[1:]):
            sheet.drawString(60, 360 - 50 * index, line)
        sheet.showPage()
    sheet.save()


if __name__ == "__main__":
    make_pptx(HERE / "week08_transport.pptx")
    if "--pptx-only" not in sys.argv:
        make_pdf(HERE / "week09_food.pdf")
