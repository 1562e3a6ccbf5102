"""Shared fixtures: one lexicon on the full bundled data per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, Settings

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
SEED_DECK = ROOT / "hanzi_companion" / "demo_course" / "week07.txt"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on the bundled data; the index cache is reused across sessions when unchanged."""
    cache = os.environ.get(ENV_CACHE_DIR) or str(ROOT / ".pytest_cache" / "hanzi-index")
    return Settings.from_env().with_changes(cache_dir=Path(cache), user_dictionaries=())


@pytest.fixture(scope="session")
def lexicon(settings: Settings) -> Lexicon:
    return Lexicon.open(settings)
