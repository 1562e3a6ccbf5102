"""Keep the one-way data flow of DESIGN.md honest by walking every module's imports.

dictionaries -> lexicon -> text -> glossary -> render -> web / cli; only the segmentation
module imports jieba, only render/anki* imports genanki, only web/ imports flask.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hanzi_companion"

# Layer of each top-level part of the package; a module may import only its layer or lower.
LAYERS = {
    "errors": 0,
    "settings": 0,
    "files": 0,
    "wording": 0,
    "patterns": 0,
    "lexicon": 1,
    "text": 2,
    "glossary": 3,
    "senses": 3,  # which sense a deck means: a step of the glossary
    "sentence_senses": 3,  # the senses example sentences use, counted for senses' table
    "grammar": 3,  # where a word stands in its sentence: a rule of senses
    "render": 4,
    "site": 5,
    "web": 6,
    "cli": 7,
    "__main__": 8,
    "__init__": 8,
}
# Third-party packages that only one place may import.
OWNERS = {
    "jieba": lambda rel: rel == "text/segment.py",
    "genanki": lambda rel: rel.startswith("render/anki"),
    "flask": lambda rel: rel.startswith("web/"),
    "waitress": lambda rel: rel == "web/server.py",
    # deck formats owned by others are read by their libraries, each in its reader module
    "yaml": lambda rel: rel in ("text/formats/front_matter.py", "text/formats/marp.py"),
    "pptx": lambda rel: rel == "text/formats/powerpoint.py",
    "lxml": lambda rel: rel == "text/formats/powerpoint.py",
    "pypdf": lambda rel: rel == "text/formats/pdf.py",
    "py3langid": lambda rel: rel == "text/language.py",
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_bundled" not in p.parts)


def _part(relative: str) -> str:
    first = relative.split("/")[0]
    return first.removesuffix(".py")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_downwards(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    own_layer = LAYERS.get(_part(relative), 8)
    for name in _imports(path):
        top = name.split(".")[0]
        if top in OWNERS:
            assert OWNERS[top](relative), f"{relative} imports {top}, which it must not"
        if top != "hanzi_companion" or name == "hanzi_companion":
            continue
        target = name.split(".")[1]
        target_layer = LAYERS.get(target, 8)
        assert target_layer <= own_layer, f"{relative} reaches up into {name}"


def test_web_and_cli_do_not_import_each_other_upwards() -> None:
    for path in (PACKAGE / "web").rglob("*.py"):
        assert not any(n.startswith("hanzi_companion.cli") for n in _imports(path)), path


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The walker itself works: a lexicon module importing the glossary is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from hanzi_companion.glossary import Glossary\nimport jieba\n", "utf-8")
    assert _imports(bad) == ["hanzi_companion.glossary", "jieba"]
    assert LAYERS[_part("glossary.py")] > LAYERS[_part("lexicon/bad.py")]
    assert not OWNERS["jieba"]("lexicon/bad.py")
