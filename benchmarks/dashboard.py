"""Dashboard speed at full data: page weight of the first load and callback server time.

Run ``python -m benchmarks dashboard`` (optionally ``SOVAI_DATA_DIR=...``). Uses Flask's test
client, so times are server time only (no network, no browser rendering). Prints three tables.

The callback table's columns, each the router callback's request for a page (what the browser
sends when the address changes) or a download's:

* **cold**: the first request of that link in the process (data loaded, results computed).
* **warm**: median of ``REPEATS`` requests of the same link again: what a link already drawn
  costs (Back, a shared link, the default view; ``dashboard/page_cache.py`` keeps the page,
  ``dashboard/response_cache.py`` its response's bytes). **warm gz**: the same asking for
  gzip, as a browser does.
* **drawn**: median of ``REPEATS`` requests of the same link with the page cache (and the
  stored responses) emptied before each: the page drawn again from results already computed.
  It is NOT what a control change costs once parts of pages are memoised by their own inputs
  (those memos still hold this link's parts); it is kept to compare with earlier runs.
* **control change** (its own table, ``control_change``): each page's base link drawn, then
  each link of ``benchmarks/control_links.py`` (one control changed, as the page's link writer
  writes it) requested ONCE, for the first time in the process: no page cache or memo keyed on
  it has seen it, so it is what a person pays for that change, computing included. Median and
  p95 (nearest rank, so the slowest of fewer than ten links) over the page's links, and each
  as a multiple of the floor. Asked with gzip, as a browser does.

The floor is the bare Dash app's one callback (``benchmarks.browser.floor_app``), warm median.
"""

from __future__ import annotations

import gzip
import re
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks.control_links import CONTROL_CHANGES, split
from dashboard import page_cache
from dashboard.app import create_app
from dashboard.serve import tune_garbage_collector

#: Files the browser fetches lazily on the overview (seen in the browser tests' request log).
LAZY = ["/_dash-component-suites/dash/dcc/async-graph.js",
        "/_dash-component-suites/dash/dcc/async-dropdown.js",
        "/_dash-component-suites/dash/dcc/async-slider.js",
        "/_dash-component-suites/plotly/package_data/plotly.min.js",
        "/_dash-component-suites/dash_ag_grid/async-community.js",
        "/assets/world_110m.json"]
PAGES = {"overview": ("/", ""), "overview, what-if": ("/", "?pw_compute=3&norm=rank"),
         "overview, map tab": ("/", "?tab=map"),
         "overview, indicator map": ("/", "?measure=gpu_cluster_h100e&region=Eastern+Asia"),
         "compare (4)": ("/compare", "?countries=KOR,JPN,FRA,DEU"),
         "country": ("/country/KOR", ""), "methodology": ("/methodology", ""),
         "scenarios, chip cut + floor over time": ("/scenarios", "?preset=us-export-controls"),
         "robustness": ("/robustness", ""), "audit": ("/audit", ""), "data": ("/data", "")}
REPEATS = 5


def _router_body(path: str, search: str) -> dict[str, Any]:
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}


def _download_body(full: bool) -> dict[str, Any]:
    return {"output": "ov-download.data", "outputs": {"id": "ov-download", "property": "data"},
            "inputs": [{"id": "ov-download-shown", "property": "n_clicks",
                        "value": None if full else 1},
                       {"id": "ov-download-full", "property": "n_clicks",
                        "value": 1 if full else None}],
            "state": [{"id": "url", "property": "href",
                       "value": "http://127.0.0.1/?region=Eastern+Asia"}],
            "changedPropIds": [f"ov-download-{'full' if full else 'shown'}.n_clicks"]}


GZIP = {"Accept-Encoding": "gzip"}


def forget_pages(app: Any) -> None:
    """Empty the app's page cache and its stored responses (``dashboard/response_cache.py``,
    where the code has it): the next request for a link draws its page again."""
    app.server.extensions.get(page_cache.EXTENSION, {}).clear()
    try:
        from dashboard import response_cache
    except ImportError:  # the code before stored responses
        return
    response_cache.store_of(app.server).clear()


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = call()
    return (time.perf_counter() - start) * 1000, out


def page_weight(client) -> list[tuple[str, int, int]]:
    """Return (part, bytes, gzipped bytes) of the overview's first load."""
    rows = []
    index = client.get("/").data
    rows.append(("index HTML (incl. config)", len(index), len(gzip.compress(index))))
    scripts = re.findall(rb'<script src="([^"]+)"', index)
    styles = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', index)
    eager = b"".join(client.get(s.decode()).data for s in scripts + styles)
    rows.append((f"scripts + CSS in the HTML ({len(scripts) + len(styles)})", len(eager),
                 len(gzip.compress(eager))))
    lazy = b"".join(client.get(p).data for p in LAZY)
    rows.append((f"lazy chunks + map shapes ({len(LAZY)})", len(lazy), len(gzip.compress(lazy))))
    layout = client.get("/_dash-layout").data + client.get("/_dash-dependencies").data
    rows.append(("shell layout + callback graph JSON", len(layout), len(gzip.compress(layout))))
    return rows


