"""The Scenarios page: cut suppliers off and see what each country still controls.

Layout from the link; one callback writes the controls into the link, and the page is drawn
again from it (docs/dashboard.md, "How state flows").
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import dash
from dash import Dash, Input, Output, State, dcc, html

from dashboard import data_access, ids, urlstate
from dashboard.components import country_picker, model_controls, posture_map
from dashboard.components.layer_checklist import layer_checklist
from dashboard.components.links import href
from dashboard.components.method_banner import method_banner
from dashboard.components.state_flow import changed_id, link_writer
from dashboard.views import scenarios as view
from dashboard.views.scenario_state import query_from_state, state_from_query, suppliers
from indicators import Bundle, ScoringSpec
from indicators.scenarios import ALL_FOREIGN, PRESETS, score_scenario

#: The route and navigation entry (keywords of ``dash.register_page``).
ROUTE = {"path": "/scenarios", "name": "Scenarios", "order": 3,
         "title": "Sovereign-AI readiness — scenarios"}
#: The controls, in the order ``controls_to_url`` receives their values.
CONTROLS = [ids.SCN_PRESET, ids.SCN_CUT, ids.SCN_LAYERS, ids.SCN_SEV, ids.SCN_ALLIES,
            ids.SCN_BLOCS, ids.SCN_COUNTRY, ids.SCN_BLOC, ids.SCN_SUPPLIER, ids.SCN_AI,
            ids.SCN_MAP_VIEW, *model_controls.CONTROLS]
#: Controls that describe the cut itself: a preset just chosen replaces them.
SCENARIO_KEYS = ("cut", "layers", "sev", "allies", "blocs", *model_controls.SCENARIO_KEYS)


def _options(codes: list[str], bundle: Bundle) -> list[dict[str, str]]:
    return country_picker.options_of(bundle, codes)


def layout(**query: Any) -> html.Div:
    """Return the page for the scenario in the query string (the default preset if none)."""
    bundle = data_access.bundle()
    state = state_from_query(query, bundle)
    s = state.scenario
    blocs = sorted(bundle.groups["group"].unique())
    cut_options = [{"label": "All foreign suppliers", "value": ALL_FOREIGN},
                   *_options(suppliers(bundle), bundle)]
    spec = view.baseline(bundle, query).spec  # the method the scenario is scored with
    reset = href("/scenarios", urlstate.to_search(
        {**urlstate.query_from_spec(ScoringSpec(year=spec.year)), **query_from_state(state)}))
    return html.Div([
        *method_banner(spec, bundle, reset),
        html.H1("Scenarios: what survives a cut-off"),
        html.P("Each indicator on a cut layer keeps value × (1 − severity × the share of the cut "
               "suppliers), the country's own supply never cut; scores use the baseline's "
               "goalposts. Nominal = what a country can use; floor = what it controls. The "
               "models layer changes no score (the models pillar counts models developed at "
               "home): it is reported as the share of usable large-scale models a country "
               "keeps."),
        html.Div([
            html.Label(["Preset", dcc.Dropdown(
                id=ids.SCN_PRESET, value=state.preset, clearable=True,
                placeholder="Custom scenario (controls below)",
                options=[{"label": p.name, "value": k} for k, p in PRESETS.items()])]),
            html.Label(["Cut suppliers", dcc.Dropdown(id=ids.SCN_CUT, options=cut_options,
                                                      value=list(s.cut), multi=True)]),
            html.Label(["Layers", layer_checklist(ids.SCN_LAYERS, bundle, s.layers)]),
            html.Label(["Severity (%)", dcc.Slider(id=ids.SCN_SEV, min=0, max=100, step=5,
                                                   value=round(s.severity * 100),
                                                   updatemode="mouseup",
                                                   marks={0: "0", 50: "50", 100: "100"})]),
            dcc.Checklist(id=ids.SCN_ALLIES, value=["1"] if s.allies_exempt else [],
                          options=[{"label": "Allies exempt (supply from a shared bloc is "
                                             "sovereign)", "value": "1"}]),
            html.Label(["Allied blocs (empty: every alliance; G20, BRICS, AU and ASEAN are forums, "
                        "not alliances)", dcc.Dropdown(
                id=ids.SCN_BLOCS, options=blocs, value=list(s.allies or []), multi=True)]),
            html.Label(["Country", *country_picker.country_dropdown(
                ids.SCN_COUNTRY, bundle, state.country, clearable=False)]),
            html.Label(["Bloc view", dcc.Dropdown(id=ids.SCN_BLOC, options=blocs,
                                                  value=state.bloc)]),
            html.Label(["Map supplier", dcc.Dropdown(
                id=ids.SCN_SUPPLIER, value=state.supplier, clearable=False,
                options=_options(suppliers(bundle), bundle))]),
            html.Label(["Map shows", dcc.RadioItems(
                id=ids.SCN_MAP_VIEW, value=state.map_view, inline=True,
                options=[{"label": "Exposure to the map supplier", "value": "supplier"},
                         {"label": "Model access kept", "value": "access"}])]),
            html.Label(["AI share of output (%; default 4.6: tasks automatable in ten years)",
                        dcc.Input(id=ids.SCN_AI, type="number", min=0, max=100, step=0.1,
                                  debounce=True, value=round(state.ai_share * 100, 2))]),
        ], className="controls"),
        data_access.part(model_controls.controls, bundle, s, state.assumptions),
        html.Button("Download CSV + metadata", id=ids.SCN_DL),
        dcc.Download(id=ids.SCN_DOWNLOAD),
        html.Div(view.results(bundle, query, state), id=ids.SCN_RESULTS),
        data_access.part(posture_map.posture_map_section, bundle),
    ])


def _scoring_query(search: str) -> dict[str, str]:
    """Return the scoring parameters of a query string (the scenario's baseline method; a
    normalisation the scenarios cannot use is kept for the other pages, see ``baseline``)."""
    return {k: v for k, v in parse_qsl((search or "").lstrip("?"))
            if k in ("year", "view", "norm", "agg", "outliers", "imp") or k[:3] in ("pw_", "iw_")}


def controls_to_url(change: dict[str, Any] | None, preset: str | None, cut: list[str] | None,
                    layers: list[str] | None,
                    sev: float | None, allies: list[str] | None, blocs: list[str] | None,
                    country: str | None, bloc: str | None, supplier: str | None,
                    ai: float | None, map_view: str | None, *rest: Any) -> Any:
    """Return the query string of the scenario the controls describe (the page re-renders).

    ``rest`` holds the model controls' values (``model_controls.CONTROLS``), then the search.
    A preset just chosen replaces the cut, layers, severity, allies, providers and models; any
    other change keeps the preset only while the controls still match it.
    """
    *models, search = rest
    query = {**_scoring_query(search or ""),
             "preset": preset or "", "cut": ",".join(cut or []), "layers": ",".join(layers or []),
             "sev": "" if sev is None else str(sev), "allies": "1" if allies else "",
             "blocs": ",".join(blocs or []), "country": country or "", "bloc": bloc or "",
             "supplier": supplier or "", "ai": "" if ai is None else str(ai),
             "map": map_view or "", **model_controls.params_from_controls(*models),
             "asof": urlstate.parse_search(search or "").get("asof", "")}
    if changed_id(change) == ids.SCN_PRESET and preset:
        query = {k: v for k, v in query.items() if k not in SCENARIO_KEYS}
    state = state_from_query(query, data_access.bundle())
    new = urlstate.to_search({**_scoring_query(search or ""), **query_from_state(state)})
    return dash.no_update if new == (search or "") else new


def download(_clicks: int | None, url: str | None) -> Any:
    """Return the scenario of the link as a zip: its table, README, citation and metadata."""
    query = dict(parse_qsl(urlsplit(url or "").query))
    bundle = data_access.bundle()
    state = state_from_query(query, bundle)
    result = score_scenario(bundle, view.baseline(bundle, query), state.scenario,
                            state.assumptions)
    return dcc.send_bytes(view.download_zip(result, state, url or "", bundle),
                          f"sovai-scenario-{result.baseline.year}.zip")


def register_callbacks(app: Dash) -> None:
    """Attach this page's callbacks to ``app``."""
    country_picker.install(app, ids.SCN_COUNTRY)
    link_writer(app, ids.SCN_CHANGE, [(i, "value") for i in CONTROLS], controls_to_url)
    posture_map.register_callbacks(app)
    app.callback(Output(ids.SCN_DOWNLOAD, "data"), Input(ids.SCN_DL, "n_clicks"),
                 State(ids.URL, "href"), prevent_initial_call=True)(download)
