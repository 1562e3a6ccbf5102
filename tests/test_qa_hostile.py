"""Hostile and newcomer input against the study features and deck formats added last.

Each test names the defect a QA pass found: it failed before its fix.
"""

from __future__ import annotations

import io
import json
import struct
import tracemalloc
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from hanzi_companion.cli import cli
from hanzi_companion.errors import DeckError
from hanzi_companion.glossary import build_glossary, one_line_gloss
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon.cedict import parse_line
from hanzi_companion.lexicon.lexicon import normalise_query
from hanzi_companion.lexicon.models import Entry
from hanzi_companion.settings import ENV_CACHE_DIR, Settings, course_dictionary_in
from hanzi_companion.text.decks import read_deck_bytes
from hanzi_companion.text.folders import course_decks
from hanzi_companion.text.formats import pdf
from hanzi_companion.text.markup import normalise_text
from hanzi_companion.web import pages as web_pages


@pytest.fixture()
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    return CliRunner()


# Direction marks and other invisible format characters come with text pasted from web pages
# and chat apps; they are dropped from the query, so the profile was asked for 创 itself.
_PASTED = ["\u200f创", "创\u200e", "\u200b创", "\ufeff创\u2060", "\u202b创\u202c"]


@pytest.mark.parametrize("pasted", _PASTED)
def test_a_character_pasted_with_invisible_marks_is_asked_as_itself(
    lexicon: Lexicon, pasted: str
) -> None:
    profile = lexicon.character(pasted)
    assert profile.character == "创"
    assert profile.requested == "创"


@pytest.mark.parametrize("pasted", _PASTED)
def test_char_of_a_pasted_character_prints_its_profile(runner: CliRunner, pasted: str) -> None:
    # was: TypeError from ord() on the two-character "requested" text, a traceback
    result = runner.invoke(cli, ["char", pasted])
    assert result.exit_code == 0, result.output
    assert "创  U+521B" in result.output
    assert "compatibility form" not in result.output
    as_json = runner.invoke(cli, ["char", pasted, "--json"])
    assert json.loads(as_json.output)["requested"] == "创"


# -- PDF decks whose pages share one content stream or form (a small file, endless work) ------


def _pdf(pages: int, contents: bytes, form: bytes | None = None) -> bytes:
    """A PDF of ``pages`` pages all drawing the same content stream (and form XObject)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (6 + i) for i in range(pages)), pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
        % (len(zlib.compress(contents)), zlib.compress(contents)),
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Length %d >>\nstream\n%s\nendstream"
        % (len(form or b""), form or b""),
    ]
    xobject = b"/XObject << /Fm1 5 0 R >>" if form is not None else b""
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> %s >> /Contents 4 0 R >>" % xobject
    ] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _text_op(size: int) -> bytes:
    return b"BT /F1 12 Tf 10 10 Td (" + b"A" * size + b") Tj ET\n"


def test_a_pdf_of_pages_sharing_one_big_content_stream_is_refused_quickly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # was: 3,000 pages sharing a 20 MB stream (a 490 KB file) ran for over 5 minutes at 730 MB;
    # here the budget is scaled down with the stream so the test stays fast
    monkeypatch.setattr(pdf, "MAX_PDF_WORK", 1024 * 1024)
    data = _pdf(200, _text_op(64 * 1024))
    assert len(data) < 40_000  # the pages decode to 13 MB of text
    with pytest.raises(DeckError, match="more than 1 MB of drawing instructions"):
        read_deck_bytes(data, "shared.pdf")


def test_a_pdf_of_pages_sharing_one_big_form_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # the form's text is read by pypdf inside its own error handling: counted all the same
    monkeypatch.setattr(pdf, "MAX_PDF_WORK", 1024 * 1024)
    data = _pdf(200, b"/Fm1 Do\n", form=_text_op(64 * 1024))
    with pytest.raises(DeckError, match="more than 1 MB"):
        read_deck_bytes(data, "forms.pdf")


def test_a_pdf_within_the_budget_reads_every_page() -> None:
    deck = read_deck_bytes(_pdf(30, _text_op(1000), form=b"BT /F1 9 Tf (Fm) Tj ET"), "ok.pdf")
    assert len(deck.slides) == 30
    assert deck.slides[0].text.startswith("A" * 1000)


# -- cross-references in a course dictionary --------------------------------------------------


class _Dictionary:
    """A lexicon's lookup over a few entries of a course dictionary."""

    def __init__(self, *lines: str) -> None:
        self.entries = [e for e in (parse_line(line, source="course") for line in lines) if e]

    def lookup(self, word: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if word in (e.simplified, e.traditional))


