"""Lexicon commands: lookup, search, index, about."""

from __future__ import annotations

from typing import Any

import click

from hanzi_companion.cli.common import (
    CommandError,
    check_text_argument,
    handle_errors,
    open_lexicon,
    progress_bar,
    use_colour,
)
from hanzi_companion.lexicon import index as lexicon_index
from hanzi_companion.lexicon.lexicon import normalise_query
from hanzi_companion.lexicon.models import Entry, QueryKind
from hanzi_companion.lexicon.pinyin import tone_terminal
from hanzi_companion.render.lexicon_json import (
    CEDICT_ATTRIBUTION,
    lookup_json,
    search_json,
    sentences_json,
)
from hanzi_companion.settings import Settings
from hanzi_companion.wording import plural

_KINDS = {
    "auto": None,
    "hanzi": QueryKind.HANZI,
    "pinyin": QueryKind.PINYIN,
    "english": QueryKind.ENGLISH,
}


def _json_text(payload: dict[str, Any]) -> str:
    """``--json`` output (its writer imported only then: text is the usual answer)."""
    from hanzi_companion.render.json_text import json_text

    return json_text(payload, indent=2)


def _entry_lines(
    entry: Entry, number: int | None = None, words: tuple[str, ...] | None = None
) -> list[str]:
    head = click.style(entry.simplified, bold=True)
    if entry.traditional != entry.simplified:
        head += f" ({entry.traditional})"
    reading = tone_terminal(entry.pinyin_numbered, colour=use_colour(), words=words)
    prefix = f"{number:>2}. " if number is not None else ""
    lines = [f"{prefix}{head}  {reading}"]
    indent = " " * (len(prefix) + 2)
    for sense in entry.senses:
        label = "" if sense.kind.value == "meaning" else f"[{sense.kind.value}] "
        lines.append(f"{indent}- {label}{sense.text}")
    if entry.classifiers:
        lines.append(f"{indent}  classifiers: {', '.join(entry.classifiers)}")
    if entry.source != "CC-CEDICT":
        lines.append(f"{indent}  source: {entry.source}{': ' + entry.note if entry.note else ''}")
    return lines


@click.command()
@click.argument("word")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@handle_errors
def lookup(word: str, as_json: bool) -> None:
    """Look up WORD (characters): every reading, the chosen one first.

    Example: hanzi-companion lookup 创
    """
    word = normalise_query(check_text_argument(word))
    lexicon = open_lexicon()
    entries = lexicon.lookup(word)
    reading = lexicon.reading(word)
    if as_json:
        payload = lookup_json(
            word,
            entries,
            reading,
            lexicon.script(word),
            lexicon.other_form(word),
            lexicon.links(word),
        )
        payload["examples"] = sentences_json(word, lexicon.sentences(word))
        click.echo(_json_text(payload))
        return
    if not entries:
        guess = tone_terminal(reading.pinyin_numbered, colour=use_colour())
        raise CommandError(
            f"{word!r} is in no dictionary (pypinyin reads it {click.unstyle(guess)}); "
            f"try: hanzi-companion search {word}"
        )
    other = lexicon.other_form(word)
    click.echo(f"{word}  [{lexicon.script(word)}]" + (f"  other form: {other}" if other else ""))
    for number, entry in enumerate(entries, start=1):
        words = lexicon.pinyin_words(entry.simplified, entry.pinyin_numbered)
        click.echo("\n".join(_entry_lines(entry, number, words)))
    click.echo("links: " + "  ".join(f"{link.site} <{link.url}>" for link in lexicon.links(word)))
    click.echo(click.style(f"Data: {CEDICT_ATTRIBUTION}", dim=True))


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--kind",
    type=click.Choice(list(_KINDS)),
    default="auto",
    show_default=True,
    help="Read the query as characters, pinyin or English.",
)
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@handle_errors
def search(query: tuple[str, ...], kind: str, limit: int, as_json: bool) -> None:
    """Search by characters, pinyin (with or without tones) or English.

    Examples: hanzi-companion search chuangxin; hanzi-companion search chuang4 xin1;
    hanzi-companion search innovation
    """
    text = " ".join(check_text_argument(q) for q in query)
    lexicon = open_lexicon()
    results = lexicon.search(text, kind=_KINDS[kind], limit=limit)
    if as_json:
        click.echo(_json_text(search_json(results)))
        return
    also = f" (also tried as {', '.join(k.value for k in results.also)})" if results.also else ""
    click.echo(
        f"{plural(len(results.hits), 'result')} for {results.query!r} as {results.kind.value}{also}"
    )
    for number, hit in enumerate(results.hits, start=1):
        entry = hit.entry
        words = lexicon.pinyin_words(entry.simplified, entry.pinyin_numbered)
        reading = tone_terminal(entry.pinyin_numbered, colour=use_colour(), words=words)
        gloss = "; ".join(entry.definitions[:3])
        click.echo(f"{number:>3}. {entry.simplified}  {reading}  {gloss}")
    if not results.hits:
        click.echo("Nothing found. Try characters, pinyin such as 'chuangxin', or an English word.")


@click.command("index")
@click.option("--force", is_flag=True, help="Rebuild even when the indexes are up to date.")
@handle_errors
def build_index(force: bool) -> None:
    """Build the compiled dictionary and character indexes (else done on first use).

    Example: hanzi-companion index
    """
    from hanzi_companion.lexicon import character_index

    settings = Settings.from_env()
    for label, module in (
        ("dictionary index", lexicon_index),
        ("character index", character_index),
    ):
        path = module.index_path(settings)
        if path.is_file() and not force:
            click.echo(f"{label} up to date: {path}")
            continue
        with progress_bar(f"Building the {label}") as report:
            module.build_index(settings, path, report)
        click.echo(f"{label} built: {path}")


@click.command()
def about() -> None:
    """Data sources and their licences."""
    from hanzi_companion.lexicon.sources import DATA_SOURCES

    click.echo("hanzi-companion uses:")
    for source in DATA_SOURCES:
        where = f", {source.url}" if source.url else ""
        click.echo(f"  - {source.name}{where}: {source.used_for}. Licence: {source.licence}")
    click.echo("See dictionaries/README.md for every source, version, licence and checksum.")


COMMANDS: tuple[click.Command, ...] = (lookup, search, build_index, about)
