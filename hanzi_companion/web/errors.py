"""Every error becomes one clear page or one JSON shape: ``{"error": {"code", "message"}}``.

Users never see a traceback: unexpected exceptions are logged and answered with a plain 500.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Any

from flask import Flask, Response, abort, current_app, jsonify, render_template, request
from werkzeug.exceptions import (
    HTTPException,
    InternalServerError,
    RequestEntityTooLarge,
    default_exceptions,
)

from hanzi_companion.errors import (
    DeckError,
    HanziCompanionError,
    InvalidQueryError,
    NotFoundError,
)

# Friendlier messages than Werkzeug's defaults, keyed by status.
MESSAGES = {
    400: "The request could not be understood.",
    404: "There is no page at this address.",
    405: "This address does not accept that method.",
    413: "The upload is larger than the 2 MB limit; split the deck or remove embedded images.",
    500: "Something went wrong on our side; the error has been logged.",
}
CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    500: "internal_error",
    503: "busy",
}


def wants_json() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def error_response(status: int, code: str, message: str, **extra: Any) -> tuple[Response, int]:
    """The error as JSON under /api, else as a page."""
    if wants_json():
        return jsonify({"error": {"code": code, "message": message}}), status
    page = render_template("error.html", status=status, code=code, message=message, **extra)
    return Response(page, mimetype="text/html"), status


def _default_description(status: int) -> str | None:
    base = default_exceptions.get(status)
    return base.description if base else None


def handle_http(exc: HTTPException) -> tuple[Response, int] | HTTPException:
    status = exc.code or 500
    if status < 400:
        return exc  # redirects raised as exceptions pass through untouched
    if isinstance(exc, RequestEntityTooLarge):
        message = MESSAGES[413]
    elif status not in MESSAGES or exc.description != _default_description(status):
        message = exc.description or MESSAGES.get(status, "")
    else:
        message = MESSAGES[status]
    code = CODES.get(status, (exc.name or "error").lower().replace(" ", "_"))
    if exc.__class__.__name__ == "InvalidUtf8":
        code = "invalid_utf8"
    response, status = error_response(status, code, message)
    if status == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    retry_after = getattr(exc, "retry_after", None)
    if isinstance(retry_after, int):
        response.headers["Retry-After"] = str(retry_after)
    return response, status


def handle_domain(exc: HanziCompanionError) -> tuple[Response, int]:
    if isinstance(exc, InvalidQueryError):
        return error_response(400, "invalid_query", str(exc))
    if isinstance(exc, DeckError):
        return error_response(400, "invalid_deck", f"The deck cannot be read: {exc.reason}.")
    if isinstance(exc, NotFoundError):
        return error_response(404, "not_found", str(exc))
    # Data or output errors are the server's problem; their paths are not for users.
    current_app.logger.error("server-side data error: %s", exc)
    return error_response(500, "internal_error", MESSAGES[500])


DAMAGED_KEY = "hanzi_companion.damaged_cache"  # app.extensions key: the app's CacheRepair
REPAIRS = 1  # damaged caches rebuilt by a running server; damage found again waits a restart
_RETRY_AFTER = 5  # seconds a client is asked to wait while the caches are rebuilt
_RECHECK_AFTER = 60.0  # seconds after a check found the caches sound before another one


class CacheRepair:
    """The running app's repair of its damaged compiled caches: one request at a time checks
    them and rebuilds a damaged one; the others get 503 with the cause meanwhile."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cause: str | None = None  # what was wrong with the last damaged cache
        self.repairs = 0
        self.given_up = False  # damaged again after the rebuild: reported until a restart
        self.found_sound_at = -_RECHECK_AFTER  # monotonic time the caches last checked sound


def _damaged(message: str) -> tuple[Response, int]:
    response, status = error_response(503, "cache_damaged", message)
    response.headers["Retry-After"] = str(_RETRY_AFTER)
    return response, status


def handle_damaged_cache(exc: sqlite3.DatabaseError) -> tuple[Response, int]:
    """A query failed: the compiled caches are checked; a damaged one (it passed the checks on
    opening) is removed and built again, once per server, atomically, by the one request that
    found it, and the lexicon reads the new files from then on. That request and those
    arriving meanwhile get 503 with the cause and ``Retry-After``, the cause is logged once.
    Damage found again after the rebuild is reported until the server restarts. Sound caches
    (checked at most once a minute): the error is the code's, answered as any other."""
    from hanzi_companion.web import resources

    repair: CacheRepair = current_app.extensions[DAMAGED_KEY]
    if not repair.lock.acquire(blocking=False):
        cause = repair.cause or "being checked"
        return _damaged(f"The dictionary cache is damaged ({cause}); it is being rebuilt.")
    try:
        if repair.given_up:
            return _damaged(
                f"The dictionary cache is damaged again ({repair.cause}); "
                "it is rebuilt when the server restarts."
            )
        if time.monotonic() - repair.found_sound_at < _RECHECK_AFTER:
            return handle_unexpected(exc)
        res = resources()
        damaged = res.lexicon.discard_damaged()
        for path, why in damaged:
            current_app.logger.error("%s: damaged cache removed (%s)", path, why)
        if not damaged:
            repair.found_sound_at = time.monotonic()
            if repair.repairs:  # a connection opened on the files the rebuild replaced
                return _damaged(f"The dictionary cache was rebuilt ({repair.cause}); try again.")
            return handle_unexpected(exc)
        repair.cause = damaged[0][1]
        if repair.repairs >= REPAIRS:
            repair.given_up = True
            return _damaged(
                f"The dictionary cache is damaged again ({repair.cause}); "
                "it is rebuilt when the server restarts."
            )
        repair.repairs += 1
        try:
            res.lexicon.reopen()
        except (HanziCompanionError, OSError, sqlite3.DatabaseError) as failure:
            current_app.logger.error("the damaged cache could not be rebuilt: %s", failure)
            repair.given_up = True
            return _damaged(
                f"The dictionary cache is damaged ({repair.cause}) and could not be rebuilt; "
                "it is rebuilt when the server restarts."
            )
        res.pages.clear()  # pages rendered from the damaged files
        current_app.logger.warning("damaged cache rebuilt; serving again")
        return _damaged(
            f"The dictionary cache was damaged ({repair.cause}) and is rebuilt; try again."
        )
    finally:
        repair.lock.release()


def handle_unexpected(exc: Exception) -> tuple[Response, int]:
    if isinstance(exc, HTTPException):
        result = handle_http(exc)
        if isinstance(result, tuple):
            return result
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal_error", MESSAGES[500])


# The environ key the production server sets to have an error it found rendered here
# (``web/server.py``): the request never reaches a view, only the error handlers.
SERVER_ERROR_KEY = "hanzi_companion.server_error"


def server_error() -> None:
    status = request.environ.get(SERVER_ERROR_KEY)
    if isinstance(status, int):
        abort(status)


def init_app(app: Flask) -> None:
    # First of all before_request functions: the path of such a request may be anything.
    app.before_request_funcs.setdefault(None, []).insert(0, server_error)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(HanziCompanionError, handle_domain)
    app.extensions[DAMAGED_KEY] = CacheRepair()
    app.register_error_handler(sqlite3.DatabaseError, handle_damaged_cache)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)
