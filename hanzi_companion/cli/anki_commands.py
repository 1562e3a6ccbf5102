"""The ``anki`` command: slide decks to one Anki package (.apkg). It parses options, calls the
reader, the glossary builder and the Anki renderer; no glossary or Anki logic lives here."""

from __future__ import annotations

import re
from pathlib import Path

import click

from hanzi_companion.cli.common import (
    CommandError,
    course_option,
    handle_errors,
    open_lexicon,
    say,
)
from hanzi_companion.cli.glossary_commands import (
    deck_files,
    default_course_name,
    exit_if_failed,
    read_course,
)
from hanzi_companion.files import is_stream, real_path
from hanzi_companion.glossary import Course, Glossary, build_glossary
from hanzi_companion.render.anki import character_profiles, plan_package, write_package
from hanzi_companion.settings import Settings
from hanzi_companion.wording import plural


@click.command("anki")
@click.argument("decks", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The package to write (a name ending in .apkg), written atomically; - for standard "
    "output.",
)
@course_option(
    "Course name, the top-level deck in Anki (default: the decks' course metadata, "
    "else the folder's name)."
)
@click.option(
    "--deck-url",
    default="",
    metavar="URL",
    help="Where the slides are published, so the Source field links each slide; {name} and "
    "{stem} stand for the deck's file name and its name without suffix.",
)
@handle_errors
def anki_command(decks: tuple[Path, ...], output: Path, course: str | None, deck_url: str) -> None:
    """Make an Anki package (.apkg) of one or more slide decks.

    DECK is a slide deck (remark, reveal.js, Marp or Markdown, PowerPoint .pptx, PDF, plain
    text); a folder means a course (every deck in it, in week order). Each lecture becomes a
    subdeck such as "Chinese Cities::Week 07 · 创", with "Term" notes (recognition and recall
    cards) and "Character" notes for the characters of the week (recognition and writing).

    Re-importing a later package updates notes in place and keeps review history; export the
    whole course folder each week so words seen in several lectures keep every week's tag.

    \b
    Examples:
      hanzi-companion anki week07.md -o week07.apkg
      hanzi-companion anki lectures/ -o chinese-cities.apkg --course "Chinese Cities"
      hanzi-companion anki lectures/ -o course.apkg --deck-url "https://example.org/{stem}.html"
    """
    if output.suffix.lower() != ".apkg" and not is_stream(output):
        raise CommandError(f"{output}: the package name must end in .apkg (Anki needs it)")
    if deck_url and not re.match(r"https?://", deck_url):
        raise CommandError("--deck-url must start with http:// or https://")
    found = deck_files(decks)
    files = found.files
    if real_path(output) in {real_path(path) for path in files}:
        raise CommandError(f"{output}: this is one of the input decks; choose another name")
    lexicon = open_lexicon(Settings.from_env().for_course(*found.folders))

    glossaries, failed = read_course(
        files, found.is_course, lambda deck: build_glossary(deck, lexicon)
    )
    for glossary in glossaries:
        for message in glossary.messages:
            say(f"{glossary.deck.name}: {message}")

    source: Glossary | Course
    if found.is_course:
        source = Course(course or default_course_name(decks, glossaries), tuple(glossaries))
    else:
        source = glossaries[0]
    plan = plan_package(
        source,
        course=course,
        characters=character_profiles(lexicon, glossaries),
        deck_url_template=deck_url,
    )
    if not plan.notes:
        names = ", ".join(g.deck.name for g in glossaries)
        raise CommandError(f"{names}: no Chinese terms found, nothing to put in an Anki package")
    summary = write_package(plan, output)
    terms = plural(summary.terms, "term")
    chars = plural(summary.characters, "character")
    cards = plural(summary.cards, "card")
    lectures = len(summary.decks)
    where = summary.decks[0] if lectures == 1 else f"{lectures} lecture decks of {summary.course}"
    say(f"Wrote {output}: {terms}, {chars}, {cards} in {where}.")
    exit_if_failed(failed, len(files))


COMMANDS: tuple[click.Command, ...] = (anki_command,)
