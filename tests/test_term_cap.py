"""A deck of an absurd number of distinct terms gives a glossary of at most ``MAX_TERMS``
terms, and every output says, in one line, about how many words were left out.

A small cap is injected (a test never builds a 2 MB deck; benchmarks/pathological_decks.py
measures that).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from hanzi_companion import glossary as glossary_module
from hanzi_companion.cli import cli
from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.site.build import build_site
from hanzi_companion.text.decks import read_deck_text

CAP = 10
WORDS_PER_LINE = 6
LINES = 8


@pytest.fixture(scope="module")
def word_list(lexicon: Lexicon) -> str:
    """Distinct common two-character words, six a line: a vocabulary list, as pasted."""
    common = sorted(w for w, frequency in lexicon.headwords() if len(w) == 2 and frequency > 500)
    chosen = random.Random(11).sample(common, WORDS_PER_LINE * LINES)
    lines = [
        "，".join(chosen[i : i + WORDS_PER_LINE]) + "。"
        for i in range(0, len(chosen), WORDS_PER_LINE)
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture()
def small_cap(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(glossary_module, "MAX_TERMS", CAP)
    return CAP


def cap_line(messages: list[str] | tuple[str, ...]) -> str:
    (line,) = [m for m in messages if "left out" in m]
    return line


def test_the_glossary_keeps_the_first_terms_and_says_how_many_were_left_out(
    lexicon: Lexicon, word_list: str
) -> None:
    deck = read_deck_text(word_list, "words.txt")
    whole = build_glossary(deck, lexicon)
    capped = build_glossary(deck, lexicon, max_terms=CAP)
    assert len(whole.terms) > CAP and not whole.messages
    # The first terms in reading order, built exactly as without the cap.
    assert capped.terms == whole.terms[:CAP]
    line = cap_line(capped.messages)
    assert "\n" not in line
    assert f"more than {CAP} distinct terms" in line
    assert f"first {CAP}" in line
    assert f"about {len(whole.terms) - CAP} more words" in line


def test_a_deck_within_the_cap_has_no_message(lexicon: Lexicon, word_list: str) -> None:
    deck = read_deck_text(word_list, "words.txt")
    glossary = build_glossary(deck, lexicon, max_terms=WORDS_PER_LINE * LINES)
    assert len(glossary.terms) == WORDS_PER_LINE * LINES
    assert glossary.messages == ()


@pytest.mark.parametrize("fmt", ["json", "html", "md", "slides"])
def test_every_cli_format_respects_the_cap(
    small_cap: int,
    settings: Settings,
    word_list: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    deck = tmp_path / "words.txt"
    deck.write_text(word_list, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli, ["glossary", str(deck), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"more than {small_cap} distinct terms" in result.output  # the warning, on stderr
    assert f"({fmt}, {small_cap} terms)" in result.output
    text = out.read_text(encoding="utf-8")
    assert f"more than {small_cap} distinct terms" in text  # and in the output itself
    if fmt == "json":
        data = json.loads(text)
        assert len(data["terms"]) == small_cap
        assert cap_line(data["messages"])


def test_anki_respects_the_cap(
    small_cap: int,
    settings: Settings,
    word_list: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    deck = tmp_path / "words.txt"
    deck.write_text(word_list, encoding="utf-8")
    out = tmp_path / "words.apkg"
    result = CliRunner().invoke(cli, ["anki", str(deck), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"more than {small_cap} distinct terms" in result.output
    assert out.is_file()


def test_the_site_respects_the_cap(
    small_cap: int, lexicon: Lexicon, word_list: str, tmp_path: Path
) -> None:
    course = tmp_path / "course"
    course.mkdir()
    (course / "week01.txt").write_text(word_list, encoding="utf-8")
    report = build_site(course, tmp_path / "site", lexicon)
    assert any(f"more than {small_cap} distinct terms" in m for m in report.messages)


def test_the_web_upload_respects_the_cap(
    small_cap: int, client: FlaskClient, word_list: str
) -> None:
    response = client.post(
        "/api/glossary?name=words.txt",
        data=word_list.encode(),
        content_type="text/plain; charset=utf-8",
    )
    assert response.status_code == 200
    body = response.get_json()
    assert len(body["terms"]) == small_cap
    assert f"more than {small_cap} distinct terms" in cap_line(body["messages"])


def test_a_terms_context_lines_come_from_its_rarest_characters_lines() -> None:
    rng = random.Random(3)
    alphabet = "城市化中村户口单位经济发展的了是 ,ab"
    text = "\n".join(
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(400)
    )
    text += "\n" + "城" * 300  # a line too long to be a context
    lines = glossary_module._SlideLines.of(text)
    for han in ("城市", "户口单位", "的", "化中", "城城城", "位经济发展的了"):
        scanned = [line for line in text.split("\n") if han in line and len(line) <= 200]
        assert list(lines.writing(han)) == scanned, han
