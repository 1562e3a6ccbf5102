"""Hostile-client benchmark of the production server: idle sockets, slowloris, huge POSTs.

Starts ``hanzi-companion serve --production`` on 127.0.0.1 (loopback only, a free port) and
measures normal requests (``/api/lookup`` and a character page, each on a new connection, as
a new visitor would) in two phases of the same run:

1. baseline: no hostile clients;
2. under attack: ``--idle`` sockets that connect and send nothing, ``--slow`` slowloris sockets
   that send one header line every few seconds and never finish, and one client that keeps
   posting an endless chunked body. Hostile sockets the server drops are reopened, so the
   attack keeps its strength for the whole phase.

It prints, per phase, requests answered, errors (refused, timed out, not 200), latency p50 /
p99 / max, and what happened to the attackers (sockets the server closed, bytes of chunked body
it took before refusing, the server's peak memory). ``--compare-defaults`` runs the attack
phase once more against waitress with its default settings (the server before the limits).

    python benchmarks/web_slow_clients.py                       # 300 idle + 300 slow, 40 s
    python benchmarks/web_slow_clients.py --idle 150 --slow 250 --duration 20 --compare-defaults

Everything is bounded (at most 2,000 hostile sockets, 300 s per phase) and stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only, always
MAX_SOCKETS = 2000
MAX_DURATION = 300.0
READY_TIMEOUT = 180.0
PROBE_TIMEOUT = 10.0
PROBE_PATHS = ("/api/lookup?q=" + urllib.parse.quote("创新"), "/char/" + urllib.parse.quote("创"))
CHUNK = 64 * 1024

DEFAULTS_SERVER = """
import sys, waitress
from hanzi_companion.web import create_app, warm_up
app = create_app()
warm_up(app)
waitress.serve(app, host=sys.argv[1], port=int(sys.argv[2]), threads=8, _quiet=True)
"""


@dataclass
class Probes:
    """Normal requests' outcomes in one phase."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, latency_ms: float, ok: bool) -> None:
        with self.lock:
            self.latencies_ms.append(latency_ms)
            if not ok:
                self.errors += 1

    def row(self, label: str) -> str:
        values = sorted(self.latencies_ms)
        if not values:
            return f"{label:<34} {0:>8} {self.errors:>7} {'-':>9} {'-':>9} {'-':>9}"
        p50 = statistics.median(values)
        p99 = values[min(len(values) - 1, int(0.99 * len(values)))]
        return (
            f"{label:<34} {len(values):>8} {self.errors:>7} {p50:>9.1f} {p99:>9.1f} "
            f"{values[-1]:>9.1f}"
        )


@dataclass
class Attack:
    """What the hostile clients saw."""

    idle_dropped: int = 0
    slow_dropped: int = 0
    connect_failures: int = 0
    posts: int = 0
    post_bytes: list[int] = field(default_factory=list)
    post_seconds: list[float] = field(default_factory=list)
    post_statuses: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(port: int, defaults: bool) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    if defaults:
        command = [sys.executable, "-c", DEFAULTS_SERVER, HOST, str(port)]
    else:
        command = [sys.executable, "-m", "hanzi_companion", "serve", "--production"]
        command += ["--host", HOST, "--port", str(port)]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode}")
        if probe_once(port, PROBE_PATHS[0])[1]:
            return
        time.sleep(0.3)
    raise SystemExit("the server did not answer in time")


def stop_server(process: subprocess.Popen[bytes]) -> int:
    """Stop the server; its peak resident memory in MB (0 when unknown)."""
    peak = 0
    try:
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) // 1024
    except OSError:
        pass
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return peak


