"""A standalone HTML glossary page (Jinja2, autoescaped) that works offline as a single file.

The page body is the template ``glossary.html``, which the web UI includes as well: build its
context with :func:`glossary_context`. The stylesheet ``static/css/glossary.css`` is inlined,
no external resource is referenced, and every string from the deck goes through autoescaping.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from hanzi_companion.glossary import Course, DeckInfo, Glossary
from hanzi_companion.lexicon import pinyin as _pinyin
from hanzi_companion.lexicon.hsk import level_label
from hanzi_companion.lexicon.sentences import SENTENCES_CREDIT
from hanzi_companion.render.glossary_common import (
    character_links,
    credit_line,
    deck_meta,
    deck_url,
    glossary_css,
    lang_of,
    other_form,
    part_title,
    speak_script,
    term_links,
    week_heading,
)
from hanzi_companion.render.pieces import buffered
from hanzi_companion.render.templating import FILTERS, mark_chinese
from hanzi_companion.settings import Settings, templates_dir
from hanzi_companion.wording import without_controls

BODY_TEMPLATE = "glossary.html"
STANDALONE_TEMPLATE = "glossary_standalone.html"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment of exported pages (created on first use, autoescape on)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def tone_markup(numbered: str) -> Markup:
    """Tone-coloured pinyin as safe markup (``tone_html`` escapes the syllables itself)."""
    return Markup(_pinyin.word_tone_html(numbered)) if numbered else Markup("")


def glossary_context(glossary: Glossary, *, deck_url_template: str = "") -> dict[str, Any]:
    """Everything ``glossary.html`` needs besides the glossary: formatting functions only.

    ``deck_url_template`` is the URL of the deck (``{name}`` and ``{stem}`` are replaced by the
    deck's file name and stem); slide numbers link to ``<url>#<slide>`` when it is given.
    """

    def url_of(deck: DeckInfo) -> str:
        return deck_url(deck_url_template, deck)

    return {
        "glossary": glossary,
        "tone_html": tone_markup,
        "mark_chinese": mark_chinese,
        "hsk_label": level_label,
        "week_heading": week_heading,
        "term_links": term_links,
        "character_links": character_links,
        "deck_url": url_of,
        "deck_meta": deck_meta,
        "part_title": part_title,
        "lang_of": lang_of,
        "other_form": other_form,
        "heading_level": 2,
        "sentences_credit": SENTENCES_CREDIT,
    }


def _render_page(
    glossaries: tuple[Glossary, ...],
    title: str,
    *,
    heading_level: int,
    settings: Settings | None,
    deck_url_template: str,
) -> Iterator[str]:
    """The page in pieces of text: Jinja writes it as the template runs, a term at a time."""
    css = glossary_css(settings, minify=True)
    context = glossary_context(
        glossaries[0] if glossaries else _EMPTY, deck_url_template=deck_url_template
    )
    context.update(
        glossaries=glossaries,
        title=title,
        # Inlined raw (entities are not decoded inside <style>); glossary_css() checked it.
        css=Markup(css),
        # Inlined raw as well; speak_script() checked it holds no "</".
        speak_js=Markup(speak_script(settings)),
        credit=credit_line(glossaries),
        heading_level=heading_level,
    )
    template = environment().get_template(STANDALONE_TEMPLATE)
    return buffered(template.generate(context), without_controls)


_EMPTY = Glossary(deck=DeckInfo(name=""), characters=(), terms=())


def render_html(
    glossary: Glossary, *, settings: Settings | None = None, deck_url_template: str = ""
) -> str:
    """A self-contained HTML page of one deck's glossary."""
    return "".join(html_document(glossary, settings=settings, deck_url_template=deck_url_template))


def html_document(
    glossary: Glossary, *, settings: Settings | None = None, deck_url_template: str = ""
) -> Iterator[str]:
    """``render_html``'s page in pieces, to be written as they come."""
    return _render_page(
        (glossary,),
        f"Glossary: {week_heading(glossary)}",
        heading_level=1,
        settings=settings,
        deck_url_template=deck_url_template,
    )


def render_course_html(
    course: Course, *, settings: Settings | None = None, deck_url_template: str = ""
) -> str:
    """A self-contained HTML page with every deck's glossary of a course, with a contents list."""
    return "".join(
        course_html_document(course, settings=settings, deck_url_template=deck_url_template)
    )


def course_html_document(
    course: Course, *, settings: Settings | None = None, deck_url_template: str = ""
) -> Iterator[str]:
    """``render_course_html``'s page in pieces, to be written as they come."""
    return _render_page(
        course.glossaries,
        f"Glossary: {course.name}",
        heading_level=2,
        settings=settings,
        deck_url_template=deck_url_template,
    )
