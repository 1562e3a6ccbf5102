"""Smaller holes of the web edge: query numbers, nested JSON, embed URLs, caching headers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from hanzi_companion.errors import ConfigError
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_PUBLIC_URL, Settings
from hanzi_companion.web import create_app, resources
from hanzi_companion.web.security import CACHE_COURSE, CACHE_LEXICON, CACHE_NONE

from .conftest import SEED_DECK

CHAR = quote("创")


def error_code(response: object) -> str:
    payload = response.get_json()  # type: ignore[attr-defined]
    assert set(payload) == {"error"} and set(payload["error"]) == {"code", "message"}
    return str(payload["error"]["code"])


# -- limit ------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["²", "٣", "١٠", "9" * 5000, "1e3", "-1", "0", "201", " 5", ""])
def test_search_limit_that_is_not_a_small_number_is_a_400(client: FlaskClient, limit: str) -> None:
    response = client.get("/api/search", query_string={"q": "water", "limit": limit})
    assert response.status_code == 400
    assert error_code(response) == "invalid_query"
    assert "limit" in response.get_json()["error"]["message"]


def test_search_limit_in_range_is_used(client: FlaskClient) -> None:
    response = client.get("/api/search", query_string={"q": "water", "limit": "3"})
    assert response.status_code == 200
    assert len(response.get_json()["results"]) == 3


# -- nested JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/glossary", "/api/anki", "/deck/glossary.json"])
def test_deeply_nested_json_body_is_a_400(client: FlaskClient, path: str) -> None:
    depth = 100_000
    body = '{"text": ' + "[" * depth + "]" * depth + "}"
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert error_code(response) == "invalid_deck"


# -- embed snippet ----------------------------------------------------------------------------


def embed_snippets(client: FlaskClient, **headers: str) -> list[str]:
    text = SEED_DECK.read_text("utf-8")
    page = client.post("/deck", data={"text": text, "name": "week07.txt"}, headers=headers)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return [line for line in html.splitlines() if "&lt;script src=" in line]


def test_embed_snippet_never_trusts_the_host_header(client: FlaskClient) -> None:
    snippets = embed_snippets(client, Host="evil.example")
    assert snippets
    for line in snippets:
        assert "evil.example" not in line and "http://" not in line
        assert 'src="/static/js/popup.js"' in line
    assert any('data-api="/api"' in line for line in snippets)
    assert 'id="embed-relative"' in client.post("/deck", data={"text": "创新"}).get_data(
        as_text=True
    )


@pytest.fixture()
def public_client(settings: Settings, lexicon: Lexicon) -> Iterator[FlaskClient]:
    env = {ENV_PUBLIC_URL: "https://hanzi.example.org/study/"}
    public = settings.with_changes(public_url=Settings.from_env(env).public_url)
    app = create_app(public, {"TESTING": True, "LEXICON": lexicon})
    with app.test_client() as test_client:
        yield test_client


def test_embed_snippet_uses_the_public_url(public_client: FlaskClient) -> None:
    snippets = embed_snippets(public_client, Host="evil.example")
    assert snippets
    for line in snippets:
        assert "evil.example" not in line
        assert 'src="https://hanzi.example.org/study/static/js/popup.js"' in line
    assert any('data-api="https://hanzi.example.org/study/api"' in line for line in snippets)
    page = public_client.post("/deck", data={"text": "创新"}).get_data(as_text=True)
    assert 'id="embed-relative"' not in page


@pytest.mark.parametrize("value", ["javascript:alert(1)", "example.org", "https://", "ftp://x/"])
def test_public_url_must_be_an_http_address(value: str) -> None:
    with pytest.raises(ConfigError, match=ENV_PUBLIC_URL):
        Settings.from_env({ENV_PUBLIC_URL: value})


# -- Cache-Control ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "policy"),
    [
        (f"/api/lookup?q={CHAR}", CACHE_LEXICON),
        ("/api/search?q=water", CACHE_LEXICON),
        (f"/api/character/{CHAR}", CACHE_LEXICON),
        (f"/char/{CHAR}", CACHE_LEXICON),
        (f"/word/{quote('创新')}", CACHE_LEXICON),
        ("/search?q=water", CACHE_LEXICON),
        ("/about", CACHE_LEXICON),
        ("/", CACHE_COURSE),
        ("/course", CACHE_COURSE),
        ("/course/week07", CACHE_COURSE),
        ("/api/course", CACHE_COURSE),
        ("/api/lookup?q=", CACHE_NONE),
        ("/no/such/page", CACHE_NONE),
    ],
)
def test_every_response_says_how_to_cache_it(client: FlaskClient, path: str, policy: str) -> None:
    response = client.get(path)
    assert response.headers.get("Cache-Control") == policy


def test_posted_decks_are_never_cached(client: FlaskClient) -> None:
    response = client.post("/api/glossary", data="# 创新\n", content_type="text/markdown")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == CACHE_NONE


def test_static_files_keep_their_own_cache_policy(client: FlaskClient) -> None:
    with client.get("/static/js/popup.js") as response:
        assert response.status_code == 200
        assert "max-age=3600" in response.headers["Cache-Control"]


# -- the page cache ---------------------------------------------------------------------------


@pytest.fixture()
def fresh_app(settings: Settings, lexicon: Lexicon, tmp_path: Path) -> Flask:
    return create_app(settings, {"TESTING": True, "LEXICON": lexicon})


@pytest.mark.parametrize(
    "path",
    [f"/char/{CHAR}", f"/word/{quote('创新')}", "/search?q=water", "/search?q=water&kind=english"],
)
def test_junk_query_parameters_do_not_fill_the_page_cache(fresh_app: Flask, path: str) -> None:
    separator = "&" if "?" in path else "?"
    with fresh_app.test_client() as client, fresh_app.app_context():
        first = client.get(path)
        assert first.status_code == 200
        cached = len(resources().pages)
        for n in range(50):
            again = client.get(f"{path}{separator}junk{n}=x&utm_source={n}")
            assert again.get_data() == first.get_data()
        assert len(resources().pages) == cached


def test_search_kind_is_part_of_the_page_key(fresh_app: Flask) -> None:
    with fresh_app.test_client() as client:
        auto = client.get("/search?q=ma")
        pinyin = client.get("/search?q=ma&kind=english")
    assert auto.status_code == pinyin.status_code == 200
    assert auto.get_data() != pinyin.get_data()


def test_json_error_shape_survives_a_cached_page(client: FlaskClient) -> None:
    response = client.get("/api/search?q=water&limit=%C2%B2")
    assert json.loads(response.get_data(as_text=True))["error"]["code"] == "invalid_query"
