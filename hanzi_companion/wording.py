"""How counts are written in messages and pages: one rule, so no output says "1 decks";
and what text may reach a terminal."""

from __future__ import annotations

from hanzi_companion.patterns import LazyPattern, compile_pattern

# Nouns whose plural is not the singular plus "s".
_IRREGULAR = {"entry": "entries", "index": "indexes"}


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 deck``, ``2 decks``, ``0 results``; ``many`` gives an irregular plural."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {many or _IRREGULAR.get(noun, noun + 's')}"


_CONTROLS = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """``text`` without control characters (ESC, BEL, C1 controls ...), newlines and tabs
    kept: escape sequences written in a deck must not reach a terminal through an output."""
    return _CONTROLS.sub("", text)


_C1_CONTROLS = compile_pattern(r"[\x7f-\x9f]")


def json_without_controls(text: str) -> str:
    """JSON text with DEL and the C1 controls (CSI ...) written as ``\\u`` escapes: JSON
    escapes only C0 controls, and a terminal reads the others too. The same JSON value."""
    return _C1_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
