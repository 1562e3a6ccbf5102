"""CC-CEDICT parser: one regular expression per line, every entry kept, errors with line numbers.

The same syntax serves the course dictionary and user dictionaries. A comment line
``# source: TEXT`` just before an entry records where that entry came from.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from hanzi_companion.errors import DataFileError
from hanzi_companion.lexicon.models import (
    CEDICT_SOURCE,
    Entry,
    Sense,
    SenseKind,
    classify_definition,
)
from hanzi_companion.patterns import compile_pattern

# traditional simplified [pinyin] /def/def/.../
_LINE = compile_pattern(r"^(?P<trad>\S+) (?P<simp>\S+) \[(?P<pinyin>[^\]]*)\] /(?P<defs>.*)/$")
_HEADER = compile_pattern(r"^#!\s*(?P<key>[\w-]+)\s*=\s*(?P<value>.*)$")
_SOURCE_NOTE = compile_pattern(r"^#\s*source:\s*(?P<note>.*\S)\s*$", re.IGNORECASE)
_CLASSIFIER = compile_pattern(r"^CL:(?P<list>.+)$")


@dataclass(frozen=True)
class DictionaryFile:
    """A parsed dictionary: its header metadata and its entries in file order."""

    path: Path
    metadata: dict[str, str] = field(hash=False)
    entries: tuple[Entry, ...]


class Record(NamedTuple):
    """One entry line's fields as parsed, before they become an :class:`Entry` (an index build
    writes them as they are: it needs no objects)."""

    traditional: str
    simplified: str
    pinyin_numbered: str
    senses: tuple[tuple[str, SenseKind], ...]  # (definition, kind)
    classifiers: tuple[str, ...]
    note: str

    def entry(self, source: str = CEDICT_SOURCE) -> Entry:
        return Entry(
            traditional=self.traditional,
            simplified=self.simplified,
            pinyin_numbered=self.pinyin_numbered,
            senses=tuple(Sense(text, kind, source) for text, kind in self.senses),
            classifiers=self.classifiers,
            source=source,
            note=self.note,
        )


def parse_record(line: str, note: str = "") -> Record | None:
    """The fields of one entry line; None for a line that is not an entry (comment or blank).

    Raises ValueError for a line that should be an entry but is malformed.
    """
    line = line.rstrip("\r\n")
    stripped = line.strip()
    if not stripped or line.startswith("#"):
        return None
    match = _LINE.match(stripped)
    if match is None:
        raise ValueError("not a CC-CEDICT entry (expected 'TRAD SIMP [pin1 yin1] /definition/')")
    trad, simp, pinyin_text, definitions = match.groups()
    if len(trad) != len(simp):
        raise ValueError(f"traditional {trad!r} and simplified {simp!r} differ in length")
    senses: list[tuple[str, SenseKind]] = []
    classifiers: list[str] = []
    for definition in definitions.split("/"):
        definition = definition.strip()
        if not definition:
            continue
        classifier = _CLASSIFIER.match(definition) if definition.startswith("CL:") else None
        if classifier:
            classifiers.extend(c.strip() for c in classifier.group("list").split(",") if c.strip())
            continue
        senses.append((definition, classify_definition(definition)))
    if not senses and not classifiers:
        raise ValueError("entry has no definition")
    return Record(
        trad, simp, " ".join(pinyin_text.split()), tuple(senses), tuple(classifiers), note
    )


def parse_line(line: str, *, source: str = CEDICT_SOURCE, note: str = "") -> Entry | None:
    """Parse one entry line; return None for a line that is not an entry (comment or blank).

    Raises ValueError for a line that should be an entry but is malformed.
    """
    record = parse_record(line, note)
    return None if record is None else record.entry(source)


def _read_text_bytes(path: Path) -> bytes:
    """The bytes of a UTF-8 file, gunzipped when gzipped, without a byte-order mark."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except OSError as exc:
        raise DataFileError(path, f"cannot read: {exc.strerror or exc}") from None
    if raw[:2] == b"\x1f\x8b":
        import gzip  # only when a dictionary is parsed (an index build), never on a lookup

        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise DataFileError(path, f"corrupt gzip data ({exc})") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw


def _numbered_lines(path: Path, raw: bytes) -> Iterator[tuple[int, str, float]]:
    """(line number, text, share of the file read) of the bytes of ``path``."""
    stream = io.BytesIO(raw)
    size = max(1, len(raw))
    for lineno, line in enumerate(stream, start=1):
        try:
            yield lineno, line.decode("utf-8"), stream.tell() / size
        except UnicodeDecodeError as exc:
            raise DataFileError(path, f"invalid UTF-8 at byte {exc.start}", lineno) from None


def iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) of a UTF-8 file, gzipped or not, with clear errors."""
    for lineno, line, _share in _numbered_lines(path, _read_text_bytes(path)):
        yield lineno, line


def iter_records(
    path: Path, *, metadata: dict[str, str] | None = None
) -> Iterator[tuple[float, Record]]:
    """The entry lines of a dictionary file in CC-CEDICT syntax (plain or gzipped) as they are
    parsed, each with the share of the file read so far (an index build keeps none of them).

    Header lines (``#! key = value``) are put in ``metadata`` when it is given; a
    ``# source:`` note goes with the entry after it.
    """
    note = ""
    found = False
    for lineno, line, share in _numbered_lines(path, _read_text_bytes(path)):
        stripped = line.strip()
        if stripped.startswith("#"):
            header = _HEADER.match(stripped)
            if header and metadata is not None:
                metadata[header.group("key")] = header.group("value").strip()
            source_note = _SOURCE_NOTE.match(stripped)
            if source_note:
                note = source_note.group("note")
            continue
        try:
            record = parse_record(line, note)
        except ValueError as exc:
            raise DataFileError(path, str(exc), lineno) from None
        if record is not None:
            found = True
            yield share, record
            note = ""
    if not found:
        raise DataFileError(path, "no dictionary entries found")


def iter_entries(
    path: Path, *, source: str = CEDICT_SOURCE, metadata: dict[str, str] | None = None
) -> Iterator[tuple[float, Entry]]:
    """:func:`iter_records` as entries whose senses carry ``source``."""
    for share, record in iter_records(path, metadata=metadata):
        yield share, record.entry(source)


def parse_file(path: Path, *, source: str = CEDICT_SOURCE) -> DictionaryFile:
    """Parse a dictionary file in CC-CEDICT syntax (plain or gzipped)."""
    metadata: dict[str, str] = {}
    entries = tuple(entry for _, entry in iter_entries(path, source=source, metadata=metadata))
    return DictionaryFile(path=path, metadata=metadata, entries=entries)