def probe_once(port: int, path: str) -> tuple[float, bool]:
    """One request on a new connection: its latency in ms and whether it got a 200."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=PROBE_TIMEOUT)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        ok = response.status == 200
    except (OSError, http.client.HTTPException):
        ok = False
    finally:
        connection.close()
    return (time.perf_counter() - start) * 1000, ok


def probe(port: int, path: str, stop: threading.Event, out: Probes) -> None:
    while not stop.is_set():
        latency, ok = probe_once(port, path)
        out.add(latency, ok)
        stop.wait(0.05)


def _open(port: int, attack: Attack, first_bytes: bytes) -> socket.socket | None:
    try:
        sock = socket.create_connection((HOST, port), timeout=2)
        if first_bytes:
            sock.sendall(first_bytes)
        sock.setblocking(False)
        return sock
    except OSError:
        attack.connect_failures += 1
        return None


def _closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(4096) == b""  # the server answered (an error) or closed
    except BlockingIOError:
        return False
    except OSError:
        return True


def hostile_sockets(port: int, idle: int, slow: int, stop: threading.Event, attack: Attack) -> None:
    """Keep ``idle`` silent and ``slow`` slowloris sockets open until ``stop``."""
    head = b"GET /api/lookup?q=%E5%88%9B HTTP/1.1\r\nHost: localhost\r\n"
    idles: list[socket.socket | None] = [_open(port, attack, b"") for _ in range(idle)]
    slows: list[socket.socket | None] = [_open(port, attack, head) for _ in range(slow)]
    while not stop.wait(2.0):
        for i, sock in enumerate(idles):
            if sock is None or _closed_by_server(sock):
                if sock is not None:
                    attack.idle_dropped += 1
                    sock.close()
                idles[i] = _open(port, attack, b"")
        for i, sock in enumerate(slows):
            dropped = sock is None or _closed_by_server(sock)
            if not dropped and sock is not None:
                try:
                    sock.send(b"X-Slow: %d\r\n" % i)
                except OSError:
                    dropped = True
            if dropped:
                if sock is not None:
                    attack.slow_dropped += 1
                    sock.close()
                slows[i] = _open(port, attack, head)
    for sock in idles + slows:
        if sock is not None:
            sock.close()


def chunked_posts(port: int, cap: int, stop: threading.Event, attack: Attack) -> None:
    """Post endless chunked bodies (each capped at ``cap`` bytes) one after another."""
    chunk = b"%x\r\n%s\r\n" % (CHUNK, "创新的想法。".encode() * (CHUNK // 18) + b"a" * (CHUNK % 18))
    while not stop.is_set():
        sent = 0
        status = "closed"
        start = time.perf_counter()
        try:
            with socket.create_connection((HOST, port), timeout=PROBE_TIMEOUT) as sock:
                sock.sendall(
                    b"POST /api/glossary HTTP/1.1\r\nHost: localhost\r\n"
                    b"Content-Type: text/markdown\r\nTransfer-Encoding: chunked\r\n\r\n"
                )
                try:
                    while sent < cap and not stop.is_set():
                        sock.sendall(chunk)
                        sent += len(chunk)
                    sock.sendall(b"0\r\n\r\n")
                except OSError:
                    pass
                try:
                    status = sock.recv(64).split(b"\r\n", 1)[0].decode("latin-1") or "closed"
                except OSError:
                    status = "reset"
        except OSError:
            status = "refused"
        attack.posts += 1
        attack.post_bytes.append(sent)
        attack.post_seconds.append(time.perf_counter() - start)
        attack.post_statuses.append(status)
        stop.wait(0.2)


def phase(port: int, duration: float, idle: int, slow: int, post_cap: int) -> tuple[Probes, Attack]:
    stop = threading.Event()
    probes = Probes()
    attack = Attack()
    threads = []
    if idle or slow:
        threads.append(
            threading.Thread(target=hostile_sockets, args=(port, idle, slow, stop, attack))
        )
    if post_cap:
        threads.append(threading.Thread(target=chunked_posts, args=(port, post_cap, stop, attack)))
    for thread in threads:
        thread.start()
    time.sleep(1.0 if threads else 0.0)  # let the attack open its sockets first
    probers = [
        threading.Thread(target=probe, args=(port, path, stop, probes))
        for path in PROBE_PATHS
        for _ in range(2)
    ]
    for thread in probers:
        thread.start()
    stop.wait(duration)
    stop.set()
    for thread in probers + threads:
        thread.join(timeout=PROBE_TIMEOUT + 30)
    return probes, attack


def describe(attack: Attack, label: str) -> str:
    if not attack.posts:
        return f"{label}: no chunked posts"
    mib = [b / 1024 / 1024 for b in attack.post_bytes]
    statuses = sorted(set(attack.post_statuses))
    return (
        f"{label}: hostile sockets dropped by the server: idle {attack.idle_dropped}, "
        f"slow {attack.slow_dropped}; failed connects {attack.connect_failures}; "
        f"{attack.posts} chunked posts, body sent before refusal median "
        f"{statistics.median(mib):.1f} MiB (max {max(mib):.1f}), "
        f"median {statistics.median(attack.post_seconds):.2f} s each, answers {statuses}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--idle", type=int, default=300, help="silent sockets (default 300)")
    parser.add_argument("--slow", type=int, default=300, help="slowloris sockets (default 300)")
    parser.add_argument("--duration", type=float, default=40.0, help="seconds per phase")
    parser.add_argument(
        "--post-mib", type=int, default=64, help="cap of each chunked body in MiB (default 64)"
    )
    parser.add_argument(
        "--compare-defaults",
        action="store_true",
        help="also attack waitress with its default settings",
    )
    args = parser.parse_args()
    if args.idle + args.slow > MAX_SOCKETS or min(args.idle, args.slow) < 0:
        raise SystemExit(f"at most {MAX_SOCKETS} hostile sockets in all")
    if not 1 <= args.duration <= MAX_DURATION or not 0 <= args.post_mib <= 1024:
        raise SystemExit(f"--duration from 1 to {MAX_DURATION:.0f} s, --post-mib 0 to 1024")
    cap = args.post_mib * 1024 * 1024

    print(
        f"{args.idle} idle + {args.slow} slowloris sockets + endless chunked POSTs "
        f"(capped at {args.post_mib} MiB), {args.duration:.0f} s per phase, "
        f"probes: 4 clients on new connections, {PROBE_TIMEOUT:.0f} s timeout"
    )
    runs = [("serve --production", False)]
    if args.compare_defaults:
        runs.append(("waitress defaults", True))
    rows: list[str] = []
    notes: list[str] = []
    for name, defaults in runs:
        port = free_port()
        server = start_server(port, defaults)
        try:
            wait_ready(port, server)
            if not defaults:
                baseline, _ = phase(port, args.duration, 0, 0, 0)
                rows.append(baseline.row(f"{name}: baseline"))
            attacked, attack = phase(port, args.duration, args.idle, args.slow, cap)
            rows.append(attacked.row(f"{name}: under attack"))
        finally:
            peak = stop_server(server)
        notes.append(describe(attack, name) + f"; server peak RSS {peak} MB")
    print(
        f"\n{'phase':<34} {'requests':>8} {'errors':>7} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}"
    )
    for row in rows:
        print(row)
    print()
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
