"""Dashboard speed against a bare Dash app: first response, time to content, callback server time.

Run ``python -m benchmarks browser`` (Playwright with Debian's Chromium at /usr/bin/chromium).
Both apps run the same way, each in its own process: Werkzeug's threaded server, as
``sovai serve`` runs it with no workers, ``serve_locally`` and compression on. The floor is a bare
Dash app whose one callback writes a line of text, the least a Dash page can do.

* **first response**: a fresh server process; the time of the first ``GET /`` once it listens
  (and, apart, from process start to listening — imports and app building).
* **time to content**: ``performance.now()`` in the page (time since navigation started) when
  the page's content element is first there, polled each animation frame. Cold: a new browser
  context (empty cache) per load; warm: the same context loaded again. Median of 5 each.
* **callback server time**: every callback request a page's first load makes, and its
  ``GET /_dash-layout`` (the page is drawn in the layout, ``dashboard/first_render.py``: that
  request builds it), recorded from the browser and replayed against the same server 20 times;
  p95 of the heaviest per page. The floor is the bare app's callback, replayed the same way.
  Replays ask for compression as Chromium does (``Accept-Encoding: ACCEPT_ENCODING``).
* **control change**: each page's base link drawn through the router callback (the request
  the browser sends when the address changes), then each link of
  ``benchmarks/control_links.py`` (one control changed) requested once, for the first time on
  that server, so no page cache or memo keyed on it has seen it; median and p95 (nearest rank)
  per page against the same floor. A control change also sends the page's ``controls_to_url``
  request first, which computes nothing and is not counted.

The overview's content is its first ranking rows: the plain table of them that comes with the
page (``components/ranking_preview.py``) or the grid's, whichever shows first; the time the
grid's own rows show is printed beside it.

Prints each figure, the floor, the ratio and the target.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
LOADS = int(os.environ.get("BENCH_LOADS", "5"))
REPLAYS = 20
#: Page → the element whose arrival means its content is there (the overview: ranking rows).
PAGES = {
    "/": "#ov-ranking-preview tbody tr, #ov-ranking .ag-row",
    "/compare?countries=KOR,JPN,FRA": "#cmp-indicators .ag-row",
    "/country/KOR": "#cty-strengths tbody tr",
    "/scenarios": "#scn-map .main-svg",
    "/robustness": "#rb-interval-chart .main-svg",
    "/methodology": "#mth-indicators .ag-row",
    "/data": "#data-status",
    "/audit": "#aud-heatmap .main-svg",
}
#: Page → the element whose arrival means its grid has drawn, where that comes later.
GRID_READY = {"/": "#ov-ranking .ag-row"}
FLOOR_SELECTOR = "#out:not(:empty)"
TARGETS = {"first": 1.5, "content": 2.0, "callback": 3.0}
#: What Chromium sends (the server may answer zstd, br or gzip).
ACCEPT_ENCODING = "gzip, deflate, br, zstd"

FOUND_AT_JS = """sel => { const el = document.querySelector(sel); return el ? performance.now()
                                                                               : false; }"""


def floor_app() -> Any:
    """Return the bare Dash app: an input and one callback writing a line of text."""
    from dash import Dash, Input, Output, dcc, html

    app = Dash(__name__, serve_locally=True, compress=True)
    app.layout = html.Div([dcc.Input(id="in", value="world"), html.Div(id="out")])

    @app.callback(Output("out", "children"), Input("in", "value"))
    def greet(value: str) -> str:
        return f"hello {value}"

    return app


def _serve(kind: str, port: int) -> None:
    """Serve the ``kind`` app ("real" or "floor") on ``port``; print when it listens."""
    started = float(os.environ["BENCH_STARTED"])
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request

    if kind == "floor":
        app = floor_app()
    else:
        from dashboard.serve import build_app
        from dashboard.settings import Settings

        app = build_app(Settings.from_environ().with_changes(data_dir=DATA))
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    print(json.dumps({"listening_after": time.time() - started}), flush=True)
    server.serve_forever()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(kind: str) -> Iterator[tuple[str, float]]:
    """Start a fresh ``kind`` server process; yield (its URL, seconds from start to listening)."""
    port = _free_port()
    env = {**os.environ, "BENCH_STARTED": repr(time.time()), "OPENBLAS_NUM_THREADS": "1"}
    child = subprocess.Popen([sys.executable, "-m", "benchmarks.browser", "--serve", kind,
                              str(port)], stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        yield f"http://127.0.0.1:{port}", json.loads(line)["listening_after"]
    finally:
        child.terminate()
        child.wait(timeout=10)


def first_response(kind: str) -> tuple[float, float]:
    """Return (start → listening, first GET / after listening) in seconds, for a fresh server."""
    with server(kind) as (url, listening):
        start = time.perf_counter()
        with urllib.request.urlopen(url + "/", timeout=120) as response:
            response.read()
        return listening, time.perf_counter() - start


def _recorded(request: Any) -> dict[str, Any] | None:
    """Return a callback request or the layout request, to replay; None for anything else."""
    if request.method == "POST" and "_dash-update-component" in request.url:
        return {"url": request.url, "body": request.post_data, "headers": request.headers}
    if request.method == "GET" and request.url.endswith("/_dash-layout"):
        return {"url": request.url, "body": None, "headers": request.headers}
    return None


def _load(context: Any, url: str, selector: str,
          ready: str | None = None) -> tuple[float, list[dict[str, Any]], float | None]:
    """Load ``url`` in a new page; return (ms until ``selector`` is there, the callback and
    layout requests, ms until ``ready`` is there when given)."""
    page = context.new_page()
    posts: list[dict[str, Any]] = []
    page.on("request", lambda r: posts.append(rec) if (rec := _recorded(r)) else None)
    page.goto(url, wait_until="commit")
    found = page.wait_for_function(FOUND_AT_JS, arg=selector, polling="raf", timeout=60_000)
    ms = float(found.json_value())
    ready_ms = None
    if ready is not None:
        ready_ms = float(page.wait_for_function(FOUND_AT_JS, arg=ready, polling="raf",
                                                timeout=60_000).json_value())
    page.wait_for_load_state("networkidle")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
    for post in posts:
        post["headers"] = {**post["headers"], "cookie": cookie}
    page.close()
    return ms, posts, ready_ms


def time_to_content(browser: Any, url: str, selector: str,
                    ready: str | None = None) -> dict[str, Any]:
    """Return cold and warm medians (ms) of LOADS loads (and of the grid's ``ready`` when
    given), and the first load's callback and layout requests."""
    cold, warm, recorded, cold_ready, warm_ready = [], [], [], [], []
    for k in range(LOADS):
        context = browser.new_context()
        ms, posts, ready_ms = _load(context, url, selector, ready)
        cold.append(ms)
        cold_ready.append(ready_ms)
        ms, _, ready_ms = _load(context, url, selector, ready)
        warm.append(ms)
        warm_ready.append(ready_ms)
        context.close()
        if k == 0:
            recorded = posts
    out = {"cold": statistics.median(cold), "warm": statistics.median(warm), "posts": recorded}
    if ready is not None:
        out["cold_ready"] = statistics.median(cold_ready)
        out["warm_ready"] = statistics.median(warm_ready)
    return out