def test_two_entries_that_only_point_at_each_other_keep_their_own_reference() -> None:
    # was: 奇词 "see 妙词" glossed as "see 奇词 (qící)", its target's reference back to itself
    course = _Dictionary(
        "奇詞 奇词 [qi2 ci2] /see 妙词[miao4 ci2]/", "妙詞 妙词 [miao4 ci2] /see 奇词[qi2 ci2]/"
    )
    lexicon = cast(Lexicon, course)
    assert one_line_gloss(course.lookup("奇词")[0], lexicon) == "see 妙词 (miàocí)"
    assert one_line_gloss(course.lookup("妙词")[0], lexicon) == "see 奇词 (qící)"


def test_an_entry_that_points_at_a_meaning_shows_that_meaning() -> None:
    course = _Dictionary(
        "奇詞 奇词 [qi2 ci2] /see 妙词[miao4 ci2]/", "妙詞 妙词 [miao4 ci2] /a fine word/"
    )
    assert one_line_gloss(course.lookup("奇词")[0], cast(Lexicon, course)) == "a fine word"


# -- a course dictionary that is a link out of the course folder -------------------------------


def test_a_course_dictionary_linking_outside_the_folder_is_skipped_with_a_warning(
    tmp_path: Path, settings: Settings
) -> None:
    # was: course.u8 -> a file anywhere on the machine was loaded with the course's decks
    # (decks linking outside are skipped; the course's dictionary now is too)
    outside = tmp_path / "elsewhere.u8"
    outside.write_text("# source: x\n奇詞 奇词 [qi2 ci2] /a strange word/\n", encoding="utf-8")
    course = tmp_path / "course"
    course.mkdir()
    (course / "week01.md").write_text("# Week 1\n\n奇词\n", encoding="utf-8")
    (course / "course.u8").symlink_to(outside)
    assert outside not in settings.for_course(course).course_dictionaries
    assert course_dictionary_in(course) is None
    assert course_decks(course).warnings() == (
        f"{course / 'course.u8'}: skipped, a link to a file outside the course folder",
    )


def test_a_course_dictionary_linking_inside_the_folder_is_read(
    tmp_path: Path, settings: Settings
) -> None:
    course = tmp_path / "course"
    (course / "shared").mkdir(parents=True)
    (course / "shared" / "terms.u8").write_text("# source: x\n", encoding="utf-8")
    (course / "course.u8").symlink_to(course / "shared" / "terms.u8")
    assert course_dictionary_in(course) == course / "course.u8"
    assert course_decks(course).skipped == ()


# -- a .pptx zip bomb that lies about its sizes ------------------------------------------------


