"""The usual sense of common words: the sense graded example sentences use most.

``dictionaries/usual_senses.tsv`` is derived from two bundled files (CC-CEDICT and
hsk-sentences-audio) by :mod:`hanzi_companion.sentence_senses`; it is read here, once, in a
few milliseconds. One row a word: the word (simplified), the reading and the CC-CEDICT
definition its sentences use most, the votes that definition got, the word's sentences, and
the definition's wording the sentences say most when it is not its first ("first" of
"beforehand; first; earlier"; empty otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hanzi_companion.errors import DataFileError

USUAL_SENSES_FILE = "usual_senses.tsv"
_HEADER = "word\treading\tsense\tvotes\tsentences\twording"


@dataclass(frozen=True)
class UsualSense:
    """The sense of ``word`` its example sentences use most."""

    word: str
    reading: str  # numbered pinyin of the entry the sense belongs to
    sense: str  # the definition, as CC-CEDICT writes it
    votes: float  # how many sentences' English says it (shared votes count in part)
    sentences: int  # how many sentences hold the word as a token
    wording: str = ""  # the sense's wording they say most, when not its first

    def worded(self) -> str:
        """The sense with the wording its sentences say most first."""
        if not self.wording:
            return self.sense
        rest = [w.strip() for w in self.sense.split(";") if w.strip() != self.wording]
        return "; ".join([self.wording, *rest])


def format_table(rows: Iterable[UsualSense]) -> str:
    lines = [_HEADER]
    lines.extend(
        f"{r.word}\t{r.reading}\t{r.sense}\t{r.votes:g}\t{r.sentences}\t{r.wording}" for r in rows
    )
    return "\n".join(lines) + "\n"


def read_table(path: Path) -> dict[str, UsualSense]:
    """The table by word; a damaged file names its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"unreadable: {exc}") from None
    table: dict[str, UsualSense] = {}
    for number, line in enumerate(text.splitlines()[1:], start=2):
        fields = line.split("\t")
        try:
            word, reading, sense, votes, sentences, wording = fields
            table[word] = UsualSense(word, reading, sense, float(votes), int(sentences), wording)
        except ValueError:
            raise DataFileError(path, "expected 6 tab-separated fields", number) from None
    return table
