"""Atomic output files: the whole new content or the old file, never half of one."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hanzi_companion.errors import OutputError
from hanzi_companion.files import atomic_output, write_atomically
from hanzi_companion.settings import ENV_CACHE_DIR, Settings


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


# -- outputs that are not regular files ---------------------------------------------------------


def null_device(folder: Path) -> Path:
    """A character device node made in ``folder`` (the null device's numbers), never the
    system's own /dev/null."""
    node = folder / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return node


class FifoReader:
    """Reads everything written to a FIFO made in ``folder``, in a thread."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "fifo"
        os.mkfifo(self.path)
        self.data = b""
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        with open(self.path, "rb") as stream:
            self.data = stream.read()

    def result(self) -> bytes:
        self.thread.join(timeout=60)
        return self.data


def test_a_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    node = null_device(tmp_path)
    write_atomically(node, "创新\n")
    assert stat.S_ISCHR(node.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary left either


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    reader = FifoReader(tmp_path)
    write_atomically(reader.path, "创新\n")
    assert reader.result() == "创新\n".encode()
    assert stat.S_ISFIFO(reader.path.stat().st_mode)


def test_a_symlink_is_followed_and_its_target_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real" / "out.txt"
    target.parent.mkdir()
    target.write_text("old", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomically(link, "new")
    assert link.is_symlink() and target.read_text("utf-8") == "new"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "real" / "new.txt")
    write_atomically(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "real" / "new.txt").read_text("utf-8") == "made"
    assert sorted(p.name for p in target.parent.iterdir()) == ["new.txt", "out.txt"]


def test_a_symlink_to_a_folder_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "folder-link"
    link.symlink_to(tmp_path)
    with pytest.raises(OutputError, match="is a folder"):
        write_atomically(link, "x")
    assert link.is_symlink()


def test_dash_is_standard_output(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    write_atomically(Path("-"), "创新\n")
    assert capfdbinary.readouterr().out == "创新\n".encode()


def _cli(arguments: list[str], settings: Settings, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, ENV_CACHE_DIR: str(settings.cache_dir)}
    return subprocess.run(
        [sys.executable, "-m", "hanzi_companion", *arguments],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=180,
        check=False,
    )


COMMANDS = {
    "glossary": ["glossary", "deck.txt", "-f", "json", "-o"],
    "char --svg": ["char", "创", "--svg"],
    "anki": ["anki", "deck.txt", "-o"],
}


@pytest.fixture()
def deck_folder(tmp_path: Path) -> Path:
    (tmp_path / "deck.txt").write_text("# 第7周\n\n创新 (innovation) 创业\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_commands_write_through_a_device_node(
    command: str, deck_folder: Path, settings: Settings
) -> None:
    node = null_device(deck_folder)
    completed = _cli([*COMMANDS[command], str(node)], settings, deck_folder)
    assert completed.returncode == 0, completed.stderr
    assert stat.S_ISCHR(node.stat().st_mode)
    assert not [p for p in deck_folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_commands_write_through_a_fifo(command: str, deck_folder: Path, settings: Settings) -> None:
    reader = FifoReader(deck_folder)
    completed = _cli([*COMMANDS[command], str(reader.path)], settings, deck_folder)
    assert completed.returncode == 0, completed.stderr
    data = reader.result()
    expected = {"glossary": b"{", "char --svg": b"<svg", "anki": b"PK"}[command]
    assert data.lstrip().startswith(expected)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_commands_follow_a_symlink(command: str, deck_folder: Path, settings: Settings) -> None:
    suffix = {"glossary": ".json", "char --svg": ".svg", "anki": ".apkg"}[command]
    target = deck_folder / "out" / f"real{suffix}"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = deck_folder / f"link{suffix}"
    link.symlink_to(target)
    completed = _cli([*COMMANDS[command], str(link)], settings, deck_folder)
    assert completed.returncode == 0, completed.stderr
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes() != b"old" and target.stat().st_size > 100


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_commands_refuse_a_folder(command: str, deck_folder: Path, settings: Settings) -> None:
    suffix = {"glossary": ".json", "char --svg": ".svg", "anki": ".apkg"}[command]
    folder = deck_folder / f"folder{suffix}"
    folder.mkdir()
    link = deck_folder / f"link{suffix}"
    link.symlink_to(folder)
    completed = _cli([*COMMANDS[command], str(link)], settings, deck_folder)
    assert completed.returncode == 2
    error = completed.stderr.strip().splitlines()[-1]  # click's usage error, or ours
    assert "Traceback" not in completed.stderr
    assert "is a folder" in error or "is a directory" in error
    assert link.is_symlink() and folder.is_dir() and not any(folder.iterdir())


@pytest.mark.parametrize(
    ("arguments", "start"),
    [(["anki", "deck.txt", "-o", "-"], b"PK"), (["char", "创", "--svg", "-"], b"<svg")],
)
def test_dash_writes_standard_output(
    arguments: list[str], start: bytes, deck_folder: Path, settings: Settings
) -> None:
    env = {**os.environ, ENV_CACHE_DIR: str(settings.cache_dir)}
    completed = subprocess.run(
        [sys.executable, "-m", "hanzi_companion", *arguments],
        capture_output=True,
        env=env,
        cwd=deck_folder,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.lstrip().startswith(start)  # the drawing alone, no profile
    assert not (deck_folder / "-").exists()
