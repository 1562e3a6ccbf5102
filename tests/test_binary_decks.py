"""PowerPoint and PDF decks: read by their libraries, through the CLI, the web upload and
course folders; a bad file gives one line naming it.

The decks in ``tests/data/decks/formats`` are written by ``tests/make_format_decks.py``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from pypdf import PdfWriter

from hanzi_companion.cli import cli
from hanzi_companion.errors import DeckError
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from hanzi_companion.text.decks import read_deck, read_deck_bytes
from hanzi_companion.text.models import Deck

from .conftest import DATA

FORMATS = DATA / "decks" / "formats"
PPTX = FORMATS / "week08_transport.pptx"
PDF = FORMATS / "week09_food.pdf"


@pytest.fixture(scope="module")
def pptx_deck() -> Deck:
    return read_deck(PPTX)


@pytest.fixture(scope="module")
def pdf_deck() -> Deck:
    return read_deck(PDF)


# -- PowerPoint ---------------------------------------------------------------------------------


def test_pptx_slides_are_slides_with_their_titles(pptx_deck: Deck) -> None:
    assert pptx_deck.format == "pptx"
    assert [slide.title for slide in pptx_deck.slides] == [
        "Week 8: Getting around",
        "High-speed rail",
        "In the city",
        "",
    ]
    assert pptx_deck.slides[1].text.split("\n") == [
        "High-speed rail",
        "高铁 (gāotiě) high-speed rail",
        "动车 bullet train",
        "火车站: the railway station",
        "12306 booking site",
    ]


def test_pptx_notes_stay_notes(pptx_deck: Deck) -> None:
    assert pptx_deck.slides[0].notes == "Start with the 春运 photo."
    assert pptx_deck.slides[1].notes == "Ask who has taken the 复兴号."
    assert "复兴号" not in pptx_deck.slides[1].text


def test_pptx_tables_groups_and_links_are_read(pptx_deck: Deck) -> None:
    assert pptx_deck.slides[2].text.split("\n")[1:] == [
        "Term | Meaning",
        "地铁 | metro",
        "共享单车 | shared bikes",
    ]
    assert pptx_deck.slides[3].text == "Taxi apps\n打车 to hail a taxi\n滴滴 Didi"
    assert [link.url for link in pptx_deck.slides[1].links] == ["https://www.12306.cn/"]


def test_pptx_metadata(pptx_deck: Deck) -> None:
    meta = pptx_deck.metadata
    assert (meta.week, meta.title, meta.author, meta.date) == (
        8,
        "Getting around",
        "Lin Wei",
        "20 October 2025",
    )


# -- PDF ----------------------------------------------------------------------------------------


def test_pdf_pages_are_slides(pdf_deck: Deck) -> None:
    assert pdf_deck.format == "pdf"
    assert [slide.title for slide in pdf_deck.slides] == [
        "Week 9: Eating together",
        "Dumplings",
        "Hot pot",
    ]
    assert "饺子 jiǎozi, dumplings" in pdf_deck.slides[1].text
    assert (pdf_deck.metadata.week, pdf_deck.metadata.author) == (9, "Lin Wei")


# -- bad files ----------------------------------------------------------------------------------


def _zip(names: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in names.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (PPTX.read_bytes()[:3000], "cut.pptx", r"^cut\.pptx: not a PowerPoint \.pptx file"),
        (b"PK\x03\x04" + b"\x00" * 40, "broken.pptx", r"^broken\.pptx: not a PowerPoint"),
        (_zip({"word/document.xml": "<w/>"}), "letter.pptx", r"zip archive without a presentation"),
        (_zip({"ppt/presentation.xml": "<p/>"}), "fake.pptx", r"^fake\.pptx: not a readable"),
        (b"# just text", "notes.pptx", r"^notes\.pptx: not a PowerPoint \.pptx file \(no zip\)"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 60, "locked.pptx", r"password-protected"),
        (_encrypted_pdf(), "locked.pdf", r"^locked\.pdf: an encrypted PDF"),
        (PDF.read_bytes()[:200], "cut.pdf", r"^cut\.pdf: not a readable PDF file"),
        (b"hello", "fake.pdf", r"^fake\.pdf: not a PDF file"),
    ],
)
def test_bad_binary_decks_give_one_line_naming_the_file(
    data: bytes, name: str, message: str
) -> None:
    with pytest.raises(DeckError) as raised:
        read_deck_bytes(data, name)
    assert re.search(message, str(raised.value)), str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_pptx_that_unpacks_to_gigabytes_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/presentation.xml", "<p/>")
        archive.writestr("ppt/slides/slide1.xml", b"\0" * (210 * 1024 * 1024))
    with pytest.raises(DeckError, match=r"^bomb\.pptx: unpacks to 210 MB"):
        read_deck_bytes(buffer.getvalue(), "bomb.pptx")


def test_a_pdf_protected_only_against_editing_is_read() -> None:
    writer = PdfWriter(clone_from=PDF)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    deck = read_deck_bytes(buffer.getvalue(), "open.pdf")
    assert [slide.title for slide in deck.slides][1] == "Dumplings"


# -- the edges: CLI, course folder, web upload ---------------------------------------------------


@pytest.fixture()
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    return CliRunner()


def test_cli_glossary_of_a_pptx_deck(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["glossary", str(PPTX), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    terms = {term["term"]: term for term in document["terms"]}
    assert {"高铁", "地铁", "共享单车"} <= set(terms)
    assert [o["in_notes"] for o in terms["春运"]["occurrences"]] == [True]
    assert (document["deck"]["format"], document["deck"]["name"]) == ("pptx", PPTX.name)


def test_cli_course_folder_reads_pptx_and_pdf(runner: CliRunner, tmp_path: Path) -> None:
    for path in (PPTX, PDF):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    result = runner.invoke(cli, ["glossary", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    decks = json.loads(result.stdout)["decks"]
    assert [deck["deck"]["week"] for deck in decks] == [8, 9]


def test_cli_bad_pptx_is_one_line_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "week10.pptx"
    bad.write_bytes(b"PK\x03\x04 not really")
    result = runner.invoke(cli, ["glossary", str(bad)])
    assert result.exit_code == 2
    assert "week10.pptx" in result.output and "not a PowerPoint" in result.output
    assert "Traceback" not in result.output


def test_web_upload_of_a_pptx_and_its_downloads(client: FlaskClient) -> None:
    data = PPTX.read_bytes()
    response = client.post(
        "/deck",
        data={"file": (io.BytesIO(data), PPTX.name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "高铁" in page
    encoded = re.search(r'<input type="hidden" name="data" value="([^"]+)">', page)
    assert encoded is not None
    again = client.post("/deck/glossary.json", data={"data": encoded.group(1), "name": PPTX.name})
    assert again.status_code == 200
    assert "地铁" in {term["term"] for term in again.get_json()["terms"]}


def test_web_upload_of_a_bad_pdf_is_a_clear_error(client: FlaskClient) -> None:
    response = client.post(
        "/deck",
        data={"file": (io.BytesIO(b"%PDF-1.4 broken"), "week09.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "not a readable PDF file" in response.get_data(as_text=True)


def test_api_reads_a_pdf_posted_as_the_body(client: FlaskClient) -> None:
    response = client.post(
        "/api/glossary?name=week09.pdf", data=PDF.read_bytes(), content_type="application/pdf"
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    document = response.get_json()
    assert document["deck"]["format"] == "pdf"
    assert {"饺子", "火锅"} <= {term["term"] for term in document["terms"]}
