"""PowerPoint ``.pptx`` decks, read with python-pptx: a slide is a slide, notes are notes.

Each slide's text comes from its shapes in reading order (top to bottom, then left to
right, the title first), grouped shapes and table cells included; footers, dates and slide
numbers are slide furniture and left out. A line break inside a paragraph starts a line.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from lxml.etree import LxmlError
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.exc import PythonPptxError

from hanzi_companion.errors import DeckError
from hanzi_companion.text.formats.front_matter import FrontMatter
from hanzi_companion.text.markup import normalise_text
from hanzi_companion.text.models import Slide, SlideLink

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # slides, notes and media of the largest decks
_FURNITURE = frozenset([PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER])
_TITLES = frozenset(
    [PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE]
)
_UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    EOFError,
    LxmlError,
    PythonPptxError,
)


def pptx_slides(data: bytes, name: str) -> tuple[list[Slide], FrontMatter]:
    """The slides of a ``.pptx`` file and what its document properties say (the author)."""
    _check_unpacked_size(data, name)
    try:
        presentation = Presentation(io.BytesIO(data))
        slides = [_slide(number, slide) for number, slide in enumerate(presentation.slides, 1)]
        author = (presentation.core_properties.author or "").strip()
    except _UNREADABLE as error:
        raise DeckError(name, f"not a readable PowerPoint .pptx file ({_reason(error)})") from None
    return slides, ({"author": author} if author else {})


def _check_unpacked_size(data: bytes, name: str) -> None:
    """Refuse an archive that would unpack to far more than any deck (a zip bomb), or whose
    members unpack to more than they declare (a bomb that lies about its sizes: zipfile's
    ``read`` unpacks such a member whole, hundreds of MB, before it sees the bad checksum)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        return  # python-pptx says what is wrong with it
    with archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise DeckError(
                name,
                f"unpacks to {unpacked / 1024 / 1024:.0f} MB, more than a deck holds "
                f"(the limit is {MAX_UNPACKED_BYTES // 1024 // 1024} MB)",
            )
        try:
            for info in archive.infolist():
                _unpack_in_chunks(archive, info)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
            message = f"not a readable PowerPoint .pptx file ({_reason(zipfile.BadZipFile())})"
            raise DeckError(name, message) from None
        except RuntimeError:  # a password-protected member
            raise DeckError(name, "a password-protected zip archive, not a deck") from None


def _unpack_in_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Unpack one member a chunk at a time, to its declared size at most (its checksum
    is checked at the end: a member that holds more fails it)."""
    with archive.open(info) as member:
        while member.read(1024 * 1024):
            pass


def _reason(error: Exception) -> str:
    if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError):
        return "a damaged zip archive"
    return "no presentation inside the archive"


def _slide(number: int, slide: Any) -> Slide:
    lines: list[str] = []
    links: list[SlideLink] = []
    title = ""
    for shape in _reading_order(slide.shapes):
        shape_lines = list(_shape_lines(shape, links))
        if not title and _is_title(shape) and shape_lines:
            title = shape_lines[0]
        lines.extend(shape_lines)
    notes_lines: list[str] = []
    notes_links: list[SlideLink] = []
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        notes_lines = list(_frame_lines(slide.notes_slide.notes_text_frame, notes_links))
    return Slide(
        number=number,
        title=title,
        text="\n".join(lines),
        notes="\n".join(notes_lines),
        links=tuple(links),
        headings=((1, title),) if title else (),
        notes_links=tuple(notes_links),
    )


def _is_title(shape: Any) -> bool:
    return bool(shape.is_placeholder) and shape.placeholder_format.type in _TITLES


def _reading_order(shapes: Iterable[Any]) -> list[Any]:
    """Shapes top to bottom, left to right; the title first; groups opened; furniture out."""
    found: list[Any] = []
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            found.extend(_reading_order(shape.shapes))
        elif not (shape.is_placeholder and shape.placeholder_format.type in _FURNITURE):
            found.append(shape)
    return sorted(found, key=lambda s: (not _is_title(s), s.top or 0, s.left or 0))


def _shape_lines(shape: Any, links: list[SlideLink]) -> Iterator[str]:
    if shape.has_text_frame:
        yield from _frame_lines(shape.text_frame, links)
    elif getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            cells = [" ".join(_clean(cell.text).split("\n")) for cell in row.cells]
            line = " | ".join(cell for cell in cells if cell)
            if line:
                yield line


def _frame_lines(frame: Any, links: list[SlideLink]) -> Iterator[str]:
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            address = run.hyperlink.address
            if address:
                links.append(SlideLink(label=_clean(run.text), url=address))
        for line in _clean(paragraph.text).split("\n"):
            if line:
                yield line


def _clean(text: str) -> str:
    """A paragraph's text: vertical tabs (line breaks in PowerPoint) as new lines, spaces
    collapsed, normalised like every deck."""
    lines = (" ".join(line.split()) for line in text.replace("\v", "\n").split("\n"))
    return normalise_text("\n".join(lines).strip())
