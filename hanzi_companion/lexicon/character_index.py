"""The compiled character index: a SQLite file built once from the character data.

Sources: cjk-decomp (structure), the Dong Chinese etymology data (formation and typed
components), Unihan (radical, strokes, readings, definitions, variants), the Kangxi radical
meanings, the hanzi-writer stroke data, the HSK 3.0 lists and jieba's word counts (for a
character frequency: the summed counts of the words that contain it). Parsing them takes
seconds; a profile then needs a handful of indexed lookups.

Like the lexicon index, the file name carries a digest of every source and of the schema, and
a build writes a temporary file in the cache folder that ``os.replace`` moves into place.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hanzi_companion.errors import DataFileError
from hanzi_companion.lexicon import hsk, sqlite_cache
from hanzi_companion.lexicon.index import load_frequencies
from hanzi_companion.lexicon.sqlite_cache import ReadOnlyDatabase, source_digest
from hanzi_companion.patterns import LazyPattern
from hanzi_companion.settings import Settings

if TYPE_CHECKING:  # stroke data loads with the first character that needs it (HSK levels do not)
    from hanzi_companion.lexicon.strokes import StrokeData

SCHEMA_VERSION = "2"

DECOMPOSITION_FILE = "cjk-decomp.txt.gz"
ETYMOLOGY_FILE = "etymology.json.gz"
RADICALS_FILE = "radical_meanings.json"
STROKES_FILE = "strokes.hanzi-writer-data-2.0.1.json.gz"
UNIHAN_FILES = (
    "unihan/Unihan_IRGSources.txt.gz",  # kRSUnicode, kTotalStrokes, kCompatibilityVariant
    "unihan/Unihan_Readings.txt.gz",  # kMandarin, kDefinition
    "unihan/Unihan_Variants.txt.gz",  # simplified, traditional, semantic and z-variants
)
FREQUENCY_FILE = "jieba_dict.txt.gz"

_UNIHAN_FIELDS = frozenset(
    {
        "kRSUnicode",
        "kTotalStrokes",
        "kCompatibilityVariant",
        "kMandarin",
        "kDefinition",
        "kTraditionalVariant",
        "kSimplifiedVariant",
        "kSemanticVariant",
        "kSpecializedSemanticVariant",
        "kZVariant",
    }
)
VARIANT_FIELDS = {
    "kTraditionalVariant": "traditional",
    "kSimplifiedVariant": "simplified",
    "kSemanticVariant": "semantic variant",
    "kSpecializedSemanticVariant": "specialized semantic variant",
    "kZVariant": "shape variant",
}

Progress = Callable[[str, int, int], None]


def source_names() -> tuple[str, ...]:
    """Every data file the index is built from (names inside the dictionaries folder)."""
    return (
        DECOMPOSITION_FILE,
        ETYMOLOGY_FILE,
        RADICALS_FILE,
        STROKES_FILE,
        *UNIHAN_FILES,
        hsk.HSK_CHARACTERS_FILE,
        hsk.HSK_WORDS_FILE,
        FREQUENCY_FILE,
    )


def index_path(settings: Settings) -> Path:
    """Where the index for the current sources lives (it may not exist yet)."""
    paths = [settings.data_path(name) for name in source_names()]
    return (
        settings.cache_dir
        / f"characters-{source_digest(SCHEMA_VERSION, paths, settings.cache_dir)}.sqlite"
    )


def ensure_index(settings: Settings, progress: Progress | None = None) -> Path:
    """Return the path of an up-to-date character index, building it when missing."""
    path = index_path(settings)
    if not sqlite_cache.usable(path, SCHEMA_VERSION):
        build_index(settings, path, progress)
    return path


# -- raw records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Decomposition:
    """One cjk-decomp record: a shape (a character or a numbered intermediate) and its parts."""

    name: str
    kind: str  # configuration code: a, d, stl, lock, ra, me, c...
    parts: tuple[str, ...]


@dataclass(frozen=True)
class UnihanRecord:
    """The Unihan fields a profile uses."""

    character: str
    radical: int | None
    radical_simplified: bool  # kRSUnicode counts the radical in its simplified form
    residual_strokes: int | None
    total_strokes: int | None
    mandarin: tuple[str, ...]  # tone-marked readings
    definition: str
    variants: tuple[tuple[str, str], ...]  # (relation, character)
    compatibility_of: str


@dataclass(frozen=True)
class EtymologyRecord:
    """One Dong Chinese etymology record."""

    character: str
    definition: str
    notes: str
    components: tuple[tuple[str, str, str], ...]  # (role, character, notes)


@dataclass(frozen=True)
class RadicalRecord:
    """A Kangxi radical: number, standard form, the forms it takes, meaning."""

    number: int
    character: str
    forms: tuple[str, ...]
    meaning: str


# -- parsers ---------------------------------------------------------------------------------


def _read_gzip_text(path: Path, what: str) -> str:
    try:
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"corrupt {what} ({exc})") from None


# ``name:kind(part,part)``; two published lines carry a stray character after the closing
# parenthesis, which is ignored.
_DECOMPOSITION_LINE = LazyPattern(r"^(?P<name>[^:\s]+):(?P<kind>[a-z0-9/]+)\((?P<parts>[^()]*)\)")


def parse_decompositions(path: Path) -> Iterator[Decomposition]:
    """The records of cjk-decomp.txt."""
    text = _read_gzip_text(path, "decomposition file")
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _DECOMPOSITION_LINE.match(line)
        if not match:
            raise DataFileError(path, "expected 'character:type(components)'", lineno)
        parts = match["parts"]
        yield Decomposition(
            match["name"], match["kind"], tuple(p for p in parts.split(",") if p) if parts else ()
        )


def merge_decompositions(records: Iterable[Decomposition]) -> dict[str, Decomposition]:
    """One record per shape. Ten shapes are listed twice, once as equivalent to themselves
    (``冂:me(冂)``); the record that says something (``冂:a/t(丨,㇆)``) wins."""
    merged: dict[str, Decomposition] = {}
    for record in records:
        previous = merged.get(record.name)
        if previous is None or previous.parts == (previous.name,):
            merged[record.name] = record
    return merged


def _read_json_object(path: Path, what: str) -> dict[str, Any]:
    """A gzipped JSON object keyed by character, with errors naming the file."""
    try:
        data = json.loads(_read_gzip_text(path, what))
    except json.JSONDecodeError as exc:
        raise DataFileError(path, f"invalid JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(data, dict):
        raise DataFileError(path, "expected a JSON object of characters")
    return data


def parse_etymology(path: Path) -> Iterator[EtymologyRecord]:
    """The records of the etymology JSON (character -> definition, notes, components)."""
    data = _read_json_object(path, "etymology file")
    for character, record in data.items():
        if not isinstance(record, dict):
            raise DataFileError(path, f"record of {character!r} is not an object")
        components = []
        for component in record.get("components") or ():
            if not isinstance(component, dict) or not component.get("char"):
                raise DataFileError(path, f"a component of {character!r} has no character")
            components.append(
                (
                    str(component.get("type") or "unknown"),
                    str(component["char"]),
                    str(component.get("notes") or "").strip(),
                )
            )
        yield EtymologyRecord(
            character,
            str(record.get("definition") or "").strip(),
            str(record.get("notes") or "").strip(),
            tuple(components),
        )


def parse_unihan(paths: Iterable[Path]) -> dict[str, dict[str, str]]:
    """The fields of interest of the Unihan files: character -> field -> raw value."""
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    for path in paths:
        text = _read_gzip_text(path, "Unihan file")
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or not parts[0].startswith("U+"):
                raise DataFileError(path, "expected 'U+XXXX<TAB>field<TAB>value'", lineno)
            if parts[1] not in _UNIHAN_FIELDS:
                continue
            try:
                character = chr(int(parts[0][2:], 16))
            except ValueError:
                raise DataFileError(path, f"bad code point {parts[0]!r}", lineno) from None
            fields[character][parts[1]] = parts[2]
    return fields


def _code_points(value: str) -> list[str]:
    """``U+5275 U+7826<kLau,kMatthews`` -> ['創', '砦']."""
    found = []
    for token in value.split():
        code = token.split("<")[0]
        if code.startswith("U+"):
            with contextlib.suppress(ValueError):
                found.append(chr(int(code[2:], 16)))
    return found


_RS = LazyPattern(r"^(\d+)('*)\.(-?\d+)$")


def unihan_record(character: str, fields: dict[str, str]) -> UnihanRecord:
    """Interpret the raw Unihan fields of one character (first value where several)."""
    radical = residual = total = None
    simplified = False
    rs = fields.get("kRSUnicode", "").split()
    if rs and (match := _RS.match(rs[0])):
        radical, residual = int(match[1]), int(match[3])
        simplified = bool(match[2])
    strokes = fields.get("kTotalStrokes", "").split()
    if strokes and strokes[0].isdigit():
        total = int(strokes[0])  # the first value is the count for mainland (zh-Hans) forms
    variants: list[tuple[str, str]] = []
    for field_name, relation in VARIANT_FIELDS.items():
        for other in _code_points(fields.get(field_name, "")):
            if other != character and (relation, other) not in variants:
                variants.append((relation, other))
    compatibility = _code_points(fields.get("kCompatibilityVariant", ""))
    return UnihanRecord(
        character=character,
        radical=radical,
        radical_simplified=simplified,
        residual_strokes=residual,
        total_strokes=total,
        mandarin=tuple(fields.get("kMandarin", "").split()),
        definition=fields.get("kDefinition", "").strip(),
        variants=tuple(variants),
        compatibility_of=compatibility[0] if compatibility else "",
    )


def kangxi_radical(number: int) -> str:
    """The unified ideograph of Kangxi radical ``number`` (1-214): 18 -> 刀."""
    if not 1 <= number <= 214:
        raise ValueError(f"no Kangxi radical {number}")
    return unicodedata.normalize("NFKC", chr(0x2F00 + number - 1))


def parse_radicals(path: Path) -> list[RadicalRecord]:
    """The 214 radicals with the forms and meaning the radical list gives them.

    The list maps each form to a meaning, in radical order, each standard form followed (or
    sometimes preceded) by its variants; a radical's forms are the run of neighbouring keys
    with the meaning of its standard form.
    """
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(path, f"invalid JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(data, dict):
        raise DataFileError(path, "expected a JSON object of radical forms")
    keys = [str(k) for k in data]
    meanings = [str(v) for v in data.values()]
    standard = {kangxi_radical(n): n for n in range(1, 215)}
    position = {key: i for i, key in enumerate(keys)}
    records = []
    for number in range(1, 215):
        character = kangxi_radical(number)
        at = position.get(character)
        if at is None:
            records.append(RadicalRecord(number, character, (character,), ""))
            continue
        meaning = meanings[at]
        start = at
        while start > 0 and meanings[start - 1] == meaning and keys[start - 1] not in standard:
            start -= 1
        end = at + 1
        while end < len(keys) and meanings[end] == meaning and keys[end] not in standard:
            end += 1
        forms = [character] + [k for k in keys[start:end] if k != character]
        records.append(RadicalRecord(number, character, tuple(forms), meaning))
    return records


def parse_strokes(path: Path) -> Iterator[tuple[str, StrokeData]]:
    """The stroke data of every character in the merged hanzi-writer-data JSON."""
    from hanzi_companion.lexicon.strokes import StrokeData

    data = _read_json_object(path, "stroke data file")
    for character, record in data.items():
        try:
            outlines = tuple(str(s) for s in record["strokes"])
            medians = tuple(
                tuple((int(p[0]), int(p[1])) for p in median) for median in record["medians"]
            )
            radical = tuple(int(i) for i in record.get("radStrokes") or ())
        except (KeyError, TypeError, ValueError, IndexError):
            raise DataFileError(path, f"malformed stroke record of {character!r}") from None
        if len(outlines) != len(medians):
            raise DataFileError(
                path, f"{character!r} has {len(outlines)} strokes but {len(medians)} medians"
            )
        yield character, StrokeData(outlines, medians, radical)


def character_frequencies(path: Path) -> dict[str, int]:
    """How often each character is used: the summed counts of the words containing it."""
    counts: dict[str, int] = defaultdict(int)
    for word, count in load_frequencies(path).items():
        for character in set(word):
            counts[character] += count
    return counts


# -- building --------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE decomposition (name TEXT PRIMARY KEY, kind TEXT NOT NULL, parts TEXT NOT NULL);
CREATE TABLE unihan (
    character TEXT PRIMARY KEY,
    radical INTEGER,
    radical_simplified INTEGER NOT NULL,
    residual_strokes INTEGER,
    total_strokes INTEGER,
    mandarin TEXT NOT NULL,
    definition TEXT NOT NULL,
    variants TEXT NOT NULL,
    compatibility_of TEXT NOT NULL
);
CREATE TABLE etymology (
    character TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    notes TEXT NOT NULL,
    components TEXT NOT NULL
);
CREATE TABLE etymology_component (component TEXT NOT NULL, role TEXT NOT NULL,
                                  character TEXT NOT NULL);
CREATE TABLE strokes (character TEXT PRIMARY KEY, outlines TEXT NOT NULL,
                      medians TEXT NOT NULL, radical_strokes TEXT NOT NULL);
CREATE TABLE radical (number INTEGER PRIMARY KEY, character TEXT NOT NULL,
                      forms TEXT NOT NULL, meaning TEXT NOT NULL);
CREATE TABLE hsk (kind TEXT NOT NULL, item TEXT NOT NULL, level INTEGER NOT NULL,
                  PRIMARY KEY (kind, item));
CREATE TABLE frequency (character TEXT PRIMARY KEY, count INTEGER NOT NULL);
"""

