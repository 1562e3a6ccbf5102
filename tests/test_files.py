"""Atomic output files: the whole new content or the old file, never half of one."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanzi_companion.errors import OutputError
from hanzi_companion.files import atomic_output, write_atomically


def test_writes_text_and_bytes(tmp_path: Path) -> None:
    write_atomically(tmp_path / "a.txt", "创新\n")
    write_atomically(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "a.txt").read_text("utf-8") == "创新\n"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", "utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write(b"half of the new")
        raise RuntimeError("renderer failed")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder does not exist"):
        write_atomically(tmp_path / "missing" / "x.txt", "x")
    with pytest.raises(OutputError, match="is a folder"):
        write_atomically(tmp_path, "x")
