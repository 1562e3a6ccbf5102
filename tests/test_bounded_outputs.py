"""A deck that is one long run of Chinese gives outputs of bounded size.

Each occurrence's context is a window around the term itself (never the whole run), and a
term keeps at most ``MAX_OCCURRENCES`` occurrences, in every output.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from hanzi_companion.glossary import MAX_OCCURRENCES, Glossary, build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.anki import write_package
from hanzi_companion.render.html import render_html
from hanzi_companion.render.json import render_json
from hanzi_companion.render.markdown import render_markdown
from hanzi_companion.render.slides import render_slides
from hanzi_companion.text.decks import read_deck_text

# Bytes of UTF-8, about 100,000 characters: a run whose every term recurs far more often than
# MAX_OCCURRENCES, which is what the bounds are about. Whole 2 MB decks are measured by
# benchmarks/pathological_decks.py (a 2 MB run took 18 s to build here, twice).
SIZE = 300_000
CONTEXT_MAX = 90  # about 40 characters each side of a term, and the ellipses


def long_run(lexicon: Lexicon, words: int = 40) -> str:
    """Common dictionary words in a fixed random order, with no line break or punctuation."""
    common = sorted(w for w, frequency in lexicon.headwords() if len(w) == 2 and frequency > 500)
    chosen = random.Random(5).sample(common, words)
    rng = random.Random(9)
    pieces = []
    total = 0
    while total < SIZE:
        word = rng.choice(chosen)
        pieces.append(word)
        total += len(word.encode())
    return "".join(pieces)


@pytest.fixture(scope="module")
def run_text(lexicon: Lexicon) -> str:
    return long_run(lexicon)


@pytest.fixture(scope="module")
def glossary(lexicon: Lexicon, run_text: str) -> Glossary:
    """Slow (seconds, once per module): the glossary of a whole line of 40 words repeated."""
    return build_glossary(read_deck_text(run_text, "run.txt"), lexicon)


def test_contexts_are_windows_around_the_term(glossary: Glossary) -> None:
    assert len(glossary.terms) >= 20
    for term in glossary.terms:
        assert 1 <= len(term.occurrences) <= MAX_OCCURRENCES
        for occurrence in term.occurrences:
            assert len(occurrence.context) <= CONTEXT_MAX
            assert term.term in occurrence.context  # the window is around the term itself
    # A term that recurs thousands of times keeps only the first occurrences.
    assert max(len(t.occurrences) for t in glossary.terms) == MAX_OCCURRENCES


def test_every_output_is_bounded(glossary: Glossary, tmp_path: Path) -> None:
    budget = len(glossary.terms) * MAX_OCCURRENCES * 1_000 + 500_000
    outputs = {
        "json": render_json(glossary),
        "html": render_html(glossary),
        "markdown": render_markdown(glossary),
        "slides": render_slides(glossary),
    }
    for name, text in outputs.items():
        assert len(text.encode()) < budget, name
    assert len(json.loads(outputs["json"])["terms"]) == len(glossary.terms)
    apkg = tmp_path / "run.apkg"
    write_package(glossary, apkg, timestamp=1_700_000_000)
    assert apkg.stat().st_size < budget


def test_the_web_api_answers_in_bounded_size(client: FlaskClient, run_text: str) -> None:
    """Slow (seconds): the API glosses the whole line of repeated words, as the CLI does."""
    response = client.post(
        "/api/glossary?name=run.txt",
        data=run_text.encode(),
        content_type="text/plain; charset=utf-8",
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["terms"]
    for term in body["terms"]:
        assert len(term["occurrences"]) <= MAX_OCCURRENCES
        assert all(len(o["context"]) <= CONTEXT_MAX for o in term["occurrences"])
    assert len(response.data) < len(body["terms"]) * MAX_OCCURRENCES * 1_000 + 500_000
