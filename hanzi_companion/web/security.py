"""Response headers (CSP and friends) and rejection of URLs that are not valid UTF-8."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, Response, request
from werkzeug.exceptions import BadRequest

# No inline script or style anywhere: every page uses /static files only. Stroke-order SVGs
# are served as images with their own policy (see ``SVG_POLICY``).
PAGE_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# An SVG opened as an image runs no script; its CSS animation lives in a <style> element.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


# Cache-Control by what a response depends on. The lexicon is fixed for the life of the
# process; the course folder may change at any time; posted decks and errors are not for caches.
CACHE_LEXICON = "public, max-age=3600"
CACHE_COURSE = "no-cache"
CACHE_NONE = "no-store"
_COURSE_PATHS = ("/course/", "/course.", "/api/course")


def cache_policy(method: str, path: str, status: int) -> str:
    """The Cache-Control of a response the view did not set one for."""
    if method not in ("GET", "HEAD") or status >= 400:
        return CACHE_NONE
    if path in ("/", "/course") or path.startswith(_COURSE_PATHS):
        return CACHE_COURSE
    return CACHE_LEXICON


class InvalidUtf8(BadRequest):
    """The URL (path or query string) is not valid UTF-8 once percent-decoded."""

    description = "The address is not valid UTF-8 text once decoded; check how the link was built."


def check_utf8() -> None:
    """Refuse before routing: Werkzeug would otherwise turn bad bytes into U+FFFD silently."""
    environ = request.environ
    raw_uri = environ.get("REQUEST_URI") or environ.get("RAW_URI")
    try:
        if raw_uri:
            path, _, query = str(raw_uri).partition("?")
            unquote_to_bytes(path).decode("utf-8")
            unquote_to_bytes(query).decode("utf-8")
        else:
            # WSGI carries the raw path bytes as latin-1 code points.
            str(environ.get("PATH_INFO", "")).encode("latin-1").decode("utf-8")
            unquote_to_bytes(request.query_string).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        raise InvalidUtf8() from None


def security_headers(path: str, mimetype: str) -> dict[str, str]:
    """The headers every response carries (also waitress's own error responses)."""
    svg = mimetype.split(";", 1)[0].strip() == "image/svg+xml"
    headers = {
        "Content-Security-Policy": SVG_POLICY if svg else PAGE_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }
    if path.startswith("/api/") or path.endswith(".json"):
        # Read-only public data: slides on any host may fetch it (no credentials involved).
        headers["Access-Control-Allow-Origin"] = "*"
    return headers


def add_headers(response: Response) -> Response:
    for name, value in security_headers(request.path, response.mimetype or "").items():
        response.headers.setdefault(name, value)
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = cache_policy(
            request.method, request.path, response.status_code
        )
    return response


def init_app(app: Flask) -> None:
    app.before_request(check_utf8)
    app.after_request(add_headers)
