"""Markdown, remark and HTML markup of one slide turned into plain prose, links kept apart.

The prose keeps the order of the slide and one line per heading, list item, paragraph or table
row, so that a Chinese term stays next to the English written around it. URLs, image targets
and link targets never reach the prose (``?word=创`` in a link yields no Chinese); links are
returned beside it, with their labels.

Every pattern here is linear: no nested quantifiers over overlapping character classes, and
brackets are matched with one pass and a stack, so a 5 MB deck on a single line reads in
linear time.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from hanzi_companion.lexicon.lexicon import fold_compatibility
from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.han import HAN_CLASS, is_han
from hanzi_companion.text.models import SlideLink

# Invisible format characters pasted with text from web pages, PDFs and word processors: zero
# width space and non-joiner, direction marks, embeddings and isolates, word joiner, BOM, soft
# hyphen. Inside a word they would split it (创\u200b新 is not 创新), so they are dropped, with
# the noncharacters U+FDD0-U+FDEF, which are never meant to be interchanged.
_INVISIBLE = "\u00ad\u200b\u200c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufdd0-\ufdef"
# A zero-width joiner is dropped next to a letter, digit or character, and kept between two
# symbols, where it joins an emoji sequence (👩\u200d💻).
_FORMAT = LazyPattern(f"[{_INVISIBLE}]+|(?<=\\w)\u200d|\u200d(?=\\w)")
_ANY_FORMAT = compile_pattern(f"[{_INVISIBLE}\u200d]")  # a quick check: far faster to search
_COMPATIBILITY = compile_pattern("[\uf900-\ufaff\U0002f800-\U0002fa1f]")
# Combining marks stuck on a Chinese character (创\u0301新, a slip or a PDF's stray accent)
# would split the word; on Latin letters they are pinyin's tone marks and NFC composes them.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
COMBINING_MARK = compile_pattern(f"[{_MARKS}]")  # one combining mark (also: NFKD's accents)


# Combining marks right after a Han character; compiled only for a text with marks.
_MARKS_ON_HAN = LazyPattern(f"(?<=[{HAN_CLASS}])[{_MARKS}]+")


def normalise_text(text: str) -> str:
    """Text as the rest of the package expects it: NFC, without invisible format characters
    inside words nor accents on Chinese characters, CJK compatibility ideographs folded to
    their unified forms.

    Pinyin typed with combining tone marks (``chua\\u0300ngxi\\u0304n``, as macOS and some PDFs
    give it) then reads like precomposed pinyin. Each step first checks whether it has
    anything to do, so text that is already clean costs one linear scan or two.
    """
    if _ANY_FORMAT.search(text):
        text = _FORMAT.sub("", text)  # before NFC: a mark between letter and accent blocks it
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if COMBINING_MARK.search(text):
        text = _MARKS_ON_HAN.sub("", text)
    if _COMPATIBILITY.search(text):
        text = fold_compatibility(text)
    return text


# Besides Han characters, the CJK blocks where two lines join without a space: radicals,
# punctuation, kana, bopomofo, strokes, vertical and full-width forms.
_CJK_OTHER = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x30FF),
    (0x3100, 0x312F),
    (0x31A0, 0x31EF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
)

_FENCE = compile_pattern(r"^ {0,3}(`{3,}|~{3,})")
_DEFINITION = LazyPattern(r"^ {0,3}\[([^\]\n]+)\]: *<?([^\s>]+)>?(?: +[\"'(]([^\n]*)[\"')])? *$")
_SETEXT_1 = compile_pattern(r"^=+$")
_SETEXT_2 = compile_pattern(r"^-{2,}$")
_RULE = compile_pattern(r"^(?:(?:\* *){3,}|(?:_ *){3,}|(?:- *){3,})$")
_TABLE_RULE = compile_pattern(r"^\|? *:?-+:? *(?:\| *:?-+:? *)*\|?$")
_QUOTE = compile_pattern(r"^(?:> ?)+")
_ITEM = compile_pattern(r"^(?:[-*+]|\d{1,9}[.)])(?: +|$)")
_HEADING = compile_pattern(r"^(#{1,6})(?:[ \t]+|$)")
_CLOSING_HASHES = compile_pattern(r"(?<![ \t])[ \t]+#+$")

# A chain of classes starts after no word character: "word.class[" is not one (unlike remark,
# whose pattern would also rescan a long ".a.a.a" run from every dot).
_CONTENT_CLASS_OR_BRACKET = compile_pattern(
    r"(?<![A-Za-z0-9_.-])\\?(?:\.[A-Za-z_-][A-Za-z0-9_-]*)+\[|\[|\]"
)

_LABEL = r"((?:[^\[\]\n]|\[[^\[\]\n]*\])*)"  # one level of nested brackets, unambiguous
_TARGET = r"<?((?:[^\s()<>]|\([^\s()<>]*\))*)>?"  # one level of parentheses, unambiguous
_TITLE = r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
_IMAGE = LazyPattern(r"!\[" + _LABEL + r"\]\([ \t]*" + _TARGET + _TITLE + r"[ \t]*\)")
_IMAGE_REF = LazyPattern(r"!\[" + _LABEL + r"\]\[([^\[\]\n]*)\]")
_LINK = compile_pattern(r"\[" + _LABEL + r"\]\([ \t]*" + _TARGET + _TITLE + r"[ \t]*\)")
LINK_PATTERN = _LINK  # inline markdown links, for readers that must find them in raw text
_LINK_REF = compile_pattern(r"\[" + _LABEL + r"\](?:[ \t]?\[([^\[\]\n]*)\])?")
_AUTOLINK = compile_pattern(
    r"<((?:https?|ftp|mailto):[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>", re.I
)
_BARE_URL = compile_pattern(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'`]+", re.I)
_BACKTICKS = compile_pattern(r"`+")
_HTML_ANCHOR = compile_pattern(
    r"<a\b[^<>]*?\bhref[ \t]*=[ \t]*(?:\"([^\"<>]*)\"|'([^'<>]*)'|([^\s\"'<>]+))[^<>]*>([^<]*)</a>",
    re.I,
)
_HTML_TAG = compile_pattern(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_STYLE_BLOCK_START = compile_pattern(r"<style\b[^<>]*>", re.I)
_ESCAPE = compile_pattern(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")
# Asterisks mark emphasis inside words too (大众**创客**), underscores only at word edges
# (snake_case stays); an asterisk between spaces is arithmetic.
_EMPHASIS = compile_pattern(
    r"(?<!\s)\*{1,3}|\*{1,3}(?!\s)|(?<![\w_])_{1,3}(?=[^\s_])|(?<=[^\s_])_{1,3}(?![\w_])|~~"
)
_NEWLINE = compile_pattern("\n")
_TRAILING = frozenset(".,;:!?'\"")
_SPACES = compile_pattern(r"[ \t\u00a0]+")

# Tags that break lines, tags removed with their markup only, media whose targets are not prose.
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "rb",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "ruby",
        "rtc",
    ]
)
_SPACED_TAGS = frozenset(["rt", "rp", "td", "th"])
_MEDIA_TAGS = frozenset(
    ["img", "image", "video", "audio", "source", "track", "iframe", "embed", "object", "picture"]
)


@dataclass(frozen=True)
class Prose:
    """One slide's (or its notes') prose: lines in order, headings, links."""

    lines: tuple[str, ...]
    headings: tuple[tuple[int, str], ...]
    links: tuple[SlideLink, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _unescape(text: str) -> str:
    """HTML entities and character references in ``text`` resolved; the entity table loads
    only for text that has an ``&``."""
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


def is_cjk(char: str) -> bool:
    """Whether one character is a CJK ideograph or CJK punctuation (extensions included)."""
    if is_han(char):
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_OTHER)


def join_lines(left: str, right: str) -> str:
    """Join two lines of one paragraph: no space between two CJK characters."""
    if not left:
        return right
    if not right:
        return left
    if is_cjk(left[-1]) and is_cjk(right[0]):
        return left + right
    return left + " " + right


def link_definitions(source: str) -> dict[str, str]:
    """Reference-style link definitions (``[id]: url``) of a whole deck, ids lower-cased."""
    found: dict[str, str] = {}
    for line in source.split("\n"):
        if "]:" not in line:
            continue
        match = _DEFINITION.match(line)
        if match:
            found.setdefault(match.group(1).strip().lower(), match.group(2))
    return found


def strip_html_comments(source: str) -> str:
    """Remove ``<!-- ... -->`` comments; an unclosed comment is left as text."""
    if "<!--" not in source:
        return source
    parts: list[str] = []
    start = 0
    while True:
        opening = source.find("<!--", start)
        if opening < 0:
            break
        closing = source.find("-->", opening + 4)
        if closing < 0:
            break
        parts.append(source[start:opening])
        start = closing + 3
    parts.append(source[start:])
    return "".join(parts)


def strip_content_classes(source: str) -> str:
    """Remove remark content classes (``.footnote[...]``, nested), keeping what they hold.

    As in remark, a class whose content spans lines is a block: its markers become line breaks.
    Brackets are matched in one pass with a stack; an unclosed class stays as written.
    """
    if "." not in source or "[" not in source:
        return source
    stack: list[tuple[int, int, bool]] = []  # (start, end of the opening, is a content class)
    replacements: list[tuple[int, int, str]] = []
    newlines: list[int] | None = None  # positions of line breaks, found when first needed
    for match in _CONTENT_CLASS_OR_BRACKET.finditer(source):
        token = match.group()
        if token == "]":
            if not stack:
                continue
            start, end, is_class = stack.pop()
            if not is_class:
                continue
            if newlines is None:
                newlines = [found.start() for found in _NEWLINE.finditer(source)]
            block = bisect.bisect_left(newlines, match.start()) > bisect.bisect_left(newlines, end)
            marker = "\n" if block else ""
            replacements.append((start, end, marker))
            replacements.append((match.start(), match.end(), marker))
        elif token == "[":
            stack.append((match.start(), match.end(), False))
        elif token.startswith("\\"):
            replacements.append((match.start(), match.start() + 1, ""))  # escaped: literal
            stack.append((match.end() - 1, match.end(), False))
        else:
            stack.append((match.start(), match.end(), True))
    if not replacements:
        return source
    replacements.sort()
    parts: list[str] = []
    position = 0
    for start, end, marker in replacements:
        parts.append(source[position:start])
        parts.append(marker)
        position = end
    parts.append(source[position:])
    return "".join(parts)


def _strip_style_blocks(source: str) -> str:
    """Drop ``<style>`` elements: CSS is never prose. An unclosed one is left as text."""
    if "<style" not in source.lower():
        return source
    lowered = source.lower()
    parts: list[str] = []
    position = 0
    for match in _STYLE_BLOCK_START.finditer(source):
        if match.start() < position:
            continue
        closing = lowered.find("</style>", match.end())
        if closing < 0:
            break
        parts.append(source[position : match.start()])
        position = closing + len("</style>")
    parts.append(source[position:])
    return "".join(parts)


class _Inline:
    """Inline cleaning of one paragraph, collecting the links it removes."""

    def __init__(self, definitions: Mapping[str, str]) -> None:
        self.definitions = definitions
        self.links: list[SlideLink] = []

    def clean(self, text: str) -> list[str]:
        """Return the paragraph's prose, split where the markup breaks lines (``<br>``)."""
        if "`" in text:
            text = _strip_code_spans(text)
        if "![" in text:
            text = _IMAGE.sub("", text)
            text = _IMAGE_REF.sub("", text)
        if "[" in text:
            text = _LINK.sub(self._inline_link, text)
            text = _LINK_REF.sub(self._reference_link, text)
        if "<" in text:
            text = _AUTOLINK.sub(self._autolink, text)
            text = _HTML_ANCHOR.sub(self._html_anchor, text)
            text = _HTML_TAG.sub(_html_tag, text)
        if "://" in text or "www." in text or "WWW." in text:
            text = _BARE_URL.sub(self._bare_url, text)
        if "\\" in text:
            text = _ESCAPE.sub(r"\1", text)
        if "*" in text or "_" in text or "~~" in text:
            text = _EMPHASIS.sub("", text)
        if "&" in text:
            text = normalise_text(_unescape(text))  # &#x200b; or &#768; written as entities
        lines = []
        for line in text.split("\n"):
            if "  " in line or "\t" in line or "\u00a0" in line:
                line = _SPACES.sub(" ", line)
            line = line.strip()
            if line:
                lines.append(line)
        return lines

    def _label(self, raw: str) -> str:
        cleaned = _Inline(self.definitions)
        label = " ".join(cleaned.clean(raw))
        self.links.extend(cleaned.links)
        return label

    def _inline_link(self, match: re.Match[str]) -> str:
        label = self._label(match.group(1))
        self.links.append(SlideLink(label=label, url=match.group(2)))
        return label

    def _reference_link(self, match: re.Match[str]) -> str:
        raw_label = match.group(1)
        reference = match.group(2)
        key = (reference or raw_label).strip().lower()
        url = self.definitions.get(key)
        if url is None:  # not a link after all: keep what it says, without its brackets
            return raw_label if reference is not None else "[" + raw_label + "]"
        label = self._label(raw_label)
        self.links.append(SlideLink(label=label, url=url))
        return label

    def _autolink(self, match: re.Match[str]) -> str:
        target = match.group(1)
        if "@" in target and ":" not in target:
            self.links.append(SlideLink(label=target, url="mailto:" + target))
            return target
        self.links.append(SlideLink(label=target, url=target))
        return ""

    def _html_anchor(self, match: re.Match[str]) -> str:
        url = match.group(1) or match.group(2) or match.group(3) or ""
        label = " ".join(_Inline(self.definitions).clean(match.group(4)))
        self.links.append(SlideLink(label=label, url=_unescape(url)))
        return label

    def _bare_url(self, match: re.Match[str]) -> str:
        url = match.group()
        # Trailing punctuation belongs to the sentence, a closing parenthesis to the URL only
        # when it opened inside it (Wikipedia titles).
        end = len(url)
        opened, closed = url.count("("), url.count(")")
        while end and (url[end - 1] in _TRAILING or (url[end - 1] == ")" and opened < closed)):
            if url[end - 1] == ")":
                closed -= 1
            end -= 1
        self.links.append(SlideLink(label=url[:end], url=url[:end]))
        return url[end:]


