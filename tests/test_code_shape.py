"""The text layer and the glossary stay small steps (issue 11): no function over 60 lines, none
with a cyclomatic complexity over 15 (ruff's mccabe check)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hanzi_companion"
SHAPED = [
    *sorted((PACKAGE / "text").rglob("*.py")),
    PACKAGE / "glossary.py",
    PACKAGE / "senses.py",
]
MAX_LINES = 60
MAX_COMPLEXITY = 15


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({length} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_LINES
    ]


def test_no_long_function() -> None:
    assert [f for path in SHAPED for f in _long_functions(path)] == []


def test_no_complex_function() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is a test dependency: pip install -e '.[test]'")
    completed = subprocess.run(
        [
            ruff,
            "check",
            "--no-cache",
            "--select",
            "C901",
            "--config",
            f"lint.mccabe.max-complexity={MAX_COMPLEXITY}",
            *map(str, SHAPED),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout
