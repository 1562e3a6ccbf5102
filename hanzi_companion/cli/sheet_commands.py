"""``sheet``: a printable writing-practice sheet of a week's characters."""

from __future__ import annotations

from pathlib import Path

import click

from hanzi_companion.cli.character_commands import check_sheet_path, sheet_bytes
from hanzi_companion.cli.common import CommandError, handle_errors, open_lexicon, say
from hanzi_companion.files import real_path, write_atomically
from hanzi_companion.lexicon.characters import CharacterProfile
from hanzi_companion.render.sheet import MAX_SHEET_PAGES, deck_entries, sheet_characters
from hanzi_companion.wording import plural


@click.command("sheet")
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The sheet to write: a .pdf or .svg file (A4, one page per character).",
)
@click.option(
    "--all",
    "all_characters",
    is_flag=True,
    help="Every character of the deck's terms, not only the characters of the week.",
)
@handle_errors
def sheet_command(deck: Path, output: Path, all_characters: bool) -> None:
    """Write the practice sheet (PDF or SVG) of a DECK's characters of the week.

    One A4 page per character: 田字格 boxes, the stroke order, tracing copies fading out,
    empty boxes, pinyin and meaning. A deck that names no character of the week gets every
    character of its terms.

    \b
    Examples:
      hanzi-companion sheet week07.md -o week07-practice.pdf
      hanzi-companion sheet week07.md --all -o week07-all.svg
    """
    from hanzi_companion.glossary import build_glossary
    from hanzi_companion.text.decks import read_deck

    check_sheet_path(output)
    if real_path(output) == real_path(deck):
        raise CommandError(f"{output}: is the input deck; choose another output file")
    lexicon = open_lexicon()
    glossary = build_glossary(read_deck(deck), lexicon)

    def profile_of(char: str) -> CharacterProfile:
        return lexicon.character(char)

    wanted = len(sheet_characters(glossary, all_characters=all_characters))
    if wanted > MAX_SHEET_PAGES:
        raise CommandError(
            f"{deck}: the sheet would have {wanted} pages; at most {MAX_SHEET_PAGES}"
        )
    sheet = deck_entries(glossary, profile_of, all_characters=all_characters)
    if not sheet.entries:
        raise CommandError(f"{deck}: no character of the deck has stroke data; no sheet written")
    write_atomically(output, sheet_bytes(sheet.entries, output, lexicon.settings))
    if sheet.missing:
        say(f"no stroke data, left out: {' '.join(sheet.missing)}")
    chars = "".join(e.character for e in sheet.entries)
    say(f"Wrote {output} ({plural(len(sheet.entries), 'page')}: {chars}).")


COMMANDS: tuple[click.Command, ...] = (sheet_command,)