def p95(samples: list[float]) -> float:
    """Return the nearest-rank 95th percentile of ``samples`` (the largest of fewer than 10)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def control_change(post: Callable[[dict[str, Any]], bytes]) -> dict[str, list[
        tuple[str, float]]]:
    """Return, per page of ``CONTROL_CHANGES``, (control, ms) of each of its links requested
    once through the router callback (``post`` sends a callback body, returns the response),
    after the page's base link has been drawn.

    Each link must be new to the process (its first request) for the time to mean anything; a
    link whose page comes back the same as its base's raises (the control was ignored), but on
    a page that reads nothing of its link (``same_page``).
    """
    out: dict[str, list[tuple[str, float]]] = {}
    for page, changes in CONTROL_CHANGES.items():
        base = post(_router_body(*split(changes.base)))
        out[page] = []
        for control, link in changes.changes:
            ms, body = _timed(lambda link=link: post(_router_body(*split(link))))
            if body == base and not changes.same_page:
                raise AssertionError(f"{link} drew the same page as {changes.base}")
            out[page].append((control, ms))
    return out


def print_control_change(times: dict[str, list[tuple[str, float]]], floor: float,
                         floor_name: str = "warm median") -> None:
    """Print the control-change table: per page, median and p95 (ms and × ``floor``)."""
    print("\nControl change (ms): each link one control away from the page's base link, "
          "requested once, for the first time, after the base was drawn; floor: the bare Dash "
          f"app's one callback, {floor_name} {floor:.2f} ms")
    print(f"{'page':<14}{'links':>6}{'median':>9}{'p95':>9}{'median ×':>10}{'p95 ×':>9}"
          "   slowest control")
    for page, samples in times.items():
        ms = [m for _, m in samples]
        slowest = max(samples, key=lambda s: s[1])
        print(f"{page:<14}{len(ms):>6}{statistics.median(ms):>9.1f}{p95(ms):>9.1f}"
              f"{statistics.median(ms) / floor:>10.0f}{p95(ms) / floor:>9.0f}"
              f"   {slowest[0]} ({slowest[1]:.0f} ms)")


def floor_ms() -> float:
    """Return the warm median (ms) of the bare Dash app's one callback through its test client."""
    from benchmarks.browser import floor_app

    client = floor_app().server.test_client()
    client.get("/")
    body = {"output": "out.children", "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "in", "property": "value", "value": "world"}],
            "changedPropIds": ["in.value"], "state": []}

    def call() -> Any:
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 200, response.data[:200]
        return response.data

    call()
    return statistics.median(_timed(call)[0] for _ in range(4 * REPEATS))


def main() -> None:
    """Print the page-weight table and the callback-time table."""
    floor = floor_ms()
    app = create_app()
    tune_garbage_collector(app.server)  # as `sovai serve` runs it (serve.build_app)
    client = app.server.test_client()
    start = time.perf_counter()
    client.get("/")  # first request: loads and validates data/, builds every page once
    first = (time.perf_counter() - start) * 1000
    token = client.get_cookie("_csrf_token")
    headers = {"X-CSRFToken": token.value} if token else {}

    def post(body: dict[str, Any], compressed: bool = False) -> bytes:
        response = client.post("/_dash-update-component", json=body,
                               headers={**headers, **(GZIP if compressed else {})})
        assert response.status_code == 200, response.data[:200]
        data = response.get_data()
        return gzip.decompress(data) if response.headers.get("Content-Encoding") else data

    weights = page_weight(client)
    page_json = post(_router_body("/", ""))
    weights.append(("overview page content JSON", len(page_json), len(gzip.compress(page_json))))
    total = sum(w[1] for w in weights)
    total_gz = sum(w[2] for w in weights)
    print(f"\nPage weight of the overview's first load (first request {first:.0f} ms)")
    print(f"{'part':<40}{'bytes':>12}{'gzip':>12}")
    for part, raw, packed in weights:
        print(f"{part:<40}{raw:>12,}{packed:>12,}")
    print(f"{'total':<40}{total:>12,}{total_gz:>12,}")

    print(f"\nCallback server time (ms; cold = first call of that view, warm = median of "
          f"{REPEATS} calls of the same link, warm gz the same asking for gzip; drawn = median "
          f"of {REPEATS} with the page drawn again from results cached, NOT a control change: "
          "see the next table); floor: the bare Dash app's one callback, warm median "
          f"{floor:.2f} ms")
    print(f"{'callback':<40}{'cold':>8}{'warm':>8}{'warm gz':>8}{'drawn':>8}{'bytes':>10}"
          f"{'warm × floor':>14}{'gz × floor':>12}{'drawn × floor':>14}")
    cases: dict[str, dict[str, Any]] = {
        f"page {name}": _router_body(path, search) for name, (path, search) in PAGES.items()}
    cases["download: data shown (zip)"] = _download_body(False)
    cases["download: full data (zip)"] = _download_body(True)
    def redrawn(body: dict[str, Any]) -> float:
        forget_pages(app)  # the page drawn again; its results (and memos) are kept
        return _timed(lambda: post(body))[0]

    for name, body in cases.items():
        cold, data = _timed(lambda body=body: post(body))
        warm = statistics.median(_timed(lambda body=body: post(body))[0] for _ in range(REPEATS))
        post(body, True)
        warm_gz = statistics.median(_timed(lambda body=body: post(body, True))[0]
                                    for _ in range(REPEATS))
        drawn = statistics.median(redrawn(body) for _ in range(REPEATS)) \
            if name.startswith("page") else warm
        print(f"{name:<40}{cold:>8.0f}{warm:>8.1f}{warm_gz:>8.1f}{drawn:>8.1f}{len(data):>10,}"
              f"{warm / floor:>14.1f}{warm_gz / floor:>12.1f}{drawn / floor:>14.1f}")

    print_control_change(control_change(lambda body: post(body, True)), floor)


if __name__ == "__main__":
    main()
