"""The ``glossary`` command: a deck (or a course folder) to a JSON, Markdown, slides or HTML
glossary. It parses options, calls the reader, the builder and a renderer, and writes the
result atomically; no glossary logic lives here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hanzi_companion.cli.common import (
    CommandError,
    course_option,
    deck_progress,
    handle_errors,
    open_lexicon,
    say,
)
from hanzi_companion.errors import HanziCompanionError
from hanzi_companion.files import real_path, write_pieces_atomically
from hanzi_companion.patterns import compile_pattern
from hanzi_companion.settings import Settings
from hanzi_companion.text.folders import DECK_SUFFIXES, SkippedFile, course_decks
from hanzi_companion.wording import json_without_controls, plural

if TYPE_CHECKING:
    from hanzi_companion.glossary import Course, Glossary
    from hanzi_companion.text.models import Deck

# The reader, the builder and the renderers (Jinja among them) are imported when the command
# runs: every other command of the CLI would otherwise pay for them at start-up.
TERMS_PER_SLIDE = 8  # the slides renderer's default, repeated here for the option's help
FORMATS = ("json", "md", "slides", "html")
_SUFFIX_FORMATS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class DeckFiles:
    """The deck files the arguments name, whether they make a course, and what was skipped."""

    files: tuple[Path, ...]
    is_course: bool
    skipped: tuple[SkippedFile, ...] = ()
    folders: tuple[Path, ...] = ()  # where the decks are: each may hold a course dictionary


def deck_files(paths: tuple[Path, ...]) -> DeckFiles:
    """The deck files named by the arguments, and whether they make a course.

    A folder stands for every deck file directly inside it (hidden files and the folder's
    documentation skipped); several files, or any folder, make a course.
    """
    files: list[Path] = []
    skipped: list[SkippedFile] = []
    course = len(paths) > 1
    for path in paths:
        if path.is_dir():
            course = True
            listing = course_decks(path)
            found = list(listing.paths)
            passed = listing.skipped
            if not found:
                suffixes = ", ".join(sorted(DECK_SUFFIXES))
                raise CommandError(f"{path}: no deck files ({suffixes}) in this folder")
            files.extend(found)
            skipped.extend(passed)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise CommandError(f"{path}: not a file or folder")
        else:
            raise CommandError(f"{path}: no such file or folder")
    # The same deck named twice (a file and its folder) is read once; messages keep the path
    # as the user wrote it.
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    for item in skipped:
        say(item.warning())
    folders = tuple(dict.fromkeys(p if p.is_dir() else p.parent for p in paths))
    return DeckFiles(tuple(unique.values()), course, tuple(skipped), folders)


@dataclass(frozen=True)
class FailedDeck:
    """A deck of a course that could not be read or built, and why."""

    path: Path
    reason: str


def read_course(
    files: tuple[Path, ...], is_course: bool, build: Callable[[Deck], Glossary]
) -> tuple[list[Glossary], list[FailedDeck]]:
    """Read and build every deck, in course order.

    A single deck that fails is the command's error. In a course each failed deck is reported
    on stderr as it happens and the others are built; the caller says how many failed.
    """
    from hanzi_companion.text.decks import read_deck

    if not is_course:
        return [build(read_deck(files[0]))], []
    read: list[Deck] = []
    failed: list[FailedDeck] = []
    with deck_progress(len(files), "Reading decks") as step:
        for path in files:
            try:
                read.append(read_deck(path))
            except HanziCompanionError as exc:
                failed.append(_report_failure(path, exc))
            step()
    read.sort(key=course_order)
    glossaries = []
    with deck_progress(len(read), "Building glossaries") as step:
        for deck in read:
            try:
                glossaries.append(build(deck))
            except HanziCompanionError as exc:
                failed.append(_report_failure(Path(deck.name), exc))
            step()
    if not glossaries:
        raise CommandError(f"no deck could be read ({plural(len(failed), 'deck')} failed)")
    return glossaries, failed


def _report_failure(path: Path, exc: HanziCompanionError) -> FailedDeck:
    reason = getattr(exc, "reason", None) or str(exc)
    say(f"{path}: failed, {reason}")
    return FailedDeck(path, reason)


def exit_if_failed(failed: list[FailedDeck], total: int) -> None:
    """After the output is written: one summary line and exit status 1 when decks failed."""
    if failed:
        names = ", ".join(f.path.name for f in failed)
        say(f"{len(failed)} of {plural(total, 'deck')} failed: {names}")
        raise click.exceptions.Exit(1)


# A URL scheme at the start of the template: only http(s) may be one; a relative URL (the
# glossary page beside the slides) has none. Browsers skip leading spaces and controls.
_SCHEME = compile_pattern(r"^[\x00-\x20]*([A-Za-z][A-Za-z0-9+.\-]*):")


def check_deck_url(template: str) -> None:
    """Refuse a --deck-url that would make every slide link run code (``javascript:``,
    ``data:``...): it is written into the glossary's links as given."""
    scheme = _SCHEME.match(template)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        raise CommandError(
            f"--deck-url must be an http:// or https:// address or a relative path, "
            f"not a {scheme.group(1)}: URL"
        )


