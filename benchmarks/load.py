"""Load test on loopback: page loads and heavy callbacks from many clients while the data changes.

For each setup — 1 or 2 gunicorn workers (``sovai serve --workers N``, one machine's
FileSystemCache), or 2 servers on different ports sharing one data directory and one Redis
(``--cache redis://…``, a redis-server this script starts) — on a temporary copy of the data:
record the callback requests the browser sends on each page (headless Chromium, once), then
replay page loads, those callbacks and page renders under random what-if weights (each a new
result for the cache) from many client threads, spread over the servers, for a bounded time and
request count; apply an update and roll it back in the middle; then check that no request
failed, that the files are byte-identical and valid, that every worker of every server serves
the final data version, and that the cache stayed within its bound.

Run: ``.venv/bin/python -m benchmarks.load [--clients 16 64] [--seconds 20] [--setups 1w 2w 2s]``.
The generator shares the machine's cores with the servers: compare the runs by their ratios.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from indicators.paths import SHIPPED_DATA_DIR
from indicators.updates import apply, rollback
from indicators.validate import check_data_dir

#: Pages loaded in the browser to record their callbacks, and loaded again under load.
PAGES = ("/", "/compare", "/country", "/data")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
UPDATED_FILE = "values/compute.csv"
#: Share of the callbacks that render the overview under random what-if pillar weights.
WHAT_IF_SHARE = 0.3
PILLARS = ("data", "compute", "models", "industry")
#: The Redis of the 2-server setup: an LRU bound the run must stay within (``--redis-mb``).
REDIS_MAXMEMORY = 64 * 2**20
#: Setups: name -> (servers, workers per server, shared Redis).
SETUPS = {"1w": (1, 1, False), "2w": (1, 2, False), "2s": (2, 1, True)}


@dataclass
class Sample:
    """One request's kind, latency (s) and whether it failed (status, error)."""

    kind: str
    seconds: float
    failure: str = ""


@dataclass
class Run:
    """Every sample of one run, and what happened to the data during it."""

    setup: str
    clients: int
    wall: float = 0.0
    samples: list[Sample] = field(default_factory=list)
    events: list[str] = field(default_factory=list)


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, workers: int, port: int,
                 cache: str | None = None) -> subprocess.Popen[bytes]:
    """Start ``sovai serve --workers N`` on loopback in its own process group; wait for health."""
    env = {**os.environ, "SOVAI_CACHE_DIR": str(data_dir.parent / "cache"),
           "OPENBLAS_NUM_THREADS": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "serve", "--workers", str(workers),
         "--port", str(port), "--data-dir", str(data_dir),
         *(["--cache", cache] if cache else [])],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.3)
    stop_server(process)
    raise RuntimeError("the server did not answer /healthz within 90 s")


def start_redis(folder: Path, maxmemory: int) -> tuple[subprocess.Popen[bytes], str]:
    """Start a throw-away redis-server (LRU within ``maxmemory`` bytes); return it, its URL."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--maxmemory", str(maxmemory),
         "--maxmemory-policy", "allkeys-lru", "--dir", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    deadline = time.monotonic() + 20
    while True:
        try:
            redis.Redis.from_url(url).ping()
            return process, url
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                stop_server(process)
                raise
            time.sleep(0.1)


def what_if_call(template: bytes, rng: np.random.Generator) -> bytes:
    """Return the page-content callback ``template`` for "/" under random pillar weights."""
    body = json.loads(template)
    weights = "&".join(f"pw_{p}={rng.uniform(0.2, 5):.2f}" for p in PILLARS)
    for item in body["inputs"]:
        if item["property"] == "pathname":
            item["value"] = "/"
        elif item["property"] == "search":
            item["value"] = "?" + weights
    return json.dumps(body).encode()


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop the server's process group (gunicorn and its workers) that this script started."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def record_callbacks(base: str) -> tuple[list[tuple[str, bytes]], dict[str, str]]:
    """Return the callback POSTs (path, body) the browser sends on PAGES, and its cookies."""
    from playwright.sync_api import sync_playwright

    calls: list[tuple[str, bytes]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: calls.append((r.url[len(base):], r.post_data_buffer or b""))
                if r.method == "POST" and "_dash-update-component" in r.url else None)
        for path in PAGES:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        cookies = {c["name"]: c["value"] for c in page.context.cookies()}
        browser.close()
    return calls, cookies


def client(base: str, calls: list[tuple[str, bytes]], headers: dict[str, str], stop: float,
           budget: list[int], lock: threading.Lock, out: list[Sample], seed: int) -> None:
    """Send page loads and callbacks in turn until the time or the request budget runs out."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    rng = np.random.default_rng(seed)
    pages = [body for path, body in calls if b"_pages_content" in body]
    while time.monotonic() < stop:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        draw = rng.random()
        if draw < 0.25:
            kind, method, path, body = "page", "GET", str(rng.choice(PAGES)), None
        elif draw < 0.25 + 0.75 * WHAT_IF_SHARE and pages:
            kind, method, path = "what-if", "POST", "/_dash-update-component"
            body = what_if_call(pages[0], rng)
        else:
            path, body = calls[int(rng.integers(len(calls)))]
            kind, method = "callback", "POST"
        start = time.perf_counter()
        failure = ""
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            if response.status != 200:
                failure = f"{response.status} {path}: {data[:120]!r}"
        except (OSError, http.client.HTTPException) as exc:
            failure = f"{type(exc).__name__} {path}: {exc}"
            conn.close()
            conn = http.client.HTTPConnection(host, int(port), timeout=60)
        out.append(Sample(kind, time.perf_counter() - start, failure))
    conn.close()