_INDEXES = """
CREATE INDEX etymology_component_by_component
    ON etymology_component (component, role, character);
"""


def build_index(settings: Settings, path: Path, progress: Progress | None = None) -> None:
    """Build the character index for ``settings`` at ``path`` atomically."""
    report = progress or (lambda stage, done, total: None)
    steps = 7
    with sqlite_cache.building(path) as connection:
        connection.executescript(_SCHEMA)

        report("reading decompositions", 0, steps)
        decompositions = merge_decompositions(
            parse_decompositions(settings.data_path(DECOMPOSITION_FILE))
        )
        connection.executemany(
            "INSERT INTO decomposition VALUES (?, ?, ?)",
            ((d.name, d.kind, "\t".join(d.parts)) for d in decompositions.values()),
        )

        report("reading etymology", 1, steps)
        for record in parse_etymology(settings.data_path(ETYMOLOGY_FILE)):
            connection.execute(
                "INSERT OR REPLACE INTO etymology VALUES (?, ?, ?, ?)",
                (
                    record.character,
                    record.definition,
                    record.notes,
                    json.dumps(record.components, ensure_ascii=False),
                ),
            )
            connection.executemany(
                "INSERT INTO etymology_component VALUES (?, ?, ?)",
                {(char, role, record.character) for role, char, _ in record.components},
            )

        report("reading Unihan", 2, steps)
        unihan = parse_unihan(settings.data_path(name) for name in UNIHAN_FILES)
        rows = []
        for character, fields in unihan.items():
            r = unihan_record(character, fields)
            rows.append(
                (
                    character,
                    r.radical,
                    int(r.radical_simplified),
                    r.residual_strokes,
                    r.total_strokes,
                    " ".join(r.mandarin),
                    r.definition,
                    json.dumps(r.variants, ensure_ascii=False),
                    r.compatibility_of,
                )
            )
        connection.executemany("INSERT INTO unihan VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        del unihan, rows

        report("reading stroke data", 3, steps)
        connection.executemany(
            "INSERT INTO strokes VALUES (?, ?, ?, ?)",
            (
                (
                    character,
                    json.dumps(data.outlines),
                    json.dumps(data.medians, separators=(",", ":")),
                    json.dumps(data.radical_strokes),
                )
                for character, data in parse_strokes(settings.data_path(STROKES_FILE))
            ),
        )

        report("reading radicals", 4, steps)
        connection.executemany(
            "INSERT INTO radical VALUES (?, ?, ?, ?)",
            (
                (r.number, r.character, "".join(r.forms), r.meaning)
                for r in parse_radicals(settings.data_path(RADICALS_FILE))
            ),
        )

        report("reading HSK lists", 5, steps)
        for kind, name in (("char", hsk.HSK_CHARACTERS_FILE), ("word", hsk.HSK_WORDS_FILE)):
            levels = hsk.parse_levels(settings.data_path(name))
            connection.executemany(
                "INSERT INTO hsk VALUES (?, ?, ?)",
                ((kind, item, level) for item, level in levels.items()),
            )

        report("reading word frequencies", 6, steps)
        connection.executemany(
            "INSERT INTO frequency VALUES (?, ?)",
            character_frequencies(settings.data_path(FREQUENCY_FILE)).items(),
        )

        connection.executescript(_INDEXES)
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            {"schema": SCHEMA_VERSION, "sources": json.dumps(source_names())}.items(),
        )
    report("done", steps, steps)


