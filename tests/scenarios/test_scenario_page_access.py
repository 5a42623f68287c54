"""The scenario page's model-access parts, built from fixtures/cut without a browser."""

from __future__ import annotations

import pytest

from dashboard.views import scenarios as view
from dashboard.views.scenario_state import query_from_state, state_from_query
from indicators.scenarios import Scenario, score_scenario


def texts(component) -> list[str]:
    """Return every string inside a Dash component tree, depth first."""
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", None)
    if children is None:
        return []
    if not isinstance(children, list | tuple):
        children = [children]
    return [t for child in children for t in texts(child)]


@pytest.fixture(scope="module")
def models_cut(cut_bundle, cut_baseline):
    """Return AAA cut on the models layer: kept A 1, B 1 − 0.4 = 0.6, C 1 − 0.6 = 0.4."""
    return score_scenario(cut_bundle, cut_baseline, Scenario(cut=("AAA",), layers=("models",)))


def test_map_choice_is_in_the_link(cut_bundle):
    state = state_from_query({"preset": "frontier-api-withdrawn", "map": "access"}, cut_bundle)
    assert state.map_view == "access"
    assert query_from_state(state)["map"] == "access"
    plain = state_from_query({"map": "nonsense"}, cut_bundle)
    assert plain.map_view == "supplier" and "map" not in query_from_state(plain)


def test_summary_and_least_list(models_cut):
    section = view.model_access(models_cut)
    summary, least = section.children[0], section.children[-1]
    # kept A 1, B 0.6, C 0.4: median 0.6, no majority near it, so the least are named
    assert "The median country would keep access to 60%" in summary.children
    assert "Scores do not move on this layer" in summary.children
    assert texts(least) == ["Country C: keeps 40% (ledger fixture, 2024)",
                            "Country B: keeps 60% (ledger fixture, 2024)",
                            "Country A: keeps 100% (ledger fixture, 2024)"]


def test_grid_and_map_in_percent(models_cut):
    grid = view.results_grid(models_cut)
    headers = [c["headerName"] for c in grid.columnDefs]
    # the access column, then the capability columns of issue 13
    assert headers[-5:] == [view.ACCESS_HEADER, "best model kept", "frontier lag months",
                            "fallback served share", "training days"]
    rows = {r["name"]: r for r in grid.rowData}
    assert rows["Country C"]["model_access_kept"] == pytest.approx(40.0)
    assert rows["Country D"]["model_access_kept"] is None
    figure = view.model_access_figure(models_cut)
    z = dict(zip(figure.data[0].locations, figure.data[0].z, strict=True))
    assert z == pytest.approx({"AAA": 100.0, "BBB": 60.0, "CCC": 40.0})
    assert "ledger 2024" in figure.layout.title.text
