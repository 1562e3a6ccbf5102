"""HTML pages: home, search, word, character, course, deck and about.

Views parse the request, ask the library and hand its models to templates; nothing here
derives readings or glosses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from hanzi_companion.errors import DeckError, InvalidQueryError, NotFoundError
from hanzi_companion.glossary import Glossary
from hanzi_companion.lexicon.characters import normalise_character
from hanzi_companion.lexicon.lexicon import normalise_query
from hanzi_companion.lexicon.models import QueryKind
from hanzi_companion.lexicon.script import is_han
from hanzi_companion.lexicon.strokes import animated_svg, frames_svg
from hanzi_companion.render.html import glossary_context
from hanzi_companion.render.json import render_json
from hanzi_companion.render.sheet import (
    MAX_SHEET_PAGES,
    deck_entries,
    entry_from_profile,
    has_sheet,
    sheet_characters,
    sheet_pdf,
    sheet_svg,
)
from hanzi_companion.render.slides import render_slides
from hanzi_companion.web import decks as _decks
from hanzi_companion.web import resources
from hanzi_companion.web import views as _views

bp = Blueprint("pages", __name__)

KINDS = {kind.value: kind for kind in QueryKind}


def _page(template: str, status: int = 200, **context: Any) -> Response:
    return Response(render_template(template, **context), status=status, mimetype="text/html")


def _cached_page(template: str, build: Callable[[], object], **context: object) -> Response:
    """A page that depends only on its path: rendered once, then served from the cache.

    The key is what the page is made of (the template and its context), never the raw URL:
    junk query parameters must not fill the cache with copies of one page.
    """
    key = (request.script_root, template, *sorted(context.items()))
    html = resources().pages.get_or_render(
        key, lambda: render_template(template, page=build(), **context)
    )
    return Response(html, mimetype="text/html")


@bp.get("/")
def home() -> Response:
    res = resources()
    return _page(
        "home.html",
        hide_header_search=True,
        course=_views.course_summary(res.lexicon, res.course),
        examples=_views.EXAMPLES,
    )


@bp.get("/search")
def search() -> Response | BaseResponse:
    query = request.args.get("q", "")
    if not query.strip():
        return redirect(url_for("pages.home"))
    kind = KINDS.get(request.args.get("kind", ""))
    res = resources()

    def render() -> str:
        results = res.lexicon.search(query, kind=kind, limit=60)
        return render_template(
            "search.html",
            query=results.query,
            results=results,
            suggestions=_views.suggestions(res.lexicon, results),
        )

    try:
        key = (request.script_root, "search.html", query, kind)  # only what the view reads
        html = res.pages.get_or_render(key, render)
    except InvalidQueryError as exc:
        # Still a helpful page: the problem, and the search box to try again.
        return _page("search.html", status=400, query=query[:200], problem=str(exc), results=None)
    return Response(html, mimetype="text/html")


@bp.get("/word/<word>")
def word(word: str) -> Response | BaseResponse:
    res = resources()
    word = normalise_query(word)
    if not any(is_han(ch) for ch in word):
        return redirect(url_for("pages.search", q=word))
    if len(word) == 1:
        return redirect(url_for("pages.character", char=word))
    return _cached_page("word.html", lambda: _views.word_page(res.lexicon, word), query=word)


@bp.get("/char/<char>")
def character(char: str) -> Response | BaseResponse:
    res = resources()
    requested, char = char, normalise_query(char)
    if len(char) > 1:
        return redirect(url_for("pages.word", word=char))
    try:
        folded = normalise_character(char)
    except InvalidQueryError:
        return redirect(url_for("pages.search", q=char))
    if folded != requested:  # one address per character (⼑ and 刀 are both /char/刀)
        return redirect(url_for("pages.character", char=folded))
    return _cached_page(
        "character.html", lambda: _views.character_page(res.lexicon, char), query=char
    )


@bp.get("/char/<char>/strokes.svg")
def stroke_frames(char: str) -> Response:
    """The stroke-order diagram: one frame per stroke, the new stroke highlighted."""
    return _stroke_svg(char, animated=False)


@bp.get("/char/<char>/animation.svg")
def stroke_animation(char: str) -> Response:
    """The strokes drawn in order by a CSS animation (served as an image: no inline style
    in the pages, and the SVG gets its own narrow Content-Security-Policy)."""
    return _stroke_svg(char, animated=True)


def _stroke_svg(char: str, *, animated: bool) -> Response:
    res = resources()
    char = normalise_character(normalise_query(char))

    def render() -> str:
        strokes = res.lexicon.character_index().strokes(char)
        if strokes is None:
            raise NotFoundError(char, f"there is no stroke-order data for {char!r}")
        return animated_svg(strokes, char) if animated else frames_svg(strokes, char)

    key = ("svg", animated, char)
    response = Response(res.pages.get_or_render(key, render), mimetype="image/svg+xml")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


@bp.get("/char/<char>/sheet.<any(pdf, svg):kind>")
def character_sheet(char: str, kind: str) -> Response:
    """A printable practice sheet of one character (A4; PDF or SVG)."""
    res = resources()
    char = normalise_character(normalise_query(char))

    def render() -> bytes:
        entry = entry_from_profile(res.lexicon.character(char))
        if kind == "svg":
            return sheet_svg([entry]).encode("utf-8")
        return sheet_pdf([entry], res.lexicon.settings.sheet_font_path)

    body = res.pages.get_or_render(("sheet.char", char, kind), render)
    return _sheet_response(body, kind, f"practice-{ord(char):04x}")


@bp.get("/course/<name>/sheet.<any(pdf, svg):kind>")
def course_deck_sheet(name: str, kind: str) -> Response:
    """The practice sheet of a week: its characters (``all=1``: every character of its terms)."""
    res = resources()
    deck = res.course.deck(name)
    glossary = _views.course_glossary(res.lexicon, res.course, deck)
    every = request.args.get("all", "") in ("1", "true", "yes")

    def render() -> bytes:
        wanted = len(sheet_characters(glossary, all_characters=every))
        if wanted > MAX_SHEET_PAGES:
            raise InvalidQueryError(
                f"the sheet would have {wanted} pages; at most {MAX_SHEET_PAGES}"
            )
        sheet = deck_entries(glossary, res.lexicon.character, all_characters=every)
        if not sheet.entries:
            raise NotFoundError(name, f"no character of {name!r} has stroke data for a sheet")
        if kind == "svg":
            return sheet_svg(sheet.entries).encode("utf-8")
        return sheet_pdf(sheet.entries, res.lexicon.settings.sheet_font_path)

    # A week's sheet takes seconds to draw (58 PDF pages: 10 s): drawn once per deck version,
    # not once per request.
    key = ("sheet.deck", deck.name, deck.stamp, every, kind)
    body = res.pages.get_or_render(key, render)
    return _sheet_response(body, kind, f"{_decks.stem(deck.filename)}-practice")


def _sheet_response(body: bytes | str, kind: str, stem: str) -> Response:
    mimetype = "application/pdf" if kind == "pdf" else "image/svg+xml"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'inline; filename="{stem}.{kind}"'
    return response


@bp.get("/about")
def about() -> Response:
    res = resources()
    return _page("about.html", active="about", metadata=res.lexicon.metadata())


@bp.get("/course")
def course() -> Response:
    res = resources()
    return _page(
        "course.html", active="course", course=_views.course_summary(res.lexicon, res.course)
    )


@bp.route("/deck", methods=["GET"])
def deck() -> Response:
    return _page("deck_form.html", active="deck")


@bp.post("/deck")
@_decks.builds_a_deck
def deck_glossary() -> Response:
    """The glossary of an uploaded or pasted deck, with its downloads and embedding code."""
    res = resources()
    try:
        posted = _decks.posted_deck(request)
        glossary = _decks.deck_glossary(res.lexicon, posted)
    except DeckError as exc:
        return _page(
            "deck_form.html",
            status=400,
            active="deck",
            problem=f"The deck cannot be read: {exc.reason}.",
            text=request.form.get("text", "")[:20000],
            name=request.form.get("name", ""),
        )
    return _page(
        "deck.html",
        active="deck",
        deck_text=posted.text,
        deck_data=posted.encoded if posted.is_binary else "",
        deck_name=posted.name,
        **_glossary_extras(glossary),
    )


@bp.post("/deck/anki")
@_decks.builds_a_deck
def deck_anki() -> Response:
    """The posted deck as an Anki package (the deck page posts its text here again)."""
    res = resources()
    posted = _decks.posted_deck(request)
    glossary = _decks.deck_glossary(res.lexicon, posted)
    return _apkg(_decks.apkg_bytes(res.lexicon, glossary, posted.name), posted.name)


@bp.post("/deck/glossary.json")
@_decks.builds_a_deck
def deck_json() -> Response:
    """The posted deck's glossary JSON, for the slide popups on a static host."""
    res = resources()
    posted = _decks.posted_deck(request)
    glossary = _decks.deck_glossary(res.lexicon, posted)
    return _json_download(render_json(glossary), f"{_decks.stem(posted.name)}.glossary.json")


