"""The lexicon commands: readable and JSON output, and one-line errors with exit status 2."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hanzi_companion.cli import cli
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, ENV_DATA_DIR, Settings


@pytest.fixture()
def runner(settings: Settings, lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A runner on the session's index (already built, so no progress bar in the output)."""
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    return CliRunner()


def test_lookup_text(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["lookup", "创"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "創" in lines[0]
    assert "chuàng" in lines[1] and "chuāng" in lines[3]
    assert "CC-CEDICT" in result.output and "Purple Culture" in result.output


def test_lookup_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["lookup", "--json", "大众"])
    assert result.exit_code == 0
    payload = json.loads(result.output)
    first = payload["entries"][0]
    assert {"traditional", "simplified", "pinyin", "pinyin_numbered", "definitions"} <= set(first)
    assert (first["traditional"], first["pinyin"], first["pinyin_numbered"]) == (
        "大眾",
        "dàzhòng",
        "da4 zhong4",
    )
    assert payload["entries"][1]["definitions"] == ["Volkswagen (automobile manufacturer)"]
    assert "CC BY-SA" in payload["attribution"]


@pytest.mark.parametrize("query", [["chuangxin"], ["chuang4", "xin1"], ["innovation"]])
def test_search_json(runner: CliRunner, query: list[str]) -> None:
    result = runner.invoke(cli, ["search", "--json", *query])
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert payload["results"][0]["simplified"] in {"创新", "革新"}


def test_search_text(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["search", "chuangxin"])
    assert result.exit_code == 0
    assert "创新" in result.output.splitlines()[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", ""], "the query is empty"),
        (["search", "创" * 10_000], "10,000 characters"),
        (["lookup", "   "], "the query is empty"),
        (["lookup", "创水"], "in no dictionary"),
    ],
)
def test_bad_input_one_line_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_dictionary(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path))
    monkeypatch.setenv(ENV_CACHE_DIR, str(tmp_path / "cache"))
    result = runner.invoke(cli, ["lookup", "创"])
    assert result.exit_code == 2
    assert "cedict_ts.u8.gz: file not found" in result.output


def test_corrupt_dictionary(
    runner: CliRunner, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cedict_ts.u8.gz").write_bytes(gzip.compress(b"garbage line\n"))
    (tmp_path / "jieba_dict.txt.gz").write_bytes(settings.jieba_dict_path.read_bytes())
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path))
    monkeypatch.setenv(ENV_CACHE_DIR, str(tmp_path / "cache"))
    result = runner.invoke(cli, ["search", "ma"])
    assert result.exit_code == 2
    assert "cedict_ts.u8.gz, line 1: not a CC-CEDICT entry" in result.output
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").glob("*.sqlite"))


def test_invalid_utf8_argument_in_a_real_process(settings: Settings) -> None:
    env = {**os.environ, ENV_CACHE_DIR: str(settings.cache_dir)}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "hanzi_companion",
            "lookup",
            b"\xff\xfe".decode("utf-8", "surrogateescape"),
        ],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert completed.returncode == 2
    stderr = completed.stderr.decode("utf-8", "replace")
    assert "not valid UTF-8" in stderr and "Traceback" not in stderr


def test_index_command(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["index"])
    assert result.exit_code == 0
    assert "dictionary index up to date" in result.output
