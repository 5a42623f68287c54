"""The floor over time on the Scenarios page: what still runs h years after the cut.

Services stop at once; hardware ages out over the service life (indicators/scenarios/horizon.py).
``timeline_block(bundle, baseline, scenario, iso3)`` returns the chart and its table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import data_access, ids
from dashboard.views.figures import figure
from dashboard.views.plot_text import plot_text
from indicators import Bundle, Result, ScoringSpec, score
from indicators.scenarios.definition import Scenario
from indicators.scenarios.horizon import SERVICE_LIFE_YEARS, is_hardware
from indicators.scenarios.timeline import floors_over_time


def timeline_table(bundle: Bundle, baseline: Result, scenario: Scenario,
                   iso3: str) -> pd.DataFrame:
    """Return horizon, nominal, overall floor and compute floor of ``iso3`` per horizon."""
    scores = ("overall", "compute") if "compute" in baseline.pillars.columns else ("overall",)
    frames = data_access.memo(_floors, bundle, baseline.spec, scenario, scores)
    overall = frames["overall"][iso3]
    compute = frames["compute"][iso3] if "compute" in frames else overall * np.nan
    finite = overall.index[np.isfinite(overall.index)]
    return pd.DataFrame({"years after the cut": [f"{h:g}" for h in finite],
                         "overall nominal": baseline.overall.get(iso3, np.nan),
                         "overall floor": overall.loc[finite].to_numpy(),
                         "compute floor": compute.loc[finite].to_numpy()}).round(1)


def _floors(bundle: Bundle, spec: ScoringSpec, scenario: Scenario,
            scores: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """Return ``floors_over_time`` against the baseline of ``spec`` (memoised per data; the
    baseline is scored from ``bundle`` itself, which need not be the one served)."""
    return floors_over_time(bundle, score(bundle, spec), scenario, scores=scores)


def timeline_figure(x: list[float], table: pd.DataFrame, name: str) -> go.Figure:
    """Return the chart of the overall and compute floors over ``x`` years after the cut (plain
    dicts, as ``figures.figure``: the validating constructors took most of a draw)."""
    def trace(column: str, line: dict[str, str]) -> dict[str, object]:
        return {"line": line, "mode": "lines+markers", "name": column,
                "x": x, "y": table[column].to_numpy(), "type": "scatter"}

    return figure([trace("overall floor", {"color": "#0072B2"}),
                   trace("compute floor", {"color": "#D55E00", "dash": "dash"})],
                  {"height": 340, "margin": {"b": 40, "l": 40, "r": 10, "t": 40},
                   "title": {"text": plot_text(f"{name}: the floor over time"), "x": 0},
                   "xaxis": {"title": {"text": "years after the cut"}},
                   "yaxis": {"range": [0, 100], "title": {"text": "score (0–100)"}}})


def timeline_block(bundle: Bundle, baseline: Result, scenario: Scenario,
                   iso3: str) -> html.Div:
    """Return the floor-over-time chart of ``iso3`` (or a sentence when nothing ages out)."""
    if iso3 not in baseline.overall.index:
        return html.Div(html.P("Choose a country to see its floor over time."),
                        id=ids.SCN_TIMELINE)
    if not any(is_hardware(layer) for layer in scenario.layers):
        return html.Div(html.P("The layers cut are services: they stop at once, so the floor "
                               "is the same at every horizon."), id=ids.SCN_TIMELINE)
    table = timeline_table(bundle, baseline, scenario, iso3)
    name = str(bundle.countries["name"].get(iso3, iso3))
    x = [float(v) for v in table["years after the cut"]]
    fig = timeline_figure(x, table, name)
    return html.Div([
        html.P(f"Hardware keeps running but is not replaced: it ages out over a "
               f"{SERVICE_LIFE_YEARS:g}-year service life (Microsoft's and Alphabet's server "
               "depreciation life); services stop at once. From the service life on, the floor "
               "is the strict one the rest of the page shows.", className="note"),
        dcc.Graph(id=ids.SCN_TIMELINE_CHART, figure=fig, config={"displaylogo": False}),
        html.Details([html.Summary("Show the chart as a table"),
                      html.Table([html.Thead(html.Tr([html.Th(c, scope="col")
                                                      for c in table.columns])),
                                  html.Tbody([html.Tr([html.Td(str(v)) for v in row])
                                              for row in table.itertuples(index=False)])],
                                 className="facts compact")]),
    ], id=ids.SCN_TIMELINE)
