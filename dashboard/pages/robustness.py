"""The Robustness page: how far each rank moves when the method's assumptions vary.

Layout from the link; one callback writes the controls into the link, and the page is drawn
again from it (docs/dashboard.md, "How state flows").
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash, dcc, html

from dashboard import data_access, ids, urlstate
from dashboard.components import country_picker
from dashboard.components.links import href
from dashboard.components.method_banner import method_banner
from dashboard.components.state_flow import link_writer
from dashboard.views import robustness as view
from dashboard.views import robustness_state as state
from indicators import ScoringSpec
from indicators.robustness import ASSUMPTIONS

#: The route and navigation entry (keywords of ``dash.register_page``).
ROUTE = {"path": "/robustness", "name": "Robustness", "order": 4,
         "title": "Sovereign-AI readiness — robustness"}
CONTROLS = [ids.RB_RUNS, ids.RB_SPREAD, ids.RB_VARY, ids.RB_SEED, ids.RB_COUNTRY]
ASSUMPTION_LABELS = {
    "weights": "Weights (each × uniform 1 ± spread)", "normalisation": "Normalisation",
    "aggregation": "Aggregation", "imputation": "Imputation", "window": "Year window (± 1)",
    "outliers": "Outlier treatment"}


def layout(**query: Any) -> html.Div:
    """Return the page for the method and settings in the query string."""
    bundle = data_access.bundle()
    spec = urlstate.spec_from_query(query, bundle)
    settings = state.settings_from_query(query, bundle)
    return html.Div([
        *method_banner(spec, bundle, href("/robustness", urlstate.to_search(
            {**urlstate.query_from_spec(ScoringSpec(year=spec.year)), **settings.query()}))),
        html.H1("Robustness: how fragile are the ranks?"),
        html.P("Every index rests on choices: weights, normalisation, aggregation, imputation, "
               "which years count. Here those choices vary at random around the method in the "
               "link, many times over, and each country's rank is recorded every time: the "
               "interval shows where 90 % of its ranks fell. The sensitivity analysis then "
               "says which choice moves each rank most."),
        html.Div([
            html.Label(["Runs", dcc.Dropdown(id=ids.RB_RUNS, clearable=False,
                                             value=settings.runs,
                                             options=[{"label": f"{n:,}", "value": n}
                                                      for n in state.RUN_CHOICES])]),
            # in percent, like its marks: Dash 4's slider box shows the value itself (audit C13)
            html.Label(["Weight spread (± %)", dcc.Slider(
                id=ids.RB_SPREAD, min=0, max=round(state.MAX_SPREAD * 100), step=5,
                value=round(settings.spread * 100), updatemode="mouseup",
                marks={v: f"{v}%" for v in range(0, round(state.MAX_SPREAD * 100) + 1, 10)})]),
            html.Fieldset([html.Legend("Assumptions that vary"), dcc.Checklist(
                id=ids.RB_VARY, value=list(settings.vary),
                options=[{"label": ASSUMPTION_LABELS[a], "value": a} for a in ASSUMPTIONS])]),
            html.Label(["Seed", dcc.Input(id=ids.RB_SEED, type="number", min=0, step=1,
                                          max=state.MAX_SEED, value=settings.seed,
                                          debounce=True)]),
            html.Label(["Country in detail", *country_picker.country_dropdown(
                ids.RB_COUNTRY, bundle, settings.country or None)]),
        ], className="controls"),
        html.Div(view.results(bundle, spec, settings), id=ids.RB_RESULTS),
    ])


def controls_to_url(_change: Any, runs: Any, spread: Any, vary: Any, seed: Any, country: Any,
                    search: str | None) -> Any:
    """Return the query string of the settings the controls show (the page re-renders)."""
    bundle = data_access.bundle()
    query = urlstate.parse_search(search or "")
    spec = urlstate.spec_from_query(query, bundle)
    fraction = round(float(spread) / 100, 4) if isinstance(spread, int | float) else None
    settings = state.settings_from_controls(runs, fraction, vary, seed, country, bundle)
    new = urlstate.to_search({**urlstate.query_from_spec(spec), **settings.query()})
    return dash.no_update if new == (search or "") else new


def register_callbacks(app: Dash) -> None:
    """Attach this page's callbacks to ``app``."""
    country_picker.install(app, ids.RB_COUNTRY)
    link_writer(app, ids.RB_CHANGE, [(i, "value") for i in CONTROLS], controls_to_url)
