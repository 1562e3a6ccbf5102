"""The production server: waitress with limits, so idle or slow clients cannot lock others out.

waitress reads every request in one event loop and hands only complete requests to its worker
threads, so slow clients cost sockets, not threads. What it lacks is a bound on those sockets'
time and on what it buffers: by default a body of up to 1 GiB is spooled to disk before the app
can refuse it, and a client trickling a header byte now and then is never dropped. Here:

- ``max_request_body_size`` is the app's upload limit: a longer ``Content-Length`` is refused
  straight after the headers (the body is drained, not kept, up to ``DRAIN_BYTES``, so that
  browsers read the 413), and a chunked body as soon as it passes the limit;
- a request whose headers and body have not all arrived ``request_timeout`` seconds after its
  first byte is dropped (slowloris), idle connections after ``channel_timeout``; both waits
  shrink to ``crowded_timeout`` when the connections near their limit;
- waitress's own error responses (400, 413, 431, 501) are rendered by the app (its error page,
  or the API's JSON error shape under ``/api``) with the same headers as every response.

The limits live in :class:`hanzi_companion.settings.ServerLimits` (environment variables).
"""

from __future__ import annotations

import io
import json
import sys
import time
from typing import Any
from urllib.parse import unquote_to_bytes

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher
from waitress.utilities import RequestEntityTooLarge

from hanzi_companion.settings import ServerLimits
from hanzi_companion.web.errors import CODES, MESSAGES, SERVER_ERROR_KEY
from hanzi_companion.web.security import CACHE_NONE, security_headers

IDENT = "hanzi-companion"
# A body over the limit is still read, and thrown away, up to this size before the 413 is
# sent: closing a connection with unread bytes resets it, and a browser would show a network
# error instead of the page saying the deck is too large. Nothing of it is kept.
DRAIN_BYTES = 32 * 1024 * 1024

# Sockets the process keeps for itself (listening socket, trigger pipe, data files).
_RESERVED_FILES = 64
_HEAD_BYTES = 2048
_SELECT_LIMIT = 1024  # FD_SETSIZE: select() refuses descriptors from this number on

# Messages for the errors only waitress raises (before the app sees the request).
_SERVER_MESSAGES = {
    400: "The request could not be understood (malformed HTTP).",
    413: MESSAGES[413],
    431: "The request's headers are larger than this server accepts.",
    500: MESSAGES[500],
    501: "The request uses a transfer encoding this server does not support.",
}
_SERVER_CODES = {**CODES, 431: "request_header_fields_too_large", 501: "not_implemented"}


def waitress_options(limits: ServerLimits, host: str, port: int) -> dict[str, Any]:
    """The waitress adjustments for ``limits`` (every value waitress would otherwise default)."""
    connections = open_file_budget(limits.connection_limit)
    return {
        "host": host,
        "port": port,
        "threads": limits.threads,
        "connection_limit": connections,
        "channel_timeout": limits.channel_timeout,
        "cleanup_interval": limits.cleanup_interval,
        "max_request_header_size": limits.max_header_bytes,
        # waitress refuses a body whose length is >= this; the app accepts up to the limit.
        "max_request_body_size": limits.max_body_bytes + 1,
        "inbuf_overflow": limits.inbuf_overflow,
        "backlog": limits.backlog,
        "ident": IDENT,
        "expose_tracebacks": False,
        # waitress's select() loop is the faster one with hundreds of sockets (measured with
        # benchmarks/web_slow_clients.py) but cannot watch a descriptor past FD_SETSIZE.
        "asyncore_use_poll": connections + _RESERVED_FILES >= _SELECT_LIMIT,
        "clear_untrusted_proxy_headers": True,
    }


