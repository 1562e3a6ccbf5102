"""A text giving a word's literal meaning and its figure means the figure
(hanzi_companion.senses.figure_explained), on the real CC-CEDICT."""

from __future__ import annotations

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.senses import RULES, build_context, choose_sense


def _chosen(lexicon: Lexicon, term: str, line: str, gloss: str = "") -> str:
    entries = lexicon.lookup(term)
    context = build_context(entries, term, slide_gloss=gloss, lines=[line])
    choice = choose_sense(entries, context)
    assert choice is not None
    return choice.sense.text


def test_the_rule_is_listed_by_name() -> None:
    assert "figure explained" in dict(RULES)


def test_the_figure_wins_over_the_literal_meaning_the_text_starts_from(
    lexicon: Lexicon,
) -> None:
    # The slide glosses the term literally; its line says what it now means.
    line = "下海 (xià hǎi) jumping into the sea. Now: to quit the job to start a business."
    chosen = _chosen(lexicon, "下海", line, gloss="jumping into the sea")
    assert chosen.startswith("(fig.) to take the plunge")


def test_the_literal_meaning_stays_when_the_text_speaks_only_of_it(lexicon: Lexicon) -> None:
    line = "夏天我们常常下海, we go into the sea to swim."
    assert not _chosen(lexicon, "下海", line).startswith("(fig.)")
