"""The web UI and JSON API: a Flask app factory; views only parse, call the library and format.

``create_app(settings, test_config)`` builds an app; the lexicon and the course are opened in
:func:`init_app` and kept in ``app.extensions`` (no module-global app, nothing at import).
"""

from __future__ import annotations

import gc
import secrets
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app
from flask.json.provider import DefaultJSONProvider

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.json_text import escape_json_text
from hanzi_companion.settings import MAX_UPLOAD_BYTES, ServerLimits, Settings, templates_dir
from hanzi_companion.web.cache import RenderCache
from hanzi_companion.web.course import CourseFolder
from hanzi_companion.web.response_cache import ResponseCache

EXTENSION_KEY = "hanzi_companion"
RESPONSES_KEY = "hanzi_companion.responses"  # the app's ResponseCache


@dataclass(frozen=True)
class Resources:
    """What every view needs: the settings, the open lexicon and the course folder."""

    settings: Settings
    lexicon: Lexicon
    course: CourseFolder
    pages: RenderCache


def resources() -> Resources:
    """The current app's resources (inside a request or app context)."""
    found: Resources = current_app.extensions[EXTENSION_KEY]
    return found


class ScriptSafeJSON(DefaultJSONProvider):
    """Flask's JSON (``jsonify``, error bodies) written as every other JSON output is: ``<``,
    ``>``, ``&``, U+2028 and U+2029 escaped (see :mod:`hanzi_companion.render.json_text`)."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return escape_json_text(super().dumps(obj, **kwargs))


def create_app(
    settings: Settings | None = None, test_config: dict[str, Any] | None = None
) -> Flask:
    """Build the app for ``settings`` (from the environment by default).

    ``test_config`` overrides Flask configuration; its optional ``LEXICON`` key passes an
    already open :class:`Lexicon` (tests share one per session).
    """
    settings = settings or Settings.from_env()
    app = Flask(
        __name__,
        static_folder=str(settings.static_dir),
        static_url_path="/static",
        template_folder=str(templates_dir()),
    )
    app.config.from_mapping(
        # A random key per process is fine for development: nothing long-lived is signed.
        SECRET_KEY=settings.secret_key or secrets.token_hex(32),
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_UPLOAD_BYTES,
        JSON_SORT_KEYS=False,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
        RENDER_CACHE_CHARS=64 * 1024 * 1024,
        RESPONSE_CACHE_BYTES=32 * 1024 * 1024,
    )
    if test_config:
        app.config.from_mapping(test_config)
    app.json = ScriptSafeJSON(app)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    init_app(app, settings)
    return app


def init_app(app: Flask, settings: Settings) -> None:
    """Open the resources and register blueprints, template helpers, security and errors."""
    from hanzi_companion.web import api, decks, errors, pages, security, templating

    # The course folder's own dictionary (course.u8 beside its decks) joins the bundled ones.
    lexicon = app.config.get("LEXICON") or Lexicon.open(settings.for_course(settings.course_dir))
    app.extensions[EXTENSION_KEY] = Resources(
        settings=settings,
        lexicon=lexicon,
        course=CourseFolder(settings.course_dir),
        pages=RenderCache(int(app.config["RENDER_CACHE_CHARS"])),
    )
    limit = app.config.get("DECK_BUILDS") or ServerLimits.from_env().deck_builds
    app.extensions[decks.BUILDS_KEY] = decks.DeckBuilds(int(limit))
    templating.init_app(app, lexicon)
    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    # Outermost: a repeated request for a page of the lexicon is answered from memory.
    responses = ResponseCache(
        app.wsgi_app,
        int(app.config["RESPONSE_CACHE_BYTES"]),
        bypass=lambda environ: errors.SERVER_ERROR_KEY in environ,
    )
    app.wsgi_app = responses  # type: ignore[method-assign]
    app.extensions[RESPONSES_KEY] = responses


def warm_up(app: Flask) -> None:
    """Render the home and course pages once and open the English search tables, so the
    first visitors do not wait for the segmenter to load, the course glossaries or the
    English search's tables to be built."""
    app.extensions[EXTENSION_KEY].lexicon.english_tables()
    with app.test_client() as client:
        for path in ("/", "/course"):
            client.get(path)
    # What is loaded now (the lexicon's, segmenter's and templates' objects) stays for the
    # life of the process: out of the collector's sight, a full collection takes microseconds
    # instead of 100 ms, a pause every request waiting at the time would add to its latency.
    gc.freeze()


__all__ = ["MAX_UPLOAD_BYTES", "Resources", "create_app", "init_app", "resources", "warm_up"]
