"""The Scenarios page drawn in parts (``data_access.part``): a part follows the controls it
depends on and new data, never an earlier scenario's answer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from dashboard import data_access, page_cache
from dashboard.views import scenarios as view
from indicators import ScoringSpec, load, score
from indicators.scenarios import Scenario, score_scenario
from indicators.scenarios.capability_text import severity_zero_text
from indicators.scenarios.narrative import country_paragraph

CUT_DIR = Path(__file__).parent / "fixtures" / "cut"


def _page(client, search: str) -> dict[str, Any]:
    body = {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/scenarios"},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}
    token = client.get_cookie("_csrf_token")
    response = client.post("/_dash-update-component", json=body,
                           headers={"X-CSRFToken": token.value} if token else {})
    assert response.status_code == 200, response.data[:300]
    return json.loads(response.data)


def _find(node: Any, component_id: str) -> dict[str, Any]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("props", {}).get("id") == component_id:
                return item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    raise AssertionError(f"no component {component_id!r}")


def _shown(page: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    """Return the page's score grid rows and its focus country's paragraph."""
    return (_find(page, "scn-grid")["props"]["rowData"],
            _find(page, "scn-narrative")["props"]["children"])


def _expected(data_dir: Path, severity: float, iso3: str) -> tuple[list[dict[str, Any]], str]:
    """Return the same two, scored afresh from the files (no cache of the app)."""
    bundle = load(data_dir)
    result = score_scenario(bundle, score(bundle, ScoringSpec()),
                            Scenario(name="Custom scenario", cut=("AAA",), layers=("chips",),
                                     severity=severity))
    rows = page_cache.plain(view.results_grid(result))["props"]["rowData"]
    return rows, severity_zero_text(result, iso3) or country_paragraph(result, iso3)


def test_scenario_parts_follow_severity_country_and_data(tmp_path: Path) -> None:
    from dashboard.app import create_app

    data_dir = tmp_path / "cut"
    shutil.copytree(CUT_DIR, data_dir)
    data_access._parts.clear()
    client = create_app(data_dir=data_dir).server.test_client()
    client.get("/")
    half = _shown(_page(client, "?cut=AAA&layers=chips&sev=50&country=BBB"))
    assert half == _expected(data_dir, 0.5, "BBB")
    # the severity changes the scenario: its grid and paragraphs are drawn again
    full = _shown(_page(client, "?cut=AAA&layers=chips&sev=100&country=BBB"))
    assert full == _expected(data_dir, 1.0, "BBB")
    assert full[0] != half[0]
    # another focus country: its paragraph, the same scenario's grid
    other = _shown(_page(client, "?cut=AAA&layers=chips&sev=100&country=CCC"))
    assert other == _expected(data_dir, 1.0, "CCC")
    assert other[1] != full[1] and other[0] == full[0]
    # new data: a renamed country is renamed in the grid of a scenario drawn before
    countries = data_dir / "countries.csv"
    countries.write_text(countries.read_text().replace("Country B", "Country Y"))
    again = _shown(_page(client, "?cut=AAA&layers=chips&sev=100&country=CCC"))
    assert again == _expected(data_dir, 1.0, "CCC")
    assert "Country Y" in json.dumps(again[0]) and "Country B" not in json.dumps(again[0])


def test_a_scenario_table_is_a_copy_each_time(cut_bundle, cut_baseline) -> None:
    """``ScenarioResult.table`` is built once per result; a caller changing it changes no
    other caller's (the page scales the access column to percent in place)."""
    result = score_scenario(cut_bundle, cut_baseline, Scenario(cut=("AAA",), layers=("chips",)))
    first = result.table()
    first["overall"] = -1.0
    assert (result.table()["overall"] != -1.0).all()


def test_the_timeline_figure_is_what_the_validating_constructors_made() -> None:
    """The floor-over-time chart is built as plain dicts (``figures.figure``): the same figure
    as the ``go.Scatter`` + ``update_layout`` it replaced, and one plotly validates as is."""
    import pandas as pd
    import plotly
    import plotly.graph_objects as go

    from dashboard.components.scenario_timeline import timeline_figure

    def as_json(fig: go.Figure) -> object:
        return json.loads(json.dumps(fig.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder))

    x = [0.0, 1.0, 5.0]
    table = pd.DataFrame({"overall floor": [61.2, 55.0, 40.5],
                          "compute floor": [70.0, float("nan"), 12.25]})
    old = go.Figure()
    old.add_trace(go.Scatter(x=x, y=table["overall floor"], mode="lines+markers",
                             name="overall floor", line={"color": "#0072B2"}))
    old.add_trace(go.Scatter(x=x, y=table["compute floor"], mode="lines+markers",
                             name="compute floor", line={"color": "#D55E00", "dash": "dash"}))
    old.update_layout(title={"text": "Country A: the floor over time", "x": 0}, height=340,
                      margin={"l": 40, "r": 10, "t": 40, "b": 40},
                      xaxis_title="years after the cut", yaxis_title="score (0–100)",
                      yaxis_range=[0, 100])
    new = timeline_figure(x, table, "Country A")
    assert as_json(new) == as_json(old)
    assert as_json(go.Figure(new.to_plotly_json())) == as_json(new)  # raises on an unknown key
