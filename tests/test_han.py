"""The one definition of a Han character (text/han.py) and the helpers built on it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hanzi_companion.text.han import (
    HAN_MARK,
    HAN_PIECE,
    han_prefix,
    han_shape,
    han_suffix,
    has_han,
    is_han,
)
from hanzi_companion.text.markup import is_cjk, normalise_text

PACKAGE = Path(__file__).resolve().parent.parent / "hanzi_companion"


def test_is_han_agrees_with_the_compiled_class_on_every_code_point() -> None:
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        assert is_han(char) == (HAN_PIECE.fullmatch(char) is not None), hex(code)


@pytest.mark.parametrize(
    ("char", "han"),
    [
        ("创", True),
        ("㐀", True),  # extension A
        ("𠀀", True),  # extension B
        ("𰀀", True),  # extension G
        ("豈", True),  # a compatibility ideograph
        ("〇", True),
        ("々", True),
        ("a", False),
        ("，", False),
        ("ア", False),
        ("䷀", False),  # a Yijing hexagram, between extension A and the unified block
        (HAN_MARK, False),
    ],
)
def test_is_han(char: str, han: bool) -> None:
    assert is_han(char) is han


def test_shape_keeps_every_offset() -> None:
    line = "买 年 货 (mǎi nián huò), 𠀀x 创新!"
    shape = han_shape(line)
    assert len(shape) == len(line)
    assert shape == "\ufdd0 \ufdd0 \ufdd0 (mǎi nián huò), \ufdd0x \ufdd0\ufdd0!"
    for index, char in enumerate(line):
        assert (shape[index] == HAN_MARK) == is_han(char)


def test_prefix_suffix_and_presence() -> None:
    assert han_prefix("创新 is new") == "创新"
    assert han_prefix("the 创新", 4) == "创新"
    assert han_prefix("x创新") == ""
    assert han_suffix("is 创新") == "创新"
    assert han_suffix("创新 ") == ""
    assert han_suffix("") == ""
    assert has_han("a 𠀀 b") and not has_han("pinyin chuàngxīn")


def test_a_noncharacter_in_a_deck_is_dropped_so_it_never_reads_as_han() -> None:
    assert normalise_text(f"创{HAN_MARK}新") == "创新"


def test_cjk_join_characters() -> None:
    assert is_cjk("创") and is_cjk("，") and is_cjk("ア") and is_cjk("𠀀")
    assert not is_cjk("a") and not is_cjk("—")


_IDEOGRAPH_RANGE = re.compile(r"\\u4e00-|一-|\\u3400-|㐀-")


def test_no_other_module_compiles_a_class_of_han_characters() -> None:
    """A class of Han characters costs about a millisecond to compile at every start: the
    text layer and the modules above it say "a Han character" through text/han.py."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for folder in (PACKAGE / "text", PACKAGE)
        for path in sorted(folder.glob("*.py" if folder == PACKAGE else "**/*.py"))
        if path.name != "han.py" and _IDEOGRAPH_RANGE.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
