"""Build a course's static site: glossary pages, character pages, Anki decks, JSON, search.

``build_site(course_dir, out_dir, lexicon)`` writes::

    index.html                  the weeks with their characters of the week (course.html)
    search.html                 search in the browser (static/js/site-search.js)
    about.html                  data sources and licences
    weeks/<deck>.html           one glossary page per deck (course_deck.html)
    characters/u<hex>.html      one page per character of the week (character.html), with its
    characters/u<hex>-*.svg     stroke-order animation and diagram
    glossary/<deck>.json        each deck's glossary, as static/js/popup.js reads it
    glossary/course.json        the whole course
    anki/<deck>.apkg            one Anki package per week
    anki/course.apkg            the whole course
    search/index.js             the compact search index
    static/                     the web UI's css and js, copied
    .hanzi-companion/           the build manifest and the glossary cache (not linked to)

Every link is relative, so the folder works opened from disk and from any static host.

Rebuilds are incremental: the manifest records, for each deck, a key made of its bytes' digest
and the code and data version; a deck whose key is unchanged is not read, built or rendered
again (its files are hard-linked from the old site). Course-wide files are rebuilt only when
some deck changed, from the glossaries kept in the cache.

Rebuilds are atomic: the new site is written into a hidden sibling folder and swapped in at
the end (see :mod:`hanzi_companion.site.output`); a failure leaves the old site untouched.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hanzi_companion import __version__
from hanzi_companion.errors import DeckError, HanziCompanionError, OutputError
from hanzi_companion.files import real_path
from hanzi_companion.glossary import Course, Glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.characters import CharacterProfile
from hanzi_companion.render.character_page import character_view
from hanzi_companion.render.json_text import json_text
from hanzi_companion.settings import templates_dir
from hanzi_companion.site import codec, output, pages
from hanzi_companion.site.search_index import index_script, search_index
from hanzi_companion.text.decks import display_name
from hanzi_companion.text.folders import DECK_SUFFIXES, course_decks

MANIFEST_FORMAT = 1
STATE_DIR = ".hanzi-companion"
MANIFEST = f"{STATE_DIR}/manifest.json"
MAX_DECK_BYTES = 20 * 1024 * 1024
_RESERVED_SLUGS = frozenset({"course"})  # glossary/course.json and anki/course.apkg

Progress = Callable[[str, int, int], None]
"""Progress callback: (stage, done, total)."""


@dataclass(frozen=True)
class SiteReport:
    """What a build did: which decks and characters it rendered and which it reused."""

    out_dir: Path
    course: str
    decks: tuple[str, ...]  # every deck's slug, in course order
    rendered_decks: tuple[str, ...]  # decks whose pages, JSON and Anki package were written
    built_glossaries: tuple[str, ...]  # decks read and built (not taken from the cache)
    characters: tuple[str, ...]  # characters of the week with a page
    rendered_characters: tuple[str, ...]
    course_rendered: bool  # index, search, course JSON and Anki package written anew
    files: int  # files of the site
    messages: tuple[str, ...] = ()  # notes for the reader ("week03.md: no Chinese text found")
    failed: tuple[str, ...] = ()  # decks left out of the site, each "name: why"
    skipped: tuple[str, ...] = ()  # files that are not decks (the folder's README), "name: why"

    @property
    def reused_decks(self) -> tuple[str, ...]:
        return tuple(d for d in self.decks if d not in self.rendered_decks)

    @property
    def unchanged(self) -> bool:
        """True when nothing had to be rendered: the site was already up to date."""
        return not (self.rendered_decks or self.rendered_characters or self.course_rendered)


@dataclass(frozen=True)
class DeckSource:
    """A deck file of the course folder and the identity of its content."""

    path: Path
    slug: str
    data: bytes = field(repr=False)
    digest: str

    @property
    def filename(self) -> str:
        """The file name as shown (a name that is not UTF-8 gets its best reading)."""
        return display_name(self.path.name)


# -- identities -------------------------------------------------------------------------------


def _key(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(json.dumps(part, ensure_ascii=False, sort_keys=True).encode())
        digest.update(b"\x1f")
    return digest.hexdigest()[:32]


_NOT_OUTPUT = frozenset({"__pycache__", "_bundled", "web", "cli"})  # no bearing on the site


def _tree_files(
    root: Path, suffixes: tuple[str, ...] = (), skip: frozenset[str] = frozenset()
) -> Iterator[Path]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if (
            path.is_file()
            and not skip.intersection(path.relative_to(root).parts[:-1])
            and (not suffixes or path.suffix in suffixes)
        ):
            yield path


@functools.cache
def _code_digest() -> bytes:
    """The package's Python sources, hashed once per process: the code that runs is the code
    that was imported, whatever happens to the files later."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(str(importlib.resources.files("hanzi_companion")))
    for path in _tree_files(package, (".py",), _NOT_OUTPUT):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def build_version(lexicon: Lexicon) -> str:
    """The code and data version: the package's sources, the templates and static files (read
    at every build), and the data files (by name, size and time; the lexicon index name
    carries their digest)."""
    digest = hashlib.sha256(_code_digest())
    for root in (templates_dir(), lexicon.settings.static_dir):
        for path in _tree_files(root):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(lexicon.path.name.encode())
    for path in _tree_files(lexicon.settings.data_dir):
        stat = path.stat()
        digest.update(f"{path.name}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


# -- the course folder ------------------------------------------------------------------------


def _slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")
    return slug[:80] or "deck"


@dataclass(frozen=True)
class CourseListing:
    """The course folder's decks, read; the files skipped and the decks that failed, with why."""

    sources: tuple[DeckSource, ...]
    skipped: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()


def survey(course_dir: Path) -> CourseListing:
    """The deck files directly inside ``course_dir`` (hidden files and the folder's
    documentation skipped), read; a deck that cannot be read is listed as failed."""
    if not course_dir.is_dir():
        what = "not a folder" if course_dir.exists() else "no such folder"
        raise DeckError(str(course_dir), what)
    decks = course_decks(course_dir)
    paths, skipped = decks.paths, decks.skipped
    if not paths:
        suffixes = ", ".join(DECK_SUFFIXES)
        raise DeckError(str(course_dir), f"no deck files ({suffixes}) in this folder")
    taken = set(_RESERVED_SLUGS)
    sources = []
    failed = []
    for path in paths:
        try:
            if path.stat().st_size > MAX_DECK_BYTES:
                limit = MAX_DECK_BYTES >> 20
                failed.append(f"{display_name(path.name)}: too large (the limit is {limit} MB)")
                continue
            data = path.read_bytes()
        except OSError as exc:
            failed.append(f"{display_name(path.name)}: cannot be read ({exc.strerror or exc})")
            continue
        slug = base = _slug(path.stem)
        number = 2
        while slug.lower() in taken:
            slug = f"{base}-{number}"
            number += 1
        taken.add(slug.lower())
        digest = hashlib.sha256(data).hexdigest()
        sources.append(DeckSource(path, slug, data, digest))
    return CourseListing(
        tuple(sources),
        tuple(f"{display_name(item.path.name)}: {item.reason}" for item in skipped),
        tuple(failed),
    )


def discover(course_dir: Path) -> tuple[DeckSource, ...]:
    """The readable deck files directly inside ``course_dir``."""
    return survey(course_dir).sources


def _check_paths(course_dir: Path, out_dir: Path) -> None:
    course = real_path(course_dir)
    out = real_path(out_dir)
    if out == course or out in course.parents:
        raise OutputError(out_dir, "the site folder must not be the course folder or hold it")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(out_dir, "is a file; give a folder for the site")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MANIFEST).is_file():
        # The build replaces the whole folder: never do that to a folder it did not make.
        raise OutputError(
            out_dir, "is not empty and was not made by `hanzi-companion site`; give a new folder"
        )


