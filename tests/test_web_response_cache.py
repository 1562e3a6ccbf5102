"""Whole responses kept in memory: a repeated request for a lexicon page is answered from the
cache with the same body and headers; another address never gets its answer; only what the
app lets any cache keep is kept, for as long as it says, within a bounded size."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask

from hanzi_companion.lexicon import Lexicon, english_index
from hanzi_companion.settings import Settings
from hanzi_companion.web import RESPONSES_KEY, create_app, warm_up
from hanzi_companion.web.errors import SERVER_ERROR_KEY
from hanzi_companion.web.response_cache import ResponseCache
from hanzi_companion.web.security import CACHE_LEXICON
from hanzi_companion.web.server import error_environ


def _app(settings: Settings, lexicon: Lexicon, cache_bytes: int) -> Flask:
    web_settings = settings.with_changes(secret_key="test-secret")
    config = {"TESTING": True, "LEXICON": lexicon, "RESPONSE_CACHE_BYTES": cache_bytes}
    return create_app(web_settings, config)


@pytest.fixture(scope="module")
def cached(settings: Settings, lexicon: Lexicon) -> Flask:
    return _app(settings, lexicon, 32 * 1024 * 1024)


@pytest.fixture(scope="module")
def plain(settings: Settings, lexicon: Lexicon) -> Flask:
    """The same app without the response cache: what every answer must be."""
    return _app(settings, lexicon, 0)


@pytest.fixture()
def calls(cached: Flask) -> Iterator[list[str]]:
    """The requests that reached the app behind the cache (path and query)."""
    responses: ResponseCache = cached.extensions[RESPONSES_KEY]
    responses.clear()
    inner = responses.app
    seen: list[str] = []

    def counting(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        seen.append(f"{environ['PATH_INFO']}?{environ['QUERY_STRING']}")
        return inner(environ, start_response)

    responses.app = counting
    yield seen
    responses.app = inner


LOOKUP = f"/api/lookup?q={quote('创新')}"
CHAR = f"/char/{quote('创')}"


def _same(response: Any, reference: Any) -> None:
    assert response.status_code == reference.status_code == 200
    assert response.data == reference.data
    assert sorted(response.headers.items()) == sorted(reference.headers.items())


@pytest.mark.parametrize("path", [LOOKUP, CHAR, f"/word/{quote('创新')}", "/search?q=innovation"])
def test_a_repeated_request_is_answered_from_memory_as_the_app_would(
    path: str, cached: Flask, plain: Flask, calls: list[str]
) -> None:
    client, reference = cached.test_client(), plain.test_client().get(path)
    first, second = client.get(path), client.get(path)
    assert len(calls) == 1  # the second answer came from the cache
    _same(first, reference)
    _same(second, reference)
    assert second.headers["Cache-Control"] == CACHE_LEXICON
    assert second.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in second.headers["Content-Security-Policy"]
    api = path.startswith("/api/")
    assert (second.headers.get("Access-Control-Allow-Origin") == "*") is api


def test_another_address_never_gets_a_kept_answer(
    cached: Flask, plain: Flask, calls: list[str]
) -> None:
    """Words, characters and spellings of one query that differ only a little (percent-encoded
    or not, an extra parameter, another host) each get their own answer, as the app gives it."""
    client, reference = cached.test_client(), plain.test_client()
    paths = [
        LOOKUP,
        f"/api/lookup?q={quote('创造')}",
        "/api/lookup?q=创新",
        f"{LOOKUP}&x=1",
        CHAR,
        f"/char/{quote('新')}",
        f"/char/{quote('創')}",
        f"/api/character/{quote('创')}",
    ]
    for _ in range(2):
        for path in paths:
            _same(client.get(path), reference.get(path))
        _same(
            client.get(LOOKUP, headers={"Host": "other.example"}),
            reference.get(LOOKUP, headers={"Host": "other.example"}),
        )
    assert len(calls) == len(paths) + 1
    bodies = {client.get(path).data for path in paths[:2] + paths[4:6]}
    assert len(bodies) == 4


def test_what_the_app_does_not_let_caches_keep_is_not_kept(
    cached: Flask, plain: Flask, calls: list[str]
) -> None:
    client = cached.test_client()
    for _ in range(2):
        assert client.get("/course").status_code == 200  # no-cache: the folder may change
        assert client.get("/api/lookup?q=abc").status_code == 400  # an error
        assert client.get("/char/nothing-here/x").status_code == 404
        assert client.head(LOOKUP).status_code == 200
        assert client.post("/api/lookup?q=%E5%88%9B").status_code == 405
        assert client.get(LOOKUP, headers={"If-None-Match": '"x"'}).status_code == 200
    assert len(calls) == 12
    assert len(cached.extensions[RESPONSES_KEY]) == 0


def test_an_error_the_server_asks_the_app_to_render_is_not_taken_from_the_cache(
    cached: Flask, calls: list[str]
) -> None:
    """waitress has the app render its own errors (a 413 for a path): never a kept page."""
    client = cached.test_client()
    assert client.get("/api/lookup").status_code == 400
    assert client.get(LOOKUP).status_code == 200
    environ = error_environ(413, "/api/lookup")
    environ["QUERY_STRING"] = LOOKUP.split("?", 1)[1]
    assert SERVER_ERROR_KEY in environ
    started: list[str] = []

    def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
        started.append(status)
        return lambda data: None

    body = b"".join(cached(environ, start_response))
    assert started[0].startswith("413") and b"payload_too_large" in body


# -- the middleware alone -------------------------------------------------------------------


def _numbered_app(
    control: str = "public, max-age=60", extra: tuple[tuple[str, str], ...] = ()
) -> tuple[Callable[..., Iterable[bytes]], list[str]]:
    """A WSGI app answering each path with a body of 100 bytes naming the path and how many
    requests it has answered."""
    seen: list[str] = []

    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        seen.append(environ["PATH_INFO"])
        body = f"{environ['PATH_INFO']} #{len(seen)}".encode().ljust(100)
        headers = [("Content-Length", str(len(body))), ("Cache-Control", control), *extra]
        start_response("200 OK", headers)
        return [body]

    return app, seen


def _get(app: Callable[..., Iterable[bytes]], path: str) -> bytes:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": ""}
    return b"".join(app(environ, lambda status, headers, exc=None: None))


def test_the_cache_keeps_the_most_recent_answers_within_its_size() -> None:
    app, seen = _numbered_app()
    cache = ResponseCache(app, max_bytes=1600)  # sixteen bodies of 100 bytes
    for number in range(40):
        _get(cache, f"/{number}")
        assert cache.size <= 1600
    assert len(cache) == 16
    _get(cache, "/39")
    _get(cache, "/0")  # pushed out long ago: asked again
    assert seen.count("/39") == 1 and seen.count("/0") == 2


def test_an_answer_is_kept_as_long_as_its_max_age_says() -> None:
    app, seen = _numbered_app("public, max-age=60")
    now = [1000.0]
    cache = ResponseCache(app, max_bytes=10_000, clock=lambda: now[0])
    first = _get(cache, "/a")
    now[0] += 59
    assert _get(cache, "/a") == first
    now[0] += 2
    assert _get(cache, "/a") != first and seen == ["/a", "/a"]


@pytest.mark.parametrize(
    ("control", "extra"),
    [
        ("no-store", ()),
        ("no-cache", ()),
        ("private, max-age=60", ()),
        ("max-age=60", ()),  # not said to be shareable
        ("public", ()),  # no lifetime
        ("public, max-age=60", (("Vary", "Accept-Language"),)),
        ("public, max-age=60", (("Set-Cookie", "a=b"),)),
    ],
)
def test_answers_not_for_shared_caches_are_not_kept(
    control: str, extra: tuple[tuple[str, str], ...]
) -> None:
    app, seen = _numbered_app(control, extra)
    cache = ResponseCache(app, max_bytes=10_000)
    assert _get(cache, "/a") != _get(cache, "/a") and len(seen) == 2 and len(cache) == 0


def test_a_body_larger_than_a_sixteenth_of_the_cache_is_streamed_not_kept() -> None:
    app, seen = _numbered_app()
    cache = ResponseCache(app, max_bytes=1599)  # 99 bytes at most per body
    _get(cache, "/a")
    _get(cache, "/a")
    assert len(seen) == 2 and len(cache) == 0


def test_warming_up_puts_what_is_loaded_out_of_the_collectors_sight(cached: Flask) -> None:
    """After warm_up (the production server's start) a full collection does not walk the
    lexicon's and templates' objects again: they are frozen (gc.freeze)."""
    gc.unfreeze()
    try:
        warm_up(cached)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_warming_up_builds_the_english_search_tables(
    settings: Settings, lexicon: Lexicon, tmp_path: Path
) -> None:
    """The production server's start builds what the first English search would otherwise
    make its visitor wait for."""
    index = tmp_path / lexicon.path.name
    shutil.copyfile(lexicon.path, index)
    app = create_app(
        settings.with_changes(secret_key="test-secret"),
        {"TESTING": True, "LEXICON": Lexicon(index, lexicon.settings)},
    )
    assert list(tmp_path.glob("glosses-*.sqlite")) == []
    try:
        warm_up(app)
    finally:
        gc.unfreeze()
    assert [path.name for path in tmp_path.glob("glosses-*.sqlite")] == [
        english_index.index_path(index).name
    ]
