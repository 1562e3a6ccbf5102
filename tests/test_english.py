"""The English matching rules of the search: stems, synonyms, function words, parentheses."""

from __future__ import annotations

import pytest

from hanzi_companion.lexicon.english import Query, gloss_parts, match_gloss, stem, synonyms


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("innovate", "innovation", "innovating", "innovated"), True),
        (("create", "creation", "creating"), True),
        (("company", "companies"), True),
        (("start", "starting", "started", "starts"), True),
        (("business", "businesses"), True),
        (("class", "clas"), False),  # "-ss" is no plural ending
        (("water", "wat"), False),  # a stem keeps four letters
    ],
)
def test_stem(words: tuple[str, ...], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) == same, [stem(w) for w in words]


def test_synonyms_work_both_ways() -> None:
    assert ("enterprise",) in synonyms("business")
    assert ("business",) in synonyms("enterprise")
    assert ("set", "up") in synonyms("start")


def test_function_words_are_not_concepts() -> None:
    assert Query.parse("to start a business").concepts == ("start", "business")
    assert Query.parse("to be").concepts == ("to", "be")  # nothing else: taken as is


def test_match_gloss_tiers() -> None:
    query = Query.parse("to start a business")
    assert match_gloss(query, "to start a business").tier == 0
    assert match_gloss(query, "to start an enterprise").tier == 0  # a synonym
    assert match_gloss(query, "to start an enterprise").coverage < 1
    assert match_gloss(query, "to start (a business etc)").complete  # in parentheses
    assert match_gloss(query, "to start a large business in the city").tier == 1
    assert not match_gloss(query, "to start").complete


def test_gloss_parts() -> None:
    assert gloss_parts(("to open; to start (a business etc)", "to set up")) == (
        "to open",
        "to start (a business etc)",
        "to set up",
    )
