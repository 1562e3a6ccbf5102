"""How counts are written in messages and pages: one rule, so no output says "1 decks"."""

from __future__ import annotations

# Nouns whose plural is not the singular plus "s".
_IRREGULAR = {"entry": "entries", "index": "indexes"}


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 deck``, ``2 decks``, ``0 results``; ``many`` gives an irregular plural."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {many or _IRREGULAR.get(noun, noun + 's')}"
