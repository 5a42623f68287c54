"""Compare: two to eight countries side by side — pillars, indicators, gaps, trends, peers."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import dash
import dash_ag_grid as dag
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from dashboard import data_access, ids
from dashboard.components import country_picker
from dashboard.components.capability import capability_compare
from dashboard.components.chart import chart_block
from dashboard.components.ledger import ledger_compare
from dashboard.components.links import href
from dashboard.components.method_banner import method_banner
from dashboard.components.state_flow import changed_id, link_writer
from dashboard.components.table import html_table, scroll_box
from dashboard.components.weights_panel import basic_controls, spec_from_panel, weights_panel
from dashboard.urlstate import spec_from_query
from dashboard.views import compare, downloads, figures
from dashboard.views.fmt import is_missing
from dashboard.views.indicator_ranks import BOTTOM_CROWD
from dashboard.views.intervals import RUNS, outlier_text, robustness_rows
from dashboard.views.query import (
    MAX_COMPARED,
    MIN_COMPARED,
    compare_search,
    parse_countries,
    search_for,
)
from indicators import Result, ScoringSpec
from indicators.pipeline import trends

#: The route and navigation entry (keywords of ``dash.register_page``).
ROUTE = {"path": "/compare", "name": "Compare", "order": 1,
         "title": "Sovereign-AI readiness — compare"}
PAGE = "compare"


def trend_frame(spec: ScoringSpec):
    """Return overall and pillar scores of every year under ``spec`` (computed once per data
    version and spec; shared: do not change it in place)."""
    return data_access.part(_trend_frame, data_access.bundle(), spec)


def _trend_frame(bundle, spec: ScoringSpec):
    results = {y: data_access.result(spec.model_copy(update={"year": y})) for y in bundle.years}
    return trends(results)


def _indicator_columns(result: Result, iso3s: list[str]) -> list[dict[str, Any]]:
    cols: list[dict[str, Any]] = [
        {"field": "pillar", "headerName": "Pillar", "width": 100, "pinned": "left"},
        {"field": "indicator", "headerName": "Indicator", "width": 230, "pinned": "left"},
        {"field": "unit", "headerName": "Unit", "width": 140},
    ]
    for iso3 in iso3s:
        cols.append({"headerName": str(result.countries.at[iso3, "name"]), "children": [
            {"field": f"{iso3}_value", "headerName": "value (year, source)", "width": 200},
            {"field": f"{iso3}_score", "headerName": "score", "width": 90,
             "type": "numericColumn"},
            {"field": f"{iso3}_rank", "headerName": "world rank", "width": 100,
             "type": "numericColumn"},
        ]})
    return cols


def _chooser(bundle, iso3s: tuple[str, ...]) -> html.Label:
    return html.Label([html.Span(f"Countries ({MIN_COMPARED} to {MAX_COMPARED})"),
                       *country_picker.country_dropdown(ids.CMP_COUNTRIES, bundle, list(iso3s),
                                                        multi=True,
                                                        placeholder="Type a country name")],
                      className="control wide")


def _peer_buttons(bundle, spec: ScoringSpec, first: str) -> html.Div:
    """Return the peer sets of ``first`` (the first compared country; none for "")."""
    if not first:
        return html.Div()
    sets = compare.peer_sets(data_access.result(spec), bundle, first)
    name = bundle.countries.at[first, "name"]
    return html.Div([
        html.Span(f"Peers of {name}: ", className="note"),
        html.Div([html.Button(label, id={"type": ids.CMP_PEERS, "key": ",".join(members)},
                              title=", ".join(members))
                  for label, members in sets.items()], className="peer-buttons"),
    ])


def layout(countries: str = "", **query: Any) -> html.Div:
    """Return the comparison of the countries in the query string.

    Each part is drawn once per data version and its own inputs (``data_access.part``): a
    country added to the set draws that country's sentence, column of the indicator grid and
    ledger rows, and only the parts that show the whole set together.
    """
    bundle = data_access.bundle()
    spec = spec_from_query(query, bundle)
    result = data_access.result(spec)
    iso3s = parse_countries(countries, bundle)
    reset = href("/compare", compare_search(iso3s, ScoringSpec(year=spec.year)))
    head = [*method_banner(spec, bundle, reset), html.H1("Compare countries"),
            data_access.part(_chooser, bundle, tuple(iso3s)),
            data_access.part(_peer_buttons, bundle, spec, iso3s[0] if iso3s else ""),
            *data_access.part(_method_controls, bundle, spec)]
    if len(iso3s) < MIN_COMPARED:
        return html.Div([*head, html.P(
            f"Choose at least {MIN_COMPARED} countries above, or open a link such as "
            "/compare?countries=KOR,JPN,FRA.", className="lead", id="cmp-empty"),
            html.Div([html.Button(id=ids.CMP_DL_SHOWN), html.Button(id=ids.CMP_DL_FULL),
                      dcc.Download(id=ids.CMP_DOWNLOAD)], hidden=True)])
    summary = " ".join(data_access.part(_sentence, bundle, spec, i) for i in iso3s)
    names = {i: str(result.countries.at[i, "name"]) for i in iso3s}
    return html.Div([
        *head,
        html.P(summary, className="lead", id="cmp-summary"),
        html.Div([html.Button("Download data shown", id=ids.CMP_DL_SHOWN),
                  html.Button("Download full data", id=ids.CMP_DL_FULL, className="secondary"),
                  dcc.Download(id=ids.CMP_DOWNLOAD),
                  *[dcc.Link(f"{names[i]} profile", href=href(f"/country/{i}", search_for(spec)))
                    for i in iso3s]], className="toolbar"),
        *data_access.part(_set_parts, bundle, spec, tuple(iso3s), summary),
        scroll_box(ledger_compare(bundle, iso3s)),
        data_access.part(_capability, bundle, spec, tuple(iso3s),
                         tuple({**query, "countries": countries}.items())),
        html.H2("Indicator by indicator"),
        html.P("Value as observed, with its year and source; score "
               f"({figures.score_scale(result)[0]}) and world rank on the "
               f"indicator (none for a tie of {BOTTOM_CROWD} or more countries at the bottom, "
               f"such as having none). † older than {result.year} (stale), * imputed.",
               className="note"),
        dag.AgGrid(id="cmp-indicators", rowData=_indicator_rows(bundle, spec, iso3s),
                   columnDefs=_indicator_columns(result, iso3s),
                   defaultColDef={"sortable": True, "resizable": True},
                   className="ag-theme-quartz", style={"height": "620px"}),
    ])


def _method_controls(bundle, spec: ScoringSpec) -> list[Any]:
    """Return the year, view and method controls and the what-if panel under ``spec``."""
    result = data_access.result(spec)
    return [html.Div(basic_controls(PAGE, bundle, spec, result.year), className="controls-grid"),
            weights_panel(PAGE, bundle, spec)]


def _sentence(bundle, spec: ScoringSpec, iso3: str) -> str:
    """Return ``iso3``'s sentence of the summary under ``spec``."""
    return compare.country_sentence(data_access.result(spec), iso3)


