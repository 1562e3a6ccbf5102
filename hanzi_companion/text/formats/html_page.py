"""An HTML page as a small element tree, built with the standard library's HTML tokenizer.

Comments are dropped by the tokenizer, so markup that was commented out (``<!-- <textarea>
... </textarea> -->``) is never read as content. ``<textarea>`` and ``<title>`` hold text, not
markup, as in a browser; ``<script>`` and ``<style>`` hold raw text that is kept apart. The
tree is forgiving like a browser: an end tag closes the nearest open element of its name, an
unknown end tag is ignored, a ``<p>`` closes an open ``<p>``.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hanzi_companion.patterns import compile_pattern
from hanzi_companion.text.markup import join_lines, normalise_text
from hanzi_companion.text.models import SlideLink

_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
_TEXT_ONLY = frozenset(["textarea", "title"])  # their content is text, entities resolved
_RAW = frozenset(["script", "style"])  # the tokenizer keeps their content as written
# Elements whose text is never prose on a slide.
_NOT_PROSE = frozenset(
    ["script", "style", "template", "noscript", "head", "textarea", "svg", "math", "select"]
)
_BLOCKS = frozenset(
    """
    address article aside blockquote center dd div dl dt figcaption figure footer h1 h2 h3 h4
    h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr ul caption
    """.split()  # noqa: SIM905
)
_SPACED = frozenset(["rt", "rp", "td", "th"])
_CELLS = frozenset(["td", "th"])
_HEADING = compile_pattern(r"^h([1-6])$")
# Elements nested deeper than this are added beside the deepest one instead of inside it, as
# browsers do (Blink stops at 512): every walk over the tree stays within Python's stack.
MAX_DEPTH = 200


@dataclass(eq=False)
class Element:
    """One element: its tag, attributes and children (elements and text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self.attrs.get("class", "").split())

    def has(self, name: str) -> bool:
        """Whether the element carries the attribute ``name`` (with or without a value)."""
        return name in self.attrs

    def elements(self) -> Iterator[Element]:
        """Every element inside this one, in document order (this one excluded)."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.elements()

    def find(self, tag: str) -> Element | None:
        return next((element for element in self.elements() if element.tag == tag), None)

    def raw_text(self) -> str:
        """All the text inside, as written (no line breaks added)."""
        return "".join(
            child if isinstance(child, str) else child.raw_text() for child in self.children
        )


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {key: value or "" for key, value in attrs})
        if tag == "p" and self.stack[-1].tag == "p":
            self.stack.pop()  # a paragraph ends where the next one starts
        self.stack[-1].children.append(element)
        if tag in _VOID or len(self.stack) > MAX_DEPTH:
            return
        self.stack.append(element)
        if tag in _TEXT_ONLY:
            self.set_cdata_mode(tag)  # text up to its end tag, as a browser reads it

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {key: value or "" for key, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def close(self) -> None:
        super().close()
        if self.rawdata:  # a textarea left open at the end: its text runs to the end, as in
            self.handle_data(self.rawdata)  # a browser (the tokenizer keeps it back)
            self.rawdata = ""

    def handle_data(self, data: str) -> None:
        current = self.stack[-1]
        if current.tag in _TEXT_ONLY:
            data = html.unescape(data)  # raw in the tokenizer's text mode: entities stay
        current.children.append(data)


def parse_html(text: str) -> Element:
    """The element tree of an HTML page (its root is a ``#document`` element)."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def page_title(root: Element) -> str:
    title = root.find("title")
    return " ".join(title.raw_text().split()) if title is not None else ""


@dataclass(frozen=True)
class Prose:
    """The prose of an element: lines, headings (level, text) and links."""

    lines: tuple[str, ...]
    headings: tuple[tuple[int, str], ...]
    links: tuple[SlideLink, ...]


class _ProseWriter:
    """Walks an element, one line per block, headings and links noted, notes left out."""

    def __init__(self, skip: frozenset[str] = frozenset()) -> None:
        self.skip_classes = skip
        self.lines: list[str] = []
        self.current: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.links: list[SlideLink] = []
        self.heading_lines: dict[int, int] = {}  # index in lines -> heading level

    def flush(self) -> str:
        line = ""
        for piece in "".join(self.current).split("\n"):
            line = join_lines(line, " ".join(piece.split()))
        self.current.clear()
        line = normalise_text(line.strip())
        if line:
            self.lines.append(line)
        return line

    def walk(self, node: Element | str) -> None:
        if isinstance(node, str):
            self.current.append(node)
            return
        if node.tag in _NOT_PROSE or node.classes & self.skip_classes:
            return
        heading = _HEADING.match(node.tag)
        if node.tag == "br":
            self.flush()
        elif node.tag in _CELLS and any(piece.strip() for piece in self.current):
            self.current.append(" | ")  # a table row's cells apart, as markdown writes them
        elif node.tag in _SPACED:
            self.current.append(" ")
        block = node.tag in _BLOCKS
        if block:
            self.flush()
        start = len(self.current)
        for child in node.children:
            self.walk(child)
        if node.tag == "a" and node.attrs.get("href"):
            label = " ".join("".join(self.current[start:]).split())
            self.links.append(SlideLink(label=label, url=node.attrs["href"]))
        if block:
            line = self.flush()
            if heading and line:
                self.headings.append((int(heading.group(1)), line))
                self.heading_lines[len(self.lines) - 1] = int(heading.group(1))


def element_prose(element: Element, skip_classes: frozenset[str] = frozenset()) -> Prose:
    """The prose of ``element``, leaving out elements with one of ``skip_classes``."""
    writer = _ProseWriter(skip_classes)
    for child in element.children:
        writer.walk(child)
    writer.flush()
    return Prose(tuple(writer.lines), tuple(writer.headings), tuple(writer.links))


def document_sections(root: Element) -> list[Prose]:
    """An HTML document that is no slide deck (a lesson page, a blog post) in sections: one
    per heading of the highest level used at least twice, as ordinary markdown is read.

    The page's ``<main>`` or ``<article>`` is read when it has one, else its body; navigation
    menus (``<nav>``) are not prose.
    """
    body = next(
        (element for element in root.elements() if element.tag in ("main", "article")),
        root.find("body") or root,
    )
    writer = _ProseWriter()
    for child in body.children:
        if not (isinstance(child, Element) and child.tag == "nav"):
            writer.walk(child)
    writer.flush()
    levels = list(writer.heading_lines.values())
    top = min((level for level in set(levels) if levels.count(level) >= 2), default=0)
    starts = [index for index, level in writer.heading_lines.items() if level <= top]
    bounds = sorted({0, *starts, len(writer.lines)})
    return [
        _section(writer, start, end) for start, end in itertools.pairwise(bounds) if end > start
    ]


def _section(writer: _ProseWriter, start: int, end: int) -> Prose:
    headings = tuple(
        (level, writer.lines[index])
        for index, level in sorted(writer.heading_lines.items())
        if start <= index < end
    )
    return Prose(tuple(writer.lines[start:end]), headings, ())
