"""The ``site`` command: a course folder to a static website. It parses options, shows a
progress bar and calls :func:`hanzi_companion.site.build_site`; the site logic lives there."""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Any

import click

from hanzi_companion.cli.common import CommandError, course_option, handle_errors, open_lexicon, say
from hanzi_companion.settings import Settings
from hanzi_companion.wording import plural


@click.command("site")
@click.argument("course_dir", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=Path),
    help="The site folder: new, empty, or a site this command built before (it is replaced "
    "as a whole, atomically).",
)
@course_option("Course name (default: the decks' course metadata, else the folder's name).")
@click.option(
    "--deck-url",
    default="",
    metavar="URL",
    help="Where the slides are published, so slide numbers link to them; {name} and {stem} "
    "stand for the deck's file name and its name without suffix.",
)
@click.option("--force", is_flag=True, help="Render every page again, even unchanged decks.")
@handle_errors
def site_command(
    course_dir: Path, output: Path, course: str | None, deck_url: str, force: bool
) -> None:
    """Build a static website of a course folder's slide decks.

    The site has an index of the weeks with their characters of the week, a glossary page
    per deck, a page per character of the week (with its stroke order), Anki packages per
    week and for the whole course, each deck's glossary JSON (for the slides' pop-up
    script) and a search page. Links are relative: open index.html from disk or upload the
    folder to any static host.

    Rebuilding is incremental (unchanged decks are not rendered again) and atomic (the new
    site replaces the old one only when it is complete).

    \b
    Examples:
      hanzi-companion site lectures/ -o public/
      hanzi-companion site lectures/ -o public/ --course "Chinese Cities"
      hanzi-companion site lectures/ -o public/ --deck-url "https://example.org/slides/{stem}.html"
    """
    from hanzi_companion.site import build_site

    if deck_url and not re.match(r"https?://", deck_url):
        raise CommandError("--deck-url must start with http:// or https://")
    # The course folder's own dictionary (course.u8 beside the decks) joins the bundled ones.
    lexicon = open_lexicon(Settings.from_env().for_course(course_dir))
    with contextlib.ExitStack() as stack:
        # The bar appears with the first step, so an error in the arguments prints alone.
        bars: list[Any] = []
        shown = {"done": 0}

        def report(stage: str, done: int, total: int) -> None:
            if not bars:
                bar = click.progressbar(
                    length=max(total, 1), label="Building the site", file=sys.stderr
                )
                bars.append(stack.enter_context(bar))
            bars[0].length = max(total, 1)
            bars[0].update(done - shown["done"])
            shown["done"] = done

        summary = build_site(
            course_dir,
            output,
            lexicon,
            report,
            course=course,
            deck_url_template=deck_url,
            force=force,
        )
    for message in summary.skipped:
        say(f"{message} (skipped)")
    for message in summary.messages:
        say(message)
    for message in summary.failed:
        say(f"{message} (left out of the site)")
    decks = len(summary.decks)
    if summary.unchanged:
        what = f"already up to date ({plural(decks, 'deck')})"
    else:
        rendered = len(summary.rendered_decks)
        what = (
            f"{plural(decks, 'deck')} ({rendered} rendered, {decks - rendered} unchanged), "
            f"{plural(len(summary.characters), 'character page')}"
        )
    say(f"Site {output}: {what}. Open {output / 'index.html'}")
    if summary.failed:
        total = len(summary.decks) + len(summary.failed)
        names = ", ".join(m.split(":", 1)[0] for m in summary.failed)
        say(f"{len(summary.failed)} of {plural(total, 'deck')} failed: {names}")
        raise click.exceptions.Exit(1)


COMMANDS: tuple[click.Command, ...] = (site_command,)