def open_file_budget(wanted: int) -> int:
    """``wanted`` connections if the process may open that many files (raising its soft limit
    up to the hard one), else as many as it may."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = wanted + _RESERVED_FILES
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - _RESERVED_FILES))


class _Sink:
    """A body buffer that keeps nothing (what is drained after the limit)."""

    def append(self, data: bytes) -> None:
        pass

    def __len__(self) -> int:
        return 0

    def close(self) -> None:
        pass


class _TimedParser(HTTPRequestParser):  # type: ignore[misc]
    """A request parser that knows when its first byte came and what its request line was,
    and that drains (reads and discards) a body that is over the limit before refusing it."""

    def __init__(self, adj: Adjustments) -> None:
        super().__init__(adj)
        self.started = time.monotonic()
        self.head = b""
        self._refusal: Any = None  # the 413 to send once the body is drained
        self._drained = 0

    def received(self, data: bytes) -> int:
        if len(self.head) < _HEAD_BYTES and b"\n" not in self.head:
            self.head += data[:_HEAD_BYTES]
        if self._refusal is not None:
            return self._drain(data)
        consumed: int = super().received(data)
        refused: Any = getattr(self, "error", None)
        if isinstance(refused, RequestEntityTooLarge) and self._drainable():
            self._refusal = refused
            self.error = None
            self.completed = False
            self.body_rcv.getbuf().close()  # what was buffered (at most the limit) goes now
            self.body_rcv.buf = _Sink()
        return consumed

    def _drainable(self) -> bool:
        # A client waiting for "100 Continue" sends no body: answer now. Browsers send a
        # Content-Length; a chunked body over the limit is cut off at once (parsing chunks
        # only to throw them away would be work done for whoever sends them).
        if self.expect_continue or self.chunked or self.body_rcv is None:
            return False
        return 0 < int(self.content_length) <= DRAIN_BYTES

    def _drain(self, data: bytes) -> int:
        consumed: int = self.body_rcv.received(data)
        self._drained += consumed
        if self.body_rcv.completed or self._drained > DRAIN_BYTES:
            self.error, self.completed = self._refusal, True
        return consumed

    def target_path(self) -> str:
        """The path of the request line, even when waitress could not parse the headers."""
        parts = self.head.split(b"\n", 1)[0].split()
        if len(parts) < 2:
            return str(getattr(self, "path", "") or "/")
        target = parts[1].decode("latin-1").split("?", 1)[0]
        if "://" in target:  # absolute form: http://host/path
            target = "/" + target.split("://", 1)[1].partition("/")[2]
        return target


def error_body(status: int, path: str) -> tuple[str, bytes]:
    """The content type and body of an error waitress answers by itself."""
    code = _SERVER_CODES.get(status, "error")
    message = _SERVER_MESSAGES.get(status, MESSAGES[400])
    if path == "/api" or path.startswith("/api/"):
        payload = {"error": {"code": code, "message": message}}
        return "application/json", (json.dumps(payload, ensure_ascii=False) + "\n").encode()
    return "text/plain; charset=utf-8", f"{status} {message}\n".encode()


# Errors the app renders itself (its page, or its JSON error under /api); others are plain.
_APP_RENDERED = frozenset({400, 413, 431, 501})


class _ErrorTask(ErrorTask):  # type: ignore[misc]
    """waitress's error response, as the app's own error page or JSON error: the app is asked
    to render the status for the request's path (see :func:`error_environ`), with a plain
    fallback carrying the same security headers."""

    def execute(self) -> None:
        error = self.request.error
        status = int(error.code)
        path = (
            self.request.target_path()
            if isinstance(self.request, _TimedParser)
            else str(getattr(self.request, "path", "/"))
        )
        rendered = None
        if status in _APP_RENDERED:
            rendered = _render_with_app(self.channel.server.application, status, path)
        if rendered is None:
            content_type, body = error_body(status, path)
            headers = [
                ("Content-Type", content_type),
                *security_headers(path, content_type).items(),
            ]
            headers.append(("Cache-Control", CACHE_NONE))
            rendered = (f"{status} {error.reason}", headers, body)
        self.status, headers, body = rendered
        self.response_headers.extend(headers)
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


def error_environ(status: int, path: str) -> dict[str, Any]:
    """A bodiless GET of ``path`` that asks the app for its ``status`` error response."""
    raw = unquote_to_bytes(path.encode("latin-1", "replace")) if path.startswith("/") else b"/"
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": raw.decode("latin-1"),
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        SERVER_ERROR_KEY: status,
    }


def _render_with_app(
    app: Any, status: int, path: str
) -> tuple[str, list[tuple[str, str]], bytes] | None:
    started: list[Any] = []

    def start_response(line: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        started[:] = [line, headers]

    try:
        chunks = app(error_environ(status, path), start_response)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
    except Exception:  # the plain answer still goes out; waitress logs nothing either
        return None
    if not started or not str(started[0]).startswith(str(status)):
        return None
    skip = {"content-length", "connection", "transfer-encoding"}
    headers = [(name, value) for name, value in started[1] if name.lower() not in skip]
    return str(started[0]), headers, body


class _Channel(HTTPChannel):  # type: ignore[misc]
    parser_class = _TimedParser
    error_task_class = _ErrorTask

    def send_continue(self) -> None:
        # waitress would invite the body of a request it has already refused (a 413 found in
        # the headers), and reopen the request to wait for it: the client waits for the
        # error, the server for the body. Answer with the error instead.
        if self.request is not None and getattr(self.request, "error", None) is not None:
            return
        super().send_continue()


# Past this share of the connection limit the server is crowded: idle connections and requests
# still arriving get ``crowded_timeout`` instead of their usual time, so that a crowd of idle or
# slow sockets frees its places in seconds rather than minutes.
CROWDED_SHARE = 0.9


class LimitedServer(TcpWSGIServer):  # type: ignore[misc]
    """waitress's TCP server, also dropping requests that take too long to arrive, and
    shortening every wait when it is crowded."""

    channel_class = _Channel
    request_timeout: float = ServerLimits.request_timeout
    crowded_timeout: float = ServerLimits.crowded_timeout

    def crowded(self) -> bool:
        limit = int(self.adj.connection_limit)
        return len(self.active_channels) >= CROWDED_SHARE * limit

    def maintenance(self, now: float) -> None:
        """Close idle connections and requests that are too slow to arrive (never one being
        served)."""
        idle_for = float(self.adj.channel_timeout)
        arriving_for = self.request_timeout
        if self.crowded():
            idle_for = min(idle_for, self.crowded_timeout)
            arriving_for = min(arriving_for, self.crowded_timeout)
        idle_cutoff = now - idle_for
        request_cutoff = time.monotonic() - arriving_for
        for channel in list(self.active_channels.values()):
            if channel.requests:
                continue
            request = channel.request
            slow = (
                isinstance(request, _TimedParser)
                and not request.completed
                and request.started < request_cutoff
            )
            if slow or channel.last_activity < idle_cutoff:
                channel.will_close = True


def create_server(app: Any, limits: ServerLimits, host: str, port: int) -> Any:
    """A waitress server for ``app`` with ``limits``, listening (call ``.run()`` to serve)."""
    adj = Adjustments(**waitress_options(limits, host, port))
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    socket_map: dict[int, Any] = {}
    servers = [
        LimitedServer(app, socket_map, dispatcher=dispatcher, adj=adj, sockinfo=sockinfo)
        for sockinfo in adj.listen
    ]
    for server in servers:
        server.request_timeout = limits.request_timeout
        server.crowded_timeout = limits.crowded_timeout
    if len(servers) == 1:
        return servers[0]
    listening = [(server.effective_host, server.effective_port) for server in servers]
    return MultiSocketServer(socket_map, adj, listening, dispatcher, servers[0].log_info)
