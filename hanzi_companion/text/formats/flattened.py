"""The flattened form of a remark deck: a whole deck (or each slide) joined onto one line.

:func:`unflatten` turns it back into remark markdown, read then like any remark deck.
"""

from __future__ import annotations

import re

from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.formats.remark import NOTES, REMARK_PROPERTIES, SEPARATOR, STEP
from hanzi_companion.text.han import HAN_MARK, han_shape, is_han
from hanzi_companion.text.markup import LINK_PATTERN as _LINK

# Class names common enough in remark decks to be read as classes after a space, not prose.
_KNOWN_CLASSES = frozenset(
    [
        "center",
        "middle",
        "left",
        "right",
        "top",
        "bottom",
        "inverse",
        "cover",
        "hljs-default",
        "hljs-dark",
        "hljs-light",
        "title-slide",
        "title",
        "large",
        "small",
        "big",
        "full",
        "dark",
        "light",
        "red",
        "blue",
        "green",
        "nord",
        "normal",
    ]
)
# Content classes that lay out blocks (their content sits on lines of its own).
_BLOCK_CLASS = compile_pattern(
    r"(?:footnote|column|col|left|right|center|pull|grid|row|box|caption|quote|notes?|"
    r"container|panel|cell|half|third|quarter)",
    re.I,
)


_FLAT_TOKEN = compile_pattern(
    r"(?=[-?`~#*0-9>|\[\]<.])"  # every token starts with one of these: a cheap first test
    r"(?:(?P<sep>(?<!\S)---?(?!\S))"
    r"|(?P<notes>(?<!\S)\?\?\?(?!\S))"
    r"|(?P<fence>(?<!\S)(?:`{3,}|~{3,})[\w+-]*(?!\S))"
    r"|(?P<heading>(?<!\S)#{1,6}(?=\s))"
    r"|(?P<item>(?<!\S)[-*](?=\s))"
    r"|(?P<number>(?<!\S)\d{1,2}[.)](?=\s))"
    r"|(?P<quote>(?<!\S)>(?=\s))"
    r"|(?P<row>\|[ \t]+\|)"
    r"|(?P<definition>(?<!\S)\[[^\[\]\n]+\]:(?=[ \t]))"
    r"|(?P<tag><(?:script|style|div|p|img|iframe|table|video|audio|figure|ul|ol|blockquote)\b)"
    r"|(?P<cls>(?<![\w\\.-])(?:\.[A-Za-z_-][\w-]*)+\[)"
    r"|(?P<open>\[)|(?P<close>\]))",
    re.I,
)
_FLAT_KEY = compile_pattern(
    r"\s*(" + "|".join(re.escape(key) for key in REMARK_PROPERTIES) + r")[ \t]*:"
)
_FLAT_CLASS = compile_pattern(r"[ \t]*([a-z_][\w-]*)")
_FLAT_CLASS_AFTER_COMMA = compile_pattern(r"[ \t]*,[ \t]*([a-z_][\w-]*)")
_FLAT_CLASS_AFTER_SPACE = compile_pattern(r"[ \t]+([a-z_][\w-]*)")
_FLAT_COMMA = compile_pattern(r"[ \t]*,")
_FLAT_URL = compile_pattern(r"[ \t]*(url\((?:\"[^\"\n]*\"|'[^'\n]*'|[^()\s]*)\))")
_FLAT_WORD = compile_pattern(r"[ \t]*([\w#%.-]+)")
_FLAT_COLON_NEXT = compile_pattern(r"[ \t]*:")
_STEP_FOLLOWER = LazyPattern(r"#|[-*>][ \t]|\d{1,2}[.)][ \t]|!\[|<|\||```|~~~|\.[A-Za-z_-][\w-]*\[")
# How far after a lower-case "1." item 2 is looked for: bounded, so long lines stay linear.
_ITEM_LOOKAHEAD = 300
_SECOND_ITEM = LazyPattern(r"(?<!\S)2[.)][ \t]+\S")
_FLAT_BREAK = LazyPattern(r"(?<!\S)(?:---?|\?\?\?|#{1,6})(?!\S)")
_SENTENCE_END = frozenset('.!?:)]"”」』。！？')
_QUOTE_AFTER = frozenset(':.!?"”»)」')


