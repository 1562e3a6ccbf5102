"""The production server (waitress with limits) on a real loopback socket.

Each test talks raw HTTP to a server started in this process on 127.0.0.1, so what is checked
is what waitress itself does before (or instead of) calling the app.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from typing import Any

import pytest
from flask import Flask
from waitress.buffers import TempfileBasedBuffer

from hanzi_companion.errors import ConfigError
from hanzi_companion.settings import (
    ENV_CHANNEL_TIMEOUT,
    ENV_CONNECTION_LIMIT,
    ENV_REQUEST_TIMEOUT,
    ENV_THREADS,
    MAX_UPLOAD_BYTES,
    ServerLimits,
)
from hanzi_companion.web.security import PAGE_POLICY
from hanzi_companion.web.server import DRAIN_BYTES, create_server, waitress_options
from tests.conftest import stop_server

from .conftest import ROOT

HOST = "127.0.0.1"
# Short enough to see a slow client dropped within the test, long enough for real requests.
TEST_LIMITS = replace(ServerLimits(), request_timeout=2, cleanup_interval=1, threads=2)


@contextmanager
def running_server(app: Flask, limits: ServerLimits) -> Iterator[Any]:
    """The production server on a free loopback port, run in a background thread."""
    running = create_server(app, limits, HOST, 0)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        stop_server(running, thread, timeout=5)


@pytest.fixture(scope="module")
def server(app: Flask) -> Iterator[Any]:
    with running_server(app, TEST_LIMITS) as running:
        yield running


def connect(server: Any) -> socket.socket:
    sock = socket.create_connection((HOST, server.effective_port), timeout=10)
    return sock


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of one response (until the server closes)."""
    data = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
            head, sep, body = data.partition(b"\r\n\r\n")
            if sep and b"content-length:" in head.lower():
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                if len(body) >= length:
                    break
    except (ConnectionResetError, TimeoutError):
        pass
    while data.startswith(b"HTTP/1.1 100 "):  # an interim "100 Continue": the answer follows
        data = data.partition(b"\r\n\r\n")[2]
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0] else 0
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def get(server: Any, path: str) -> tuple[int, dict[str, str], bytes]:
    with connect(server) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        return read_response(sock)


# -- configuration ----------------------------------------------------------------------------


def test_waitress_gets_every_limit() -> None:
    limits = ServerLimits()
    options = waitress_options(limits, HOST, 0)
    # A body longer than the app accepts is refused by waitress itself (it refuses >= this).
    assert options["max_request_body_size"] == MAX_UPLOAD_BYTES + 1
    assert options["channel_timeout"] == limits.channel_timeout <= 60
    assert options["cleanup_interval"] == limits.cleanup_interval <= limits.request_timeout
    assert options["max_request_header_size"] == limits.max_header_bytes <= 64 * 1024
    assert options["threads"] == limits.threads
    assert options["inbuf_overflow"] == limits.inbuf_overflow
    assert not options["asyncore_use_poll"]  # select(): the faster loop, fine below 1024 fds
    assert 100 < options["connection_limit"] <= limits.connection_limit


def test_many_connections_are_watched_with_poll() -> None:
    options = waitress_options(replace(ServerLimits(), connection_limit=4000), HOST, 0)
    # select() cannot watch a descriptor past 1024: past that, poll() or fewer connections.
    assert options["asyncore_use_poll"] or options["connection_limit"] < 1000


def test_running_server_carries_the_limits(server: Any) -> None:
    assert server.adj.max_request_body_size == MAX_UPLOAD_BYTES + 1
    assert server.adj.channel_timeout == TEST_LIMITS.channel_timeout
    assert server.adj.cleanup_interval == TEST_LIMITS.cleanup_interval
    assert server.request_timeout == TEST_LIMITS.request_timeout


def test_limits_come_from_the_environment() -> None:
    env = {
        ENV_THREADS: "3",
        ENV_CONNECTION_LIMIT: "250",
        ENV_CHANNEL_TIMEOUT: "12",
        ENV_REQUEST_TIMEOUT: "9",
    }
    limits = ServerLimits.from_env(env)
    assert (limits.threads, limits.connection_limit) == (3, 250)
    assert (limits.channel_timeout, limits.request_timeout) == (12, 9)
    assert ServerLimits.from_env({}) == ServerLimits()


@pytest.mark.parametrize("value", ["0", "-4", "lots", "²", "9" * 5000])
def test_unusable_limit_is_one_clear_error(value: str) -> None:
    with pytest.raises(ConfigError, match=ENV_THREADS):
        ServerLimits.from_env({ENV_THREADS: value})


