"""One list of data sources, shown alike by ``about``, the web /about page and the site."""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner
from flask.testing import FlaskClient

from hanzi_companion.cli import cli
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.sources import DATA_SOURCES
from hanzi_companion.site import build_site
from tests.conftest import SEED_DECK

ROOT = Path(__file__).resolve().parent.parent


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_the_list_covers_every_shipped_dictionary() -> None:
    # dictionaries/README.md's table of files names each licence; each is in the list.
    readme = (ROOT / "dictionaries" / "README.md").read_text("utf-8")
    rows = [
        [c.strip() for c in line.strip("|").split("|")]
        for line in readme.splitlines()
        if line.startswith("| `")
    ]
    licences = " ".join(s.licence for s in DATA_SOURCES)
    for row in rows:
        licence = re.split(r"[,(]", row[-1])[0].strip()
        assert licence in licences, row


def test_about_command_lists_every_source() -> None:
    result = CliRunner().invoke(cli, ["about"])
    assert result.exit_code == 0, result.output
    for source in DATA_SOURCES:
        assert source.name in result.output and source.licence in result.output, source.key


def test_web_about_lists_every_source(client: FlaskClient) -> None:
    page = _text(client.get("/about").get_data(as_text=True))
    for source in DATA_SOURCES:
        assert source.name in page and source.licence in page, source.key


def test_site_about_lists_every_source(lexicon: Lexicon, tmp_path: Path) -> None:
    course = tmp_path / "course"
    course.mkdir()
    (course / SEED_DECK.name).write_bytes(SEED_DECK.read_bytes())
    build_site(course, tmp_path / "public", lexicon)
    page = _text((tmp_path / "public" / "about.html").read_text("utf-8"))
    for source in DATA_SOURCES:
        assert source.name in page and source.licence in page, source.key