def _flat_properties(text: str, position: int) -> tuple[list[tuple[str, str]], int]:
    """Remark properties written inline right after a separator (``class: inverse, center``)."""
    found: list[tuple[str, str]] = []
    while True:
        key_match = _FLAT_KEY.match(text, position)
        if not key_match:
            return found, position
        key = key_match.group(1)
        position = key_match.end()
        value = ""
        if key == "class":
            position, value = _flat_classes(text, position)
        elif key == "background-image":
            url = _FLAT_URL.match(text, position)
            if url:
                value = url.group(1)
                position = url.end()
        else:
            word = _FLAT_WORD.match(text, position)
            if word and not _FLAT_COLON_NEXT.match(text, word.end()):
                value = word.group(1)
                position = word.end()
        found.append((key, value))


def _flat_classes(text: str, position: int) -> tuple[int, str]:
    """The value of an inline ``class:`` property: names after commas, known names after
    spaces, never a name followed by a colon (the next property); a trailing comma is kept."""
    start = position
    first = _FLAT_CLASS.match(text, position)
    if first is None or _FLAT_COLON_NEXT.match(text, first.end()):
        return position, ""
    position = first.end()
    while True:
        after_comma = _FLAT_CLASS_AFTER_COMMA.match(text, position)
        if after_comma and not _FLAT_COLON_NEXT.match(text, after_comma.end()):
            position = after_comma.end()
            continue
        after_space = _FLAT_CLASS_AFTER_SPACE.match(text, position)
        if (
            after_space
            and after_space.group(1) in _KNOWN_CLASSES
            and not _FLAT_COLON_NEXT.match(text, after_space.end())
        ):
            position = after_space.end()
            continue
        comma = _FLAT_COMMA.match(text, position)
        if comma:
            position = comma.end()
        return position, text[start:position].strip()


def unflatten(text: str) -> str:
    """Turn a deck flattened onto one line back into remark markdown, line by line.

    Separators (`` --- ``), steps (`` -- `` before a block or after a sentence), notes
    (`` ??? ``), slide properties right after a separator, headings (``#`` runs), list items
    (once a slide has a heading or a list), numbered items, quotes, code fences, table rows,
    link definitions and layout content classes each start a line again. A heading ends
    where the next block starts: a heading followed by a plain paragraph cannot be told
    apart from a long heading once the lines are gone.
    """
    lines = [line.strip() for line in _Unflattener(text).run().split("\n")]
    for index, line in enumerate(lines):
        if index and line.startswith("|") and _TABLE_RULE_LINE.match(line):
            lines[index - 1] = _split_table_header(lines[index - 1], line.count("|"))
    return "\n".join(
        _split_heading_links(_split_heading_clause(_split_heading_sentence(line)))
        for line in "\n".join(lines).split("\n")
    )


_TABLE_RULE_LINE = LazyPattern(r"\|(?:[ \t]*:?-+:?[ \t]*\|)+$")


def _split_table_header(line: str, pipes: int) -> str:
    """Put a table's header row (as many ``|`` as its rule line) on a line of its own."""
    position = len(line)
    for _ in range(pipes):
        position = line.rfind("|", 0, position)
        if position < 0:
            return line
    if position == 0:
        return line
    return line[:position].rstrip() + "\n" + line[position:]


