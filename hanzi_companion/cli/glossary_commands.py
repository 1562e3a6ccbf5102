"""The ``glossary`` command: a deck (or a course folder) to a JSON, Markdown, slides or HTML
glossary. It parses options, calls the reader, the builder and a renderer, and writes the
result atomically; no glossary logic lives here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hanzi_companion.cli.common import (
    CommandError,
    course_option,
    deck_progress,
    handle_errors,
    open_lexicon,
)
from hanzi_companion.files import write_atomically
from hanzi_companion.settings import Settings
from hanzi_companion.wording import plural

if TYPE_CHECKING:
    from hanzi_companion.glossary import Course, Glossary
    from hanzi_companion.text.models import Deck

# The reader, the builder and the renderers (Jinja among them) are imported when the command
# runs: every other command of the CLI would otherwise pay for them at start-up.
TERMS_PER_SLIDE = 8  # the slides renderer's default, repeated here for the option's help
FORMATS = ("json", "md", "slides", "html")
# Files of a course folder that are read as decks; anything else there is left alone.
DECK_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".html", ".htm"})
_SUFFIX_FORMATS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def deck_files(paths: tuple[Path, ...]) -> tuple[list[Path], bool]:
    """The deck files named by the arguments, and whether they make a course.

    A folder stands for every deck file directly inside it (hidden files skipped); several
    files, or any folder, make a course.
    """
    files: list[Path] = []
    course = len(paths) > 1
    for path in paths:
        if path.is_dir():
            course = True
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in DECK_SUFFIXES and not p.name.startswith(".")
            )
            if not found:
                suffixes = ", ".join(sorted(DECK_SUFFIXES))
                raise CommandError(f"{path}: no deck files ({suffixes}) in this folder")
            files.extend(found)
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
    return list(unique.values()), course


# A URL scheme at the start of the template: only http(s) may be one; a relative URL (the
# glossary page beside the slides) has none. Browsers skip leading spaces and controls.
_SCHEME = re.compile(r"^[\x00-\x20]*([A-Za-z][A-Za-z0-9+.\-]*):")


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


def default_course_name(paths: tuple[Path, ...], decks: list[Deck]) -> str:
    """The course's name: the deck metadata's if they agree, else the folder's name."""
    named = {deck.metadata.course for deck in decks if deck.metadata.course}
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
) -> str:
    """Format a glossary or a course (the renderers do the work)."""
    from hanzi_companion.glossary import Course
    from hanzi_companion.render.html import render_course_html, render_html
    from hanzi_companion.render.json import render_course_json, render_json
    from hanzi_companion.render.markdown import render_course_markdown, render_markdown
    from hanzi_companion.render.slides import render_course_slides, render_slides

    if isinstance(subject, Course):
        if fmt == "json":
            return render_course_json(subject)
        if fmt == "md":
            return render_course_markdown(subject, deck_url_template=deck_url)
        if fmt == "slides":
            return render_course_slides(subject, settings=settings, terms_per_slide=terms_per_slide)
        return render_course_html(subject, settings=settings, deck_url_template=deck_url)
    if fmt == "json":
        return render_json(subject)
    if fmt == "md":
        return render_markdown(subject, deck_url_template=deck_url)
    if fmt == "slides":
        return render_slides(subject, settings=settings, terms_per_slide=terms_per_slide)
    return render_html(subject, settings=settings, deck_url_template=deck_url)


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

    DECK is a remark deck (Markdown or HTML), a flattened deck, or plain text. A folder
    means a course: one glossary per deck in it, in week order.

    \b
    Examples:
      hanzi-companion glossary week07.md
      hanzi-companion glossary week07.md --format slides -o week07-glossary.md
      hanzi-companion glossary lectures/ -o course-glossary.html
      hanzi-companion glossary week07.html -f json --deck-url "https://example.org/{stem}.html"
    """
    from hanzi_companion.glossary import Course, build_glossary
    from hanzi_companion.text.decks import read_deck

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
    files, is_course = deck_files(decks)
    if output is not None and output.resolve() in {file.resolve() for file in files}:
        # Slides are meant to be appended to the deck by hand, never written over it.
        raise CommandError(f"{output}: is one of the input decks; choose another output file")
    lexicon = open_lexicon(settings)

    subject: Glossary | Course
    if is_course:
        read: list[Deck] = []
        with deck_progress(len(files), "Reading decks") as step:
            for path in files:
                read.append(read_deck(path))
                step()
        # build_course()'s order; the glossaries are built here one by one so that the
        # progress bar can follow.
        read.sort(key=course_order)
        name = course or default_course_name(decks, read)
        with deck_progress(len(read), "Building glossaries") as step:
            glossaries = []
            for deck in read:
                glossaries.append(build_glossary(deck, lexicon))
                step()
        subject = Course(name, tuple(glossaries))
        all_glossaries: tuple[Glossary, ...] = subject.glossaries
    else:
        subject = build_glossary(read_deck(files[0]), lexicon)
        all_glossaries = (subject,)

    for glossary in all_glossaries:
        for message in glossary.messages:
            click.echo(f"{glossary.deck.name}: {message}", err=True)

    text = render(
        subject, chosen, settings=settings, deck_url=deck_url, terms_per_slide=terms_per_slide
    )
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    write_atomically(output, text)
    terms = plural(sum(len(g.terms) for g in all_glossaries), "term")
    decks_note = f" from {plural(len(all_glossaries), 'deck')}" if is_course else ""
    click.echo(f"Wrote {output} ({chosen}, {terms}{decks_note}).", err=True)


COMMANDS: tuple[click.Command, ...] = (glossary_command,)
