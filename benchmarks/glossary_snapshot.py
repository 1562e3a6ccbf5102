"""Glossary JSON of every deck under tests/data/decks, one file per deck, to compare two
checkouts: a change meant to keep output the same (speed, memory) must give the same files.

    cd OLD_CHECKOUT && PYTHONPATH=$PWD python NEW_CHECKOUT/benchmarks/glossary_snapshot.py /tmp/old
    cd NEW_CHECKOUT && PYTHONPATH=$PWD python benchmarks/glossary_snapshot.py /tmp/new
    diff -rq /tmp/old /tmp/new

``PYTHONPATH`` chooses the code compared; the decks are read from the current folder's
``tests/data/decks``. A deck that fails writes its error instead of its glossary.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hanzi_companion.errors import HanziCompanionError
from hanzi_companion.glossary import build_glossary
from hanzi_companion.lexicon import Lexicon
from hanzi_companion.render.json import dumps, glossary_json
from hanzi_companion.text.decks import read_deck

DECKS = Path("tests") / "data" / "decks"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the glossaries (created)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    lexicon = Lexicon.open()
    count = 0
    for path in sorted(DECKS.rglob("*")):
        if not path.is_file() or path.suffix in {".tsv", ".py"} or path.name.startswith("README"):
            continue
        try:
            text = dumps(glossary_json(build_glossary(read_deck(path), lexicon)))
        except HanziCompanionError as exc:
            text = f"error: {exc}"
        (args.out / "__".join(path.relative_to(DECKS).parts)).write_text(text, encoding="utf-8")
        count += 1
    print(f"{count} glossaries in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