def _set_parts(bundle, spec: ScoringSpec, iso3s: tuple[str, ...], summary: str) -> list[Any]:
    """Return what shows the compared set together: the pillar and trend charts, the gaps to
    the leader and the robustness of the ranks."""
    result = data_access.result(spec)
    picked = list(iso3s)
    pillars = compare.pillar_table(result, picked)
    trend = trend_frame(spec)
    trend_shown = trend[trend["iso3"].isin(picked)][["year", "iso3", "overall", "rank"]]
    gaps = compare.gap_to_leader(result, picked)
    names = {i: str(result.countries.at[i, "name"]) for i in picked}
    return [
        html.Div([
            chart_block("cmp-pillars", figures.pillar_profile(result, picked), summary,
                        pillars.round(1), f"sovai-compare-pillars-{result.year}",
                        result=result),
            chart_block("cmp-trend", figures.trend_lines(trend, result, picked),
                        "Overall score of each compared country in every year with data, scored "
                        "with the same method each year.", trend_shown.round(1),
                        "sovai-compare-trend", result=result),
        ], className="two-col"),
        html.H2("Gap to the world leader, per pillar (points)"),
        html_table(gaps, labels={"pillar": "Pillar", "world_leader": "World leader",
                                 "leader_score": "Leader's score",
                                 **{f"{i}_gap": names[i] for i in picked}},
                   table_id="cmp-gaps"),
        *_robustness_section(bundle, spec, picked),
    ]


def _capability(bundle, spec: ScoringSpec, iso3s: tuple[str, ...],
                query: tuple[tuple[str, Any], ...]) -> Any:
    """Return the capability section of the compared set (its links keep the whole query)."""
    return capability_compare(bundle, data_access.result(spec), list(iso3s), "/compare",
                              dict(query))


def _indicator_rows(bundle, spec: ScoringSpec, iso3s: list[str]) -> list[dict[str, Any]]:
    """Return the indicator grid's rows: the labels, then each country's cells (each part
    drawn once per data version, method and country)."""
    rows = [dict(row) for row in data_access.part(_labels, bundle, spec)]
    for iso3 in iso3s:
        for row, cells in zip(rows, data_access.part(_cells, bundle, spec, iso3), strict=True):
            row.update(cells)
    return rows


