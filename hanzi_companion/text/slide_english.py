"""The English a slide gives for a term, read from the text around it.

Each reader looks on one side of the term in one layout and returns the English it finds
("" when none): in parentheses or quotes after the term, after a label and a comma, just
before it (``Innovation – 创新``, ``the gated compound 封闭小区``), after it to the end of the
line (``创客 maker``), on a vocabulary line after the term's romanisation (``小年 xiǎo nián
Little New Year``), in another cell of a table row (``Ich heiße... | 我叫... | wǒ jiào...``),
on the line above a line holding only the term. :func:`gloss_readers`
lists them in the order they are tried; :func:`tidy_gloss` cleans what they return.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hanzi_companion.patterns import LazyPattern, compile_pattern
from hanzi_companion.text.han import HAN_CLASS, HAN_PIECE, HAN_RUN, has_han
from hanzi_companion.text.syllables import is_toned
from hanzi_companion.text.wordlists import CLAUSE_WORDS, META_WORDS, NAME_CONNECTORS

LOOK = 200  # characters looked at on each side of a term (keeps extraction linear)
LATIN_WORD = compile_pattern(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿĀ-žǍ-ǜ]+)*")
QUOTES = {
    '"': '"',
    "“": "”",
    "«": "»",
    "‘": "’",
    "'": "'",
    "「": "」",
    "『": "』",
    "《": "》",
    "【": "】",
}


_GLOSS_MAX_WORDS = 8  # English in parentheses or quotes next to a term


_BARE_GLOSS_MAX_WORDS = 5  # English written right before a term with nothing around it


_LINE_GLOSS_MAX_WORDS = 6  # a line of English just above a line holding only the term


# Words that announce a translation after a term: ``创新 means innovation``.
_GLOSS_MARKERS = compile_pattern(r"^(?:means|meaning|i\.e\.|signifie|veut dire|=)\s+", re.I)


_GLOSS_DELIMITERS = compile_pattern(r"(?:^|\s[-–—•|]\s|[;:,.!?(\[{]|\s[-–—•]$)")


_BULLET_START = compile_pattern(r"^\s*(?:[-–—•*+|>]\s+|\d+[.)]\s+)?")


_ARTICLE = compile_pattern(r"^(?:the|a|an)\s+", re.IGNORECASE)


# A determiner opening a bare phrase ("the work unit 单位"): dropped before the clause test.
_DETERMINER = compile_pattern(r"^(?:the|a|an|le|la|les|l['’]|un|une|des)\s*(?<=\s|['’])", re.I)


# A short label opening a line or list item: "1992:", "Step 2:", "Shenzhen:".
_LABEL_OPENER = compile_pattern(r"^\s*(?:[-–—•*+|>]\s+)?[^\s:]+(?:\s[^\s:]+){0,2}:$")


# A quotation right after the term, or after a comma and an article (``工厂, the "factory"``).
_QUOTED_AFTER = compile_pattern(r"\s*(?:[,:]\s*(?:(?:the|a|an)\s+)?)?([\"“«‘'「『])", re.IGNORECASE)


# Slide furniture that is never the English of a term.
_SLIDE_LABEL = compile_pattern(
    r"^(?:characters? of the (?:week|day|lesson)|caract[èe]res? de la semaine|"
    r"(?:week|semaine|lecture|session)\s*\d+)$",
    re.IGNORECASE,
)


# A count opening a phrase ("four special economic zones", "3 cities").
_COUNT = compile_pattern(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|"
    r"thousands?|millions?|several|many|some)\s+(?=\S)",
    re.IGNORECASE,
)


_CLOSING_QUOTE = compile_pattern(r"\s*[»”\"’'」』》]")


_PAREN_CONTENT = compile_pattern(r"\s*[(（]([^()（）]*)[)）]")  # ASCII or full-width


_NAME_IN_PARENTHESES = compile_pattern(
    r"[(（]([^()（）,，]+)[,，]\s*$"
)  # "(AliResearch, " before a term


_DIGITS_END = compile_pattern(r"(?<=[(（])\d+$")  # "(21" before 世纪…: the term's own number


def content_stems(text: str) -> frozenset[str]:
    """Lowercase content words of English, crudely stemmed (villages ~ village, urbanisation ~
    urbanization) so a slide's wording and a dictionary's can be compared."""
    stems = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if len(word) < 3 or word in CLAUSE_WORDS:
            continue
        word = word.replace("isation", "ization").replace("ise", "ize")
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith(("sses", "xes", "ches", "shes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        stems.add(word)
    return frozenset(stems)


def translation_below(line: str, runs: list[re.Match[str]], following: str) -> list[str]:
    """English clauses of the line below a line of Chinese only, one per run, when the counts
    agree: 「先生产、后生活」 over "Production first, living second"."""
    if len(runs) < 2 or not following.strip():
        return []
    between = HAN_RUN.sub("", line)
    if re.search(r"[^\W\d_]", between) or re.search(r"\d", between):
        return []  # the line says more than its Chinese: not a slogan on its own
    text = _BULLET_START.sub("", re.sub(r"^\s*#+\s*", "", following)).strip()
    if len(text) > 1 and text[0] in QUOTES and text[-1] == QUOTES[text[0]]:
        text = text[1:-1]
    if not _latin_only(text):
        return []
    clauses = [c.strip(" .!?\"'“”") for c in re.split(r"[,;，；]", text)]
    if len(clauses) != len(runs) or not all(LATIN_WORD.search(c) for c in clauses):
        return []
    if any(len(_words(c)) > _GLOSS_MAX_WORDS for c in clauses):
        return []
    return clauses


_SENTENCE_MARKS = compile_pattern(r"[，。！？；、：]")
_SENTENCE_HAN = 6  # Han characters that make a line without punctuation a sentence
_TRANSLATION_WORDS = 3  # Latin words a line needs to be a sentence's translation


def translation_beside(lines: tuple[str, ...], index: int) -> str:
    """The line of English next to a line of Chinese only that holds a sentence or a quote
    (左祖右社，面朝后市 under "ancestral temple on the left, ...; court in front, market
    behind"), blank lines skipped; "" when neither side or both sides are English (paragraphs
    in two languages by turns: which one translates it, the text does not say). A line of a
    word or two (a vocabulary list's 羊肉 / lamb) is no sentence."""
    line = lines[index]
    if not has_han(line) or LATIN_WORD.search(line):
        return ""
    if not _SENTENCE_MARKS.search(line) and len("".join(HAN_RUN.findall(line))) < _SENTENCE_HAN:
        return ""
    found = [_english_beside(lines, index, step) for step in (1, -1)]
    english = [text for text in found if text]
    return english[0] if len(english) == 1 else ""


def _english_beside(lines: tuple[str, ...], index: int, step: int) -> str:
    """The nearest line that is not blank on one side, when it is a sentence of English."""
    other = index + step
    while 0 <= other < len(lines) and not lines[other].strip():
        other += step
    if not 0 <= other < len(lines) or not _latin_only(lines[other]):
        return ""
    return lines[other] if len(LATIN_WORD.findall(lines[other])) >= _TRANSLATION_WORDS else ""


def _words(text: str) -> list[str]:
    return text.split()


def _latin_only(text: str) -> bool:
    return bool(text) and not has_han(text) and LATIN_WORD.search(text) is not None


def tidy_gloss(text: str, labels: frozenset[str]) -> str:
    text = text.strip().strip("-–—•|:;,=").strip()
    if len(text) > 1 and text[0] in QUOTES and text[-1] == QUOTES[text[0]]:
        text = text[1:-1].strip()
    text = _ARTICLE.sub("", text) if len(_words(text)) > 1 else text
    if not _latin_only(text) or text.lower() in labels or _SLIDE_LABEL.search(text):
        return ""
    counted = _COUNT.sub("", text)
    text = counted if LATIN_WORD.search(counted) else text
    text = _name_ending(text)
    letters = sum(ch.isalpha() for ch in text)
    if letters < 2:
        return ""
    return text


def _name_ending(text: str) -> str:
    """The name a phrase ends with, when prose leads into it: "built by China Merchants" is
    China Merchants, "compare Hong Kong's Urban Renewal Authority" the Authority's name."""
    words = text.split()
    position = len(words)
    while position > 0 and (
        words[position - 1][:1].isupper()
        or (
            words[position - 1].lower() in NAME_CONNECTORS
            and position < len(words)
            and position - 1 > 0
        )
    ):
        position -= 1
    while position < len(words) and not words[position][:1].isupper():
        position += 1  # a name starts with a capital, not with its connector
    name = words[position:]
    lead = words[:position]
    if not lead or not name or not any(w[:1].islower() for w in lead):
        return text
    if len(name) >= 2 or lead[-1].lower() in CLAUSE_WORDS:
        return " ".join(name)
    return text


def _quoted_before(head: str) -> str | None:
    """The quoted phrase ending ``head`` ("Grasp the large, let go of the small")."""
    stripped = head.rstrip()
    if not stripped:
        return None
    close = stripped[-1]
    for opening, closing in QUOTES.items():
        if close == closing:
            begin = stripped.rfind(opening, 0, len(stripped) - 1)
            if begin >= 0:
                return stripped[begin + 1 : -1]
    return None


def _gloss_before(line: str, start: int, end: int) -> tuple[str, bool]:
    """English written just before the term (``English (term)``, ``English term``); bare?"""
    head = line[max(0, start - LOOK) : start]
    same = _NAME_IN_PARENTHESES.search(head)
    if same is not None and _latin_only(same.group(1)):  # "(AliResearch, 阿里研究院)"
        return same.group(1).strip(), False
    head = _DIGITS_END.sub("", head)  # "(21世纪海上丝绸之路)": the number belongs to the term
    in_parentheses = head.rstrip().endswith("(")
    if in_parentheses:
        head = head.rstrip()[:-1]
    elif head[-1:] not in (" ", ""):
        return "", True
    quoted = _quoted_before(head)
    if quoted is not None:
        return (quoted if len(_words(quoted)) <= _GLOSS_MAX_WORDS else ""), False
    shared = _JOINED_TERM.match(line, end, end + LOOK) is not None  # "redevelopment: 旧改 and 拆迁"
    return _phrase_before(head, in_parentheses, shared=shared), not in_parentheses


# Another term joined to the one before it by a list separator or a conjunction.
_JOINED_TERM = LazyPattern(r"\s*(?:[,，、/&;；]\s*|(?:and|or|et|und|y|o)\s+)+" f"[{HAN_CLASS}]")


def _phrase_before(head: str, in_parentheses: bool, *, shared: bool = False) -> str:
    """The English phrase closing ``head``; with ``shared`` (more Chinese follows the term on
    its line) a label before a separator names what all of them are about, not the term."""
    separated = re.search(r"\s*[-–—:=]\s*$", head) if not in_parentheses else None
    if separated is not None:  # ``Innovation – 创新``, ``Innovation: 创新``
        head = head[: separated.start()]
        if not head.strip() or _GLOSS_DELIMITERS.split(head)[-1] != head or shared:
            return ""  # the English must be the whole line before the separator
    pieces = _GLOSS_DELIMITERS.split(head)
    phrase = pieces[-1] if pieces else head
    opened_by = head[: len(head) - len(phrase)]
    bullet = _BULLET_START.match(phrase)
    if bullet is not None and bullet.end():  # "- the gated compound 封闭小区"
        opened_by, phrase = opened_by + phrase[: bullet.end()], phrase[bullet.end() :]
    phrase = phrase.strip()
    if in_parentheses and (has_han(phrase) or len(_words(phrase)) > _GLOSS_MAX_WORDS):
        # A longer clause ending in a name: "… to the Drum and Bell Towers (钟鼓楼)".
        tail = HAN_PIECE.split(phrase)[-1].strip()
        name = _name_ending(tail)
        if name != tail and len(_words(name)) <= _GLOSS_MAX_WORDS:
            return name
    if not phrase or has_han(phrase):
        return ""
    limit = _GLOSS_MAX_WORDS if in_parentheses else _BARE_GLOSS_MAX_WORDS
    if len(_words(phrase)) > limit:
        return ""
    if not in_parentheses:
        # Bare English counts only when it starts the line, a list item or follows a label
        # ("1992: Deng Xiaoping's southern tour 南巡"), and is not a clause.
        before = opened_by.rstrip()
        if (
            before
            and not re.search(r"(?:^|\s)[-–—•|]$", before)
            and not _LABEL_OPENER.match(before)
        ):
            return ""
        phrase = _DETERMINER.sub("", phrase).strip()
        if _is_clause(phrase) or _points_at_term(phrase):
            return ""
    return phrase


def _points_at_term(phrase: str) -> bool:
    words = re.findall(r"[^\W\d_]+", phrase.lower())
    return bool(words) and words[-1] in META_WORDS


def _quoted_after(line: str, start: int, end: int) -> str:
    """Quoted English right after the term: ``杀出一条血路, "blaze a bloody trail"``."""
    match = _QUOTED_AFTER.match(line, end)
    if match is None or line[start - 1 : start] == match.group(1):
        return ""  # the term's own closing quote ("山寨" phones), not a quotation after it
    closing = QUOTES[match.group(1)]
    close = line.find(closing, match.end(), match.end() + LOOK)
    if close < 0:
        return ""
    content = line[match.end() : close].strip()
    if len(_words(content)) > _GLOSS_MAX_WORDS or not _latin_only(content):
        return ""
    return content


def _is_clause(phrase: str) -> bool:
    words = re.findall(r"[^\W\d_]+", phrase.lower())
    return not words or words[0] in CLAUSE_WORDS or words[-1] in CLAUSE_WORDS


def _gloss_in_parentheses_after(line: str, end: int) -> str:
    """English in parentheses right after the term: ``精准扶贫 (targeted poverty alleviation)``,
    also after the quote closing it (``« 三旧改造 » (three olds redevelopment)``)."""
    closing = _CLOSING_QUOTE.match(line, end)
    match = _PAREN_CONTENT.match(line, closing.end() if closing else end)
    if match is None:
        return ""
    content = match.group(1).strip()
    if len(_words(content)) > _GLOSS_MAX_WORDS or not re.search(r"[A-Za-z]{2}", content):
        return ""
    return content


def _gloss_after(line: str, start: int, end: int) -> str:
    """English right after the term up to the end of the line or a clause: ``创客 maker``."""
    head = line[max(0, start - LOOK) : start].rstrip()
    if head and not (has_han(head[-1]) or head[-1] in "-–—•*|,;:/(、，；"):
        return ""  # the term sits inside a sentence: what follows continues the sentence
    tail = line[end : end + LOOK]
    separator = re.match(r"(?:\s*[-–—:=|])+\s+", tail)
    if separator is not None:  # ``创新 – innovation``, ``创新: innovation``, a table's cells
        tail = " " + tail[separator.end() :]
    if not tail.startswith(" ") or tail.strip()[:1] in ("(", "（", ""):
        return ""
    tail = " " + _GLOSS_MARKERS.sub("", tail.lstrip())
    phrase = re.split(r"[;:,.!?()\[\]/|]|\s[-–—]\s", tail, maxsplit=1)
    candidate = phrase[0].strip()
    if not candidate or has_han(candidate) or len(_words(candidate)) > _BARE_GLOSS_MAX_WORDS:
        return ""
    if _is_clause(candidate):
        return ""
    # The English must close the line or the list item: what follows is nothing, or the next
    # Chinese term (``创客 maker, 黑客 hacker``), not more prose.
    rest = tail[len(phrase[0]) :].lstrip(" ;:,.!?)]-–—/|")
    if _EXPLANATION_END.fullmatch(rest):
        rest = ""  # "Little New Year (23rd of the 12th month)": a note on the English
    if rest.strip() and not has_han(rest.strip()[:1]):
        return ""
    return candidate


_EXPLANATION_END = LazyPattern(r"\s*\([^()]*\)\s*[.]?\s*")

# A short sentence closed by its punctuation, then its translation closing the line:
# ``你好吗? How are you?``, ``我很好。 I am fine (very good).``
_SENTENCE_CLOSE = compile_pattern(r"[?？。！!.]")
_TRANSLATION = compile_pattern(r"\s+([A-Z][^\u3000-\u9fff\U00020000-\U0003ffff]*?)\s*[.]?\s*$")
_TRANSLATION_MAX_WORDS = 10


def _sentence_translation(line: str, start: int, end: int) -> str:
    """The English sentence after a Chinese sentence the term is whole, from its start to
    its closing punctuation (``你好吗? How are you?``): what the sentence says. A word cut
    from a longer sentence (中文 in 他说中文。) has Chinese before it and takes none."""
    if (start and has_han(line[start - 1])) or not _SENTENCE_CLOSE.match(line, end):
        return ""
    match = _TRANSLATION.match(line, end + 1)
    if match is None or len(_words(match.group(1))) > _TRANSLATION_MAX_WORDS:
        return ""
    return match.group(1)


_INFINITIVE = compile_pattern(r"^to\s+(?=\S)", re.IGNORECASE)


_CELL_SEPARATOR = compile_pattern(r"^(?:\s*[-–—:=|])+\s*")


def _vocabulary_english(line: str, end: int) -> str:
    """On a vocabulary line (a term, its romanisation blanked out, then English), the first
    sense of the English after it: ``买 年 货 | mǎi nián huò | to buy New Year goods``,
    ``吃 chī to eat, to consume``. An infinitive is a gloss here, not a clause."""
    tail = _CELL_SEPARATOR.sub("", line[end : end + LOOK].lstrip())
    tail = HAN_PIECE.split(tail, maxsplit=1)[0].split("|")[0]  # up to the next term or cell
    first = re.split(r"[;,/(]|\s[-–—]\s", tail, maxsplit=1)[0].strip().rstrip(".")
    if not first or len(_words(first)) > _GLOSS_MAX_WORDS:
        return ""
    return "" if _is_clause(_INFINITIVE.sub("", _DETERMINER.sub("", first))) else first


def _gloss_after_comma(line: str, start: int, end: int) -> str:
    """English after a comma closing the line, when a label opens it: "orientation: 坐北朝南,
    sitting in the north and facing south"."""
    head = line[max(0, start - LOOK) : start]
    if not _LABEL_OPENER.match(head.rstrip()):
        return ""
    match = re.match(r"\s*[,;]\s+([^,;:()]+?)[.!]?\s*$", line[end : end + LOOK])
    if match is None or end + LOOK < len(line):
        return ""
    phrase = match.group(1).strip()
    if has_han(phrase) or len(_words(phrase)) > _GLOSS_MAX_WORDS or _is_clause(phrase):
        return ""
    return phrase


def _gloss_line(line: str, labels: frozenset[str]) -> str:
    """A short line of English (a heading) just above a line holding only the term."""
    text = _BULLET_START.sub("", line).strip()
    text = _PAREN_CONTENT.sub(
        lambda m: "" if m.group(1).strip().lower() in labels else m.group(0), text
    ).strip()
    if (
        not _latin_only(text)
        or any(ch.isdigit() for ch in text)
        or len(_words(text)) > _LINE_GLOSS_MAX_WORDS
    ):
        return ""
    return text


_CELL = LazyPattern(r"[^|]+")
_CELL_EDGES = " \t.…?？!！。:：;；"


def _cells(line: str) -> list[re.Match[str]]:
    """The cells of a table row as the deck readers write it (``Hallo | 你好 | nǐ hǎo``)."""
    return list(_CELL.finditer(line)) if " | " in line else []


def _cell_text(cell: re.Match[str]) -> str:
    return cell.group().strip(_CELL_EDGES)


def _translation_cell(text: str) -> bool:
    """A cell that may say what a term means: words of a Latin-script language, no Chinese,
    no digits, no pinyin (``nǐ hǎo``, ``xie4 xie``), short."""
    if not _latin_only(text) or any(ch.isdigit() for ch in text):
        return False
    letters = re.sub(r"[^\w\s'’]", " ", text)
    return not is_toned(letters) and len(_words(text)) <= _GLOSS_MAX_WORDS


def _column_constant(index: int, text: str, count: int, neighbours: tuple[str, str]) -> bool:
    """True when the row above or below has the same text in that column (an audio link's
    "Listen", a "yes" column): the column says no one row's meaning."""
    for neighbour in neighbours:
        cells = _cells(neighbour)
        if len(cells) == count and _cell_text(cells[index]) == text:
            return True
    return False


def _nearest_cell(cells: list[re.Match[str]], indexes: range, neighbours: tuple[str, str]) -> str:
    """The first translation cell among ``indexes``, stopping at a cell of other Chinese."""
    for index in indexes:
        text = _cell_text(cells[index])
        if has_han(text):
            return ""  # another term's cell: what lies beyond it is that term's
        if _translation_cell(text) and not _column_constant(index, text, len(cells), neighbours):
            return text
    return ""


def _table_cell(line: str, start: int, end: int, previous: str, following: str) -> str:
    """In a table row whose cell holds just the term, the translation in another cell of the
    row (``Ich heiße... | 我叫... | wǒ jiào...``): the nearest cell of Latin-script words on
    one side only. A header row (no row above it) gives none, nor a row where both sides
    hold such cells (``苹果 | apple | 香蕉 | banana``: which is whose?)."""
    cells = _cells(line)
    if len(cells) < 2 or len(_cells(previous)) != len(cells):
        return ""
    own = next((i for i, c in enumerate(cells) if c.start() <= start and end <= c.end()), None)
    if own is None:
        return ""
    rest = line[cells[own].start() : start] + line[end : cells[own].end()]
    if rest.strip(_CELL_EDGES):
        return ""  # the cell says more than the term: other readers read it
    neighbours = (previous, following)
    before = _nearest_cell(cells, range(own - 1, -1, -1), neighbours)
    after = _nearest_cell(cells, range(own + 1, len(cells)), neighbours)
    return "" if before and after else before or after


Reader = Callable[[], tuple[str, bool]]
"""A reader: (English found, bare?). Bare English (not in parentheses or quotes) counts
only when it says what the term means, not when it is a link's label or a topic."""


def gloss_readers(
    line: str,
    start: int,
    end: int,
    han: str,
    previous: str,
    labels: frozenset[str],
    *,
    vocabulary_line: bool = False,
    following: str = "",
) -> list[Reader]:
    """The readers for the term ``line[start:end]``, in the order they are tried; each is
    read only when the ones before it gave nothing.

    On a ``vocabulary_line`` (the term, its romanisation, English) the English after the
    romanisation comes after the English before the term (urban renewal 城市更新 (chengshi
    gengxin): the 2009 rules). ``previous`` and ``following`` are the lines around it (a
    table's rows above and below).
    """
    readers: list[Reader] = [
        lambda: (_gloss_in_parentheses_after(line, end), False),
        lambda: (_quoted_after(line, start, end), False),
        lambda: (_table_cell(line, start, end, previous, following), False),
        lambda: (_sentence_translation(line, start, end), True),
        # After a label, the English closing the line says what the term means, the
        # label what it is about ("orientation: 坐北朝南, sitting in the north...").
        lambda: (_gloss_after_comma(line, start, end), True),
        lambda: _gloss_before(line, start, end),
        lambda: (_gloss_after(line, start, end), True),
    ]
    if vocabulary_line:
        readers.insert(-1, lambda: (_vocabulary_english(line, end), True))
    if len(han) > 1 and not line[:start].strip() and not line[end:].strip():
        readers.append(lambda: (_gloss_line(previous, labels), True))
    return readers
