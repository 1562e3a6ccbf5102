"""Anki packages, verified by importing them into real Anki collections (PyPI ``anki``).

Glossaries are built here from the real CC-CEDICT data of the session ``lexicon``; each test
imports into a fresh collection in its own temporary folder.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from hanzi_companion.cli import cli
from hanzi_companion.errors import OutputError
from hanzi_companion.glossary import (
    CharacterOfTheWeek,
    Course,
    DeckInfo,
    Glossary,
    GlossaryTerm,
    Occurrence,
    build_glossary,
)
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.models import CEDICT_SOURCE, SenseKind
from hanzi_companion.render import anki as render_anki
from hanzi_companion.render.anki import (
    CHARACTER_FIELDS,
    CHARACTER_MODEL_ID,
    TERM_FIELDS,
    TERM_MODEL_ID,
    AnkiNote,
    CharacterDetails,
    character_details,
    deck_id,
    note_guid,
    plan_package,
    write_package,
)
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.text.decks import read_deck
from tests.conftest import SEED_DECK

anki_collection = pytest.importorskip("anki.collection")
from anki.collection import (  # noqa: E402
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition  # noqa: E402
from anki.scheduler_pb2 import CardAnswer  # noqa: E402

pytestmark = pytest.mark.anki
ALWAYS = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS

COURSE = "Chinese Cities"
# Explicit, increasing build times (in the past: Anki rejects ids more than a day ahead).
T0 = 1_750_000_000
T1 = T0 + 3_600
T2 = T1 + 3_600


# -- glossaries from the real dictionary --------------------------------------------------------


def make_term(
    lexicon: Lexicon, word: str, slide: int, context: str, **changes: object
) -> GlossaryTerm:
    """A glossary term as the glossary builder makes one: reading and senses from the lexicon."""
    reading = lexicon.reading(word)
    entry = reading.entry
    senses = entry.senses if entry else ()
    meanings = [s.text for s in senses if s.kind == SenseKind.MEANING]
    term = GlossaryTerm(
        term=word,
        simplified=entry.simplified if entry else word,
        traditional=entry.traditional if entry else word,
        pinyin_numbered=reading.pinyin_numbered,
        reading_source=reading.source,
        gloss="; ".join(meanings[:2]),
        senses=senses,
        occurrences=(Occurrence(slide, f"Slide {slide}", context),),
        in_dictionary=entry is not None,
        sources=tuple(dict.fromkeys(s.source for s in senses)) or (reading.source,),
    )
    return replace(term, **changes)  # type: ignore[arg-type]


def in_cedict(lexicon: Lexicon, word: str) -> bool:
    return any(entry.source == CEDICT_SOURCE for entry in lexicon.lookup(word))


def make_character(lexicon: Lexicon, char: str, slide: int) -> CharacterOfTheWeek:
    reading = lexicon.reading(char)
    gloss = reading.entry.meanings[0].text if reading.entry and reading.entry.meanings else ""
    return CharacterOfTheWeek(char, reading.pinyin_numbered, gloss, slide)


def make_glossary(
    lexicon: Lexicon,
    week: int,
    character: str,
    words: Sequence[str],
    *,
    course: str = COURSE,
) -> Glossary:
    terms = tuple(
        make_term(lexicon, word, slide, f"Slide {slide} says {word} in a sentence.")
        for slide, word in enumerate(words, start=3)
    )
    info = DeckInfo(name=f"week{week:02d}.txt", title=f"Week {week}", course=course, week=week)
    return Glossary(info, (make_character(lexicon, character, 2),), terms)


WEEK7_WORDS = ("创新", "创业", "开发区", "大众", "众创空间", "双创")
WEEK8_WORDS = ("城市", "城镇化", "创新", "城中村")


@pytest.fixture(scope="module")
def week7(lexicon: Lexicon) -> Glossary:
    return make_glossary(lexicon, 7, "创", WEEK7_WORDS)


@pytest.fixture(scope="module")
def week8(lexicon: Lexicon) -> Glossary:
    return make_glossary(lexicon, 8, "城", WEEK8_WORDS)


# -- a real Anki collection ---------------------------------------------------------------------


@pytest.fixture
def collection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collection]:
    """A fresh, empty Anki collection in its own folder."""
    col = Collection(str(tmp_path_factory.mktemp("anki") / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_package(col: Collection, path: Path, **options: object) -> object:
    request = ImportAnkiPackageRequest(
        package_path=str(path),
        options=ImportAnkiPackageOptions(**options),  # type: ignore[arg-type]
    )
    return col.import_anki_package(request)


def notes_by_guid(col: Collection) -> dict[str, object]:
    return {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}


def card_state(col: Collection) -> dict[int, tuple[int, ...]]:
    """Scheduling state of every card: what a re-import must never touch."""
    rows = col.db.all(
        "SELECT id, nid, ord, did, type, queue, due, ivl, factor, reps, lapses FROM cards"
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def answer_every_card(col: Collection) -> int:
    """Answer every card once through the v3 scheduler (Good/Easy alternately)."""
    answered = 0
    for index, cid in enumerate(col.find_cards("")):
        card = col.get_card(cid)
        card.start_timer()
        # The scheduler's own next states for this card (what the review screen shows on its
        # buttons); asking by card id answers every card, whatever the daily new-card limit.
        states = col._backend.get_scheduling_states(cid)
        rating = CardAnswer.EASY if index % 2 == 0 else CardAnswer.GOOD
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=rating))
        answered += 1
    return answered


# -- the package in a fresh collection ----------------------------------------------------------


def test_course_package_imports_with_expected_notes_cards_and_decks(
    tmp_path: Path, collection: Collection, week7: Glossary, week8: Glossary
) -> None:
    course = Course(COURSE, (week7, week8))
    plan = plan_package(course)
    summary = write_package(plan, tmp_path / "course.apkg", timestamp=T0)

    import_package(collection, summary.path)

    distinct_terms = set(WEEK7_WORDS) | set(WEEK8_WORDS)
    assert summary.terms == len(distinct_terms)
    assert summary.characters == 2
    assert collection.note_count() == len(distinct_terms) + 2
    # Two cards per note (Recognition/Recall, Recognition/Writing) when the meaning is known.
    with_meaning = sum(1 for note in plan.notes if note.field("Meaning"))
    assert collection.card_count() == len(plan.notes) + with_meaning
    assert summary.cards == collection.card_count()

    names = {d.name for d in collection.decks.all_names_and_ids()}
    assert {COURSE, f"{COURSE}::Week 07 · 创", f"{COURSE}::Week 08 · 城"} <= names

    term_type = collection.models.get(TERM_MODEL_ID)
    character_type = collection.models.get(CHARACTER_MODEL_ID)
    assert term_type is not None and character_type is not None
    assert term_type["name"] == "Term" and character_type["name"] == "Character"
    assert tuple(f["name"] for f in term_type["flds"]) == TERM_FIELDS
    assert tuple(f["name"] for f in character_type["flds"]) == CHARACTER_FIELDS
    assert [t["name"] for t in term_type["tmpls"]] == ["Recognition", "Recall"]
    assert [t["name"] for t in character_type["tmpls"]] == ["Recognition", "Writing"]

    imported = notes_by_guid(collection)
    assert set(imported) == {note.guid for note in plan.notes}
    for note in plan.notes:
        anki_note = imported[note.guid]
        assert tuple(anki_note.fields) == note.fields  # type: ignore[attr-defined]
        assert set(anki_note.tags) == set(note.tags)  # type: ignore[attr-defined]


def test_shared_term_is_one_note_tagged_with_both_weeks(
    tmp_path: Path, collection: Collection, week7: Glossary, week8: Glossary
) -> None:
    shared = set(WEEK7_WORDS) & set(WEEK8_WORDS)
    assert shared
    write_package(Course(COURSE, (week7, week8)), tmp_path / "c.apkg", timestamp=T0)
    import_package(collection, tmp_path / "c.apkg")

    week7_deck = collection.decks.id_for_name(f"{COURSE}::Week 07 · 创")
    for word in shared:
        nids = collection.find_notes(f'"Hanzi:{word}"')
        assert len(nids) == 1
        note = collection.get_note(nids[0])
        assert {"week07", "week08"} <= set(note.tags)
        # Its cards live in the lecture that introduced it; the source names both lectures.
        assert {card.did for card in note.cards()} == {week7_deck}
        assert "Week 7" in note["Source"] and "Week 8" in note["Source"]
    only8 = next(w for w in WEEK8_WORDS if w not in shared)
    note = collection.get_note(collection.find_notes(f'"Hanzi:{only8}"')[0])
    assert "week07" not in note.tags and "week08" in note.tags


def test_tags_course_week_character_hsk_and_not_in_cedict(
    lexicon: Lexicon, week7: Glossary
) -> None:
    terms = list(week7.terms)
    terms[0] = replace(terms[0], hsk_level=4, is_character_of_the_week=False)
    plan = plan_package(replace(week7, terms=tuple(terms)))
    by_hanzi = {html.unescape(n.field("Hanzi")): n for n in plan.terms}
    assert "HSK4" in by_hanzi[terms[0].simplified].tags
    for word in WEEK7_WORDS:
        tags = by_hanzi[word].tags
        assert "Chinese_Cities" in tags and "week07" in tags
        assert ("not-in-cedict" in tags) == (not in_cedict(lexicon, word))
    assert any(not in_cedict(lexicon, word) for word in WEEK7_WORDS)  # the case is exercised
    (character,) = plan.characters
    assert "character-of-the-week" in character.tags


def test_new_cards_come_in_lecture_order(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, week7: Glossary, week8: Glossary
) -> None:
    """Whether or not the student imports scheduling, new cards follow the lectures."""
    plan = plan_package([week7, week8])
    path = write_package(plan, tmp_path / "c.apkg", timestamp=T0).path
    expected = [note.guid for note in plan.notes]
    # Lecture order: week 7's character, its terms, then week 8's.
    assert html.unescape(plan.notes[0].field("Hanzi")) == "创"
    assert html.unescape(plan.notes[1].field("Hanzi")) == WEEK7_WORDS[0]
    for with_scheduling in (False, True):
        folder = tmp_path_factory.mktemp("order")
        col = Collection(str(folder / "collection.anki2"))
        try:
            import_package(col, path, with_scheduling=with_scheduling)
            rows = col.db.all(
                "SELECT n.guid, MIN(c.due) FROM cards c JOIN notes n ON n.id = c.nid "
                "WHERE c.queue = 0 GROUP BY n.guid ORDER BY MIN(c.due), MIN(c.id)"
            )
            assert [guid for guid, _ in rows] == expected
        finally:
            col.close()


# -- re-imports -----------------------------------------------------------------------------------


def test_reimport_updates_in_place_and_keeps_review_history(
    lexicon: Lexicon, tmp_path: Path, collection: Collection, week7: Glossary
) -> None:
    package_a = write_package(week7, tmp_path / "a.apkg", timestamp=T0).path
    import_package(collection, package_a)
    assert answer_every_card(collection) == collection.card_count()
    before_ids = {guid: note.id for guid, note in notes_by_guid(collection).items()}  # type: ignore[attr-defined]
    before_cards = card_state(collection)
    before_revlog = collection.db.all("SELECT * FROM revlog ORDER BY id")
    assert len(before_revlog) == len(before_cards)
    assert any(state[6] > 0 for state in before_cards.values())  # some intervals to keep

    # Week 7 again, later: one gloss edited, one term added.
    edited = replace(week7.terms[2], gloss="special economic zone (edited)")
    added = make_term(lexicon, "创客", 20, "Slide 20 talks about 创客 spaces.")
    terms = (*week7.terms[:2], edited, *week7.terms[3:], added)
    package_b = write_package(replace(week7, terms=terms), tmp_path / "b.apkg", timestamp=T1)
    import_package(collection, package_b.path)

    after = notes_by_guid(collection)
    assert collection.note_count() == len(before_ids) + 1
    assert {guid: note.id for guid, note in after.items() if guid in before_ids} == before_ids  # type: ignore[attr-defined]
    edited_guid = note_guid("term", edited.simplified, edited.pinyin_numbered)
    assert after[edited_guid]["Meaning"] == html.escape(edited.gloss)  # type: ignore[index]
    added_guid = note_guid("term", "创客", added.pinyin_numbered)
    assert added_guid in after and added_guid not in before_ids
    assert len(collection.find_notes('"Hanzi:创客"')) == 1

    after_cards = card_state(collection)
    assert {cid: after_cards[cid] for cid in before_cards} == before_cards
    new_cards = set(after_cards) - set(before_cards)
    assert {after_cards[cid][0] for cid in new_cards} == {after[added_guid].id}  # type: ignore[attr-defined]
    assert collection.db.all("SELECT * FROM revlog ORDER BY id") == before_revlog

    # The same package again changes nothing: no duplicates, no new cards.
    import_package(collection, package_b.path)
    assert collection.note_count() == len(before_ids) + 1
    assert card_state(collection) == after_cards


def test_reimport_with_scheduling_option_also_keeps_history(
    tmp_path: Path, collection: Collection, week7: Glossary
) -> None:
    write_package(week7, tmp_path / "a.apkg", timestamp=T0)
    import_package(collection, tmp_path / "a.apkg")
    answer_every_card(collection)
    before = card_state(collection)
    revlog = collection.db.all("SELECT * FROM revlog ORDER BY id")
    write_package(week7, tmp_path / "b.apkg", timestamp=T1)
    import_package(collection, tmp_path / "b.apkg", with_scheduling=True, merge_notetypes=True)
    assert card_state(collection) == before
    assert collection.db.all("SELECT * FROM revlog ORDER BY id") == revlog


def test_anki_only_applies_newer_notes(
    tmp_path: Path, collection: Collection, week7: Glossary
) -> None:
    """Why exports stamp the build time: an edit with an older or equal stamp is ignored."""
    write_package(week7, tmp_path / "a.apkg", timestamp=T1)
    import_package(collection, tmp_path / "a.apkg")
    edited = replace(week7.terms[0], gloss="edited gloss")
    changed = replace(week7, terms=(edited, *week7.terms[1:]))
    guid = note_guid("term", edited.simplified, edited.pinyin_numbered)
    for stamp, expected in ((T0, week7.terms[0].gloss), (T1, week7.terms[0].gloss)):
        write_package(changed, tmp_path / "b.apkg", timestamp=stamp)
        import_package(collection, tmp_path / "b.apkg")
        assert notes_by_guid(collection)[guid]["Meaning"] == html.escape(expected)  # type: ignore[index]
    write_package(changed, tmp_path / "b.apkg", timestamp=T2)
    import_package(collection, tmp_path / "b.apkg")
    assert notes_by_guid(collection)[guid]["Meaning"] == "edited gloss"  # type: ignore[index]


def test_default_timestamp_is_the_build_time(tmp_path: Path, week7: Glossary) -> None:
    import time

    before = time.time()
    summary = write_package(week7, tmp_path / "a.apkg")
    assert before <= summary.timestamp <= time.time()


def test_note_type_rule_append_a_field_then_merge(
    tmp_path: Path,
    collection: Collection,
    week7: Glossary,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The documented rule for changing a note type: append fields; import once with
    "Merge note types" and "Update notes: always" (merging re-stamps the notes it converts)."""
    write_package(week7, tmp_path / "a.apkg", timestamp=T0)
    import_package(collection, tmp_path / "a.apkg")
    answer_every_card(collection)
    ids = {g: n.id for g, n in notes_by_guid(collection).items()}  # type: ignore[attr-defined]
    cards = card_state(collection)

    monkeypatch.setattr(render_anki, "TERM_FIELDS", (*TERM_FIELDS, "Mnemonic"))
    plan = plan_package(week7)
    meaning = TERM_FIELDS.index("Meaning")
    edited_guid = plan.terms[0].guid

    def widen(note: AnkiNote) -> AnkiNote:
        if note.kind != "term":
            return note
        fields = [*note.fields, ""]
        if note.guid == edited_guid:
            fields[meaning] = "after the change"
        return replace(note, fields=tuple(fields))

    widened = replace(plan, notes=tuple(widen(n) for n in plan.notes))
    write_package(widened, tmp_path / "b.apkg", timestamp=T1)

    # Without "merge note types" Anki keeps the old notes untouched (reported as conflicts).
    import_package(collection, tmp_path / "b.apkg")
    assert notes_by_guid(collection)[edited_guid]["Meaning"] != "after the change"  # type: ignore[index]
    import_package(collection, tmp_path / "b.apkg", merge_notetypes=True, update_notes=ALWAYS)
    after = notes_by_guid(collection)
    assert after[edited_guid]["Meaning"] == "after the change"  # type: ignore[index]
    assert {g: n.id for g, n in after.items()} == ids  # type: ignore[attr-defined]
    assert card_state(collection) == cards
    # (read from the database: the Python layer caches note types)
    fields = collection.db.list(
        "SELECT name FROM fields WHERE ntid = ? ORDER BY ord", TERM_MODEL_ID
    )
    assert fields == [*TERM_FIELDS, "Mnemonic"]


