"""Character commands: ``char`` prints a character's profile and writes its stroke order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import click

from hanzi_companion.cli.common import (
    CommandError,
    check_text_argument,
    handle_errors,
    open_lexicon,
    progress_bar,
    say,
    use_colour,
)
from hanzi_companion.errors import NotFoundError
from hanzi_companion.files import STDOUT, is_stream, real_path, write_atomically
from hanzi_companion.lexicon import character_index, sqlite_cache
from hanzi_companion.lexicon.characters import (
    STRUCTURE_SOURCE,
    CharacterProfile,
    ComponentRole,
    StructureNode,
)
from hanzi_companion.lexicon.hsk import level_label
from hanzi_companion.lexicon.pinyin import tone_terminal
from hanzi_companion.lexicon.strokes import StrokeData, animated_svg, frames_svg
from hanzi_companion.render.character_json import character_json
from hanzi_companion.render.json_text import json_text
from hanzi_companion.render.lexicon_json import sentences_json
from hanzi_companion.render.sheet import SheetEntry, entry_from_profile, sheet_pdf, sheet_svg
from hanzi_companion.settings import Settings
from hanzi_companion.wording import plural

_WORDS_SHOWN = 8


def _tones(numbered: str) -> str:
    return tone_terminal(numbered, colour=use_colour())


def _tree_lines(
    node: StructureNode, prefix: str = "", last: bool = True, root: bool = True
) -> list[str]:
    label = node.shape
    if node.children:
        label += f"  {node.operator} {node.layout}"
    elif node.form_of:
        label += f"  ({node.form_relation} of {node.form_of})"
    if root:
        lines = [label]
        child_prefix = ""
    else:
        lines = [prefix + ("└─ " if last else "├─ ") + label]
        child_prefix = prefix + ("   " if last else "│  ")
    for index, child in enumerate(node.children):
        lines.extend(_tree_lines(child, child_prefix, index == len(node.children) - 1, False))
    return lines


def profile_lines(profile: CharacterProfile) -> list[str]:
    """The readable profile, one line per item (tone colours on a terminal)."""
    bold = click.style(profile.character, bold=True)
    head = [bold, profile.codepoint]
    if profile.requested != profile.character:
        head.append(f"(asked as U+{ord(profile.requested):04X}, a compatibility form)")
    if profile.readings:
        head.append(" · ".join(_tones(r.pinyin_numbered) for r in profile.readings))
    if profile.traditional:
        head.append("traditional " + " ".join(profile.traditional))
    if profile.simplified:
        head.append("simplified " + " ".join(profile.simplified))
    if profile.hsk_level:
        head.append(level_label(profile.hsk_level))
    lines = ["  ".join(head)]
    if profile.block != "CJK Unified Ideographs":
        lines.append(f"Block: {profile.block}")
    if profile.variants:
        lines.append(
            "Variants: " + ", ".join(f"{v.character} ({v.relation})" for v in profile.variants)
        )
    radical = profile.radical
    facts = []
    if radical is not None:
        meaning = f' "{radical.meaning}"' if radical.meaning else ""
        facts.append(f"Radical {radical.label}, no. {radical.number}{meaning}")
    if profile.stroke_count is not None:
        extra = ""
        if radical is not None and radical.residual_strokes is not None:
            extra = f" ({radical.residual_strokes} besides the radical)"
        facts.append(f"{plural(profile.stroke_count, 'stroke')}{extra}")
    if facts:
        lines.append("; ".join(facts))

    lines.append("")
    if profile.structure is not None:
        lines.append(f"Structure, from {STRUCTURE_SOURCE}: {profile.structure.ids}")
        lines.extend("  " + line for line in _tree_lines(profile.structure))
    else:
        lines.append("Structure: no decomposition is known.")

    lines.append("")
    formation = profile.formation
    if formation is not None:
        lines.append(f"Formation, from {formation.source}: {formation.label}")
        for component in formation.components:
            said = f" {_tones(component.pinyin_numbered)}" if component.pinyin_numbered else ""
            note = f"  {component.notes}" if component.notes else ""
            lines.append(f"  {component.character}{said}  {component.role.value}{note}")
        if formation.notes:
            lines.append(f"  Notes: {formation.notes}")
    else:
        lines.append(profile.etymology_note)

    for reading in profile.readings:
        lines.append("")
        note = "" if reading.in_dictionary else "  (seen only in words; no entry of its own)"
        lines.append(click.style(_tones(reading.pinyin_numbered), bold=True) + note)
        for sense in reading.definitions:
            label = "" if sense.kind.value == "meaning" else f"[{sense.kind.value}] "
            source = "" if sense.source == "CC-CEDICT" else f" ({sense.source})"
            lines.append(f"  - {label}{sense.text}{source}")
        if reading.words:
            shown = reading.words[:_WORDS_SHOWN]
            lines.append(f"  words ({len(shown)} of {reading.word_count}):")
            for word in shown:
                level = f" [{level_label(word.hsk_level)}]" if word.hsk_level else ""
                lines.append(
                    f"    {word.simplified}  {_tones(word.pinyin_numbered)}{level}  {word.gloss}"
                )

    for family in profile.families:
        lines.append("")
        role = "sound" if family.role is ComponentRole.SOUND else "meaning"
        sound = (
            f" {_tones(family.component_pinyin_numbered)}"
            if family.component_pinyin_numbered
            else ""
        )
        if family.component == profile.character:
            title = f"{profile.character} gives its {role} to ({family.total}):"
        else:
            title = f"{role.capitalize()} family of {family.component}{sound} ({family.total}):"
        lines.append(title)
        lines.append(
            "  "
            + ", ".join(
                f"{m.character} {_tones(m.pinyin_numbered)}" if m.pinyin_numbered else m.character
                for m in family.members
            )
        )

    lines.append("")
    if profile.strokes is not None:
        lines.append(
            f"Stroke order: {plural(profile.strokes.count, 'stroke')}; write it with --svg FILE or "
            "--animated-svg FILE."
        )
    else:
        lines.append("Stroke order: no stroke data for this character.")
    if profile.links:
        lines.append("Links: " + "  ".join(f"{link.site} <{link.url}>" for link in profile.links))
    lines.append(click.style("Data: " + "; ".join(profile.sources), dim=True))
    return lines


def _ensure_character_index(settings: Settings) -> None:
    """Build the character index with a progress bar on stderr when it is missing."""
    path = character_index.index_path(settings)
    if path.is_file() and sqlite_cache.problem(path, character_index.SCHEMA_VERSION) is None:
        return
    with progress_bar("Building the character index (once)") as report:
        character_index.ensure_index(settings, report)


@click.command("char")
@click.argument("character")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.option(
    "--svg",
    "svg_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the stroke-order diagram (one frame per stroke) to this SVG file (- for "
    "standard output).",
)
@click.option(
    "--animated-svg",
    "animated_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the animated stroke order (CSS only) to this SVG file.",
)
@click.option(
    "--sheet",
    "sheet_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a printable practice sheet (A4: 田字格 boxes, stroke order, tracing) to this "
    ".pdf or .svg file.",
)
@handle_errors
def char(
    character: str,
    as_json: bool,
    svg_path: Path | None,
    animated_path: Path | None,
    sheet_path: Path | None,
) -> None:
    """Profile of one CHARACTER: readings and words, forms, radical, structure,
    formation, HSK level, sound and meaning families, stroke order.

    \b
    Examples:
      hanzi-companion char 创
      hanzi-companion char 创 --json
      hanzi-companion char 创 --svg 创.svg --animated-svg 创-animated.svg
      hanzi-companion char 创 --sheet 创-practice.pdf
    """
    for path in (svg_path, animated_path):
        if path is not None and path.suffix.lower() != ".svg" and not is_stream(path):
            # A slip (--svg week07.md) would otherwise replace a deck or notes by a drawing.
            raise CommandError(f"{path}: the drawing's file name must end in .svg")
    if sheet_path is not None:
        check_sheet_path(sheet_path)
    named = [real_path(p) for p in (svg_path, animated_path, sheet_path) if p is not None]
    if len(set(named)) < len(named):
        raise CommandError("--svg, --animated-svg and --sheet must name different files")
    lexicon = open_lexicon()
    _ensure_character_index(lexicon.settings)
    profile = lexicon.character(check_text_argument(character, "character"))
    drawings: list[tuple[Path, Callable[[StrokeData, str], str]]] = []
    if svg_path is not None:
        drawings.append((svg_path, frames_svg))
    if animated_path is not None:
        drawings.append((animated_path, animated_svg))
    strokes = profile.strokes
    if (drawings or sheet_path) and strokes is None:
        raise NotFoundError(
            profile.character, f"no stroke data for {profile.character!r}; no file written"
        )
    sheet = None
    if sheet_path is not None:
        sheet = sheet_bytes([entry_from_profile(profile)], sheet_path, lexicon.settings)
    drawing_on_stdout = any(str(path) == STDOUT for path, _ in drawings)
    if as_json and not drawing_on_stdout:
        payload = character_json(profile)
        payload["examples"] = sentences_json(
            profile.character, lexicon.sentences(profile.character)
        )
        click.echo(json_text(payload, indent=2))
    elif not drawing_on_stdout:
        click.echo("\n".join(profile_lines(profile)))
    if strokes is not None:
        for path, draw in drawings:
            write_atomically(path, draw(strokes, profile.character))
            say(f"wrote {path}")
    if sheet_path is not None and sheet is not None:
        write_atomically(sheet_path, sheet)
        say(f"wrote {sheet_path}")


SHEET_SUFFIXES = (".pdf", ".svg")


def check_sheet_path(path: Path) -> None:
    """Refuse a sheet file name that is neither .pdf nor .svg (a slip must not overwrite a
    deck), or whose folder is missing, before any work is done."""
    if path.suffix.lower() not in SHEET_SUFFIXES:
        raise CommandError(f"{path}: the practice sheet's file name must end in .pdf or .svg")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise CommandError(f"{path}: is a folder, not a file")


def sheet_bytes(entries: Sequence[SheetEntry], path: Path, settings: Settings) -> bytes:
    """The sheet in the format the file name asks for."""
    if path.suffix.lower() == ".svg":
        return sheet_svg(entries).encode("utf-8")
    return sheet_pdf(entries, settings.sheet_font_path)


COMMANDS: tuple[click.Command, ...] = (char,)