def _load_manifest(out_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((out_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return None
    return data


def _listed_outputs(manifest: dict[str, Any] | None) -> set[str]:
    """Every file a previous build wrote, as its manifest lists them."""
    if manifest is None:
        return set()
    listed = {str(o) for o in manifest.get("course_outputs", [])}
    for section in ("decks", "characters"):
        for item in manifest.get(section, []):
            if isinstance(item, dict):
                listed.update(str(o) for o in item.get("outputs", []))
    return listed


# -- the build --------------------------------------------------------------------------------


@dataclass
class _Deck:
    """A deck during a build: its source, its glossary (built or cached), its keys."""

    source: DeckSource
    glossary_key: str
    glossary: Glossary | None = None
    cached_at: Path | None = None  # the old site's cached glossary, when still valid
    course_meta: str = ""
    week: int | None = None
    characters: tuple[str, ...] = ()
    render_key: str = ""

    @property
    def cache_file(self) -> str:
        return f"{STATE_DIR}/glossaries/{self.glossary_key}.json"


class _SiteBuilder:
    def __init__(
        self,
        course_dir: Path,
        old_dir: Path,
        work: Path,
        lexicon: Lexicon,
        progress: Progress | None,
        *,
        course: str | None,
        deck_url_template: str,
        old: dict[str, Any] | None,
    ) -> None:
        self.course_dir = course_dir
        self.old_dir = old_dir
        self.work = work
        self.lexicon = lexicon
        self.progress = progress
        self.course_override = course
        self.deck_url_template = deck_url_template
        self.old = old or {}
        self.timestamp = time.time()
        self.messages: list[str] = []
        self._profiles: dict[str, CharacterProfile | None] = {}
        self._renderer: pages.Renderer | None = None
        self._links: pages.SiteLinks | None = None
        self._done = 0
        self._total = 0

    # -- small helpers

    def step(self, stage: str) -> None:
        self._done += 1
        if self.progress is not None:
            self.progress(stage, self._done, self._total)

    def write(self, relative: str, content: str | bytes) -> None:
        path = self.work / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        # Never write through a hard link into the old site: replace the link itself.
        path.unlink(missing_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)

    def reuse(self, outputs: Sequence[str]) -> bool:
        """Link ``outputs`` from the old site; False (nothing linked) if any is missing."""
        if not outputs or not all((self.old_dir / o).is_file() for o in outputs):
            return False
        for relative in outputs:
            output.link_or_copy(self.old_dir / relative, self.work / relative)
        return True

    def renderer(self) -> pages.Renderer:
        if self._renderer is None:
            assert self._links is not None
            self._renderer = pages.Renderer.for_links(self._links, self.lexicon)
        return self._renderer

    def profile(self, char: str) -> CharacterProfile | None:
        if char not in self._profiles:
            self._profiles[char] = pages.profile_or_none(self.lexicon, char)
        return self._profiles[char]

    # -- glossaries

    def glossary_of(self, deck: _Deck) -> Glossary:
        """The deck's glossary: already built, else from the old site's cache, else built."""
        if deck.glossary is None and deck.cached_at is not None:
            try:
                data = json.loads(deck.cached_at.read_text("utf-8"))
                deck.glossary = codec.decode(Glossary, data)
            except (OSError, ValueError):
                deck.cached_at = None
        if deck.glossary is None:
            deck.glossary = self.build_glossary(deck.source)
            deck.cached_at = None
        return deck.glossary

    def build_glossary(self, source: DeckSource) -> Glossary:
        from hanzi_companion.glossary import build_glossary
        from hanzi_companion.text.decks import read_deck_bytes

        try:
            deck = read_deck_bytes(source.data, source.filename)
        except DeckError as exc:
            raise DeckError(str(source.path), exc.reason) from None
        glossary = build_glossary(deck, self.lexicon)
        self.built.append(source.slug)
        self.messages.extend(
            m if source.filename in m else f"{source.filename}: {m}" for m in glossary.messages
        )
        return glossary

    # -- the whole build

    def run(self, listing: CourseListing, version: str) -> SiteReport:
        sources = listing.sources
        old_decks = {d.get("slug"): d for d in self.old.get("decks", []) if isinstance(d, dict)}
        self.built: list[str] = []
        decks: list[_Deck] = []
        failed = list(listing.failed)
        self._total = 2 * len(sources) + 2
        for source in sources:
            deck = _Deck(source, _key("glossary", version, source.filename, source.digest))
            previous = old_decks.get(source.slug, {})
            cached = self.old_dir / deck.cache_file
            if previous.get("glossary_key") == deck.glossary_key and cached.is_file():
                deck.cached_at = cached
                deck.course_meta = str(previous.get("course_meta", ""))
                week = previous.get("week")
                deck.week = week if isinstance(week, int) else None
                deck.characters = tuple(str(c) for c in previous.get("characters", []))
            else:
                try:
                    glossary = self.glossary_of(deck)
                except HanziCompanionError as exc:
                    # One broken deck is reported and left out; the others make the site.
                    failed.append(f"{source.filename}: {getattr(exc, 'reason', None) or exc}")
                    self.step("Reading decks")
                    continue
                deck.course_meta = glossary.deck.course
                deck.week = glossary.deck.week
                deck.characters = tuple(c.character for c in glossary.characters)
            decks.append(deck)
            self.step("Reading decks")
        if not decks:
            raise DeckError(str(self.course_dir), f"no deck could be read ({'; '.join(failed)})")
        decks.sort(key=lambda d: (d.week is None, d.week or 0, d.source.filename))

        course = self.course_name(decks)
        characters = tuple(dict.fromkeys(c for d in decks for c in d.characters))
        self._total += len(characters)
        self._links = pages.SiteLinks(
            decks={d.source.slug: d.source.slug for d in decks}, characters=frozenset(characters)
        )
        options = {"course": course, "deck_url": self.deck_url_template}
        rendered: list[str] = []
        manifest_decks = []
        for deck in decks:
            slug = deck.source.slug
            deck.render_key = _key("deck", deck.glossary_key, options, slug)
            outputs = [pages.deck_page(slug), pages.deck_json(slug), pages.deck_apkg(slug)]
            previous = old_decks.get(slug, {})
            old_outputs = [str(o) for o in previous.get("outputs", [])] or outputs
            if previous.get("render_key") == deck.render_key and self.reuse(old_outputs):
                outputs = old_outputs
            else:
                outputs += self.render_deck(deck, course)
                rendered.append(slug)
            self.keep_cache(deck)
            manifest_decks.append(
                {
                    "slug": slug,
                    "file": deck.source.filename,
                    "digest": deck.source.digest,
                    "glossary_key": deck.glossary_key,
                    "render_key": deck.render_key,
                    "course_meta": deck.course_meta,
                    "week": deck.week,
                    "characters": list(deck.characters),
                    "outputs": outputs,
                }
            )
            self.step("Writing deck pages")

        old_chars = {
            c.get("char"): c for c in self.old.get("characters", []) if isinstance(c, dict)
        }
        rendered_chars: list[str] = []
        manifest_chars = []
        for char in characters:
            key = _key("character", version, char, sorted(characters))
            previous = old_chars.get(char, {})
            outputs = [str(o) for o in previous.get("outputs", [])]
            if not (previous.get("key") == key and self.reuse(outputs)):
                outputs = self.render_character(char)
                rendered_chars.append(char)
            manifest_chars.append({"char": char, "key": key, "outputs": outputs})
            self.step("Writing character pages")

        course_key = _key(
            "course", version, options, [d.render_key for d in decks], list(characters)
        )
        course_outputs = [str(o) for o in self.old.get("course_outputs", [])]
        course_rendered = False
        if not (self.old.get("course_key") == course_key and self.reuse(course_outputs)):
            course_outputs = self.render_course(decks, course, characters)
            course_rendered = True
        self.step("Writing the course pages")

        manifest = {
            "format": MANIFEST_FORMAT,
            "generator": f"hanzi-companion {__version__}",
            "version": version,
            "course": course,
            "decks": manifest_decks,
            "characters": manifest_chars,
            "course_key": course_key,
            "course_outputs": course_outputs,
        }
        self.write(MANIFEST, json_text(manifest, indent=1) + "\n")
        self.step("Finishing")
        files = sum(1 for _ in _tree_files(self.work))
        return SiteReport(
            out_dir=self.old_dir,
            course=course,
            decks=tuple(d.source.slug for d in decks),
            rendered_decks=tuple(rendered),
            built_glossaries=tuple(self.built),
            characters=characters,
            rendered_characters=tuple(rendered_chars),
            course_rendered=course_rendered,
            files=files,
            messages=tuple(self.messages),
            failed=tuple(failed),
            skipped=listing.skipped,
        )

    def keep_own_files(self, outputs: set[str]) -> list[str]:
        """Carry over files of the old site that no build wrote (a host's ``CNAME`` or
        ``.nojekyll``, a ``robots.txt``), unless the new site has a file of that name."""
        kept: list[str] = []
        if not self.old_dir.is_dir():
            return kept
        for path in _tree_files(self.old_dir, skip=frozenset({STATE_DIR})):
            relative = path.relative_to(self.old_dir).as_posix()
            if relative.startswith(f"{STATE_DIR}/") or relative in outputs:
                continue
            if not (self.work / relative).exists():
                output.link_or_copy(path, self.work / relative)
                kept.append(relative)
        return kept

    def course_name(self, decks: Sequence[_Deck]) -> str:
        """The override, else the decks' course metadata if they agree, else the folder's."""
        if self.course_override and self.course_override.strip():
            return self.course_override.strip()
        named = {d.course_meta for d in decks if d.course_meta}
        if len(named) == 1:
            return named.pop()
        return self.course_dir.resolve().name or "Course"

    def keep_cache(self, deck: _Deck) -> None:
        """Carry the deck's glossary into the new site's cache (linked when unchanged)."""
        if deck.cached_at is not None:
            output.link_or_copy(deck.cached_at, self.work / deck.cache_file)
            return
        glossary = self.glossary_of(deck)
        self.write(deck.cache_file, json_text(codec.encode(glossary)))

    # -- renderers (each writes its files into the new site)

    def render_deck(self, deck: _Deck, course: str) -> list[str]:
        """Write the deck's files; returns the optional ones written (practice sheets)."""
        from hanzi_companion.render.anki import write_package
        from hanzi_companion.render.json import render_json

        slug = deck.source.slug
        glossary = self.glossary_of(deck)
        extra = self.render_deck_sheet(glossary, slug)
        html = self.renderer().deck(
            glossary,
            slug,
            deck.source.filename,
            deck_url_template=self.deck_url_template,
            practice_sheet=bool(extra),
        )
        self.write(pages.deck_page(slug), html)
        self.write(pages.deck_json(slug), render_json(glossary))
        apkg = self.work / pages.deck_apkg(slug)
        apkg.parent.mkdir(parents=True, exist_ok=True)
        write_package(
            glossary,
            apkg,
            course=course,
            characters=self.character_details([c.character for c in glossary.characters]),
            deck_url_template=self._anki_deck_url(),
            timestamp=self.timestamp,
        )
        return extra

    def render_deck_sheet(self, glossary: Glossary, slug: str) -> list[str]:
        """The week's practice sheet (PDF and SVG); none when no character has stroke data."""
        from hanzi_companion.render.sheet import MAX_SHEET_PAGES, deck_entries, sheet_pdf, sheet_svg

        sheet = deck_entries(glossary, self.profile)
        entries = sheet.entries[:MAX_SHEET_PAGES]
        if not entries:
            return []
        pdf, svg = pages.deck_sheet(slug, "pdf"), pages.deck_sheet(slug, "svg")
        self.write(pdf, sheet_pdf(entries, self.lexicon.settings.sheet_font_path))
        self.write(svg, sheet_svg(entries))
        return [pdf, svg]

    def _anki_deck_url(self) -> str:
        # Anki cards are read far from the site: only web links make sense there.
        url = self.deck_url_template
        return url if re.match(r"https?://", url) else ""

    def character_details(self, chars: Sequence[str]) -> dict[str, Any]:
        from hanzi_companion.render.anki import character_details

        details = {}
        for char in chars:
            profile = self.profile(char)
            if profile is not None:
                details[char] = character_details(profile)
        return details

    def render_character(self, char: str) -> list[str]:
        from hanzi_companion.lexicon.strokes import animated_svg, frames_svg

        profile = self.profile(char)
        page = character_view(self.lexicon, char, profile)
        outputs = [pages.character_page(char)]
        self.write(outputs[0], self.renderer().character(page))
        if profile is not None and profile.strokes is not None:
            self.write(pages.stroke_animation(char), animated_svg(profile.strokes, char))
            self.write(pages.stroke_frames(char), frames_svg(profile.strokes, char))
            outputs += [pages.stroke_animation(char), pages.stroke_frames(char)]
            outputs += self.render_practice(char, profile)
        return outputs

    def render_practice(self, char: str, profile: CharacterProfile) -> list[str]:
        """The writing practice's stroke data script and the character's practice sheets."""
        from hanzi_companion.render.practice import writer_script
        from hanzi_companion.render.sheet import entry_from_profile, sheet_pdf, sheet_svg

        assert profile.strokes is not None
        entry = entry_from_profile(profile)
        files: dict[str, str | bytes] = {
            pages.stroke_data_script(char): writer_script(char, profile.strokes),
            pages.practice_sheet(char, "svg"): sheet_svg([entry]),
            pages.practice_sheet(char, "pdf"): sheet_pdf(
                [entry], self.lexicon.settings.sheet_font_path
            ),
        }
        for name, content in files.items():
            self.write(name, content)
        return list(files)

    def render_course(
        self, decks: Sequence[_Deck], course: str, characters: Sequence[str]
    ) -> list[str]:
        from hanzi_companion.render.anki import write_package
        from hanzi_companion.render.json import render_course_json

        glossaries = [self.glossary_of(d) for d in decks]
        for deck in decks:
            if deck.cached_at is None:
                self.keep_cache(deck)  # a cache entry that could not be read was rebuilt
        renderer = self.renderer()
        view = pages.CourseView(
            title=course,
            weeks=tuple(
                pages.WeekView(d.source.slug, d.source.filename, g)
                for d, g in zip(decks, glossaries, strict=True)
            ),
        )
        written = {
            pages.INDEX: renderer.index(view),
            pages.SEARCH: renderer.search(course),
            pages.ABOUT: renderer.about(self.lexicon.metadata()),
            pages.COURSE_JSON: render_course_json(Course(course, tuple(glossaries))),
            pages.SEARCH_INDEX: index_script(
                search_index(
                    course,
                    [
                        (pages.deck_page(d.source.slug), g)
                        for d, g in zip(decks, glossaries, strict=True)
                    ],
                    {c: pages.character_page(c) for c in characters},
                )
            ),
        }
        for relative, content in written.items():
            self.write(relative, content)
        outputs = list(written)
        apkg = self.work / pages.COURSE_APKG
        apkg.parent.mkdir(parents=True, exist_ok=True)
        write_package(
            Course(course, tuple(glossaries)),
            apkg,
            course=course,
            characters=self.character_details(characters),
            deck_url_template=self._anki_deck_url(),
            timestamp=self.timestamp,
        )
        outputs.append(pages.COURSE_APKG)
        static = self.lexicon.settings.static_dir
        for path in _tree_files(static):
            relative = f"{pages.STATIC}/{path.relative_to(static).as_posix()}"
            output.link_or_copy(path, self.work / relative)
            outputs.append(relative)
        return outputs


def build_site(
    course_dir: Path | str,
    out_dir: Path | str,
    lexicon: Lexicon,
    progress: Progress | None = None,
    *,
    course: str | None = None,
    deck_url_template: str = "",
    force: bool = False,
) -> SiteReport:
    """Build (or bring up to date) the static site of the decks in ``course_dir``.

    ``course`` overrides the course name (default: the decks' metadata, else the folder's
    name); ``deck_url_template`` links slide numbers to the published slides (``{name}`` and
    ``{stem}`` stand for the deck's file name with and without suffix); ``force`` renders
    everything again. Raises :class:`DeckError` or :class:`OutputError` (the old site, if
    any, is then left as it was).
    """
    course_dir = Path(course_dir)
    out_dir = Path(out_dir)
    if out_dir.is_symlink():
        # Replace the folder the link points at (a web server's root, say), not the link.
        out_dir = real_path(out_dir)
        if out_dir.is_symlink():  # what realpath leaves a link is a loop
            raise OutputError(out_dir, "is a symlink loop; give a folder for the site")
    _check_paths(course_dir, out_dir)
    listing = survey(course_dir)
    version = build_version(lexicon)
    previous = _load_manifest(out_dir)
    old = None if force else previous
    if old is not None and old.get("version") != version:
        old = None  # other code or data: nothing of the old site can be trusted as current
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(out_dir.parent, exc.strerror or str(exc)) from None
    output.remove_stale(out_dir)
    work = output.work_folder(out_dir)
    try:
        work.mkdir()
        builder = _SiteBuilder(
            course_dir,
            out_dir,
            work,
            lexicon,
            progress,
            course=course,
            deck_url_template=deck_url_template,
            old=old,
        )
        report = builder.run(listing, version)
        builder.keep_own_files(_listed_outputs(previous))
        output.swap_in(work, out_dir)
    except OSError as exc:
        output.discard(work)
        raise OutputError(Path(exc.filename or out_dir), exc.strerror or str(exc)) from None
    except BaseException:
        output.discard(work)
        raise
    return report


__all__ = [
    "CourseListing",
    "Progress",
    "SiteReport",
    "build_site",
    "build_version",
    "discover",
    "survey",
]
