"""Accuracy of glossaries against hand-written gold glossaries: the project's one scorer.

Usage:

    python benchmarks/glossary_accuracy.py --set dev|dev2|dev3|check|seed|own [--verbose]
    python benchmarks/glossary_accuracy.py DECK GOLD.tsv [--verbose]

Sets (documents and their gold files under ``tests/data/decks/``):

- ``seed``: the course's week 7 deck (``hanzi_companion/demo_course/week07.txt``) with
  ``seed/week07.gold.tsv``;
- ``own``: ``dev_own1/`` and ``dev_own2/``, decks written by the team and tuned on;
- ``dev``: ``real/dev/*/``, real documents by other authors, to develop on;
- ``dev2``: ``real/dev2/*/``, a second development set of real documents by other authors,
  gathered and given gold glossaries after the first;
- ``dev3``: ``real/dev3/*/``, a third development set of kinds the check set showed to be weak
  (vocabulary in front matter, dialogues with pinyin, traditional-script prose);
- ``check``: ``real/check/*/``, real documents scored only when a piece of work is finished.

In a set folder each document ``NAME.EXT`` has its gold file ``NAME.gold.tsv`` beside it.

Gold format: tab-separated, UTF-8, one header line; columns ``term`` and ``pinyin`` are needed,
``gloss``, ``is_character_of_the_week``, ``note`` and ``required`` are read when present (extra
columns are ignored). ``term`` is the Han characters as the document writes them (spaces
ignored; for a mixed term such as ``AAA 货`` its Han characters ``货``); ``pinyin`` the reading
in context in tone marks; ``gloss`` the meaning in the sense the document uses.

- A row is *optional* when its ``required`` column says no/false/0/optional, or its note says
  "optional", or its note starts with "word inside" (a word of a longer term: the glossary may
  list it among that term's ``parts``; listing it as a term of its own is neither right nor
  wrong). Every other row is *required*.
- ``pinyin`` and ``gloss`` may give alternatives separated by `` | `` (``yī | yí``); in
  ``gloss``, ``;`` and ``,`` also separate wordings of the one sense meant (never list other
  senses there: "mountain stronghold; knock-off goods" accepts either).

Figures (each over every document of a set for the totals):

- recall: required rows found, as a glossary term or as a part of one (a mixed term counts for
  the row of its Han characters);
- precision: glossary terms that are gold rows, over terms that are gold rows or not in the
  gold at all (terms matching optional rows are neutral);
- readings: found rows whose reading matches the gold's (:func:`reading_matches`: syllables
  equal ignoring spaces, apostrophes and hyphens; a capitalised reading, a surname's or a
  place's, for a row the gold writes in lower case is wrong);
- glosses: found rows whose *shown sense* (the first ``; `` piece of the one-line gloss: the
  sense a student reads first; a part's own gloss for a row found only as a part) matches the
  gold gloss (:func:`gloss_matches`): the sense must be the document's, not merely among the
  entry's senses;
- characters of the week: gold rows marked ``yes`` that the glossary names, over those rows
  and the characters the glossary names (an extra character counts as an error).

A document the product cannot read (a format without a reader yet) is reported as
``unreadable``: its required rows count as missed in the totals; it adds nothing else.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hanzi_companion.errors import DeckError
from hanzi_companion.glossary import Glossary, GlossaryTerm, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.pinyin import numbered_to_marks
from hanzi_companion.settings import Settings
from hanzi_companion.text.decks import read_deck

ROOT = Path(__file__).resolve().parent.parent
DECKS = ROOT / "tests" / "data" / "decks"
SEED_DECK = ROOT / "hanzi_companion" / "demo_course" / "week07.txt"
SETS = ("seed", "own", "dev", "dev2", "dev3", "check")

_NO = {"no", "false", "0", "optional", "n"}
_GOLD_SUFFIX = ".gold.tsv"


class GoldError(ValueError):
    """A gold file cannot be read as a gold glossary."""


@dataclass(frozen=True)
class GoldRow:
    term: str
    pinyin: str
    gloss: str
    weekly: bool
    required: bool
    note: str


def read_gold(path: Path) -> list[GoldRow]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if reader.fieldnames is None or not {"term", "pinyin"} <= set(reader.fieldnames):
            raise GoldError(f"{path}: expected a header with at least 'term' and 'pinyin'")
        for row in reader:
            note = (row.get("note") or "").strip()
            required_column = (row.get("required") or "").strip().lower()
            optional = (
                required_column in _NO
                or re.search(r"\boptional\b", note, re.I) is not None
                or note.lower().startswith("word inside")
            )
            rows.append(
                GoldRow(
                    term=_key(row["term"] or ""),
                    pinyin=(row.get("pinyin") or "").strip(),
                    gloss=(row.get("gloss") or "").strip(),
                    weekly=(row.get("is_character_of_the_week") or "").strip().lower() == "yes",
                    required=not optional,
                    note=note,
                )
            )
    return rows


def _key(term: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", term.strip()))


def _han(term: str) -> str:
    return re.sub(r"[A-Za-z0-9\s]", "", term)


# -- readings -------------------------------------------------------------------------------


_ACRONYM = re.compile(r"\b[A-Z0-9]{2,}\b")  # the Latin part of a mixed term (AAA 货, O2O 平台)


def _reading_key(text: str) -> str:
    text = _ACRONYM.sub("", unicodedata.normalize("NFC", text)).lower()
    return re.sub(r"[\s'’·-]", "", text)


def reading_matches(gold: str, got: str) -> bool:
    """Whether a reading is the gold's: one of the `` | `` alternatives, syllables equal
    ignoring case, spaces, apostrophes and hyphens; but a reading with capitals (a surname's,
    a place's: ``Wáng``, ``Xīnjiāng``) for a row the gold writes without any is wrong."""
    for alternative in gold.split("|"):
        alternative = alternative.strip()
        if _reading_key(alternative) != _reading_key(got):
            continue
        if alternative == alternative.lower() and got != got.lower():
            continue
        return True
    return False


# -- glosses --------------------------------------------------------------------------------

# Words that carry no sense of their own in a gloss (articles, prepositions, CC-CEDICT's
# placeholders, labels a glossary may prefix).
_GLOSS_STOP_TEXT = (
    "a an the of and or to in on at for with by as from into about be is are sb sth s "
    "oneself etc lit literally literal fig figuratively abbr cl"
)
_GLOSS_STOP = frozenset(_GLOSS_STOP_TEXT.split())
_PREFIX = 5  # two words sharing their first five letters are one word (innovate, innovation)


def shown_sense(gloss: str) -> str:
    """The sense a glossary shows first: its one-line gloss up to the first ``; ``."""
    return gloss.split("; ")[0].strip()


# British and American spellings of one word (centre/center, colour/color, organise/organize).
_SPELLINGS = ((re.compile(r"(?<=[^aeiou])re$"), "er"), (re.compile(r"our$"), "or"))
_SPELLINGS_INSIDE = ((re.compile(r"(?<=\w{2})is(?=e|ed|es|ing|ation)"), "iz"),)


def gloss_tokens(text: str, *, keep_stop: bool = False) -> tuple[str, ...]:
    """Words of a gloss, lower case, without a plural ``s``, in American spelling; without
    the words that carry no sense unless ``keep_stop``. Tone marks and other diacritics are
    folded ("Xiǎo Wáng" is "Xiao Wang")."""
    folded = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    words = re.findall(r"[^\W\d_]+|\d+", unicodedata.normalize("NFC", folded).lower())
    out = []
    for word in words:
        if not keep_stop and word in _GLOSS_STOP:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        for pattern, replacement in (*_SPELLINGS_INSIDE, *_SPELLINGS):
            word = pattern.sub(replacement, word)
        out.append(word)
    return tuple(out)


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= _PREFIX


def _gold_alternatives(gold: str) -> list[tuple[tuple[str, ...], bool]]:
    """Each wording of the gold sense as (content words, whole): parenthesised words are
    optional. A wording made only of words such as "to be" or "and" keeps them all and must
    be the whole shown sense (its parenthesised notes aside). A separator inside parentheses
    does not split ("custody (of migrants, abolished 2003)" is one wording)."""
    alternatives = []
    for piece in re.split(r"\s*[|;,]\s*(?![^()]*\))", gold):
        bare = re.sub(r"\([^()]*\)", " ", piece)
        words = gloss_tokens(bare) or gloss_tokens(piece)
        if words:
            alternatives.append((words, False))
        elif gloss_tokens(bare, keep_stop=True):
            alternatives.append((gloss_tokens(bare, keep_stop=True), True))
    return alternatives


def gloss_matches(gold: str, shown: str) -> bool:
    """Whether a shown sense is the gold sense: for some wording of the gold (`` | ``, ``;`` or
    ``,`` separated, parenthesised words left out), at least half of its content words (rounded
    up) are among the shown sense's words, a word matching its plural, its other spelling and
    any word sharing its first five letters. "surname Wang" is not "king"; "year (CL: ...)" is
    "year"; a wording of function words only ("to be", "and") must be the whole shown sense;
    a compound matches written joined or spaced ("pot stickers" ~ "potsticker")."""
    shown_words = gloss_tokens(shown)
    shown_bare = gloss_tokens(re.sub(r"\([^()]*\)", " ", shown), keep_stop=True)
    for words, whole in _gold_alternatives(gold):
        if whole:
            if words == shown_bare:
                return True
            continue
        if len(words) > 1 and "".join(words) in shown_words:
            return True  # a compound written joined ("pot stickers" ~ "potsticker")
        hits = sum(1 for w in words if any(_same_word(w, s) for s in shown_words))
        if hits >= math.ceil(len(words) / 2):
            return True
    return False


# -- scoring one glossary -------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """What the glossary says of a gold row: its reading and the sense it shows first."""

    reading: str
    sense: str
    as_term: bool


def glossary_items(glossary: Glossary) -> dict[str, Found]:
    """Han key -> what the glossary shows for it, as a term, else as a part of one, else as
    what a romanised word of the prose was matched to."""
    items: dict[str, Found] = {}
    for term in glossary.terms:
        found = Found(_term_reading(term), shown_sense(term.gloss), True)
        items[_key(term.term)] = found
        items.setdefault(_han(_key(term.term)), found)
    for term in glossary.terms:
        glosses = term.part_glosses or ("",) * len(term.parts)
        for part, numbered, gloss in zip(term.parts, term.part_readings, glosses, strict=False):
            reading = numbered_to_marks(numbered, separator="")
            items.setdefault(_key(part), Found(reading, shown_sense(gloss), False))
    # A term the document writes only romanised (hukou, Hongbao) is shown in the romanised
    # list with the characters it was matched to: found, read and glossed there.
    for item in glossary.romanised:
        if item.matched:
            reading = numbered_to_marks(item.pinyin_numbered, separator="")
            items.setdefault(_key(item.matched), Found(reading, shown_sense(item.gloss), False))
    return items


def _term_reading(term: GlossaryTerm) -> str:
    """The term's reading in tone marks, without the Latin part of a mixed term."""
    latin = re.sub(r"[^A-Za-z0-9]", "", _key(term.term).replace(_han(term.term), ""))
    reading = term.pinyin
    return reading.replace(latin, "", 1) if latin else reading


@dataclass(frozen=True)
class DocumentScore:
    """One document's figures; ``unreadable`` holds the reason the product could not read it."""

    name: str
    format: str = ""
    unreadable: str = ""
    gold_rows: int = 0
    required: int = 0
    found_required: int = 0
    true_positive: int = 0
    neutral: int = 0
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    found: int = 0
    wrong_readings: tuple[tuple[str, str, str], ...] = ()
    wrong_glosses: tuple[tuple[str, str, str], ...] = ()
    weekly_gold: frozenset[str] = field(default_factory=frozenset)
    weekly_found: frozenset[str] = field(default_factory=frozenset)

    @property
    def false_positive(self) -> int:
        return len(self.extra)

    @property
    def recall(self) -> float:
        return _ratio(self.found_required, self.required)

    @property
    def precision(self) -> float:
        return _ratio(self.true_positive, self.true_positive + self.false_positive)

    @property
    def readings(self) -> float:
        return _ratio(self.found - len(self.wrong_readings), self.found)

    @property
    def glosses(self) -> float:
        return _ratio(self.found - len(self.wrong_glosses), self.found)


def _ratio(done: int, total: int) -> float:
    return done / total if total else 1.0


def score_glossary(glossary: Glossary, gold: Sequence[GoldRow], name: str = "") -> DocumentScore:
    """Score a built glossary against gold rows."""
    by_term = {row.term: row for row in gold}
    items = glossary_items(glossary)
    true_positive = neutral = 0
    extra: list[str] = []
    for term in glossary.terms:
        row = by_term.get(_key(term.term)) or by_term.get(_han(_key(term.term)))
        if row is None:
            extra.append(term.term)
        elif row.required:
            true_positive += 1
        else:
            neutral += 1
    found = [row for row in gold if row.term in items]
    required = [row for row in gold if row.required]
    return DocumentScore(
        name=name or glossary.deck.name,
        format=glossary.deck.format,
        gold_rows=len(gold),
        required=len(required),
        found_required=sum(1 for row in required if row.term in items),
        true_positive=true_positive,
        neutral=neutral,
        missing=tuple(row.term for row in required if row.term not in items),
        extra=tuple(extra),
        found=len(found),
        wrong_readings=tuple(
            (row.term, row.pinyin, items[row.term].reading)
            for row in found
            if not reading_matches(row.pinyin, items[row.term].reading)
        ),
        wrong_glosses=tuple(
            (row.term, row.gloss, items[row.term].sense)
            for row in found
            if not gloss_matches(row.gloss, items[row.term].sense)
        ),
        weekly_gold=frozenset(row.term for row in gold if row.weekly),
        weekly_found=frozenset(c.character for c in glossary.characters),
    )


def score_document(deck: Path, gold_path: Path, lexicon: Lexicon) -> DocumentScore:
    """Read, build and score one document; a deck the product cannot read is ``unreadable``."""
    gold = read_gold(gold_path)
    name = _display(deck)
    try:
        glossary = build_glossary(read_deck(deck), lexicon)
    except DeckError as error:
        required = [row for row in gold if row.required]
        return DocumentScore(
            name=name,
            format=deck.suffix.lstrip("."),
            unreadable=error.reason,
            gold_rows=len(gold),
            required=len(required),
            missing=tuple(row.term for row in required),
            weekly_gold=frozenset(row.term for row in gold if row.weekly),
        )
    return score_glossary(glossary, gold, name)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(DECKS).as_posix()
    except ValueError:
        return path.name


# -- sets -----------------------------------------------------------------------------------


def documents_in(folder: Path) -> list[tuple[Path, Path]]:
    """(document, gold) pairs under a folder: each ``NAME.gold.tsv`` with its ``NAME.EXT``."""
    pairs = []
    for gold in sorted(folder.rglob(f"*{_GOLD_SUFFIX}")):
        stem = gold.name[: -len(_GOLD_SUFFIX)]
        decks = [
            p
            for p in gold.parent.iterdir()
            if p.is_file()
            and p != gold
            and p.name.startswith(stem + ".")
            and "." not in p.name[len(stem) + 1 :]
        ]
        if len(decks) != 1:
            raise GoldError(f"{gold}: expected one document named {stem}.*, found {len(decks)}")
        pairs.append((decks[0], gold))
    return pairs


def documents(set_name: str) -> list[tuple[Path, Path]]:
    """The (document, gold) pairs of a named set."""
    if set_name == "seed":
        return [(SEED_DECK, DECKS / "seed" / "week07.gold.tsv")]
    if set_name == "own":
        return documents_in(DECKS / "dev_own1") + documents_in(DECKS / "dev_own2")
    if set_name in ("dev", "dev2", "dev3", "check"):
        return documents_in(DECKS / "real" / set_name)
    raise ValueError(f"unknown set {set_name!r}; choose one of {', '.join(SETS)}")


@dataclass(frozen=True)
class Totals:
    documents: int
    unreadable: int
    recall: tuple[int, int]
    precision: tuple[int, int]
    readings: tuple[int, int]
    glosses: tuple[int, int]


def totals(scores: Iterable[DocumentScore]) -> Totals:
    """Figures over all rows and terms of several documents (micro-averages)."""
    scores = list(scores)
    found = sum(s.found for s in scores)
    tp = sum(s.true_positive for s in scores)
    return Totals(
        documents=len(scores),
        unreadable=sum(1 for s in scores if s.unreadable),
        recall=(sum(s.found_required for s in scores), sum(s.required for s in scores)),
        precision=(tp, tp + sum(s.false_positive for s in scores)),
        readings=(found - sum(len(s.wrong_readings) for s in scores), found),
        glosses=(found - sum(len(s.wrong_glosses) for s in scores), found),
    )


# -- report ---------------------------------------------------------------------------------


def _pct(done: int, total: int) -> str:
    return f"{100 * done / total:5.1f} %" if total else "    n/a"


def _row(name: str, fmt: str, figures: Sequence[tuple[int, int]]) -> str:
    cells = "  ".join(f"{_pct(*f)} {f[0]:>4}/{f[1]:<4}" for f in figures)
    return f"{name[:44]:<44} {fmt[:16]:<16} {cells}"


def report(scores: Sequence[DocumentScore], verbose: bool = False) -> str:
    header = f"{'document':<44} {'format':<16} " + "  ".join(
        f"{h:<16}" for h in ("recall", "precision", "readings", "glosses")
    )
    lines = [header]
    for s in scores:
        if s.unreadable:
            lines.append(f"{s.name[:44]:<44} {'unreadable':<16} {s.unreadable}")
            continue
        figures = [
            (s.found_required, s.required),
            (s.true_positive, s.true_positive + s.false_positive),
            (s.found - len(s.wrong_readings), s.found),
            (s.found - len(s.wrong_glosses), s.found),
        ]
        lines.append(_row(s.name, s.format, figures))
    t = totals(scores)
    lines.append(
        _row(
            f"TOTAL ({t.documents} documents, {t.unreadable} unreadable)",
            "",
            [t.recall, t.precision, t.readings, t.glosses],
        )
    )
    for s in scores:
        lines.extend(_details(s, verbose))
    return "\n".join(lines)


def _details(s: DocumentScore, verbose: bool) -> list[str]:
    if s.unreadable and not verbose:
        return []
    out = [f"\n== {s.name}"]
    if s.missing:
        out.append("missing required rows: " + ", ".join(s.missing))
    if s.extra:
        out.append("terms not in the gold: " + ", ".join(s.extra))
    out.extend(f"reading of {t}: gold {g!r}, glossary {r!r}" for t, g, r in s.wrong_readings)
    out.extend(f"gloss of {t}: gold {g!r}, shown {r!r}" for t, g, r in s.wrong_glosses)
    if s.weekly_gold or s.weekly_found:
        out.append(
            f"characters of the week: gold {''.join(sorted(s.weekly_gold)) or '-'}, "
            f"glossary {''.join(sorted(s.weekly_found)) or '-'}"
        )
    return out if (len(out) > 1 or verbose) else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("deck", type=Path, nargs="?")
    parser.add_argument("gold", type=Path, nargs="?")
    parser.add_argument("--set", choices=SETS, dest="set_name")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    if args.set_name and args.deck:
        parser.error("give either --set or DECK GOLD.tsv, not both")
    if args.set_name:
        pairs = documents(args.set_name)
    elif args.deck and args.gold:
        pairs = [(args.deck, args.gold)]
    else:
        parser.error("give --set NAME or DECK GOLD.tsv")
    # Each document with its course's dictionary (a course.u8 beside it), as the CLI reads it.
    base = Settings.from_env()
    lexicons: dict[Settings, Lexicon] = {}
    scores = []
    for deck, gold in pairs:
        settings = base.for_course(deck.parent)
        lexicon = lexicons.get(settings) or lexicons.setdefault(settings, Lexicon.open(settings))
        scores.append(score_document(deck, gold, lexicon))
    print(report(scores, args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
