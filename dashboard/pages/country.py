"""Country profile: standing per pillar, strengths and weaknesses, coverage, every source."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import dash
import dash_ag_grid as dag
from dash import Dash, Input, Output, State, dcc, html

from dashboard import data_access, ids
from dashboard.components import ledger
from dashboard.components.capability import capability_country
from dashboard.components.chart import chart_block
from dashboard.components.links import href
from dashboard.components.table import html_table
from dashboard.urlstate import spec_from_query
from dashboard.views import compare, country, downloads, figures
from dashboard.views.fmt import ordinal
from dashboard.views.query import compare_search

#: The route and navigation entry (keywords of ``dash.register_page``).
ROUTE = {"path_template": "/country/<iso3>", "path": "/country/choose", "name": "Country",
         "order": 2, "title": "Sovereign-AI readiness — country"}

SOURCE_COLUMNS = [
    {"field": "pillar", "headerName": "Pillar", "width": 100},
    {"field": "indicator", "headerName": "Indicator", "width": 230},
    {"field": "value", "headerName": "Value", "width": 120, "type": "numericColumn",
     "valueFormatter": {"function": "params.value == null ? 'no data' : "
                                    "d3.format('.4~g')(params.value)"}},
    {"field": "unit", "headerName": "Unit", "width": 150},
    {"field": "year", "headerName": "Year", "width": 80},
    {"field": "stale", "headerName": "Stale", "width": 80},
    {"field": "score", "headerName": "Score", "width": 90, "type": "numericColumn"},
    {"field": "world_rank", "headerName": "World rank", "width": 110, "type": "numericColumn"},
    {"field": "source", "headerName": "Source", "width": 300, "wrapText": True,
     "autoHeight": True, "cellClass": "wrap"},
    {"field": "licence", "headerName": "Licence", "width": 150},
    {"field": "url", "headerName": "Link", "width": 260},
]


def _ledger(bundle, iso3: str) -> html.Section:
    """Return the dependency ledger of ``iso3`` (dashboard/components/ledger.py)."""
    return html.Section(ledger.ledger_section(bundle, iso3), id="ledger-slot")


def _picker(bundle, iso3: str | None) -> html.Label:
    options = [{"value": str(i), "label": f"{n} ({i})"}
               for i, n in bundle.countries["name"].sort_values().items()]
    return html.Label([html.Span("Country"),
                       dcc.Dropdown(id=ids.CTY_PICK, options=options, value=iso3,
                                    clearable=False, placeholder="Type a country name")],
                      className="control")


def _cards(frame) -> html.Div:
    cards = []
    for row in frame.itertuples(index=False):
        rank = f"{ordinal(int(row.rank))} of {row.of}" if row.rank is not None else "not ranked"
        below = f"ahead of {row.share_below}% of countries" if row.share_below is not None else ""
        cards.append(html.Div([html.Div(row.measure, className="sub"),
                               html.Div("–" if row.score is None else f"{row.score:.1f}",
                                        className="big"),
                               html.Div(rank), html.Div(below, className="sub")],
                              className="card"))
    return html.Div(cards, className="cards", id="cty-cards")


def layout(iso3: str = "", **query: Any) -> html.Div:
    """Return the profile of ``iso3`` (a chooser when it is not a known code)."""
    bundle = data_access.bundle()
    iso3 = (iso3 or "").upper()
    if iso3 not in bundle.countries.index:
        return html.Div([html.H1("Country profile"), _picker(bundle, None),
                         html.P("Choose a country to see its scores, ranks and sources.",
                                className="lead"),
                         html.Div([html.Button(id=ids.CTY_DL_FULL),
                                   dcc.Download(id=ids.CTY_DOWNLOAD)], hidden=True)])
    spec = spec_from_query(query, bundle)
    result = data_access.result(spec)
    name = str(bundle.countries.at[iso3, "name"])
    region = str(bundle.countries.at[iso3, "region"])
    standing = country.standing(result, iso3)
    strengths, weaknesses = country.strengths_weaknesses(result, bundle, iso3)
    income = str(bundle.countries.at[iso3, "income_group"])
    peers = compare.peer_sets(result, bundle, iso3)
    nearest = next(iter(peers.values()))[:4]
    labels = {"indicator": "Indicator", "pillar": "Pillar", "score": "Score",
              "peer_median": f"Median of {income}", "difference": "Difference"}
    return html.Div([
        _picker(bundle, iso3),
        html.H1(name),
        html.P(f"{region} · {income} · "
               + (", ".join(bundle.country_groups(iso3)) or "no bloc in groups.csv"),
               className="note"),
        html.P(country.country_summary(result, iso3), className="lead", id="cty-summary"),
        *([] if spec.is_reference() else [html.P(
            "Scored with the method chosen in the link (weights or methods differ from the "
            "reference); open the Overview's panel to see or reset them.", className="note")]),
        _cards(standing),
        html.Div([dcc.Link("Compare with the 3 nearest countries", className="button",
                           id="cty-compare", href=href("/compare", compare_search(nearest, spec))),
                  html.Button("Download this country's data", id=ids.CTY_DL_FULL,
                              className="secondary"),
                  dcc.Download(id=ids.CTY_DOWNLOAD)], className="toolbar"),
        chart_block("cty-distribution", figures.distribution(result, iso3),
                    country.country_summary(result, iso3), standing,
                    f"sovai-{iso3}-{result.year}"),
        html.Div([
            html.Section([html.H2("Strengths"), html.P(
                f"Indicators where {name} is furthest above the median of other {income} "
                "countries.", className="note"),
                html_table(strengths.drop(columns=["code"]), labels=labels,
                           table_id="cty-strengths")]),
            html.Section([html.H2("Weaknesses"), html.P(
                f"Indicators where {name} is furthest below that median.", className="note"),
                html_table(weaknesses.drop(columns=["code"]), labels=labels,
                           table_id="cty-weaknesses")]),
        ], className="two-col"),
        html.H2("Coverage and freshness of the data"),
        html_table(country.coverage(result, iso3),
                   labels={"pillar": "Pillar", "with_data": "Indicators with data",
                           "indicators": "Indicators", "stale": f"Older than {result.year}",
                           "imputed": "Imputed", "oldest_year": "Oldest year used"},
                   table_id="cty-coverage"),
        _ledger(bundle, iso3),
        capability_country(bundle, result, iso3, f"/country/{iso3}", query),
        html.H2("Every number and its source"),
        dag.AgGrid(id="cty-sources", rowData=country.sources(result, bundle, iso3)
                   .astype(object).where(lambda f: f.notna(), None).to_dict("records"),
                   columnDefs=SOURCE_COLUMNS, className="ag-theme-quartz",
                   dashGridOptions={"suppressColumnVirtualisation": True},
                   defaultColDef={"sortable": True, "resizable": True},
                   style={"height": "560px"}),
    ])


def pick_country(iso3, pathname):
    """Return the path of the chosen country's profile."""
    new = href(f"/country/{iso3}") if iso3 else dash.no_update
    return dash.no_update if new == pathname else new


def download(_n, url):
    """Return the zip of this country's indicators, scores and sources."""
    bundle = data_access.bundle()
    parts = urlsplit(url or "")
    iso3 = parts.path.rstrip("/").rsplit("/", 1)[-1].upper()
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    spec = spec_from_query(query, bundle)
    result = data_access.result(spec)
    if iso3 not in bundle.countries.index:
        return dash.no_update
    tables = {"standing": country.standing(result, iso3),
              "indicators": country.sources(result, bundle, iso3)}
    meta = downloads.metadata(result, bundle, url or "", f"{iso3} profile, {result.year}")
    return dcc.send_bytes(downloads.package(tables, meta), f"sovai-{iso3}-{result.year}.zip")


def register_callbacks(app: Dash) -> None:
    """Attach this page's callbacks to ``app``."""
    app.callback(Output(ids.URL, "pathname", allow_duplicate=True), Input(ids.CTY_PICK, "value"),
                 State(ids.URL, "pathname"), prevent_initial_call=True)(pick_country)
    app.callback(Output(ids.CTY_DOWNLOAD, "data"), Input(ids.CTY_DL_FULL, "n_clicks"),
                 State(ids.URL, "href"), prevent_initial_call=True)(download)