def replay(base: str, posts: list[dict[str, Any]]) -> list[tuple[str, float]]:
    """Return (output, p95 ms) per recorded callback request, each sent REPLAYS times."""
    out = []
    for post in posts:
        body = post["body"].encode() if post["body"] is not None else None
        headers = {k: v for k, v in post["headers"].items()
                   if k.lower() in ("content-type", "x-csrftoken", "cookie", "accept",
                                    "referer")}
        headers["Accept-Encoding"] = ACCEPT_ENCODING
        samples = []
        for _ in range(REPLAYS):
            request = urllib.request.Request(post["url"], data=body, headers=headers,
                                             method="POST" if body is not None else "GET")
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    response.read()
            except urllib.error.HTTPError as err:  # 204: prevented update; others: report
                if err.code != 204:
                    raise
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        name = json.loads(body).get("output", "?") if body is not None else \
            "layout (holds the page drawn)"
        out.append((name, statistics.median(samples), p95))
    return out


def _session(base: str) -> dict[str, str]:
    """Return the headers a callback request of a fresh browser session carries (its cookies
    from ``GET /``, the CSRF token, JSON, compression)."""
    with urllib.request.urlopen(base + "/", timeout=120) as response:
        response.read()
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
    token = next((c.split("=", 1)[1] for c in cookies if c.startswith("_csrf_token=")), "")
    return {"Content-Type": "application/json", "X-CSRFToken": token,
            "Cookie": "; ".join(cookies), "Accept-Encoding": ACCEPT_ENCODING}