def change_data(data_dir: Path, run: Run, start: float, seconds: float) -> None:
    """Apply an update a third of the way in and roll it back at two thirds."""
    path = data_dir / UPDATED_FILE
    lines = path.read_bytes().split(b"\n")
    header = lines[0].split(b",")
    col = header.index(b"value")
    cells = lines[1].split(b",")
    cells[col] = repr(float(cells[col]) * 1.5 + 1).encode()
    changed = b"\n".join([lines[0], b",".join(cells), *lines[2:]])
    time.sleep(max(0.0, start + seconds / 3 - time.monotonic()))
    entry = apply(data_dir, UPDATED_FILE, changed, "load-test", "load test: one value changed")
    run.events.append(f"t={time.monotonic() - start:.1f}s applied update {entry.number} "
                      f"({entry.version_before} -> {entry.version_after})")
    time.sleep(max(0.0, start + 2 * seconds / 3 - time.monotonic()))
    back = rollback(data_dir, "0", "load-test", "load test: restore")
    run.events.append(f"t={time.monotonic() - start:.1f}s rolled back ({back.version_after})")


def _no_change(*_args: object) -> None:
    """Change nothing (steady-state runs)."""


def one_run(setup: str, clients: int, seconds: float, max_requests: int,
            update: bool = True, redis_bytes: int = REDIS_MAXMEMORY) -> Run:
    """Return the samples of one run against fresh servers and a fresh copy of the data."""
    n_servers, workers, shared = SETUPS[setup]
    run = Run(setup, clients)
    with tempfile.TemporaryDirectory(prefix="sovai-load-") as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(SHIPPED_DATA_DIR, data_dir,
                        ignore=shutil.ignore_patterns(".history", "overrides"))
        original = {p: p.read_bytes() for p in data_dir.rglob("*.csv")}
        redis_process, cache = start_redis(Path(tmp), redis_bytes) if shared else (None, None)
        servers = []
        try:
            for _ in range(n_servers):
                port = free_port()
                servers.append((f"http://127.0.0.1:{port}",
                                start_server(data_dir, workers, port, cache)))
            bases = [base for base, _ in servers]
            calls, cookies = record_callbacks(bases[0])
            if not calls:
                raise RuntimeError("the pages sent no callback to replay")
            run.events.append(f"{len(calls)} callback requests recorded on {len(PAGES)} pages")
            headers = {"Content-Type": "application/json",
                       "X-CSRFToken": cookies.get("_csrf_token", ""),
                       "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
            budget, lock = [max_requests], threading.Lock()
            start = time.monotonic()
            stop = start + seconds
            changer = threading.Thread(target=change_data if update else _no_change,
                                       args=(data_dir, run, start, seconds))
            threads = [threading.Thread(target=client, args=(bases[i % len(bases)], calls,
                                                             headers, stop, budget, lock,
                                                             run.samples, i))
                       for i in range(clients)]
            changer.start()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            run.wall = time.monotonic() - start
            changer.join()
            for base in bases:
                check_after(data_dir, original, base, workers, run)
            check_cache(Path(tmp) / "cache", cache, run, redis_bytes)
        finally:
            for _, process in servers:
                stop_server(process)
            if redis_process is not None:
                stop_server(redis_process)
    return run


def check_cache(folder: Path, cache: str | None, run: Run, redis_bytes: int) -> None:
    """Record the cache's size after the run, and a failure if it passed its bound."""
    from dashboard.serve import FILE_CACHE_THRESHOLD

    if cache is not None:
        import redis

        client = redis.Redis.from_url(cache)
        memory = client.info("memory")
        used = int(memory["used_memory"])
        keys = int(client.dbsize())
        evicted = int(client.info("stats")["evicted_keys"])
        run.events.append(f"redis: {keys} keys, {used / 2**20:.1f} MB used, {evicted} evicted "
                          f"(bound {redis_bytes / 2**20:.0f} MB, LRU)")
        if used > redis_bytes * 1.05:
            run.samples.append(Sample("check", 0.0, f"redis over its bound: {used} bytes"))
        return
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    size = sum(p.stat().st_size for p in files)
    run.events.append(f"file cache: {len(files)} files, {size / 2**20:.1f} MB "
                      f"(bound {FILE_CACHE_THRESHOLD} results)")
    if len(files) > FILE_CACHE_THRESHOLD + 2:  # pruned before a set; + cachelib's count file
        run.samples.append(Sample("check", 0.0, f"file cache over its bound: {len(files)}"))


def check_after(data_dir: Path, original: dict[Path, bytes], base: str, workers: int,
                run: Run) -> None:
    """Record whether the files are whole and valid and every worker serves the final version."""
    checked = check_data_dir(data_dir)
    whole = all(path.read_bytes() == content for path, content in original.items())
    run.events.append(f"after: {len(checked.errors)} validation error(s); files restored "
                      f"byte for byte: {whole}; version {checked.version}")
    served = {}
    for _ in range(8 * workers):  # each request may reach another worker
        with urllib.request.urlopen(base + "/healthz", timeout=30) as response:
            health = json.loads(response.read())
        served[health["pid"]] = health["data_version"]
    run.events.append(f"workers serving version(s) {sorted(set(served.values()))} "
                      f"from {len(served)} pid(s)")
    if set(served.values()) != {checked.version}:
        run.samples.append(Sample("check", 0.0, f"stale version served: {served}"))
    if checked.errors or not whole:
        run.samples.append(Sample("check", 0.0, "data corrupted after the run"))


def summary(run: Run) -> list[dict[str, object]]:
    """Return one row per request kind (and all): count, failures, throughput, p50 and p95."""
    rows = []
    for kind in ("page", "callback", "what-if", "all"):
        samples = [s for s in run.samples if kind == "all" or s.kind == kind]
        if not samples:
            continue
        seconds = np.array([s.seconds for s in samples]) * 1000
        rows.append({"setup": run.setup, "clients": run.clients, "kind": kind,
                     "requests": len(samples),
                     "failed": sum(1 for s in samples if s.failure),
                     "req/s": len(samples) / run.wall if run.wall else float("nan"),
                     "p50 ms": float(np.percentile(seconds, 50)),
                     "p95 ms": float(np.percentile(seconds, 95))})
    return rows


def print_table(rows: list[dict[str, object]]) -> None:
    """Print the rows as an aligned table."""
    columns = list(rows[0])
    cells = [[f"{r[c]:.1f}" if isinstance(r[c], float) else str(r[c]) for c in columns]
             for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        print("  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    """Run the load test for each setup and client count; print the table; 1 if anything failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setups", nargs="+", choices=list(SETUPS), default=list(SETUPS),
                        help="1w: one server, 1 worker; 2w: one server, 2 workers; 2s: two "
                        "servers (1 worker each) on one data directory and one Redis")
    parser.add_argument("--clients", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--no-update", action="store_true",
                        help="steady state: no apply and no rollback during the run")
    parser.add_argument("--redis-mb", type=int, default=REDIS_MAXMEMORY // 2**20,
                        help="maxmemory of the 2-server setup's Redis (small: see it evict)")
    args = parser.parse_args(argv)
    rows: list[dict[str, object]] = []
    failures: list[str] = []
    for clients in args.clients:
        for setup in args.setups:
            run = one_run(setup, clients, args.seconds, args.max_requests,
                          update=not args.no_update, redis_bytes=args.redis_mb * 2**20)
            rows += summary(run)
            print(f"[{setup}, {clients} clients] " + "; ".join(run.events), file=sys.stderr)
            failures += [s.failure for s in run.samples if s.failure]
    changes = "no data change" if args.no_update else "one apply and one rollback per run"
    print(f"Load test: {args.seconds:.0f} s per run, loopback, 25 % page loads, 75 % callbacks "
          f"({WHAT_IF_SHARE:.0%} of them the overview under random what-if weights), {changes}")
    print_table(rows)
    for failure in failures[:20]:
        print(f"failed: {failure}", file=sys.stderr)
    print(json.dumps({"failed": len(failures)}))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
