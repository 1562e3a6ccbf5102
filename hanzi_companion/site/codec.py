"""Frozen dataclasses to JSON and back, driven by their type hints.

The site build keeps each deck's :class:`~hanzi_companion.glossary.Glossary` between builds so
that an unchanged deck is never rebuilt; JSON (not pickle) keeps the cache inert data that a
tampered file cannot turn into code. Anything that does not fit the types raises
:class:`CodecError`, and the caller treats the cache entry as missing.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
_SCALARS = (str, int, float, bool)


class CodecError(ValueError):
    """The data does not match the type it should be read as."""


def encode(value: object) -> Any:
    """Plain JSON-ready data for a tree of dataclasses, tuples, enums and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if value is None or isinstance(value, _SCALARS):
        return value
    raise CodecError(f"cannot encode a {type(value).__name__}")


def decode(kind: type[T], data: Any) -> T:
    """The value of type ``kind`` that :func:`encode` turned into ``data``."""
    value: T = _decode(kind, data)
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(kind: Any, data: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin is typing.Union or origin is types.UnionType:
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        for option in options:
            if option is type(None):
                continue
            try:
                return _decode(option, data)
            except CodecError:
                continue
        raise CodecError(f"{data!r} fits none of {kind}")
    if origin is tuple:
        args = typing.get_args(kind)
        if not isinstance(data, list):
            raise CodecError(f"expected a list, got {type(data).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in data)
        if len(args) != len(data):
            raise CodecError(f"expected {len(args)} items, got {len(data)}")
        return tuple(_decode(arg, item) for arg, item in zip(args, data, strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise CodecError(f"expected an object for {kind.__name__}")
        hints = _hints(kind)
        values = {
            f.name: _decode(hints[f.name], data[f.name])
            for f in dataclasses.fields(kind)
            if f.init and f.name in data
        }
        try:
            return kind(**values)
        except TypeError as exc:
            raise CodecError(f"{kind.__name__}: {exc}") from None
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        try:
            return kind(data)
        except ValueError:
            raise CodecError(f"{data!r} is no {kind.__name__}") from None
    if kind is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if kind in _SCALARS:
        # bool is an int in Python: an int field must not accept True, nor a bool field 1.
        if isinstance(data, kind) and (kind is bool) == isinstance(data, bool):
            return data
        raise CodecError(f"expected {kind.__name__}, got {type(data).__name__}")
    if kind is type(None) and data is None:
        return None
    raise CodecError(f"cannot decode {kind}")
