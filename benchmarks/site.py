"""Static site build speed: a 12-deck course, cold and with nothing changed.

    python benchmarks/site.py [--runs N]

Makes a 12-week course in a temporary folder from the bundled demo deck (each copy with its
own week number and character of the week), then times in one process:

- cold: the first build into an empty folder (segmenter start-up, 12 glossaries, 12 deck
  pages, JSON and Anki packages, 12 character pages, index, search, course package);
- no change: the same build again (median of N runs), which must re-render nothing;
- one deck changed: a rebuild after editing one deck (median of N runs);
- baseline: a naive full rebuild of the same site (``force=True``: every deck read, built and
  rendered again, as a build without a manifest does), median of N runs;
- the ``hanzi-companion site`` command with nothing changed, end to end (Python start-up
  included), beside the same command with ``--force`` (a full rebuild in a fresh process, the
  cost without incremental builds), medians of N runs.

Targets: cold <= 20 s, no change <= 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hanzi_companion.lexicon import Lexicon
from hanzi_companion.settings import Settings, demo_course_dir
from hanzi_companion.site import SiteReport, build_site

COLD_TARGET = 20.0
NO_CHANGE_TARGET = 2.0
WEEKS = 12
CHARACTERS = "山水火木人口日月田心手门"


def make_course(folder: Path) -> None:
    """Twelve decks: the demo deck with another week number and character of the week."""
    demo = sorted(demo_course_dir().glob("*.txt"))[0].read_text("utf-8")
    for week, char in zip(range(1, WEEKS + 1), CHARACTERS, strict=True):
        text = demo.replace("## Week 7 # 创", f"## Week {week} # {char}")
        text = text.replace("Character of the week # 创", f"Character of the week # {char}")
        (folder / f"week{week:02d}.txt").write_text(text, "utf-8")


def timed(action: Callable[[], SiteReport]) -> tuple[float, SiteReport]:
    start = time.perf_counter()
    report = action()
    return time.perf_counter() - start, report


def median_of(runs: int, action: Callable[[], SiteReport]) -> tuple[float, SiteReport]:
    times = []
    report = None
    for _ in range(runs):
        seconds, report = timed(action)
        times.append(seconds)
    assert report is not None
    return statistics.median(times), report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each rebuild (median)")
    args = parser.parse_args()
    settings = Settings.from_env()
    lexicon = Lexicon.open(settings)
    with tempfile.TemporaryDirectory(prefix="hc-site-bench-") as temp:
        course, site = Path(temp) / "course", Path(temp) / "site"
        course.mkdir()
        make_course(course)

        def build(force: bool = False) -> SiteReport:
            return build_site(course, site, lexicon, force=force)

        cold, first = timed(build)
        no_change, unchanged = median_of(args.runs, build)
        assert unchanged.unchanged, "a rebuild with nothing changed rendered something"

        edited = course / "week05.txt"
        original = edited.read_text("utf-8")
        counter = iter(range(10**6))

        def edit_and_build() -> SiteReport:
            edited.write_text(original + f" --- # Extra {next(counter)} 新词", "utf-8")
            return build()

        one_changed, changed = median_of(args.runs, edit_and_build)
        assert changed.rendered_decks == ("week05",), changed.rendered_decks
        naive, forced = median_of(args.runs, lambda: build(force=True))
        assert len(forced.rendered_decks) == WEEKS

        command = [sys.executable, "-m", "hanzi_companion", "site", str(course), "-o", str(site)]
        env = {**os.environ, "HANZI_COMPANION_CACHE": str(settings.cache_dir)}

        def run_command(*extra: str, expect: str = "") -> float:
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                done = subprocess.run(
                    [*command, *extra], check=True, capture_output=True, env=env, text=True
                )
                times.append(time.perf_counter() - start)
                assert expect in done.stderr, done.stderr
            return statistics.median(times)

        # One run first: the command's process computes the code version afresh.
        subprocess.run(command, check=True, capture_output=True, env=env)
        cli = run_command(expect="already up to date")
        cli_forced = run_command("--force")

    print(
        f"Site of a {WEEKS}-deck course: {first.files} files, "
        f"{len(first.characters)} character pages (median of {args.runs} runs where repeated)"
    )
    rows = [
        ("cold build (empty folder)", cold, f"target <= {COLD_TARGET:.0f} s"),
        ("rebuild, nothing changed", no_change, f"target <= {NO_CHANGE_TARGET:.0f} s"),
        ("rebuild, one deck changed", one_changed, "1 deck re-rendered + course pages"),
        ("baseline: naive full rebuild", naive, "every deck rendered again (warm caches)"),
        ("CLI, nothing changed", cli, "end to end, Python start-up included"),
        ("baseline: CLI --force", cli_forced, "full rebuild in a fresh process"),
    ]
    for label, seconds, note in rows:
        print(f"  {label:<30} {seconds:7.2f} s   {note}")
    print(f"  no-change rebuild vs naive full rebuild: {naive / no_change:.0f}x faster")
    print(f"  CLI with nothing changed vs CLI --force: {cli_forced / cli:.1f}x faster")
    ok = cold <= COLD_TARGET and no_change <= NO_CHANGE_TARGET
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
