"""The one glossary scorer (``benchmarks/glossary_accuracy.py``): its rules, its sets, the seed.

The rules are checked on small cases that must come out one way (a surname's reading for a
common word is wrong; a sense merely among the entry's senses is not the shown one); the seed
deck is scored against its gold, which the issue requires at 100 %. The real documents of
``tests/data/decks/real/`` are checked for completeness only: no target is asserted on them
while the code that should reach it is being written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks import glossary_accuracy as accuracy
from hanzi_companion.lexicon import Lexicon

from .conftest import DATA

REAL = DATA / "decks" / "real"


@pytest.mark.parametrize(
    ("gold", "got", "right"),
    [
        ("chuàngxīn", "chuàng xīn", True),
        ("Gōng'ānbù", "gōngānbù", True),  # a name written lower case is still its syllables
        ("wáng", "Wáng", False),  # a surname's reading for the common word "king"
        ("nián", "Nián", False),
        ("xīn shídài", "XīnShídài", False),  # a part of a name is read as the part itself
        ("dōngxi", "dōngxī", False),  # "thing", not "east and west"
        ("yī | yí", "yí", True),
        ("AAA huò", "huò", True),  # the Latin part of a mixed term is not read
    ],
)
def test_reading_rule(gold: str, got: str, right: bool) -> None:
    assert accuracy.reading_matches(gold, got) is right


@pytest.mark.parametrize(
    ("gold", "shown", "right"),
    [
        ("king", "surname Wang", False),
        ("king", "king", True),
        ("year", "year", True),
        ("new", "abbr. for Xinjiang", False),
        ("thing", "east and west", False),
        ("knock-off goods | copycat", "fortified hill village", False),
        ("knock-off goods | copycat", "copycat", True),
        ("innovation; to innovate", "innovation", True),
        ("to innovate", "innovation", True),  # one word, two parts of speech
        ("centre", "center", True),  # one word, two spellings
        ("the masses, the general public", "the masses", True),
        (
            "(thought of) socialism with Chinese characteristics",
            "socialism with Chinese characteristics",
            True,
        ),
        ("top-grade counterfeit goods", "goods", False),  # a quarter of the words is not it
        ("to open up", "to bloom", False),
        ("to open up", "", False),
    ],
)
def test_gloss_rule(gold: str, shown: str, right: bool) -> None:
    assert accuracy.gloss_matches(gold, shown) is right


def test_shown_sense_is_the_first_of_the_one_line_gloss() -> None:
    assert accuracy.shown_sense("fortified hill village; mountain stronghold") == (
        "fortified hill village"
    )


def test_a_document_without_a_reader_is_unreadable_not_a_crash(
    tmp_path: Path, lexicon: Lexicon
) -> None:
    deck = tmp_path / "slides.pdf"
    deck.write_bytes(b"%PDF-1.4\n%binary\n")
    gold = tmp_path / "slides.gold.tsv"
    gold.write_text("term\tpinyin\tgloss\n你好\tnǐ hǎo\thello\n", encoding="utf-8")
    (pair,) = accuracy.documents_in(tmp_path)
    assert pair == (deck, gold)
    score = accuracy.score_document(deck, gold, lexicon)
    assert score.unreadable and score.missing == ("你好",)
    total = accuracy.totals([score])
    assert (total.unreadable, total.recall) == (1, (0, 1))
    assert "unreadable" in accuracy.report([score])


def test_the_seed_is_complete_and_precise(lexicon: Lexicon) -> None:
    ((deck, gold),) = accuracy.documents("seed")
    score = accuracy.score_document(deck, gold, lexicon)
    assert (score.missing, score.extra) == ((), ())


def test_the_seed_readings(lexicon: Lexicon) -> None:
    ((deck, gold),) = accuracy.documents("seed")
    assert accuracy.score_document(deck, gold, lexicon).wrong_readings == ()


def test_the_seed_glosses(lexicon: Lexicon) -> None:
    ((deck, gold),) = accuracy.documents("seed")
    assert accuracy.score_document(deck, gold, lexicon).wrong_glosses == ()


@pytest.mark.parametrize(
    ("gold", "shown", "right"),
    [
        ("I | me", "I", True),  # a one-letter word is a word
        ("to be", "to be (followed by substantives only)", True),
        ("and", "(joining two nouns) and", True),
        ("to | into", "to reach", False),  # "to" alone is not every sense starting with "to"
        ("as far as … is concerned | as to", "as to", True),
    ],
)
def test_gloss_rule_for_function_words(gold: str, shown: str, right: bool) -> None:
    assert accuracy.gloss_matches(gold, shown) is right


# -- the real documents: complete and well-formed; no targets yet ------------------------------

_REAL_SETS = ("dev", "dev2", "dev3", "check")
_REAL_FOLDERS = sorted(p for s in _REAL_SETS for p in (REAL / s).iterdir() if p.is_dir())


def test_the_real_sets_are_disjoint_and_large_enough() -> None:
    dev, dev2, dev3, check = (
        {p.name for p in (REAL / s).iterdir() if p.is_dir()} for s in _REAL_SETS
    )
    assert not dev & check and not dev2 & (dev | check) and not dev3 & (dev | dev2 | check)
    assert len(dev | check) >= 15
    assert len(check) * 4 >= len(dev | check)  # about a third set aside
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}` | check |" in readme for name in check)
    assert all(f"`{name}` | dev |" in readme for name in dev)
    assert all(f"`{name}` | dev2 |" in readme for name in dev2)
    assert all(f"`{name}` | dev3 |" in readme for name in dev3)


@pytest.mark.parametrize("folder", _REAL_FOLDERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_real_document_has_its_gold_and_provenance(folder: Path) -> None:
    (pair,) = accuracy.documents_in(folder)
    provenance = (folder / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "Source:" in provenance and "Licence:" in provenance
    rows = accuracy.read_gold(pair[1])
    assert len({r.term for r in rows}) == len(rows)
    assert any(r.required for r in rows)
    for row in rows:
        assert row.term and row.gloss and row.pinyin, row
        assert not re.search(r"[0-9]", row.pinyin), row  # tone marks, not numbers
        assert all("\u4e00" <= c <= "\u9fff" for c in row.term), row


@pytest.mark.parametrize("set_name", ["dev", "dev2", "dev3"])
def test_the_scorer_reads_every_development_document(lexicon: Lexicon, set_name: str) -> None:
    """Scored or reported unreadable, never a crash; no figure is asserted yet."""
    scores = [accuracy.score_document(d, g, lexicon) for d, g in accuracy.documents(set_name)]
    assert len(scores) == len([p for p in (REAL / set_name).iterdir() if p.is_dir()])
    total = accuracy.totals(scores)
    assert total.recall[1] > 0 and total.documents == len(scores)


@pytest.mark.parametrize(
    ("gold", "shown", "right"),
    [
        ("Xiao Wang", "personal name Xiǎo Wáng", True),
        ("café", "cafe", True),
        ("Xiao Wang", "personal name Lǐ Míng", False),
    ],
)
def test_gloss_rule_folds_tone_marks(gold: str, shown: str, right: bool) -> None:
    assert accuracy.gloss_matches(gold, shown) is right


def test_a_comma_inside_a_gold_note_does_not_split_the_wording() -> None:
    gold = "custody and repatriation (detention of migrants without papers, abolished 2003)"
    assert accuracy.gloss_matches(gold, "custody and repatriation")
    assert not accuracy.gloss_matches(gold, "abolished")


@pytest.mark.parametrize(
    ("gold", "shown", "right"),
    [("pot stickers", "potsticker", True), ("pot stickers", "frying pan", False)],
)
def test_a_compound_written_joined_matches_it_spaced(gold: str, shown: str, right: bool) -> None:
    assert accuracy.gloss_matches(gold, shown) is right
