"""The JSON API under ``/api``: lookup, search, character profiles, deck glossaries and .apkg.

Errors share one shape, ``{"error": {"code": ..., "message": ...}}`` (see ``web/errors.py``);
``docs/openapi.json`` documents every route.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, jsonify, request

from hanzi_companion.errors import InvalidQueryError
from hanzi_companion.lexicon.lexicon import normalise_query
from hanzi_companion.lexicon.models import QueryKind
from hanzi_companion.lexicon.search import is_han
from hanzi_companion.render.lexicon_json import lookup_json, search_json
from hanzi_companion.web import resources

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
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

    return _json_text(res.pages.get_or_render(("api.lookup", word), render))


@bp.get("/search")
def search() -> Response:
    """Search by characters, pinyin or English; ``kind`` forces a reading of the query."""
    query = _query()
    kind_name = request.args.get("kind", "auto")
    if kind_name != "auto" and kind_name not in KINDS:
        raise InvalidQueryError(f"kind must be one of auto, {', '.join(KINDS)}; not {kind_name!r}")
    limit_text = request.args.get("limit", "50")
    if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
        raise InvalidQueryError(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    results = resources().lexicon.search(query, kind=KINDS.get(kind_name), limit=int(limit_text))
    return jsonify(search_json(results))