def test_note_type_rule_never_change_the_model_id(
    tmp_path: Path, collection: Collection, week7: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why the model ids are fixed: under a new id, imported notes are never updated again."""
    write_package(week7, tmp_path / "a.apkg", timestamp=T0)
    import_package(collection, tmp_path / "a.apkg")
    count = collection.note_count()
    edited = replace(week7.terms[0], gloss="edited under a new id")
    monkeypatch.setattr(render_anki, "TERM_MODEL_ID", TERM_MODEL_ID + 1)
    write_package(
        replace(week7, terms=(edited, *week7.terms[1:])), tmp_path / "b.apkg", timestamp=T1
    )
    import_package(collection, tmp_path / "b.apkg")
    guid = note_guid("term", edited.simplified, edited.pinyin_numbered)
    assert notes_by_guid(collection)[guid]["Meaning"] == html.escape(week7.terms[0].gloss)  # type: ignore[index]
    assert collection.note_count() == count


# -- identities -----------------------------------------------------------------------------------


def test_guid_depends_on_characters_and_reading_only(week7: Glossary) -> None:
    term = week7.terms[0]
    plan = plan_package(week7)
    changed = replace(
        term,
        gloss="another gloss",
        occurrences=(Occurrence(30, "Other", "different context"),),
        hsk_level=2,
    )
    plan_changed = plan_package(replace(week7, terms=(changed, *week7.terms[1:])))
    assert plan.terms[0].guid == plan_changed.terms[0].guid
    assert plan.terms[0].fields != plan_changed.terms[0].fields
    # Spacing and capitals of the reading do not matter; its tones do.
    assert note_guid("term", "创新", "chuang4 xin1") == note_guid("term", "创新", " Chuang4  xin1")
    assert note_guid("term", "创新", "chuang4 xin1") != note_guid("term", "创新", "chuang1 xin1")
    # Namespaced by note type: a character and a one-character term are different notes.
    assert note_guid("term", "创", "chuang4") != note_guid("character", "创", "chuang4")


def test_deck_ids_are_stable_and_distinct() -> None:
    name = f"{COURSE}::Week 07 · 创"
    assert deck_id(name) == deck_id(name)
    assert deck_id(name) != deck_id(f"{COURSE}::Week 08 · 城")
    assert deck_id(name) > 1


def test_model_ids_are_fixed_constants() -> None:
    source = Path(render_anki.__file__).read_text(encoding="utf-8")
    assert re.search(rf"^TERM_MODEL_ID = {TERM_MODEL_ID:_}$", source, re.MULTILINE)
    assert re.search(rf"^CHARACTER_MODEL_ID = {CHARACTER_MODEL_ID:_}$", source, re.MULTILINE)


def test_course_name_option_and_metadata(week7: Glossary) -> None:
    assert plan_package(week7).decks[1] == f"{COURSE}::Week 07 · 创"
    assert plan_package(week7, course="My::Course").decks[1] == "My:Course::Week 07 · 创"
    anonymous = replace(week7, deck=replace(week7.deck, course="", week=None, title="Planning"))
    assert plan_package(anonymous).decks[1] == "Hanzi Companion::Planning · 创"


# -- fields ---------------------------------------------------------------------------------------


def test_every_field_is_escaped(tmp_path: Path, collection: Collection, week7: Glossary) -> None:
    nasty = '<script>alert("x")</script> & <b>bold</b>'
    term = replace(
        week7.terms[0],
        gloss=nasty,
        slide_gloss="a < b",
        romanisation="<i>chuangxin</i>",
        occurrences=(Occurrence(4, "t", f"<img src=x> {week7.terms[0].term} & more"),),
    )
    glossary = replace(
        week7,
        deck=replace(week7.deck, course="A <b> course", title="<u>T</u>"),
        terms=(term,),
    )
    plan = plan_package(glossary)
    for note in plan.notes:
        for value in note.fields:
            assert "<script" not in value and "<img" not in value and "<b>" not in value
            assert "<u>" not in value and "<i>chuangxin" not in value
    # genanki warns on invalid HTML, and warnings are errors here: writing proves it is clean.
    write_package(plan, tmp_path / "x.apkg", timestamp=T0)
    import_package(collection, tmp_path / "x.apkg")
    note = notes_by_guid(collection)[plan.terms[0].guid]
    assert note["Meaning"] == html.escape(nasty)  # type: ignore[index]
    assert f'<mark lang="zh-Hans">{term.term}</mark>' in note["Context"]  # type: ignore[index]
    assert "&lt;img src=x&gt;" in note["Context"]  # type: ignore[index]


def test_pinyin_field_is_tone_coloured(week7: Glossary) -> None:
    plan = plan_package(week7)
    for note, term in zip(plan.terms, week7.terms, strict=True):
        tones = re.findall(r"\d", term.pinyin_numbered)
        assert re.findall(r'class="tone(\d)"', note.field("Pinyin")) == tones
        assert note.field("Pinyin plain") == html.escape(term.pinyin)


def test_long_terms_read_word_by_word(lexicon: Lexicon, week7: Glossary) -> None:
    parts = ("精准", "扶贫")
    readings = tuple(lexicon.reading(p).pinyin_numbered for p in parts)
    whole = make_term(lexicon, "".join(parts), 5, "", parts=parts, part_readings=readings)
    note = plan_package(replace(week7, terms=(whole,))).terms[0]
    expected = " ".join(lexicon.reading(p).pinyin for p in parts)
    assert note.field("Pinyin plain") == html.escape(expected)
    assert re.sub(r"<[^>]+>", "", note.field("Pinyin")) == html.escape(expected)
    # Parts that do not tile the term leave the reading in one piece.
    partial = replace(whole, parts=parts[:1], part_readings=readings[:1])
    assert " " not in plan_package(replace(week7, terms=(partial,))).terms[0].field("Pinyin plain")


def test_hsk_band_tag(week7: Glossary) -> None:
    terms = (replace(week7.terms[0], hsk_level=7), replace(week7.terms[1], hsk_level=3))
    plan = plan_package(replace(week7, terms=terms))
    assert "HSK7-9" in plan.terms[0].tags and "HSK3" in plan.terms[1].tags


def test_parts_and_source_link(week7: Glossary) -> None:
    whole = replace(week7.terms[4], parts=("大众", "创新"))  # parts that are terms too
    glossary = replace(week7, terms=(*week7.terms[:4], whole))
    plan = plan_package(glossary, deck_url_template="https://example.org/slides/{stem}.html")
    note = plan.terms[-1]
    assert '<span lang="zh-Hans">大众</span>' in note.field("Parts")
    assert 'class="tone4"' in note.field("Parts")  # the part's reading, from its own term
    assert 'href="https://example.org/slides/week07.html#7"' in note.field("Source")
    # Readings and meanings the glossary gives for the parts win over the parts' own terms.
    given = replace(whole, part_readings=("da4 zhong4", ""), part_glosses=("the public", ""))
    parts = plan_package(replace(glossary, terms=(*glossary.terms[:4], given))).terms[-1]
    assert "the public" in parts.field("Parts")
    assert html.escape(week7.terms[0].gloss) in parts.field("Parts")  # 创新, from its term
    with pytest.raises(ValueError, match="http"):
        plan_package(glossary, deck_url_template="javascript:alert(1)")


def test_character_note_with_profile_details(
    tmp_path: Path, collection: Collection, week7: Glossary
) -> None:
    svg = (
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<path d="M10 10 L90 90" stroke="currentColor"/></svg>'
    )
    details = {
        "创": CharacterDetails(
            formation="phono-semantic compound",
            components=(("仓", "sound"), ("刂", "meaning")),
            radical="刂",
            strokes=6,
            stroke_order_svg=svg,
        )
    }
    plan = plan_package(week7, characters=details)
    (character,) = plan.characters
    assert character.field("Strokes") == "6"
    assert character.field("Stroke order").startswith("<svg")
    assert "<?xml" not in character.field("Stroke order")
    assert "仓" in character.field("Formation and components")
    words = character.field("Words in the course")
    assert all(w in words for w in WEEK7_WORDS if "创" in w)
    assert "开发区" not in words
    write_package(plan, tmp_path / "c.apkg", timestamp=T0)
    import_package(collection, tmp_path / "c.apkg")
    note = notes_by_guid(collection)[character.guid]
    assert note["Stroke order"] == character.field("Stroke order")  # type: ignore[index]
    # Without a profile, the note still has the slide's reading and meaning.
    (bare,) = plan_package(week7).characters
    assert bare.field("Pinyin") and bare.field("Meaning") and not bare.field("Strokes")


def test_character_note_from_the_real_profile(
    lexicon: Lexicon, tmp_path: Path, collection: Collection, week7: Glossary
) -> None:
    (char,) = week7.characters
    profile = lexicon.character(char.character)
    details = character_details(profile)
    assert profile.strokes is not None and profile.formation is not None
    plan = plan_package(week7, characters={char.character: details})
    (note,) = plan.characters
    assert note.field("Strokes") == str(profile.stroke_count)
    svg = note.field("Stroke order")
    assert svg.startswith("<svg") and svg.count("data-stroke=") == profile.strokes.count
    for component in profile.formation.components:
        assert component.character in note.field("Formation and components")
    assert profile.radical is not None and profile.radical.form in note.field("Radical")
    # The reading is the slide's; the profile's best reading agrees with the dictionary's.
    assert details.pinyin_numbered == char.pinyin_numbered
    if profile.traditional:  # dictionaries indexed by traditional forms get that form
        assert quote(profile.traditional[0]) in note.field("Links")

    write_package(plan, tmp_path / "c.apkg", timestamp=T0)
    import_package(collection, tmp_path / "c.apkg")
    anki_note = notes_by_guid(collection)[note.guid]
    recognition, writing = sorted(anki_note.cards(), key=lambda c: c.ord)  # type: ignore[attr-defined]
    assert f'lang="zh-Hans">{char.character}<' in recognition.question()
    assert "<svg" not in writing.question() and char.character not in writing.question()
    assert "<svg" in writing.answer() and 'class="tone' in writing.question()


def test_term_cards_render_in_anki(tmp_path: Path, collection: Collection, week7: Glossary) -> None:
    write_package(week7, tmp_path / "a.apkg", timestamp=T0)
    import_package(collection, tmp_path / "a.apkg")
    term = week7.terms[0]
    (nid,) = collection.find_notes(f'"Hanzi:{term.simplified}"')
    recognition, recall = sorted(collection.get_note(nid).cards(), key=lambda c: c.ord)
    assert term.simplified in recognition.question()
    assert html.escape(term.gloss) not in recognition.question()
    assert html.escape(term.gloss) in recognition.answer()
    assert 'class="tone' in recognition.answer()
    assert html.escape(term.gloss) in recall.question()
    assert term.simplified not in recall.question()
    assert term.simplified in recall.answer()


def test_styling_is_self_contained_and_night_mode_aware() -> None:
    css = render_anki.CSS
    assert ".nightMode" in css and ".night_mode" in css
    assert "url(" not in css and "@import" not in css
    for n in range(1, 6):
        assert f".tone{n}" in css
    templates = [*render_anki.TERM_TEMPLATES, *render_anki.CHARACTER_TEMPLATES]
    for template in templates:
        for side in ("qfmt", "afmt"):
            assert "http" not in template[side] and "<script" not in template[side]
    fronts = [t["qfmt"] for t in templates if "{{Hanzi}}" in t["qfmt"]]
    assert fronts and all('lang="zh-Hans"' in front for front in fronts)


# -- writing ---------------------------------------------------------------------------------------


def test_package_is_a_zip_with_a_collection(tmp_path: Path, week7: Glossary) -> None:
    path = write_package(week7, tmp_path / "a.apkg", timestamp=T0).path
    with zipfile.ZipFile(path) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
    assert [p.name for p in tmp_path.iterdir()] == ["a.apkg"]  # no temp files left behind


def test_failed_write_leaves_old_file_and_no_temp_files(
    tmp_path: Path, week7: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "a.apkg"
    target.write_bytes(b"previous package")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", broken)
    with pytest.raises(OutputError, match="No space left"):
        write_package(week7, target, timestamp=T0)
    assert target.read_bytes() == b"previous package"
    assert [p.name for p in out.iterdir()] == ["a.apkg"]


def test_missing_folder_is_a_clear_error(tmp_path: Path, week7: Glossary) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_package(week7, tmp_path / "missing" / "a.apkg", timestamp=T0)
    with pytest.raises(OutputError, match="folder"):
        write_package(week7, tmp_path, timestamp=T0)


def test_cedict_source_flag(week7: Glossary) -> None:
    """The not-in-cedict tag follows where the reading came from, not the word."""
    term = replace(
        week7.terms[0], reading_source="course dictionary", sources=("course dictionary",)
    )
    term = replace(term, senses=tuple(replace(s, source="course dictionary") for s in term.senses))
    plan = plan_package(replace(week7, terms=(term,)))
    assert "not-in-cedict" in plan.terms[0].tags
    assert "not-in-cedict" not in plan_package(week7).terms[0].tags
    assert week7.terms[0].reading_source == CEDICT_SOURCE


# -- the command line ------------------------------------------------------------------------------


@pytest.fixture
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    return CliRunner()


def expected_guids(glossary: Glossary) -> set[str]:
    terms = {note_guid("term", t.simplified or t.term, t.pinyin_numbered) for t in glossary.terms}
    chars = {note_guid("character", c.character, c.pinyin_numbered) for c in glossary.characters}
    return terms | chars


def test_cli_seed_deck_imports_into_anki(
    runner: CliRunner, lexicon: Lexicon, tmp_path: Path, collection: Collection
) -> None:
    out = tmp_path / "week07.apkg"
    result = runner.invoke(cli, ["anki", str(SEED_DECK), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.stderr and result.stdout == ""
    glossary = build_glossary(read_deck(SEED_DECK), lexicon)

    import_package(collection, out)
    assert set(notes_by_guid(collection)) == expected_guids(glossary)
    week = glossary.deck.week
    assert week is not None
    names = [d.name for d in collection.decks.all_names_and_ids()]
    assert any(
        name.endswith(f"::Week {week:02d} · {glossary.characters[0].character}") for name in names
    )
    for char in glossary.characters:
        (nid,) = collection.find_notes(f'"note:Character" "Hanzi:{char.character}"')
        note = collection.get_note(nid)
        profile = lexicon.character(char.character)
        assert note["Strokes"] == str(profile.stroke_count)
        assert note["Stroke order"].startswith("<svg") == (profile.strokes is not None)


def test_cli_seed_deck_and_a_second_week_share_notes(
    runner: CliRunner, lexicon: Lexicon, tmp_path: Path, collection: Collection
) -> None:
    seed = build_glossary(read_deck(SEED_DECK), lexicon)
    shared = [t for t in seed.terms if t.in_dictionary and len(t.term) > 1][:3]
    assert shared
    lectures = tmp_path / "lectures"
    lectures.mkdir()
    (lectures / SEED_DECK.name).write_bytes(SEED_DECK.read_bytes())
    course_dictionary = SEED_DECK.parent / "course.u8"  # the course's own, as the lexicon's
    (lectures / course_dictionary.name).write_bytes(course_dictionary.read_bytes())
    week = (seed.deck.week or 0) + 1
    (lectures / f"week{week:02d}.md").write_text(
        f"---\ncourse: {seed.deck.course}\nweek: {week}\n---\n"
        f"class: center, middle\n\n# Week {week}\n\n## 城\n\n---\n\n# Cities and 城市\n\n"
        + "\n".join(f"- we saw {t.term} last week" for t in shared)
        + "\n- 城镇化 is new\n",
        encoding="utf-8",
    )
    out = tmp_path / "course.apkg"
    result = runner.invoke(cli, ["anki", str(lectures), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Building glossaries" in result.stderr  # the progress bar, on stderr

    second = build_glossary(read_deck(lectures / f"week{week:02d}.md"), lexicon)
    both = expected_guids(seed) & expected_guids(second)
    assert both, "the second week repeats terms of the first"
    import_package(collection, out)
    notes = notes_by_guid(collection)
    assert set(notes) == expected_guids(seed) | expected_guids(second)
    for guid in both:
        assert {f"week{seed.deck.week:02d}", f"week{week:02d}"} <= set(notes[guid].tags)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-o", "{tmp}/out.txt"], "must end in .apkg"),
        (["-o", "{tmp}/missing/out.apkg"], "does not exist"),
        (["-o", "{tmp}/out.apkg", "--deck-url", "file:///x"], "http"),
        (["-o", "{tmp}/out.apkg", "--course", " "], "must not be empty"),
    ],
)
def test_cli_errors_are_one_line(
    runner: CliRunner, tmp_path: Path, arguments: list[str], message: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in arguments]
    result = runner.invoke(cli, ["anki", str(SEED_DECK), *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.apkg")) and not list(tmp_path.glob(".*.tmp"))


def test_cli_never_writes_over_an_input_deck(runner: CliRunner, tmp_path: Path) -> None:
    deck = tmp_path / "week07.apkg"
    deck.write_bytes(SEED_DECK.read_bytes())
    result = runner.invoke(cli, ["anki", str(deck), "-o", str(deck)])
    assert result.exit_code == 2 and "input decks" in result.stderr
    assert deck.read_bytes() == SEED_DECK.read_bytes()


def test_cli_bad_deck_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "slides.txt"
    binary.write_bytes(b"\x00\x01\x02 not text \xff\xfe")
    result = runner.invoke(cli, ["anki", str(binary), "-o", str(tmp_path / "x.apkg")])
    assert result.exit_code == 2
    assert "slides.txt" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.apkg").exists()
    missing = runner.invoke(
        cli, ["anki", str(tmp_path / "nope.md"), "-o", str(tmp_path / "x.apkg")]
    )
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_cli_deck_without_chinese_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    deck = tmp_path / "english.md"
    deck.write_text("# Week 3\n\n---\n\n# Planning\n\nOnly English here.\n", encoding="utf-8")
    result = runner.invoke(cli, ["anki", str(deck), "-o", str(tmp_path / "x.apkg")])
    assert result.exit_code == 2
    assert "no Chinese terms" in result.stderr and "english.md" in result.stderr
    assert not (tmp_path / "x.apkg").exists()


def test_cli_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["anki", "--help"])
    assert result.exit_code == 0
    assert "hanzi-companion anki " in result.stdout and "--course" in result.stdout


def _tts(tags: Sequence[object]) -> list[tuple[str, str]]:
    from anki.sound import TTSTag

    return [(t.field_text, t.lang) for t in tags if isinstance(t, TTSTag)]


def test_every_card_speaks_its_word_with_anki_tts(
    tmp_path: Path, collection: Collection, week7: Glossary
) -> None:
    """Recognition speaks on the question, Recall and Writing once the characters show."""
    write_package(week7, tmp_path / "a.apkg", timestamp=T0)
    import_package(collection, tmp_path / "a.apkg")
    checked = 0
    for nid in collection.find_notes(""):
        note = collection.get_note(nid)
        word = html.unescape(note["Hanzi"])
        assert word and note["Audio"] == ""
        first, second = sorted(note.cards(), key=lambda c: c.ord)
        assert _tts(first.question_av_tags()) == [(word, "zh_CN")]
        assert "[anki:play:q:0]" in first.question()  # the player Anki puts where it speaks
        assert _tts(second.question_av_tags()) == []  # the prompt must not give the word away
        assert _tts(second.answer_av_tags()) == [(word, "zh_CN")]
        checked += 1
    assert checked == len(week7.terms) + len(week7.characters)


def test_the_students_own_audio_replaces_tts(
    tmp_path: Path, collection: Collection, week7: Glossary
) -> None:
    write_package(week7, tmp_path / "a.apkg", timestamp=T0)
    import_package(collection, tmp_path / "a.apkg")
    (nid,) = collection.find_notes(f'"Hanzi:{week7.terms[0].simplified}"')
    note = collection.get_note(nid)
    note["Audio"] = "[sound:my-voice.mp3]"
    collection.update_note(note)
    recognition = min(collection.get_note(nid).cards(), key=lambda c: c.ord)
    tags = recognition.question_av_tags()
    assert _tts(tags) == []
    assert [getattr(t, "filename", "") for t in tags] == ["my-voice.mp3"]


def test_character_note_carries_credited_example_sentences(
    tmp_path: Path, collection: Collection, lexicon: Lexicon
) -> None:
    from hanzi_companion.glossary import build_glossary

    seed = build_glossary(read_deck(SEED_DECK), lexicon)
    (char,) = seed.characters
    expected = lexicon.sentences(char.character, 3)
    assert expected and char.examples == expected
    write_package(seed, tmp_path / "a.apkg", timestamp=T0)
    import_package(collection, tmp_path / "a.apkg")
    (nid,) = collection.find_notes(f'"note:Character" "Hanzi:{char.character}"')
    note = collection.get_note(nid)
    recognition = min(note.cards(), key=lambda c: c.ord)
    answer = recognition.answer()
    for s in expected:
        marked = "".join(f"<mark>{t}</mark>" if m else t for t, m in s.segments(char.character))
        assert marked in answer
        assert html.escape(s.translation) in answer
    assert "hsk-sentences-audio" in note["Examples"]
    assert "hsk-sentences-audio" not in recognition.question()
