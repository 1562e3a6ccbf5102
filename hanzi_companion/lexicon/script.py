"""Which script a text is written in, through hanzidentifier."""

from __future__ import annotations

SIMPLIFIED = "simplified"
TRADITIONAL = "traditional"
BOTH = "both"
MIXED = "mixed"
UNKNOWN = "unknown"


def identify(text: str) -> str:
    """``simplified``, ``traditional``, ``both`` (the same in each), ``mixed`` or ``unknown``."""
    import hanzidentifier

    names = {
        hanzidentifier.SIMPLIFIED: SIMPLIFIED,
        hanzidentifier.TRADITIONAL: TRADITIONAL,
        hanzidentifier.BOTH: BOTH,
        hanzidentifier.MIXED: MIXED,
    }
    return names.get(hanzidentifier.identify(text), UNKNOWN)
