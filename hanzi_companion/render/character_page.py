"""The character page's view model, shared by the web UI and the static course site."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.characters import CharacterProfile
from hanzi_companion.lexicon.models import Link, Reading
from hanzi_companion.lexicon.sentences import Sentence
from hanzi_companion.render.glyphs import profile_glyphs


@dataclass(frozen=True)
class CharacterPage:
    """A character's profile, or what little is known when no data source has it."""

    char: str
    profile: CharacterProfile | None
    reading: Reading
    codepoint: str
    unicode_name: str
    links: tuple[Link, ...]
    problem: str = ""
    # Drawings of the shapes fonts may lack (IDS components, rare characters): render/glyphs.py
    glyphs: Mapping[str, str] = field(default_factory=dict)
    sentences: tuple[Sentence, ...] = ()  # graded examples of it (as a word, then in words)


def character_view(
    lexicon: Lexicon, char: str, profile: CharacterProfile | None, problem: str = ""
) -> CharacterPage:
    """The page of ``char``; ``profile`` is None when no data source knows it."""
    shown = profile.character if profile else char
    return CharacterPage(
        char=shown,
        profile=profile,
        reading=lexicon.reading(shown),
        codepoint=f"U+{ord(shown):04X}",
        unicode_name=unicodedata.name(shown, ""),
        links=profile.links if profile else lexicon.links(shown),
        problem="" if profile else problem or f"no data source knows {char!r}",
        glyphs=profile_glyphs(profile, lexicon.character_index().strokes) if profile else {},
        sentences=lexicon.sentences(shown),
    )
