"""Read slide decks into :class:`Deck`: remark markdown, remark HTML, flattened text, markdown.

Slides are numbered as remark numbers them, so that ``deck.html#12`` opens the right slide:
every ``--`` step is a slide of its own in remark's count, so a slide's ``number`` is the
number of its first step and a slide with three steps takes three numbers. ``layout: true``
templates and ``exclude: true`` slides take none.

The flattened form (a whole deck on one line, separators as `` --- `` inside it) is turned
back into remark markdown by :func:`unflatten` and then read like any remark deck.
"""

from __future__ import annotations

import bisect
import codecs
import html
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from hanzi_companion.errors import DeckError
from hanzi_companion.text.folders import leaves_folder
from hanzi_companion.text.markup import LINK_PATTERN as _LINK
from hanzi_companion.text.markup import clean_markdown, link_definitions, normalise_text
from hanzi_companion.text.models import Deck, DeckMetadata, Slide

MAX_DECK_BYTES = 20 * 1024 * 1024

REMARK_MARKDOWN = "remark-markdown"
REMARK_HTML = "remark-html"
FLATTENED = "flattened"
MARKDOWN = "markdown"
TEXT = "text"
FORMATS = (REMARK_MARKDOWN, REMARK_HTML, FLATTENED, MARKDOWN, TEXT)
_FORMAT_ALIASES = {
    "remark": REMARK_MARKDOWN,
    "md": MARKDOWN,
    "html": REMARK_HTML,
    "flat": FLATTENED,
    "txt": TEXT,
    "plain": TEXT,
}

# Properties remark reads at the top of a slide (only these are recognised inside a flattened
# line, where anything else would be prose).
REMARK_PROPERTIES = (
    "class",
    "name",
    "background-image",
    "background-size",
    "background-position",
    "background-color",
    "background-repeat",
    "layout",
    "template",
    "count",
    "exclude",
    "seq",
)
# Class names common enough in remark decks to be read as classes after a space, not prose.
_KNOWN_CLASSES = frozenset(
    [
        "center",
        "middle",
        "left",
        "right",
        "top",
        "bottom",
        "inverse",
        "cover",
        "hljs-default",
        "hljs-dark",
        "hljs-light",
        "title-slide",
        "title",
        "large",
        "small",
        "big",
        "full",
        "dark",
        "light",
        "red",
        "blue",
        "green",
        "nord",
        "normal",
    ]
)
# Content classes that lay out blocks (their content sits on lines of its own).
_BLOCK_CLASS = re.compile(
    r"(?:footnote|column|col|left|right|center|pull|grid|row|box|caption|quote|notes?|"
    r"container|panel|cell|half|third|quarter)",
    re.I,
)

_SEPARATOR = "---"
_STEP = "--"
_NOTES = "???"
_SURROGATE = re.compile("[\ud800-\udfff]")
_FENCE_LINE = re.compile(r"^ *(`{3,}|~{3,})")
_PROPERTY_LINE = re.compile(r"^([-\w]+):([^$\n]*)", re.ASCII)
_PROPERTY_COMMENT = re.compile(r"<!--\s*([-\w]+):([^$\n<>]*)-->", re.ASCII)
_FRONT_KEY = re.compile(r"^[\w-]+[ \t]*:", re.ASCII)
_TEXTAREA = re.compile(r"<textarea\b([^<>]*)>", re.I)
_SOURCE_ID = re.compile(r"\bid\s*=\s*[\"']?source\b", re.I)
_SOURCE_URL = re.compile(r"sourceUrl\s*:\s*[\"']([^\"'\n]+)[\"']")
_HTML_TITLE = re.compile(r"<title\b[^<>]*>([^<]*)</title>", re.I)
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.I)
_MARKDOWN_HINT = re.compile(r"^(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s|```)|\]\(|\*\*", re.M)
_HEADING_LINE = re.compile(r"^(#{1,6})[ \t]")
_REMARK_PROPERTY_START = re.compile(
    r"(?:" + "|".join(re.escape(key) for key in REMARK_PROPERTIES) + r")[ \t]*:(?:[ \t]|$)"
)


@dataclass
class _RawSlide:
    """One slide or step as remark's parser sees it, before its markup is cleaned."""

    content: list[str] = field(default_factory=list)
    notes: list[str] | None = None
    continued: bool = False
    properties: list[tuple[str, str]] = field(default_factory=list)

    def add(self, line: str) -> None:
        if self.notes is not None:
            self.notes.append(line)
        else:
            self.content.append(line)

    def property(self, name: str) -> str:
        for key, value in self.properties:
            if key == name:
                return value
        return ""


# ---------------------------------------------------------------- entry points


def read_deck(path: Path, fmt: str | None = None) -> Deck:
    """Read a deck file; ``fmt`` forces a format (see :data:`FORMATS`), else detected."""
    source = display_name(str(path))
    try:
        if path.is_dir():
            raise DeckError(source, "is a folder, not a deck file")
        size = path.stat().st_size
        if size > MAX_DECK_BYTES:
            raise DeckError(source, _too_large(size))
        data = path.read_bytes()
    except FileNotFoundError:
        raise DeckError(source, "no such file") from None
    except PermissionError:
        raise DeckError(source, "permission denied") from None
    except OSError as error:
        raise DeckError(source, f"cannot be read ({error.strerror or error})") from None
    markdown = _source_url_file(path, data)
    if markdown is not None:
        # remark.create({sourceUrl: "week09.md"}): the slides are in a file next to the page,
        # the links go to the page
        wanted = None if _normalise_format(fmt, str(path)) == REMARK_HTML else fmt
        return replace(read_deck(markdown, wanted), name=display_name(path.name))
    return _read_bytes(data, path.name, source, fmt)


def _source_url_file(path: Path, data: bytes) -> Path | None:
    """The markdown file a remark HTML page without a textarea loads, when it is beside it."""
    if path.suffix.lower() not in (".html", ".htm") or b"<textarea" in data.lower():
        return None
    found = _SOURCE_URL.search(data[:1_000_000].decode("utf-8", "replace"))
    if found is None:
        return None
    url = found.group(1).split("?")[0].split("#")[0]
    if ":" in url or url.startswith("/") or ".." in url.split("/"):
        return None  # a web address or outside the page's folder: not read
    candidate = path.parent / url
    if candidate.suffix.lower() in (".html", ".htm") or not candidate.is_file():
        return None  # markdown only: never one page loading another
    if leaves_folder(candidate, path.parent):
        return None  # a link (or through one) to a file outside the page's folder
    return candidate


