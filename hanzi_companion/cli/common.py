"""Shared edge helpers: domain errors become one-line click errors with exit status 2."""

from __future__ import annotations

import functools
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

import click

from hanzi_companion.errors import HanziCompanionError
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import Settings
from hanzi_companion.wording import without_controls

P = ParamSpec("P")
R = TypeVar("R")


class CommandError(click.ClickException):
    """A one-line error, exit status 2 (bad input or data), no traceback."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(without_controls(message))  # file names may hold escape sequences


def say(message: str, *, err: bool = True) -> None:
    """A message for the terminal (stderr by default) without control characters: a file
    name or a deck holding escape sequences must not drive the user's terminal. (click strips
    colour codes only when the stream is not a terminal, and other sequences never.)"""
    click.echo(without_controls(message), err=err)


def handle_errors(function: Callable[P, R]) -> Callable[P, R]:
    """Turn the project's exceptions (and a few OS ones) into :class:`CommandError`."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except HanziCompanionError as exc:
            raise CommandError(str(exc)) from None
        except UnicodeEncodeError as exc:
            if exc.encoding.replace("-", "").lower() == "utf8":
                # Only lone surrogates fail in UTF-8: bytes that were not UTF-8 in the input.
                raise CommandError("the input is not valid UTF-8 text") from None
            raise CommandError(
                f"the output is Chinese text, which this terminal's encoding ({exc.encoding}) "
                "cannot show; use a UTF-8 locale (LANG=C.UTF-8) or set PYTHONIOENCODING=utf-8"
            ) from None
        except MemoryError:
            raise CommandError("the input is too large to process") from None
        except sqlite3.DatabaseError as exc:
            raise CommandError(_damaged_cache(exc)) from None

    return wrapper


def _damaged_cache(exc: sqlite3.DatabaseError) -> str:
    """The one-line error for a compiled cache found damaged in the middle of a run (the
    checks on opening it passed); the damaged file is removed, so the next run rebuilds it."""
    from hanzi_companion.lexicon.lexicon import discard_damaged_caches

    settings = Settings.from_env()
    damaged = discard_damaged_caches(settings)
    if damaged:
        path, why = damaged[0]
        return f"{path}: the cache was damaged ({why}) and is removed; run the command again"
    return (
        f"a cache in {settings.cache_dir} is damaged ({exc}); remove the files there and run "
        "the command again"
    )


class _FirstNameShown(click.Option):
    """An option whose further names are old spellings: accepted, not shown in help."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        names, self.opts = self.opts, self.opts[:1]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = names


def course_option(help_text: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """``--course NAME``, the one spelling of the course name in every command (``--course-name``,
    the glossary command's old spelling, still works)."""

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise CommandError("--course must not be empty")
        return value

    return click.option(
        "--course",
        "--course-name",
        "course",
        cls=_FirstNameShown,
        default=None,
        metavar="NAME",
        callback=check,
        help=help_text,
    )


def check_text_argument(value: str, what: str = "query") -> str:
    """Reject arguments that arrived as invalid UTF-8 (surrogate escapes from the shell)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise CommandError(f"the {what} is not valid UTF-8 text") from None
    return value


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on stderr, driven by ``(stage, done, total)`` progress callbacks."""
    with click.progressbar(length=100, label=label, file=sys.stderr) as bar:
        shown = [0]

        def report(stage: str, done: int, total: int) -> None:
            percent = int(100 * done / total) if total else 0
            if percent > shown[0]:
                bar.update(percent - shown[0])
                shown[0] = percent

        yield report
        bar.update(100 - shown[0])


def open_lexicon(settings: Settings | None = None, *, quiet: bool = False) -> Lexicon:
    """Open the lexicon; when the index must be built, show a progress bar on stderr (and
    another one if the English search tables are built later in the command)."""
    from hanzi_companion.lexicon import index, sqlite_cache

    settings = settings or Settings.from_env()
    later = None if quiet else deferred_progress_bar("Building the English search index (once)")
    path = index.index_path(settings)  # digests every source: computed once per command
    if path.is_file() and sqlite_cache.problem(path, index.SCHEMA_VERSION) is None:
        return Lexicon(path, settings, later)
    if quiet:
        return Lexicon.open(settings)
    with progress_bar("Building the dictionary index (once)") as report:
        lexicon = Lexicon.open(settings, report)
    lexicon.build_progress = later
    return lexicon


def deferred_progress_bar(label: str) -> Callable[[str, int, int], None]:
    """A progress callback whose bar appears on stderr at its first report (only if there is
    a build to report) and is closed at the last one (done == total)."""
    bars: list[Any] = []
    shown = [0]

    def report(stage: str, done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=100, label=label, file=sys.stderr))
            bars[0].__enter__()
        percent = int(100 * done / total) if total else 0
        if percent > shown[0]:
            bars[0].update(percent - shown[0])
            shown[0] = percent
        if total and done >= total:
            bars.pop().__exit__(None, None, None)
            shown[0] = 0

    return report


def use_colour() -> bool:
    """Colour only on a terminal (click strips styles elsewhere too)."""
    return sys.stdout.isatty()


@contextmanager
def deck_progress(count: int, label: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr, one step per deck, when there are several; nothing for one."""
    if count < 2:
        yield lambda: None
        return
    with click.progressbar(length=count, label=label, file=sys.stderr) as bar:
        yield lambda: bar.update(1)
