"""The lazy command group: a command imports only what it uses; the help listing nothing."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from hanzi_companion.cli import COMMANDS, cli
from hanzi_companion.settings import ENV_CACHE_DIR, Settings
from tests.conftest import SEED_DECK

_MODULES = (
    "anki_commands",
    "character_commands",
    "glossary_commands",
    "lexicon_commands",
    "sheet_commands",
    "site_commands",
    "web_commands",
)
# Heavy or unrelated to looking a word up: third-party libraries and the layers above the lexicon.
_NOT_FOR_LOOKUP = ("genanki", "jieba", "flask", "hanzi_companion.glossary", "hanzi_companion.text")


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def _loaded(modules: set[str], prefix: str) -> list[str]:
    return [m for m in modules if m == prefix or m.startswith(prefix + ".")]


def test_resolving_lookup_imports_nothing_it_does_not_use() -> None:
    modules = _modules_after(
        "import click, hanzi_companion.cli as c\n"
        "ctx = click.Context(c.cli)\n"
        "assert c.cli.get_command(ctx, 'lookup') is not None\n"
    )
    assert "hanzi_companion.cli.lexicon_commands" in modules  # the command was resolved
    for prefix in _NOT_FOR_LOOKUP:
        assert not _loaded(modules, prefix), prefix


def test_the_help_listing_imports_no_command() -> None:
    modules = _modules_after(
        "from click.testing import CliRunner\n"
        "from hanzi_companion.cli import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0 and 'lookup' in result.output, result.output\n"
    )
    assert not [m for m in modules if m.endswith("_commands")]
    assert not _loaded(modules, "hanzi_companion.lexicon")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_listed_summary_is_the_commands_own(name: str) -> None:
    command = COMMANDS[name].load()
    assert command.name == name
    assert COMMANDS[name].summary == command.get_short_help_str(1000)


def test_every_command_of_the_command_modules_is_registered() -> None:
    registered = {(entry.load().name, entry.target.split(":")[0]) for entry in COMMANDS.values()}
    for module_name in _MODULES:
        module = importlib.import_module(f"hanzi_companion.cli.{module_name}")
        for command in module.COMMANDS:
            assert (command.name, module_name) in registered, command.name


def test_the_help_lists_every_command_with_its_summary() -> None:
    result = CliRunner().invoke(cli, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    listing = result.output.split("Commands:", 1)[1]
    for name, entry in COMMANDS.items():
        assert f"{name}  " in listing and entry.summary in listing


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["lokup", "创"])
    assert result.exit_code == 2
    assert "No such command 'lokup'" in result.output


def test_a_command_runs_through_the_lazy_group() -> None:
    result = CliRunner().invoke(cli, ["about"])
    assert result.exit_code == 0 and "CC-CEDICT" in result.output
    assert isinstance(cli.get_command(click.Context(cli), "about"), click.Command)


def _command_modules(settings: Settings, *args: str) -> set[str]:
    """The modules a fresh interpreter has imported after running the command ``args``."""
    code = (
        "import contextlib, io, sys\n"
        "from hanzi_companion.cli import main\n"
        f"sys.argv = ['hanzi-companion', *{list(args)!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exit:\n"
        "        assert not exit.code, exit.code\n"
    )
    return _modules_after(code, {**os.environ, ENV_CACHE_DIR: str(settings.cache_dir)})


def test_a_markdown_decks_glossary_loads_no_reader_it_does_not_use(settings: Settings) -> None:
    """jieba's HMM model (the glossary cuts by dictionary only), the HTML parser and the zip
    reader (for HTML and PowerPoint decks), and the stroke data (the character index is
    opened for HSK levels) stay unloaded for a remark deck. The first run builds what the
    cache lacks (the segmenter's compiled dictionary, the gloss tables), which may parse
    CC-CEDICT; the second is the glossary of a built cache."""
    args = ("glossary", str(SEED_DECK), "-f", "json")
    _command_modules(settings, *args)
    modules = _command_modules(settings, *args)
    assert "jieba" in modules and "hanzi_companion.text.segment" in modules  # it was cut
    for name in ("jieba.finalseg", "html.parser", "zipfile", "hanzi_companion.lexicon.strokes"):
        assert name not in modules, name
    assert "hanzi_companion.lexicon.cedict" not in modules  # the index is built: no parsing
    # no front matter: neither YAML, TOML nor the reader of the vocabulary it may hold
    for name in ("yaml", "tomllib", "hanzi_companion.text.formats.front_vocabulary"):
        assert name not in modules, name


def test_a_lookup_loads_no_parser_and_no_json_writer(settings: Settings) -> None:
    """The text answer needs neither the dictionary parser (the index is built) nor the JSON
    writer nor the list of data sources; ``--json`` loads its writer."""
    modules = _command_modules(settings, "lookup", "创新")
    assert "hanzi_companion.lexicon.index" in modules  # it looked the word up
    for name in (
        "hanzi_companion.lexicon.cedict",
        "hanzi_companion.render.json_text",
        "hanzi_companion.lexicon.sources",
    ):
        assert name not in modules, name
    assert "hanzi_companion.render.json_text" in _command_modules(
        settings, "lookup", "创新", "--json"
    )


def test_an_html_decks_glossary_loads_the_html_reader(settings: Settings, tmp_path: Path) -> None:
    deck = tmp_path / "deck.html"
    deck.write_text(
        "<html><body><section><h2>创新 &amp; 创业</h2><p>to innovate</p></section>"
        "<section><p>创客 makers</p></section></body></html>",
        encoding="utf-8",
    )
    modules = _command_modules(settings, "glossary", str(deck), "-f", "json")
    assert "html.parser" in modules and "hanzi_companion.text.formats.html_page" in modules


def test_jiebas_hmm_still_loads_when_something_asks_for_it() -> None:
    """The deferred model is jieba's own the moment anything calls it."""
    script = (
        "import sys\n"
        "from hanzi_companion.text import segment\n"
        "jieba = segment._import_jieba()\n"
        "assert 'jieba.finalseg' not in sys.modules\n"
        "print('/'.join(jieba.cut('他来到了网易杭研大厦', HMM=True)))\n"
        "assert jieba.finalseg is sys.modules['jieba.finalseg']\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "杭研" in result.stdout.split("/")  # a word only the HMM finds


def test_looking_up_characters_loads_no_english_search_nor_sentences(settings: Settings) -> None:
    """A look-up by characters needs neither the English search nor the example sentences
    (their gzip reader included), nor hashlib: those load with an English search, ``--json``
    or a changed source."""
    modules = _command_modules(settings, "lookup", "创新")
    assert "hanzi_companion.lexicon.lexicon" in modules  # it looked the word up
    for name in ("hanzi_companion.lexicon.english", "hanzi_companion.lexicon.sentences", "gzip"):
        assert name not in modules, name
    # The index's name comes from the digest memo: unchanged sources need no hashing.
    assert "hashlib" not in modules
    english = _command_modules(settings, "search", "to start a business")
    assert "hanzi_companion.lexicon.english" in english


def test_words_no_dictionary_has_are_read_without_pypinyin_when_their_words_leave_no_choice(
    settings: Settings, tmp_path: Path
) -> None:
    """大众创客 is 大众 and 创客, 新车间 新 and 车间: the dictionary reads them, and pypinyin's
    phrase table (a fifth of a second to load) stays unloaded; 双创 (创 chuàng or chuāng)
    needs it."""
    deck = tmp_path / "makers.md"
    deck.write_text("# Makers\n\n大众创客 and 新车间\n", encoding="utf-8")
    modules = _command_modules(settings, "glossary", str(deck), "-f", "json")
    assert "hanzi_companion.glossary" in modules and "pypinyin" not in modules
    deck.write_text("# Makers\n\n双创\n", encoding="utf-8")
    assert "pypinyin" in _command_modules(settings, "glossary", str(deck), "-f", "json")


def test_a_command_does_not_walk_its_own_objects_over_and_over(settings: Settings) -> None:
    """A look-up keeps nearly everything it allocates until it exits: the collector finds
    nothing to free, so it does not run (it ran some thirty times, a tenth of the time)."""
    code = (
        "import contextlib, gc, io, sys\n"
        "from hanzi_companion.cli import main\n"
        "runs = []\n"
        "gc.callbacks.append(lambda phase, info: runs.append(info) if phase == 'stop' else None)\n"
        "sys.argv = ['hanzi-companion', 'lookup', '创新']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exit:\n"
        "        assert not exit.code, exit.code\n"
        "print(len(runs), gc.get_freeze_count() > 0)\n"
    )
    env = {**os.environ, ENV_CACHE_DIR: str(settings.cache_dir)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    collections, frozen = result.stdout.split()
    assert int(collections) == 0
    assert frozen == "True"  # the last collection, at exit, leaves its objects alone