def read_deck_bytes(data: bytes, name: str, fmt: str | None = None) -> Deck:
    """Read an uploaded deck: checks size, binary content and encoding before parsing."""
    return _read_bytes(data, name, name, fmt)


def display_name(name: str) -> str:
    """A file name or path that can be shown and written as UTF-8 (JSON, HTML, a terminal).

    A name whose bytes are not UTF-8 (a zip made on Windows with GBK names) comes from the
    file system with surrogate escapes, which no UTF-8 output can hold. Each part of the path
    that has them is decoded from its bytes as GB18030 when that gives Chinese characters
    (``week天08.md``), else as UTF-8 with replacement characters (``week\ufffd08.md``).
    """
    if not _SURROGATE.search(name):
        return name
    return "/".join(_display_part(part) for part in name.split("/"))


def _display_part(part: str) -> str:
    if not _SURROGATE.search(part):
        return part
    if not all("\udc80" <= char <= "\udcff" for char in _SURROGATE.findall(part)):
        return _SURROGATE.sub("\ufffd", part)  # not escaped bytes: nothing to decode
    raw = part.encode("utf-8", "surrogateescape")
    try:
        guess = raw.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if any(_is_han(char) for char in guess) and guess.isprintable():
            return guess
    return raw.decode("utf-8", "replace")


def read_deck_text(text: str, name: str, fmt: str | None = None) -> Deck:
    """Read a deck from text; ``fmt`` forces a format (see :data:`FORMATS`), else detected.

    What the deck returns (its slides' text, notes, headings, links, its metadata) is
    normalised by :func:`~hanzi_companion.text.markup.normalise_text`; its ``name`` is the
    :func:`display_name` of ``name``.
    """
    name = display_name(name)
    if len(text) > MAX_DECK_BYTES // 4:  # 4 bytes a character at most: below, always small
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_DECK_BYTES:
            raise DeckError(name, _too_large(size))
    if "\x00" in text:
        raise DeckError(name, "binary data (a NUL character), not a text deck")
    surrogate = _SURROGATE.search(text)
    if surrogate:
        line = text.count("\n", 0, surrogate.start()) + 1
        raise DeckError(name, f"not valid Unicode text: a lone surrogate on line {line}")
    text = normalise_text(text)  # a leading BOM goes with the other format characters
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DeckError(name, "empty deck: there is no text in it")
    wanted = _normalise_format(fmt, name)
    html_title = ""
    label: str | None = None
    page_front: dict[str, str] = {}
    if wanted == REMARK_HTML or (wanted is None and _looks_html(text, name)):
        # a Jekyll page: front matter on top of the HTML, or inside the textarea (indented
        # like the slides), is not a slide either
        page, page_front = _split_front_matter(text)
        text, html_title = _remark_source(page, name)
        text, html_title = normalise_text(text), normalise_text(html_title)  # entities
        text = "\n".join(_dedent(text.split("\n"))).lstrip("\n")
        label = REMARK_HTML
        wanted = None
    body, front = _split_front_matter(text)
    if page_front:
        front = {**page_front, **front}
    body = "\n".join(_dedent(body.split("\n")))
    if wanted is None:
        wanted = _detect_markdown_format(body)
    label = label or wanted
    if wanted == FLATTENED:
        body, flat_front = _split_flat_front_matter(body)
        front = front or flat_front
        slides = _remark_slides(unflatten(body))
    elif wanted == REMARK_MARKDOWN:
        slides = _remark_slides(body)
    elif wanted == MARKDOWN:
        slides = _section_slides(body)
    else:
        slides = _page_slides(body, keep_lines=True)
    if not any(slide.text or slide.notes or slide.properties for slide in slides):
        where = "after its front matter" if front else "in its slides"
        raise DeckError(name, f"empty deck: there is no text {where}")
    metadata = deck_metadata(slides, name, front, html_title)
    return Deck(name=name, format=label, slides=tuple(slides), metadata=metadata)


# ---------------------------------------------------------------- bytes and text


def _too_large(size: int) -> str:
    return (
        f"too large ({size / 1024 / 1024:.1f} MB; the limit is {MAX_DECK_BYTES // 1024 // 1024} MB)"
    )


_MAGIC = (
    (b"%PDF-", "a PDF file, not a slide deck: read the slides' markdown source instead"),
    (b"PK\x03\x04", "a zip archive (PowerPoint, Keynote or Word?), not a slide deck"),
    (b"\x89PNG", "a PNG image, not a slide deck"),
    (b"\xff\xd8\xff", "a JPEG image, not a slide deck"),
    (b"GIF8", "a GIF image, not a slide deck"),
    (b"\xd0\xcf\x11\xe0", "an old Office document, not a slide deck"),
)


def _read_bytes(data: bytes, name: str, source: str, fmt: str | None) -> Deck:
    if len(data) > MAX_DECK_BYTES:
        raise DeckError(source, _too_large(len(data)))
    text = _decode(data, source)
    try:
        return read_deck_text(text, name, fmt)
    except DeckError as error:
        if source == name:
            raise
        raise DeckError(source, error.reason) from None


# Byte-order marks of the wide encodings, UTF-32 first: its little-endian BOM begins with
# UTF-16's (FF FE 00 00 against FF FE).
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def decode_deck_bytes(data: bytes, source: str) -> str:
    """A deck's bytes as text (see :func:`_decode`); raises :class:`DeckError`."""
    return _decode(data, source)


def _decode(data: bytes, source: str) -> str:
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


def _normalise_format(fmt: str | None, name: str) -> str | None:
    if fmt is None or fmt == "auto":
        return None
    wanted = _FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
    if wanted not in FORMATS:
        raise DeckError(name, f"unknown deck format {fmt!r} (known: {', '.join(FORMATS)})")
    return wanted


def _looks_html(text: str, name: str) -> bool:
    head = text[:4096]
    if _TEXTAREA.search(head) and _SOURCE_ID.search(head):
        return True
    if _HTML_START.match(head):
        return True
    return name.lower().endswith((".html", ".htm")) and "<textarea" in text.lower()


