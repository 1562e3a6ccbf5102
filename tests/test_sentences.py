"""Graded example sentences (dictionaries/hsk-sentences-audio-1.0.0.sentences.json.gz), on the
real bundled data: a word's sentences hold it as a word token, best (easiest, shortest) first.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from markupsafe import escape

from hanzi_companion.cli import cli
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.sentences import SENTENCES_CREDIT, SENTENCES_FILE
from hanzi_companion.lexicon.sources import DATA_SOURCES
from tests.conftest import ROOT

DATA = ROOT / "dictionaries" / SENTENCES_FILE
EVERYTHING = 100_000


@pytest.fixture(scope="module")
def records() -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(gzip.decompress(DATA.read_bytes()))
    return data


def _tokens(record: dict[str, object]) -> list[str]:
    return [str(t["word"]) for t in record["tokens"]]  # type: ignore[attr-defined, index]


def test_the_data_is_the_published_file_with_its_provenance(
    records: list[dict[str, object]],
) -> None:
    assert len(records) == 4354
    digest = hashlib.sha256(gzip.decompress(DATA.read_bytes())).hexdigest()
    readme = (ROOT / "dictionaries" / "README.md").read_text("utf-8")
    assert f"{digest}  {SENTENCES_FILE} (uncompressed)" in readme
    assert "hsk-sentences-audio==1.0.0" in readme and "CC BY-SA 4.0" in readme
    assert any(s.key == "sentences" for s in DATA_SOURCES)


def test_never_a_sentence_where_the_word_only_spans_a_word_boundary(
    lexicon: Lexicon, records: list[dict[str, object]]
) -> None:
    words = {w for r in records for w in _tokens(r) if len(w) == 2}
    accidents = [
        (w, r) for r in records for w in words if w in str(r["chinese"]) and w not in _tokens(r)
    ]
    assert accidents, "the data has words whose characters meet across a word boundary"
    for word, record in accidents[:40]:
        shown = {s.id for s in lexicon.sentences(word, limit=EVERYTHING)}
        assert record["id"] not in shown, (word, record["chinese"])
        assert shown, f"{word} is a token of some sentence"


def test_best_first_and_always_as_a_token(
    lexicon: Lexicon, records: list[dict[str, object]]
) -> None:
    for word in ("学校", "电脑", "朋友", "创新"):
        expected = sorted(
            (int(r["hsk_level"]), len(str(r["chinese"])), str(r["id"]))  # type: ignore[call-overload]
            for r in records
            if word in _tokens(r)
        )
        found = lexicon.sentences(word, limit=3)
        assert [(s.hsk_level, len(s.simplified)) for s in found] == [e[:2] for e in expected[:3]]
        for s in found:
            assert word in s.tokens
            assert [t for t, marked in s.segments(word) if marked] == [word] * s.tokens.count(word)


def test_a_character_shows_its_own_token_first_then_its_words(lexicon: Lexicon) -> None:
    found = lexicon.sentences("新", limit=3)
    assert found and all("新" in s.tokens for s in found)
    inside = lexicon.sentences("创", limit=3)
    assert inside and all(any("创" in t for t in s.tokens) for s in inside)
    assert all(
        "".join(t for t, m in s.segments("创") if m) == "创" * s.simplified.count("创")
        for s in inside
    )


def test_no_sentence_is_said(lexicon: Lexicon, client: FlaskClient) -> None:
    word = "创客空间"
    assert lexicon.lookup(word) and not lexicon.sentences(word)
    page = client.get(f"/word/{word}").get_data(as_text=True)
    assert "No example sentence has" in page and SENTENCES_CREDIT in page


def test_word_and_character_pages_show_and_credit_them(
    lexicon: Lexicon, client: FlaskClient
) -> None:
    for path, word in (("/word/学校", "学校"), ("/char/新", "新")):
        page = client.get(path).get_data(as_text=True)
        for s in lexicon.sentences(word):
            assert f'data-hc-say="{s.simplified}"' in page
            assert str(escape(s.translation)) in page and s.pinyin in page
        assert f"<mark>{word}</mark>" in page
        assert SENTENCES_CREDIT in page


def test_char_json_has_the_examples(lexicon: Lexicon) -> None:
    result = CliRunner().invoke(cli, ["char", "新", "--json"])
    assert result.exit_code == 0, result.output
    examples = json.loads(result.output)["examples"]
    assert examples["source"] == SENTENCES_CREDIT
    assert [s["id"] for s in examples["sentences"]] == [s.id for s in lexicon.sentences("新")]
    first = examples["sentences"][0]
    assert "".join(text for text, _ in first["marked"]) == first["simplified"]


def test_the_index_is_a_cache_keyed_by_the_data(lexicon: Lexicon, tmp_path: Path) -> None:
    from hanzi_companion.lexicon.sentences import index_path

    path = index_path(lexicon.settings)
    assert path.is_file() and re.fullmatch(r"sentences-[0-9a-f]{20}\.sqlite", path.name)


def test_glossary_page_and_site_character_page_show_them(lexicon: Lexicon, tmp_path: Path) -> None:
    from hanzi_companion.glossary import build_glossary
    from hanzi_companion.render.html import render_html
    from hanzi_companion.settings import demo_course_dir
    from hanzi_companion.site import build_site, pages
    from hanzi_companion.text.decks import read_deck
    from tests.conftest import SEED_DECK

    glossary = build_glossary(read_deck(SEED_DECK), lexicon)
    (char,) = glossary.characters
    page = render_html(glossary)
    for s in char.examples:
        marked = "".join(
            f"<mark>{escape(t)}</mark>" if m else str(escape(t))
            for t, m in s.segments(char.character)
        )
        assert marked in page
    with_examples = [t for t in glossary.terms if t.examples]
    assert with_examples
    for term in with_examples:
        assert term.examples == lexicon.sentences(term.simplified, 2)
        assert f'data-hc-say="{term.examples[0].simplified}"' in page
    assert SENTENCES_CREDIT in page
    # The slides' own sentences stay, listed apart as "in the slides".
    with_context = [t for t in glossary.terms if any(o.context for o in t.occurrences)]
    assert with_context and page.count("In the slides:") == len(with_context)
    without = [t for t in with_context if not t.examples]
    assert page.count("No graded example sentence has") == len(without)

    root = tmp_path / "public"
    build_site(demo_course_dir(), root, lexicon)
    site_page = (root / pages.character_page(char.character)).read_text("utf-8")
    for s in lexicon.sentences(char.character):
        assert f'data-hc-say="{s.simplified}"' in site_page
    assert SENTENCES_CREDIT in site_page


def test_lookup_json_and_the_api_have_the_examples(lexicon: Lexicon, client: FlaskClient) -> None:
    for word in ("学校", "创客空间"):
        result = CliRunner().invoke(cli, ["lookup", word, "--json"])
        assert result.exit_code == 0, result.output
        examples = json.loads(result.output)["examples"]
        assert [s["id"] for s in examples["sentences"]] == [s.id for s in lexicon.sentences(word)]
        api = client.get("/api/lookup", query_string={"q": word}).get_json()
        assert api["examples"]["sentences"] == examples["sentences"]
    assert not json.loads(CliRunner().invoke(cli, ["lookup", "创客空间", "--json"]).output)[
        "examples"
    ]["sentences"]
