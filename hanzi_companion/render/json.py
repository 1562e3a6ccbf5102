"""The glossary as a JSON document (the CLI's ``--format json`` and the web API).

The shape is described by ``docs/glossary.schema.json``; the README documents it. Every value
comes from the :class:`~hanzi_companion.glossary.Glossary` model as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hanzi_companion.glossary import (
    CharacterOfTheWeek,
    Course,
    DeckInfo,
    Glossary,
    GlossaryTerm,
    Occurrence,
    RomanisedTerm,
)
from hanzi_companion.lexicon.hsk import level_label
from hanzi_companion.render.glossary_common import (
    character_links,
    credit_line,
    fragment,
    marks,
    occurrence_fragment,
    part_details,
    term_links,
)
from hanzi_companion.render.json_text import LazyArray, json_pieces, json_text
from hanzi_companion.render.lexicon_json import links_json

SCHEMA_VERSION = 1


def deck_json(deck: DeckInfo) -> dict[str, Any]:
    return {
        "name": deck.name,
        "title": deck.title,
        "course": deck.course,
        "week": deck.week,
        "date": deck.date,
        "slide_count": deck.slide_count,
        "format": deck.format,
    }


def occurrence_json(occurrence: Occurrence) -> dict[str, Any]:
    return {
        "slide": occurrence.slide,
        "slide_title": occurrence.slide_title,
        "context": occurrence.context,
        "in_notes": occurrence.in_notes,
        "in_header": occurrence.in_header,
        "fragment": occurrence_fragment(occurrence),
    }


def character_json(character: CharacterOfTheWeek) -> dict[str, Any]:
    return {
        "character": character.character,
        "pinyin": character.pinyin,
        "pinyin_numbered": character.pinyin_numbered,
        "gloss": character.gloss,
        "slide": character.slide,
        "fragment": fragment(character.slide),
        "links": links_json(character_links(character)),
    }


def term_json(term: GlossaryTerm) -> dict[str, Any]:
    return {
        "term": term.term,
        "simplified": term.simplified,
        "traditional": term.traditional,
        "pinyin": term.pinyin,
        "pinyin_numbered": term.pinyin_numbered,
        "reading_source": term.reading_source,
        "other_readings": [{"pinyin": marks(r), "pinyin_numbered": r} for r in term.other_readings],
        "gloss": term.gloss,
        "gloss_kind": term.gloss_kind,
        "gloss_note": term.gloss_note,
        "sense_choice": (
            {"sense": term.chosen_sense, "rule": term.sense_rule, "reason": term.sense_reason}
            if term.chosen_sense
            else None
        ),
        "slide_gloss": term.slide_gloss,
        "romanisation": term.romanisation,
        "senses": [
            {
                "text": sense.text,
                "kind": sense.kind.value,
                "source": sense.source,
                "chosen": sense.text == term.chosen_sense,
            }
            for sense in term.senses
        ],
        "parts": list(term.parts),
        "part_details": [
            {"word": word, "pinyin": marks(reading), "pinyin_numbered": reading, "gloss": gloss}
            for word, reading, gloss in part_details(term)
        ],
        "occurrences": [occurrence_json(o) for o in term.occurrences],
        "sources": list(term.sources),
        "in_dictionary": term.in_dictionary,
        "hsk_level": term.hsk_level,
        "hsk_label": level_label(term.hsk_level) if term.hsk_level is not None else None,
        "is_character_of_the_week": term.is_character_of_the_week,
        "links": links_json(term_links(term)),
    }


def romanised_json(item: RomanisedTerm) -> dict[str, Any]:
    return {
        "text": item.text,
        "matched": item.matched,
        "pinyin": marks(item.pinyin_numbered),
        "pinyin_numbered": item.pinyin_numbered,
        "how": item.how,
        "candidates": list(item.candidates),
        "gloss": item.gloss,
        "sense_choice": (
            {"sense": item.chosen_sense, "rule": item.sense_rule, "reason": item.sense_reason}
            if item.chosen_sense
            else None
        ),
        "occurrences": [occurrence_json(o) for o in item.occurrences],
    }


def glossary_json(glossary: Glossary, *, lazy: bool = False) -> dict[str, Any]:
    """One deck's glossary as plain JSON-ready data (``lazy``: terms made as they are
    written, for :func:`json_pieces`)."""
    terms: list[Any] = (
        LazyArray(glossary.terms, term_json) if lazy else [term_json(t) for t in glossary.terms]
    )
    return {
        "schema_version": SCHEMA_VERSION,
        "deck": deck_json(glossary.deck),
        "character_of_the_week": [character_json(c) for c in glossary.characters],
        "terms": terms,
        "romanised": [romanised_json(r) for r in glossary.romanised],
        "messages": list(glossary.messages),
        "attribution": credit_line((glossary,)),
    }


def course_json(course: Course, *, lazy: bool = False) -> dict[str, Any]:
    """A course: its name and each deck's glossary, in the course's order."""
    decks: list[Any] = (
        LazyArray(course.glossaries, lambda g: glossary_json(g, lazy=True))
        if lazy
        else [glossary_json(g) for g in course.glossaries]
    )
    return {
        "schema_version": SCHEMA_VERSION,
        "course": course.name,
        "decks": decks,
        "attribution": credit_line(course.glossaries),
    }


def dumps(data: dict[str, Any]) -> str:
    """Pretty, UTF-8 (characters kept as written), script-safe, newline-terminated."""
    return json_text(data, indent=2) + "\n"


def json_document(glossary: Glossary) -> Iterator[str]:
    """``render_json``'s text in pieces, each term made as it is written: a glossary of
    thousands of terms is written (to a file, a response) in bounded memory."""
    yield from json_pieces(glossary_json(glossary, lazy=True), indent=2)
    yield "\n"


def course_json_document(course: Course) -> Iterator[str]:
    """``render_course_json``'s text in pieces (see :func:`json_document`)."""
    yield from json_pieces(course_json(course, lazy=True), indent=2)
    yield "\n"


def render_json(glossary: Glossary) -> str:
    return "".join(json_document(glossary))


def render_course_json(course: Course) -> str:
    return "".join(course_json_document(course))
