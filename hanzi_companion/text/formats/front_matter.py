"""Front matter (``---`` YAML ``---`` at the top of a markdown deck), read with a YAML parser;
Hugo's TOML front matter (``+++`` TOML ``+++``) with Python's TOML parser.

Jekyll pages, Marp decks and many markdown notes start with it; it gives the deck's title,
date, author and options (``marp: true``) and is never a slide. Values come back as text:
dates as ISO dates, lists joined with commas, nested mappings left out.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import TYPE_CHECKING

from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.formats.remark import REMARK_PROPERTIES

if TYPE_CHECKING:
    import yaml

_FRONT_KEY = compile_pattern(r"^[\w-]+[ \t]*:", re.ASCII)
_HEADING_LINE = compile_pattern(r"^(#{1,6})[ \t]")
# A key someone turned off with a YAML comment (``# headingDivider: 2 #以二级标题分割``).
_COMMENTED_KEY = LazyPattern(r"^#[ \t]*[\w-]+[ \t]*:", re.ASCII)

FrontMatter = dict[str, str]


def split_front_matter(text: str) -> tuple[str, FrontMatter]:
    """Split front matter off the top of ``text``: (the rest, its values by lower-case key).

    A remark deck may also start with ``---`` (an empty first slide) followed by slide
    properties; it is front matter only if it starts with a ``key:`` line, holds no markdown
    heading (a key commented out, ``# headingDivider: 2``, is YAML's comment, not a heading),
    and has a key remark does not know as a property or a ``layout`` that is not
    ``true``/``false``.
    """
    block, rest = front_block(text)
    if block is None:
        toml, rest = toml_block(text)
        loaded = load_toml(toml) if toml is not None else None
        return (rest, _toml_values(loaded)) if loaded is not None else (text, {})
    if any(_heading(line) for line in block.split("\n")):
        return text, {}  # a markdown heading: these are slides, not YAML
    values = parse_front_matter(block)
    foreign = [key for key in values if key not in REMARK_PROPERTIES]
    layout = values.get("layout", "true").lower()
    if not foreign and layout in ("true", "false"):
        return text, {}
    return rest, values


def _heading(line: str) -> bool:
    return bool(_HEADING_LINE.match(line)) and not _COMMENTED_KEY.match(line)


def front_block(text: str) -> tuple[str | None, str]:
    """The block between the opening ``---`` and the closing one, and what follows it."""
    block, rest = _fenced_block(text, "---")
    if block is None or not _FRONT_KEY.match(block.lstrip("\n")):
        return None, text
    return block, rest


def toml_block(text: str) -> tuple[str | None, str]:
    """Hugo's TOML front matter between ``+++`` lines, and what follows it."""
    return _fenced_block(text, "+++")


def _fenced_block(text: str, fence: str) -> tuple[str | None, str]:
    """The block between a ``fence`` line opening the text and the next one (or the text's
    last line), and what follows it; (None, text) when the text opens no such block."""
    if not text.startswith(fence + "\n"):
        return None, text
    start = len(fence) + 1
    end = text.find(f"\n{fence}\n", start - 1)
    if end < 0:
        if not text.endswith("\n" + fence):
            return None, text
        end = len(text) - start
    return text[start:end], text[end + start + 1 :]


def load_toml(block: str) -> dict[str, object] | None:
    """The values of a TOML block, or None when it is not TOML. tomllib is imported here: a
    deck without TOML front matter never loads it."""
    import tomllib

    try:
        return tomllib.loads(block)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


def _toml_values(loaded: dict[str, object]) -> FrontMatter:
    values = {key.strip().lower(): _text(value) for key, value in loaded.items()}
    return {key: value for key, value in values.items() if value is not None}


def parse_front_matter(block: str) -> FrontMatter:
    """The values of a YAML block, as text by lower-case key.

    Front matter is often not strict YAML (``title: Week 3: Water`` has two colons); such a
    block is read line by line instead, each ``key: value`` line taken as written.
    """
    loaded = load_yaml(block)
    if isinstance(loaded, dict):
        values = {str(key).strip().lower(): _text(value) for key, value in loaded.items()}
        return {key: value for key, value in values.items() if value is not None}
    return _line_values(block)


@functools.cache
def _plain_loader() -> type[yaml.SafeLoader]:
    """YAML's safe loader without aliases: ``*a`` may stand for a tree of aliases that
    expands to billions of items (a "billion laughs"), and a deck's metadata never needs one.
    Made on first use: a deck without front matter never imports YAML."""
    import yaml

    class PlainLoader(yaml.SafeLoader):
        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            if self.check_event(yaml.AliasEvent):
                raise yaml.composer.ComposerError(None, None, "aliases are not read")
            return super().compose_node(parent, index)

    return PlainLoader


@functools.lru_cache(maxsize=1)
def load_yaml(text: str) -> object:
    """The value of a small YAML document (front matter, a Marp directive comment), or None
    when it is not one: invalid YAML, aliases, tags the safe loader does not know, values it
    cannot construct (a 13th month), nesting deeper than the parser's stack.

    The deck's metadata and its vocabulary are both read from the same front matter: the
    last document read is kept until :func:`forget_loaded`, so it is parsed once (a 2 MB list
    of flashcards: 3.4 s). Callers read the value and never change it."""
    import yaml

    # libyaml's loader is several times faster (a 2 MB list of flashcards: 2.7 s, not 7.3 s)
    # but cannot be told to refuse aliases: it reads only text in which no alias can stand.
    fast = getattr(yaml, "CSafeLoader", None)
    loader = _plain_loader() if fast is None or _MAY_ALIAS.search(text) else fast
    try:
        return yaml.load(text, Loader=loader)  # a safe loader: no Python tags
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return None


def forget_loaded() -> None:
    """Let go of the last YAML document read (a deck's front matter may be megabytes)."""
    load_yaml.cache_clear()


# An alias (``*name``) opens a node: at a line's start, after a key's colon, a list's dash, a
# flow bracket or comma. Text with none of these cannot hold one (a ``*`` elsewhere, as in
# "5 * 3", only sends the text to the slower loader).
_MAY_ALIAS = compile_pattern(r"(?:^|[\s\[{,:-])\*", re.MULTILINE)


def _text(value: object) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return str(value).strip()
    if isinstance(value, list):
        items = [_text(item) for item in value]
        return ", ".join(item for item in items if item)
    return None  # a nested mapping: options of some tool, nothing a deck's metadata needs


def _line_values(block: str) -> FrontMatter:
    values: FrontMatter = {}
    for line in block.split("\n"):
        # other lines continue a value (a quoted description over several lines) or a list
        if _FRONT_KEY.match(line):
            key, _, value = line.partition(":")
            values.setdefault(key.strip().lower(), value.strip().strip("\"'"))
    return values
