"""The command-line interface: parse, call the library, format. No business logic here."""

from __future__ import annotations

import click

from hanzi_companion import __version__
from hanzi_companion.cli import (
    anki_commands,
    character_commands,
    glossary_commands,
    lexicon_commands,
    sheet_commands,
    site_commands,
    web_commands,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hanzi-companion")
def cli() -> None:
    """hanzi-companion: a Chinese character study companion.

    Dictionary data: CC-CEDICT (CC BY-SA 4.0, MDBG) and others; see `hanzi-companion about`.
    """


for _module in (
    lexicon_commands,
    character_commands,
    glossary_commands,
    anki_commands,
    web_commands,
    sheet_commands,
    site_commands,
):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="hanzi-companion")
