"""The command-line interface: parse, call the library, format. No business logic here.

The group is lazy: a command's module (and whatever it imports: genanki, the glossary, the
text layer, Flask) is imported only when that command runs, so ``lookup`` does not pay for
``anki``. The help listing reads each command's one-line summary from :data:`COMMANDS`
without importing anything; a test keeps those summaries equal to the commands' own help.
"""

from __future__ import annotations

import gc
import importlib
from dataclasses import dataclass

import click

from hanzi_companion import __version__


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives (``module:attribute`` under ``hanzi_companion.cli``) and its
    one-line summary for the help listing."""

    target: str
    summary: str

    def load(self) -> click.Command:
        module_name, attribute = self.target.split(":")
        try:
            module = importlib.import_module(f"hanzi_companion.cli.{module_name}")
        except KeyboardInterrupt:  # Ctrl-C while the modules load: the shell's status, quietly
            raise SystemExit(130) from None
        command = getattr(module, attribute)
        assert isinstance(command, click.Command)
        return command


COMMANDS: dict[str, LazyCommand] = {
    "about": LazyCommand("lexicon_commands:about", "Data sources and their licences."),
    "anki": LazyCommand(
        "anki_commands:anki_command", "Make an Anki package (.apkg) of one or more slide decks."
    ),
    "char": LazyCommand(
        "character_commands:char",
        "Profile of one CHARACTER: readings and words, forms, radical, structure, formation, "
        "HSK level, sound and meaning families, stroke order.",
    ),
    "glossary": LazyCommand(
        "glossary_commands:glossary_command", "Make the glossary of one or more slide decks."
    ),
    "index": LazyCommand(
        "lexicon_commands:build_index",
        "Build the compiled dictionary and character indexes (else done on first use).",
    ),
    "lookup": LazyCommand(
        "lexicon_commands:lookup",
        "Look up WORD (characters): every reading, the chosen one first.",
    ),
    "search": LazyCommand(
        "lexicon_commands:search",
        "Search by characters, pinyin (with or without tones) or English.",
    ),
    "serve": LazyCommand("web_commands:serve", "Run the web UI and JSON API."),
    "sheet": LazyCommand(
        "sheet_commands:sheet_command",
        "Write the practice sheet (PDF or SVG) of a DECK's characters of the week.",
    ),
    "site": LazyCommand(
        "site_commands:site_command", "Build a static website of a course folder's slide decks."
    ),
}


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use (see :data:`COMMANDS`)."""

    def __init__(self, *args: object, lazy: dict[str, LazyCommand], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in self.lazy:
            command = self.lazy[cmd_name].load()
            self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command listing from the stored summaries: nothing is imported for ``--help``."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.lazy:
                # The same shortening click applies to a command's own help.
                text = click.Command(name, help=self.lazy[name].summary).get_short_help_str(limit)
                rows.append((name, text))
            elif not self.commands[name].hidden:
                rows.append((name, self.commands[name].get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="hanzi-companion")
def cli() -> None:
    """hanzi-companion: a Chinese character study companion.

    Dictionary data: CC-CEDICT (CC BY-SA 4.0, MDBG) and others; see `hanzi-companion about`.
    """


# A command allocates a few hundred thousand objects, nearly all kept until it exits (modules,
# the lexicon's tables, the deck's terms): with Python's default threshold (700) the collector
# walked them some fifty times per command, about a tenth of a cold glossary's time, and
# found almost nothing to free. At this threshold a seed glossary runs no collection; a deck
# of megabytes still does, every 50,000 new container objects.
GC_THRESHOLD = 50_000


def main() -> None:
    """Console-script entry point."""
    gc.set_threshold(GC_THRESHOLD)
    try:
        cli(prog_name="hanzi-companion")
    finally:
        # The interpreter's last collection walks every object only to free what exit frees
        # anyway; frozen objects are left out of it (7 ms of a 60 ms look-up).
        gc.freeze()
