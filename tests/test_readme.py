"""Every example command in the README runs as written on the bundled demo course.

The examples are collected from the whole README (indented command lines and inline
``hanzi-companion ...`` spans), so a new example is tested without touching this file:

- ``hanzi-companion ...`` commands run in a folder holding a copy of the demo course at the
  path the README names, so files they write land there;
- ``hanzi-companion serve ...`` starts the server for real (on a free local port instead of the
  README's, which may be taken), and the README's ``curl`` examples run against it;
- ``make ...`` targets are checked with a dry run (``make -n``): running them would install a
  virtual environment.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from hanzi_companion.cli import cli
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, Settings, demo_course_dir

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PROGRAM = "hanzi-companion"
# An indented example line, its trailing comment (two spaces, then #) left out.
_LINE = re.compile(r"^ {4}(?P<command>(?:hanzi-companion|curl|make) .+?)(?:\s{2,}#.*)?$")
_INLINE = re.compile(r"`(?:\.venv/bin/)?(?P<command>hanzi-companion [^`]+)`")
_VENV_PREFIX = ".venv/bin/"


def examples() -> list[str]:
    """Every example command of the README, in order, without duplicates."""
    found: list[str] = []
    fenced = False
    for line in README.read_text("utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        match = _LINE.match(line)
        if match and not fenced:
            found.append(match.group("command").strip())
        found.extend(m.group("command").strip() for m in _INLINE.finditer(line))
    return list(dict.fromkeys(found))


def _words(command: str) -> list[str]:
    return shlex.split(command)


def _is_server(command: str) -> bool:
    return _words(command)[:2] == [PROGRAM, "serve"]


CLI_EXAMPLES = [c for c in examples() if c.startswith(PROGRAM) and not _is_server(c)]
SERVER_EXAMPLES = [c for c in examples() if _is_server(c)]
CURL_EXAMPLES = [c for c in examples() if c.startswith("curl ")]
MAKE_EXAMPLES = [c for c in examples() if c.startswith("make ")]


def test_every_example_is_run() -> None:
    groups = CLI_EXAMPLES + SERVER_EXAMPLES + CURL_EXAMPLES + MAKE_EXAMPLES
    assert sorted(groups) == sorted(examples())
    assert len(CLI_EXAMPLES) >= 20 and SERVER_EXAMPLES and CURL_EXAMPLES and MAKE_EXAMPLES


def test_examples_name_only_what_a_new_clone_has() -> None:
    """Files the examples read exist in the checkout (no week07.md or lectures/ of one's own)."""
    for command in CLI_EXAMPLES + CURL_EXAMPLES:
        words = _words(command)
        outputs = {words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-o", "--output")}
        for word in words[1:]:
            path = word.removeprefix("@")
            if word in outputs or word.startswith(("http", "-")) or "{" in word:
                continue
            if "/" in path or path.endswith((".md", ".txt", ".html")):
                assert (ROOT / path).exists(), (command, path)


def test_quick_start_says_where_things_are() -> None:
    start = README.read_text("utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "http://127.0.0.1:5000/" in start
    assert ".venv/bin/" in start and "source .venv/bin/activate" in start
    assert "hanzi_companion/demo_course/" in start


@pytest.fixture()
def workdir(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the demo course where the README says it is; examples run there."""
    shutil.copytree(demo_course_dir(), tmp_path / "hanzi_companion" / "demo_course")
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", CLI_EXAMPLES)
def test_readme_example_runs(command: str, workdir: Path, lexicon: Lexicon) -> None:
    before = set(workdir.rglob("*"))
    result = CliRunner().invoke(cli, _words(command)[1:])
    assert result.exit_code == 0, result.output
    written = set(workdir.rglob("*")) - before
    assert result.stdout.strip() or written, "the example printed and wrote nothing"


# -- the server and the curl examples ---------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _local(command: str, port: int) -> list[str]:
    """The serve example on 127.0.0.1 and a free port (the README's may be in use)."""
    words = _words(command)[1:]
    for option, value in (("--host", "127.0.0.1"), ("--port", str(port))):
        if option in words:
            words[words.index(option) + 1] = value
        else:
            words += [option, value]
    return [sys.executable, "-m", "hanzi_companion", *words]


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped: {log.read_text('utf-8', 'replace')}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"no answer from {url} within {timeout} s")


@pytest.fixture(params=SERVER_EXAMPLES)
def server(request: pytest.FixtureRequest, workdir: Path, lexicon: Lexicon) -> Iterator[int]:
    port = _free_port()
    log = workdir / "server.log"
    with log.open("wb") as errors:
        process = subprocess.Popen(
            _local(request.param, port),
            cwd=workdir,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        try:
            _wait_for(f"http://127.0.0.1:{port}/", process, log)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_serve_examples_answer_the_curl_examples(server: int, workdir: Path) -> None:
    # The served course uses its own dictionary (course.u8 beside its decks).
    with urllib.request.urlopen(f"http://127.0.0.1:{server}/api/course/week07") as response:
        deck = json.load(response)
    own = {
        line.split()[1]
        for line in (demo_course_dir() / "course.u8").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    }
    terms = {t["simplified"]: t for t in deck["terms"] if t["simplified"] in own}
    assert terms, "the demo deck uses words of its course dictionary"
    for word, term in terms.items():
        assert any(s["source"] == "course dictionary" for s in term["senses"]), word
    for command in CURL_EXAMPLES:
        words = [w.replace("127.0.0.1:5000", f"127.0.0.1:{server}") for w in _words(command)]
        done = subprocess.run(words, cwd=workdir, capture_output=True, timeout=120)
        assert done.returncode == 0, (command, done.stderr)
        if "-o" in words:
            assert zipfile.is_zipfile(workdir / words[words.index("-o") + 1]), command
        else:
            answer = json.loads(done.stdout)
            assert "error" not in answer, (command, answer)


@pytest.mark.parametrize("command", MAKE_EXAMPLES)
def test_make_examples_are_targets(command: str, tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    target = _words(command)[1:]
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), *target, f"VENV={tmp_path / 'venv'}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
