"""Shared fixtures: one lexicon on the full bundled data per test session."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from hanzi_companion.glossary import GlossaryTerm, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, Settings, demo_course_dir
from hanzi_companion.text.decks import read_deck_text
from hanzi_companion.web import create_app

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
SEED_DECK = ROOT / "hanzi_companion" / "demo_course" / "week07.txt"


def stop_server(server: Any, thread: threading.Thread, timeout: float = 10) -> None:
    """Stop the production (waitress) server ``server`` run by ``thread``: its workers first,
    then its loop, which ends once its map of channels is empty; their sockets (the listener,
    a browser's keep-alive connections) are closed after it has, not under a select() it is
    still in (which fails on a closed descriptor, in its thread)."""
    from waitress import wasyncore

    server.task_dispatcher.shutdown()
    channels = dict(server._map)
    server._map.clear()
    thread.join(timeout=timeout)
    wasyncore.close_all(channels)


def dictionary_sense(lexicon: Lexicon, word: str, starting: str) -> str:
    """The sense of ``word`` in the dictionaries that starts with ``starting``."""
    return next(
        s.text for e in lexicon.lookup(word) for s in e.senses if s.text.startswith(starting)
    )


def glossary_term(lexicon: Lexicon, text: str, term: str) -> GlossaryTerm:
    """The glossary row of ``term`` in a plain-text document ``text``."""
    glossary = build_glossary(read_deck_text(text, "article.txt", "text"), lexicon)
    return next(t for t in glossary.terms if t.term == term)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on the bundled data; the index cache is reused across sessions when unchanged.

    The cache folder is shared by the xdist workers: every cache in it is written atomically
    and named after its sources, so two workers building one at once leave one good file."""
    cache = os.environ.get(ENV_CACHE_DIR) or str(ROOT / ".pytest_cache" / "hanzi-index")
    return Settings.from_env().with_changes(cache_dir=Path(cache), user_dictionaries=())


@pytest.fixture(scope="session")
def lexicon(settings: Settings) -> Lexicon:
    """The lexicon of the demo course: the bundled dictionaries and the course's course.u8,
    with its English search tables built (commands run on it show no progress bar)."""
    lexicon = Lexicon.open(settings.for_course(demo_course_dir()))
    lexicon.english_tables()
    return lexicon


@pytest.fixture(scope="module")
def course_dir() -> Path:
    """The course folder the web app of a test module shows (modules override it)."""
    return demo_course_dir()


@pytest.fixture(scope="module")
def app(settings: Settings, lexicon: Lexicon, course_dir: Path) -> Flask:
    """The web app on the session's lexicon and the module's course folder."""
    web_settings = settings.with_changes(course_dir=course_dir, secret_key="test-secret")
    return create_app(web_settings, {"TESTING": True, "LEXICON": lexicon})


@pytest.fixture()
def client(app: Flask) -> Iterator[FlaskClient]:
    with app.test_client() as test_client:
        yield test_client
