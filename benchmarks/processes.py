"""Whole-process measurements shared by the start-up benchmarks: wall time and peak RSS.

Every process runs with compiled bytecode cached in a temporary folder (the way an installed
package runs), whatever ``PYTHONDONTWRITEBYTECODE`` says, and each command is run once
before timing so both sides start with their bytecode and caches warm.

Peak RSS is the child's ``ru_maxrss`` from ``wait4``. Linux counts in it the memory of the
process it was forked from, so the benchmark process itself stays small (it imports nothing
of the project): ``python -c pass`` in the table shows that floor.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PYCACHE = tempfile.mkdtemp(prefix="hanzi-bench-pyc-")


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    stdout: str


def environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment, the checkout importable, bytecode cached."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _PYCACHE
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.update(extra or {})
    return env


def run(command: Sequence[str], env: Mapping[str, str] | None = None) -> Run:
    """Run ``command`` to completion: its wall time, peak RSS (its own) and output."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdout=out, stderr=subprocess.PIPE, env=dict(env or environment())
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        error = process.stderr.read().decode() if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {error}")
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, cpu, usage.ru_maxrss / 1024, out.read().decode())


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def hanzi_companion(*args: str) -> list[str]:
    """The ``hanzi-companion`` console script (what its entry point runs, when not installed
    next to this interpreter)."""
    script = Path(sys.executable).with_name("hanzi-companion")
    if script.is_file():
        return [sys.executable, str(script), *args]
    return python("-c", "from hanzi_companion.cli import main; main()", *args)


def compare(
    commands: Mapping[str, Sequence[str]], runs: int, env: Mapping[str, str] | None = None
) -> dict[str, list[Run]]:
    """Run each command once to warm up, then ``runs`` rounds interleaving the commands (so
    load from other processes on the machine falls on every side alike)."""
    for command in commands.values():
        run(command, env)
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(run(command, env))
    return results


def median_ms(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs) * 1000


def peak_mb(runs: list[Run]) -> float:
    return max(r.peak_mb for r in runs)


def table(results: dict[str, list[Run]]) -> None:
    """One line per command: wall median, min and max (ms), CPU median (ms), peak RSS (MB)."""
    print(f"{'command':<44}{'median ms':>10}{'min':>7}{'max':>7}{'CPU ms':>8}{'peak MB':>9}")
    for name, runs in results.items():
        times = [r.seconds * 1000 for r in runs]
        cpu = statistics.median(r.cpu_seconds for r in runs) * 1000
        print(
            f"{name:<44}{median_ms(runs):>10.0f}{min(times):>7.0f}{max(times):>7.0f}"
            f"{cpu:>8.0f}{peak_mb(runs):>9.1f}"
        )


def load_note() -> str:
    """The machine's load average, to read the figures against."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"
