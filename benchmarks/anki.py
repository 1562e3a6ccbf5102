"""Anki package speed: a 1,000-note course package, side by side with a naive genanki baseline.

    python benchmarks/anki.py [--runs N] [--notes N]

Builds ten lecture glossaries from the most frequent CC-CEDICT words (real readings and
senses), then times, median over N runs:

- ours: ``write_package`` of the course (merge across lectures, every field rendered and
  escaped, tone-coloured pinyin, links, character notes, deterministic ids, atomic write);
- baseline: genanki used the naive way on the same terms: one deck, three fields, GUIDs
  hashed over all fields (genanki's default), ``Package.write_to_file``.

Target: the 1,000-note package in <= 2 s (median).
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import genanki

from hanzi_companion.glossary import (
    CharacterOfTheWeek,
    Course,
    DeckInfo,
    Glossary,
    GlossaryTerm,
    Occurrence,
)
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.models import SenseKind
from hanzi_companion.render.anki import plan_package, write_package

TARGET_SECONDS = 2.0
LECTURES = 10


def course_of(lexicon: Lexicon, notes: int) -> Course:
    """``notes`` notes in ten lectures: frequent words and one character per lecture."""
    words = sorted(
        (w for w, f in lexicon.headwords() if len(w) > 1 and f > 0),
        key=lambda w: -lexicon.frequency(w),
    )
    per_lecture = (notes - LECTURES) // LECTURES
    glossaries = []
    for week in range(1, LECTURES + 1):
        chunk = words[(week - 1) * per_lecture : week * per_lecture]
        terms = []
        for slide, word in enumerate(chunk, start=3):
            entry = lexicon.lookup(word)[0]
            meanings = [s.text for s in entry.senses if s.kind == SenseKind.MEANING]
            terms.append(
                GlossaryTerm(
                    term=word,
                    simplified=entry.simplified,
                    traditional=entry.traditional,
                    pinyin_numbered=entry.pinyin_numbered,
                    reading_source=entry.source,
                    gloss="; ".join(meanings[:2]),
                    senses=entry.senses,
                    occurrences=(Occurrence(slide, "", f"On this slide, {word} appears."),),
                    sources=(entry.source,),
                )
            )
        char = chunk[0][0]
        reading = lexicon.reading(char)
        characters = (CharacterOfTheWeek(char, reading.pinyin_numbered, "", 2),)
        info = DeckInfo(f"week{week:02d}.txt", f"Week {week}", "Benchmark Course", week)
        glossaries.append(Glossary(info, characters, tuple(terms)))
    return Course("Benchmark Course", tuple(glossaries))


def naive_genanki(course: Course, path: Path) -> None:
    """What a first attempt looks like: default GUIDs, one deck, write_to_file."""
    model = genanki.Model(
        1_000_000_001,
        "Naive",
        fields=[{"name": "Hanzi"}, {"name": "Pinyin"}, {"name": "Meaning"}],
        templates=[{"name": "Card", "qfmt": "{{Hanzi}}", "afmt": "{{Pinyin}}<br>{{Meaning}}"}],
    )
    deck = genanki.Deck(1_000_000_002, course.name)
    for glossary in course.glossaries:
        for term in glossary.terms:
            fields = [
                html.escape(term.simplified),
                html.escape(term.pinyin),
                html.escape(term.gloss),
            ]
            deck.add_note(genanki.Note(model=model, fields=fields))
    genanki.Package(deck).write_to_file(str(path))


def timed(function: object, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--notes", type=int, default=1000)
    args = parser.parse_args()

    lexicon = Lexicon.open()
    course = course_of(lexicon, args.notes)
    notes = len(plan_package(course).notes)
    with tempfile.TemporaryDirectory() as folder:
        ours_path = Path(folder) / "ours.apkg"
        naive_path = Path(folder) / "naive.apkg"
        ours = timed(lambda: write_package(course, ours_path, timestamp=1_750_000_000), args.runs)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the naive version does not care either
            naive = timed(lambda: naive_genanki(course, naive_path), args.runs)
        ours_size = ours_path.stat().st_size
        naive_size = naive_path.stat().st_size

    ours_median = statistics.median(ours)
    naive_median = statistics.median(naive)
    naive_notes = sum(len(g.terms) for g in course.glossaries)
    print(f"notes: {notes} (ours: terms + characters in {LECTURES} lectures), runs: {args.runs}")
    print(
        f"ours      median {ours_median * 1000:7.1f} ms  (min {min(ours) * 1000:.1f}, "
        f"max {max(ours) * 1000:.1f})  {ours_size / 1024:.0f} KiB, 2 note types, 11 decks"
    )
    print(
        f"baseline  median {naive_median * 1000:7.1f} ms  (min {min(naive) * 1000:.1f}, "
        f"max {max(naive) * 1000:.1f})  {naive_size / 1024:.0f} KiB, "
        f"{naive_notes} notes, 3 fields, 1 deck (naive genanki)"
    )
    verdict = "OK" if ours_median <= TARGET_SECONDS else "TOO SLOW"
    print(f"target: <= {TARGET_SECONDS:.1f} s median -> {verdict}")
    return 0 if ours_median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
