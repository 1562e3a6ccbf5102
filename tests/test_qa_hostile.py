"""Hostile and newcomer input against the study features and deck formats added last.

Each test names the defect a QA pass found: it failed before its fix.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hanzi_companion.cli import cli
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, Settings


@pytest.fixture()
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    return CliRunner()


# Direction marks and other invisible format characters come with text pasted from web pages
# and chat apps; they are dropped from the query, so the profile was asked for 创 itself.
_PASTED = ["\u200f创", "创\u200e", "\u200b创", "\ufeff创\u2060", "\u202b创\u202c"]


@pytest.mark.parametrize("pasted", _PASTED)
def test_a_character_pasted_with_invisible_marks_is_asked_as_itself(
    lexicon: Lexicon, pasted: str
) -> None:
    profile = lexicon.character(pasted)
    assert profile.character == "创"
    assert profile.requested == "创"


@pytest.mark.parametrize("pasted", _PASTED)
def test_char_of_a_pasted_character_prints_its_profile(runner: CliRunner, pasted: str) -> None:
    # was: TypeError from ord() on the two-character "requested" text, a traceback
    result = runner.invoke(cli, ["char", pasted])
    assert result.exit_code == 0, result.output
    assert "创  U+521B" in result.output
    assert "compatibility form" not in result.output
    as_json = runner.invoke(cli, ["char", pasted, "--json"])
    assert json.loads(as_json.output)["requested"] == "创"
