"""The production server: waitress with limits, so idle or slow clients cannot lock others out.

waitress reads every request in one event loop and hands only complete requests to its worker
threads, so slow clients cost sockets, not threads. What it lacks is a bound on those sockets'
time and on what it buffers: by default a body of up to 1 GiB is spooled to disk before the app
can refuse it, and a client trickling a header byte now and then is never dropped. Here:

- ``max_request_body_size`` is the app's upload limit: a longer ``Content-Length`` is refused
  straight after the headers, and a chunked body as soon as it passes the limit;
- a request whose headers and body have not all arrived ``request_timeout`` seconds after its
  first byte is dropped (slowloris), idle connections after ``channel_timeout``;
- waitress's own error responses (400, 413, 431, ...) get the API's JSON error shape under
  ``/api`` and the same security headers as every other response.

The limits live in :class:`hanzi_companion.settings.ServerLimits` (environment variables).
"""

from __future__ import annotations

import json
import time
from typing import Any

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher

from hanzi_companion.settings import ServerLimits
from hanzi_companion.web.errors import CODES, MESSAGES
from hanzi_companion.web.security import security_headers

IDENT = "hanzi-companion"
# Sockets the process keeps for itself (listening socket, trigger pipe, data files).
_RESERVED_FILES = 64
_HEAD_BYTES = 2048

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
    return {
        "host": host,
        "port": port,
        "threads": limits.threads,
        "connection_limit": open_file_budget(limits.connection_limit),
        "channel_timeout": limits.channel_timeout,
        "cleanup_interval": limits.cleanup_interval,
        "max_request_header_size": limits.max_header_bytes,
        # waitress refuses a body whose length is >= this; the app accepts up to the limit.
        "max_request_body_size": limits.max_body_bytes + 1,
        "inbuf_overflow": limits.inbuf_overflow,
        "backlog": limits.backlog,
        "ident": IDENT,
        "expose_tracebacks": False,
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


class _TimedParser(HTTPRequestParser):  # type: ignore[misc]
    """A request parser that knows when its first byte came and what its request line was."""

    def __init__(self, adj: Adjustments) -> None:
        super().__init__(adj)
        self.started = time.monotonic()
        self.head = b""

    def received(self, data: bytes) -> int:
        if len(self.head) < _HEAD_BYTES and b"\n" not in self.head:
            self.head += data[:_HEAD_BYTES]
        consumed: int = super().received(data)
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


class _ErrorTask(ErrorTask):  # type: ignore[misc]
    """waitress's error response, in the app's shape and with its security headers."""

    def execute(self) -> None:
        error = self.request.error
        path = (
            self.request.target_path()
            if isinstance(self.request, _TimedParser)
            else str(getattr(self.request, "path", "/"))
        )
        content_type, body = error_body(int(error.code), path)
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", content_type))
        self.response_headers.extend(security_headers(path, content_type).items())
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _Channel(HTTPChannel):  # type: ignore[misc]
    parser_class = _TimedParser
    error_task_class = _ErrorTask


class LimitedServer(TcpWSGIServer):  # type: ignore[misc]
    """waitress's TCP server, also dropping requests that take too long to arrive."""

    channel_class = _Channel
    request_timeout: float = ServerLimits.request_timeout

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        cutoff = time.monotonic() - self.request_timeout
        for channel in list(self.active_channels.values()):
            request = channel.request
            if (
                not channel.requests
                and isinstance(request, _TimedParser)
                and not request.completed
                and request.started < cutoff
            ):
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
    if len(servers) == 1:
        return servers[0]
    listening = [(server.effective_host, server.effective_port) for server in servers]
    return MultiSocketServer(socket_map, adj, listening, dispatcher, servers[0].log_info)
