"""Load benchmark of the web UI: the production server (waitress) under concurrent clients.

Starts ``hanzi-companion serve --production`` as a subprocess on 127.0.0.1 (a free port),
then drives it from client processes on loopback: persistent HTTP/1.1 connections, each
client sending one request after another for a fixed time (back to back: the most the server
answers), then the same clients pacing a fixed total rate (open loop: latency counted from
each request's scheduled time, so a slow answer is not hidden by the requests it delays).
For each scenario it prints requests/s, p50 and p99 latency and errors. Baselines measured in
the same run, on the same machine: a trivial WSGI app ("hello", 13 bytes) on the same
waitress server with the same limits and threads (what server and machine can do at all), a
static file of the app, and the same scenarios on Flask's development server.

    python benchmarks/web_load.py                    # 50 clients, 20 s per scenario
    python benchmarks/web_load.py --clients 20 --duration 5 --no-dev-baseline

Targets (2 cores): >= 1,000 requests/s back to back, p99 <= 50 ms at 500 requests/s, zero
errors, for the lookup API and the character page. Client and server share the machine's
cores (and other work on it shows in the tails: the load average is printed), so figures are
conservative.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only, always
MAX_CLIENTS = 200
MAX_DURATION = 120.0
READY_TIMEOUT = 120.0


@dataclass(frozen=True)
class Result:
    label: str
    server: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: tuple[float, ...]
    # From the moment each request was actually sent: the server's part alone (open loop:
    # a client process that the machine runs late adds to latencies_ms, not to these).
    service_ms: tuple[float, ...] = ()

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float, values: tuple[float, ...] | None = None) -> float:
        values = self.latencies_ms if values is None else values
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# The floor: the production server (same limits, threads) serving a WSGI app that does nothing.
HELLO_SERVER = """
import sys
from dataclasses import replace
from hanzi_companion.settings import ServerLimits
from hanzi_companion.web.server import create_server

def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "13")])
    return [b"Hello, world!"]

