"""Character profiles: the issue's named facts on the real data, the parsers on excerpts,
the structure tree's promises (no numbers, primitives), the index build, threads, the CLI."""

from __future__ import annotations

import gzip
import json
import shutil
import threading
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from hanzi_companion.errors import DataFileError, InvalidQueryError, NotFoundError
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.lexicon import character_index as ci
from hanzi_companion.lexicon.characters import (
    NO_ETYMOLOGY,
    NO_ETYMOLOGY_NOR_STRUCTURE,
    CharacterProfile,
    ComponentRole,
    FormationKind,
    StructureNode,
    build_structure,
    classify_formation,
    normalise_character,
)
from hanzi_companion.lexicon.pinyin import numbered_key
from hanzi_companion.render.character_json import character_json
from hanzi_companion.settings import Settings
from tests.conftest import DATA

EXCERPTS = DATA / "characters"


@pytest.fixture(scope="module")
def index(lexicon: Lexicon) -> ci.CharacterIndex:
    return lexicon.character_index()


def roles(profile: CharacterProfile, role: ComponentRole) -> tuple[str, ...]:
    assert profile.formation is not None, f"{profile.character} has no formation"
    return profile.formation.role_of(role)


def nodes(profile: CharacterProfile) -> list[StructureNode]:
    assert profile.structure is not None
    return list(profile.structure.walk())


def shows_no_number(node: StructureNode) -> bool:
    text = node.shape + node.ids + node.form_of
    return not any(ch.isdigit() for ch in text) and "？" not in text


# -- the named facts -----------------------------------------------------------------


def test_chuang(lexicon: Lexicon) -> None:
    profile = lexicon.character("创")
    assert roles(profile, ComponentRole.SOUND) == ("仓",)
    assert roles(profile, ComponentRole.MEANING) == ("刂",)
    assert profile.radical is not None
    assert (profile.radical.character, profile.radical.form) == ("刀", "刂")
    assert profile.radical.label == "刀 (刂)"
    assert profile.radical.number == 18
    assert profile.stroke_count == 6
    assert profile.traditional[0] == "創"
    assert [r.pinyin for r in profile.readings[:2]] == ["chuàng", "chuāng"]
    words = {r.pinyin: {w.simplified for w in r.words} for r in profile.readings}
    assert {"创新", "创业", "创造"} <= words["chuàng"]
    assert {"创伤", "创口"} <= words["chuāng"]
    assert profile.formation is not None
    assert FormationKind.PHONO_SEMANTIC in profile.formation.kinds
    assert profile.formation.source == "Dong Chinese (via chinese-lexicon)"


def test_variant_spellings_are_variants_not_counterparts(lexicon: Lexicon) -> None:
    variant_entries = [
        e
        for e in lexicon.lookup("创")
        if e.simplified == "创" and e.traditional != "创" and e.is_variant_only
    ]
    assert variant_entries
    profile = lexicon.character("创")
    variants = {v.character: v.relation for v in profile.variants}
    for entry in variant_entries:
        assert variants[entry.traditional] == "variant form"
        assert entry.traditional not in profile.traditional
        # Seen from the variant itself, the entry is its own: a reading and a counterpart.
        other = lexicon.character(entry.traditional)
        assert other.readings and other.readings[0].in_dictionary
        assert "创" in other.simplified


def test_chuang_sound_family_shows_the_pattern_with_readings(lexicon: Lexicon) -> None:
    profile = lexicon.character("创")
    families = {(f.role, f.component): f for f in profile.families}
    sound = families[(ComponentRole.SOUND, "仓")]
    members = {m.character: m for m in sound.members}
    assert {"苍", "沧", "抢", "枪"} <= set(members)
    assert "创" not in members  # the profiled character is not its own relative
    for member in sound.members:
        assert member.pinyin_numbered == numbered_key(
            lexicon.reading(member.character).pinyin_numbered
        )
    assert sound.component_pinyin == "cāng"
    meaning = families[(ComponentRole.MEANING, "刂")]
    assert meaning.total >= len(meaning.members) > 5


