"""Read slide decks into :class:`Deck`: find the format, hand the deck to its reader.

The readers live in :mod:`hanzi_companion.text.formats`, one module per format; metadata
(title, course, week, date, author) in :mod:`hanzi_companion.text.metadata`. This module only
checks the input (size, binary data, encoding, an empty deck), picks the reader and builds
the :class:`Deck`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hanzi_companion.errors import DeckError
from hanzi_companion.text.formats import (
    DECK_SUFFIXES,
    FLATTENED,
    HTML_DOCUMENT,
    MARKDOWN,
    MARP,
    PDF,
    PPTX,
    REMARK_HTML,
    REMARK_MARKDOWN,
    REVEAL,
    TEXT,
)
from hanzi_companion.text.formats.flattened import split_flat_front_matter, unflatten
from hanzi_companion.text.formats.front_matter import forget_loaded, split_front_matter
from hanzi_companion.text.formats.markdown import detect_format, page_slides, section_slides
from hanzi_companion.text.formats.marp import is_marp, marp_slides
from hanzi_companion.text.formats.remark import dedent, remark_slides
from hanzi_companion.text.formats.remark_html import looks_html, source_url_file
from hanzi_companion.text.formats.source import (
    MAX_DECK_BYTES,
    OLE_MAGIC,
    PDF_MAGIC,
    SURROGATE,
    ZIP_MAGIC,
    decode,
    display_name,
    is_pptx,
    too_large,
)
from hanzi_companion.text.formats.text_export import export_slides
from hanzi_companion.text.markup import normalise_text
from hanzi_companion.text.metadata import deck_metadata
from hanzi_companion.text.models import Deck, Slide

__all__ = [
    "DECK_SUFFIXES",
    "FORMATS",
    "MAX_DECK_BYTES",
    "decode_deck_bytes",
    "display_name",
    "read_deck",
    "read_deck_bytes",
    "read_deck_text",
    "unflatten",
]

FORMATS = (
    REMARK_MARKDOWN,
    REMARK_HTML,
    REVEAL,
    HTML_DOCUMENT,
    FLATTENED,
    MARKDOWN,
    MARP,
    TEXT,
    PPTX,
    PDF,
)
_HTML_FORMATS = (REMARK_HTML, REVEAL, HTML_DOCUMENT)
_FORMAT_ALIASES = {
    "remark": REMARK_MARKDOWN,
    "md": MARKDOWN,
    "html": REMARK_HTML,
    "flat": FLATTENED,
    "txt": TEXT,
    "plain": TEXT,
    "reveal.js": REVEAL,
    "revealjs": REVEAL,
    "powerpoint": PPTX,
}


# ---------------------------------------------------------------- entry points


def read_deck(path: Path, fmt: str | None = None) -> Deck:
    """Read a deck file; ``fmt`` forces a format (see :data:`FORMATS`), else detected."""
    source = display_name(str(path))
    data = _read_file(path, source)
    markdown = source_url_file(path, data)
    if markdown is not None:
        # remark.create({sourceUrl: "week09.md"}): the slides are in a file next to the page,
        # the links go to the page
        wanted = None if _normalise_format(fmt, str(path)) == REMARK_HTML else fmt
        return replace(read_deck(markdown, wanted), name=display_name(path.name))
    return _read_bytes(data, path.name, source, fmt)


def _read_file(path: Path, source: str) -> bytes:
    try:
        if path.is_dir():
            raise DeckError(source, "is a folder, not a deck file")
        size = path.stat().st_size
        if size > MAX_DECK_BYTES:
            raise DeckError(source, too_large(size))
        return path.read_bytes()
    except FileNotFoundError:
        raise DeckError(source, "no such file") from None
    except PermissionError:
        raise DeckError(source, "permission denied") from None
    except OSError as error:
        raise DeckError(source, f"cannot be read ({error.strerror or error})") from None


def decode_deck_bytes(data: bytes, source: str) -> str:
    """A text deck's bytes as text (UTF-8, or UTF-16/32 behind a BOM); raises DeckError."""
    return decode(data, source)


def read_deck_bytes(data: bytes, name: str, fmt: str | None = None) -> Deck:
    """Read an uploaded deck: checks size, binary content and encoding before parsing."""
    return _read_bytes(data, name, name, fmt)


