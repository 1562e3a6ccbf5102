"""Glossary slides in remark.js Markdown, for a teacher to paste at the end of the deck.

The output starts with a ``---`` separator so that it can be appended to a deck as is. Slides:
a title slide (which carries the inlined glossary stylesheet once), the character(s) of the
week, the terms (about eight per slide) and the romanised terms. Pinyin is tone-coloured with
``<span class="toneN">`` (remark passes inline HTML through) and every slide credits CC-CEDICT
in a ``.footnote[]``.

Text from the deck is untrusted. It is HTML-escaped, and the characters that Markdown or remark
would read as markup (``*``, ``_``, brackets that could form ``.class[...]``, ``|`` that would
split a table cell, ``{{ }}`` template fields, ...) become numeric character references, which
the browser shows as the character itself.
"""

from __future__ import annotations

import re

from hanzi_companion.glossary import Course, Glossary, GlossaryTerm, Occurrence
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.models import Link
from hanzi_companion.render.glossary_common import (
    CREDIT_SHORT,
    HEADER_LABEL,
    character_links,
    deck_heading,
    deck_meta,
    glossary_css,
    lang_of,
    other_form,
    other_sources,
    term_links,
)
from hanzi_companion.settings import Settings
from hanzi_companion.wording import plural, without_controls

TERMS_PER_SLIDE = 8
MAX_GLOSS = 90  # characters of gloss that fit one table row of a 4:3 slide
MAX_SLIDE_REFS = 6
SLIDE_CLASS = "hc-glossary-slide"

_SPACES = re.compile(r"\s+")
# HTML's specials and the characters Markdown or remark read as markup, replaced in one pass
# (a second pass would mangle the references the first one wrote).
_REFERENCES = {ch: f"&#{ord(ch)};" for ch in "&<>\"'\\`*_[]|~{}"}
_LINE_STARTS = frozenset("-?#.>+=0123456789")
_REFERENCES_RE = re.compile("[" + re.escape("".join(_REFERENCES)) + "]")


def escape(text: str) -> str:
    """One line of untrusted text, inert in remark Markdown (and in an HTML attribute)."""
    flat = _SPACES.sub(" ", text).strip()
    return _REFERENCES_RE.sub(lambda m: _REFERENCES[m.group(0)], flat)


def _line(text: str) -> str:
    """Untrusted text on a line of its own: its first character cannot start a separator
    (``---``, ``--``), presenter notes (``???``), a heading, a list or a quote."""
    escaped = escape(text)
    if escaped[:1] in _LINE_STARTS:
        return f"&#{ord(escaped[0])};{escaped[1:]}"
    return escaped


def _shorten(text: str, limit: int = MAX_GLOSS) -> str:
    flat = _SPACES.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;/")
    return cut + "…"


def _link(link: Link, label: str | None = None) -> str:
    return f'<a href="{escape(link.url)}">{escape(label or link.site)}</a>'


def _tones(numbered: str) -> str:
    return _pinyin.word_tone_html(numbered) if numbered else ""


def _slide_refs(occurrences: tuple[Occurrence, ...]) -> str:
    refs: list[str] = []
    for occurrence in occurrences:
        title = escape(occurrence.slide_title or occurrence.context)
        if occurrence.in_header:
            ref = f'<span title="{title}">{HEADER_LABEL}</span>'
        else:
            ref = f'<a href="#{occurrence.slide}" title="{title}">{occurrence.slide}</a>'
        if occurrence.in_notes:
            ref += " <small>(notes)</small>"
        if ref not in refs:
            refs.append(ref)
    if len(refs) > MAX_SLIDE_REFS:  # a slide row has room for a few; the HTML page has all
        refs = [*refs[:MAX_SLIDE_REFS], "…"]
    return ", ".join(refs)


def _footnote(glossary_sources: tuple[str, ...]) -> str:
    extra = f" · also {', '.join(glossary_sources)}" if glossary_sources else ""
    return f".footnote[{escape(CREDIT_SHORT + extra)}]"


def _term_cell(term: GlossaryTerm) -> str:
    links = term_links(term)
    text = escape(term.term)
    lang = lang_of(term)
    cell = (
        f'<a class="hc-term" lang="{lang}" href="{escape(links[0].url)}">{text}</a>'
        if links
        else f'<span class="hc-term" lang="{lang}">{text}</span>'
    )
    other = other_form(term)
    if other:
        cell += f' <span lang="{other[1]}">({escape(other[0])})</span>'
    return cell


def _meaning_cell(term: GlossaryTerm) -> str:
    meaning = escape(_shorten(term.gloss))
    if not term.in_dictionary:
        meaning += " <em>(not in the dictionaries)</em>"
    return meaning