def test_zhai_structure_resolves_the_intermediates_and_says_there_is_no_etymology(
    lexicon: Lexicon, index: ci.CharacterIndex
) -> None:
    top = index.decomposition("寨")
    assert top is not None and any(part.isdigit() for part in top.parts)
    profile = lexicon.character("寨")
    assert profile.formation is None
    assert profile.etymology_note == NO_ETYMOLOGY
    assert "no etymology" in profile.etymology_note.lower()
    tree = nodes(profile)
    intermediates = [n for n in tree if not n.encoded]
    assert intermediates, "寨 passes through unencoded intermediate shapes"
    assert all(shows_no_number(n) for n in tree)
    assert profile.structure is not None
    assert profile.structure.operator == "⿱"
    assert profile.structure.ids.startswith("⿱⿱宀")
    assert "宀" in profile.structure.primitives()
    payload = character_json(profile)
    assert payload["formation"] is None
    assert payload["etymology_note"] == NO_ETYMOLOGY
    assert not any(
        ch.isdigit() for ch in json.dumps(payload["structure"]["tree"], ensure_ascii=False)
    )


def test_shan_is_a_pictograph(lexicon: Lexicon) -> None:
    profile = lexicon.character("山")
    assert profile.formation is not None
    assert profile.formation.kinds[0] is FormationKind.PICTOGRAPH


def test_shuang_is_the_simplified_form_of_shuang(lexicon: Lexicon) -> None:
    profile = lexicon.character("双")
    assert profile.formation is not None
    assert profile.formation.kinds[0] is FormationKind.SIMPLIFIED
    assert profile.formation.simplified_from == "雙"
    assert profile.formation.label.startswith("simplified form of 雙")
    assert "雙" in profile.traditional


def test_rong_and_huo_components(lexicon: Lexicon) -> None:
    rong = lexicon.character("榕")
    assert roles(rong, ComponentRole.MEANING) == ("木",)
    assert roles(rong, ComponentRole.SOUND) == ("容",)
    huo = lexicon.character("货")
    assert roles(huo, ComponentRole.SOUND) == ("化",)
    assert roles(huo, ComponentRole.MEANING) == ("贝",)
    assert huo.radical is not None and huo.radical.form == "贝"


def test_an_extension_b_character_gives_what_exists(lexicon: Lexicon) -> None:
    profile = lexicon.character("\U00020000")
    assert profile.block == "CJK Unified Ideographs Extension B"
    assert profile.strokes is None  # hanzi-writer-data covers no Extension B character
    assert profile.formation is None and profile.etymology_note == NO_ETYMOLOGY
    assert profile.radical is not None and profile.stroke_count is not None
    assert profile.readings and profile.definitions  # from Unihan
    assert all(s.source == "Unihan" for s in profile.definitions)
    json.dumps(character_json(profile), ensure_ascii=False)


def test_a_character_known_only_to_the_dictionary_says_what_is_missing(
    lexicon: Lexicon, index: ci.CharacterIndex
) -> None:
    assert index.decomposition("〇") is None and index.etymology("〇") is None
    profile = lexicon.character("〇")
    assert profile.structure is None and profile.formation is None
    assert profile.etymology_note == NO_ETYMOLOGY_NOR_STRUCTURE
    assert profile.readings[0].definitions


def test_an_unassigned_ideographic_code_point_is_not_found(lexicon: Lexicon) -> None:
    with pytest.raises(NotFoundError, match="no data source"):
        lexicon.character("\U0002a6e0")


def test_a_compatibility_ideograph_folds_to_its_unified_form(lexicon: Lexicon) -> None:
    profile = lexicon.character("\uf900")
    assert profile.character == "\u8c48" == unicodedata.normalize("NFKC", "\uf900")
    assert profile.requested == "\uf900"
    assert profile.readings[0].pinyin == "qǐ"
    assert "岂" in profile.simplified


