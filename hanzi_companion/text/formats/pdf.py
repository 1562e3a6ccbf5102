"""PDF slides, read with pypdf: a page is a slide, its first line the slide's title.

Slides exported to PDF keep no speaker notes (unless printed on the page, where they are
text like any other). An encrypted PDF is refused unless it opens with an empty password
(many are only protected against editing).
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from hanzi_companion.errors import DeckError
from hanzi_companion.text.formats.front_matter import FrontMatter
from hanzi_companion.text.markup import normalise_text
from hanzi_companion.text.models import Slide

_BULLETS = "•▪◦‣●○■□➢➤-–"


def pdf_slides(data: bytes, name: str) -> tuple[list[Slide], FrontMatter]:
    """The pages of a PDF as slides, and its document properties (title, author)."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repairs are not the user's news
    try:
        reader = PdfReader(io.BytesIO(data))
        _open(reader, name)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        author = str(info.author or "") if info is not None else ""
    except (PyPdfError, ValueError, KeyError, TypeError, AssertionError) as error:
        raise DeckError(name, f"not a readable PDF file ({_reason(error)})") from None
    slides = [_slide(number, text) for number, text in enumerate(pages, 1)]
    return slides, ({"author": author.strip()} if author.strip() else {})


def _open(reader: PdfReader, name: str) -> None:
    if not reader.is_encrypted:
        return
    try:
        opened = bool(reader.decrypt(""))
    except (DependencyError, PyPdfError, NotImplementedError):
        opened = False
    if not opened:
        raise DeckError(name, "an encrypted PDF: save or print it again without a password")


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:120] if text else type(error).__name__


def _slide(number: int, text: str) -> Slide:
    lines = []
    for raw in text.replace("\r", "\n").split("\n"):
        line = normalise_text(" ".join(raw.split()))
        if line:
            lines.append(line)
    title = lines[0].lstrip(_BULLETS).strip() if lines else ""
    return Slide(
        number=number,
        title=title,
        text="\n".join(lines),
        headings=((1, title),) if title else (),
    )
