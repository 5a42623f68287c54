"""Every page's charts draw with the partial plotly.js bundle, with no console error."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from dashboard import plotly_bundle

#: Each page with charts, and how many it draws at first; together they use all four traces.
PAGES = {
    "/?tab=map": 1,                           # choropleth (the overview opens on its table)
    "/?tab=chart": 1,                         # top-25 bars
    "/compare?countries=KOR,JPN,FRA": 2,      # grouped bars, trend lines (scatter)
    "/country/KOR": 1,                        # distribution strip (scatter)
    "/scenarios": 2,                          # scenario map, posture map (choropleths)
    "/audit": 2,                              # correlation heatmap, weight bars
    "/robustness?country=IND": 4,             # interval dots, Sobol' heatmap, two bar charts
}

#: Per drawn chart: its trace types and how many trace (or heatmap) groups plotly drew in it.
CHARTS_JS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    id: (gd.closest('[id]') || {}).id,
    types: (gd._fullData || []).map(t => t.type),
    drawn: gd.querySelectorAll('g.trace, g.hm, .choroplethlocation').length,
}))
"""


@pytest.mark.parametrize("path", list(PAGES))
def test_charts_draw_with_the_partial_bundle(page: Page, live_server, console_errors, path):
    scripts: list[str] = []
    page.on("request", lambda req: scripts.append(req.url) if "plotly" in req.url else None)
    page.goto(live_server + path)
    page.wait_for_function(f"() => ({CHARTS_JS})().filter(c => c.drawn > 0).length >= "
                           f"{PAGES[path]}", timeout=30_000)
    page.wait_for_load_state("networkidle")
    registered = page.evaluate("() => Object.keys(window.Plotly.PlotSchema.get().traces)")
    assert set(registered) == plotly_bundle.TRACES  # the partial bundle, not the full one
    drawn = page.evaluate(CHARTS_JS)
    assert len(drawn) >= PAGES[path]
    for chart in drawn:
        assert chart["types"] and set(chart["types"]) <= plotly_bundle.TRACES, chart
        assert chart["drawn"] > 0, chart
    assert scripts == [live_server.split("/")[0] + "//" + live_server.split("/")[2] + "/"
                       + plotly_bundle.FULL_BUNDLE_PATH]  # fetched once, from this server
    assert console_errors == []