class _Unflattener:
    """The state of one pass over a flattened deck (see :func:`unflatten`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[str] = []
        self.last_char = ""  # the last non-space character written
        self.brackets: list[bool] = []  # open brackets: is it a layout content class
        self.in_fence = False
        self.reset()

    def reset(self, continued: bool = False) -> None:
        """A new slide, step (``continued``) or notes section starts."""
        self.at_start = True  # nothing written yet
        self.has_heading = False
        self.in_heading = False  # the last block started was a heading
        self.in_list = False
        self.in_quote = False
        self.after_item = False  # a list marker was just written: a heading stays on its line
        self.after_heading = False  # a heading marker was just written: "# 1. Title" is one
        self.last_char = ""
        self.in_fence = False
        self.brackets.clear()
        if not continued:
            self.last_number = 0  # numbered lists go on across ``--`` steps

    def write(self, piece: str) -> None:
        self.out.append(piece)
        stripped = piece.rstrip()
        if stripped:
            self.last_char = stripped[-1]
            self.at_start = False
            self.after_item = False
            self.after_heading = False

    def block(self, token: str) -> None:
        """Start a line with a block marker."""
        self.out.append("\n" + token)
        self.in_heading = False
        self.in_quote = False

    def properties(self, position: int) -> int:
        found, end = _flat_properties(self.text, position)
        for key, value in found:
            self.out.append(f"{key}: {value}\n")
        return end

    def new_slide(self, marker: str, position: int) -> int:
        self.out.append("\n" + marker + "\n")
        self.reset(continued=marker == STEP)
        return self.properties(position)

    def numbered_item(self, number: int, next_char: str, follower_at: int) -> bool:
        """Whether ``N.`` starts a numbered list item. A list counts 1, 2, 3 ("on March 18.
        The" holds none); an item starts like a sentence, or in lower case ("1. city
        clusters") when the list shows it is one: item 1 followed closely by item 2, or the
        next number of a list already under way."""
        if number not in (1, self.last_number + 1):
            return False
        if next_char.isupper() or _is_han(next_char) or next_char in '[*_"“':
            return True
        if not next_char.isalpha():
            return False
        if number > 1:
            return self.in_list or self.at_start  # a list going on (across a ``--`` step too)
        window = self.text[follower_at : follower_at + _ITEM_LOOKAHEAD]
        second = _SECOND_ITEM.search(window)
        return second is not None and _FLAT_BREAK.search(window, 0, second.start()) is None

    def run(self) -> str:
        text = self.text
        position = self.properties(0)
        while True:
            match = _FLAT_TOKEN.search(text, position)
            if match is None:
                self.write(text[position:])
                break
            between = text[position : match.start()]
            if between.strip():
                self.write(between)
            else:
                self.out.append(between)
            position = match.end()
            kind = match.lastgroup or ""
            if self.in_fence and kind not in ("fence", "sep"):
                self.write(match.group())
                continue
            position = self.token(kind, match.group(), position)
        return "".join(self.out)

    def token(self, kind: str, token: str, position: int) -> int:
        """Write one token; return where to go on (properties may follow a separator)."""
        text = self.text
        follower_at = (
            position
            + len(text[position : position + 64])
            - len(text[position : position + 64].lstrip())
        )
        next_char = text[follower_at : follower_at + 1]
        if kind == "sep":
            return self.separator(token, position, follower_at, next_char)
        if kind in ("item", "number"):
            self.item(kind, token, next_char, follower_at)
        elif kind in ("cls", "open", "close"):
            self.bracket(kind, token)
        else:
            self.block_token(kind, token)
        return position

    def separator(self, token: str, position: int, follower_at: int, next_char: str) -> int:
        """``---`` starts a slide; ``--`` a step when a block or a sentence follows it."""
        if token == SEPARATOR:
            return self.new_slide(SEPARATOR, position)
        follows_block = _STEP_FOLLOWER.match(self.text, follower_at) is not None
        after_sentence = self.last_char in _SENTENCE_END and (
            next_char.isupper() or next_char.isdigit() or _is_han(next_char)
        )
        if follows_block or after_sentence:
            return self.new_slide(STEP, position)
        self.write(token)
        return position

    def item(self, kind: str, token: str, next_char: str, follower_at: int) -> None:
        """A list marker (``-``, ``1.``): a line of its own where a list can start."""
        starts_item = kind == "item" or self.numbered_item(int(token[:-1]), next_char, follower_at)
        if (
            starts_item
            and not self.after_heading
            and (self.at_start or self.in_list or self.has_heading)
        ):
            self.block(token)
            self.in_list = self.after_item = True
            if kind == "number":
                self.last_number = int(token[:-1])
        else:
            self.write(token)

    def block_token(self, kind: str, token: str) -> None:
        """Notes, fences, headings, quotes, table rows, definitions and block tags."""
        if kind == "notes":
            self.out.append("\n" + NOTES + "\n")
            self.reset()
        elif kind == "fence":
            self.out.append("\n" + token + "\n")
            self.in_fence = not self.in_fence
            self.in_heading = self.in_quote = False
        elif kind == "heading":
            if self.after_item:
                self.out.append(token)
            else:
                self.block(token)
            self.has_heading = self.in_heading = self.after_heading = True
            self.after_item = False
        elif kind == "quote":
            if (
                self.at_start
                or self.in_heading
                or self.last_char in _QUOTE_AFTER
                or (self.in_quote and self.last_char in ",;")
            ):
                self.block(token)
                self.in_quote = True
            else:
                self.write(token)
        elif kind == "row":
            self.write("|")
            self.out.append("\n|")
        elif kind == "definition" or self.in_heading:  # a definition or a block tag
            self.block(token)
        else:
            self.write(token)

    def bracket(self, kind: str, token: str) -> None:
        """Content classes (``.footnote[``) and brackets: a layout class is a block."""
        if kind == "cls":
            is_layout = any(_BLOCK_CLASS.search(name) for name in token[1:-1].split("."))
            self.brackets.append(is_layout)
            if is_layout:  # a class inside a heading is inline: "# 90s .small[“下海”]"
                self.block(token)
            else:
                self.write(token)
        elif kind == "open":
            self.brackets.append(False)
            self.write(token)
        else:  # a closing bracket
            is_layout = self.brackets.pop() if self.brackets else False
            self.write(token)
            if is_layout:
                self.out.append("\n")
                self.in_heading = self.in_quote = False


# Searched in the line's Han shape (each Han character written HAN_MARK).
_HEADING_SENTENCE_END = compile_pattern(
    f'(?<=[^\\W\\d_]|{HAN_MARK})[ \\t]?[!?！？](?=[ \\t]+["“«(]?[A-Z\\d{HAN_MARK}])'
)


def _split_heading_sentence(line: str) -> str:
    """End a flattened heading at its first ``!`` or ``?`` when more text follows: the rest
    was a paragraph under it (``# Happy Birthday Shenzhen! June 30th, 2018``)."""
    if not line.startswith("#") or not ("?" in line or "!" in line or "？" in line or "！" in line):
        return line
    found = _HEADING_SENTENCE_END.search(han_shape(line))
    if found is None:
        return line
    return line[: found.end()] + "\n" + line[found.end() :].lstrip()


# A heading written as a Chinese sentence or slogan (clause punctuation inside it), then an
# English sentence: ``### 城市，让生活更美好 Better City, Better Life (Expo 2010)``.
_CHINESE_CLAUSE = f"[\u3000-\u303f{HAN_MARK}\uff01-\uff1f]*"  # in the line's Han shape
_HEADING_CLAUSE = compile_pattern(
    f"(#{{1,6}}[ \\t]+{HAN_MARK}{_CHINESE_CLAUSE}[，、。；：！？]{_CHINESE_CLAUSE})"
    r"[ \t]+(?=[A-Z][a-z]+[ \t,]+[A-Za-z])"
)


def _split_heading_clause(line: str) -> str:
    """End a flattened heading that is a whole Chinese clause (slogan, quotation) where an
    English sentence starts after it: that sentence was a paragraph under the heading, often
    its translation, which the glossary reads clause by clause."""
    if not line.startswith("#"):
        return line
    found = _HEADING_CLAUSE.match(han_shape(line))
    if found is None:
        return line
    return line[: found.end(1)] + "\n" + line[found.end() :]


_LINK_SEPARATORS = frozenset(" \t/|·,;:–—-")


def _split_heading_links(line: str) -> str:
    """End a flattened heading before a trailing run of links (``# 创 [A](..) / [B](..)``).

    Such a run (two links or more, separated by punctuation only, or one after a heading in
    characters only) is a line of links written under the heading, like the dictionary links
    of a "character of the week" slide.
    """
    if not line.startswith("#") or "](" not in line:
        return line
    spans = [match.span() for match in _LINK.finditer(line)]
    if not spans or not all(char in _LINK_SEPARATORS for char in line[spans[-1][1] :]):
        return line
    first = len(spans) - 1
    while first > 0 and all(
        char in _LINK_SEPARATORS for char in line[spans[first - 1][1] : spans[first][0]]
    ):
        first -= 1
    head = line[: spans[first][0]].rstrip()
    words = head.lstrip("#").strip()
    if not words or head.endswith("("):
        return line
    # One link is enough after a heading written in characters only (``# 创 [Dictionary](..)``);
    # after English words it may be the heading's own link (``## See [the plan](..)``).
    if len(spans) - first < 2 and not all(_is_han(char) or char in " ·" for char in words):
        return line
    return head + "\n" + line[spans[first][0] :]


_FLAT_CLOSING = LazyPattern(r"\s---(?:\s+|$)")


def split_flat_front_matter(body: str) -> tuple[str, dict[str, str]]:
    """Front matter flattened too: ``--- layout: post title: ... ---`` at the very start."""
    stripped = body.lstrip()
    if not stripped.startswith("--- "):
        return body, {}
    closing = _FLAT_CLOSING.search(stripped, 3)
    if closing is None:
        return body, {}
    block = stripped[4 : closing.start()]
    keys = list(re.finditer(r"(?:^|\s)([A-Za-z][\w-]*):(?:\s|$)", block))
    if not keys or keys[0].start() > 0:
        return body, {}
    values: dict[str, str] = {}
    for index, match in enumerate(keys):
        stop = keys[index + 1].start() if index + 1 < len(keys) else len(block)
        values[match.group(1).lower()] = block[match.end() : stop].strip().strip("\"'")
    foreign = [key for key in values if key not in REMARK_PROPERTIES]
    if not foreign and values.get("layout", "true").lower() in ("true", "false"):
        return body, {}
    return stripped[closing.end() :], values


def _is_han(char: str) -> bool:
    return bool(char) and is_han(char)