def _lying_pptx(unpacked: int) -> bytes:
    """A zip whose presentation part unpacks to ``unpacked`` bytes but declares 1,000."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", b"<a>" + b" " * unpacked + b"</a>")
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02")  # the part's entry in the central directory
    struct.pack_into("<I", data, central + 24, 1000)  # uncompressed size
    local = data.find(b"PK\x03\x04", 4)  # the part's local header
    struct.pack_into("<I", data, local + 22, 1000)
    return bytes(data)


def test_a_pptx_that_lies_about_its_unpacked_size_is_refused_without_unpacking_it() -> None:
    # was: python-pptx's zipfile.read unpacked the whole member (612 MB for a 306 KB file,
    # 2 GB for an upload at the 2 MB limit) before it failed on the checksum
    data = _lying_pptx(40 * 1024 * 1024)
    assert len(data) < 100_000
    tracemalloc.start()
    try:
        with pytest.raises(DeckError, match="damaged zip archive"):
            read_deck_bytes(data, "liar.pptx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024  # half of what the member unpacks to (96 MB before)


# -- practice sheets on the web: drawn once, not once per request ---------------------------


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(web_pages, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(web_pages, name, counted)
    return calls


@pytest.mark.parametrize("kind", ["pdf", "svg"])
def test_a_weeks_sheet_is_drawn_once_for_many_requests(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    # was: every GET of /course/week07/sheet.pdf?all=1 drew its 58 pages again (10-14 s of
    # CPU each): a few clients repeating one link kept every server thread busy
    calls = _counting(monkeypatch, f"sheet_{kind}")
    first = client.get(f"/course/week07/sheet.{kind}")
    again = client.get(f"/course/week07/sheet.{kind}")
    assert first.status_code == again.status_code == 200
    assert first.data == again.data
    assert first.mimetype == again.mimetype
    assert len(calls) == 1


def test_a_characters_sheet_is_drawn_once(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch, "sheet_pdf")
    bodies = {client.get("/char/%E5%88%9B/sheet.pdf").data for _ in range(3)}
    assert len(bodies) == 1 and next(iter(bodies)).startswith(b"%PDF-")
    assert len(calls) == 1


# -- a word copied from a sentence, with its punctuation -------------------------------------


_COPIED = ["创新！", "，创新，", "创新。", "「创新」。", "“创新”，", "创新……", "创新?", "、创新、"]


@pytest.mark.parametrize("pasted", _COPIED)
def test_a_word_copied_with_the_sentences_punctuation_is_found(
    lexicon: Lexicon, pasted: str
) -> None:
    # was: 创新！ not found, read "chuàngxīn !"
    assert normalise_query(pasted) == "创新"
    assert lexicon.lookup(normalise_query(pasted))


@pytest.mark.parametrize("query", ["。", "?", "...", "(a) (b)", "xi'an", "c++"])
def test_punctuation_alone_or_inside_a_query_stays(query: str) -> None:
    assert normalise_query(query) == unicodedata.normalize("NFKC", query)


def test_lookup_json_of_a_word_copied_with_punctuation(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["lookup", "--json", "创新！"])
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert payload["found"] and payload["reading"]["pinyin"] == "chuàngxīn"


# -- combining marks stuck on Chinese characters ---------------------------------------------


@pytest.mark.parametrize("typed", ["创\u0301新", "创\u0300\u0301新", "创新\u0304"])
def test_accents_stuck_on_chinese_characters_are_dropped(lexicon: Lexicon, typed: str) -> None:
    # was: 创\u0301新 not found, read "chuàng ́ xīn"
    assert normalise_query(typed) == "创新"
    assert lexicon.reading(normalise_query(typed)).pinyin == "chuàngxīn"


@pytest.mark.parametrize(
    ("typed", "meant"), [("chua\u0300ngxi\u0304n", "chuàngxīn"), ("\u0301创", "\u0301创")]
)
def test_combining_marks_elsewhere_are_kept(typed: str, meant: str) -> None:
    # on Latin letters they are pinyin's tone marks; on nothing they are left to the search
    assert normalise_query(typed) == meant


def test_char_of_a_character_with_an_accent_stuck_on_it(runner: CliRunner) -> None:
    # was: "give one Chinese character, not 2 characters"
    result = runner.invoke(cli, ["char", "创\u0301", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["character"] == payload["requested"] == "创"


def test_a_deck_with_an_accent_stuck_on_a_character_keeps_the_word_whole(
    lexicon: Lexicon,
) -> None:
    # was: 创\u0301新 in a deck gave two terms, 创 and 新
    assert normalise_text("创\u0301新 chua\u0300ngxi\u0304n") == "创新 chuàngxīn"
    glossary = build_glossary(read_deck_bytes("# Week 1\n\n创\u0301新\n".encode(), "w.md"), lexicon)
    assert [term.term for term in glossary.terms] == ["创新"]


# -- outputs named through a symlink loop -----------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["glossary", "{deck}", "-o", "{out}.md"],
        ["anki", "{deck}", "-o", "{out}.apkg"],
        ["char", "创", "--svg", "{out}.svg"],
        ["char", "创", "--sheet", "{out}.pdf"],
        ["sheet", "{deck}", "-o", "{out}.pdf"],
        ["site", "{course}", "-o", "{out}"],
    ],
)
def test_an_output_that_is_a_symlink_loop_is_one_line_exit_2(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    # was: RuntimeError "Symlink loop" from Path.resolve, a 20-line traceback and exit 1
    course = tmp_path / "course"
    course.mkdir()
    deck = course / "week01.md"
    deck.write_text("# Week 1\n\n---\n\n## Character of the week\n\n# 创\n\n创新\n", "utf-8")
    suffix = Path(command[-1]).suffix
    out, other = tmp_path / f"loop{suffix}", tmp_path / f"loop2{suffix}"
    out.symlink_to(other)
    other.symlink_to(out)
    args = [a.format(deck=deck, course=course, out=tmp_path / "loop") for a in command]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "symlink loop" in result.output and "Traceback" not in result.output
    assert out.is_symlink() and other.is_symlink()  # never replaced by a file
