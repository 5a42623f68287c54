"""Plotly's two JSON engines on the dashboard's pages: is orjson faster, and is its JSON the same?

Run ``python -m benchmarks json_engine`` (needs ``orjson`` installed; prints nothing else
without it). Dash sends every response through ``plotly.io.json.to_json_plotly``, which uses
orjson when it is installed ("auto") and the standard library's ``json`` otherwise. A page is
encoded twice when it is drawn: its components into dicts (``page_cache.plain``), then those
dicts into the response. For each page of ``benchmarks/dashboard.py`` both engines encode both
forms; the table gives the median ms of ``REPEATS`` and whether the two texts are identical
(NaN, infinities, float spelling, escapes).
"""

from __future__ import annotations

import importlib
import statistics
import time
from typing import Any

REPEATS = 7


def _median_ms(call: Any) -> float:
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def pages() -> dict[str, Any]:
    """Return each page of ``benchmarks.dashboard.PAGES`` drawn as components (no cache)."""
    from dash._pages import _parse_query_string, _path_to_page

    from benchmarks.dashboard import PAGES
    from dashboard.app import create_app

    app = create_app()
    drawn = {}
    with app.server.test_request_context("/"):
        for name, (path, search) in PAGES.items():
            page, variables = _path_to_page(app.strip_relative_path(path))
            module = importlib.import_module(page["module"])
            drawn[name] = module.layout(**{**(variables or {}), **_parse_query_string(search)})
    return drawn


def first_difference(a: str, b: str) -> str:
    """Return the text around the first place ``a`` and ``b`` differ ('' when equal)."""
    if a == b:
        return ""
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
              min(len(a), len(b)))
    return f"at {at}: {a[max(0, at - 40):at + 40]!r} vs {b[max(0, at - 40):at + 40]!r}"


def main() -> None:
    """Print, per page, each engine's time on components and on dicts, and whether they agree."""
    import json

    from plotly.io.json import to_json_plotly

    try:
        import orjson  # noqa: F401
    except ImportError:
        print("orjson is not installed: nothing to compare")
        return
    print(f"JSON of each page (ms, median of {REPEATS}); same = the two engines' texts identical")
    print(f"{'page':<40}{'json':>8}{'orjson':>8}{'dicts json':>12}{'dicts orjson':>14}"
          f"{'same':>6}")
    for name, page in pages().items():
        text = to_json_plotly(page, engine="json")
        plain = json.loads(text)
        fast = to_json_plotly(page, engine="orjson")
        fast_plain = to_json_plotly(plain, engine="orjson")
        same = text == fast == fast_plain == to_json_plotly(plain, engine="json")
        print(f"{name:<40}"
              f"{_median_ms(lambda page=page: to_json_plotly(page, engine='json')):>8.2f}"
              f"{_median_ms(lambda page=page: to_json_plotly(page, engine='orjson')):>8.2f}"
              f"{_median_ms(lambda plain=plain: to_json_plotly(plain, engine='json')):>12.2f}"
              f"{_median_ms(lambda plain=plain: to_json_plotly(plain, engine='orjson')):>14.2f}"
              f"{'yes' if same else 'NO':>6}")
        if not same:
            print("   ", first_difference(text, fast) or first_difference(text, fast_plain))


if __name__ == "__main__":
    main()
