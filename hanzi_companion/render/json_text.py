"""The one JSON writer of every output: safe to paste inside an HTML ``<script>`` element.

``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and ``\\u0026`` (no string can
close a ``<script type="application/json">`` or open a comment in it), and U+2028 and U+2029 as
``\\u2028`` and ``\\u2029`` (line terminators in older JavaScript). JSON parsers read them back as
the same characters; everything else is kept as written (UTF-8, Chinese unescaped). These
characters only ever occur inside strings, so escaping the finished text is exact.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from hanzi_companion.patterns import compile_pattern
from hanzi_companion.render.pieces import buffered

T = TypeVar("T")

_UNSAFE = compile_pattern("[<>&\u2028\u2029]")


def escape_json_text(text: str) -> str:
    """JSON text with the characters above as ``\\u`` escapes."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def json_text(data: Any, *, indent: int | None = None) -> str:
    """``data`` as script-safe JSON: compact, or pretty with ``indent``; no final newline."""
    separators = (",", ":") if indent is None else (",", ": ")
    return escape_json_text(
        json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    )


def json_pieces(data: Any, *, indent: int) -> Iterator[str]:
    """The text of ``json_text(data, indent=indent)`` in pieces of about 64 K characters.

    ``json.dumps`` with an indent makes the encoder's every token a string and joins them at
    the end: a glossary of thousands of terms was millions of small strings at once, several
    hundred megabytes. Here they are joined and escaped a piece at a time (the escapes
    concern single characters, so escaping piece by piece is exact); with ``LazyArray``
    values, the data itself is made as it is written.
    """
    encoder = json.JSONEncoder(ensure_ascii=False, indent=indent, separators=(",", ": "))
    return buffered(encoder.iterencode(data), escape_json_text)


class LazyArray(list[Any]):
    """A JSON array whose items are made from ``items`` only as :func:`json_pieces` writes
    them, so a glossary's thousands of terms are never JSON-ready dicts all at once.

    Only for ``json_pieces`` (the pure-Python encoder iterates the list; the C encoder, which
    ``json.dumps`` uses without an indent, would read the empty list underneath)."""

    def __init__(self, items: Sequence[T], make: Callable[[T], Any]) -> None:
        super().__init__()
        self._items: Sequence[Any] = items
        self._make: Callable[[Any], Any] = make

    def __iter__(self) -> Iterator[Any]:
        return (self._make(item) for item in self._items)

    def __len__(self) -> int:
        return len(self._items)
