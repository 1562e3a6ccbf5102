"""The ``glossary`` command: formats, courses, atomic output, one-line errors (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hanzi_companion.cli import cli
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from tests.conftest import SEED_DECK

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "glossary.schema.json").read_text(encoding="utf-8"))

DECK = """\
class: center, middle

# Week {week}

## {title}

---

# {first}

{first} is where people keep money; {second} grows.

--

More about {second}.

???

The teacher says {third} in the notes.

---

# Links

[Dictionary](https://www.purpleculture.net/dictionary-details/?word={first})
"""


def write_deck(folder: Path, name: str, week: int, words: tuple[str, str, str]) -> Path:
    path = folder / name
    first, second, third = words
    text = DECK.format(
        week=week, title=f"{first}和{second}", first=first, second=second, third=third
    )
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv(ENV_CACHE_DIR, str(settings.cache_dir))
    return CliRunner()


@pytest.fixture()
def deck(tmp_path: Path) -> Path:
    return write_deck(tmp_path, "banks.md", 3, ("银行", "经济", "学习"))


def _json(runner: CliRunner, *args: str) -> dict[str, object]:
    result = runner.invoke(cli, ["glossary", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_json_to_stdout_validates(runner: CliRunner, deck: Path) -> None:
    import jsonschema

    document = _json(runner, str(deck))
    jsonschema.validate(document, SCHEMA)
    terms = [t["term"] for t in document["terms"]]  # type: ignore[index]
    assert terms, "the deck has Chinese terms"
    text = deck.read_text(encoding="utf-8")
    # In order of first appearance in the deck.
    positions = [text.index(term) for term in terms if term in text]
    assert positions == sorted(positions)


def test_markdown_is_the_default_and_shows_every_term(runner: CliRunner, deck: Path) -> None:
    document = _json(runner, str(deck))
    result = runner.invoke(cli, ["glossary", str(deck)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Glossary")
    for term in document["terms"]:  # type: ignore[attr-defined]
        assert term["term"] in result.stdout
        assert term["pinyin"] in result.stdout


def test_output_file_format_from_suffix(runner: CliRunner, deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "glossary.html"
    out.parent.mkdir()
    result = runner.invoke(cli, ["glossary", str(deck), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Wrote" in result.stderr and str(out) in result.stderr
    assert result.stdout == ""
    assert [p.name for p in out.parent.iterdir()] == ["glossary.html"]  # no temp file left


def test_slides_format(runner: CliRunner, deck: Path) -> None:
    result = runner.invoke(cli, ["glossary", str(deck), "-f", "slides", "--terms-per-slide", "1"])
    assert result.exit_code == 0, result.output
    document = _json(runner, str(deck))
    assert result.stdout.startswith("---\n")
    pages = result.stdout.count("\n## Glossary (")
    assert pages == len(document["terms"])  # type: ignore[arg-type]


def test_folder_is_a_course_in_week_order(runner: CliRunner, tmp_path: Path) -> None:
    course = tmp_path / "lectures"
    course.mkdir()
    # File names sort the other way round from the weeks.
    write_deck(course, "a-late.md", 10, ("电脑", "文化", "社会"))
    write_deck(course, "b-early.md", 2, ("银行", "经济", "学习"))
    (course / "notes.docx").write_bytes(b"PK\x03\x04 not a deck")
    result = runner.invoke(cli, ["glossary", str(course), "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["course"] == "lectures"
    assert [d["deck"]["week"] for d in document["decks"]] == [2, 10]
    assert [d["deck"]["name"] for d in document["decks"]] == ["b-early.md", "a-late.md"]
    # A progress bar (or at least its label) goes to stderr, never into the output.
    assert "Building glossaries" in result.stderr
    md = runner.invoke(cli, ["glossary", str(course), "--course", "Chinese 101"])
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# Chinese 101")
    assert md.stdout.count("## Glossary: ") == 2


def test_deck_without_chinese_gives_an_empty_glossary_and_a_message(
    runner: CliRunner, tmp_path: Path
) -> None:
    deck = tmp_path / "english.md"
    deck.write_text("# Week 1\n\nNo Chinese here at all.\n\n---\n\n# More\n\nStill none.\n")
    result = runner.invoke(cli, ["glossary", str(deck), "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["terms"] == []
    assert document["messages"]
    assert document["messages"][0] in result.stderr


def test_html_in_a_deck_is_escaped_in_every_format(runner: CliRunner, tmp_path: Path) -> None:
    deck = tmp_path / "hostile.md"
    deck.write_text(
        '# Week 4\n\n---\n\n# <script>alert("x")</script>\n\n'
        '银行 "bank" | <img src=x onerror=alert(1)> 经济\n',
        encoding="utf-8",
    )
    for fmt in ("html", "md", "slides"):
        result = runner.invoke(cli, ["glossary", str(deck), "-f", fmt])
        assert result.exit_code == 0, result.output
        assert "<script>" not in result.stdout, fmt
        assert "<img" not in result.stdout, fmt


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "hostile.md"),
        ("银行".encode("gb18030") * 50 + b"\xff\xfe\xfa", "hostile.md"),
    ],
)
def test_bad_deck_is_a_one_line_error_and_no_output(
    runner: CliRunner, tmp_path: Path, content: bytes, needle: str
) -> None:
    deck = tmp_path / "hostile.md"
    deck.write_bytes(content)
    out = tmp_path / "glossary.json"
    out.write_text("previous", encoding="utf-8")
    result = runner.invoke(cli, ["glossary", str(deck), "-o", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and needle in lines[0]
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "previous"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.json", "hostile.md"]


def test_missing_inputs_and_outputs_are_one_line_errors(
    runner: CliRunner, deck: Path, tmp_path: Path
) -> None:
    cases = [
        ["glossary", str(tmp_path / "nope.md")],
        ["glossary", str(deck), "-o", str(tmp_path / "no-such-folder" / "g.md")],
        ["glossary", str(tmp_path / "empty-folder")],
        ["glossary", str(deck), "--user-dict", str(tmp_path / "missing.u8")],
    ]
    (tmp_path / "empty-folder").mkdir()
    for args in cases:
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error:"), (args, result.stderr)
    assert not (tmp_path / "no-such-folder").exists()


def test_output_never_overwrites_an_input_deck(runner: CliRunner, deck: Path) -> None:
    before = deck.read_bytes()
    result = runner.invoke(cli, ["glossary", str(deck), "-f", "slides", "-o", str(deck)])
    assert result.exit_code == 2
    assert "input deck" in result.stderr
    assert deck.read_bytes() == before


def test_deck_url_links_slide_numbers(runner: CliRunner, deck: Path) -> None:
    document = _json(runner, str(deck))
    result = runner.invoke(
        cli, ["glossary", str(deck), "-f", "html", "--deck-url", "https://example.org/{stem}.html"]
    )
    assert result.exit_code == 0, result.output
    for term in document["terms"]:  # type: ignore[attr-defined]
        for occurrence in term["occurrences"]:
            assert f'href="https://example.org/banks.html#{occurrence["slide"]}"' in result.stdout


def test_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["glossary", "--help"])
    assert result.exit_code == 0
    assert "hanzi-companion glossary " in result.output
    for fmt in ("json", "md", "slides", "html"):
        assert fmt in result.output


def test_real_subprocess_on_the_demo_deck(settings: Settings, tmp_path: Path) -> None:
    import jsonschema

    out = tmp_path / "week.json"
    env = {**os.environ, ENV_CACHE_DIR: str(settings.cache_dir)}
    completed = subprocess.run(
        [sys.executable, "-m", "hanzi_companion", "glossary", str(SEED_DECK), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert document["terms"] and document["character_of_the_week"]
    assert document["deck"]["slide_count"] > 1
    assert all(
        o["fragment"] == f"#{o['slide']}" for t in document["terms"] for o in t["occurrences"]
    )


def test_the_option_default_is_the_renderer_default() -> None:
    from hanzi_companion.cli import glossary_commands
    from hanzi_companion.render import slides

    assert glossary_commands.TERMS_PER_SLIDE == slides.TERMS_PER_SLIDE


@pytest.mark.parametrize("command", ["glossary", "anki", "site"])
def test_course_name_option_is_spelled_alike_everywhere(runner: CliRunner, command: str) -> None:
    help_text = runner.invoke(cli, [command, "--help"]).stdout
    assert "--course NAME" in help_text
    assert "--course-name" not in help_text  # the old spelling is accepted, not advertised


def test_old_course_name_spelling_still_works(runner: CliRunner, tmp_path: Path) -> None:
    course = tmp_path / "lectures"
    course.mkdir()
    write_deck(course, "a.md", 2, ("银行", "经济", "学习"))
    write_deck(course, "b.md", 3, ("电脑", "文化", "社会"))
    result = runner.invoke(cli, ["glossary", str(course), "--course-name", "Chinese 101"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Chinese 101")