def course_order(deck: Deck) -> tuple[bool, int, str]:
    """Week order; decks without a week number come after, by name."""
    week = deck.metadata.week
    return (week is None, week or 0, deck.name)


def default_course_name(paths: tuple[Path, ...], glossaries: list[Glossary]) -> str:
    """The course's name: the deck metadata's if they agree, else the folder's name."""
    named = {g.deck.course for g in glossaries if g.deck.course}
    if len(named) == 1:
        return named.pop()
    folders = [p for p in paths if p.is_dir()]
    if len(folders) == 1:
        return folders[0].resolve().name
    return "Course"


def choose_format(fmt: str | None, output: Path | None) -> str:
    """The explicit format, else the one the output file's suffix names, else Markdown."""
    if fmt:
        return fmt
    if output is not None:
        return _SUFFIX_FORMATS.get(output.suffix.lower(), "md")
    return "md"


def render(
    subject: Glossary | Course,
    fmt: str,
    *,
    settings: Settings,
    deck_url: str,
    terms_per_slide: int,
) -> Iterator[str]:
    """Format a glossary or a course in pieces of text (the renderers do the work). Only the
    renderer of the format is imported: the HTML one brings Jinja, which JSON output does not
    need."""
    from hanzi_companion.glossary import Course

    if fmt == "json":
        from hanzi_companion.render import json as json_renderer

        pieces = (
            json_renderer.course_json_document(subject)
            if isinstance(subject, Course)
            else json_renderer.json_document(subject)
        )
        return (json_without_controls(piece) for piece in pieces)
    if fmt == "html":
        from hanzi_companion.render import html

        if isinstance(subject, Course):
            return html.course_html_document(subject, settings=settings, deck_url_template=deck_url)
        return html.html_document(subject, settings=settings, deck_url_template=deck_url)
    return iter((_render_text(subject, fmt, settings, deck_url, terms_per_slide),))


def _render_text(
    subject: Glossary | Course, fmt: str, settings: Settings, deck_url: str, terms_per_slide: int
) -> str:
    from hanzi_companion.glossary import Course

    if fmt == "md":
        from hanzi_companion.render import markdown

        if isinstance(subject, Course):
            return markdown.render_course_markdown(subject, deck_url_template=deck_url)
        return markdown.render_markdown(subject, deck_url_template=deck_url)
    if fmt == "slides":
        from hanzi_companion.render import slides

        if isinstance(subject, Course):
            return slides.render_course_slides(
                subject, settings=settings, terms_per_slide=terms_per_slide
            )
        return slides.render_slides(subject, settings=settings, terms_per_slide=terms_per_slide)
    raise ValueError(f"unknown format {fmt!r}")