def _pages(count: int, size: int) -> list[tuple[int, int]]:
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def _deck_slides(
    glossary: Glossary,
    *,
    css: str,
    name: str,
    terms_per_slide: int,
) -> list[str]:
    footnote = _footnote(other_sources((glossary,)))
    heading = escape(deck_heading(glossary.deck))
    slides: list[str] = []

    title = []
    if name:
        title.append(f"name: {name}")
    title += [f"class: {SLIDE_CLASS}, center, middle", ""]
    if css:
        title += [f"<style>{css}</style>", ""]
    title += ["# Glossary", "", f"## {heading}", ""]
    meta = deck_meta(glossary.deck)
    if meta:
        title += [_line(meta), ""]
    summary = plural(len(glossary.terms), "term")
    if glossary.characters:
        chars = "".join(escape(c.character) for c in glossary.characters)
        summary += f' · character of the week: <span lang="zh-Hans">{chars}</span>'
    title += [summary, ""]
    title += [_line(message) for message in glossary.messages]
    title += ["", footnote]
    slides.append("\n".join(title))

    for character in glossary.characters:
        links = " · ".join(_link(link) for link in character_links(character, 3))
        body = [
            f"class: {SLIDE_CLASS}, center",
            "",
            "## Character of the week",
            "",
            f'<span class="hc-cotw-char" lang="zh-Hans">{escape(character.character)}</span>',
            "",
            f"{_tones(character.pinyin_numbered)} — {escape(character.gloss)}",
            "",
            f'{links} · slide <a href="#{character.slide}">{character.slide}</a>',
            "",
            footnote,
        ]
        slides.append("\n".join(body))

    pages = _pages(len(glossary.terms), terms_per_slide)
    for page, (start, end) in enumerate(pages, 1):
        counter = f" ({page}/{len(pages)})" if len(pages) > 1 else ""
        body = [
            f"class: {SLIDE_CLASS}",
            "",
            f"## Glossary{counter}",
            "",
            "| Term | Pinyin | Meaning | Slides |",
            "|---|---|---|---|",
        ]
        for term in glossary.terms[start:end]:
            body.append(
                f"| {_term_cell(term)} | {term.pinyin_html} | {_meaning_cell(term)} "
                f"| {_slide_refs(term.occurrences)} |"
            )
        body += ["", footnote]
        slides.append("\n".join(body))

    pages = _pages(len(glossary.romanised), terms_per_slide)
    for page, (start, end) in enumerate(pages, 1):
        counter = f" ({page}/{len(pages)})" if len(pages) > 1 else ""
        body = [
            f"class: {SLIDE_CLASS}",
            "",
            f"## Romanised terms{counter}",
            "",
            "| Written | Characters | Pinyin | Meaning | Slides |",
            "|---|---|---|---|---|",
        ]
        for item in glossary.romanised[start:end]:
            if item.matched:
                characters = f'<span lang="zh-Hans">{escape(item.matched)}</span>'
            elif item.candidates:
                characters = "one of " + "、".join(
                    f'<span lang="zh-Hans">{escape(c)}</span>' for c in item.candidates
                )
            else:
                characters = "?"
            body.append(
                f"| <em>{escape(item.text)}</em> | {characters} | {_tones(item.pinyin_numbered)} "
                f"| {escape(_shorten(item.gloss))} | {_slide_refs(item.occurrences)} |"
            )
        body += ["", footnote]
        slides.append("\n".join(body))
    return slides


def _join(slides: list[str]) -> str:
    # Leading separator: the output is appended to the end of an existing deck. Slide
    # properties (name:, class:) go on the lines right after the separator, where remark
    # looks for them.
    return without_controls("".join(f"\n---\n{slide}\n" for slide in slides).lstrip("\n"))


def render_slides(
    glossary: Glossary,
    *,
    settings: Settings | None = None,
    terms_per_slide: int = TERMS_PER_SLIDE,
) -> str:
    """remark Markdown slides of one deck's glossary, to append to that deck."""
    css = glossary_css(settings, minify=True)
    return _join(
        _deck_slides(glossary, css=css, name="hc-glossary", terms_per_slide=terms_per_slide)
    )


def render_course_slides(
    course: Course,
    *,
    settings: Settings | None = None,
    terms_per_slide: int = TERMS_PER_SLIDE,
) -> str:
    """Every deck's glossary slides in course order (the stylesheet once, at the start)."""
    css = glossary_css(settings, minify=True)
    slides: list[str] = []
    for index, glossary in enumerate(course.glossaries):
        slides += _deck_slides(
            glossary,
            css=css if index == 0 else "",
            name=f"hc-glossary-{index + 1}",
            terms_per_slide=terms_per_slide,
        )
    return _join(slides)
