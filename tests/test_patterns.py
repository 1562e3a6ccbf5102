"""The pattern store gives the patterns ``re.compile`` gives; a LazyPattern answers as the
compiled pattern does."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hanzi_companion import patterns
from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.settings import ENV_CACHE_DIR
from hanzi_companion.text.labels import NOTES_MARKER, SLIDE_MARKER

_SOURCE = r"(?P<word>[a-z]+)(\d)?"
_TEXT = "abc1 de f23 ghi"


def test_nothing_is_compiled_before_first_use() -> None:
    pattern = LazyPattern(_SOURCE)
    assert pattern._compiled is None
    assert pattern.search(_TEXT) is not None
    assert pattern._compiled is not None


@pytest.mark.parametrize("flags", [0, re.IGNORECASE | re.MULTILINE])
def test_every_method_answers_as_the_compiled_pattern(flags: int) -> None:
    lazy, compiled = LazyPattern(_SOURCE, flags), re.compile(_SOURCE, flags)
    text = _TEXT.upper() if flags else _TEXT

    def same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
        return (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))

    assert same(lazy.match(text), compiled.match(text))
    assert same(lazy.match(text, 5), compiled.match(text, 5))
    assert same(lazy.fullmatch(text, 0, 4), compiled.fullmatch(text, 0, 4))
    assert same(lazy.search(text, 3, 9), compiled.search(text, 3, 9))
    assert [m.span() for m in lazy.finditer(text, 1)] == [
        m.span() for m in compiled.finditer(text, 1)
    ]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.split(text, 2) == compiled.split(text, 2)
    assert lazy.sub(r"<\g<word>>", text) == compiled.sub(r"<\g<word>>", text)
    assert lazy.sub(lambda m: m.group().upper(), text, 1) == compiled.sub(
        lambda m: m.group().upper(), text, 1
    )
    assert lazy.subn("-", text) == compiled.subn("-", text)
    assert lazy.pattern == compiled.pattern
    assert lazy.compiled.flags == compiled.flags


def test_the_lazy_markers_still_read_a_text_export() -> None:
    assert SLIDE_MARKER.match("--- Slide 3 ---") is not None
    assert NOTES_MARKER.match("Notes: say hello") is not None
    assert SLIDE_MARKER.match("创新 is innovation") is None


# Named and numbered groups, flags set by argument and inline, look-behind, a class of every
# Han character (a 65,536-bit map), case folding, a verbose pattern and a back-reference.
_SOURCES = (
    (_SOURCE, 0),
    (r"(?i)(?<![\w'])(?P<unit>week|semaine)\s*(\d{1,2})", 0),
    ("[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]+(?:[·・][\u4e00-\u9fff]+)*", 0),
    (r"ſtraße|[à-ÿ]+", re.IGNORECASE),
    (
        r"""(?P<a> [a-z]+ )  # a word
         \s* (?P=a)      # the same again""",
        re.VERBOSE | re.MULTILINE,
    ),
)
_TEXTS = ("week 7 Semaine 12 创新 创·新 STRASSE ſtraße ÀÉ", "the the cat  cat", "𠀀𠀁 x")


@pytest.fixture()
def store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh, empty pattern store in a temporary cache folder; its file."""
    monkeypatch.setenv(ENV_CACHE_DIR, str(tmp_path))
    monkeypatch.setattr(patterns, "_store", patterns._Store())
    patterns._store.load()
    assert patterns._store.path is not None and patterns._store.path.parent == tmp_path
    return patterns._store.path


def _same_pattern(mine: re.Pattern[str], theirs: re.Pattern[str]) -> None:
    # Patterns compare equal when their source, flags and engine program are the same.
    assert mine == theirs
    assert (mine.flags, mine.groups, mine.groupindex) == (
        theirs.flags,
        theirs.groups,
        theirs.groupindex,
    )
    for text in _TEXTS:
        assert [m.groups() for m in mine.finditer(text)] == [
            m.groups() for m in theirs.finditer(text)
        ]
        assert [m.span() for m in mine.finditer(text)] == [m.span() for m in theirs.finditer(text)]


@pytest.mark.parametrize(("source", "flags"), _SOURCES)
def test_a_stored_pattern_is_the_pattern_re_compiles(store: Path, source: str, flags: int) -> None:
    expected = re.compile(source, flags)
    _same_pattern(compile_pattern(source, flags), expected)  # compiled, kept for the store
    assert (source, int(flags)) in patterns._store.new
    patterns._store.save()
    assert store.is_file()

    patterns._store = patterns._Store()  # another process, reading the store
    rebuilt = compile_pattern(source, flags)
    assert not patterns._store.new  # read from the store, not compiled again
    _same_pattern(rebuilt, expected)


def test_a_damaged_store_is_compiled_around(store: Path) -> None:
    source, flags = _SOURCES[2]
    compile_pattern(source, flags)
    patterns._store.save()
    data = bytearray(store.read_bytes())
    data[len(data) // 2] ^= 0xFF  # a byte overwritten: the seal no longer matches
    store.write_bytes(bytes(data))
    patterns._store = patterns._Store()
    _same_pattern(compile_pattern(source, flags), re.compile(source, flags))
    assert (source, flags) in patterns._store.new  # compiled again, to be stored afresh


def test_a_program_the_engine_refuses_is_compiled_around(store: Path) -> None:
    """A sound file with a wrong program in it (another Python's, say): the engine checks a
    program before running it, and ``re`` compiles the pattern instead."""
    source, flags = _SOURCES[1]
    compile_pattern(source, flags)
    found = patterns._store.new[(source, flags)]
    patterns._store.new[(source, flags)] = (found[0], b"\xff" * 64, *found[2:])
    patterns._store.save()
    patterns._store = patterns._Store()
    _same_pattern(compile_pattern(source, flags), re.compile(source, flags))


def test_the_package_patterns_are_the_same_in_every_process(tmp_path: Path) -> None:
    """Every fixed pattern of the package, in two processes with different string hashing:
    the second finds all of them in the store the first wrote (a pattern made from a set in
    its iteration order would differ from process to process and never be found)."""
    script = (
        "import importlib, pkgutil, hanzi_companion\n"
        "from hanzi_companion.patterns import LazyPattern\n"
        "for info in pkgutil.walk_packages(hanzi_companion.__path__, 'hanzi_companion.'):\n"
        "    if info.name.endswith('__main__'):\n"
        "        continue\n"
        "    for value in vars(importlib.import_module(info.name)).values():\n"
        "        if isinstance(value, LazyPattern):\n"
        "            value.compiled\n"
    )
    env = {**os.environ, ENV_CACHE_DIR: str(tmp_path)}
    path = patterns._store_path(importlib.import_module("_sre")).name
    counts = []
    for seed in ("1", "2"):
        subprocess.run(
            [sys.executable, "-c", script], check=True, env={**env, "PYTHONHASHSEED": seed}
        )
        counts.append(len(patterns._read_store(tmp_path / path)))
    assert counts[0] > 150  # the package's patterns were stored
    assert counts[1] == counts[0]  # and none was new to the second process
