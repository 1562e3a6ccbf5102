"""HTML pages: home, search, word, character, course, deck and about.

Views parse the request, ask the library and hand its models to templates; nothing here
derives readings or glosses.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from hanzi_companion.errors import InvalidQueryError, NotFoundError
from hanzi_companion.lexicon.characters import normalise_character
from hanzi_companion.lexicon.lexicon import normalise_query
from hanzi_companion.lexicon.models import QueryKind
from hanzi_companion.lexicon.search import is_han
from hanzi_companion.lexicon.strokes import animated_svg, frames_svg
from hanzi_companion.web import resources
from hanzi_companion.web import views as _views

bp = Blueprint("pages", __name__)

KINDS = {kind.value: kind for kind in QueryKind}


def _page(template: str, status: int = 200, **context: object) -> Response:
    return Response(render_template(template, **context), status=status, mimetype="text/html")


def _cached_page(template: str, build: Callable[[], object], **context: object) -> Response:
    """A page that depends only on its URL: rendered once, then served from the cache."""
    key = (request.script_root, request.full_path)
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
        course=_views.course_summary(res.course),
        examples=_views.EXAMPLES,
    )


@bp.get("/search")
def search() -> Response | BaseResponse:
    query = request.args.get("q", "")
    if not query.strip():
        return redirect(url_for("pages.home"))
    kind = KINDS.get(request.args.get("kind", ""))
    res = resources()
    try:
        results = res.lexicon.search(query, kind=kind, limit=60)
    except InvalidQueryError as exc:
        # Still a helpful page: the problem, and the search box to try again.
        return _page("search.html", status=400, query=query[:200], problem=str(exc), results=None)
    return _page(
        "search.html",
        query=results.query,
        results=results,
        suggestions=_views.suggestions(res.lexicon, results),
    )


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
    char = normalise_query(char)
    if len(char) > 1:
        return redirect(url_for("pages.word", word=char))
    try:
        folded = normalise_character(char)
    except InvalidQueryError:
        return redirect(url_for("pages.search", q=char))
    if folded != char:
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


@bp.get("/about")
def about() -> Response:
    res = resources()
    return _page("about.html", active="about", metadata=res.lexicon.metadata())


@bp.get("/course")
def course() -> Response:
    res = resources()
    return _page("course.html", active="course", course=_views.course_summary(res.course))


@bp.route("/deck", methods=["GET"])
def deck() -> Response:
    return _page("deck_form.html", active="deck")


@bp.post("/deck")
def deck_glossary() -> Response:
    return _page("deck_form.html", status=501, active="deck", problem="Not ready yet.")


@bp.get("/course/<name>")
def course_deck(name: str) -> Response:
    res = resources()
    deck = res.course.deck(name)
    return _page(
        "course.html", active="course", course=_views.course_summary(res.course), deck=deck
    )


@bp.get("/course.apkg")
def course_apkg() -> Response:
    return Response("", status=501)
