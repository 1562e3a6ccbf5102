"""The one JSON writer of every output: safe to paste inside an HTML ``<script>`` element.

``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and ``\\u0026`` (no string can
close a ``<script type="application/json">`` or open a comment in it), and U+2028 and U+2029 as
``\\u2028`` and ``\\u2029`` (line terminators in older JavaScript). JSON parsers read them back as
the same characters; everything else is kept as written (UTF-8, Chinese unescaped). These
characters only ever occur inside strings, so escaping the finished text is exact.
"""

from __future__ import annotations

import json
import re
from typing import Any

_UNSAFE = re.compile("[<>&\u2028\u2029]")


def escape_json_text(text: str) -> str:
    """JSON text with the characters above as ``\\u`` escapes."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def json_text(data: Any, *, indent: int | None = None) -> str:
    """``data`` as script-safe JSON: compact, or pretty with ``indent``; no final newline."""
    separators = (",", ":") if indent is None else (",", ": ")
    return escape_json_text(
        json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    )