def _remark_source(text: str, name: str) -> tuple[str, str]:
    """The markdown inside a remark HTML file's ``<textarea id="source">``, and its title."""
    title_match = _HTML_TITLE.search(text)
    title = " ".join(html.unescape(title_match.group(1)).split()) if title_match else ""
    chosen: re.Match[str] | None = None
    for match in _TEXTAREA.finditer(text):
        if _SOURCE_ID.search(match.group(1)):
            chosen = match
            break
        if chosen is None:
            chosen = match
    if chosen is None:
        url = _SOURCE_URL.search(text)
        if url:
            raise DeckError(
                name,
                f"this remark HTML file loads its slides from {url.group(1)!r} (sourceUrl): "
                "read that markdown file instead",
            )
        raise DeckError(name, 'an HTML file without a remark <textarea id="source">')
    end = text.lower().find("</textarea>", chosen.end())
    inner = text[chosen.end() :] if end < 0 else text[chosen.end() : end]
    markdown = html.unescape(inner)
    if not markdown.strip():
        raise DeckError(name, 'empty deck: the remark <textarea id="source"> holds no slides')
    return markdown, title


def _split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Jekyll front matter (``---`` YAML ``---`` at the top) is not a slide: split it off.

    A remark deck may also start with ``---`` (an empty first slide) followed by slide
    properties; it is front matter only if it starts with a ``key:`` line, holds no markdown
    heading, and has a key remark does not know as a property or a ``layout`` that is not
    ``true``/``false``.
    """
    if not text.startswith("---\n"):
        return text, {}
    end = text.find("\n---\n", 3)
    if end < 0:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            return text, {}
    block = text[4:end]
    if not _FRONT_KEY.match(block.lstrip("\n")):
        return text, {}
    values: dict[str, str] = {}
    for line in block.split("\n"):
        if _HEADING_LINE.match(line):
            return text, {}  # a markdown heading: these are slides, not YAML
        # other lines continue a value (a quoted description over several lines) or list
        if _FRONT_KEY.match(line):
            key, _, value = line.partition(":")
            values.setdefault(key.strip().lower(), value.strip().strip("\"'"))
    foreign = [key for key in values if key not in REMARK_PROPERTIES]
    layout = values.get("layout", "true").lower()
    if not foreign and layout in ("true", "false"):
        return text, {}
    return text[end + 5 :], values


def _detect_markdown_format(body: str) -> str:
    fence = ""
    inline_separators = 0
    non_empty = 0
    for line in body.split("\n"):
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            continue
        fence_match = _FENCE_LINE.match(line)
        if fence_match:
            fence = fence_match.group(1)
            continue
        if line in (_SEPARATOR, _STEP, _NOTES):
            return REMARK_MARKDOWN
        if line.strip():
            non_empty += 1
            if "---" in line:
                inline_separators += line.count(" --- ")
                inline_separators += line.startswith("--- ") + line.endswith(" ---")
    # A flattened deck has more separators than lines: the whole deck on one line, or one
    # slide a line; a " --- " dash in a few lines of prose does not make a deck.
    if (non_empty == 1 and inline_separators) or 2 <= inline_separators >= non_empty - 1:
        return FLATTENED
    first = body.lstrip().split("\n", 1)[0]
    if _REMARK_PROPERTY_START.match(first):
        # slide properties on top: remark, on one line (flattened) or on lines of their own
        return FLATTENED if non_empty == 1 else REMARK_MARKDOWN
    if non_empty == 1 and sum(1 for line in unflatten(first).split("\n") if line) > 1:
        return FLATTENED  # one slide flattened: headings, items, notes run inline
    return MARKDOWN if _MARKDOWN_HINT.search(body) else TEXT


# ---------------------------------------------------------------- remark markdown


def _dedent(lines: list[str]) -> list[str]:
    """Remove the indentation all lines share, as remark does (decks indented in HTML)."""
    if any(line[:1] not in ("", " ", "\t") for line in lines[:50]):
        return lines  # a line that starts at column 0: nothing is shared (the usual case)
    widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
    shared = min(widths, default=0)
    if not shared:
        return lines
    return [line[shared:] if line[:shared].strip() == "" else line.lstrip(" \t") for line in lines]


def _fenced_ranges(lines: list[str]) -> list[tuple[int, int]]:
    """Index ranges of fenced code blocks with a closing fence (remark ignores others)."""
    by_marker: dict[str, list[int]] = {}
    openers: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        match = _FENCE_LINE.match(line)
        if match:
            marker = match.group(1)
            openers.append((index, marker))
            if not line[match.end() :].strip():
                by_marker.setdefault(marker, []).append(index)
    ranges: list[tuple[int, int]] = []
    after = -1
    for index, marker in openers:
        if index <= after:
            continue
        closers = by_marker.get(marker, [])
        position = bisect.bisect_right(closers, index)
        if position < len(closers):
            after = closers[position]
            ranges.append((index, after))
    return ranges


def _split_remark(source: str) -> list[_RawSlide]:
    """Split remark markdown on ``---``/``--``/``???`` lines, as remark's lexer does."""
    lines = _dedent(source.split("\n"))
    fenced = _fenced_ranges(lines)
    slides = [_RawSlide()]
    fence_index = 0
    index = 0
    while index < len(lines):
        if fence_index < len(fenced) and fenced[fence_index][0] == index:
            start, end = fenced[fence_index]
            for line in lines[start : end + 1]:
                slides[-1].add(line)
            index = end + 1
            fence_index += 1
            continue
        line = lines[index]
        if line in (_SEPARATOR, _STEP):
            slides.append(_RawSlide(continued=line == _STEP))
        elif line == _NOTES:
            slides[-1].notes = []
        else:
            slides[-1].add(line)
        index += 1
    for slide in slides:
        _extract_properties(slide)
    return [slide for slide in slides if slide.property("exclude").lower() != "true"]