def test_a_character_with_no_stroke_data_has_none_rather_than_a_crash(
    lexicon: Lexicon, index: ci.CharacterIndex
) -> None:
    profile = lexicon.character("㐀")
    assert profile.strokes is None or profile.strokes.count > 0
    assert index.strokes("\U0002a6d6") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a", "not a Chinese character"),
        ("。", "not a Chinese character"),
        ("😀", "not a Chinese character"),
        ("", "empty"),
        ("   ", "empty"),
        ("创新", "one Chinese character"),
        ("\ud800", "UTF-8"),
    ],
)
def test_non_han_input_is_refused_with_a_clear_message(
    lexicon: Lexicon, text: str, words: str
) -> None:
    with pytest.raises(InvalidQueryError, match=words):
        lexicon.character(text)


# -- properties over many characters ---------------------------------------------------------


@pytest.fixture(scope="module")
def hsk_profiles(lexicon: Lexicon, index: ci.CharacterIndex) -> list[CharacterProfile]:
    """Slow (about 8 s, once per module): the full profile of each of the 3,000 HSK characters."""
    return [lexicon.character(c) for c in index.hsk_items("char")]


def test_every_hsk_character_has_structure_radical_and_strokes(
    hsk_profiles: list[CharacterProfile],
) -> None:
    assert len(hsk_profiles) == 3000
    missing = [
        p.character
        for p in hsk_profiles
        if p.structure is None or p.radical is None or p.stroke_count is None
    ]
    assert missing == []


def test_no_structure_tree_ever_shows_a_number(hsk_profiles: list[CharacterProfile]) -> None:
    bad = [p.character for p in hsk_profiles if not all(shows_no_number(n) for n in nodes(p))]
    assert bad == []


def test_structure_operators_take_as_many_children_as_the_ids_says(
    hsk_profiles: list[CharacterProfile],
) -> None:
    for profile in hsk_profiles:
        for node in nodes(profile):
            if node.is_primitive:
                assert node.operator == "" and node.ids == node.shape
            elif node.operator in "⿰⿱⿴⿵⿶⿷⿸⿹⿺⿻⿼⿽" and node.layout.startswith(
                ("left-right", "top-bottom")
            ):
                assert len(node.children) == 2, (profile.character, node)


def test_the_best_reading_comes_first(
    lexicon: Lexicon, hsk_profiles: list[CharacterProfile]
) -> None:
    for profile in hsk_profiles[::7]:
        best = lexicon.reading(profile.character).pinyin_numbered
        assert profile.readings[0].pinyin_numbered == numbered_key(best).lower()


def test_words_are_grouped_by_the_reading_they_give_the_character(
    hsk_profiles: list[CharacterProfile],
) -> None:
    for profile in hsk_profiles[::11]:
        for reading in profile.readings:
            frequencies = [w.frequency for w in reading.words if not w.pinyin[:1].isupper()]
            assert frequencies == sorted(frequencies, reverse=True)
            for word in reading.words:
                syllables = word.pinyin_numbered.split()
                assert any(
                    numbered_key(s).lower() == reading.pinyin_numbered
                    for i, s in enumerate(syllables)
                    if profile.character in (word.simplified[i], word.traditional[i])
                ), (profile.character, word)


def test_formation_is_never_derived_from_the_structure(
    index: ci.CharacterIndex, hsk_profiles: list[CharacterProfile]
) -> None:
    for profile in hsk_profiles:
        has_record = index.etymology(profile.character) is not None
        assert (profile.formation is not None) == has_record
        if profile.formation is None:
            assert profile.etymology_note == NO_ETYMOLOGY


def test_radical_forms_are_forms_of_the_radical(
    index: ci.CharacterIndex, hsk_profiles: list[CharacterProfile]
) -> None:
    for profile in hsk_profiles:
        radical = profile.radical
        assert radical is not None
        record = index.radical(radical.number)
        assert record is not None and radical.form in record.forms


# -- formation classification ----------------------------------------------------------------


