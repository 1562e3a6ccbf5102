"""A plain (non-editable) wheel carries the dictionaries and static files and finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hanzi_companion.settings import ENV_CACHE_DIR, Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built by pip (slow: seconds, once per module)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("hanzi_companion-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "hanzi_companion/_bundled/dictionaries/cedict_ts.u8.gz" in names
    assert "hanzi_companion/_bundled/dictionaries/README.md" in names
    assert any(n.startswith("hanzi_companion/_bundled/static/") for n in names)
    assert "hanzi_companion/demo_course/week07.txt" in names
    assert "hanzi_companion/demo_course/course.u8" in names  # the course's own dictionary
    assert any(n.startswith("hanzi_companion/templates/") for n in names)


@pytest.mark.slow
def test_installed_wheel_finds_its_data(wheel: Path, tmp_path: Path, settings: Settings) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target), ENV_CACHE_DIR: str(settings.cache_dir)}
    script = (
        "import hanzi_companion.settings as s, hanzi_companion.lexicon as l;"
        "st = s.Settings.from_env(); print(st.data_dir); print(st.static_dir);"
        "print(l.Lexicon.open(st).lookup('创')[0].pinyin)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    data_dir, static_dir, reading = completed.stdout.splitlines()
    assert Path(data_dir).is_relative_to(target) and Path(static_dir).is_relative_to(target)
    assert reading == "chuàng"