def read_deck_text(text: str, name: str, fmt: str | None = None) -> Deck:
    """Read a deck from text; ``fmt`` forces a format (see :data:`FORMATS`), else detected.

    What the deck returns (its slides' text, notes, headings, links, its metadata) is
    normalised by :func:`~hanzi_companion.text.markup.normalise_text`; its ``name`` is the
    :func:`display_name` of ``name``.
    """
    name = display_name(name)
    text = _checked_text(text, name)
    wanted = _normalise_format(fmt, name)
    if wanted in (PPTX, PDF):
        raise DeckError(name, f"a {wanted} deck is binary: it is read from the file's bytes")
    html_title = ""
    label: str | None = None
    page_front: dict[str, str] = {}
    if wanted in (REMARK_HTML, REVEAL, HTML_DOCUMENT) or (
        wanted is None and looks_html(text, name)
    ):
        page, page_front = split_front_matter(text)
        html_deck, html_title, text = _html_page(page, page_front, name, wanted)
        if html_deck is not None:
            return html_deck
        label = REMARK_HTML
        wanted = None
    try:
        body, front = split_front_matter(text)
        vocabulary = _front_vocabulary(text) if len(body) < len(text) else ""  # front matter
    finally:
        forget_loaded()  # the front matter, read once for both
    front = {**page_front, **front}
    body = "\n".join(dedent(body.split("\n")))
    if "```" in body or "~~~" in body:  # a fenced YAML block may hold vocabulary
        body = _fenced_vocabulary(body)
    if wanted is None and is_marp(front):
        wanted = MARP
    if wanted is None and label is None:
        wanted = detect_format(body)
        # "--- Slide 3 ---" marker lines look like a flattened deck; a remark deck is remark
        if wanted != REMARK_MARKDOWN and (exported := export_slides(body)) is not None:
            return _deck(name, TEXT, exported, front, html_title, vocabulary)
    wanted = wanted or detect_format(body)
    slides, front = _markdown_slides(body, wanted, front)
    return _deck(name, label or wanted, slides, front, html_title, vocabulary)


# ---------------------------------------------------------------- steps


def _html_page(
    page: str, page_front: dict[str, str], name: str, wanted: str | None
) -> tuple[Deck | None, str, str]:
    """A reveal.js or plain HTML page read as its deck; a remark page as (None, its title,
    its markdown). A Jekyll page's front matter, on top of the HTML or inside the textarea, is
    no slide. The HTML readers are imported here: a markdown deck never loads them."""
    from hanzi_companion.text.formats.html_document import html_document_slides
    from hanzi_companion.text.formats.html_page import page_title, parse_html
    from hanzi_companion.text.formats.remark_html import is_remark_page, remark_source
    from hanzi_companion.text.formats.reveal import is_reveal, reveal_slides

    root = parse_html(page)
    html_title = normalise_text(page_title(root))
    if wanted == REVEAL or (wanted is None and is_reveal(root)):
        return _deck(name, REVEAL, reveal_slides(root), page_front, html_title), html_title, ""
    if wanted == HTML_DOCUMENT or (wanted is None and not is_remark_page(root, page)):
        slides = html_document_slides(root)
        return _deck(name, HTML_DOCUMENT, slides, page_front, html_title), html_title, ""
    text = normalise_text(remark_source(root, page, name))
    return None, html_title, "\n".join(dedent(text.split("\n"))).lstrip("\n")


def _front_vocabulary(text: str) -> str:
    """The vocabulary, sentences and other Chinese the front matter holds, as deck text. Its
    reader is imported here: a deck without front matter never loads it."""
    from hanzi_companion.text.formats.front_vocabulary import vocabulary_text

    return vocabulary_text(text)


def _fenced_vocabulary(body: str) -> str:
    """The body with the vocabulary of its fenced YAML blocks written as deck text."""
    from hanzi_companion.text.formats.front_vocabulary import vocabulary_blocks

    return vocabulary_blocks(body)


def _with_vocabulary(slides: list[Slide], vocabulary: str) -> list[Slide]:
    """The body's slides, and the front matter's vocabulary on a slide after them (the only
    slide when the body has no text: a page that is all front matter)."""
    if not vocabulary:
        return slides
    if not any(slide.text or slide.notes or slide.properties for slide in slides):
        return [Slide(number=1, title="", text=vocabulary)]
    header = Slide(number=slides[-1].last_number + 1, title="", text=vocabulary, header=True)
    return [*slides, header]


