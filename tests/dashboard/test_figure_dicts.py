"""The figures built as plain dicts are exactly what plotly's validating constructor makes."""

from __future__ import annotations

import json

import plotly
import plotly.graph_objects as go
import pytest

from dashboard.views import figures
from indicators import ScoringSpec, score
from indicators.pipeline import trends


def as_json(fig: go.Figure) -> object:
    return json.loads(json.dumps(fig.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder))


@pytest.mark.parametrize("normalisation", ["minmax", "zscore"])
def test_every_builder_passes_the_validator_unchanged(mini, normalisation: str) -> None:
    spec = ScoringSpec(normalisation=normalisation)
    result = score(mini, spec)
    ranked = list(result.overall.dropna().index)
    trend = trends({y: score(mini, spec.model_copy(update={"year": y})) for y in mini.years})
    built = {
        "world_map": figures.world_map(result, "overall"),
        "world_map filtered": figures.world_map(result, result.pillars.columns[0], ranked[:2]),
        "country_map": figures.country_map(result, ranked[0]),
        "ranking_bars": figures.ranking_bars(result, "overall", ranked),
        "pillar_profile": figures.pillar_profile(result, ranked[:2]),
        "trend_lines": figures.trend_lines(trend, result, ranked[:2]),
        "distribution": figures.distribution(result, ranked[0]),
        "stamp": figures.stamp(go.Figure(go.Bar(x=[1], y=[2])), "A title", result),
    }
    for name, fig in built.items():
        validated = go.Figure(fig.to_plotly_json())  # raises on a property plotly does not know
        assert as_json(validated) == as_json(fig), name
        layout = fig.to_plotly_json()["layout"]
        assert layout["annotations"][-1]["text"].startswith("Source: sovai"), name
        assert "template" in layout, name  # the default look, as before


def test_a_map_is_sized_by_the_page(mini) -> None:
    layout = figures.world_map(score(mini), "overall").to_plotly_json()["layout"]
    assert "height" not in layout and layout["autosize"] is True
    assert layout["annotations"][-1]["yshift"] == -70


def test_the_robustness_figures_pass_the_validator_unchanged() -> None:
    import pandas as pd

    from dashboard.views import robustness

    rows = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"], "country": ["A", "B", "C"],
                         "rank": [1.0, 2.0, 3.0], "median_rank": [1.0, 2.5, 2.5],
                         "rank_p05": [1.0, 1.0, 2.0], "rank_p95": [2.0, 3.0, 3.0]})
    indices = pd.DataFrame({"iso3": ["AAA", "AAA", "BBB", "BBB"],
                            "assumption": ["weights", "normalisation"] * 2,
                            "first_order": [0.2, 0.5, 0.1, 0.7], "total": [0.3, 0.8, 0.2, 1.1],
                            "rank_sd": [0.9, 0.9, 1.2, 1.2]})
    dropped = pd.DataFrame({"iso3": ["AAA", "AAA"], "indicator": ["d1", "d2"],
                            "shift": [2.0, -1.0], "rank": [1, 1]})
    graphs = [robustness.interval_figure(rows), robustness.sobol_figure(indices, rows),
              *robustness.country_figures(indices, dropped, "AAA", "A")]
    assert len(graphs) == 4
    for graph in graphs:
        fig = graph.figure
        assert as_json(go.Figure(fig.to_plotly_json())) == as_json(fig)


def test_the_audit_figures_pass_the_validator_unchanged(mini) -> None:
    from dashboard.views import audit as view
    from indicators.audit import audit

    result = score(mini)
    pillar = str(result.pillars.columns[0])
    state = view.AuditState(pillar=pillar, method="pearson")
    for fig in (view.heatmap(result, view.correlation_matrix(result, state), state),
                view.weights_figure(audit(result), result)):
        assert as_json(go.Figure(fig.to_plotly_json())) == as_json(fig)
        assert fig.to_plotly_json()["layout"]["annotations"][-1]["text"].startswith("Source:")


def test_the_scenario_maps_pass_the_validator_unchanged() -> None:
    import numpy as np

    from dashboard.views import scenarios

    trace = {"type": "choropleth", "locations": np.array(["AAA", "BBB"]),
             "z": np.array([10.0, 55.5]), "text": ["A", "B"],
             "colorscale": figures.MAP_COLORSCALE, "reversescale": True, "zmin": 0, "zmax": 100,
             "colorbar": {"title": {"text": "% supplied"}},
             "hovertemplate": "%{text}: %{z:.0f}%<extra></extra>"}
    fig = scenarios._styled(trace, "Exposure to somewhere on a layer, 2024 (share of supply)")
    assert as_json(go.Figure(fig.to_plotly_json())) == as_json(fig)