@click.command("glossary")
@click.argument(
    "decks", nargs=-1, required=True, metavar="DECK...", type=click.Path(path_type=Path)
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: from the -o suffix, else md). slides = remark Markdown "
    "to append to the deck; html = a standalone page that works offline.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE (atomically) instead of standard output.",
)
@click.option(
    "--deck-url",
    default="",
    metavar="URL",
    help="Where the slides are published, to link slide numbers (md, html); {name} and "
    "{stem} stand for the deck's file name and its name without suffix.",
)
@course_option(
    "Course name (several decks; default: the decks' course metadata, else the folder's name)."
)
@click.option(
    "--terms-per-slide",
    type=click.IntRange(1, 40),
    default=TERMS_PER_SLIDE,
    show_default=True,
    help="Terms per glossary slide (slides format).",
)
@click.option(
    "--user-dict",
    "user_dicts",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Extra dictionary in CC-CEDICT syntax, loaded after CC-CEDICT (repeatable).",
)
@handle_errors
def glossary_command(
    decks: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    deck_url: str,
    course: str | None,
    terms_per_slide: int,
    user_dicts: tuple[Path, ...],
) -> None:
    """Make the glossary of one or more slide decks.

    DECK is a slide deck: remark (Markdown or HTML), reveal.js, Marp or Markdown,
    PowerPoint .pptx, PDF, or plain text. A folder means a course: one glossary per deck in
    it, in week order.

    \b
    Examples:
      hanzi-companion glossary week07.md
      hanzi-companion glossary week07.md --format slides -o week07-glossary.md
      hanzi-companion glossary week08.pptx -o week08-glossary.html
      hanzi-companion glossary lectures/ -o course-glossary.html
      hanzi-companion glossary week07.html -f json --deck-url "https://example.org/{stem}.html"
    """
    from hanzi_companion.glossary import Course, build_glossary

    check_deck_url(deck_url)
    if output is not None and str(output) == "-":
        output = None  # the usual spelling of standard output, not a file called "-"
    chosen = choose_format(fmt, output)
    settings = Settings.from_env()
    for path in user_dicts:
        if not path.is_file():
            raise CommandError(f"{path}: no such dictionary file")
    if user_dicts:
        settings = settings.with_changes(
            user_dictionaries=settings.user_dictionaries + tuple(user_dicts)
        )
    found = deck_files(decks)
    files = found.files
    if output is not None and real_path(output) in {real_path(file) for file in files}:
        # Slides are meant to be appended to the deck by hand, never written over it.
        raise CommandError(f"{output}: is one of the input decks; choose another output file")
    lexicon = open_lexicon(settings.for_course(*found.folders))

    glossaries, failed = read_course(
        files, found.is_course, lambda deck: build_glossary(deck, lexicon)
    )
    subject: Glossary | Course
    if found.is_course:
        subject = Course(course or default_course_name(decks, glossaries), tuple(glossaries))
    else:
        subject = glossaries[0]

    for glossary in glossaries:
        for message in glossary.messages:
            say(f"{glossary.deck.name}: {message}")

    pieces = render(
        subject, chosen, settings=settings, deck_url=deck_url, terms_per_slide=terms_per_slide
    )
    if output is None:
        # Made whole before the first byte goes out: an error never leaves half a glossary.
        text = "".join(pieces)
        click.echo(text, nl=not text.endswith("\n"))
    else:
        write_pieces_atomically(output, pieces)
        terms = plural(sum(len(g.terms) for g in glossaries), "term")
        decks_note = f" from {plural(len(glossaries), 'deck')}" if found.is_course else ""
        say(f"Wrote {output} ({chosen}, {terms}{decks_note}).")
    exit_if_failed(failed, len(files))


COMMANDS: tuple[click.Command, ...] = (glossary_command,)
