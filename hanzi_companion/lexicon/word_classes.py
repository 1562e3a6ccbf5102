"""The usual word class of words with several senses: the part-of-speech tag jieba's
dictionary gives them (from a tagged corpus of Chinese text: the class a word is used in most).

``dictionaries/word_classes.tsv.gz`` is derived from two bundled files, CC-CEDICT and jieba's
dictionary (``word count tag``): one row per CC-CEDICT word (simplified) with more than one
definition that jieba tags with a class the sense chooser uses and its corpus saw at least
:data:`MIN_COUNT` times. It is written once
(``python -m hanzi_companion.lexicon.word_classes``) and read here, on first use; a test
regenerates it and compares.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from hanzi_companion.errors import DataFileError
from hanzi_companion.patterns import compile_pattern

WORD_CLASSES_FILE = "word_classes.tsv.gz"
_HEADER = "word\ttag"
# jieba's tags (ICTCLAS) the sense chooser can tell apart in an English definition:
# verb, noun, adjective, classifier, particles, localiser, preposition, conjunction, adverb,
# pronoun, time word. Names (nr, ns, nt, nz) are left out: the dictionary marks them itself.
USED_TAGS = frozenset(["v", "n", "a", "q", "u", "uj", "ul", "uz", "ug", "ud", "uv"])
USED_TAGS |= frozenset(["f", "p", "c", "d", "r", "t"])
# A word jieba's corpus saw fewer times has no reliable usual class (and is rarely ambiguous).
MIN_COUNT = 100


# -- which class a CC-CEDICT definition is of ---------------------------------------------------

_NOTES = compile_pattern(r"^(?:\([^)]*\)\s*)+")  # "(bound form) ", "(literary) (coverb) "
_FIRST_WORD = compile_pattern(r"[a-z']+")
_CLOSED_CLASSES = {
    "p": """with by from at in on for according based toward towards than using via along since
    until into onto about regarding concerning as per""",
    "f": """in inside on under below above over front back behind after before within among middle
    between outside beneath amid ago""",
    "c": """or and but if then both therefore so because although though however either whether
    while unless otherwise as when""",
    "d": """first already also too still again will just only very even not never always soon once
    together yet almost then really quite more most all surely certainly exactly precisely""",
    "r": """he she it its his her their they this that these those who what which such each every i
    me you we oneself one's self how where whom whose some other""",
    "t": """when time now then during today moment""",
}
_GRAMMAR_WORDS = 4  # "first month of the lunar year" is no adverb "first"
_CLOSED = {tag: frozenset(words.split()) for tag, words in _CLOSED_CLASSES.items()}
_PARTICLE = compile_pattern(r"\bparticle\b|\bmarker\b|\bcomplement\b", re.IGNORECASE)
_CLASSIFIER = compile_pattern(r"^(?:\([^)]*\)\s*)*(?:classifier|measure word)\b", re.IGNORECASE)


def fits_class(tag: str, definition: str) -> bool:
    """True when a definition is worded as a word of jieba's class ``tag``: "to ..." for a
    verb, "classifier for ..." for a classifier, a particle or marker for a particle, a
    preposition-like first word for a preposition or localiser; anything else for a noun or an
    adjective (English does not tell those apart in a definition)."""
    bare = _NOTES.sub("", definition).lower()
    first = _FIRST_WORD.match(bare)
    word = first.group() if first else ""
    if tag == "v":
        return word == "to" and not _PARTICLE.search(definition)
    if tag == "q":
        return bool(_CLASSIFIER.match(definition))
    if tag.startswith("u"):
        return bool(_PARTICLE.search(definition))
    if tag in _CLOSED:  # a grammar word's definition is a word or two ("based on", "or")
        return word in _CLOSED[tag] and len(bare.split()) <= _GRAMMAR_WORDS
    return word != "to" and not _CLASSIFIER.match(definition)  # n, a


def derive_table(cedict_lines: Iterable[str], jieba_lines: Iterable[str]) -> str:
    """The table's text from the two dictionaries' lines."""
    definitions: Counter[str] = Counter()
    for line in cedict_lines:
        if line.startswith("#") or " [" not in line:
            continue
        head, _, rest = line.partition(" [")
        simplified = head.split(" ")[-1]
        definitions[simplified] += rest.count("/") - 1
    tags: dict[str, str] = {}
    for line in jieba_lines:
        fields = line.split()
        if len(fields) != 3 or not fields[1].isdigit() or int(fields[1]) < MIN_COUNT:
            continue
        if fields[2] in USED_TAGS and definitions[fields[0]] > 1:
            tags.setdefault(fields[0], fields[2])  # a word listed twice: its first line
    return "\n".join([_HEADER, *(f"{word}\t{tag}" for word, tag in tags.items())]) + "\n"


def read_table(path: Path) -> dict[str, str]:
    """Tag by word; a damaged file names its line."""
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"unreadable: {exc}") from None
    rows = text.splitlines()[1:]
    # One split of the whole text, not one per row: read on every cold start.
    fields = "\t".join(rows).split("\t")
    words, tags = fields[0::2], fields[1::2]
    table = dict(zip(words, tags, strict=False))
    if len(fields) != 2 * len(rows) or len(table) != len(rows) or not set(tags) <= USED_TAGS:
        raise DataFileError(path, "expected one known tag per word", _bad_line(rows))
    return table


def _bad_line(rows: list[str]) -> int:
    """The line number of the first row that is no word and known tag, or is a repeat."""
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        word, tab, tag = row.partition("\t")
        if not tab or tag not in USED_TAGS or word in seen:
            return number
        seen.add(word)
    return len(rows) + 1


def _lines(path: Path) -> Iterable[str]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        yield from lines


def main(data_dir: Path) -> None:
    """Write the table from the bundled dictionaries in ``data_dir`` (byte-stable gzip)."""
    text = derive_table(
        _lines(data_dir / "cedict_ts.u8.gz"), _lines(data_dir / "jieba_dict.txt.gz")
    )
    (data_dir / WORD_CLASSES_FILE).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("dictionaries"))
