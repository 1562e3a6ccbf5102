"""Output text made in pieces, so a big glossary is written without one giant string."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

PIECE = 1 << 16  # characters of text handed on at once


def buffered(
    tokens: Iterable[str], finish: Callable[[str], str] = str, size: int = PIECE
) -> Iterator[str]:
    """``tokens`` (an encoder's or a template's many small strings) joined into pieces of
    about ``size`` characters, each passed through ``finish`` (an escape of single
    characters, which is exact piece by piece)."""
    buffer: list[str] = []
    length = 0
    for token in tokens:
        buffer.append(token)
        length += len(token)
        if length >= size:
            yield finish("".join(buffer))
            buffer, length = [], 0
    if buffer:
        yield finish("".join(buffer))
