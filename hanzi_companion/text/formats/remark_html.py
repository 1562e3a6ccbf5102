"""remark HTML pages: the markdown inside ``<textarea id="source">``, or a file named by
``sourceUrl`` beside the page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from hanzi_companion.errors import DeckError
from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.folders import leaves_folder

if TYPE_CHECKING:  # the HTML parser loads with the first HTML deck, not with every deck
    from hanzi_companion.text.formats.html_page import Element

_TEXTAREA = compile_pattern(r"<textarea\b([^<>]*)>", re.I)
_SOURCE_ID = LazyPattern(r"\bid\s*=\s*[\"']?source\b", re.I)
_SOURCE_URL = LazyPattern(r"sourceUrl\s*:\s*[\"']([^\"'\n]+)[\"']")
_HTML_START = compile_pattern(r"\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.I)


def source_url_file(path: Path, data: bytes) -> Path | None:
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


def looks_html(text: str, name: str) -> bool:
    head = text[:4096]
    if _TEXTAREA.search(head) and _SOURCE_ID.search(head):
        return True
    if _HTML_START.match(head):
        return True
    lowered = text.lower()
    return name.lower().endswith((".html", ".htm")) and (
        "<textarea" in lowered or "<section" in lowered
    )


def is_remark_page(root: Element, page: str) -> bool:
    """Whether a page holds remark slides: a textarea (outside comments) or a ``sourceUrl``."""
    return root.find("textarea") is not None or _SOURCE_URL.search(page) is not None


def remark_source(root: Element, page: str, name: str) -> str:
    """The markdown inside a remark page's ``<textarea id="source">`` (else its first
    textarea), found by the page's element tree: a textarea inside a comment is no source."""
    textareas = [element for element in root.elements() if element.tag == "textarea"]
    chosen = next(
        (element for element in textareas if element.attrs.get("id") == "source"),
        textareas[0] if textareas else None,
    )
    if chosen is None:
        url = _SOURCE_URL.search(page)
        if url:
            raise DeckError(
                name,
                f"this remark HTML file loads its slides from {url.group(1)!r} (sourceUrl): "
                "read that markdown file instead",
            )
        raise DeckError(name, 'an HTML file without a remark <textarea id="source">')
    markdown = chosen.raw_text()
    if not markdown.strip():
        raise DeckError(name, 'empty deck: the remark <textarea id="source"> holds no slides')
    return markdown
