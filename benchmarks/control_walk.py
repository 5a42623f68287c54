"""A walk of control changes per page, each link drawn for the first time, results cached.

Run ``python -m benchmarks control_walk``. Where ``control_change`` (``benchmarks/dashboard.py``)
requests each link once, scoring its method if no page did before, this walk measures the
drawing alone, as a session that has met each scoring method already pays it: every link of
``WALKS`` is requested once (results and memoised computations made), then the page cache, the
stored responses and the page parts (``data_access.part``) are emptied and each page's links
are requested in order, each one control away from the one before and none drawn since the
emptying. Steps 1..n are timed (wall and the process's CPU time), ``REPEATS`` times. Prints per
page the median and p95 against the bare Dash app's callback, and the garbage collector's
full (generation 2) collections seen during the timed requests.
"""

from __future__ import annotations

import gc
import statistics
import time
from typing import Any

from benchmarks.dashboard import floor_ms

REPEATS = 3
#: Page → its links in order, each one control away from the one before.
WALKS: dict[str, list[str]] = {
    "compare": [
        "/compare?countries=KOR,JPN,FRA", "/compare?countries=KOR,JPN,FRA,DEU",
        "/compare?countries=KOR,JPN,FRA,DEU,USA",
        "/compare?countries=KOR,JPN,FRA,DEU,USA&year=2024",
        "/compare?countries=KOR,JPN,DEU,USA&year=2024",
        "/compare?countries=KOR,JPN,DEU,USA,CHN&year=2024",
        "/compare?countries=KOR,JPN,DEU,USA,CHN",
        "/compare?countries=KOR,JPN,DEU,USA,CHN&pw_compute=3",
        "/compare?countries=KOR,JPN,DEU,USA,CHN,IND&pw_compute=3",
        "/compare?countries=JPN,DEU,USA,CHN,IND&pw_compute=3",
        "/compare?countries=JPN,DEU,USA,CHN,IND,PRK&pw_compute=3",
        "/compare?countries=JPN,DEU,USA,CHN,IND,PRK&pw_compute=3&norm=rank"],
    "country": [
        "/country/KOR", "/country/JPN", "/country/JPN?year=2024", "/country/JPN?year=2024&tab=map",
        "/country/PRK?year=2024&tab=map", "/country/PRK?tab=map", "/country/PRK", "/country/USA",
        "/country/USA?tab=table", "/country/USA?tab=table&pw_data=3",
        "/country/TWN?tab=table&pw_data=3", "/country/TWN?pw_data=3",
        "/country/TWN?pw_data=3&year=2022"],
    "scenarios": [
        "/scenarios?preset=us-export-controls", "/scenarios?preset=us-export-controls&country=JPN",
        "/scenarios?preset=china-cutoff&country=JPN",
        "/scenarios?cut=CHN&layers=chips,cloud,models&sev=50&country=JPN",
        "/scenarios?cut=CHN&layers=chips,cloud,models&sev=0&country=JPN",
        "/scenarios?cut=CHN&layers=chips,cloud,models&sev=0&country=JPN&supplier=USA",
        "/scenarios?cut=CHN&layers=chips,cloud,models&sev=0&country=JPN&supplier=USA&map=access",
        "/scenarios?preset=seed-event&country=JPN&supplier=USA&map=access",
        "/scenarios?cut=USA&layers=models&sev=100&provider=OpenAI&country=JPN&supplier=USA"
        "&map=access",
        "/scenarios?preset=taiwan-strait&country=JPN&supplier=USA&map=access",
        "/scenarios?preset=taiwan-strait&country=JPN&supplier=USA",
        "/scenarios?preset=taiwan-strait&country=JPN&bloc=EU27&supplier=USA",
        "/scenarios?preset=taiwan-strait&country=JPN&bloc=EU27&supplier=USA&ai=10",
        "/scenarios?preset=taiwan-strait&country=JPN&bloc=EU27&supplier=USA&ai=10&year=2024"],
    "audit": [
        "/audit", "/audit?pillar=compute", "/audit?pillar=compute&corr=spearman",
        "/audit?pillar=compute&corr=spearman&vs_norm=rank",
        "/audit?pillar=compute&corr=spearman&vs_norm=rank&vs_agg=arithmetic",
        "/audit?pillar=compute&vs_norm=rank&vs_agg=arithmetic",
        "/audit?pillar=data&vs_norm=rank&vs_agg=arithmetic",
        "/audit?pillar=data&vs_norm=rank&vs_agg=arithmetic&year=2024",
        "/audit?pillar=data&vs_agg=arithmetic&year=2024",
        "/audit?pillar=data&vs_agg=arithmetic&year=2024&norm=rank",
        "/audit?pillar=models&vs_agg=arithmetic&year=2024&norm=rank"],
}


