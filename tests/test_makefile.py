"""The Makefile's two entry points install what each needs, and no more."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _planned(target: str, venv: Path) -> str:
    """The commands ``make TARGET`` would run on a machine without the venv (dry run)."""
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), target, f"VENV={venv}"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stdout


def _installs(plan: str) -> list[str]:
    return [line for line in plan.splitlines() if "pip install" in line and "--upgrade" not in line]


def test_run_installs_only_the_runtime(tmp_path: Path) -> None:
    installs = _installs(_planned("run", tmp_path / "venv"))
    assert installs, "make run installs the package"
    assert all("[test]" not in line for line in installs), installs


def test_test_installs_the_test_extras(tmp_path: Path) -> None:
    installs = _installs(_planned("test", tmp_path / "venv"))
    assert any("[test]" in line for line in installs), installs
