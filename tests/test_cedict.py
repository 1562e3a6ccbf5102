"""The CC-CEDICT parser, on an excerpt of the real file (header included) and on generated lines."""

from __future__ import annotations

import contextlib
import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hanzi_companion.errors import DataFileError
from hanzi_companion.lexicon.cedict import parse_file, parse_line
from hanzi_companion.lexicon.models import SenseKind

from .conftest import DATA

EXCERPT = DATA / "cedict_excerpt.u8"


@pytest.fixture(scope="module")
def excerpt() -> dict[str, list[object]]:
    parsed = parse_file(EXCERPT)
    by_word: dict[str, list[object]] = {}
    for entry in parsed.entries:
        by_word.setdefault(entry.simplified, []).append(entry)
    return by_word


def test_header_metadata() -> None:
    parsed = parse_file(EXCERPT)
    assert parsed.metadata["date"] == "2026-09-10T07:14:51Z"
    assert parsed.metadata["entries"] == "125049"
    assert parsed.metadata["license"].startswith("https://creativecommons.org/licenses/by-sa/4.0")


def test_every_entry_kept_in_file_order() -> None:
    parsed = parse_file(EXCERPT)
    readings = [e.pinyin_numbered for e in parsed.entries if e.simplified == "创"]
    # 剏 (variant), then 創 chuang1, then 創 chuang4: three entries, none dropped.
    assert readings == ["chuang4", "chuang1", "chuang4"]
    lines = [ln for ln in EXCERPT.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    assert len(parsed.entries) == len(lines)


def test_u_colon_erhua_latin_and_digits() -> None:
    parsed = {(e.traditional, e.pinyin_numbered): e for e in parse_file(EXCERPT).entries}
    assert parsed[("女兒", "nu:3 er2")].pinyin == "nǚ'ér"
    assert parsed[("一點兒", "yi1 dian3 r5")].pinyin == "yīdiǎnr"
    assert parsed[("AA制", "AA zhi4")].pinyin == "AA zhì"
    covid = parsed[("2019冠狀病毒病", "er4 ling2 yi1 jiu3 guan1 zhuang4 bing4 du2 bing4")]
    assert covid.simplified == "2019冠状病毒病"


def test_classifiers_have_their_own_field() -> None:
    entry = next(e for e in parse_file(EXCERPT).entries if e.simplified == "银行")
    assert entry.classifiers == ("家[jia1]", "個|个[ge4]")
    assert all(not d.startswith("CL:") for d in entry.definitions)


def test_sense_kinds() -> None:
    entries = parse_file(EXCERPT).entries
    variant = next(e for e in entries if e.traditional == "剏")
    assert variant.is_variant_only
    surname = next(e for e in entries if e.pinyin_numbered == "Shui3")
    assert surname.senses[0].kind == SenseKind.SURNAME
    xian = next(e for e in entries if e.simplified == "西安")
    assert {s.kind for s in xian.senses} == {SenseKind.SEE}
    assert xian.is_proper_noun


def test_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.u8"
    bad.write_text("# header\n創 创 [chuang4] /to create/\n創 创 chuang4 /no brackets/\n", "utf-8")
    with pytest.raises(DataFileError) as info:
        parse_file(bad)
    assert info.value.lineno == 3
    assert "bad.u8, line 3" in str(info.value)


def test_invalid_utf8_and_corrupt_gzip(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.u8"
    bad.write_bytes("創 创 [chuang4] /to create/\n".encode() + b"caf\xe9 caf\xe9 [ka1] /x/\n")
    with pytest.raises(DataFileError, match="line 2: invalid UTF-8"):
        parse_file(bad)
    corrupt = tmp_path / "corrupt.u8.gz"
    corrupt.write_bytes(gzip.compress(b"abc")[:-6])
    with pytest.raises(DataFileError, match="corrupt gzip"):
        parse_file(corrupt)
    with pytest.raises(DataFileError, match="file not found"):
        parse_file(tmp_path / "missing.u8")


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.u8"
    empty.write_text("# only a comment\n", "utf-8")
    with pytest.raises(DataFileError, match="no dictionary entries"):
        parse_file(empty)


def test_source_notes_attach_to_the_next_entry(tmp_path: Path) -> None:
    course = tmp_path / "course.u8"
    course.write_text(
        "# source: State Council, 2015\n雙創 双创 [shuang1 chuang4] /mass innovation/\n"
        "新詞 新词 [xin1 ci2] /new word/\n",
        "utf-8",
    )
    first, second = parse_file(course, source="course dictionary").entries
    assert first.note == "State Council, 2015" and first.source == "course dictionary"
    assert second.note == ""
    assert first.senses[0].source == "course dictionary"


_han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_definition = st.text(
    alphabet=st.characters(blacklist_characters="/\n\r", blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=30,
).filter(lambda d: d.strip() and not d.strip().startswith("CL:"))


@given(
    st.lists(_han, min_size=1, max_size=4),
    st.lists(st.sampled_from(["chuang4", "xin1", "lu:4", "r5", "Bei3"]), min_size=1, max_size=4),
    st.lists(_definition, min_size=1, max_size=4),
)
def test_generated_lines_round_trip(
    chars: list[str], syllables: list[str], definitions: list[str]
) -> None:
    word = "".join(chars)
    line = f"{word} {word} [{' '.join(syllables)}] /{'/'.join(definitions)}/"
    entry = parse_line(line)
    assert entry is not None
    assert entry.simplified == word and entry.traditional == word
    assert entry.pinyin_numbered == " ".join(syllables)
    assert entry.definitions == tuple(d.strip() for d in definitions)


@given(st.text(max_size=60))
def test_parser_either_parses_or_raises_value_error(line: str) -> None:
    with contextlib.suppress(ValueError):
        parse_line(line)


def test_classify_definition_kinds_and_precedence() -> None:
    """Each kind is told by its opening words, whatever the case; a meaning otherwise."""
    from hanzi_companion.lexicon.models import SenseKind, classify_definition

    assert classify_definition("(old) variant of 創[chuang4]") is SenseKind.VARIANT
    assert classify_definition("Japanese variant of 國|国") is SenseKind.VARIANT
    assert classify_definition("Surname Li") is SenseKind.SURNAME
    assert classify_definition("see also 创新[chuang4 xin1]") is SenseKind.SEE
    assert classify_definition("abbr. for 北京大学") is SenseKind.ABBREVIATION
    assert classify_definition("surnames of China") is SenseKind.MEANING
    assert classify_definition("seesaw") is SenseKind.MEANING
    assert classify_definition("a variant of the game") is SenseKind.MEANING
    assert classify_definition("to innovate") is SenseKind.MEANING
