"""Accuracy of a deck's glossary against a teacher's gold list.

Usage: python benchmarks/glossary_accuracy.py DECK GOLD.tsv [--verbose] [--course-dict FILE]

The deck's course dictionary (``course.u8`` beside it) is loaded as the CLI loads it;
``--course-dict`` adds another (a copy of a demo deck elsewhere, with the demo course's).

The gold file is tab-separated with a header; columns ``term`` and ``pinyin`` are needed,
``gloss``, ``is_character_of_the_week``, ``note`` and ``required`` are read when present.

How rows are read (the seed's gold file has no ``required`` column, so its notes decide):

- a row is *optional* when its ``required`` column says no/false/0/optional, or its note says
  "optional", or its note starts with "word inside" (a word of a longer term: the glossary
  lists it among that term's ``parts``; listing it as a term of its own is neither right nor
  wrong);
- every other row is *required*.

Figures:

- recall: required rows found, as a glossary term or as a part of one (a mixed term such as
  ``AAA 货`` counts for the row of its Han characters ``货``);
- precision: glossary terms that are gold rows, over terms that are gold rows or not in the gold
  at all (terms matching optional rows are neutral);
- readings: found rows whose reading equals the gold's, ignoring case, spaces and apostrophes
  (the Latin part of a mixed term is left out);
- glosses: the share of glossary terms with a one-line gloss;
- characters of the week: gold rows marked ``yes`` that the glossary names, over those rows and
  the characters the glossary names (an extra character counts as an error).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from hanzi_companion.glossary import Glossary, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.pinyin import numbered_to_marks
from hanzi_companion.settings import Settings
from hanzi_companion.text.decks import read_deck

_NO = {"no", "false", "0", "optional", "n"}


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
        reader = csv.DictReader(handle, delimiter="\t")
        if reader.fieldnames is None or not {"term", "pinyin"} <= set(reader.fieldnames):
            sys.exit(f"{path}: expected a header with at least 'term' and 'pinyin' columns")
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
                    term=_key(row["term"]),
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


def _reading_key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    return re.sub(r"[\s'’·-]", "", text)


def glossary_items(glossary: Glossary) -> dict[str, tuple[str, bool]]:
    """Han key -> (reading in tone marks without the Latin part, is a top-level term)."""
    items: dict[str, tuple[str, bool]] = {}
    for term in glossary.terms:
        latin = re.sub(r"[^A-Za-z0-9]", "", _key(term.term).replace(_han(term.term), ""))
        reading = term.pinyin
        if latin:
            reading = reading.replace(latin, "", 1)
        items[_key(term.term)] = (reading, True)
        items.setdefault(_han(_key(term.term)), (reading, True))
        for part, numbered in zip(term.parts, term.part_readings, strict=False):
            items.setdefault(_key(part), (numbered_to_marks(numbered, separator=""), False))
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument(
        "--course-dict",
        type=Path,
        action="append",
        default=[],
        help="a course dictionary to load besides the course.u8 beside the deck (repeatable)",
    )
    args = parser.parse_args(argv)

    settings = Settings.from_env().for_course(args.deck.parent)
    for path in args.course_dict:
        settings = settings.with_changes(course_dictionaries=(*settings.course_dictionaries, path))
    lexicon = Lexicon.open(settings)
    glossary = build_glossary(read_deck(args.deck), lexicon)
    gold = read_gold(args.gold)
    gold_by_term = {row.term: row for row in gold}
    items = glossary_items(glossary)

    required = [row for row in gold if row.required]
    found = [row for row in gold if row.term in items]
    found_required = [row for row in required if row.term in items]

    true_positive = false_positive = neutral = 0
    extra: list[str] = []
    for term in glossary.terms:
        row = gold_by_term.get(_key(term.term)) or gold_by_term.get(_han(_key(term.term)))
        if row is None:
            false_positive += 1
            extra.append(term.term)
        elif row.required:
            true_positive += 1
        else:
            neutral += 1

    wrong_readings = [
        (row.term, row.pinyin, items[row.term][0])
        for row in found
        if _reading_key(row.pinyin) != _reading_key(items[row.term][0])
    ]
    glossed = sum(1 for term in glossary.terms if term.gloss.strip())
    weekly_gold = {row.term for row in gold if row.weekly}
    weekly_found = {c.character for c in glossary.characters}

    def share(done: int, total: int) -> str:
        return f"{done}/{total} = {100 * done / total:.1f} %" if total else "n/a (nothing to count)"

    print(f"deck: {args.deck.name} ({glossary.deck.format}, {glossary.deck.slide_count} slides)")
    print(f"gold: {len(gold)} rows, {len(required)} required, {len(gold) - len(required)} optional")
    print(f"glossary: {len(glossary.terms)} terms, {len(glossary.romanised)} romanised terms")
    print(f"recall (required rows found):   {share(len(found_required), len(required))}")
    print(
        f"precision (optional neutral):   {share(true_positive, true_positive + false_positive)}"
        f"  [{neutral} neutral]"
    )
    print(f"readings (found rows):          {share(len(found) - len(wrong_readings), len(found))}")
    print(f"glosses (terms with a gloss):   {share(glossed, len(glossary.terms))}")
    optional_found = share(len(found) - len(found_required), len(gold) - len(required))
    print(f"optional rows found:            {optional_found}")
    # An extra character (a component explaining the week's, one invented on a talk's cover)
    # is an error like a missing one: right ones over gold and found together.
    weekly = share(len(weekly_gold & weekly_found), len(weekly_gold | weekly_found))
    extra_weekly = sorted(weekly_found - weekly_gold)
    print(
        f"characters of the week:         {weekly}"
        + (f"  [not in the gold: {', '.join(extra_weekly)}]" if extra_weekly else "")
    )
    missing = [row.term for row in required if row.term not in items]
    if missing or args.verbose:
        print("missing required rows:", ", ".join(missing) or "none")
    if extra or args.verbose:
        print("terms not in the gold:", ", ".join(extra) or "none")
    for term, expected, got in wrong_readings:
        print(f"reading of {term}: gold {expected!r}, glossary {got!r}")
    for term in glossary.terms:
        if not term.gloss.strip():
            print(f"no gloss: {term.term}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
