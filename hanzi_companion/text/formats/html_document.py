"""HTML documents that are no slide deck (a lesson page, a blog post, a web article): one
slide per section of the highest heading level used at least twice, as ordinary markdown is
read; the page's ``<main>`` or ``<article>`` when it has one, menus (``<nav>``) left out."""

from __future__ import annotations

from hanzi_companion.text.formats.html_page import Element, document_sections
from hanzi_companion.text.models import Slide


def html_document_slides(root: Element) -> list[Slide]:
    """The sections of an HTML document as slides, numbered from 1."""
    return [
        Slide(
            number=number,
            title=section.headings[0][1] if section.headings else "",
            text="\n".join(section.lines),
            headings=section.headings,
        )
        for number, section in enumerate(document_sections(root), 1)
    ]
