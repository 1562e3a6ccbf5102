"""The static site's search results write pinyin by word, as every other output does."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import demo_course_dir
from hanzi_companion.site import build_site, pages
from hanzi_companion.text.decks import read_deck

pytestmark = pytest.mark.browser


def test_search_results_space_the_words_of_long_terms(
    page: Any, lexicon: Lexicon, tmp_path: Path
) -> None:
    root = tmp_path / "public"
    build_site(demo_course_dir(), root, lexicon)
    glossary = build_glossary(read_deck(demo_course_dir() / "week07.txt"), lexicon)
    long_terms = [t for t in glossary.terms if len(t.pinyin_words) > 1 and t.latin_free]
    assert len(long_terms) >= 3
    for term in long_terms[:4]:
        page.goto((root / pages.SEARCH).as_uri() + "?q=" + term.term)
        result = page.locator(".hc-result", has=page.locator(f'.hc-term:text-is("{term.term}")'))
        result.first.wait_for()
        shown = result.first.locator(".hc-pinyin").first.inner_text()
        assert unicodedata.normalize("NFC", shown) == term.pinyin
