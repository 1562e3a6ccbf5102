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
# What reading a PDF's text may cost, all pages together: the decoded page contents plus every
# operator run (form XObjects included) and the text shown. Pages can share one content stream
# or form, so a 500 KB file can make each of its 3,000 pages decode the same 20 MB (minutes of
# work and gigabytes). About 20 s of pypdf's work on 2 cores; a slide takes some 0.1 MB, a page
# of a dense vector chart (100,000 drawing operators) some 4 MB.
MAX_PDF_WORK = 40 * 1024 * 1024
_OPERATOR_COST = 32  # an operator costs about as much time as this many bytes of text


class _TooMuchWork(Exception):
    """Raised inside pypdf's text extraction when the budget is spent."""


class _Budget:
    """The work left for reading one PDF's text (see :data:`MAX_PDF_WORK`)."""

    def __init__(self, total: int) -> None:
        self.left = total

    def spend(self, amount: int) -> None:
        self.left -= amount
        if self.left < 0:
            raise _TooMuchWork

    def visit(self, operator: object, operands: object, cm: object, tm: object) -> None:
        cost = _OPERATOR_COST
        if isinstance(operands, list):
            cost += sum(len(op) for op in operands if isinstance(op, str | bytes))
        self.spend(cost)


def pdf_slides(data: bytes, name: str) -> tuple[list[Slide], FrontMatter]:
    """The pages of a PDF as slides, and its document properties (title, author)."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repairs are not the user's news
    try:
        reader = PdfReader(io.BytesIO(data))
        _open(reader, name)
        pages = _page_texts(reader)
        info = reader.metadata
        author = str(info.author or "") if info is not None else ""
    except _TooMuchWork:
        raise DeckError(
            name,
            f"its pages hold more than {MAX_PDF_WORK // 1024 // 1024} MB of drawing "
            "instructions and text, far more than slides do; no text read",
        ) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AssertionError) as error:
        raise DeckError(name, f"not a readable PDF file ({_reason(error)})") from None
    slides = [_slide(number, text) for number, text in enumerate(pages, 1)]
    return slides, ({"author": author.strip()} if author.strip() else {})


def _page_texts(reader: PdfReader) -> list[str]:
    """Each page's text, within the work budget (raises :class:`_TooMuchWork`)."""
    budget = _Budget(MAX_PDF_WORK)
    texts = []
    for page in reader.pages:
        contents = page.get_contents()  # decoded once; counted before any text is read
        budget.spend(len(contents.get_data()) if contents is not None else 0)
        texts.append(page.extract_text(visitor_operand_before=budget.visit) or "")
        if budget.left < 0:  # spent inside a form XObject, where pypdf swallows errors
            raise _TooMuchWork
    return texts


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
