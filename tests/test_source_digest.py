"""Source digests (they name the compiled indexes) and the memo that spares re-reading."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from hanzi_companion.errors import DataFileError
from hanzi_companion.lexicon.sqlite_cache import DigestMemo, source_digest


@pytest.fixture()
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled at once (else they are not remembered)."""
    monkeypatch.setattr(DigestMemo, "SETTLED_AFTER_SECONDS", -1.0)


@pytest.fixture()
def sources(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "data" / "a.u8", tmp_path / "data" / "b.u8"]
    paths[0].parent.mkdir()
    paths[0].write_text("创新 chuang4 xin1\n", encoding="utf-8")
    paths[1].write_text("大众 da4 zhong4\n", encoding="utf-8")
    return paths


@pytest.mark.usefixtures("settled")
def test_the_memo_gives_the_digest_of_the_content(tmp_path: Path, sources: list[Path]) -> None:
    plain = source_digest("1", sources)
    memo_dir = tmp_path / "cache"
    assert source_digest("1", sources, memo_dir) == plain  # hashed, remembered
    assert (memo_dir / DigestMemo.FILE_NAME).is_file()
    assert source_digest("1", sources, memo_dir) == plain  # from the memo
    assert source_digest("2", sources, memo_dir) != plain


@pytest.mark.usefixtures("settled")
def test_the_digest_of_the_whole_is_remembered_by_the_digests_it_is_made_of(
    tmp_path: Path, sources: list[Path]
) -> None:
    memo_dir = tmp_path / "cache"
    digest = source_digest("1", sources, memo_dir)
    entries = json.loads((memo_dir / DigestMemo.FILE_NAME).read_text(encoding="utf-8"))
    (key,) = [k for k in entries if k.startswith("\0")]
    assert entries[key] == [digest]
    entries[key] = ["remembered"]  # what the memo says is what counts
    (memo_dir / DigestMemo.FILE_NAME).write_text(json.dumps(entries), encoding="utf-8")
    assert source_digest("1", sources, memo_dir) == "remembered"
    assert source_digest("2", sources, memo_dir) != "remembered"  # another schema, another key


@pytest.mark.usefixtures("settled")
def test_a_remembered_digest_is_used_while_the_file_is_unchanged(
    tmp_path: Path, sources: list[Path]
) -> None:
    memo_dir = tmp_path / "cache"
    before = source_digest("1", sources, memo_dir)
    memo_file = memo_dir / DigestMemo.FILE_NAME
    entries = json.loads(memo_file.read_text(encoding="utf-8"))
    entries[os.path.abspath(sources[0])][4] = "00" * 32  # what the memo says is what counts
    memo_file.write_text(json.dumps(entries), encoding="utf-8")
    assert source_digest("1", sources, memo_dir) != before


@pytest.mark.usefixtures("settled")
def test_a_rewritten_file_is_hashed_again_even_with_its_old_size_and_time(
    tmp_path: Path, sources: list[Path]
) -> None:
    memo_dir = tmp_path / "cache"
    before = source_digest("1", sources, memo_dir)
    info = sources[0].stat()
    time.sleep(0.05)  # past the file system clock's tick: the change time moves
    sources[0].write_text("创造 chuang4 zao4\n", encoding="utf-8")  # same length in bytes
    os.utime(sources[0], ns=(info.st_atime_ns, info.st_mtime_ns))
    assert sources[0].stat().st_size == info.st_size
    after = source_digest("1", sources, memo_dir)
    assert after != before
    assert after == source_digest("1", sources)


def test_a_file_changed_seconds_ago_is_not_remembered(tmp_path: Path, sources: list[Path]) -> None:
    """Two writes within one tick of the file system's clock can leave size and times alike:
    a file that new is hashed every time until it has settled."""
    memo_dir = tmp_path / "cache"
    before = source_digest("1", sources, memo_dir)
    assert not (memo_dir / DigestMemo.FILE_NAME).exists()
    info = sources[0].stat()
    sources[0].write_text("创造 chuang4 zao4\n", encoding="utf-8")
    os.utime(sources[0], ns=(info.st_atime_ns, info.st_mtime_ns))
    assert source_digest("1", sources, memo_dir) != before


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"x": "y"}'])
def test_a_corrupt_memo_is_ignored(tmp_path: Path, sources: list[Path], content: str) -> None:
    memo_dir = tmp_path / "cache"
    memo_dir.mkdir()
    (memo_dir / DigestMemo.FILE_NAME).write_text(content, encoding="utf-8")
    assert source_digest("1", sources, memo_dir) == source_digest("1", sources)


def test_a_memo_that_cannot_be_written_is_not_kept(tmp_path: Path, sources: list[Path]) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    assert source_digest("1", sources, blocked) == source_digest("1", sources)


def test_a_missing_source_is_a_data_file_error(tmp_path: Path, sources: list[Path]) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        source_digest("1", [*sources, tmp_path / "missing.u8"], tmp_path / "cache")


@pytest.mark.usefixtures("settled")
def test_two_processes_saving_side_by_side_keep_each_others_digests(
    tmp_path: Path, sources: list[Path]
) -> None:
    """Two memos loaded before either saves (two test workers, two web workers): the second
    save merges into what the first wrote instead of writing over it."""
    memo_dir = tmp_path / "cache"
    first, second = DigestMemo(memo_dir), DigestMemo(memo_dir)
    first.file_digest(sources[0])
    second.file_digest(sources[1])
    first.save()
    second.save()
    saved = json.loads((memo_dir / DigestMemo.FILE_NAME).read_text(encoding="utf-8"))
    assert {os.path.abspath(p) for p in sources} <= set(saved)


@pytest.mark.usefixtures("settled")
def test_the_memo_forgets_files_that_are_gone(tmp_path: Path, sources: list[Path]) -> None:
    """A course folder deleted since (a test's, a week's) leaves the memo at its next save,
    with the digests of wholes it was part of; the files still there stay remembered."""
    memo_dir = tmp_path / "cache"
    source_digest("1", sources, memo_dir)
    source_digest("1", sources[:1], memo_dir)
    sources[1].unlink()
    other = tmp_path / "other.u8"
    other.write_text("山寨 shan1 zhai4\n", encoding="utf-8")
    source_digest("1", [other], memo_dir)  # something new to remember: the memo is saved
    entries = json.loads((memo_dir / DigestMemo.FILE_NAME).read_text(encoding="utf-8"))
    files = {key for key in entries if not key.startswith("\0")}
    assert files == {os.path.abspath(sources[0]), os.path.abspath(other)}
    wholes = [key.split("\0")[3:] for key in entries if key.startswith("\0")]
    assert sorted(len(parts) for parts in wholes) == [1, 1]  # a.u8 alone, other.u8 alone
