"""Whole responses kept in memory by address, for the responses the app lets any cache keep.

A page of the lexicon (a character, a word, a lookup) is fixed for the life of the process,
and the app says so: ``Cache-Control: public, max-age=...`` (see :mod:`web.security`). The
views already keep what they render (:class:`~hanzi_companion.web.cache.RenderCache`); this
WSGI middleware keeps the finished response too (status, headers and encoded body), so a
repeated request is answered without routing, hooks, headers or encoding: what a shared HTTP
cache in front of the server would do, in the server.

The key is the full address, as an HTTP cache keys a response: scheme, host, script root,
path and query string exactly as received. A different query is a different key (it never
gets another query's page); junk variants of one address only take places in a bounded cache
and are otherwise served as before. Kept only: answers to a plain GET (no conditional or
range header), status 200, ``public`` with a ``max-age`` (kept at most that long), no
``Vary`` or ``Set-Cookie``, a body of a known length of at most ``max_body`` bytes.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Headers = list[tuple[str, str]]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

# Request headers that change what the answer must be (a 304, a part of the body).
_CONDITIONAL = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_RANGE",
    "HTTP_IF_RANGE",
)
_MAX_AGE = re.compile(r"(?:^|,)\s*max-age=(\d+)\s*(?:,|$)")


@dataclass(frozen=True)
class _Kept:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    expires: float


def _lifetime(headers: Headers, max_body: int) -> float:
    """How long a 200 response with these headers may be kept (0: not at all)."""
    control = ""
    length = -1
    for name, value in headers:
        lowered = name.lower()
        if lowered in ("vary", "set-cookie"):
            return 0.0
        if lowered == "cache-control":
            control = value.lower()
        elif lowered == "content-length" and value.isdigit():
            length = int(value)
    tokens = {token.strip() for token in control.split(",")}
    if "public" not in tokens or tokens & {"no-store", "no-cache", "private"}:
        return 0.0
    if not 0 <= length <= max_body:
        return 0.0
    match = _MAX_AGE.search(control)
    return float(match.group(1)) if match else 0.0


def _content_length(headers: Headers) -> int:
    return next(int(v) for n, v in headers if n.lower() == "content-length")


class ResponseCache:
    """WSGI middleware keeping the responses described in the module's docstring, least
    recently used first out, bounded by the total size of their bodies."""

    def __init__(
        self,
        app: WSGIApp,
        max_bytes: int,
        *,
        bypass: Callable[[dict[str, Any]], bool] = lambda environ: False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_body = max_bytes // 16  # one response never pushes out most of the others
        self.bypass = bypass
        self.clock = clock
        self._items: OrderedDict[tuple[str, ...], _Kept] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def key(self, environ: dict[str, Any]) -> tuple[str, ...] | None:
        """The address of a request whose answer may come from the cache, else None."""
        if self.max_bytes <= 0 or environ.get("REQUEST_METHOD") != "GET":
            return None
        if any(name in environ for name in _CONDITIONAL) or self.bypass(environ):
            return None
        return (
            str(environ.get("wsgi.url_scheme", "")),
            str(environ.get("HTTP_HOST", "")),
            str(environ.get("SCRIPT_NAME", "")),
            str(environ.get("PATH_INFO", "")),
            str(environ.get("QUERY_STRING", "")),
        )

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        key = self.key(environ)
        if key is None:
            return self.app(environ, start_response)
        now = self.clock()
        with self._lock:
            kept = self._items.get(key)
            if kept is not None:
                if kept.expires > now:
                    self._items.move_to_end(key)
                else:
                    self._forget(key)
                    kept = None
        if kept is not None:
            start_response(kept.status, list(kept.headers))
            return [kept.body]
        return self._answer(key, environ, start_response, now)

    def _answer(
        self,
        key: tuple[str, ...],
        environ: dict[str, Any],
        start_response: StartResponse,
        now: float,
    ) -> Iterable[bytes]:
        """Run the app and keep its answer when it may be kept."""
        started: list[Any] = []
        wrote = [False]

        def capture(status: str, headers: Headers, exc_info: Any = None) -> Callable[..., Any]:
            started[:] = [status, headers]
            write = start_response(status, headers, exc_info)

            def tracked(data: bytes) -> Any:
                wrote[0] = True  # a body written past the iterable: not kept
                return write(data)

            return tracked

        chunks = self.app(environ, capture)
        if not started or not str(started[0]).startswith("200"):
            return chunks
        status, headers = started
        lifetime = _lifetime(headers, self.max_body)
        if lifetime <= 0:
            return chunks  # streamed as the app gives it
        try:
            body = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        if len(body) == _content_length(headers) and not wrote[0]:
            self._keep(key, _Kept(status, tuple(headers), body, now + lifetime))
        return [body]

    def _keep(self, key: tuple[str, ...], kept: _Kept) -> None:
        with self._lock:
            if key in self._items:
                self._forget(key)
            self._items[key] = kept
            self._size += len(kept.body)
            while self._size > self.max_bytes and self._items:
                self._forget(next(iter(self._items)))

    def _forget(self, key: tuple[str, ...]) -> None:
        self._size -= len(self._items.pop(key).body)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size(self) -> int:
        """The bytes of the bodies kept."""
        return self._size