def test_formation_kinds_follow_the_order_of_the_notes() -> None:
    sound_meaning = (ComponentRole.MEANING, ComponentRole.SOUND)
    kinds, original = classify_formation(
        "Phonosemantic compound. 刂 represents the meaning and 仓 represents the sound. "
        "Simplified form of 創.",
        sound_meaning,
    )
    assert kinds == (FormationKind.PHONO_SEMANTIC, FormationKind.SIMPLIFIED)
    assert original == "創"
    kinds, original = classify_formation(
        "Simplified form of 雙.  Depicts a pair of hands.",
        (ComponentRole.ICONIC, ComponentRole.ICONIC),
    )
    assert kinds == (FormationKind.SIMPLIFIED, FormationKind.IDEOGRAPH)
    assert original == "雙"


@pytest.mark.parametrize(
    ("notes", "component_roles", "expected"),
    [
        ("Pictograph of a mountain.", (), FormationKind.PICTOGRAPH),
        ("Depicts a hand.", (), FormationKind.PICTOGRAPH),
        ("Origin unclear.", (ComponentRole.UNKNOWN,), FormationKind.UNCLEAR),
        ("⺮ is a component form of 竹.", (), FormationKind.COMPONENT_FORM),
        ("Archaic variant of 五 (five).", (), FormationKind.VARIANT),
        ("Variant form of 幺.", (), FormationKind.VARIANT),
        ("A single horizontal stroke, representing the number one.", (), FormationKind.IDEOGRAPH),
        ("Component used in simplified characters.", (), FormationKind.COMPONENT_FORM),
        ("", (ComponentRole.MEANING, ComponentRole.SOUND), FormationKind.PHONO_SEMANTIC),
        ("", (ComponentRole.ICONIC, ComponentRole.MEANING), FormationKind.IDEOGRAPH),
    ],
)
def test_formation_kinds(
    notes: str, component_roles: tuple[ComponentRole, ...], expected: FormationKind
) -> None:
    kinds, _ = classify_formation(notes, component_roles)
    assert kinds[0] is expected


def test_an_empty_note_with_nothing_typed_is_not_classified() -> None:
    kinds, original = classify_formation("", (ComponentRole.UNKNOWN,))
    assert kinds == () and original == ""


# -- parsers on excerpts ---------------------------------------------------------------------


def gzip_copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(gzip.compress(source.read_bytes()))
    return target


def test_decomposition_parser_reads_the_excerpt_including_its_quirks(tmp_path: Path) -> None:
    path = gzip_copy(EXCERPTS / "cjk-decomp.excerpt.txt", tmp_path / "d.txt.gz")
    records = list(ci.parse_decompositions(path))
    lines = (EXCERPTS / "cjk-decomp.excerpt.txt").read_text("utf-8").splitlines()
    assert len(records) == len(lines)
    by_name = ci.merge_decompositions(records)
    assert by_name["寨"] == ci.Decomposition("寨", "d", ("37199", "朩"))
    assert by_name["42476"].parts == ("一", "吅", "25180")  # stray trailing 亅 ignored
    assert by_name["冂"].kind == "a/t"  # not the self-equivalent duplicate
    assert by_name["一"].kind == "c"


def test_decomposition_parser_names_the_line_of_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(gzip.compress("创:a(仓,刂)\nthis is not a record\n".encode()))
    with pytest.raises(DataFileError) as caught:
        list(ci.parse_decompositions(path))
    assert caught.value.lineno == 2


def test_unihan_parser_reads_the_excerpts(tmp_path: Path) -> None:
    paths = [
        gzip_copy(EXCERPTS / f"Unihan_{name}.excerpt.txt", tmp_path / f"{name}.txt.gz")
        for name in ("IRGSources", "Readings", "Variants")
    ]
    fields = ci.parse_unihan(paths)
    chuang = ci.unihan_record("创", fields["创"])
    assert (chuang.radical, chuang.residual_strokes, chuang.total_strokes) == (18, 4, 6)
    assert ("traditional", "創") in chuang.variants
    assert chuang.mandarin == ("chuàng",)
    compatibility = ci.unihan_record("\uf900", fields["\uf900"])
    assert compatibility.compatibility_of == "\u8c48"
    ext_b = ci.unihan_record("\U00020000", fields["\U00020000"])
    assert ext_b.radical == 1 and ext_b.mandarin == ("hē",)