def _extract_properties(slide: _RawSlide) -> None:
    """Slide properties: ``key: value`` lines at the top, or ``<!-- key: value -->``."""
    lines = slide.content
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line:
            index += 1
            continue
        match = _PROPERTY_LINE.match(line)
        if not match:
            break
        slide.properties.append((match.group(1).strip(), match.group(2).strip()))
        index += 1
    if slide.properties:
        del lines[:index]
    for position, line in enumerate(lines):
        if "<!--" in line and _PROPERTY_COMMENT.search(line):
            for match in _PROPERTY_COMMENT.finditer(line):
                slide.properties.append((match.group(1).strip(), match.group(2).strip()))
            lines[position] = _PROPERTY_COMMENT.sub("", line)


def _remark_slides(source: str) -> list[Slide]:
    """Remark markdown to slides numbered as remark numbers them.

    As in remark, a slide takes the properties of its template (the previous step for a
    ``--`` step, a ``template: name`` slide, else the current ``layout: true`` slide), classes
    joined, and ``{{property}}`` in its text is replaced by the property's value. A template's
    content is not copied into each slide's prose (it would repeat on every slide).
    """
    raws = _split_remark(source)
    definitions = link_definitions(source) if "]:" in source else {}
    groups: list[tuple[int, list[_RawSlide]]] = []
    by_name: dict[str, list[tuple[str, str]]] = {}
    layout: list[tuple[str, str]] | None = None
    previous: list[tuple[str, str]] | None = None
    number = 0
    for raw in raws:
        own = dict(raw.properties)
        template: list[tuple[str, str]] | None = None
        if raw.continued and previous is not None:
            template = previous
        elif own.get("template") in by_name:
            template = by_name[own["template"]]
        elif own.get("layout", "").lower() == "false":
            layout = None
        elif layout is not None and own.get("layout", "").lower() != "true":
            template = layout
        if template:
            raw.properties = _inherit(raw.properties, template)
        if "{{" in "".join(raw.content):
            raw.content = _expand_variables(raw.content, dict(raw.properties))
        if own.get("name"):
            by_name[own["name"]] = raw.properties
        if own.get("layout", "").lower() == "true":
            layout = raw.properties
            continue  # a template: shown on later slides, not a slide of its own
        previous = raw.properties
        number += 1
        if raw.continued and groups:
            groups[-1][1].append(raw)
        else:
            groups.append((number, [raw]))
    return [_build_slide(number, steps, definitions) for number, steps in groups]


_NOT_INHERITED = frozenset(("name", "layout", "count"))
_VARIABLE = re.compile(r"(\\)?\{\{([^}\n]+)\}\}")


