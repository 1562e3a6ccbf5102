"""The first command on an empty cache (it builds the dictionary index), beside a baseline.

    python benchmarks/first_run.py [--runs N]

Prints, over N interleaved runs (median, min, max wall time; CPU; peak RSS):

- ``hanzi-companion lookup 创新`` with an empty cache folder: the index is built (with its
  progress bar on stderr when that is a terminal; here it is not) and the word looked up;
- then, on that cache, what the first English search adds: its tables (normalised glosses and
  a full-text index of the definitions) are built from the index on first use, not by the
  first command (a search also builds the character index, for HSK levels: left out here);
- baseline: a fresh process that parses CC-CEDICT into a dict (what a naive tool does on
  every start; builds nothing);
- ``python -c pass``, the floor.

Targets: first run <= 5 s, <= 200 MB peak.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile

from processes import ROOT, Run, environment, hanzi_companion, load_note, python, run, table

ENGLISH_TABLES = "from hanzi_companion.lexicon import Lexicon; Lexicon.open().english_tables()"
PARSE = r"""
import gzip, re, sys
line = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/$")
words = {}
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as handle:
    for text in handle:
        match = line.match(text.rstrip("\n"))
        if match:
            trad, simp, pinyin, defs = match.groups()
            entry = (trad, simp, pinyin, defs.split("/"))
            words.setdefault(simp, []).append(entry)
            words.setdefault(trad, []).append(entry)
assert words["创新"]
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    cedict = str(ROOT / "dictionaries" / "cedict_ts.u8.gz")
    ours = "hanzi-companion lookup 创新, empty cache"
    english = "then the English search tables (first use)"
    commands = {
        ours: hanzi_companion("lookup", "创新"),
        english: python("-c", ENGLISH_TABLES),
        "baseline: parse CC-CEDICT into a dict": python("-c", PARSE, cedict),
        "python -c pass": python("-c", "pass"),
    }
    results: dict[str, list[Run]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as caches:
        # Bytecode compiled and the baseline's file in the page cache before timing.
        run(python("-c", "import hanzi_companion.cli.lexicon_commands, pypinyin"))
        run(python("-c", "import hanzi_companion.lexicon.english_index"))
        run(commands["baseline: parse CC-CEDICT into a dict"])
        for number in range(options.runs):  # rounds interleave the commands
            for name, command in commands.items():
                env = environment({"HANZI_COMPANION_CACHE": f"{caches}/{number}"})
                results[name].append(run(command, env))
    table(results)
    median = statistics.median(r.seconds for r in results[ours])
    peak = max(r.peak_mb for r in results[ours])
    print(
        f"targets: first run <= 5 s ({'met' if median <= 5 else 'MISSED'}), <= 200 MB "
        f"({'met' if peak <= 200 else 'MISSED'})"
    )
    print(load_note())


if __name__ == "__main__":
    main()
