"""hanzi-companion: a Chinese character study companion for slide-deck courses.

Importing the package loads no data; open a lexicon with :func:`open_lexicon`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from hanzi_companion.lexicon import Lexicon
    from hanzi_companion.settings import Settings


def open_lexicon(settings: Settings | None = None) -> Lexicon:
    """Open the lexicon, building its index first if it is missing or stale."""
    from hanzi_companion.lexicon import Lexicon

    return Lexicon.open(settings)


__all__ = ["__version__", "open_lexicon"]
