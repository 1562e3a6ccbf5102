"""Cross-references in glosses: an entry that only points at another word shows that word's
meaning, with the reference kept as a note (馅儿 "erhua variant of 馅" is "filling").

Definitions and entries are the real CC-CEDICT ones (the ``lexicon`` fixture); only the loop
and hop tests build entries by hand, since the real dictionary has no loop to test on.
"""

from __future__ import annotations

import html
import itertools
import json
from dataclasses import replace

import pytest

from hanzi_companion.glossary import (
    Glossary,
    GlossaryTerm,
    _Builder,
    build_glossary,
    reference_gloss,
)
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.models import Entry, Sense, SenseKind
from hanzi_companion.lexicon.references import parse_reference, referenced_entries
from hanzi_companion.render import anki
from hanzi_companion.render.html import render_html
from hanzi_companion.render.json import render_json
from hanzi_companion.senses import SenseContext, choose_sense, follow_reference
from hanzi_companion.text.decks import read_deck_text


def only_sense(lexicon: Lexicon, word: str) -> str:
    (entry,) = lexicon.lookup(word)
    (sense,) = entry.senses
    return sense.text


# -- reading a definition ------------------------------------------------------------------------


def test_a_reference_names_its_target_and_reading(lexicon: Lexicon) -> None:
    reference = parse_reference(only_sense(lexicon, "馅儿"))
    assert reference is not None
    assert (reference.label, reference.word, reference.reading) == (
        "erhua variant of",
        "馅",
        "xian4",
    )
    assert reference.traditional == "餡" and reference.meaning == ""
    assert reference.note == "erhua variant of 馅"


def test_an_abbreviation_is_a_reference(lexicon: Lexicon) -> None:
    reference = parse_reference(only_sense(lexicon, "春晚"))
    assert reference is not None
    assert (reference.label, reference.word) == ("abbr. for", "春节联欢晚会")


def test_a_reference_adding_a_meaning_keeps_it(lexicon: Lexicon) -> None:
    (entry,) = lexicon.lookup("物业")
    abbreviation = next(s.text for s in entry.senses if s.kind == SenseKind.ABBREVIATION)
    reference = parse_reference(abbreviation)
    assert reference is not None
    assert (reference.word, reference.meaning) == ("物业管理", "property management")


@pytest.mark.parametrize("word", ["馅", "饺子", "学生"])
def test_a_meaning_is_no_reference(lexicon: Lexicon, word: str) -> None:
    senses = [s.text for e in lexicon.lookup(word) for s in e.senses]
    assert senses and all(parse_reference(text) is None for text in senses)


def test_a_reference_picks_the_target_entries_it_names(lexicon: Lexicon) -> None:
    """和 has six readings, and a surname He2: "[he2]" names the word "and" only."""
    reference = parse_reference("old variant of 和[he2]")
    assert reference is not None
    targets = referenced_entries(reference, lexicon.lookup("和"))
    assert [e.pinyin_numbered for e in targets] == ["he2"]


# -- following references --------------------------------------------------------------------


def test_a_reference_resolves_to_its_targets_meaning(lexicon: Lexicon) -> None:
    choice = choose_sense(lexicon.lookup("馅儿"), SenseContext())
    assert choice is not None
    resolved = follow_reference(choice, lexicon.lookup, SenseContext())
    assert resolved is not None
    target = lexicon.lookup("馅")[0]
    assert resolved.choice.entry == target
    assert resolved.choice.sense.text == target.senses[0].text  # "filling"
    assert [r.word for r in resolved.via] == ["馅"]


def test_a_meaning_is_not_followed(lexicon: Lexicon) -> None:
    choice = choose_sense(lexicon.lookup("馅"), SenseContext())
    assert choice is not None
    assert follow_reference(choice, lexicon.lookup, SenseContext()) is None


def test_the_targets_sense_is_chosen_in_context(lexicon: Lexicon) -> None:
    """艸 "variant of 草": 草 read cǎo, in the sense the slide's English names."""
    choice = choose_sense(lexicon.lookup("艸"), SenseContext())
    assert choice is not None
    context = SenseContext(gloss=frozenset({"draft"}))
    resolved = follow_reference(choice, lexicon.lookup, context)
    assert resolved is not None
    assert resolved.choice.entry.pinyin_numbered == "cao3"
    assert "draft" in resolved.choice.sense.text
    plain = follow_reference(choice, lexicon.lookup, SenseContext())
    assert plain is not None and plain.choice.sense.text == "grass"


def _made(word: str, *senses: str) -> Entry:
    return Entry(word, word, "zi4", tuple(Sense(t, SenseKind.SEE) for t in senses))


