"""HSK 3.0 (GF0025-2021) levels of characters and words, from the bundled lists.

The lists (``dictionaries/hsk/hsk30_chars.tsv.gz`` and ``hsk30_words.tsv.gz``) are read once,
when an index is built (the lexicon's and the character index's); lookups go through them.
Levels run from 1 to 7, where 7 stands for the advanced 7-9 band.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hanzi_companion.errors import DataFileError

HSK_CHARACTERS_FILE = "hsk/hsk30_chars.tsv.gz"
HSK_WORDS_FILE = "hsk/hsk30_words.tsv.gz"
HIGHEST_LEVEL = 7
"""The lists store the advanced band (levels 7-9) as 7."""


def level_label(level: int) -> str:
    """How a level is shown: ``HSK 3``, ``HSK 7-9``."""
    return "HSK 7-9" if level >= HIGHEST_LEVEL else f"HSK {level}"


def parse_levels(path: Path) -> dict[str, int]:
    """Read one HSK list (``item<TAB>level`` with a header line) into item -> lowest level."""
    import gzip  # only when an index is built

    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"corrupt HSK list ({exc})") from None
    levels: dict[str, int] = {}
    lines = text.splitlines()
    if not lines or lines[0].split("\t")[-1:] != ["level"]:
        raise DataFileError(path, "expected a header line ending in 'level'", 1)
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].isdigit() or not parts[0]:
            raise DataFileError(path, "expected 'item<TAB>level'", lineno)
        level = int(parts[1])
        if not 1 <= level <= HIGHEST_LEVEL:
            raise DataFileError(path, f"level {level} is outside 1-{HIGHEST_LEVEL}", lineno)
        item = parts[0].strip()
        # An item listed twice keeps its lowest (first taught) level.
        levels[item] = min(level, levels.get(item, level))
    return levels


def best_level(
    word: str,
    word_level: Callable[[str], int | None],
    character_level: Callable[[str], int | None],
    simplified_forms: Callable[[str], tuple[str, ...]],
) -> int | None:
    """The HSK level of ``word``: a single character's level as a character (the character
    list, else the word list), a longer word's in the word list; a traditional form is looked
    up through its simplified forms."""
    for form in (word, *simplified_forms(word)):
        level = character_level(form) if len(form) == 1 else None
        if level is None:
            level = word_level(form)
        if level is not None:
            return level
    return None
