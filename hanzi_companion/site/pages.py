"""The site's pages: the web UI's templates rendered to files, with relative links.

The templates are the web UI's own (``settings.templates_dir()``); only ``url_for`` differs.
Here it is a plain function that maps the web endpoints to files of the site, relative to the
page being written, so the site works opened from disk and from any folder of any host.
Imported macros see only the environment's globals, so each page depth (the site root, or one
folder down) gets its own environment with its own ``url_for``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import jinja2

from hanzi_companion.errors import HanziCompanionError, NotFoundError
from hanzi_companion.glossary import CharacterOfTheWeek, Glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.characters import CharacterProfile
from hanzi_companion.render import templating
from hanzi_companion.render.character_page import CharacterPage
from hanzi_companion.render.html import glossary_context
from hanzi_companion.render.slides import render_slides
from hanzi_companion.settings import templates_dir

# Files of the site, relative to its root (POSIX paths: they are URLs too).
INDEX = "index.html"
SEARCH = "search.html"
ABOUT = "about.html"
STATIC = "static"
SEARCH_INDEX = "search/index.js"
COURSE_APKG = "anki/course.apkg"
COURSE_JSON = "glossary/course.json"
DECK_TEMPLATE = "course_deck.html"
POPUP_FILE = "popup.js"
SEARCH_TEMPLATE = "site/search.html"
INDEX_TEMPLATE = "course.html"
CHARACTER_TEMPLATE = "character.html"
ABOUT_TEMPLATE = "about.html"


def deck_page(slug: str) -> str:
    return f"weeks/{slug}.html"


def deck_json(slug: str) -> str:
    return f"glossary/{slug}.json"


def deck_apkg(slug: str) -> str:
    return f"anki/{slug}.apkg"


def _char_stem(char: str) -> str:
    # Code points, not the characters: every host, zip tool and file system takes them.
    return "characters/u" + "-".join(f"{ord(c):04x}" for c in char)


def character_page(char: str) -> str:
    return _char_stem(char) + ".html"


def stroke_animation(char: str) -> str:
    return _char_stem(char) + "-animation.svg"


def stroke_frames(char: str) -> str:
    return _char_stem(char) + "-strokes.svg"


def stroke_data_script(char: str) -> str:
    """The script registering the character's stroke data for the writing practice."""
    return _char_stem(char) + "-strokes.js"


def practice_sheet(char: str, kind: str) -> str:
    return _char_stem(char) + f"-sheet.{kind}"


def deck_sheet(slug: str, kind: str) -> str:
    return f"weeks/{slug}-sheet.{kind}"


class SiteLinkError(HanziCompanionError):
    """A template asked for a page the static site does not have."""


@dataclass
class SiteLinks:
    """What the site holds, so links point at files that exist (or at the search page)."""

    decks: Mapping[str, str]  # deck name as templates pass it -> its slug
    characters: frozenset[str]  # characters with a page of their own

    def path(self, endpoint: str, values: dict[str, Any]) -> str:
        """The site path (from the root) of a web UI endpoint."""
        if endpoint == "static":
            return f"{STATIC}/{values.pop('filename')}"
        if endpoint in ("pages.home", "pages.course", "pages.deck"):
            # The deck upload form needs a server; on the site, the decks are on the index.
            return INDEX
        if endpoint == "pages.about":
            return ABOUT
        if endpoint == "pages.course_apkg":
            return COURSE_APKG
        if endpoint in ("pages.course_deck", "pages.course_deck_apkg", "pages.course_deck_json"):
            name = str(values.pop("name"))
            if name not in self.decks:
                raise SiteLinkError(f"the site has no deck called {name!r}")
            slug = self.decks[name]
            if endpoint == "pages.course_deck_apkg":
                return deck_apkg(slug)
            return deck_json(slug) if endpoint == "pages.course_deck_json" else deck_page(slug)
        if endpoint == "pages.character":
            char = str(values.pop("char"))
            if char in self.characters:
                return character_page(char)
            return self._search(char)
        if endpoint in ("api.strokes", "pages.character_sheet"):
            char = str(values.pop("char"))
            if char not in self.characters:
                raise SiteLinkError(f"the site has no writing practice data of {char!r}")
            # Written beside the character's page whenever its profile has stroke data.
            if endpoint == "api.strokes":
                return stroke_data_script(char)
            return practice_sheet(char, str(values.pop("kind")))
        if endpoint == "pages.course_deck_sheet":
            name = str(values.pop("name"))
            if name not in self.decks:
                raise SiteLinkError(f"the site has no deck called {name!r}")
            return deck_sheet(self.decks[name], str(values.pop("kind")))
        if endpoint in ("pages.stroke_animation", "pages.stroke_frames"):
            char = str(values.pop("char"))
            if char not in self.characters:
                raise SiteLinkError(f"the site has no stroke-order drawing of {char!r}")
            # Written beside the character's page whenever its profile has stroke data.
            animated = endpoint == "pages.stroke_animation"
            return stroke_animation(char) if animated else stroke_frames(char)
        if endpoint == "pages.word":
            word = str(values.pop("word"))
            return character_page(word) if word in self.characters else self._search(word)
        if endpoint == "pages.search":
            query = values.pop("q", "")
            values.pop("kind", None)  # the site's search reads every kind at once
            return self._search(str(query)) if query else SEARCH
        raise SiteLinkError(f"the static site has no page for {endpoint!r}")

    @staticmethod
    def _search(query: str) -> str:
        return f"{SEARCH}?{urlencode({'q': query}, quote_via=quote)}"