@bp.get("/course/<name>")
def course_deck(name: str) -> Response:
    res = resources()
    deck = res.course.deck(name)
    glossary = _views.course_glossary(res.lexicon, res.course, deck)
    return _page(
        "course_deck.html",
        active="course",
        deck=deck,
        practice_sheet=has_sheet(glossary, res.lexicon.character_index().strokes),
        **_glossary_extras(glossary),
    )


@bp.get("/course/<name>.apkg")
def course_deck_apkg(name: str) -> Response:
    res = resources()
    deck = res.course.deck(name)
    glossary = _views.course_glossary(res.lexicon, res.course, deck)
    return _apkg(_decks.apkg_bytes(res.lexicon, glossary, deck.filename), deck.filename)


@bp.get("/course/<name>.json")
def course_deck_json(name: str) -> Response:
    """A course deck's glossary JSON (the popup script can read it from here)."""
    res = resources()
    deck = res.course.deck(name)
    glossary = _views.course_glossary(res.lexicon, res.course, deck)
    response = Response(render_json(glossary), mimetype="application/json")
    return response


@bp.get("/course.apkg")
def course_apkg() -> Response:
    res = resources()
    summary = _views.course_summary(res.lexicon, res.course)
    if not summary.glossaries:
        raise NotFoundError("course", "the course folder holds no readable decks")
    course = _views.as_course(summary)
    return _apkg(_decks.apkg_bytes(res.lexicon, course, course.name), course.name)


def _glossary_extras(glossary: Glossary) -> dict[str, Any]:
    """The glossary partial's helpers, and the code a teacher copies into the slides."""
    extras: dict[str, Any] = dict(glossary_context(glossary))
    extras["slides_markdown"] = render_slides(glossary)
    extras["popup_url"] = public_url(url_for("static", filename="js/popup.js"))
    extras["api_url"] = public_url(url_for("api.lookup")).rsplit("/", 1)[0]
    return extras


def public_url(path: str) -> str:
    """``path`` (as ``url_for`` gives it) at the configured public address, else as a path
    from the site's root: the request's Host header and scheme are never trusted for it."""
    base = resources().settings.public_url
    if not base:
        return path
    return base + path.removeprefix(request.script_root)


def _apkg(data: bytes, name: str) -> Response:
    response = Response(data, mimetype="application/octet-stream")
    filename = f"{_decks.stem(name)}.apkg"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json_download(text: str, filename: str) -> Response:
    response = Response(text, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
