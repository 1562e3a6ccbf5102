"""Posted decks are built a few at a time: one more gets 503 with Retry-After at once, and
light requests (lookups, pages) are answered meanwhile.

The slots are taken by the test itself (as running builds would hold them), so nothing here
depends on timing; benchmarks/web_uploads.py measures the real server under ten uploads.
"""

from __future__ import annotations

import threading
from urllib.parse import quote

import pytest
from flask import Flask

from hanzi_companion.errors import ConfigError
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_DECK_BUILDS, ServerLimits, Settings
from hanzi_companion.web import create_app
from hanzi_companion.web.decks import BUILDS_KEY, RETRY_AFTER, DeckBuilds

DECK = "# 城市\n\n城市化 and 创新 in the city.\n"
UPLOADS = [
    ("/api/glossary?name=week.md", {"data": DECK.encode(), "content_type": "text/markdown"}),
    ("/api/anki?name=week.md", {"data": DECK.encode(), "content_type": "text/markdown"}),
    ("/deck", {"data": {"text": DECK, "name": "week.md"}}),
    ("/deck/glossary.json", {"data": {"text": DECK, "name": "week.md"}}),
    ("/deck/anki", {"data": {"text": DECK, "name": "week.md"}}),
]


@pytest.fixture(scope="module")
def app(settings: Settings, lexicon: Lexicon) -> Flask:
    test_config = {"TESTING": True, "LEXICON": lexicon, "DECK_BUILDS": 2}
    return create_app(settings.with_changes(secret_key="test"), test_config)


def builds(app: Flask) -> DeckBuilds:
    found: DeckBuilds = app.extensions[BUILDS_KEY]
    return found


@pytest.mark.parametrize(("path", "body"), UPLOADS)
def test_a_deck_posted_while_every_slot_is_taken_is_refused_at_once(
    app: Flask, path: str, body: dict[str, object]
) -> None:
    client = app.test_client()
    with builds(app).slot(), builds(app).slot():  # two builds running
        busy = client.post(path, **body)  # type: ignore[arg-type]
        assert busy.status_code == 503
        assert busy.headers["Retry-After"] == str(RETRY_AFTER)
        if path.startswith("/api/"):
            assert busy.get_json()["error"]["code"] == "busy"
        else:
            assert "try again" in busy.get_data(as_text=True)
        # Light requests are answered meanwhile.
        lookup = client.get("/api/lookup?q=" + quote("创新"))
        assert lookup.status_code == 200 and lookup.get_json()["found"]
        assert client.get("/char/" + quote("创")).status_code == 200
    # A slot free again: the same deck is built.
    assert client.post(path, **body).status_code == 200  # type: ignore[arg-type]


def test_one_slot_free_is_enough(app: Flask) -> None:
    client = app.test_client()
    with builds(app).slot():
        response = client.post("/api/glossary?name=week.md", data=DECK.encode())
    assert response.status_code == 200
    assert [t["term"] for t in response.get_json()["terms"]][:1] == ["城市"]


def test_a_failed_build_gives_its_slot_back(app: Flask) -> None:
    client = app.test_client()
    for _ in range(3):  # more failures than slots
        assert client.post("/api/glossary?name=bad.pdf", data=b"%PDF-1.4 broken").status_code == 400
    assert client.post("/api/glossary?name=week.md", data=DECK.encode()).status_code == 200


def test_concurrent_builds_never_exceed_the_slots() -> None:
    slots = DeckBuilds(2)
    inside = 0
    most = 0
    refused = 0
    lock = threading.Lock()
    start = threading.Barrier(6)

    def build() -> None:
        nonlocal inside, most, refused
        start.wait()
        try:
            with slots.slot():
                with lock:
                    inside += 1
                    most = max(most, inside)
                threading.Event().wait(0.2)
                with lock:
                    inside -= 1
        except Exception:  # the 503 of a full server
            with lock:
                refused += 1

    threads = [threading.Thread(target=build) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 2 and refused == 4


def test_the_number_of_builds_comes_from_the_environment() -> None:
    assert ServerLimits.from_env({}).deck_builds == 2
    assert ServerLimits.from_env({ENV_DECK_BUILDS: "4"}).deck_builds == 4
    with pytest.raises(ConfigError):
        ServerLimits.from_env({ENV_DECK_BUILDS: "0"})
