"""LazyPattern: a pattern compiled on first use answers as the compiled pattern does."""

from __future__ import annotations

import re

import pytest

from hanzi_companion.patterns import LazyPattern
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
