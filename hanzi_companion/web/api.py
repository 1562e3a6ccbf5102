"""The JSON API under ``/api``: lookup, search, character profiles, deck glossaries and .apkg.

Errors share one shape, ``{"error": {"code": ..., "message": ...}}`` (see ``web/errors.py``);
``docs/openapi.json`` documents every route.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, jsonify, request

from hanzi_companion.errors import InvalidQueryError, NotFoundError
from hanzi_companion.lexicon.characters import normalise_character
from hanzi_companion.lexicon.lexicon import normalise_query
from hanzi_companion.lexicon.models import QueryKind
from hanzi_companion.lexicon.script import is_han
from hanzi_companion.render.character_json import character_json
from hanzi_companion.render.json import render_json
from hanzi_companion.render.json_text import json_text
from hanzi_companion.render.lexicon_json import lookup_json, search_json, sentences_json
from hanzi_companion.render.practice import writer_json
from hanzi_companion.web import decks as _decks
from hanzi_companion.web import resources
from hanzi_companion.web import views as _views

bp = Blueprint("api", __name__)

KINDS = {kind.value: kind for kind in QueryKind}
MAX_LIMIT = 200


def _query(name: str = "q") -> str:
    value = request.args.get(name)
    if value is None:
        raise InvalidQueryError(f"the query parameter {name!r} is missing")
    return normalise_query(value)


def _json_text(text: str, status: int = 200) -> Response:
    return Response(text + "\n", status=status, mimetype="application/json")


@bp.get("/lookup")
def lookup() -> Response:
    """Every entry of a word (characters), the chosen reading first; found=false when unknown."""
    word = _query()
    if not any(is_han(ch) for ch in word):
        raise InvalidQueryError(
            "lookup takes Chinese characters; use /api/search for pinyin or English"
        )
    res = resources()
    lexicon = res.lexicon

    def render() -> str:
        payload = lookup_json(
            word,
            lexicon.lookup(word),
            lexicon.reading(word),
            lexicon.script(word),
            lexicon.other_form(word),
            lexicon.links(word),
        )
        payload["examples"] = sentences_json(word, lexicon.sentences(word))
        return json_text(payload)

    return _json_text(res.pages.get_or_render(("api.lookup", word), render))


@bp.get("/search")
def search() -> Response:
    """Search by characters, pinyin or English; ``kind`` forces a reading of the query."""
    query = _query()
    kind_name = request.args.get("kind", "auto")
    if kind_name != "auto" and kind_name not in KINDS:
        raise InvalidQueryError(f"kind must be one of auto, {', '.join(KINDS)}; not {kind_name!r}")
    limit = _whole_number("limit", 50, 1, MAX_LIMIT)
    results = resources().lexicon.search(query, kind=KINDS.get(kind_name), limit=limit)
    return jsonify(search_json(results))


@bp.get("/character/<char>")
def character(char: str) -> Response:
    """The full profile of one character; ``strokes=true`` adds the stroke outlines."""
    with_strokes = _flag("strokes")
    res = resources()

    def render() -> str:
        profile = res.lexicon.character(normalise_query(char))
        payload = character_json(profile, stroke_data=with_strokes)
        payload["examples"] = sentences_json(
            profile.character, res.lexicon.sentences(profile.character)
        )
        return json_text(payload)

    return _json_text(res.pages.get_or_render(("api.character", char, with_strokes), render))


@bp.get("/strokes/<char>.json")
def strokes(char: str) -> Response:
    """A character's strokes in Hanzi Writer's format (the writing practice loads it)."""
    res = resources()
    char = normalise_character(normalise_query(char))

    def render() -> str:
        data = res.lexicon.character_index().strokes(char)
        if data is None:
            raise NotFoundError(char, f"there is no stroke data for {char!r}")
        return writer_json(data)

    response = _json_text(res.pages.get_or_render(("api.strokes", char), render))
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


@bp.post("/glossary")
@_decks.builds_a_deck
def glossary() -> Response:
    """The glossary of a posted deck (raw body, multipart file or text field, or JSON)."""
    res = resources()
    built = _decks.deck_glossary(res.lexicon, _decks.posted_deck(request))
    return _json_text(render_json(built))


@bp.post("/anki")
@_decks.builds_a_deck
def anki() -> Response:
    """An Anki package of a posted deck."""
    res = resources()
    posted = _decks.posted_deck(request)
    built = _decks.deck_glossary(res.lexicon, posted)
    response = Response(_decks.apkg_bytes(res.lexicon, built, posted.name))
    response.mimetype = "application/octet-stream"
    filename = f"{_decks.stem(posted.name)}.apkg"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/course")
def course() -> Response:
    """The course folder's decks with their characters of the week."""
    res = resources()
    summary = _views.course_summary(res.lexicon, res.course)
    return jsonify(
        {
            "title": summary.title,
            "decks": [
                {
                    "name": week.name,
                    "filename": week.filename,
                    "title": week.title,
                    "week": week.week,
                    "date": week.date,
                    "terms": week.term_count,
                    "characters": [
                        {
                            "character": c.character,
                            "pinyin": c.pinyin,
                            "pinyin_numbered": c.pinyin_numbered,
                            "gloss": c.gloss,
                        }
                        for c in week.characters
                    ],
                    "problem": week.problem,
                }
                for week in summary.weeks
            ],
        }
    )


@bp.get("/course/<name>")
def course_deck(name: str) -> Response:
    """The glossary of one deck of the course folder."""
    res = resources()
    deck = res.course.deck(name)
    return _json_text(render_json(_views.course_glossary(res.lexicon, res.course, deck)))


_ASCII_NUMBER = re.compile(r"[0-9]{1,9}")


def _whole_number(name: str, default: int, low: int, high: int) -> int:
    """A query parameter holding a whole number from ``low`` to ``high`` (ASCII digits only:
    ``isdigit`` also accepts ² and other digits ``int`` refuses)."""
    text = request.args.get(name)
    if text is None:
        return default
    value = int(text) if _ASCII_NUMBER.fullmatch(text) else low - 1
    if not low <= value <= high:
        raise InvalidQueryError(f"{name} must be a whole number from {low} to {high}")
    return value


def _flag(name: str) -> bool:
    value = request.args.get(name, "false").lower()
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise InvalidQueryError(f"{name} must be true or false, not {value!r}")
    return value in ("true", "1", "yes")