# -- reading ---------------------------------------------------------------------------------


class CharacterIndex:
    """Read-only lookups in a built character index; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._database = ReadOnlyDatabase(path)
        self._radical_forms: frozenset[str] | None = None

    @classmethod
    def open(cls, settings: Settings, progress: Progress | None = None) -> CharacterIndex:
        """Open the index for ``settings``, building it when missing or stale."""
        return cls(ensure_index(settings, progress))

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's read-only connection."""
        return self._database.connection

    def _one(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self.connection.execute(sql, params).fetchone()
        return row

    def decomposition(self, name: str) -> Decomposition | None:
        row = self._one("SELECT kind, parts FROM decomposition WHERE name = ?", (name,))
        if row is None:
            return None
        parts = str(row[1])
        return Decomposition(name, str(row[0]), tuple(parts.split("\t")) if parts else ())

    def unihan(self, character: str) -> UnihanRecord | None:
        row = self._one(
            "SELECT radical, radical_simplified, residual_strokes, total_strokes, mandarin, "
            "definition, variants, compatibility_of FROM unihan WHERE character = ?",
            (character,),
        )
        if row is None:
            return None
        return UnihanRecord(
            character=character,
            radical=row[0],
            radical_simplified=bool(row[1]),
            residual_strokes=row[2],
            total_strokes=row[3],
            mandarin=tuple(str(row[4]).split()),
            definition=str(row[5]),
            variants=tuple((str(a), str(b)) for a, b in json.loads(row[6])),
            compatibility_of=str(row[7]),
        )

    def etymology(self, character: str) -> EtymologyRecord | None:
        row = self._one(
            "SELECT definition, notes, components FROM etymology WHERE character = ?",
            (character,),
        )
        if row is None:
            return None
        return EtymologyRecord(
            character,
            str(row[0]),
            str(row[1]),
            tuple((str(a), str(b), str(c)) for a, b, c in json.loads(row[2])),
        )

    def family(self, component: str, role: str, limit: int) -> tuple[tuple[str, ...], int]:
        """Characters whose etymology gives ``component`` the ``role``, most used first,
        and how many there are in all."""
        rows = self.connection.execute(
            "SELECT e.character FROM etymology_component AS e "
            "LEFT JOIN frequency AS f ON f.character = e.character "
            "WHERE e.component = ? AND e.role = ? "
            "ORDER BY COALESCE(f.count, 0) DESC, e.character LIMIT ?",
            (component, role, limit),
        ).fetchall()
        total = self._one(
            "SELECT COUNT(*) FROM etymology_component WHERE component = ? AND role = ?",
            (component, role),
        )
        return tuple(str(r[0]) for r in rows), int(total[0]) if total else 0

    def strokes(self, character: str) -> StrokeData | None:
        row = self._one(
            "SELECT outlines, medians, radical_strokes FROM strokes WHERE character = ?",
            (character,),
        )
        if row is None:
            return None
        from hanzi_companion.lexicon.strokes import StrokeData

        return StrokeData(
            tuple(json.loads(row[0])),
            tuple(tuple((int(x), int(y)) for x, y in m) for m in json.loads(row[1])),
            tuple(json.loads(row[2])),
        )

    def radical(self, number: int) -> RadicalRecord | None:
        row = self._one("SELECT character, forms, meaning FROM radical WHERE number = ?", (number,))
        if row is None:
            return None
        return RadicalRecord(number, str(row[0]), tuple(str(row[1])), str(row[2]))

    def radical_forms(self) -> frozenset[str]:
        """Every form of every Kangxi radical (刀 刂 ⺈ ...), read once per index."""
        forms = self._radical_forms
        if forms is None:
            rows = self.connection.execute("SELECT forms FROM radical").fetchall()
            forms = frozenset(ch for (text,) in rows for ch in str(text))
            self._radical_forms = forms
        return forms

    def hsk_level(self, item: str, kind: str) -> int | None:
        """Level of ``item`` in the HSK 3.0 character (``char``) or word (``word``) list."""
        row = self._one("SELECT level FROM hsk WHERE kind = ? AND item = ?", (kind, item))
        return int(row[0]) if row else None

    def hsk_levels(self, items: Iterable[str], kind: str) -> dict[str, int]:
        """Levels of several items of one list at once."""
        wanted = list(dict.fromkeys(items))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for item, level in self.connection.execute(
                f"SELECT item, level FROM hsk WHERE kind = ? AND item IN ({marks})",
                (kind, *chunk),
            ):
                found[str(item)] = int(level)
        return found

    def frequency(self, character: str) -> int:
        row = self._one("SELECT count FROM frequency WHERE character = ?", (character,))
        return int(row[0]) if row else 0

    def characters(self, table: str) -> list[str]:
        """Every character of one source table (for coverage figures)."""
        column = {
            "unihan": "character",
            "etymology": "character",
            "strokes": "character",
            "decomposition": "name",
        }[table]
        return [str(r[0]) for r in self.connection.execute(f"SELECT {column} FROM {table}")]

    def hsk_items(self, kind: str) -> list[str]:
        return [
            str(r[0])
            for r in self.connection.execute("SELECT item FROM hsk WHERE kind = ?", (kind,))
        ]