def _checked_text(text: str, name: str) -> str:
    """The deck's text, normalised, once it is known to be a text deck with text in it."""
    if len(text) > MAX_DECK_BYTES // 4:  # 4 bytes a character at most: below, always small
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_DECK_BYTES:
            raise DeckError(name, too_large(size))
    if "\x00" in text:
        raise DeckError(name, "binary data (a NUL character), not a text deck")
    surrogate = SURROGATE.search(text)
    if surrogate:
        line = text.count("\n", 0, surrogate.start()) + 1
        raise DeckError(name, f"not valid Unicode text: a lone surrogate on line {line}")
    text = normalise_text(text)  # a leading BOM goes with the other format characters
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DeckError(name, "empty deck: there is no text in it")
    return text


def _markdown_slides(
    body: str, wanted: str, front: dict[str, str]
) -> tuple[list[Slide], dict[str, str]]:
    """The slides of a markdown body in the given format, and the front matter found."""
    if wanted == FLATTENED:
        body, flat_front = split_flat_front_matter(body)
        return remark_slides(unflatten(body)), front or flat_front
    if wanted == REMARK_MARKDOWN:
        return remark_slides(body), front
    if wanted == TEXT and (exported := export_slides(body)) is not None:
        return exported, front
    if wanted == MARKDOWN:
        return section_slides(body), front
    if wanted == MARP:
        return marp_slides(body, front), front
    return page_slides(body, keep_lines=True), front


def _deck(
    name: str,
    label: str,
    slides: list[Slide],
    front: dict[str, str],
    html_title: str = "",
    vocabulary: str = "",
) -> Deck:
    """The deck of the body's slides (its metadata read from them) and the front matter's
    vocabulary on a slide after them."""
    metadata = deck_metadata(slides, name, front, html_title)
    slides = _with_vocabulary(slides, vocabulary)
    if not any(slide.text or slide.notes or slide.properties for slide in slides):
        where = "after its front matter" if front else "in its slides"
        raise DeckError(name, f"empty deck: there is no text {where}")
    return Deck(name=name, format=label, slides=tuple(slides), metadata=metadata)


def _read_bytes(data: bytes, name: str, source: str, fmt: str | None) -> Deck:
    if len(data) > MAX_DECK_BYTES:
        raise DeckError(source, too_large(len(data)))
    wanted = _normalise_format(fmt, source)
    binary = _binary_format(data, name, source, wanted)
    if binary is not None:
        return _deck(display_name(name), binary, *_binary_slides(binary, data, source))
    text = decode(data, source)
    try:
        return read_deck_text(text, name, fmt)
    except DeckError as error:
        if source == name:
            raise
        raise DeckError(source, error.reason) from None


def _binary_format(data: bytes, name: str, source: str, wanted: str | None) -> str | None:
    """PPTX or PDF when the bytes are one (by content, or asked for), else None (text)."""
    if wanted in (None, PDF) and data.startswith(PDF_MAGIC):
        return PDF
    if wanted in (None, PPTX) and is_pptx(data):
        return PPTX
    suffix = Path(name).suffix.lower()
    if wanted == PDF or (wanted is None and suffix == ".pdf"):
        raise DeckError(source, "not a PDF file (it does not start with %PDF-)")
    # an encrypted .pptx is an OLE file: decode() gives it its own message
    if (wanted == PPTX or (wanted is None and suffix == ".pptx")) and not data.startswith(
        OLE_MAGIC
    ):
        what = "a zip archive without a presentation" if data.startswith(ZIP_MAGIC) else "no zip"
        raise DeckError(source, f"not a PowerPoint .pptx file ({what})")
    return None


def _binary_slides(binary: str, data: bytes, source: str) -> tuple[list[Slide], dict[str, str]]:
    # The readers' libraries load when a binary deck comes: text decks never pay for them.
    if binary == PDF:
        from hanzi_companion.text.formats.pdf import pdf_slides

        return pdf_slides(data, source)
    from hanzi_companion.text.formats.powerpoint import pptx_slides

    return pptx_slides(data, source)


def _normalise_format(fmt: str | None, name: str) -> str | None:
    if fmt is None or fmt == "auto":
        return None
    wanted = _FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
    if wanted not in FORMATS:
        raise DeckError(name, f"unknown deck format {fmt!r} (known: {', '.join(FORMATS)})")
    return wanted