def test_unihan_parser_names_the_line_of_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "u.txt.gz"
    path.write_bytes(gzip.compress(b"# header\nU+521B\tkMandarin\tchuang4\nU+521B kDefinition\n"))
    with pytest.raises(DataFileError) as caught:
        ci.parse_unihan([path])
    assert caught.value.lineno == 3


def test_simplified_radicals_are_flagged() -> None:
    record = ci.unihan_record("讠", {"kRSUnicode": "149'.0", "kTotalStrokes": "2"})
    assert record.radical == 149 and record.radical_simplified and record.residual_strokes == 0


def test_etymology_parser_reads_the_excerpt(tmp_path: Path) -> None:
    path = gzip_copy(EXCERPTS / "etymology.excerpt.json", tmp_path / "e.json.gz")
    records = {r.character: r for r in ci.parse_etymology(path)}
    raw = json.loads((EXCERPTS / "etymology.excerpt.json").read_text("utf-8"))
    assert set(records) == set(raw)
    assert ("sound", "仓", "") in records["创"].components


def test_radicals_group_their_forms(lexicon: Lexicon) -> None:
    radicals = ci.parse_radicals(lexicon.settings.data_path(ci.RADICALS_FILE))
    assert [r.number for r in radicals] == list(range(1, 215))
    by_number = {r.number: r for r in radicals}
    assert by_number[18].character == "刀" and "刂" in by_number[18].forms
    assert "氵" in by_number[85].forms and by_number[85].meaning == "water"
    assert "讠" in by_number[149].forms
    for record in radicals:
        assert record.forms[0] == record.character == ci.kangxi_radical(record.number)


def test_structure_of_the_excerpt_resolves_intermediates(tmp_path: Path) -> None:
    records = ci.merge_decompositions(
        ci.parse_decompositions(
            gzip_copy(EXCERPTS / "cjk-decomp.excerpt.txt", tmp_path / "d.txt.gz")
        )
    )

    class ExcerptIndex:
        def decomposition(self, name: str) -> ci.Decomposition | None:
            return records.get(name)

        def radical_forms(self) -> frozenset[str]:
            return frozenset("宀八十小一丨亅二")

    tree = build_structure(ExcerptIndex(), "寨")  # type: ignore[arg-type]
    assert tree is not None
    assert tree.ids == "⿱⿱宀⿱𠀎八朩"
    assert [c.shape for c in tree.children] == ["⿱宀⿱𠀎八", "朩"]
    assert tree.children[0].encoded is False
    assert build_structure(ExcerptIndex(), "榕") is None  # type: ignore[arg-type]


# -- the index build -------------------------------------------------------------------------


def copy_data(source: Settings, target: Path) -> None:
    for name in ci.source_names():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source.data_path(name), destination)


def test_a_failed_build_leaves_no_index_behind(tmp_path: Path, settings: Settings) -> None:
    data = tmp_path / "data"
    copy_data(settings, data)
    (data / ci.DECOMPOSITION_FILE).write_bytes(gzip.compress("创:a(仓,刂)\n创 a 仓\n".encode()))
    broken = settings.with_changes(data_dir=data, cache_dir=tmp_path / "cache")
    with pytest.raises(DataFileError) as caught:
        ci.ensure_index(broken)
    assert caught.value.lineno == 2
    assert list((tmp_path / "cache").iterdir()) == []


def test_the_index_name_follows_its_sources(tmp_path: Path, settings: Settings) -> None:
    data = tmp_path / "data"
    copy_data(settings, data)
    moved = settings.with_changes(data_dir=data)
    assert ci.index_path(moved) == ci.index_path(settings)  # same content, same index
    hsk_words = data / "hsk" / "hsk30_words.tsv.gz"
    hsk_words.write_bytes(gzip.compress(gzip.decompress(hsk_words.read_bytes()) + b"\n"))
    assert ci.index_path(moved) != ci.index_path(settings)
    (data / ci.ETYMOLOGY_FILE).unlink()
    with pytest.raises(DataFileError, match="not found"):
        ci.index_path(moved)


