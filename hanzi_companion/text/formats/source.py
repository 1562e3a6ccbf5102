"""Bytes to text: the checks a deck file passes before any reader sees it (size, binary
content, encoding), and names that can be shown."""

from __future__ import annotations

import codecs
import io
import unicodedata
import zlib

from hanzi_companion.errors import DeckError
from hanzi_companion.patterns import compile_pattern
from hanzi_companion.text.han import is_han

MAX_DECK_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old Office files, and password-protected new ones
SURROGATE = compile_pattern("[\ud800-\udfff]")


def display_name(name: str) -> str:
    """A file name or path that can be shown and written as UTF-8 (JSON, HTML, a terminal).

    A name whose bytes are not UTF-8 (a zip made on Windows with GBK names) comes from the
    file system with surrogate escapes, which no UTF-8 output can hold. Each part of the path
    that has them is decoded from its bytes as GB18030 when that gives Chinese characters
    (``week天08.md``), else as UTF-8 with replacement characters (``week\ufffd08.md``).
    """
    if not SURROGATE.search(name):
        return name
    return "/".join(_display_part(part) for part in name.split("/"))


def _display_part(part: str) -> str:
    if not SURROGATE.search(part):
        return part
    if not all("\udc80" <= char <= "\udcff" for char in SURROGATE.findall(part)):
        return SURROGATE.sub("\ufffd", part)  # not escaped bytes: nothing to decode
    raw = part.encode("utf-8", "surrogateescape")
    try:
        guess = raw.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if any(_is_han(char) for char in guess) and guess.isprintable():
            return guess
    return raw.decode("utf-8", "replace")


def too_large(size: int) -> str:
    return (
        f"too large ({size / 1024 / 1024:.1f} MB; the limit is {MAX_DECK_BYTES // 1024 // 1024} MB)"
    )


_MAGIC = (
    (b"%PDF-", "a PDF file, but it was read as text (--format pdf reads it as slides)"),
    (b"PK\x03\x04", "a zip archive without a PowerPoint presentation (Keynote or Word?)"),
    (b"\x89PNG", "a PNG image, not a slide deck"),
    (b"\xff\xd8\xff", "a JPEG image, not a slide deck"),
    (b"GIF8", "a GIF image, not a slide deck"),
    (
        b"\xd0\xcf\x11\xe0",
        "an old Office document (.ppt) or a password-protected one: save it as .pptx "
        "without a password",
    ),
)


# Byte-order marks of the wide encodings, UTF-32 first: its little-endian BOM begins with
# UTF-16's (FF FE 00 00 against FF FE).
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _decode_wide(data: bytes, source: str, codec: str, label: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise DeckError(source, f"starts like {label} but is not valid {label}") from None
    if _mostly_not_text(text):
        raise DeckError(
            source,
            f"binary data behind a {label} byte-order mark (mostly private-use, unassigned "
            "or control characters), not a text deck",
        )
    return text


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (BOM allowed; UTF-16 and UTF-32 with a BOM too); say where invalid bytes
    are."""
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise DeckError(source, message)
    for bom, codec, label in _WIDE_BOMS:
        if data.startswith(bom):
            return _decode_wide(data, source, codec, label)
    nul = data.find(b"\x00")
    if nul >= 0:
        head = data[:200]
        if len(head) >= 8 and (
            head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3
        ):
            raise DeckError(
                source, "looks like UTF-16 without a byte-order mark: save the deck as UTF-8"
            )
        raise DeckError(source, f"binary data (a NUL byte at offset {nul}), not a text deck")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        position = error.start
        line = data.count(b"\n", 0, position) + 1
        line_start = data.rfind(b"\n", 0, position) + 1
        column = len(data[line_start:position].decode("utf-8", "replace")) + 1
        raise DeckError(
            source,
            f"not valid UTF-8: byte 0x{data[position]:02x} at line {line}, column {column} "
            f"(byte offset {position}){_encoding_hint(data)}; save the deck as UTF-8",
        ) from None


# Characters no deck is written in: private use, unassigned code points, controls, surrogates.
_NOT_TEXT = frozenset(("Co", "Cn", "Cc", "Cs"))
_TEXT_SAMPLE = 65536


def _mostly_not_text(text: str) -> bool:
    """Whether most characters at the start of ``text`` (spaces aside) are characters no
    text is written in: any two bytes after FF FE decode as UTF-16, binary data among them.
    """
    sample = [char for char in text[:_TEXT_SAMPLE] if not char.isspace()]
    junk = sum(1 for char in sample if unicodedata.category(char) in _NOT_TEXT)
    return junk * 2 > len(sample)


def _encoding_hint(data: bytes) -> str:
    """Name the likely encoding of a deck that is not UTF-8 (GB18030 decks are common)."""
    sample = data[:65536]
    try:
        text = sample.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    if sum(1 for char in text if _is_han(char)) >= 2:
        return ", it looks like GBK/GB18030"
    return ""


def _is_han(char: str) -> bool:
    return bool(char) and is_han(char)


def is_pptx(data: bytes) -> bool:
    """Whether ``data`` is a zip archive holding a PowerPoint presentation."""
    if not data.startswith(ZIP_MAGIC):
        return False
    import zipfile  # only for a zip archive: a text deck never loads it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.startswith("ppt/") for name in archive.namelist())
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        return False
