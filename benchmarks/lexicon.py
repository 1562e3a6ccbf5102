"""Lexicon speed and memory, side by side with a parse-everything baseline, in one run.

    python benchmarks/lexicon.py [--runs N] [--skip-build]

Prints medians over N runs: process start to first lookup answered (index already built),
index build time, exact lookup time, search time per mode (p50/p95), peak RSS. The baseline
parses the whole CC-CEDICT text into a dict in a fresh process, as a naive tool would.
Targets: ready <= 150 ms and < 1/4 of the baseline; peak RSS <= 60 MB; exact lookup <= 50 us;
every search mode <= 20 ms at p95.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hanzi_companion.lexicon import Lexicon, QueryKind
from hanzi_companion.lexicon import index as lexicon_index
from hanzi_companion.settings import Settings

READY_SCRIPT = """
import resource, sys, time
from hanzi_companion.lexicon import Lexicon
lexicon = Lexicon.open()
entry = lexicon.lookup("创")[0]
assert entry.pinyin == "chuàng"
for query in ("chuangxin", "innovation", "创"):
    lexicon.search(query)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

BASELINE_SCRIPT = """
import gzip, re, resource, sys
line = re.compile(r"^(\\S+) (\\S+) \\[([^\\]]*)\\] /(.*)/$")
words = {}
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as handle:
    for text in handle:
        if text.startswith("#"):
            continue
        match = line.match(text.rstrip("\\n"))
        if match:
            trad, simp, pinyin, defs = match.groups()
            entry = (trad, simp, pinyin, defs.split("/"))
            words.setdefault(simp, []).append(entry)
            words.setdefault(trad, []).append(entry)
assert words["创"]
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

QUERIES = {
    QueryKind.HANZI: ["创", "创新", "中国", "银行", "学", "人", "大众", "山寨", "開發", "水"],
    QueryKind.PINYIN: [
        "chuangxin",
        "chuang4 xin1",
        "chuàngxīn",
        "shi",
        "ma3",
        "zhongguo",
        "yinhang",
        "xian",
        "dazhong",
        "li",
    ],
    QueryKind.ENGLISH: [
        "innovation",
        "bank",
        "to create",
        "water",
        "the masses",
        "city",
        "good",
        "computer",
        "thought",
        "to be",
    ],
}


def _run(script: str, *args: str) -> tuple[float, int]:
    """Wall time of a fresh interpreter running ``script`` and the peak RSS it reports (KB)."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - start
    return elapsed, int(completed.stdout.strip().splitlines()[-1])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true", help="do not time index builds")
    options = parser.parse_args()
    settings = Settings.from_env()
    lexicon = Lexicon.open(settings)  # make sure the index exists before timing start-up

    ready = [_run(READY_SCRIPT) for _ in range(options.runs)]
    baseline = [_run(BASELINE_SCRIPT, str(settings.cedict_path)) for _ in range(options.runs)]
    ready_ms = statistics.median(t for t, _ in ready) * 1000
    baseline_ms = statistics.median(t for t, _ in baseline) * 1000
    print(f"{'measure':<38}{'hanzi-companion':>18}{'baseline (dict)':>18}")
    print(f"{'process start -> first lookup (ms)':<38}{ready_ms:>18.1f}{baseline_ms:>18.1f}")
    print(f"{'  ratio to baseline':<38}{ready_ms / baseline_ms:>18.2f}")
    print(
        f"{'peak RSS (MB)':<38}{max(m for _, m in ready) / 1024:>18.1f}"
        f"{max(m for _, m in baseline) / 1024:>18.1f}"
    )

    if not options.skip_build:
        builds = []
        for _ in range(max(1, options.runs // 2)):
            with tempfile.TemporaryDirectory() as cache:
                fresh = settings.with_changes(cache_dir=Path(cache))
                start = time.perf_counter()
                lexicon_index.build_index(fresh, lexicon_index.index_path(fresh))
                builds.append(time.perf_counter() - start)
        print(f"{'index build (s)':<38}{statistics.median(builds):>18.2f}{'-':>18}")

    words = [w for kind in (QueryKind.HANZI,) for w in QUERIES[kind]] * 50
    raw_lookup = lexicon._lookup  # uncached path: what a first lookup costs
    timings = []
    for word in words:
        start = time.perf_counter()
        raw_lookup(word)
        timings.append(time.perf_counter() - start)
    print(f"{'exact lookup, uncached (us, median)':<38}{statistics.median(timings) * 1e6:>18.1f}")

    for kind, queries in QUERIES.items():
        times = []
        for _ in range(5):
            for query in queries:
                start = time.perf_counter()
                lexicon.search(query, kind=kind)
                times.append(time.perf_counter() - start)
        print(
            f"{'search ' + kind.value + ' p50 / p95 (ms)':<38}"
            f"{_percentile(times, 0.5) * 1000:>8.2f} / {_percentile(times, 0.95) * 1000:<7.2f}"
        )


if __name__ == "__main__":
    main()