def _strip_code_spans(text: str) -> str:
    """Remove the backticks of code spans (a run closed by the next run of the same length)."""
    runs = [match.span() for match in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    parts: list[str] = []
    position = 0
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        after = bisect.bisect_right(same, index)
        if after == len(same):
            index += 1  # never closed: literal backticks
            continue
        closing = same[after]
        parts.append(text[position:start])
        parts.append(text[end : runs[closing][0]].strip())
        position = runs[closing][1]
        index = closing + 1
    parts.append(text[position:])
    return "".join(parts)


def _html_tag(match: re.Match[str]) -> str:
    name = match.group(1).lower()
    if name in _BLOCK_TAGS:
        return "\n"
    if name in _SPACED_TAGS:
        return " "
    if name in _INLINE_TAGS or name in _MEDIA_TAGS:
        return ""
    return match.group()  # unknown or active content (script): kept as text, escaped on output


def clean_markdown(
    source: str, definitions: Mapping[str, str] | None = None, keep_lines: bool = False
) -> Prose:
    """Turn one slide's markdown (remark flavour, inline HTML) into prose lines and links.

    With ``keep_lines`` (plain text), every line of the source stays a line of its own;
    otherwise the lines of a paragraph or list item are joined.
    """
    source = strip_html_comments(source)
    source = _strip_style_blocks(source)
    source = strip_content_classes(source)
    reader = _MarkdownReader(_Inline(definitions or {}), keep_lines)
    for raw_line in source.split("\n"):
        reader.line(raw_line)
    reader.flush()
    return Prose(
        lines=tuple(reader.lines),
        headings=tuple(reader.headings),
        links=tuple(reader.inline.links),
    )


class _MarkdownReader:
    """Reads a slide's markdown line by line: each kind of line is one small rule."""

    def __init__(self, inline: _Inline, keep_lines: bool) -> None:
        self.inline = inline
        self.keep_lines = keep_lines
        self.lines: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.paragraph: list[str] = []
        self.fence = ""

    def flush(self) -> None:
        """Close the paragraph: its lines joined (no space between two CJK characters)."""
        if not self.paragraph:
            return
        pieces = [self.paragraph[0]]
        for previous, piece in itertools.pairwise(self.paragraph):
            if not (is_cjk(previous[-1]) and is_cjk(piece[0])):
                pieces.append(" ")
            pieces.append(piece)
        self.lines.extend(self.inline.clean("".join(pieces)))
        self.paragraph.clear()

    def heading(self, level: int, raw: str) -> None:
        self.flush()
        cleaned = self.inline.clean(raw)
        if cleaned:
            self.headings.append((level, cleaned[0]))
            self.lines.extend(cleaned)

    def line(self, raw_line: str) -> None:
        stripped = raw_line.strip()
        if self.fence:
            self._in_fence(stripped)
        elif not stripped:
            self.flush()
        elif not self._block(stripped):
            self._text(raw_line, self._without_markers(stripped))

    def _in_fence(self, stripped: str) -> None:
        fence = self.fence
        if stripped.startswith(fence) and not stripped[len(fence) :].strip(fence[0] + " "):
            self.fence = ""
        elif stripped:
            self.lines.append(stripped)  # code is kept as written: it may hold Chinese strings

    def _block(self, stripped: str) -> bool:
        """Handle a line that opens a fence, underlines a heading, or is a rule or a link
        definition; False for any other line."""
        first = stripped[0]
        fence_match = _FENCE.match(stripped) if first in "`~" else None
        if fence_match:
            self.flush()
            self.fence = fence_match.group(1)
            return True
        setext = 0
        if self.paragraph and first in "=-":
            setext = 1 if _SETEXT_1.match(stripped) else 2 if _SETEXT_2.match(stripped) else 0
        if setext:
            text = self.paragraph.pop()
            self.flush()
            self.heading(setext, text)
            return True
        rule = first in "*_-|:" and bool(
            _RULE.match(stripped) or (_TABLE_RULE.match(stripped) and "-" in stripped)
        )
        definition = first == "[" and "]:" in stripped and bool(_DEFINITION.match(stripped))
        if rule or definition:
            self.flush()
            return True
        return False

    def _without_markers(self, stripped: str) -> str:
        """The line without its quote and list-item markers (a list item opens a paragraph)."""
        first = stripped[0]
        if first == ">":
            stripped = _QUOTE.sub("", stripped)
        item = _ITEM.match(stripped) if first in "-*+0123456789" else None
        if item:
            self.flush()
            stripped = stripped[item.end() :]
            while item := _ITEM.match(stripped):  # nested markers on one line: "- 1. text"
                stripped = stripped[item.end() :]
        return stripped

    def _text(self, raw_line: str, stripped: str) -> None:
        heading_match = _HEADING.match(stripped) if stripped.startswith("#") else None
        if heading_match:
            text = _CLOSING_HASHES.sub("", stripped[heading_match.end() :])
            self.heading(len(heading_match.group(1)), text)
            return
        if stripped.startswith("|") and stripped.count("|") >= 2:
            self.flush()
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            self.paragraph.append(" | ".join(cell for cell in cells if cell.strip(":- ")))
            self.flush()
            return
        if stripped:
            self.paragraph.append(stripped)
        if self.keep_lines or raw_line.endswith("  ") or raw_line.endswith("\\"):
            if self.paragraph and self.paragraph[-1].endswith("\\"):
                self.paragraph[-1] = self.paragraph[-1][:-1]
            self.flush()  # a hard line break
