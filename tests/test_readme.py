"""The README's command-line examples run as written (lexicon and character commands)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from hanzi_companion.cli import cli
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, Settings

README = Path(__file__).resolve().parent.parent / "README.md"
# Sections whose examples read nothing but the bundled data.
SECTIONS = ("## Command line", "## Character profiles")


def _examples() -> list[str]:
    text = README.read_text("utf-8")
    commands = []
    for heading in SECTIONS:
        start = text.index(heading)
        end = text.find("\n## ", start + len(heading))
        for line in text[start:end].splitlines():
            match = re.match(r"^\s{4}hanzi-companion (.+?)(?:\s{2,}#.*)?$", line)
            if match:
                commands.append(match.group(1).strip())
    return commands


def test_readme_has_examples() -> None:
    assert len(_examples()) >= 8


@pytest.mark.parametrize("command", _examples())
def test_readme_example_runs(
    command: str,
    settings: Settings,
    lexicon: Lexicon,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    result = CliRunner().invoke(cli, shlex.split(command))
    assert result.exit_code == 0, result.output
    assert result.output.strip()