# -- bodies over the limit --------------------------------------------------------------------


@pytest.mark.parametrize("length", [DRAIN_BYTES + 1, 1024**3])
def test_oversized_content_length_is_refused_before_the_body(server: Any, length: int) -> None:
    started = time.monotonic()
    with connect(server) as sock:
        sock.sendall(
            b"POST /api/glossary HTTP/1.1\r\nHost: x\r\nContent-Type: text/markdown\r\n"
            b"Content-Length: %d\r\n\r\n" % length
        )
        status, headers, body = read_response(sock)
    assert status == 413
    assert time.monotonic() - started < 5
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "payload_too_large"


def test_endless_chunked_post_is_cut_off_at_the_limit(
    server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    spooled = [0]
    append = TempfileBasedBuffer.append

    def counting_append(self: TempfileBasedBuffer, data: bytes) -> None:
        spooled[0] += len(data)
        append(self, data)

    monkeypatch.setattr(TempfileBasedBuffer, "append", counting_append)
    chunk = b"%x\r\n%s\r\n" % (64 * 1024, b"a" * 64 * 1024)
    offered = 64 * 1024 * 1024
    sent = 0
    started = time.monotonic()
    with connect(server) as sock:
        sock.sendall(
            b"POST /api/glossary HTTP/1.1\r\nHost: x\r\nContent-Type: text/markdown\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        try:
            while sent < offered:
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server stopped reading: the point of the test
        status, _, body = read_response(sock)
    elapsed = time.monotonic() - started
    # Loopback socket buffers hold a few MB that the server never reads.
    assert sent < 24 * 1024 * 1024, f"the server kept reading: {sent} bytes sent"
    assert spooled[0] <= MAX_UPLOAD_BYTES + 1024 * 1024, f"{spooled[0]} bytes spooled to disk"
    assert elapsed < 10
    if status:  # the 413 arrives unless the reset of the unread bytes overtook it
        assert status == 413
        assert json.loads(body)["error"]["code"] == "payload_too_large"


def test_body_at_the_limit_still_reaches_the_app(server: Any) -> None:
    body = b"a" * MAX_UPLOAD_BYTES
    with connect(server) as sock:
        # A route that takes no POST: the app (not waitress) answers, so the body got through.
        sock.sendall(
            b"POST /api/lookup HTTP/1.1\r\nHost: x\r\nContent-Type: text/markdown\r\n"
            b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        )
        status, headers, _ = read_response(sock)
    assert status == 405
    assert "GET" in headers["allow"]


# -- slow and idle clients --------------------------------------------------------------------


def test_slow_client_is_dropped_after_the_request_timeout(server: Any) -> None:
    with connect(server) as slow:
        slow.sendall(b"GET /api/lookup?q=%E5%88%9B HTTP/1.1\r\nHost: x\r\n")
        deadline = time.monotonic() + TEST_LIMITS.request_timeout + 3 * TEST_LIMITS.cleanup_interval
        closed = False
        while time.monotonic() < deadline + 2:
            try:
                slow.sendall(b"X-a: b\r\n")  # one header line a second: never finishes
            except OSError:
                closed = True
                break
            slow.settimeout(1)
            try:
                if slow.recv(1024) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
            except OSError:
                closed = True
                break
        assert closed, "a client trickling headers kept its connection"
        assert time.monotonic() < deadline + 2
    status, _, _ = get(server, "/api/lookup?q=%E5%88%9B")
    assert status == 200


def test_a_crowd_of_idle_sockets_is_cleared_in_seconds(app: Flask) -> None:
    slow = {"channel_timeout": 120, "request_timeout": 120}
    limits = replace(TEST_LIMITS, connection_limit=20, crowded_timeout=1, **slow)
    with running_server(app, limits) as crowded:
        idle = [connect(crowded) for _ in range(limits.connection_limit)]
        started = time.monotonic()
        status, _, _ = get(crowded, "/api/lookup?q=%E5%88%9B")  # waits in the backlog
        waited = time.monotonic() - started
        closed = 0
        for sock in idle:
            sock.settimeout(0.5)
            with suppress(TimeoutError, OSError):
                closed += sock.recv(1) == b""
            sock.close()
    assert status == 200
    assert waited < limits.crowded_timeout + 3 * limits.cleanup_interval + 2
    assert closed >= limits.connection_limit // 2


# -- waitress's own errors --------------------------------------------------------------------


def raw_request(server: Any, request: bytes) -> tuple[int, dict[str, str], bytes]:
    with connect(server) as sock:
        sock.sendall(request)
        return read_response(sock)


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /api/lookup?q=x HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
        (
            b"GET /api/lookup?q=x HTTP/1.1\r\nHost: x\r\nX-Big: "
            + b"a" * (ServerLimits().max_header_bytes + 10)
            + b"\r\n\r\n",
            431,
        ),
    ],
)
def test_server_errors_under_api_are_json_with_headers(
    server: Any, request_bytes: bytes, status: int
) -> None:
    got, headers, body = raw_request(server, request_bytes)
    assert got == status
    assert headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert set(error) == {"code", "message"} and error["message"]
    assert headers["content-security-policy"] == PAGE_POLICY
    assert headers["x-content-type-options"] == "nosniff"


