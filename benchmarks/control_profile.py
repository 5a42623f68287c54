"""Where a control change's time goes: a cProfile of one control change per page, in process.

Run ``python -m benchmarks control_profile``. For each page of ``benchmarks/control_links.py``
the base link is drawn (through the router callback, Flask's test client), then its first
control change is requested once under cProfile (``CONTROL_PROFILE_LINK=N`` takes the Nth).
Prints, per page, the share of the request's time spent in each group of code (own time of
the functions in it) and the project's functions that took longest (cumulative).
"""

from __future__ import annotations

import cProfile
import os
import pstats
from typing import Any

#: Groups of code by a piece of the file path, first match wins.
GROUPS = (("indicators (scoring, scenarios, robustness)", "/indicators/"),
          ("dashboard views", "/dashboard/views/"),
          ("dashboard components", "/dashboard/components/"),
          ("dashboard pages", "/dashboard/pages/"),
          ("dashboard (other)", "/dashboard/"),
          ("pandas", "/pandas/"), ("numpy", "/numpy/"),
          ("plotly (JSON encoding)", "/plotly/"), ("dash (components, dispatch)", "/dash/"),
          ("JSON (standard library)", "/json/"),
          ("compression", "compress"), ("flask, werkzeug", "/werkzeug/"),
          ("flask, werkzeug", "/flask"), ("pydantic", "/pydantic"))
TOP = 8


def _group(filename: str) -> str:
    return next((name for name, part in GROUPS if part in filename), "other (builtins, C)")


def profile_once(post: Any, body: dict[str, Any]) -> pstats.Stats:
    """Return the profile of one request ``post(body)``."""
    profiler = cProfile.Profile()
    profiler.enable()
    post(body)
    profiler.disable()
    return pstats.Stats(profiler)


def summary(stats: pstats.Stats) -> tuple[float, dict[str, float], list[tuple[str, float]]]:
    """Return (total s, own time per group, the project's TOP functions by cumulative s)."""
    groups: dict[str, float] = {}
    own: list[tuple[str, float]] = []
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, line, name), (_, _, tottime, cumtime, _) in raw.items():
        groups[_group(filename)] = groups.get(_group(filename), 0.0) + tottime
        if "/dashboard/" in filename or "/indicators/" in filename:
            short = filename.split("/dashboard/")[-1] if "/dashboard/" in filename \
                else "indicators/" + filename.split("/indicators/")[-1]
            own.append((f"{short}:{line} {name}", cumtime))
    total = sum(groups.values())
    own.sort(key=lambda item: -item[1])
    return total, groups, own[:TOP]


def main() -> None:
    """Print each page's profile of one control change."""
    from benchmarks.control_links import CONTROL_CHANGES, split
    from benchmarks.dashboard import _router_body
    from dashboard.app import create_app

    which = int(os.environ.get("CONTROL_PROFILE_LINK", "0"))
    app = create_app()
    client = app.server.test_client()
    client.get("/")
    token = client.get_cookie("_csrf_token")
    headers = {"X-CSRFToken": token.value if token else "", "Accept-Encoding": "gzip"}

    def post(body: dict[str, Any]) -> bytes:
        response = client.post("/_dash-update-component", json=body, headers=headers)
        assert response.status_code == 200, response.data[:200]
        return response.data

    for page, changes in CONTROL_CHANGES.items():
        post(_router_body(*split(changes.base)))
        control, link = changes.changes[which % len(changes.changes)]
        total, groups, top = summary(profile_once(post, _router_body(*split(link))))
        print(f"\n{page}: {control} ({link}), {total * 1000:.0f} ms under the profiler")
        print("  " + ", ".join(f"{name} {share / total:.0%}" for name, share in
                               sorted(groups.items(), key=lambda kv: -kv[1]) if share / total
                               >= 0.02))
        for name, cumulative in top:
            print(f"    {cumulative * 1000:>7.1f} ms  {name}")


if __name__ == "__main__":
    main()
