"""The course site export: a static website (glossaries, character pages, Anki decks, search)
built from a course folder; see :func:`build_site`."""

from hanzi_companion.site.build import Progress, SiteReport, build_site

__all__ = ["Progress", "SiteReport", "build_site"]