def _inherit(own: list[tuple[str, str]], template: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A slide's properties given its template's: classes are joined, the rest filled in."""
    mine = dict(own)
    result = list(own)
    for key, value in template:
        if key in _NOT_INHERITED:
            continue
        if key == "class" and mine.get("class"):
            joined = ", ".join(part for part in (value, mine["class"]) if part)
            result = [(k, joined if k == "class" else v) for k, v in result]
        elif key not in mine:
            result.append((key, value))
    return result


def _expand_variables(lines: list[str], properties: dict[str, str]) -> list[str]:
    """Replace ``{{name}}`` by the slide's property (``\\{{name}}`` stays as written)."""

    def expand(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group()[1:]
        return properties.get(match.group(2).strip(), match.group())

    return [_VARIABLE.sub(expand, line) if "{{" in line else line for line in lines]


# Between the steps of a slide while its markup is cleaned: a line of its own that no deck holds
# (a NUL character is refused on input), found again in the prose to number each line's step.
_STEP_MARK = "\x00"
_STEP_JOIN = "\n\n" + _STEP_MARK + "\n\n"


def _build_slide(
    number: int, steps: list[_RawSlide], definitions: dict[str, str], keep_lines: bool = False
) -> Slide:
    if len(steps) == 1:
        content = "\n".join(steps[0].content)
        notes = "\n".join(steps[0].notes or ())
    else:
        # a step ends a paragraph, as in remark, where it is a slide of its own
        content = _STEP_JOIN.join("\n".join(step.content) for step in steps)
        notes = _STEP_JOIN.join("\n".join(step.notes or ()) for step in steps)
    prose = clean_markdown(content, definitions, keep_lines)
    has_notes = any(step.notes and "".join(step.notes).strip() for step in steps)
    notes_prose = clean_markdown(notes, definitions, keep_lines) if has_notes else None
    text_lines, text_steps = _step_offsets(prose.lines, len(steps))
    notes_lines, notes_steps = _step_offsets(notes_prose.lines if notes_prose else (), len(steps))
    properties: list[tuple[str, str]] = []
    seen: set[str] = set()
    for step in steps:
        for key, value in step.properties:
            if key not in seen:
                seen.add(key)
                properties.append((key, value))
    return Slide(
        number=number,
        title=prose.headings[0][1] if prose.headings else "",
        text="\n".join(text_lines),
        notes="\n".join(notes_lines),
        links=prose.links,
        properties=tuple(properties),
        headings=prose.headings,
        steps=len(steps),
        notes_links=notes_prose.links if notes_prose else (),
        text_steps=text_steps,
        notes_steps=notes_steps,
    )


def _step_offsets(lines: tuple[str, ...], steps: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Drop the step marks from a slide's prose lines; give each line its step (0-based).

    A mark that the markup joined to a line (it should stand alone) splits that line, so no
    text is numbered with a step before the one that shows it. One step: no offsets.
    """
    if steps == 1:
        return lines, ()
    kept: list[str] = []
    offsets: list[int] = []
    step = 0
    for line in lines:
        if _STEP_MARK not in line:
            kept.append(line)
            offsets.append(step)
            continue
        for index, piece in enumerate(line.split(_STEP_MARK)):
            if index:
                step += 1
            piece = piece.strip()
            if piece:
                kept.append(piece)
                offsets.append(step)
    if not any(offsets):
        return tuple(kept), ()
    return tuple(kept), tuple(offsets)


# ---------------------------------------------------------------- ordinary markdown, text


def _section_slides(body: str) -> list[Slide]:
    """Markdown without separators: one slide per section of its top heading level."""
    lines = body.split("\n")
    fenced = _fenced_ranges(lines)
    in_fence = [False] * len(lines)
    for start, end in fenced:
        for index in range(start, end + 1):
            in_fence[index] = True
    levels = [
        len(match.group(1))
        for index, line in enumerate(lines)
        if not in_fence[index] and (match := _HEADING_LINE.match(line))
    ]
    # Split at the highest level used at least twice (a lone document title does not count).
    top = min((level for level in set(levels) if levels.count(level) >= 2), default=0)
    if not top:
        return _page_slides(body)
    definitions = link_definitions(body) if "]:" in body else {}
    sections: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        match = None if in_fence[index] else _HEADING_LINE.match(line)
        if match and len(match.group(1)) <= top and any(s.strip() for s in sections[-1]):
            sections.append([])
        sections[-1].append(line)
    raws = [_RawSlide(content=section) for section in sections if any(s.strip() for s in section)]
    return [_build_slide(number, [raw], definitions) for number, raw in enumerate(raws, 1)]


def _page_slides(body: str, keep_lines: bool = False) -> list[Slide]:
    """Plain text: one slide, or one per page where form feeds separate pages."""
    definitions = link_definitions(body) if "]:" in body else {}
    pages = [page for page in body.split("\f") if page.strip()] or [body]
    return [
        _build_slide(number, [_RawSlide(content=page.split("\n"))], definitions, keep_lines)
        for number, page in enumerate(pages, 1)
    ]


# ---------------------------------------------------------------- flattened decks

_FLAT_TOKEN = re.compile(
    r"(?=[-?`~#*0-9>|\[\]<.])"  # every token starts with one of these: a cheap first test
    r"(?:(?P<sep>(?<!\S)---?(?!\S))"
    r"|(?P<notes>(?<!\S)\?\?\?(?!\S))"
    r"|(?P<fence>(?<!\S)(?:`{3,}|~{3,})[\w+-]*(?!\S))"
    r"|(?P<heading>(?<!\S)#{1,6}(?=\s))"
    r"|(?P<item>(?<!\S)[-*](?=\s))"
    r"|(?P<number>(?<!\S)\d{1,2}[.)](?=\s))"
    r"|(?P<quote>(?<!\S)>(?=\s))"
    r"|(?P<row>\|[ \t]+\|)"
    r"|(?P<definition>(?<!\S)\[[^\[\]\n]+\]:(?=[ \t]))"
    r"|(?P<tag><(?:script|style|div|p|img|iframe|table|video|audio|figure|ul|ol|blockquote)\b)"
    r"|(?P<cls>(?<![\w\\.-])(?:\.[A-Za-z_-][\w-]*)+\[)"
    r"|(?P<open>\[)|(?P<close>\]))",
    re.I,
)
_FLAT_KEY = re.compile(
    r"\s*(" + "|".join(re.escape(key) for key in REMARK_PROPERTIES) + r")[ \t]*:"
)
_FLAT_CLASS = re.compile(r"[ \t]*([a-z_][\w-]*)")
_FLAT_CLASS_AFTER_COMMA = re.compile(r"[ \t]*,[ \t]*([a-z_][\w-]*)")
_FLAT_CLASS_AFTER_SPACE = re.compile(r"[ \t]+([a-z_][\w-]*)")
_FLAT_COMMA = re.compile(r"[ \t]*,")
_FLAT_URL = re.compile(r"[ \t]*(url\((?:\"[^\"\n]*\"|'[^'\n]*'|[^()\s]*)\))")
_FLAT_WORD = re.compile(r"[ \t]*([\w#%.-]+)")
_FLAT_COLON_NEXT = re.compile(r"[ \t]*:")
_STEP_FOLLOWER = re.compile(r"#|[-*>][ \t]|\d{1,2}[.)][ \t]|!\[|<|\||```|~~~|\.[A-Za-z_-][\w-]*\[")
# How far after a lower-case "1." item 2 is looked for: bounded, so long lines stay linear.
_ITEM_LOOKAHEAD = 300
_SECOND_ITEM = re.compile(r"(?<!\S)2[.)][ \t]+\S")
_FLAT_BREAK = re.compile(r"(?<!\S)(?:---?|\?\?\?|#{1,6})(?!\S)")
_SENTENCE_END = frozenset('.!?:)]"”」』。！？')
_QUOTE_AFTER = frozenset(':.!?"”»)」')


def _flat_properties(text: str, position: int) -> tuple[list[tuple[str, str]], int]:
    """Remark properties written inline right after a separator (``class: inverse, center``)."""
    found: list[tuple[str, str]] = []
    while True:
        key_match = _FLAT_KEY.match(text, position)
        if not key_match:
            return found, position
        key = key_match.group(1)
        position = key_match.end()
        value = ""
        if key == "class":
            position, value = _flat_classes(text, position)
        elif key == "background-image":
            url = _FLAT_URL.match(text, position)
            if url:
                value = url.group(1)
                position = url.end()
        else:
            word = _FLAT_WORD.match(text, position)
            if word and not _FLAT_COLON_NEXT.match(text, word.end()):
                value = word.group(1)
                position = word.end()
        found.append((key, value))


def _flat_classes(text: str, position: int) -> tuple[int, str]:
    """The value of an inline ``class:`` property: names after commas, known names after
    spaces, never a name followed by a colon (the next property); a trailing comma is kept."""
    start = position
    first = _FLAT_CLASS.match(text, position)
    if first is None or _FLAT_COLON_NEXT.match(text, first.end()):
        return position, ""
    position = first.end()
    while True:
        after_comma = _FLAT_CLASS_AFTER_COMMA.match(text, position)
        if after_comma and not _FLAT_COLON_NEXT.match(text, after_comma.end()):
            position = after_comma.end()
            continue
        after_space = _FLAT_CLASS_AFTER_SPACE.match(text, position)
        if (
            after_space
            and after_space.group(1) in _KNOWN_CLASSES
            and not _FLAT_COLON_NEXT.match(text, after_space.end())
        ):
            position = after_space.end()
            continue
        comma = _FLAT_COMMA.match(text, position)
        if comma:
            position = comma.end()
        return position, text[start:position].strip()


def unflatten(text: str) -> str:
    """Turn a deck flattened onto one line back into remark markdown, line by line.

    Separators (`` --- ``), steps (`` -- `` before a block or after a sentence), notes
    (`` ??? ``), slide properties right after a separator, headings (``#`` runs), list items
    (once a slide has a heading or a list), numbered items, quotes, code fences, table rows,
    link definitions and layout content classes each start a line again. A heading ends
    where the next block starts: a heading followed by a plain paragraph cannot be told
    apart from a long heading once the lines are gone.
    """
    lines = [line.strip() for line in _Unflattener(text).run().split("\n")]
    for index, line in enumerate(lines):
        if index and line.startswith("|") and _TABLE_RULE_LINE.match(line):
            lines[index - 1] = _split_table_header(lines[index - 1], line.count("|"))
    return "\n".join(
        _split_heading_links(_split_heading_clause(_split_heading_sentence(line)))
        for line in "\n".join(lines).split("\n")
    )


_TABLE_RULE_LINE = re.compile(r"\|(?:[ \t]*:?-+:?[ \t]*\|)+$")


def _split_table_header(line: str, pipes: int) -> str:
    """Put a table's header row (as many ``|`` as its rule line) on a line of its own."""
    position = len(line)
    for _ in range(pipes):
        position = line.rfind("|", 0, position)
        if position < 0:
            return line
    if position == 0:
        return line
    return line[:position].rstrip() + "\n" + line[position:]


class _Unflattener:
    """The state of one pass over a flattened deck (see :func:`unflatten`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[str] = []
        self.last_char = ""  # the last non-space character written
        self.brackets: list[bool] = []  # open brackets: is it a layout content class
        self.in_fence = False
        self.reset()

    def reset(self, continued: bool = False) -> None:
        """A new slide, step (``continued``) or notes section starts."""
        self.at_start = True  # nothing written yet
        self.has_heading = False
        self.in_heading = False  # the last block started was a heading
        self.in_list = False
        self.in_quote = False
        self.after_item = False  # a list marker was just written: a heading stays on its line
        self.after_heading = False  # a heading marker was just written: "# 1. Title" is one
        self.last_char = ""
        self.in_fence = False
        self.brackets.clear()
        if not continued:
            self.last_number = 0  # numbered lists go on across ``--`` steps

    def write(self, piece: str) -> None:
        self.out.append(piece)
        stripped = piece.rstrip()
        if stripped:
            self.last_char = stripped[-1]
            self.at_start = False
            self.after_item = False
            self.after_heading = False

    def block(self, token: str) -> None:
        """Start a line with a block marker."""
        self.out.append("\n" + token)
        self.in_heading = False
        self.in_quote = False

    def properties(self, position: int) -> int:
        found, end = _flat_properties(self.text, position)
        for key, value in found:
            self.out.append(f"{key}: {value}\n")
        return end

    def new_slide(self, marker: str, position: int) -> int:
        self.out.append("\n" + marker + "\n")
        self.reset(continued=marker == _STEP)
        return self.properties(position)

    def numbered_item(self, number: int, next_char: str, follower_at: int) -> bool:
        """Whether ``N.`` starts a numbered list item. A list counts 1, 2, 3 ("on March 18.
        The" holds none); an item starts like a sentence, or in lower case ("1. city
        clusters") when the list shows it is one: item 1 followed closely by item 2, or the
        next number of a list already under way."""
        if number not in (1, self.last_number + 1):
            return False
        if next_char.isupper() or _is_han(next_char) or next_char in '[*_"“':
            return True
        if not next_char.isalpha():
            return False
        if number > 1:
            return self.in_list or self.at_start  # a list going on (across a ``--`` step too)
        window = self.text[follower_at : follower_at + _ITEM_LOOKAHEAD]
        second = _SECOND_ITEM.search(window)
        return second is not None and _FLAT_BREAK.search(window, 0, second.start()) is None

    def run(self) -> str:
        text = self.text
        position = self.properties(0)
        while True:
            match = _FLAT_TOKEN.search(text, position)
            if match is None:
                self.write(text[position:])
                break
            between = text[position : match.start()]
            if between.strip():
                self.write(between)
            else:
                self.out.append(between)
            position = match.end()
            kind = match.lastgroup or ""
            if self.in_fence and kind not in ("fence", "sep"):
                self.write(match.group())
                continue
            position = self.token(kind, match.group(), position)
        return "".join(self.out)

    def token(self, kind: str, token: str, position: int) -> int:
        """Write one token; return where to go on (properties may follow a separator)."""
        text = self.text
        follower_at = (
            position
            + len(text[position : position + 64])
            - len(text[position : position + 64].lstrip())
        )
        next_char = text[follower_at : follower_at + 1]
        if kind == "sep":
            if token == _SEPARATOR:
                return self.new_slide(_SEPARATOR, position)
            follows_block = _STEP_FOLLOWER.match(text, follower_at) is not None
            after_sentence = self.last_char in _SENTENCE_END and (
                next_char.isupper() or next_char.isdigit() or _is_han(next_char)
            )
            if follows_block or after_sentence:
                return self.new_slide(_STEP, position)
            self.write(token)
        elif kind == "notes":
            self.out.append("\n" + _NOTES + "\n")
            self.reset()
        elif kind == "fence":
            self.out.append("\n" + token + "\n")
            self.in_fence = not self.in_fence
            self.in_heading = self.in_quote = False
        elif kind == "heading":
            if self.after_item:
                self.out.append(token)
            else:
                self.block(token)
            self.has_heading = self.in_heading = self.after_heading = True
            self.after_item = False
        elif kind in ("item", "number"):
            starts_item = kind == "item" or self.numbered_item(
                int(token[:-1]), next_char, follower_at
            )
            if (
                starts_item
                and not self.after_heading
                and (self.at_start or self.in_list or self.has_heading)
            ):
                self.block(token)
                self.in_list = self.after_item = True
                if kind == "number":
                    self.last_number = int(token[:-1])
            else:
                self.write(token)
        elif kind == "quote":
            if (
                self.at_start
                or self.in_heading
                or self.last_char in _QUOTE_AFTER
                or (self.in_quote and self.last_char in ",;")
            ):
                self.block(token)
                self.in_quote = True
            else:
                self.write(token)
        elif kind == "row":
            self.write("|")
            self.out.append("\n|")
        elif kind in ("definition", "tag"):
            if kind == "definition" or self.in_heading:
                self.block(token)
            else:
                self.write(token)
        elif kind == "cls":
            is_layout = any(_BLOCK_CLASS.search(name) for name in token[1:-1].split("."))
            self.brackets.append(is_layout)
            if is_layout:  # a class inside a heading is inline: "# 90s .small[“下海”]"
                self.block(token)
            else:
                self.write(token)
        elif kind == "open":
            self.brackets.append(False)
            self.write(token)
        else:  # a closing bracket
            is_layout = self.brackets.pop() if self.brackets else False
            self.write(token)
            if is_layout:
                self.out.append("\n")
                self.in_heading = self.in_quote = False
        return position


_HEADING_SENTENCE_END = re.compile(
    r"(?<=[^\W\d_])[ \t]?[!?！？](?=[ \t]+[\"“«(]?[A-Z\d\u4e00-\u9fff])"
)


def _split_heading_sentence(line: str) -> str:
    """End a flattened heading at its first ``!`` or ``?`` when more text follows: the rest
    was a paragraph under it (``# Happy Birthday Shenzhen! June 30th, 2018``)."""
    if not line.startswith("#") or not ("?" in line or "!" in line or "？" in line or "！" in line):
        return line
    found = _HEADING_SENTENCE_END.search(line)
    if found is None:
        return line
    return line[: found.end()] + "\n" + line[found.end() :].lstrip()


# A heading written as a Chinese sentence or slogan (clause punctuation inside it), then an
# English sentence: ``### 城市，让生活更美好 Better City, Better Life (Expo 2010)``.
_HEADING_CLAUSE = re.compile(
    r"(#{1,6}[ \t]+[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
    r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff1f\U00020000-\U0003ffff]*"
    r"[，、。；：！？][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff1f\U00020000-\U0003ffff]*)"
    r"[ \t]+(?=[A-Z][a-z]+[ \t,]+[A-Za-z])"
)


def _split_heading_clause(line: str) -> str:
    """End a flattened heading that is a whole Chinese clause (slogan, quotation) where an
    English sentence starts after it: that sentence was a paragraph under the heading, often
    its translation, which the glossary reads clause by clause."""
    if not line.startswith("#"):
        return line
    found = _HEADING_CLAUSE.match(line)
    if found is None:
        return line
    return found.group(1) + "\n" + line[found.end() :]


_LINK_SEPARATORS = frozenset(" \t/|·,;:–—-")


def _split_heading_links(line: str) -> str:
    """End a flattened heading before a trailing run of links (``# 创 [A](..) / [B](..)``).

    Such a run (two links or more, separated by punctuation only, or one after a heading in
    characters only) is a line of links written under the heading, like the dictionary links
    of a "character of the week" slide.
    """
    if not line.startswith("#") or "](" not in line:
        return line
    spans = [match.span() for match in _LINK.finditer(line)]
    if not spans or not all(char in _LINK_SEPARATORS for char in line[spans[-1][1] :]):
        return line
    first = len(spans) - 1
    while first > 0 and all(
        char in _LINK_SEPARATORS for char in line[spans[first - 1][1] : spans[first][0]]
    ):
        first -= 1
    head = line[: spans[first][0]].rstrip()
    words = head.lstrip("#").strip()
    if not words or head.endswith("("):
        return line
    # One link is enough after a heading written in characters only (``# 创 [Dictionary](..)``);
    # after English words it may be the heading's own link (``## See [the plan](..)``).
    if len(spans) - first < 2 and not all(_is_han(char) or char in " ·" for char in words):
        return line
    return head + "\n" + line[spans[first][0] :]


_FLAT_CLOSING = re.compile(r"\s---(?:\s+|$)")


def _split_flat_front_matter(body: str) -> tuple[str, dict[str, str]]:
    """Front matter flattened too: ``--- layout: post title: ... ---`` at the very start."""
    stripped = body.lstrip()
    if not stripped.startswith("--- "):
        return body, {}
    closing = _FLAT_CLOSING.search(stripped, 3)
    if closing is None:
        return body, {}
    block = stripped[4 : closing.start()]
    keys = list(re.finditer(r"(?:^|\s)([A-Za-z][\w-]*):(?:\s|$)", block))
    if not keys or keys[0].start() > 0:
        return body, {}
    values: dict[str, str] = {}
    for index, match in enumerate(keys):
        stop = keys[index + 1].start() if index + 1 < len(keys) else len(block)
        values[match.group(1).lower()] = block[match.end() : stop].strip().strip("\"'")
    foreign = [key for key in values if key not in REMARK_PROPERTIES]
    if not foreign and values.get("layout", "true").lower() in ("true", "false"):
        return body, {}
    return stripped[closing.end() :], values


def _is_han(char: str) -> bool:
    return bool(char) and (
        "\u4e00" <= char <= "\u9fff"
        or "\u3400" <= char <= "\u4dbf"
        or "\U00020000" <= char <= "\U0003ffff"
        or "\uf900" <= char <= "\ufaff"
    )


# ---------------------------------------------------------------- metadata

_WEEK = re.compile(
    r"\b(?:week|semaine|woche|semana|settimana|wk)\.?\s*(?:n[°o]\.?\s*)?(\d{1,2})\b",
    re.I,
)
_WEEK_HAN = re.compile(r"第\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*周")
_WEEK_NAME = re.compile(r"(?:week|semaine|wk|w)[-_ ]?0*(\d{1,2})(?!\d)", re.I)
_MONTHS = (
    r"(?:jan(?:uary|vier)?|feb(?:ruary)?|f[ée]v(?:rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|"
    r"may|mai|june?|juin|july?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember)?)?|"
    r"sept(?:embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|d[ée]c(?:embre)?)\.?"
)
_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th|er)?\s+" + _MONTHS + r",?\s+\d{4}\b"
    r"|\b" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b"
    r"|\b\d{1,2}\.\d{1,2}\.\d{4}\b"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日",
    re.I,
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NAME_BEFORE = re.compile(
    r"((?:[A-ZÀ-ÖØ-Þ][\w'’.-]*\s+){1,3}[A-ZÀ-ÖØ-Þ][\w'’-]+)[\s,(<\[:·|/–—-]*$"
)
_NAME = re.compile(
    r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+){1,2}"
)
_AUTHOR_LINE = re.compile(r"^(?:by|par|author|auteur|presented by|lecturer)\s*:?\s+(.+)$", re.I)
_CHINESE_NUMERALS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NAVIGATION = re.compile(r"\b(?:navigat|arrow|keyboard|press )", re.I)
_COVER_SLIDES = 3
_SHORT_LINE = 60


def _han_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        return _CHINESE_NUMERALS.get(tens, 1) * 10 + _CHINESE_NUMERALS.get(units, 0)
    return _CHINESE_NUMERALS.get(text)


def _week_in(text: str) -> int | None:
    match = _WEEK.search(text)
    if match:
        return int(match.group(1))
    han = _WEEK_HAN.search(text)
    return _han_number(han.group(1)) if han else None


def deck_metadata(
    slides: list[Slide], name: str, front: dict[str, str] | None = None, html_title: str = ""
) -> DeckMetadata:
    """What the first slides say about the deck: title, course, week, date, author."""
    front = front or {}
    cover = slides[:_COVER_SLIDES]
    week: int | None = None
    week_slide: Slide | None = None
    date = front.get("date", "")
    if date and not _DATE.search(date):
        date = date.split("T")[0]
    date_slide: Slide | None = None
    # Only short lines (headings, a date under a title) count: "in week 3 we saw" does not.
    for slide in cover:
        for line in slide.text.split("\n"):
            if len(line) > _SHORT_LINE:
                continue
            found_week = _week_in(line)
            if week_slide is None and found_week is not None:
                week, week_slide = found_week, slide
            found_date = _DATE.search(line)
            if date_slide is None and found_date:
                date = date or found_date.group()
                date_slide = slide
    title_slide = week_slide or date_slide
    if week is None and front.get("week", "").isdigit():
        week = int(front["week"])
    if week is None:
        by_name = _WEEK_NAME.search(Path(name).stem)
        week = int(by_name.group(1)) if by_name else None
    if title_slide is None:
        title_slide = next((slide for slide in cover if slide.headings), None)
    title = front.get("title", "") or _title_of(title_slide) or html_title or _first_line(slides)
    author = front.get("author", "") or _author_of(cover)
    course = front.get("course", "")
    if not course and len(slides) > 1:
        course = _course_of(cover, title_slide, title, author)
    return DeckMetadata(title=title, course=course, week=week, date=date, author=author)


def _short_lines(slide: Slide) -> list[str]:
    """The lines of a slide short enough to be labels (a week, a date), not prose."""
    return [line for line in slide.text.split("\n") if len(line) <= _SHORT_LINE]


def _is_han_term(text: str) -> bool:
    """Whether a heading is one Chinese term alone (户口, 城市群), with no other words."""
    stripped = text.strip(" ·「」『』“”\"'《》")
    return bool(stripped) and all(_is_han(char) or char == "·" for char in stripped)


def _title_of(slide: Slide | None) -> str:
    """The title slide's title: what follows its week label (``Week 3: Water``), else the first
    heading after that label, else its first heading; never a date or a lone character."""
    if slide is None:
        return ""
    headings = [text for _, text in slide.headings]
    week_at = next((i for i, text in enumerate(headings) if _week_in(text) is not None), None)
    if week_at is not None:
        rest = _title_text(headings[week_at])
        if rest:
            return rest
        order = headings[week_at + 1 :] + headings[:week_at]
    else:
        order = headings
    for text in order:
        candidate = _title_text(text)
        if candidate:
            return candidate
    return ""


def _title_text(heading: str) -> str:
    """A heading without its week label and date; "" when too little is left to be a title."""
    text = heading
    for pattern in (_WEEK, _WEEK_HAN, _DATE):
        found = pattern.search(text)
        if found:
            text = text[: found.start()] + " " + text[found.end() :]
    text = " ".join(text.split()).strip(" :-–—|,.·")
    letters = sum(1 for char in text if char.isalpha() and not _is_han(char))
    han = sum(1 for char in text if _is_han(char))
    return text if letters >= 3 or han >= 2 else ""


def _first_line(slides: list[Slide]) -> str:
    """A short first line stands for the title of a document without headings."""
    for slide in slides[:1]:
        first = slide.text.split("\n", 1)[0]
        if 0 < len(first) <= 80:
            return first
    return ""


def _author_of(cover: list[Slide]) -> str:
    """ "By X" or "Author: X"; else a name before an e-mail address, or a name whose words
    are all in the address of a link on the cover (``Clément Renaud``, ``clementrenaud.com``)."""
    for slide in cover:
        for line in slide.text.split("\n"):
            by = _AUTHOR_LINE.match(line)
            if by:
                return by.group(1).strip()
            email = _EMAIL.search(line)
            if email:
                before = _NAME_BEFORE.search(line[max(0, email.start() - 120) : email.start()])
                if before:
                    return before.group(1).strip()
    for slide in cover:
        # a cover names its author near its top: bounded, so a huge first slide stays cheap
        targets = " ".join(_ascii_folded(link.url) for link in slide.links[:20])
        if not targets:
            continue
        for candidate in _NAME.findall(slide.text[:2000]):
            words = [_ascii_folded(word) for word in candidate.split()]
            if all(len(word) > 1 and word in targets for word in words):
                return str(candidate)
    return ""


def _ascii_folded(text: str) -> str:
    """Lower case without accents: ``Clément`` -> ``clement``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _course_of(cover: list[Slide], title_slide: Slide | None, title: str, author: str) -> str:
    """The course's name: the first line of a cover slide before the title slide, or a
    heading of the title slide written before its week label or title."""
    if not cover:
        return ""
    first = cover[0]
    if first is title_slide:
        # Only a course week's title slide names its course above the week label: on a talk's
        # cover the heading above the title is its topic, often one big Chinese word (户口).
        if not any(_week_in(line) is not None for line in _short_lines(first)):
            return ""
        for _, heading in first.headings:
            if _week_in(heading) is not None or (title and title in heading):
                break
            if _is_han_term(heading):
                continue  # the week's character or word, shown large above the week label
            if len(heading) > 1 and heading != author and not _DATE.search(heading):
                return heading
        return ""
    for line in first.text.split("\n"):
        candidate = line
        if author and author in candidate:
            candidate = candidate[: candidate.index(author)]
        email = _EMAIL.search(candidate)
        if email:
            candidate = candidate[: email.start()]
        candidate = candidate.strip(" :-–—|,(·/")
        if not candidate or candidate == title or _week_in(candidate) is not None:
            continue
        if _NAVIGATION.search(candidate):
            continue  # "use left/right keyboard arrows to navigate"
        if _DATE.fullmatch(candidate):
            continue
        return candidate
    return ""
