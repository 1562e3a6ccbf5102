"""Links to outside dictionaries, each only where the site has pages of that kind."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from hanzi_companion.lexicon.models import Link


@dataclass(frozen=True)
class Site:
    """An outside dictionary and how to link to it."""

    name: str
    template: str  # {q} is replaced by the percent-encoded word
    characters: bool  # has pages for single characters
    words: bool  # has pages for words
    traditional: bool = False  # indexed by traditional forms


# Purple Culture, Hanziyuan and CUHK first: they are the ones the course slides link to.
SITES: tuple[Site, ...] = (
    Site(
        "Purple Culture", "https://www.purpleculture.net/dictionary-details/?word={q}", True, True
    ),
    Site("Hanziyuan", "https://hanziyuan.net/#{q}", True, False),
    Site(
        "CUHK",
        "https://humanum.arts.cuhk.edu.hk/Lexis/lexi-mf/search.php?word={q}",
        True,
        False,
        traditional=True,
    ),
    Site(
        "MDBG", "https://www.mdbg.net/chinese/dictionary?page=worddict&wdrst=0&wdqb={q}", True, True
    ),
    Site("Wiktionary", "https://en.wiktionary.org/wiki/{q}", True, True),
    Site("zdic", "https://www.zdic.net/hans/{q}", True, True),
    Site(
        "YellowBridge", "https://www.yellowbridge.com/chinese/dictionary.php?word={q}", True, True
    ),
    Site("MoeDict", "https://www.moedict.tw/{q}", True, True, traditional=True),
)


def links_for(word: str, traditional: str | None = None) -> tuple[Link, ...]:
    """Links for a word or character; traditional-indexed sites get ``traditional``."""
    is_character = len(word) == 1
    links = []
    for site in SITES:
        if not (site.characters if is_character else site.words):
            continue
        target = (traditional or word) if site.traditional else word
        links.append(Link(site.name, site.template.format(q=quote(target, safe=""))))
    return tuple(links)