def _labels(bundle, spec: ScoringSpec) -> list[dict[str, Any]]:
    return compare.indicator_labels(data_access.result(spec))


def _cells(bundle, spec: ScoringSpec, iso3: str) -> list[dict[str, Any]]:
    return compare.country_cells(data_access.result(spec), iso3, compare.served_ranks(spec))


def _robustness_section(bundle, spec: ScoringSpec, iso3s: list[str]) -> list[Any]:
    """Return how fragile each compared rank is: the Monte Carlo interval and P(top 10)."""
    rows = robustness_rows(bundle, spec, iso3s)
    if rows is None:  # an aggregation the Monte Carlo cannot vary
        return []
    summary = "; ".join(
        f"{r.country}: rank {_int(r.rank)}, between {_int(r.rank_p05)} and {_int(r.rank_p95)} "
        f"in 90 % of {RUNS} runs" for r in rows.itertuples())
    shown = rows.assign(p_top10=(rows["p_top10"] * 100).round(0))
    outliers = outlier_text(rows)
    return [
        html.H2("How robust are these ranks?"),
        html.P(f"{summary}.{' ' + outliers if outliers else ''} Weights, normalisation, "
               "aggregation, imputation and the year window "
               "were varied at random around the chosen method (Robustness page: exactly how).",
               className="note", id="cmp-robustness-summary"),
        html_table(shown, labels={"country": "Country", "rank": "Rank",
                                  "median_rank": "Median rank", "rank_p05": "5 % rank",
                                  "rank_p95": "95 % rank", "p_top10": "Chance of top 10 (%)"},
                   table_id="cmp-robustness"),
        dcc.Link("Open the robustness analysis", href=href("/robustness", search_for(spec))),
    ]


def _int(value: Any) -> str:
    """Return a rank as a whole number, or a dash when the country is unranked."""
    return "–" if is_missing(value) else f"{int(value)}"


def controls_to_url(change, countries, _peers, _choices, _pw, _iw, search):
    """Return the query string of the chosen countries and scoring choices."""
    bundle = data_access.bundle()
    changed = changed_id(change)
    if isinstance(changed, dict) and changed.get("type") == ids.CMP_PEERS:
        countries = changed["key"].split(",")
    values = {i["id"]["key"]: i["value"] for i in ctx.states_list[2]}
    pillars = {i["id"]["key"]: i["value"] for i in ctx.states_list[3]}
    weights = {i["id"]["key"]: i["value"] for i in ctx.states_list[4]}
    preset = isinstance(changed, dict) and changed.get("key") == "preset"
    spec = spec_from_panel(bundle, values, pillars, weights, preset)
    new = compare_search(parse_countries(",".join(countries or []), bundle), spec)
    return dash.no_update if new == (search or "") else new


def download(_shown, _full, url):
    """Return the zip of the comparison shown, or of the full data under the same method."""
    bundle = data_access.bundle()
    query = {k: v[0] for k, v in parse_qs(urlsplit(url or "").query).items()}
    spec = spec_from_query(query, bundle)
    result = data_access.result(spec)
    iso3s = parse_countries(query.get("countries", ""), bundle)
    if ctx.triggered_id == ids.CMP_DL_FULL:
        tables = downloads.full_tables(result)
        title, name = f"Sovereign-AI readiness {result.year}: full data", "sovai-full"
    else:
        tables = {"pillars": compare.pillar_table(result, iso3s),
                  "indicators": compare.long_table(result, iso3s),
                  "gap_to_leader": compare.gap_to_leader(result, iso3s)}
        title = f"Sovereign-AI readiness {result.year}: {', '.join(iso3s)} compared"
        name = "sovai-compare-" + "-".join(iso3s)
    meta = downloads.metadata(result, bundle, url or "", title)
    return dcc.send_bytes(downloads.package(tables, meta), f"{name}-{result.year}.zip")


def register_callbacks(app: Dash) -> None:
    """Attach this page's callbacks to ``app``."""
    country_picker.install(app, ids.CMP_COUNTRIES)
    link_writer(app, ids.CMP_CHANGE, [
        (ids.CMP_COUNTRIES, "value"), ({"type": ids.CMP_PEERS, "key": ALL}, "n_clicks"),
        (ids.panel(PAGE, "choice", ALL), "value"), (ids.panel(PAGE, "pw", ALL), "value"),
        (ids.panel(PAGE, "iw", ALL), "value")], controls_to_url)
    app.callback(Output(ids.CMP_DOWNLOAD, "data"), Input(ids.CMP_DL_SHOWN, "n_clicks"),
                 Input(ids.CMP_DL_FULL, "n_clicks"), State(ids.URL, "href"),
                 prevent_initial_call=True)(download)