limits = replace(ServerLimits.from_env(), threads=int(sys.argv[3]))
create_server(hello, limits, sys.argv[1], int(sys.argv[2])).run()
"""


def start_hello_server(port: int, threads: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", HELLO_SERVER, HOST, str(port), str(threads)]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def start_server(production: bool, port: int, threads: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "hanzi_companion",
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
    ]
    if production:
        command += ["--production", "--threads", str(threads)]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_ready(port: int, process: subprocess.Popen[bytes], path: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                connection.close()
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _client(
    port: int,
    paths: list[str],
    offset: int,
    deadline: float,
    interval: float,
    out: list[tuple[int, int, list[float], list[float]]],
) -> None:
    """One client on a persistent connection until the deadline.

    ``interval == 0``: requests back to back (closed loop, measures saturation).
    ``interval > 0``: one request every ``interval`` seconds on a fixed schedule (open loop);
    latency counts from the scheduled time, so a slow answer also delays the next ones' clocks
    (no coordinated omission).
    """
    latencies: list[float] = []
    service: list[float] = []
    errors = 0
    count = 0
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    index = offset
    # Spread the clients' schedules over one interval so they do not fire in lockstep.
    scheduled = time.perf_counter() + interval * ((offset * 0.618) % 1.0)
    while time.monotonic() < deadline:
        path = paths[index % len(paths)]
        index += 1
        if interval:
            pause = scheduled - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            start = scheduled
            scheduled += interval
        else:
            start = time.perf_counter()
        sent = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=10)
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=10)
        done = time.perf_counter()
        latencies.append((done - start) * 1000)
        service.append((done - sent) * 1000)
        count += 1
    connection.close()
    out.append((count, errors, latencies, service))


def _worker(
    port: int,
    paths: list[str],
    clients: int,
    first: int,
    start_at: float,
    duration: float,
    interval: float,
    queue: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    """A client process running ``clients`` threads (a process per core keeps the GIL out)."""
    time.sleep(max(0.0, start_at - time.time()))
    deadline = time.monotonic() + duration
    out: list[tuple[int, int, list[float], list[float]]] = []
    threads = [
        threading.Thread(target=_client, args=(port, paths, first + i, deadline, interval, out))
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    requests = sum(part[0] for part in out)
    errors = sum(part[1] for part in out)
    latencies = [value for part in out for value in part[2]]
    service = [value for part in out for value in part[3]]
    queue.put((requests, errors, latencies, service))


def drive(
    label: str,
    server: str,
    port: int,
    paths: list[str],
    clients: int,
    duration: float,
    processes: int,
    rate: float = 0.0,
) -> Result:
    """Run one scenario; ``rate`` > 0 offers that many requests/s in total (open loop)."""
    interval = clients / rate if rate else 0.0
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    start_at = time.time() + 0.5
    shares = [
        clients // processes + (1 if i < clients % processes else 0) for i in range(processes)
    ]
    workers = []
    first = 0
    for share in shares:
        worker = multiprocessing.Process(
            target=_worker, args=(port, paths, share, first, start_at, duration, interval, queue)
        )
        first += share
        worker.start()
        workers.append(worker)
    parts = [queue.get(timeout=duration + 60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    return Result(
        label=label,
        server=server,
        requests=sum(p[0] for p in parts),
        errors=sum(p[1] for p in parts),
        seconds=duration,
        latencies_ms=tuple(value for p in parts for value in p[2]),
        service_ms=tuple(value for p in parts for value in p[3]),
    )


def sample_paths() -> dict[str, list[str]]:
    """Request paths: 创新 and then frequent words for the lookup API, 创 and then frequent
    characters for their pages (each client starts at its own place in the list)."""
    sys.path.insert(0, str(ROOT))
    from hanzi_companion.lexicon import Lexicon

    lexicon = Lexicon.open()
    rows = lexicon.query(
        "SELECT simplified FROM entries WHERE length > 1 ORDER BY frequency DESC LIMIT 200"
    )
    words = list(dict.fromkeys(["创新", *(str(row[0]) for row in rows)]))
    chars = list(dict.fromkeys(ch for word in words for ch in word))[:100]  # 创 first
    quote = urllib.parse.quote
    return {
        "static file (baseline)": ["/static/css/app.css"],
        "lookup API": [f"/api/lookup?q={quote(word)}" for word in words],
        "character page": [f"/char/{quote(ch)}" for ch in chars],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per scenario")
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument(
        "--rate", type=float, default=500.0, help="offered requests/s of the open-loop runs"
    )
    parser.add_argument("--no-dev-baseline", action="store_true", help="skip Flask's dev server")
    args = parser.parse_args()
    clients = max(1, min(args.clients, MAX_CLIENTS))
    duration = max(1.0, min(args.duration, MAX_DURATION))
    processes = max(1, min(args.processes, clients))
    scenarios = sample_paths()

    results: list[Result] = []
    load_before = os.getloadavg()
    hello_label = "waitress, hello app (baseline)"
    port = free_port()
    process = start_hello_server(port, args.threads)
    try:
        wait_ready(port, process, "/")
        for rate in (0.0, args.rate):
            mode = f"hello @{rate:g}/s" if rate else "hello (max)"
            print(f"  {hello_label}: {mode}, {clients} clients, {duration:g} s", file=sys.stderr)
            result = drive(mode, hello_label, port, ["/"], clients, duration, processes, rate)
            results.append(result)
    finally:
        stop_server(process)

    servers = [("waitress (production)", True)]
    if not args.no_dev_baseline:
        servers.append(("Flask dev server (baseline)", False))
    for server_label, production in servers:
        port = free_port()
        process = start_server(production, port, args.threads)
        try:
            wait_ready(port, process, scenarios["lookup API"][0])
            # Warm every path once so the figures are of a warm server.
            for paths in scenarios.values():
                for path in paths:
                    wait_ready(port, process, path)
            for label, paths in scenarios.items():
                if not production and label.startswith("static"):
                    continue
                for rate in (0.0, args.rate):
                    mode = f"{label} @{rate:g}/s" if rate else f"{label} (max)"
                    print(
                        f"  {server_label}: {mode}, {clients} clients, {duration:g} s",
                        file=sys.stderr,
                    )
                    results.append(
                        drive(mode, server_label, port, paths, clients, duration, processes, rate)
                    )
        finally:
            stop_server(process)

    print(
        f"\n{clients} concurrent clients on loopback, {duration:g} s per scenario,"
        f" {os.cpu_count()} cores"
    )
    load_after = os.getloadavg()
    print(
        f"load average (1 min) before {load_before[0]:.1f}, after {load_after[0]:.1f}:"
        " other work on the machine shares the cores and shows in the tails"
    )
    print(
        f"{'server':30} {'scenario':30} {'requests':>9} {'req/s':>8} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'p99 sent':>9} {'errors':>7}"
    )
    for r in results:
        print(
            f"{r.server:30} {r.label:30} {r.requests:>9} {r.rate:>8.0f} "
            f"{r.percentile(0.50):>8.1f} {r.percentile(0.99):>8.1f} "
            f"{r.percentile(0.99, r.service_ms):>9.1f} {r.errors:>7}"
        )
    print(
        "(max): clients send back to back, so latency = clients / throughput;"
        f" @{args.rate:g}/s: the same clients pace a fixed total rate (latency at that load,"
        " from each request's scheduled time). p99 sent: from the moment each request was"
        " actually sent (what is left when the machine runs the client processes late)."
    )
    print(
        f"targets: >= 1,000 req/s (max), p99 <= 50 ms @{args.rate:g}/s, 0 errors"
        " (lookup API and character page, waitress)"
    )
    for r in results:
        if r.server.startswith("waitress (production)") and not r.label.startswith("static"):
            verdict = (
                r.rate >= 1000 if r.label.endswith("(max)") else r.percentile(0.99) <= 50
            ) and r.errors == 0
            print(f"  {r.label}: {'met' if verdict else 'MISSED'}")
    mean = [statistics.fmean(r.latencies_ms) for r in results if r.latencies_ms]
    if not mean:
        raise SystemExit("no request completed")


if __name__ == "__main__":
    main()
