"""Stroke data for the writing practice (Hanzi Writer), as JSON and as a script for file://.

Hanzi Writer reads a character as ``{"strokes": [outline...], "medians": [[[x, y]...]...],
"radStrokes": [index...]}``, the format of hanzi-writer-data, which our bundled stroke data
comes from. The web serves it as JSON (``/api/strokes/<char>.json``); the static site writes it
as a small script that registers the data on ``window.hcStrokeData`` (browsers refuse ``fetch``
of ``file://`` pages), which ``static/js/writing-practice.js`` reads.
"""

from __future__ import annotations

import json

from hanzi_companion.lexicon.strokes import StrokeData


def writer_data(strokes: StrokeData) -> dict[str, object]:
    """The stroke data in Hanzi Writer's character format."""
    return {
        "strokes": list(strokes.outlines),
        "medians": [[list(point) for point in median] for median in strokes.medians],
        "radStrokes": list(strokes.radical_strokes),
    }


def writer_json(strokes: StrokeData) -> str:
    return json.dumps(writer_data(strokes), ensure_ascii=False, separators=(",", ":"))


def writer_script(char: str, strokes: StrokeData) -> str:
    """A script registering the data of ``char`` for pages opened from disk."""
    key = json.dumps(char)
    return f"(window.hcStrokeData = window.hcStrokeData || {{}})[{key}] = {writer_json(strokes)};\n"
