"""Lookups while ten clients upload 2 MB decks to the production server's glossary API.

Starts ``hanzi-companion serve --production`` on 127.0.0.1 (loopback only, a free port) and
times ``/api/lookup`` requests (each on a new connection, as a new visitor would, waiting up to
``--lookup-timeout`` seconds for an answer) in two phases of the same run:

1. baseline: lookups alone;
2. uploads: ``--uploads`` clients each POST a 2 MB deck to ``/api/glossary`` again and again
   (``--kind``: a run of Chinese without a line break by default, or another kind of
   ``pathological_decks.py``, e.g. ``distinct-words``); a client refused with 503 posts
   again one second later (sooner than the ``Retry-After`` it is given: a pushy client).

Per phase it prints lookups answered, errors, latency p50 / p99 / max, then the uploads'
answers (200s with their median time, 503s) and the server's peak memory.
``--compare-unbounded`` runs the upload phase once more with as many deck builds at once as
there are uploads (the server before the bound on deck builds).

    python benchmarks/web_uploads.py                         # 10 uploads, 30 s per phase
    python benchmarks/web_uploads.py --uploads 10 --duration 30 --compare-unbounded

Everything is bounded (at most 32 uploaders, 300 s per phase) and stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

from pathological_decks import KINDS
from web_slow_clients import HOST, free_port, start_server, stop_server, wait_ready

from hanzi_companion.settings import ENV_DECK_BUILDS

DECK_BYTES = 2_000_000
MAX_UPLOADERS = 32
MAX_DURATION = 300.0
LOOKUP = "/api/lookup?q=" + urllib.parse.quote("创新")


@dataclass
class Results:
    lookups_ms: list[float] = field(default_factory=list)
    lookup_errors: int = 0
    upload_seconds: list[float] = field(default_factory=list)  # of the 200s
    upload_statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def request(port: int, method: str, path: str, body: bytes, timeout: float) -> tuple[int, float]:
    """(status, seconds) of one request on a new connection; status 0 on a network error."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Content-Type": "text/plain; charset=utf-8"} if body else {}
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - start


def lookups(port: int, timeout: float, stop: threading.Event, out: Results) -> None:
    while not stop.is_set():
        status, seconds = request(port, "GET", LOOKUP, b"", timeout)
        with out.lock:
            out.lookups_ms.append(seconds * 1000)
            out.lookup_errors += status != 200
        stop.wait(0.1)


def uploads(port: int, deck: bytes, timeout: float, stop: threading.Event, out: Results) -> None:
    while not stop.is_set():
        status, seconds = request(port, "POST", "/api/glossary?name=run.txt", deck, timeout)
        with out.lock:
            out.upload_statuses[status] = out.upload_statuses.get(status, 0) + 1
            if status == 200:
                out.upload_seconds.append(seconds)
        if status != 200:
            stop.wait(1.0)


def phase(port: int, args: argparse.Namespace, deck: bytes, uploaders: int) -> Results:
    stop = threading.Event()
    out = Results()
    threads = [
        threading.Thread(target=uploads, args=(port, deck, args.lookup_timeout, stop, out))
        for _ in range(uploaders)
    ]
    threads += [
        threading.Thread(target=lookups, args=(port, args.lookup_timeout, stop, out))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    stop.wait(args.duration)
    stop.set()
    for thread in threads:  # each finishes its request in flight (bounded by the timeout)
        thread.join(timeout=args.lookup_timeout + 30)
    return out


def row(label: str, out: Results) -> str:
    values = sorted(out.lookups_ms)
    if not values:
        return f"{label:<40} {0:>8} {out.lookup_errors:>7}"
    p99 = values[min(len(values) - 1, int(0.99 * len(values)))]
    return (
        f"{label:<40} {len(values):>8} {out.lookup_errors:>7} "
        f"{statistics.median(values):>9.1f} {p99:>9.1f} {values[-1]:>9.1f}"
    )


def describe(label: str, out: Results, peak: int) -> str:
    done = out.upload_seconds
    built = f"median {statistics.median(done):.1f} s each" if done else "none finished"
    answers = ", ".join(
        f"{status or 'error'}: {n}" for status, n in sorted(out.upload_statuses.items())
    )
    return f"{label}: uploads answered {answers or 'none'} ({built}); server peak RSS {peak} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploads", type=int, default=10, help="uploading clients (default 10)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per phase")
    parser.add_argument(
        "--kind", choices=sorted(KINDS), default="cjk-run", help="deck posted (pathological_decks)"
    )
    parser.add_argument("--lookup-timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument(
        "--compare-unbounded",
        action="store_true",
        help="also run the uploads with as many deck builds at once as uploads",
    )
    args = parser.parse_args()
    if not 1 <= args.uploads <= MAX_UPLOADERS or not 1 <= args.duration <= MAX_DURATION:
        raise SystemExit(f"--uploads 1 to {MAX_UPLOADERS}, --duration 1 to {MAX_DURATION:.0f}")
    deck = KINDS[args.kind](DECK_BYTES).encode()
    print(
        f"{args.uploads} clients posting a {len(deck) / 1e6:.1f} MB {args.kind} deck to "
        f"/api/glossary, {args.duration:.0f} s per phase; lookups: 2 clients on new "
        f"connections, {args.lookup_timeout:.0f} s timeout"
    )
    runs = [("bounded builds (default)", None)]
    if args.compare_unbounded:
        runs.append(("unbounded builds", str(args.uploads)))
    rows: list[str] = []
    notes: list[str] = []
    for name, builds in runs:
        saved = os.environ.get(ENV_DECK_BUILDS)
        if builds is not None:
            os.environ[ENV_DECK_BUILDS] = builds
        port = free_port()
        server = start_server(port, False)
        if saved is None:
            os.environ.pop(ENV_DECK_BUILDS, None)
        else:
            os.environ[ENV_DECK_BUILDS] = saved
        try:
            wait_ready(port, server)
            if builds is None:
                rows.append(row(f"{name}: lookups alone", phase(port, args, deck, 0)))
            out = phase(port, args, deck, args.uploads)
            rows.append(row(f"{name}: with {args.uploads} uploads", out))
        finally:
            peak = stop_server(server)
        notes.append(describe(name, out, peak))
    header = f"{'phase':<40} {'lookups':>8} {'errors':>7} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}"
    print(f"\n{header}")
    for line in rows:
        print(line)
    print()
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