def _url_function(links: SiteLinks, prefix: str) -> Any:
    def url_for(endpoint: str, **values: Any) -> str:
        anchor = values.pop("_anchor", None)
        values.pop("_external", None)
        url = prefix + links.path(endpoint, values)
        if values:
            raise SiteLinkError(f"unexpected arguments for {endpoint!r}: {sorted(values)}")
        return f"{url}#{quote(str(anchor))}" if anchor else url

    return url_for


def environment(links: SiteLinks, depth: int, lexicon: Lexicon | None = None) -> jinja2.Environment:
    """Templates for pages ``depth`` folders below the site root (autoescape on)."""
    env = templating.configure(
        jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())), autoescape=True),
        lexicon,
    )
    env.globals.update(url_for=_url_function(links, "../" * depth), static_site=True)
    return env


# -- view models (the same shapes the web UI hands these templates) ---------------------------


@dataclass(frozen=True)
class WeekView:
    """One deck as the course page lists it."""

    name: str  # the deck's slug: links go through ``url_for('pages.course_deck', name=...)``
    filename: str
    glossary: Glossary
    problem: str = ""

    @property
    def title(self) -> str:
        return self.glossary.deck.title

    @property
    def week(self) -> int | None:
        return self.glossary.deck.week

    @property
    def date(self) -> str:
        return self.glossary.deck.date

    @property
    def characters(self) -> tuple[CharacterOfTheWeek, ...]:
        return self.glossary.characters

    @property
    def term_count(self) -> int:
        return len(self.glossary.terms)


@dataclass(frozen=True)
class DeckRef:
    """A deck as the course deck page names it."""

    name: str  # the slug: ``url_for('pages.course_deck_apkg', name=...)``
    filename: str


@dataclass(frozen=True)
class CourseView:
    title: str
    weeks: tuple[WeekView, ...]

    @property
    def anki(self) -> bool:
        return any(w.glossary.terms or w.glossary.characters for w in self.weeks)


def profile_or_none(lexicon: Lexicon, char: str) -> CharacterProfile | None:
    try:
        return lexicon.character(char)
    except NotFoundError:
        return None


# -- rendering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Renderer:
    """Both environments of one build (root pages and pages one folder down)."""

    root: jinja2.Environment
    nested: jinja2.Environment

    @classmethod
    def for_links(cls, links: SiteLinks, lexicon: Lexicon) -> Renderer:
        return cls(environment(links, 0, lexicon), environment(links, 1, lexicon))

    def index(self, course: CourseView) -> str:
        return self.root.get_template(INDEX_TEMPLATE).render(course=course, active="course")

    def search(self, course_title: str) -> str:
        return self.root.get_template(SEARCH_TEMPLATE).render(
            course_title=course_title,
            hide_header_search=True,
            search_index=SEARCH_INDEX,
            active="search",
        )

    def about(self, metadata: Mapping[str, str]) -> str:
        return self.root.get_template(ABOUT_TEMPLATE).render(metadata=metadata, active="about")

    def deck(
        self,
        glossary: Glossary,
        slug: str,
        filename: str,
        *,
        deck_url_template: str,
        practice_sheet: bool = False,
    ) -> str:
        """The deck's glossary page: the web UI's course deck page, downloads beside it."""
        context = glossary_context(glossary, deck_url_template=deck_url_template)
        context.update(
            active="course",
            practice_sheet=practice_sheet,
            deck=DeckRef(slug, filename),
            slides_markdown=render_slides(glossary),
            # Teachers copy popup.js and the JSON next to their slides (the page says so).
            popup_url=POPUP_FILE,
            api_url="",
        )
        return self.nested.get_template(DECK_TEMPLATE).render(context)

    def character(self, page: CharacterPage) -> str:
        return self.nested.get_template(CHARACTER_TEMPLATE).render(page=page, query=page.char)
