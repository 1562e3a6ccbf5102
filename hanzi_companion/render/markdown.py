"""The glossary as a readable Markdown document: metadata, character of the week, a term table.

Text from decks is untrusted: it is HTML-escaped (Markdown viewers render inline HTML) and
Markdown's own punctuation is backslash-escaped, so a gloss cannot open a link, a code span or
a new table cell.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from hanzi_companion.glossary import Course, Glossary, GlossaryTerm, Occurrence
from hanzi_companion.lexicon.hsk import level_label
from hanzi_companion.render.glossary_common import (
    character_links,
    credit_line,
    deck_heading,
    deck_meta,
    deck_url,
    marks,
    occurrence_fragment,
    occurrence_label,
    other_form,
    part_details,
    term_links,
)
from hanzi_companion.wording import without_controls

# Characters that start Markdown constructs inside a line (tables included).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_SPACES = re.compile(r"\s+")
_LINE_STARTS = frozenset("-#>+=")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])")
_URL_SAFE = ":/?#[]@!$&'*+,;=%-._~"


def escape(text: str) -> str:
    """One line of untrusted text, safe in Markdown prose and table cells."""
    flat = _SPACES.sub(" ", text).strip()
    # Quotes stay as written: with < and > escaped no tag can open, so no attribute either.
    escaped = html.escape(flat, quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def escape_line(text: str) -> str:
    """Untrusted text on a line of its own: it cannot start a heading, a list, a quote or a rule."""
    escaped = escape(text)
    if escaped[:1] in _LINE_STARTS:
        return "\\" + escaped
    return _ORDERED_ITEM.sub(r"\1\\\2", escaped, count=1)


def _url(url: str) -> str:
    # Percent-encode whatever could end a Markdown link target early, split a table cell or
    # read as HTML (spaces, parentheses, |, <, >, quotes); existing %XX escapes are kept.
    return quote(url.strip(), safe=_URL_SAFE)


def _slides(occurrences: tuple[Occurrence, ...], base: str) -> str:
    labels = []
    for occurrence in occurrences:
        label = escape(occurrence_label(occurrence))
        where = occurrence_fragment(occurrence)
        label = f"[{label}]({_url(base)}{where})" if base and where else label
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


def _notes(term: GlossaryTerm) -> str:
    notes = []
    if term.gloss_note:
        notes.append(escape(term.gloss_note))
    if not term.in_dictionary:
        notes.append("not in the dictionaries")
    if term.slide_gloss:
        notes.append(f"slide: “{escape(term.slide_gloss)}”")
    if term.romanisation:
        notes.append(f"written *{escape(term.romanisation)}*")
    if term.parts:
        notes.append(
            "parts: "
            + " / ".join(
                escape(f"{word} {marks(reading)}" if reading else word)
                for word, reading, _ in part_details(term)
            )
        )
    if term.hsk_level is not None:
        notes.append(level_label(term.hsk_level))
    if term.is_character_of_the_week:
        notes.append("character of the week")
    return "; ".join(notes)


def _term_cell(term: GlossaryTerm) -> str:
    links = term_links(term)
    text = escape(term.term)
    cell = f"[{text}]({_url(links[0].url)})" if links else text
    other = other_form(term)
    if other:
        cell += f" ({escape(other[0])})"
    return cell


def _glossary_body(glossary: Glossary, level: int, deck_url_template: str) -> list[str]:
    hashes = "#" * level
    base = deck_url(deck_url_template, glossary.deck)
    lines = [f"{hashes} Glossary: {escape(deck_heading(glossary.deck))}", ""]
    meta = deck_meta(glossary.deck)
    if meta:
        lines += [escape_line(meta), ""]
    lines += [f"> {escape_line(message)}" for message in glossary.messages]
    if glossary.messages:
        lines.append("")

    if glossary.characters:
        lines += [f"{hashes}# Character of the week", ""]
        for character in glossary.characters:
            links = " · ".join(
                f"[{escape(link.site)}]({_url(link.url)})" for link in character_links(character, 3)
            )
            gloss = f" — {escape(character.gloss)}" if character.gloss else ""
            lines.append(
                f"- **{escape(character.character)}** {escape(character.pinyin)}{gloss}"
                f" (slide {character.slide}){' · ' + links if links else ''}"
            )
        lines.append("")

    lines += [f"{hashes}# Terms", ""]
    if glossary.terms:
        lines += [
            "| # | Term | Pinyin | Meaning | Slides | Notes |",
            "|---:|---|---|---|---|---|",
        ]
        for number, term in enumerate(glossary.terms, 1):
            lines.append(
                f"| {number} | {_term_cell(term)} | {escape(term.pinyin)} | {escape(term.gloss)} "
                f"| {_slides(term.occurrences, base)} | {_notes(term)} |"
            )
    else:
        lines.append("No Chinese terms.")
    lines.append("")

    if glossary.romanised:
        lines += [
            f"{hashes}# Romanised terms",
            "",
            "| Written | Characters | Pinyin | Meaning | Slides |",
            "|---|---|---|---|---|",
        ]
        for item in glossary.romanised:
            if item.matched:
                characters = escape(item.matched)
            elif item.candidates:
                characters = "one of " + ", ".join(escape(c) for c in item.candidates)
            else:
                characters = "unresolved"
            pinyin = escape(marks(item.pinyin_numbered))
            lines.append(
                f"| {escape(item.text)} | {characters} | {pinyin} | {escape(item.gloss)} "
                f"| {_slides(item.occurrences, base)} |"
            )
        lines.append("")
    return lines


def render_markdown(glossary: Glossary, *, deck_url_template: str = "") -> str:
    """A Markdown glossary of one deck."""
    lines = _glossary_body(glossary, 1, deck_url_template)
    lines += ["---", "", escape(credit_line((glossary,))), ""]
    return without_controls("\n".join(lines))


def render_course_markdown(course: Course, *, deck_url_template: str = "") -> str:
    """One Markdown document for a course: a section per deck."""
    lines = [f"# {escape(course.name)}", ""]
    for glossary in course.glossaries:
        lines += _glossary_body(glossary, 2, deck_url_template)
    lines += ["---", "", escape(credit_line(course.glossaries)), ""]
    return without_controls("\n".join(lines))