def control_change(base: str) -> dict[str, list[tuple[str, float]]]:
    """Return, per page of ``CONTROL_CHANGES``, (control, ms) of each link requested once
    through the router callback of the server at ``base``, after the page's base link."""
    from benchmarks.control_links import CONTROL_CHANGES, split
    from benchmarks.dashboard import _router_body

    headers = _session(base)

    def post(link: str) -> float:
        body = json.dumps(_router_body(*split(link))).encode()
        request = urllib.request.Request(base + "/_dash-update-component", data=body,
                                         headers=headers, method="POST")
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
        return (time.perf_counter() - start) * 1000

    out: dict[str, list[tuple[str, float]]] = {}
    for page, changes in CONTROL_CHANGES.items():
        post(changes.base)
        out[page] = [(control, post(link)) for control, link in changes.changes]
    return out


#: What the browser spent its time on, from Chrome's own counters (CDP Performance.getMetrics).
METRICS = ("ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "TaskDuration")
#: Resource groups for the bytes table, by a piece of their URL.
GROUPS = (("plotly.js", "plotly"), ("AG Grid", "dash_ag_grid"), ("Dash + React", "dash"),
          ("map shapes", "world_110m"), ("callbacks", "_dash-update-component"))

RESOURCES_JS = """() => performance.getEntriesByType('resource').map(
    r => [r.name, r.transferSize, r.encodedBodySize])"""


def browser_profile(browser: Any, url: str, selector: str) -> dict[str, Any]:
    """Return Chrome's time counters (s) and transferred bytes by group, for one cold load
    waited out to network idle (so the map and every lazy script are included)."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(url)
    page.wait_for_function(FOUND_AT_JS, arg=selector, polling="raf", timeout=60_000)
    page.wait_for_load_state("networkidle")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    sizes: dict[str, int] = {}
    for name, transferred, _ in page.evaluate(RESOURCES_JS):
        group = next((g for g, part in GROUPS if part in name), "other")
        sizes[group] = sizes.get(group, 0) + int(transferred)
    elements = page.evaluate("() => document.getElementsByTagName('*').length")
    context.close()
    return {"metrics": {k: metrics.get(k, 0.0) for k in METRICS}, "bytes": sizes,
            "elements": elements}


def main() -> None:
    """Print the three tables."""
    from playwright.sync_api import sync_playwright

    floor_listen, floor_first = first_response("floor")
    real_listen, real_first = first_response("real")
    print("First response of a freshly started server (seconds)")
    print(f"{'app':<14}{'start→listening':>17}{'first GET /':>13}   target first GET /")
    print(f"{'bare Dash app':<14}{floor_listen:>17.2f}{floor_first:>13.2f}")
    print(f"{'dashboard':<14}{real_listen:>17.2f}{real_first:>13.2f}   ≤ {TARGETS['first']} s"
          f" (ratio to target {real_first / TARGETS['first']:.2f})")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with server("floor") as (floor_url, _):
            time_to_content(browser, floor_url + "/", FLOOR_SELECTOR)  # warm-up
            floor = time_to_content(browser, floor_url + "/", FLOOR_SELECTOR)
            floor_calls = [(p50, p95) for name, p50, p95 in replay(floor_url, floor["posts"])
                           if not name.startswith("layout")]
            floor_p50, floor_callback = max(floor_calls, key=lambda c: c[1])
            floor_profile = browser_profile(browser, floor_url + "/", FLOOR_SELECTOR)
        results = {}
        with server("real") as (url, _):
            first_view = _load(browser.new_context(), url + "/", PAGES["/"])[0]
            for path, selector in PAGES.items():
                _load(browser.new_context(), url + path, selector)  # the server builds its caches
                results[path] = time_to_content(browser, url + path, selector,
                                                GRID_READY.get(path))
                results[path]["callbacks"] = replay(url, results[path]["posts"])
            overview_profile = browser_profile(browser, url + "/", PAGES["/"])
            controls = control_change(url)
        browser.close()

    print(f"\nFirst view on a fresh server: the overview's ranking rows after {first_view:.0f} ms "
          "(empty browser cache; the server computes everything on that first visit)")
    print(f"\nTime to content (ms, median of {LOADS}; cold = empty browser cache; each page "
          "visited once before, so the server's caches are warm)")
    print(f"{'page':<34}{'cold':>8}{'warm':>8}{'cold ×':>8}{'warm ×':>8}   target (warm)")
    print(f"{'bare Dash app (the floor)':<34}{floor['cold']:>8.0f}{floor['warm']:>8.0f}")
    for path, r in results.items():
        print(f"{path:<34}{r['cold']:>8.0f}{r['warm']:>8.0f}{r['cold'] / floor['cold']:>8.1f}"
              f"{r['warm'] / floor['warm']:>8.1f}   ≤ {TARGETS['content']}× floor")
        if "warm_ready" in r:
            label = f"{path} (the grid's own rows)"
            print(f"{label:<34}{r['cold_ready']:>8.0f}{r['warm_ready']:>8.0f}"
                  f"{r['cold_ready'] / floor['cold']:>8.1f}"
                  f"{r['warm_ready'] / floor['warm']:>8.1f}")

    print(f"\nCallback server time over {REPLAYS} replays (ms); floor: the bare app's "
          f"callback, p50 {floor_p50:.1f} ms, p95 {floor_callback:.1f} ms")
    print(f"{'page':<34}{'heaviest callback output':<44}{'p50':>7}{'p95':>8}{'p50 × floor':>13}"
          f"{'p95 × floor':>13}   target (p95)")
    for path, r in results.items():
        if not r["callbacks"]:
            continue
        name, p50, p95 = max(r["callbacks"], key=lambda c: c[2])
        print(f"{path:<34}{name[:43]:<44}{p50:>7.1f}{p95:>8.1f}{p50 / floor_p50:>13.1f}"
              f"{p95 / floor_callback:>13.1f}   ≤ {TARGETS['callback']}×")

    from benchmarks.dashboard import print_control_change

    print_control_change(controls, floor_callback, "p95")
    print(f"(against the floor's p50, {floor_p50:.1f} ms, the medians are "
          + ", ".join(f"{page} {statistics.median(m for _, m in samples) / floor_p50:.0f}×"
                      for page, samples in controls.items()) + ")")

    print("\nWhere a cold load's time goes (Chrome's counters, seconds, until network idle)")
    print(f"{'':<16}" + "".join(f"{m.replace('Duration', ''):>12}" for m in METRICS)
          + f"{'elements':>10}")
    for name, prof in (("bare Dash app", floor_profile), ("overview", overview_profile)):
        print(f"{name:<16}" + "".join(f"{prof['metrics'][m]:>12.2f}" for m in METRICS)
              + f"{prof['elements']:>10}")
    print("overview bytes transferred: " + ", ".join(
        f"{g} {b / 1024:.0f} KiB" for g, b in sorted(overview_profile["bytes"].items(),
                                                    key=lambda kv: -kv[1])))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        _serve(sys.argv[2], int(sys.argv[3]))
    else:
        main()
