"""Pathological decks: any 2 MB deck goes through ``glossary`` in bounded memory and time.

    python benchmarks/pathological_decks.py [--size 2000000] [--kinds latin-word cjk-run ...]
                                            [--formats json html md]

Writes decks of about ``--size`` bytes of several hostile kinds into a temporary folder and
runs ``hanzi-companion glossary DECK -f json -o OUT`` on each in its own process, measuring
that process's peak resident memory (``os.wait4``'s rusage) and wall time; a process over
``--memory-limit`` MB of address space is stopped by the kernel rather than the machine.
Prints each kind's figures beside two baselines measured in the same run: a Python process
that only reads the same bytes, and ``glossary`` on ordinary deck text of the same size (the
bundled demo deck repeated). Target: every kind under 400 MB and 20 s.

Kinds: ``latin-word`` (one word of pinyin letters, no space), ``macron`` (``ā`` repeated),
``cjk-run`` (Chinese words without a line break), ``tiny-lines`` (a short word per line),
``glossed-pairs`` (新xin年nian... on one line, each character with its syllable),
``spaced-words`` (创新 创新 ... on one line), ``repeated-pair`` (创新 山寨 ... on one line:
two terms, each met hundreds of thousands of times on the same line), ``mixed``
(all of the above in slices, and long lines of pinyin-like words), ``distinct-words`` (random
distinct dictionary words, twelve a line, some pinyin lines: tens of thousands of different
terms, seeded), ``front-vocabulary`` (a page that is all YAML front matter: flashcards of
random dictionary words).
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_MB = 400
TARGET_S = 20.0

_DEMO = Path(__file__).resolve().parent.parent / "hanzi_companion" / "demo_course" / "week07.txt"
_CJK_WORDS = "创新中国大众创业万众创新经济发展社会文化科学技术城市农村学生老师"
_JIEBA = Path(__file__).resolve().parent.parent / "dictionaries" / "jieba_dict.txt.gz"
_SEED = 20261204  # distinct-words decks are the same in every run
_PINYIN_LINE = "Zhè shì yí gè xīn cí, tā de yìsi shì chuàngxīn. dàjiā hǎo, wǒmen shàng kè."


def _repeat(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` bytes of UTF-8."""
    return unit * max(1, size // len(unit.encode()))


def latin_word(size: int) -> str:
    return _repeat("zhongguochuangxin", size)


def macron(size: int) -> str:
    return _repeat("ā", size * 9 // 10)


def cjk_run(size: int) -> str:
    return _repeat(_CJK_WORDS, size)


def tiny_lines(size: int) -> str:
    return _repeat("创新\nxin\na\n", size)


def spaced_words(size: int) -> str:
    """Words separated by spaces on one line, with no punctuation: every word is a run of its
    own that each sentence rule looks after (a Python loop per character there took 75 s)."""
    return _repeat("创新 ", size)


def repeated_pair(size: int) -> str:
    """Two words repeated on one line: every mention of a term on the same line and slide
    (one record kept per occurrence took 470 MB for 2.8 MB)."""
    return _repeat("创新 山寨 ", size)


def glossed_pairs(size: int) -> str:
    """Characters each with its syllable against it, on one line that ends in a digit."""
    return _repeat("新xin年nian", size) + "9"


def mixed(size: int) -> str:
    slice_size = size // 5
    pinyin_line = "zhongguo chuangxin dazhong " * 200 + "\n"
    return "\n".join(
        [
            latin_word(slice_size),
            macron(slice_size),
            cjk_run(slice_size),
            tiny_lines(slice_size),
            _repeat(pinyin_line, slice_size),
        ]
    )


def distinct_words(size: int) -> str:
    """Random distinct dictionary words (two characters or more), twelve a line joined by
    '，' and ended by '。', a line of pinyin after every tenth: a vocabulary list of tens of
    thousands of terms, each its own glossary entry."""
    with gzip.open(_JIEBA, "rt", encoding="utf-8") as lines:
        words = [
            word
            for word in (line.split(" ", 1)[0] for line in lines)
            if len(word) >= 2 and not word.isascii()
        ]
    random.Random(_SEED).shuffle(words)
    out: list[str] = []
    total = 0
    for index in range(0, len(words), 12):
        line = "，".join(words[index : index + 12]) + "。"
        if index // 12 % 10 == 9:
            line += "\n" + _PINYIN_LINE
        out.append(line)
        total += len(line.encode()) + 1
        if total >= size:
            break
    return "\n".join(out) + "\n"


def front_vocabulary(size: int) -> str:
    """A page that is all YAML front matter: a list of flashcards (word, pinyin, meaning) of
    random dictionary words, as a learner's Hugo or Jekyll notes keep them."""
    with gzip.open(_JIEBA, "rt", encoding="utf-8") as lines:
        words = [w for w in (line.split(" ", 1)[0] for line in lines) if len(w) >= 2]
    rng = random.Random(_SEED)
    out = ["---", "title: Flashcards", "vocabulary:"]
    total = 0
    while total < size:
        card = f'  - hanzi: "{rng.choice(words)}"\n    pinyin: "x"\n    meaning: "m"'
        out.append(card)
        total += len(card.encode()) + 1
    return "\n".join([*out, "---", ""])


def ordinary(size: int) -> str:
    """The bundled demo deck repeated: deck text of the same size as it usually comes."""
    return _repeat(_DEMO.read_text(encoding="utf-8") + "\n---\n", size)


KINDS: dict[str, Callable[[int], str]] = {
    "latin-word": latin_word,
    "macron": macron,
    "cjk-run": cjk_run,
    "tiny-lines": tiny_lines,
    "glossed-pairs": glossed_pairs,
    "spaced-words": spaced_words,
    "repeated-pair": repeated_pair,
    "mixed": mixed,
    "distinct-words": distinct_words,
    "front-vocabulary": front_vocabulary,
}


def run(command: list[str], limit_mb: int, timeout: float) -> tuple[float, float, float, int]:
    """(peak RSS in MB, wall seconds, CPU seconds, exit status) of ``command`` in its own
    process. On a shared machine the CPU time is the steadier figure."""

    def limit() -> None:
        limit_bytes = limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    start = time.perf_counter()
    process = subprocess.Popen(
        command, preexec_fn=limit, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return usage.ru_maxrss / 1024, elapsed, cpu, process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2_000_000, help="deck size in bytes")
    parser.add_argument("--kinds", nargs="+", choices=sorted(KINDS), default=list(KINDS))
    parser.add_argument(
        "--formats",
        nargs="+",
        choices=("json", "html", "md"),
        default=["json"],
        help="output formats each kind is written in (the baseline always in json)",
    )
    parser.add_argument("--memory-limit", type=int, default=3000, help="MB of address space")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per deck")
    args = parser.parse_args()
    command = [sys.executable, "-m", "hanzi_companion", "glossary"]
    glossary = [*command, "-f", "json", "-o"]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        out = str(tmp / "out.json")

        def measure(name: str, text: str, command: list[str]) -> None:
            rss, seconds, cpu, status = run(command, args.memory_limit, args.timeout)
            size = len(text.encode()) / 1e6
            verdict = "ok" if rss < TARGET_MB and seconds < TARGET_S and status == 0 else "OVER"
            if status != 0:
                verdict += f" (exit {status})"
            if Path(out).exists():
                verdict += f", output {Path(out).stat().st_size / 1e6:.2f} MB"
                Path(out).unlink()
            print(
                f"{name:<22} {size:5.2f} MB  peak {rss:7.1f} MB  {seconds:6.2f} s "
                f"(CPU {cpu:6.2f} s)  {verdict}",
                flush=True,
            )

        # Warm the caches (index, segmenter, English words) so each run pays only its deck.
        warm = tmp / "warm.txt"
        warm.write_text("创新", encoding="utf-8")
        run([*glossary, out, str(warm)], args.memory_limit, args.timeout)
        Path(out).unlink(missing_ok=True)

        text = ordinary(args.size)
        deck = tmp / "ordinary.txt"
        deck.write_text(text, encoding="utf-8")
        read = [sys.executable, "-c", f"open({str(deck)!r}, 'rb').read()"]
        measure("read bytes", text, read)
        measure("ordinary", text, [*glossary, out, str(deck)])
        for kind in args.kinds:
            text = KINDS[kind](args.size)
            deck = tmp / f"{kind}.txt"
            deck.write_text(text, encoding="utf-8")
            for fmt in args.formats:
                measure(f"{kind} ({fmt})", text, [*command, "-f", fmt, "-o", out, str(deck)])
    print(f"target: peak under {TARGET_MB} MB and under {TARGET_S:.0f} s for every kind")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