def test_server_errors_on_pages_are_the_apps_error_page(server: Any) -> None:
    got, headers, body = raw_request(
        server, b"GET /char/x HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n"
    )
    assert got == 400
    assert headers["content-security-policy"] == PAGE_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"
    assert headers["content-type"].startswith("text/html")
    assert b'role="search"' in body  # a page of the app, with its search box
    assert b"waitress" not in body


def post_all(
    server: Any, path: str, body: bytes, content_type: str
) -> tuple[int, dict[str, str], bytes]:
    """Send the whole request, as a browser does, then read the answer."""
    with connect(server) as sock:
        sock.sendall(
            b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
            % (path.encode(), content_type.encode(), len(body))
        )
        sock.sendall(body)
        return read_response(sock)


def test_too_large_upload_from_a_browser_gets_the_apps_page(
    server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    spooled = [0]
    append = TempfileBasedBuffer.append

    def counting_append(self: TempfileBasedBuffer, data: bytes) -> None:
        spooled[0] += len(data)
        append(self, data)

    monkeypatch.setattr(TempfileBasedBuffer, "append", counting_append)
    boundary = "b0undary"
    deck = "创新 innovation\n".encode() * (3 * MAX_UPLOAD_BYTES // 19)
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="deck"; filename="big.md"\r\n'
            "Content-Type: text/markdown\r\n\r\n"
        ).encode()
        + deck
        + f"\r\n--{boundary}--\r\n".encode()
    )
    status, headers, page = post_all(
        server, "/deck", body, f"multipart/form-data; boundary={boundary}"
    )
    assert status == 413  # read in full: the response, not a connection reset
    assert headers["content-type"].startswith("text/html")
    assert b"2 MB" in page and b'role="search"' in page
    assert spooled[0] == 0  # refused at the headers: nothing of the body was kept


def test_too_large_api_upload_gets_the_json_error_after_the_body(server: Any) -> None:
    status, headers, body = post_all(
        server, "/api/glossary", b"a" * (MAX_UPLOAD_BYTES + 1), "text/markdown"
    )
    assert status == 413
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "payload_too_large"


def test_client_expecting_100_continue_gets_the_413_at_once(server: Any) -> None:
    started = time.monotonic()
    with connect(server) as sock:
        sock.sendall(
            b"POST /api/glossary HTTP/1.1\r\nHost: x\r\nContent-Type: text/markdown\r\n"
            b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % (MAX_UPLOAD_BYTES + 1)
        )
        status, _, body = read_response(sock)
    assert status == 413 and time.monotonic() - started < 5
    assert json.loads(body)["error"]["code"] == "payload_too_large"


def test_deployment_doc_lists_every_limit_and_the_proxy_body_limit() -> None:
    from hanzi_companion import settings

    doc = (ROOT / "docs" / "deployment.md").read_text("utf-8")
    documented = {
        settings.ENV_THREADS,
        settings.ENV_CONNECTION_LIMIT,
        settings.ENV_CHANNEL_TIMEOUT,
        settings.ENV_REQUEST_TIMEOUT,
        settings.ENV_CROWDED_TIMEOUT,
        settings.ENV_CLEANUP_INTERVAL,
        settings.ENV_MAX_HEADER_BYTES,
        settings.ENV_INBUF_OVERFLOW,
        settings.ENV_BACKLOG,
        settings.ENV_DECK_BUILDS,
        settings.ENV_PUBLIC_URL,
    }
    for name in documented:
        assert f"`{name}`" in doc, name
    assert f"client_max_body_size    {MAX_UPLOAD_BYTES // (1024 * 1024)}m;" in doc
    for directive in ("client_header_timeout", "client_body_timeout", "limit_req ", "limit_conn "):
        assert directive in doc
