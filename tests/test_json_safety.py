"""Every JSON output is safe inside ``<script type="application/json">``: ``<``, ``>``, ``&``,
U+2028 and U+2029 are ``\\u`` escapes, and the JSON reads back to the same values."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.json import render_json
from hanzi_companion.render.json_text import json_text
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.site import build_site
from hanzi_companion.text.decks import read_deck_text

# The line separators stand inside the title: at its end they are trimmed as white space.
HOSTILE = "</script><img src=x onerror=alert(1)><!-- &\u2028\u2029end"
DECK = f"""---
title: "{HOSTILE}"
course: "{HOSTILE}"
---

# Week 7: {HOSTILE}

创新 (innovation {HOSTILE})
"""
UNSAFE = ("<", ">", "&", "\u2028", "\u2029")


def assert_script_safe(text: str) -> None:
    for char in UNSAFE:
        assert char not in text, f"{char!r} written as is"


class _Script(HTMLParser):
    """What an HTML parser sees in a page holding one inline JSON script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.data = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.data += data


def test_the_helper_escapes_and_reads_back() -> None:
    data = {"title": HOSTILE, "创": ["<b>", "a&b"]}
    for indent in (None, 2):
        text = json_text(data, indent=indent)
        assert_script_safe(text)
        assert json.loads(text) == data
    assert "创" in json_text(data)  # Chinese stays as written


def test_glossary_json_pasted_inline_stays_one_script(lexicon: Lexicon) -> None:
    glossary = build_glossary(read_deck_text(DECK, "week07.md"), lexicon)
    assert HOSTILE in glossary.deck.title  # the title really is hostile
    text = render_json(glossary)
    assert_script_safe(text)
    assert json.loads(text)["deck"]["title"] == glossary.deck.title
    page = f'<script type="application/json" data-hc-glossary>{text}</script><p>end</p>'
    parser = _Script()
    parser.feed(page)
    assert parser.tags == ["script", "p"]  # no <img> escaped the script
    assert json.loads(parser.data) == json.loads(text)


def test_site_json_and_search_index(tmp_path: Path, lexicon: Lexicon) -> None:
    course = tmp_path / "course"
    course.mkdir()
    (course / "week07.md").write_text(DECK, encoding="utf-8")
    site = tmp_path / "site"
    build_site(course, site, lexicon)
    written = [p for p in site.rglob("*") if p.suffix in (".json", ".js") and p.is_file()]
    scripts = [p for p in written if "static" not in p.relative_to(site).parts]
    assert len(scripts) >= 3  # the deck's glossary, the course's, the search index
    texts = [path.read_text(encoding="utf-8") for path in scripts]
    assert sum("onerror" in text for text in texts) >= 2  # the hostile title reached them
    for text in texts:
        assert_script_safe(text)


def test_web_api_json_is_escaped(client: FlaskClient) -> None:
    posted = client.post("/api/glossary?name=week07.md", data=DECK.encode())
    assert posted.status_code == 200
    assert "onerror" in posted.get_data(as_text=True)
    assert_script_safe(posted.get_data(as_text=True))
    assert HOSTILE in posted.get_json()["deck"]["title"]
    searched = client.get("/api/search", query_string={"q": "R&D <b>"})
    assert_script_safe(searched.get_data(as_text=True))  # jsonify, the query echoed
    assert searched.get_json()["query"]
    failed = client.get("/api/lookup", query_string={"q": "<b>abc</b>"})
    assert failed.status_code == 400
    assert_script_safe(failed.get_data(as_text=True))  # error bodies too


@pytest.mark.parametrize(
    "arguments",
    [["char", "创", "--json"], ["lookup", "--json", "创新"], ["search", "--json", "R&D"]],
)
def test_cli_json_is_escaped(arguments: list[str], settings: Settings) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "hanzi_companion", *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, ENV_CACHE_DIR: str(settings.cache_dir)},
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert_script_safe(completed.stdout)
    assert json.loads(completed.stdout)
