"""The Scenarios page: cut suppliers off and see what each country still controls."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import data_access, urlstate
from dashboard.components import scenario_view as view
from dashboard.components.posture_map import posture_map_section
from dashboard.components.scenario_state import (
    PageState,
    query_from_state,
    state_from_query,
)
from dashboard.components.scenario_timeline import timeline_block
from indicators import Bundle
from indicators.scenarios import ALL_FOREIGN, PRESETS, score_scenario
from indicators.scenarios.definition import known_layers, known_suppliers
from indicators.scenarios.scoring import GOALPOST_NORMALISATIONS

dash.register_page(__name__, path="/scenarios", name="Scenarios", order=3)

CONTROLS = ["scn-cut", "scn-layers", "scn-sev", "scn-allies", "scn-blocs", "scn-country",
            "scn-bloc", "scn-supplier", "scn-ai", "scn-map-view"]


def _baseline(query: dict[str, Any], bundle: Bundle):
    spec = urlstate.spec_from_query(query, bundle)
    if spec.normalisation not in GOALPOST_NORMALISATIONS:
        spec = spec.model_copy(update={"normalisation": "minmax"})
    return data_access.result(spec)


def _results(bundle: Bundle, query: dict[str, Any], state: PageState) -> list[Any]:
    baseline = _baseline(query, bundle)
    result = score_scenario(bundle, baseline, state.scenario)
    return [
        view.narrative(result, state),
        html.P(f"Scenario: {state.scenario.describe()}. Scored {baseline.year} on the baseline's "
               "goalposts, so a loss that hits everyone still shows."),
        html.Ul([html.Li(w) for w in result.warnings], className="warnings"),
        html.H2("Who loses most, who holds up"), view.movers(result),
        html.H2("Model access (reported beside the scores, not in them)"),
        view.model_access(result),
        html.H2("Nominal and sovereign-floor scores"), view.results_grid(result),
        html.H2("When the cut bites: the floor over time"),
        timeline_block(bundle, baseline, state.scenario, state.country),
        html.H2("Map"),
        (view.model_access_map(result) if state.map_view == "access"
         else view.exposure_map(bundle, baseline, state)),
        html.H2("Bloc view"), view.bloc_view(bundle, baseline, state),
        html.H2("Economic exposure (estimate)"), view.exposure_estimate(bundle, result, state),
    ]


def _options(codes: list[str], bundle: Bundle) -> list[dict[str, str]]:
    names = bundle.countries["name"].to_dict()
    return [{"label": f"{names.get(c, c)} ({c})", "value": c} for c in codes]


def layout(**query: Any) -> html.Div:
    """Return the page for the scenario in the query string (a preset by default)."""
    bundle = data_access.bundle()
    state = state_from_query(query, bundle)
    s = state.scenario
    blocs = sorted(bundle.groups["group"].unique())
    cut_options = [{"label": "All foreign suppliers", "value": ALL_FOREIGN},
                   *_options(known_suppliers(bundle), bundle)]
    return html.Div([
        dcc.Location(id="scn-url", refresh="callback-nav"),
        html.H1("Scenarios: what survives a cut-off"),
        html.P("Each indicator on a cut layer keeps value × (1 − severity × the share of the cut "
               "suppliers), the country's own supply never cut; scores use the baseline's "
               "goalposts. Nominal = what a country can use; floor = what it controls. The "
               "models layer changes no score (the models pillar counts models developed at "
               "home): it is reported as the share of usable large-scale models a country "
               "keeps."),
        html.Div([
            html.Label(["Preset", dcc.Dropdown(
                id="scn-preset", value=state.preset, clearable=True,
                options=[{"label": p.name, "value": k} for k, p in PRESETS.items()])]),
            html.Label(["Cut suppliers", dcc.Dropdown(id="scn-cut", options=cut_options,
                                                      value=list(s.cut), multi=True)]),
            html.Label(["Layers", dcc.Checklist(id="scn-layers", options=known_layers(bundle),
                                                value=list(s.layers), inline=True)]),
            html.Label(["Severity (%)", dcc.Slider(id="scn-sev", min=0, max=100, step=5,
                                                   value=round(s.severity * 100),
                                                   marks={0: "0", 50: "50", 100: "100"})]),
            dcc.Checklist(id="scn-allies", value=["1"] if s.allies_exempt else [],
                          options=[{"label": "Allies exempt (supply from a shared bloc is "
                                             "sovereign)", "value": "1"}]),
            html.Label(["Allied blocs (empty: every bloc)", dcc.Dropdown(
                id="scn-blocs", options=blocs, value=list(s.allies or []), multi=True)]),
            html.Label(["Country", dcc.Dropdown(id="scn-country", value=state.country,
                                                clearable=False, options=_options(
                                                    list(bundle.countries.index), bundle))]),
            html.Label(["Bloc view", dcc.Dropdown(id="scn-bloc", options=blocs,
                                                  value=state.bloc)]),
            html.Label(["Map supplier", dcc.Dropdown(
                id="scn-supplier", value=state.supplier, clearable=False,
                options=_options(known_suppliers(bundle), bundle))]),
            html.Label(["Map shows", dcc.RadioItems(
                id="scn-map-view", value=state.map_view, inline=True,
                options=[{"label": "Exposure to the map supplier", "value": "supplier"},
                         {"label": "Model access kept", "value": "access"}])]),
            html.Label(["AI-dependent share of output (%)", dcc.Input(
                id="scn-ai", type="number", min=0, max=100, step=0.1, debounce=True,
                value=round(state.ai_share * 100, 2))]),
        ], className="controls"),
        html.Button("Download CSV + metadata", id="scn-download-button"),
        dcc.Download(id="scn-download"),
        dcc.Loading(html.Div(_results(bundle, query, state), id="scn-results")),
        posture_map_section(bundle),
    ])


def _state(preset: str | None, values: list[Any], search: str) -> tuple[dict[str, Any],
                                                                         PageState]:
    """Return the query of the current URL updated from the controls, and its page state."""
    cut, layers, sev, allies, blocs, country, bloc, supplier, ai, map_view = values
    query = {k: v for k, v in parse_qsl((search or "").lstrip("?"))
             if k in ("year", "view", "agg", "outliers", "imp") or k[:3] in ("pw_", "iw_")}
    query |= {"cut": ",".join(cut or []), "layers": ",".join(layers or []), "sev": str(sev),
              "allies": "1" if allies else "", "blocs": ",".join(blocs or []),
              "country": country or "", "bloc": bloc or "", "supplier": supplier or "",
              "ai": "" if ai is None else str(ai), "map": map_view or ""}
    bundle = data_access.bundle()
    state = state_from_query(query, bundle)
    if preset and state_from_query({**query, "preset": preset}, bundle).preset == preset:
        state = state_from_query({**query, "preset": preset}, bundle)
    return query, state


@callback(Output("scn-cut", "value"), Output("scn-layers", "value"), Output("scn-sev", "value"),
          Output("scn-allies", "value"), Input("scn-preset", "value"), prevent_initial_call=True)
def apply_preset(name: str | None) -> tuple[Any, ...]:
    """Set the controls to the chosen preset."""
    if name not in PRESETS:
        return (dash.no_update,) * 4
    p = PRESETS[name]
    layers = [layer for layer in p.layers if layer in known_layers(data_access.bundle())]
    return list(p.cut), layers, round(p.severity * 100), ["1"] if p.allies_exempt else []


@callback(Output("scn-results", "children"), Output("scn-url", "search"),
          *[Input(i, "value") for i in CONTROLS], State("scn-preset", "value"),
          State("scn-url", "search"), prevent_initial_call=True)
def update(*args: Any) -> tuple[list[Any], str]:
    """Score the scenario the controls describe and write it into the address."""
    *values, preset, search = args
    query, state = _state(preset, list(values), search)
    keep = {k: v for k, v in query.items() if k in ("year", "view", "agg", "outliers", "imp")
            or k[:3] in ("pw_", "iw_")}
    return (_results(data_access.bundle(), query, state),
            urlstate.to_search({**keep, **query_from_state(state)}))


@callback(Output("scn-download", "data"), Input("scn-download-button", "n_clicks"),
          *[State(i, "value") for i in CONTROLS], State("scn-preset", "value"),
          State("scn-url", "href"), prevent_initial_call=True)
def download(_clicks: int, *args: Any) -> dict[str, Any]:
    """Return the scenario's table and metadata as a zip."""
    *values, preset, href = args
    search = "?" + href.split("?", 1)[1] if href and "?" in href else ""
    query, state = _state(preset, list(values), search)
    bundle = data_access.bundle()
    result = score_scenario(bundle, _baseline(query, bundle), state.scenario)
    return dcc.send_bytes(view.download_zip(result, state, href or ""),
                          f"sovai-scenario-{result.baseline.year}.zip")
