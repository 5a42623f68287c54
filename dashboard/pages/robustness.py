"""The Robustness page: how far each rank moves when the method's assumptions vary."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import data_access, urlstate
from dashboard.components import robustness_state as state
from dashboard.components import robustness_view as view
from indicators import Bundle, ScoringSpec
from indicators.robustness import ASSUMPTIONS

dash.register_page(__name__, path="/robustness", name="Robustness", order=4)

CONTROLS = ["rb-runs", "rb-spread", "rb-vary", "rb-seed", "rb-country"]
ASSUMPTION_LABELS = {
    "weights": "Weights (each × uniform 1 ± spread)", "normalisation": "Normalisation",
    "aggregation": "Aggregation", "imputation": "Imputation", "window": "Year window (± 1)",
    "outliers": "Outlier treatment"}


def layout(**query: Any) -> html.Div:
    """Return the page for the method and settings in the query string."""
    bundle = data_access.bundle()
    spec = urlstate.spec_from_query(query, bundle)
    settings = state.settings_from_query(query, bundle)
    countries = [{"label": f"{name} ({iso3})", "value": iso3}
                 for iso3, name in bundle.countries["name"].items()]
    return html.Div([
        dcc.Location(id="rb-url", refresh="callback-nav"),
        html.H1("Robustness: how fragile are the ranks?"),
        html.P("Every index rests on choices: weights, normalisation, aggregation, imputation, "
               "which years count. Here those choices vary at random around the method in the "
               "link, many times over, and each country's rank is recorded every time: the "
               "interval shows where 90 % of its ranks fell. The sensitivity analysis then "
               "says which choice moves each rank most."),
        html.Div([
            html.Label(["Runs", dcc.Dropdown(id="rb-runs", clearable=False, value=settings.runs,
                                             options=[{"label": f"{n:,}", "value": n}
                                                      for n in state.RUN_CHOICES])]),
            html.Label(["Weight spread (±)", dcc.Slider(
                id="rb-spread", min=0, max=state.MAX_SPREAD, step=0.05, value=settings.spread,
                marks={v / 10: f"{v * 10}%" for v in range(6)})]),
            html.Fieldset([html.Legend("Assumptions that vary"), dcc.Checklist(
                id="rb-vary", value=list(settings.vary),
                options=[{"label": ASSUMPTION_LABELS[a], "value": a} for a in ASSUMPTIONS])]),
            html.Label(["Seed", dcc.Input(id="rb-seed", type="number", min=0, step=1,
                                          max=state.MAX_SEED, value=settings.seed,
                                          debounce=True)]),
            html.Label(["Country in detail", dcc.Dropdown(id="rb-country", options=countries,
                                                          value=settings.country or None)]),
        ], className="controls"),
        dcc.Loading(html.Div(results(bundle, spec, settings), id="rb-results")),
    ])


def results(bundle: Bundle, spec: ScoringSpec, settings: state.Settings) -> list[Any]:
    """Return the summary, interval chart and grid, and the sensitivity charts."""
    analysis = state.uncertainty(bundle, spec, settings)
    rows = view.interval_rows(analysis, bundle.countries["name"])
    indices = state.sobol(bundle, spec, settings)
    dropped = state.dropped_indicators(bundle, spec)
    method = "the reference method" if spec.is_reference() else "the method in the link"
    out: list[Any] = [
        view.summary(analysis, bundle.version),
        html.P(f"The runs vary around {method}."),
        html.H2("Rank intervals"), view.interval_figure(rows),
        html.P(view.interval_text(rows), className="summary"), view.interval_grid(rows),
        html.H2("Sensitivity: which assumption moves which rank")]
    if indices is None:
        out.append(html.P("No assumption varies, so there is no variance to attribute."))
    else:
        k = indices["assumption"].nunique()
        out += [html.P(f"Sobol' indices from {state.SOBOL_SAMPLES} × ({k} assumptions + 2) = "
                       f"{state.SOBOL_SAMPLES * (k + 2):,} further runs (Saltelli's scheme, "
                       "SALib). First-order: the share of a rank's variance due to the "
                       "assumption alone; total: including its interactions. Unranked counts as "
                       "last."), view.sobol_figure(indices, rows),
                html.P(view.sobol_text(indices, rows), className="summary")]
    iso3 = settings.country or str(rows["iso3"].iloc[0])
    name = str(bundle.countries.at[iso3, "name"])
    out += [html.H2(f"{name} in detail"),
            html.P("Leave-one-out: the rank with each indicator dropped in turn, everything "
                   "else as chosen."),
            *view.country_figures(indices, dropped, iso3, name)]
    return out


@callback(Output("rb-results", "children"), Output("rb-url", "search"),
          *[Input(i, "value") for i in CONTROLS], State("rb-url", "search"),
          prevent_initial_call=True)
def update(*args: Any) -> tuple[list[Any], str]:
    """Analyse the settings the controls show and write them into the address."""
    runs, spread, vary, seed, country, search = args
    bundle = data_access.bundle()
    spec = urlstate.spec_from_query(dict(parse_qsl((search or "").lstrip("?"))), bundle)
    settings = state.settings_from_controls(runs, spread, vary, seed, country, bundle)
    params = {**urlstate.query_from_spec(spec), **settings.query()}
    return results(bundle, spec, settings), urlstate.to_search(params)
