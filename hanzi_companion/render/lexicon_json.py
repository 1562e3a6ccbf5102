"""JSON shapes of lexicon objects, shared by the CLI's ``--json`` and the web API."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hanzi_companion.lexicon.models import Entry, Link, Reading, SearchResults

if TYPE_CHECKING:
    from hanzi_companion.lexicon.sentences import Sentence

CEDICT_ATTRIBUTION = (
    "CC-CEDICT (MDBG), Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0), "
    "https://cc-cedict.org/"
)


def entry_json(entry: Entry) -> dict[str, Any]:
    """One dictionary entry."""
    return {
        "traditional": entry.traditional,
        "simplified": entry.simplified,
        "pinyin": entry.pinyin,
        "pinyin_numbered": entry.pinyin_numbered,
        "definitions": list(entry.definitions),
        "senses": [
            {"text": s.text, "kind": s.kind.value, "source": s.source} for s in entry.senses
        ],
        "classifiers": list(entry.classifiers),
        "source": entry.source,
        "note": entry.note,
        "frequency": entry.frequency,
    }


def reading_json(reading: Reading) -> dict[str, Any]:
    return {
        "pinyin": reading.pinyin,
        "pinyin_numbered": reading.pinyin_numbered,
        "source": reading.source,
        "in_dictionary": reading.in_dictionary,
    }


def links_json(links: tuple[Link, ...]) -> list[dict[str, str]]:
    return [{"site": link.site, "url": link.url} for link in links]


def lookup_json(
    word: str,
    entries: tuple[Entry, ...],
    reading: Reading,
    script: str,
    other_form: str | None,
    links: tuple[Link, ...],
) -> dict[str, Any]:
    """The answer to a lookup: entries in the chosen reading order."""
    return {
        "query": word,
        "found": bool(entries),
        "script": script,
        "other_form": other_form,
        "reading": reading_json(reading),
        "entries": [entry_json(e) for e in entries],
        "links": links_json(links),
        "attribution": CEDICT_ATTRIBUTION,
    }


def search_json(results: SearchResults) -> dict[str, Any]:
    return {
        "query": results.query,
        "kind": results.kind.value,
        "also": [k.value for k in results.also],
        "results": [
            {"match": h.match, "kind": h.kind.value, **entry_json(h.entry)} for h in results.hits
        ],
        "attribution": CEDICT_ATTRIBUTION,
    }


def sentences_json(word: str, sentences: tuple[Sentence, ...]) -> dict[str, Any]:
    """Example sentences of ``word``: each with the word's spans marked, and the credit."""
    from hanzi_companion.lexicon.sentences import SENTENCES_CREDIT

    return {
        "word": word,
        "sentences": [
            {
                "id": s.id,
                "hsk_level": s.hsk_level,
                "simplified": s.simplified,
                "traditional": s.traditional,
                "pinyin": s.pinyin,
                "english": s.translation,
                "tokens": list(s.tokens),
                "marked": [[text, marked] for text, marked in s.segments(word)],
            }
            for s in sentences
        ],
        "source": SENTENCES_CREDIT,
    }