def test_references_in_a_loop_end() -> None:
    entries = {"甲": (_made("甲", "see 乙[zi4]"),), "乙": (_made("乙", "see 甲[zi4]"),)}
    choice = choose_sense(entries["甲"], SenseContext())
    assert choice is not None
    assert follow_reference(choice, lambda w: entries.get(w, ()), SenseContext()) is None


def test_references_are_followed_a_few_hops_only() -> None:
    chain = "甲乙丙丁"
    entries = {a: (_made(a, f"see {b}[zi4]"),) for a, b in itertools.pairwise(chain)}
    entries["丁"] = (Entry("丁", "丁", "zi4", (Sense("a meaning"),)),)
    lookup = lambda w: entries.get(w, ())  # noqa: E731
    far = choose_sense(entries["甲"], SenseContext())
    near = choose_sense(entries["乙"], SenseContext())
    assert far is not None and near is not None
    assert follow_reference(far, lookup, SenseContext()) is None  # three hops
    resolved = follow_reference(near, lookup, SenseContext())  # two hops
    assert resolved is not None and resolved.choice.sense.text == "a meaning"


def test_reference_gloss_shows_the_meaning_and_the_note(lexicon: Lexicon) -> None:
    choice = choose_sense(lexicon.lookup("春晚"), SenseContext())
    assert choice is not None
    gloss, note = reference_gloss(choice, lexicon.lookup, SenseContext(), lexicon)
    target = lexicon.lookup("春节联欢晚会")[0]
    assert gloss.startswith(target.senses[0].text)
    assert note == "abbr. for 春节联欢晚会"


# -- in glossaries and their renderings ----------------------------------------------------------

DECK = """# Food and festivals

- 馅儿: what goes inside a dumpling
- 春晚 on television
- 艸 is the grass radical
- 合 means to close
- 国贸大厦 is a tower
"""


@pytest.fixture(scope="module")
def glossary(lexicon: Lexicon) -> Glossary:
    return build_glossary(read_deck_text(DECK, "references.md"), lexicon)


def term(glossary: Glossary, word: str) -> GlossaryTerm:
    return next(t for t in glossary.terms if t.term == word)


def test_a_glossary_row_shows_the_targets_meaning(lexicon: Lexicon, glossary: Glossary) -> None:
    filling = term(glossary, "馅儿")
    assert filling.gloss.startswith(lexicon.lookup("馅")[0].senses[0].text)
    assert filling.gloss_note == "erhua variant of 馅"
    assert filling.chosen_sense == only_sense(lexicon, "馅儿")  # the entry's own sense, kept
    grass = term(glossary, "艸")
    assert grass.gloss.split("; ")[0] == "grass" and grass.gloss_note == "variant of 草"
    assert term(glossary, "春晚").gloss_note == "abbr. for 春节联欢晚会"


def test_a_real_meaning_before_a_reference_is_kept(lexicon: Lexicon, glossary: Glossary) -> None:
    """合 "to close; ...; old variant of 盒": its meaning, no note."""
    senses = [s.text for e in lexicon.lookup("合") for s in e.senses]
    assert any(parse_reference(s) for s in senses)
    close = term(glossary, "合")
    assert close.gloss.startswith("to close") and close.gloss_note == ""


def test_a_part_shows_its_targets_meaning(lexicon: Lexicon, glossary: Glossary) -> None:
    tower = term(glossary, "国贸大厦")
    assert "国贸" in tower.parts
    gloss = tower.part_glosses[tower.parts.index("国贸")]
    assert gloss == lexicon.lookup("国际贸易")[0].senses[0].text


HOSTILE = '<script>alert("x")</script> & "quoted"'


def test_the_note_is_rendered_escaped(glossary: Glossary) -> None:
    hostile = replace(term(glossary, "馅儿"), gloss_note=HOSTILE)
    terms = tuple(hostile if t.term == "馅儿" else t for t in glossary.terms)
    page = render_html(replace(glossary, terms=terms))
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert HOSTILE in html.unescape(page)  # shown to the reader as written
    assert "&lt;script&gt;" in anki._notes_html(hostile)
    document = json.loads(render_json(replace(glossary, terms=terms)))
    row = next(t for t in document["terms"] if t["term"] == "馅儿")
    assert row["gloss_note"] == HOSTILE


def test_the_note_is_shown_in_html_and_anki(glossary: Glossary) -> None:
    page = render_html(glossary)
    assert "erhua variant of" in page and "hc-gloss-note" in page
    assert "erhua variant of" in anki._notes_html(term(glossary, "馅儿"))


def test_a_word_out_of_context_shows_what_its_reference_means(lexicon: Lexicon) -> None:
    """The character of the week when no term gives it a context: 艸 is grass."""
    builder = _Builder(lexicon)
    assert builder.gloss_of("艸").startswith("grass")
    assert builder.gloss_of("学生").startswith(lexicon.lookup("学生")[0].senses[0].text)