def _router_body(link: str) -> dict[str, Any]:
    path, _, search = link.partition("?")
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search",
                        "value": f"?{search}" if search else ""}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    """Print, per page, the median and p95 of a control change (wall and CPU ms, × floor)."""
    from dashboard import data_access, page_cache, response_cache
    from dashboard.app import create_app
    from dashboard.serve import tune_garbage_collector

    floor = floor_ms()
    app = create_app()
    tune_garbage_collector(app.server)  # as `sovai serve` runs it (serve.build_app)
    client = app.server.test_client()
    client.get("/")
    token = client.get_cookie("_csrf_token")
    headers = {"X-CSRFToken": token.value} if token else {}

    def post(link: str) -> None:
        response = client.post("/_dash-update-component", json=_router_body(link),
                               headers=headers)
        assert response.status_code == 200, (link, response.data[:200])

    for links in WALKS.values():  # results and memoised computations made once
        for link in links:
            post(link)
    full: list[float] = []

    def count_full(phase: str, info: dict[str, Any]) -> None:
        if info["generation"] == 2:
            full.append(time.perf_counter() if phase == "start" else -time.perf_counter())

    wall: dict[str, list[float]] = {page: [] for page in WALKS}
    cpu: dict[str, list[float]] = {page: [] for page in WALKS}
    gc.callbacks.append(count_full)
    try:
        for _ in range(REPEATS):
            for page, links in WALKS.items():
                app.server.extensions.get(page_cache.EXTENSION, {}).clear()
                response_cache.store_of(app.server).clear()
                data_access._parts.clear()
                post(links[0])
                for link in links[1:]:
                    c0, t0 = time.process_time(), time.perf_counter()
                    post(link)
                    wall[page].append((time.perf_counter() - t0) * 1000)
                    cpu[page].append((time.process_time() - c0) * 1000)
    finally:
        gc.callbacks.remove(count_full)
    floor = statistics.median([floor, floor_ms()])
    print(f"\nControl change, results cached (ms; {REPEATS} walks, each link drawn for the first "
          f"time since the caches were emptied); floor: the bare Dash app's callback, "
          f"{floor:.2f} ms")
    print(f"{'page':<12}{'changes':>8}{'median':>9}{'p95':>9}{'CPU med':>9}{'CPU p95':>9}"
          f"{'median ×':>10}{'p95 ×':>8}")
    for page in WALKS:
        med, p95 = statistics.median(wall[page]), _p95(wall[page])
        print(f"{page:<12}{len(wall[page]):>8}{med:>9.1f}{p95:>9.1f}"
              f"{statistics.median(cpu[page]):>9.1f}{_p95(cpu[page]):>9.1f}"
              f"{med / floor:>10.0f}{p95 / floor:>8.0f}")
    pauses = [(-end - start) * 1000 for start, end in zip(full[::2], full[1::2], strict=False)]
    print(f"full garbage collections during the timed requests: {len(pauses)}"
          + (f", {statistics.median(pauses):.0f} ms median, {max(pauses):.0f} ms longest"
             if pauses else ""))


if __name__ == "__main__":
    main()
