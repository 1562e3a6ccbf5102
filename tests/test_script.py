"""Script identification: hanzidentifier's rule, without its import-time regular expression."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import hanzidentifier
import pytest

from hanzi_companion.lexicon import script

DECKS = Path(__file__).parent / "data" / "decks"
SEED = Path(__file__).resolve().parent.parent / "hanzi_companion" / "demo_course" / "week07.txt"
_NAMES = {
    hanzidentifier.SIMPLIFIED: script.SIMPLIFIED,
    hanzidentifier.TRADITIONAL: script.TRADITIONAL,
    hanzidentifier.BOTH: script.BOTH,
    hanzidentifier.MIXED: script.MIXED,
    hanzidentifier.UNKNOWN: script.UNKNOWN,
}


def _samples() -> list[str]:
    """Runs of text of the test decks and the seed: whole, cut into pieces, run into pairs."""
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(DECKS.rglob("*"))
        if p.is_file() and p.suffix in {".md", ".txt", ".html"}
    ]
    texts.append(SEED.read_text(encoding="utf-8"))
    runs = sorted({run for text in texts for run in re.findall(r"[^\sA-Za-z]{1,40}", text)})
    pieces = {run[i : i + 2] for run in runs for i in range(0, len(run), 2)}
    pairs = [a + b for a, b in itertools.pairwise(runs)]  # mixed scripts too
    return [*runs, *sorted(pieces), *pairs]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "创新",
        "創新",
        "大众 大眾",
        "人口",
        "中國人民",
        "𠀀",
        "x创y",
        "创新" * 20,
        "創" * 30,
    ],
)
def test_identify_agrees_with_hanzidentifier(text: str) -> None:
    assert script.identify(text) == _NAMES[hanzidentifier.identify(text)]


def test_identify_agrees_with_hanzidentifier_on_every_deck_text() -> None:
    samples = _samples()
    assert len(samples) > 1000
    kinds = set()
    for text in samples:
        expected = _NAMES[hanzidentifier.identify(text)]
        assert script.identify(text) == expected, text
        kinds.add(expected)
    assert kinds == set(_NAMES.values())