def test_threads_share_one_character_index(lexicon: Lexicon) -> None:
    fresh = Lexicon(lexicon.path, lexicon.settings)
    barrier = threading.Barrier(6)

    def profile(char: str) -> tuple[str, int]:
        barrier.wait()
        result = fresh.character(char)
        return result.character, id(fresh.character_index())

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(profile, "创寨山双榕货"))
    assert [c for c, _ in results] == list("创寨山双榕货")
    assert len({i for _, i in results}) == 1


# -- JSON and CLI ----------------------------------------------------------------------------


def test_profile_json_round_trips(lexicon: Lexicon) -> None:
    profile = lexicon.character("创")
    payload = json.loads(json.dumps(character_json(profile, stroke_data=True), ensure_ascii=False))
    assert payload["character"] == "创"
    assert payload["radical"]["label"] == "刀 (刂)"
    assert [r["pinyin"] for r in payload["readings"][:2]] == ["chuàng", "chuāng"]
    assert payload["formation"]["source"].startswith("Dong Chinese")
    assert payload["strokes"]["count"] == len(payload["strokes"]["outlines"]) == 6
    assert payload["structure"]["tree"]["ids"] == "⿰仓刂"
    assert "outlines" not in character_json(profile)["strokes"]


@pytest.fixture
def char_command(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Iterator[object]:
    monkeypatch.setenv("HANZI_COMPANION_CACHE", str(settings.cache_dir))
    from hanzi_companion.cli.character_commands import char

    yield char


def run(command: object, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(command, list(args))  # type: ignore[arg-type]
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_cli_prints_a_readable_profile(char_command: object) -> None:
    code, output = run(char_command, "创")
    assert code == 0
    assert "刀 (刂)" in output and "⿰仓刂" in output
    assert "chuàng" in output and "chuāng" in output
    assert "Dong Chinese" in output and "創" in output


def test_cli_says_when_there_is_no_etymology(char_command: object) -> None:
    code, output = run(char_command, "寨")
    assert code == 0
    assert NO_ETYMOLOGY in output
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Structure"))
    header, tree = lines[start], lines[start + 1 : lines.index("", start)]
    assert header.endswith("⿱⿱宀⿱𠀎八朩") and len(tree) > 5
    assert not any(ch.isdigit() for line in tree for ch in line)


def test_cli_json(char_command: object) -> None:
    code, output = run(char_command, "货", "--json")
    assert code == 0
    payload = json.loads(output)
    assert payload["character"] == "货"
    assert {c["role"] for c in payload["formation"]["components"]} >= {"sound", "meaning"}


def test_cli_writes_both_drawings(char_command: object, tmp_path: Path) -> None:
    frames, animated = tmp_path / "c.svg", tmp_path / "c-anim.svg"
    code, _ = run(char_command, "创", "--svg", str(frames), "--animated-svg", str(animated))
    assert code == 0
    assert frames.read_text("utf-8").startswith("<svg")
    assert "@keyframes" in animated.read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c-anim.svg", "c.svg"]


def test_cli_errors_are_one_line_and_write_nothing(char_command: object, tmp_path: Path) -> None:
    code, output = run(char_command, "a")
    assert code == 2 and "not a Chinese character" in output
    target = tmp_path / "x.svg"
    code, output = run(char_command, "\U00020000", "--svg", str(target))
    assert code == 2 and "no stroke data" in output
    assert not target.exists()
    code, output = run(char_command, "创", "--svg", str(tmp_path / "missing" / "x.svg"))
    assert code == 2 and "does not exist" in output
    assert list(tmp_path.iterdir()) == []


def test_normalise_character_folds_kangxi_radicals() -> None:
    assert normalise_character("\u2f11") == "刀"
    assert normalise_character(" 创 ") == "创"


@pytest.mark.parametrize("pasted", ["\ufeff创", "\u200b创", "创\u200d", "\u200e 创\u2060"])
def test_normalise_character_drops_invisible_characters_pasted_with_it(pasted: str) -> None:
    # as lookup and search do: a BOM or zero-width space copied from a web page is no character
    assert normalise_character(pasted) == "创"
