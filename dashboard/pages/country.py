"""Country profile: standing per pillar, strengths and weaknesses, coverage, every source."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html

from dashboard import data_access, ids
from dashboard.components import country_picker, ledger
from dashboard.components.capability import capability_country
from dashboard.components.chart import chart_block
from dashboard.components.figure_tabs import parse_tab, tab_bar, tab_panel, year_slider
from dashboard.components.links import href
from dashboard.components.method_banner import method_banner
from dashboard.components.state_flow import changed_id, link_writer
from dashboard.components.table import html_table, scroll_box
from dashboard.components.year_player import (
    PAUSE_LABEL,
    PLAY_LABEL,
    install_gates,
    next_year,
    play_controls,
    start_state,
)
from dashboard.urlstate import parse_search, spec_from_query, to_search
from dashboard.views import compare, country, downloads, figures
from dashboard.views.fmt import NUMBER_JS, is_missing, ordinal
from dashboard.views.grid import source_link
from dashboard.views.indicator_ranks import BOTTOM_CROWD
from dashboard.views.query import compare_search, search_for
from indicators import ScoringSpec
from indicators.denominators import denominator_notes

#: The route and navigation entry (keywords of ``dash.register_page``).
ROUTE = {"path_template": "/country/<iso3>", "path": "/country/choose", "name": "Country",
         "order": 2, "title": "Sovereign-AI readiness — country"}
#: The code in the chooser's own address (the navigation's "Country" link): not an unknown code.
CHOOSER = str(ROUTE["path"]).rsplit("/", 1)[-1]

SOURCE_COLUMNS = [
    {"field": "pillar", "headerName": "Pillar", "width": 100},
    {"field": "indicator", "headerName": "Indicator", "width": 230},
    {"field": "value", "headerName": "Value", "width": 120, "type": "numericColumn",
     "valueFormatter": {"function": NUMBER_JS.replace("'–'", "'no data'", 1)}},
    {"field": "unit", "headerName": "Unit", "width": 150},
    {"field": "year", "headerName": "Year", "width": 80},
    {"field": "stale", "headerName": "Stale", "width": 80},
    {"field": "score", "headerName": "Score", "width": 90, "type": "numericColumn"},
    {"field": "world_rank", "headerName": "World rank", "width": 110, "type": "numericColumn"},
    {"field": "source", "headerName": "Source", "width": 300, "wrapText": True,
     "autoHeight": True, "cellClass": "wrap"},
    {"field": "licence", "headerName": "Licence", "width": 150},
    {"field": "link", "headerName": "Link", "width": 260, "cellRenderer": "markdown"},
]


def _source_rows(result, bundle, iso3: str) -> list[dict[Any, Any]]:
    """Return the source grid's rows: every number with its source, the address as a link
    (None for a gap)."""
    frame = country.sources(result, bundle, iso3, compare.served_ranks(result.spec))
    frame["link"] = [source_link(u) for u in frame["url"]]
    return [{k: None if is_missing(v) else v for k, v in row.items()}
            for row in frame.to_dict("records")]


def _ledger(bundle, iso3: str) -> html.Section:
    """Return the dependency ledger of ``iso3`` (dashboard/components/ledger.py)."""
    return html.Section(scroll_box(ledger.ledger_section(bundle, iso3)), id="ledger-slot")


def _picker(bundle, iso3: str | None) -> html.Label:
    return html.Label([html.Span("Country"),
                       *country_picker.country_dropdown(ids.CTY_PICK, bundle, iso3,
                                                        clearable=False,
                                                        placeholder="Type a country name")],
                      className="control")


def _cards(frame) -> html.Div:
    cards = []
    for row in frame.itertuples(index=False):
        rank = "not ranked" if is_missing(row.rank) else f"{ordinal(int(row.rank))} of {row.of}"
        below = "" if is_missing(row.share_below) else \
            f"ahead of {int(row.share_below)}% of countries"
        cards.append(html.Div([html.Div(row.measure, className="sub"),
                               html.Div("–" if is_missing(row.score) else f"{row.score:.1f}",
                                        className="big"),
                               html.Div(rank), html.Div(below, className="sub")],
                              className="card"))
    return html.Div(cards, className="cards", id="cty-cards")


def _peer_table(rows: pd.DataFrame, labels: dict[str, str], table_id: str,
                empty: str) -> Any:
    """Return the strengths or weaknesses table, or the sentence ``empty`` when it has no row."""
    if rows.empty:
        return html.P(empty, id=table_id)
    return html_table(rows.drop(columns=["code"]), labels=labels, table_id=table_id)


def _what_would_rank(result, iso3: str, name: str) -> list[Any]:
    """Return, for an unranked country, which pillars lack data and what would fill them."""
    missing = country.missing_pillars(result, iso3)
    if missing.empty:
        return []
    share = f"{result.spec.min_pillar_coverage:.0%}"
    # the counts as a table; the indicators that would fill each pillar as text under it (a
    # column of long lists made a phone's table row a screen tall, its text off to the side)
    fills = [html.P([html.Strong(f"{row.pillar}, indicators without a value: "), str(row.missing)],
                    className="note") for row in missing.itertuples(index=False)]
    return [html.Section([
        html.H2("What it would take to rank"),
        html.P(f"A pillar is scored when at least {share} of its indicators have a value in "
               f"{result.year - result.spec.window}–{result.year}. {name} lacks a score for these "
               "pillars; a value for any of the listed indicators counts.", className="note"),
        html_table(missing.drop(columns=["missing"]),
                   labels={"pillar": "Pillar", "with_data": "Indicators with a score",
                           "indicators": "Indicators", "needed": "More needed"},
                   table_id=ids.CTY_MISSING),
        *fills,
    ])]


def _search(query: dict[str, Any], **changes: str) -> str:
    """Return the page's query string with ``changes`` (the default tab left out)."""
    params = {k: str(v) for k, v in query.items()} | changes
    if params.get("tab") == "chart":
        params.pop("tab")
    return to_search(params)


def _tab_content(tab: str, result, iso3: str, standing) -> list[Any]:
    """Return what the open tab shows: the distribution chart, the map or the table."""
    summary = country.country_summary(result, iso3)
    if tab == "map":
        return [chart_block(ids.CTY_MAP, figures.country_map(result, iso3), summary,
                            standing, f"sovai-{iso3}-map-{result.year}", with_map=True,
                            result=result)]
    if tab == "table":
        return [html.P(summary, className="summary"),
                html_table(standing, labels={"measure": "Measure", "score": "Score",
                                             "rank": "Rank", "of": "Countries ranked",
                                             "share_below": "Ahead of (% of countries)"},
                           table_id=ids.CTY_STANDING)]
    return [chart_block("cty-distribution", figures.distribution(result, iso3), summary,
                        standing, f"sovai-{iso3}-{result.year}", result=result)]


def _with_year(search: str | None, year: Any) -> Any:
    """Return the page's query string with ``year`` snapped to a scored year (the latest is
    the default and left out), or no_update when the link holds it already."""
    if year is None:
        return dash.no_update
    bundle = data_access.bundle()
    query = parse_search(search or "")
    chosen = min(bundle.years, key=lambda y: abs(y - float(year)))
    query.pop("year", None)
    if chosen != bundle.latest_year:
        query["year"] = str(chosen)
    new = to_search(query)
    return dash.no_update if new == (search or "") else new


def year_to_url(change: Any, year: Any, _pick: Any, playing: Any, search: str | None) -> Any:
    """Return the page's query string with the slider's year. A change of country is
    ``PICK_COUNTRY_JS``'s; while the years play the slider moves without writing the link
    (``play_step`` writes it once when they stop)."""
    if changed_id(change) != ids.CTY_YEAR or playing:
        return dash.no_update
    return _with_year(search, year)


def layout(iso3: str = "", **query: Any) -> html.Div:
    """Return the profile of ``iso3`` (a chooser when it is not a known code)."""
    bundle = data_access.bundle()
    iso3 = (iso3 or "").upper()
    if iso3 not in bundle.countries.index:
        unknown = ([html.P(f"No country with the code “{iso3[:12]}” in the data: codes are "
                           "ISO 3166 alpha-3, such as KOR or TWN.", className="banner",
                           role="status")]
                   if iso3 and iso3 != CHOOSER.upper() else [])
        return html.Div([html.H1("Country profile"), *unknown, _picker(bundle, None),
                         html.P("Choose a country to see its scores, ranks and sources.",
                                className="lead"),
                         # the profile's controls, so its callbacks always find them
                         html.Div([html.Button(id=ids.CTY_DL_FULL),
                                   dcc.Download(id=ids.CTY_DOWNLOAD),
                                   year_slider(ids.CTY_YEAR, bundle.years, bundle.latest_year),
                                   play_controls(ids.CTY_PLAY, ids.CTY_PLAY_TICK,
                                                 ids.CTY_PLAYING, shown=False),
                                   html.Div(id=ids.CTY_PANEL), html.P(id="cty-summary"),
                                   html.Div(id="cty-cards")],
                                  hidden=True)])
    spec = spec_from_query(query, bundle)
    result = data_access.result(spec)
    name = str(bundle.countries.at[iso3, "name"])
    tab = parse_tab(query.get("tab"), default="chart")
    part = data_access.part
    return html.Div([
        *method_banner(spec, bundle, href(f"/country/{iso3}",
                                          search_for(ScoringSpec(year=spec.year)))),
        part(_picker, bundle, iso3),
        *part(_head, bundle, spec, iso3),
        html.Section([
            html.H2(f"{name} among all countries", className="visually-hidden"),
            tab_bar(tab, lambda t: href(f"/country/{iso3}", _search(query, tab=t)),
                    ids.CTY_PANEL),
            html.Div([year_slider(ids.CTY_YEAR, bundle.years, result.year),
                      play_controls(ids.CTY_PLAY, ids.CTY_PLAY_TICK, ids.CTY_PLAYING,
                                    what=f"{name}'s scores")], className="year-row"),
            tab_panel(ids.CTY_PANEL, tab, part(_tab_part, bundle, spec, iso3, tab)),
        ], className="figure-tabs"),
        *part(_body, bundle, spec, iso3),
        part(_ledger, bundle, iso3),
        part(_capability, bundle, spec, iso3, tuple(query.items())),
        *part(_sources, bundle, spec, iso3),
    ])


def _head(bundle, spec: ScoringSpec, iso3: str) -> list[Any]:
    """Return the profile's head under ``spec``: name, summary, cards, what would rank it and
    the toolbar."""
    result = data_access.result(spec)
    name = str(bundle.countries.at[iso3, "name"])
    region = str(bundle.countries.at[iso3, "region"])
    income = str(bundle.countries.at[iso3, "income_group"])
    nearest = next(iter(compare.peer_sets(result, bundle, iso3).values()))[:4]
    return [
        html.H1(name),
        html.P(f"{region} · {income} · "
               + (", ".join(bundle.country_groups(iso3)) or "no bloc in groups.csv"),
               className="note"),
        html.P(country.country_summary(result, iso3), className="lead", id="cty-summary"),
        _cards(country.standing(result, iso3)),
        *_what_would_rank(result, iso3, name),
        html.Div([dcc.Link("Compare with the 3 nearest countries", className="button",
                           id="cty-compare", href=href("/compare", compare_search(nearest, spec))),
                  html.Button("Download this country's data", id=ids.CTY_DL_FULL,
                              className="secondary"),
                  dcc.Download(id=ids.CTY_DOWNLOAD)], className="toolbar"),
    ]


def _tab_part(bundle, spec: ScoringSpec, iso3: str, tab: str) -> list[Any]:
    result = data_access.result(spec)
    return _tab_content(tab, result, iso3, country.standing(result, iso3))


def _body(bundle, spec: ScoringSpec, iso3: str) -> list[Any]:
    """Return the strengths, weaknesses and the coverage of the data under ``spec``."""
    result = data_access.result(spec)
    name = str(bundle.countries.at[iso3, "name"])
    strengths, weaknesses = country.strengths_weaknesses(result, bundle, iso3)
    peers_label, _ = country.peer_group(bundle, iso3)
    labels = {"indicator": "Indicator", "pillar": "Pillar", "score": "Score",
              "peer_median": f"Median of {peers_label}", "difference": "Difference"}
    return [
        html.Div([
            html.Section([html.H2("Strengths"), html.P(
                f"Indicators where {name} is furthest above the median of other {peers_label}.",
                className="note"),
                _peer_table(strengths, labels, "cty-strengths",
                            f"No indicator of {name} is above the median of other "
                            f"{peers_label}.")]),
            html.Section([html.H2("Weaknesses"), html.P(
                f"Indicators where {name} is furthest below that median.", className="note"),
                _peer_table(weaknesses, labels, "cty-weaknesses",
                            f"No indicator of {name} is below the median of other "
                            f"{peers_label}.")]),
        ], className="two-col"),
        html.H2("Coverage and freshness of the data"),
        *[html.P(text, className="note", id=f"cty-denominator-{i}")  # audit 3 A9
          for i, text in enumerate(data_access.memo(denominator_notes, bundle, iso3,
                                                    result.year))],
        html_table(country.coverage(result, iso3),
                   labels={"pillar": "Pillar", "with_data": "Indicators with data",
                           "indicators": "Indicators", "stale": f"Older than {result.year}",
                           "imputed": "Imputed", "oldest_year": "Oldest year used"},
                   table_id="cty-coverage"),
    ]


def _capability(bundle, spec: ScoringSpec, iso3: str, query: tuple[tuple[str, Any], ...]) -> Any:
    """Return the capability section (its scenario links keep the whole query)."""
    return capability_country(bundle, data_access.result(spec), iso3, f"/country/{iso3}",
                              dict(query))


def _sources(bundle, spec: ScoringSpec, iso3: str) -> list[Any]:
    """Return every number of ``iso3`` under ``spec`` with its source, as a grid."""
    result = data_access.result(spec)
    return [
        html.H2("Every number and its source"),
        html.P(f"World rank on the indicator's score; none for a tie of {BOTTOM_CROWD} or more "
               "countries at the bottom (such as having none).", className="note"),
        dag.AgGrid(id="cty-sources", rowData=_source_rows(result, bundle, iso3),
                   columnDefs=SOURCE_COLUMNS, className="ag-theme-quartz",
                   dashGridOptions={"suppressColumnVirtualisation": True},
                   defaultColDef={"sortable": True, "resizable": True},
                   style={"height": "560px"}),
    ]


#: Client side: the chosen country's profile (the address keeps its method, tab and year);
#: nothing when it is the page already shown, so drawing the page sends no request.
PICK_COUNTRY_JS = """
function(iso3) {
    if (!iso3) { return window.dash_clientside.no_update; }
    var path = window.sovai.basePath() + '/country/' + encodeURIComponent(iso3);
    return path === window.location.pathname ? window.dash_clientside.no_update : path;
}
"""


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


def toggle_play(press: Any, playing: Any, year: Any, search: str | None) -> tuple[Any, ...]:
    """Start the years playing, or pause them and write the year shown into the link."""
    if not press:
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    if not playing:
        return start_state(data_access.bundle().years, year), False, PAUSE_LABEL, dash.no_update
    return None, True, PLAY_LABEL, _with_year(search, year)


def play_step(step: Any, playing: Any, year: Any, pathname: str | None,
              search: str | None) -> tuple[Any, ...]:
    """Move the slider to the next scored year and redraw the open tab's figure, the summary
    and the cards for it; after the last year stop and write it into the link (the one link
    write of a play)."""
    keep = dash.no_update
    if not step or not playing:
        return (keep,) * 8
    bundle = data_access.bundle()
    target = bundle.years[0] if playing.get("rewind") else next_year(bundle.years, year)
    if target is None:
        return None, True, PLAY_LABEL, _with_year(search, year), keep, keep, keep, keep
    iso3 = (pathname or "").rstrip("/").rsplit("/", 1)[-1].upper()
    if iso3 not in bundle.countries.index:
        return (keep,) * 8
    query = parse_search(search or "")
    spec = spec_from_query(query, bundle).model_copy(update={"year": target})
    result = data_access.result(spec)
    standing = country.standing(result, iso3)
    tab = parse_tab(query.get("tab"), default="chart")
    return ({"rewind": False}, keep, keep, keep, target,
            _tab_content(tab, result, iso3, standing), country.country_summary(result, iso3),
            _cards(standing).children)


def register_callbacks(app: Dash) -> None:
    """Attach this page's callbacks to ``app``."""
    # the picker is a second control so that the mount burst has two and the gate ignores it
    link_writer(app, ids.CTY_CHANGE, [(ids.CTY_YEAR, "value"), (ids.CTY_PICK, "value")],
                year_to_url, states=[(ids.CTY_PLAYING, "data")])
    country_picker.install(app, ids.CTY_PICK)
    install_gates(app, ids.CTY_PLAY, ids.CTY_PLAY_TICK, ids.CTY_PLAYING, ids.CTY_PLAY_PRESS,
                  ids.CTY_PLAY_STEP)
    play_outputs = [Output(ids.CTY_PLAYING, "data", allow_duplicate=True),
                    Output(ids.CTY_PLAY_TICK, "disabled", allow_duplicate=True),
                    Output(ids.CTY_PLAY, "children", allow_duplicate=True),
                    Output(ids.URL, "search", allow_duplicate=True)]
    app.callback(*play_outputs, Input(ids.CTY_PLAY_PRESS, "data"), State(ids.CTY_PLAYING, "data"),
                 State(ids.CTY_YEAR, "value"), State(ids.URL, "search"),
                 prevent_initial_call=True)(toggle_play)
    app.callback(*play_outputs, Output(ids.CTY_YEAR, "value"),
                 Output(ids.CTY_PANEL, "children"), Output("cty-summary", "children"),
                 Output("cty-cards", "children"),
                 Input(ids.CTY_PLAY_STEP, "data"), State(ids.CTY_PLAYING, "data"),
                 State(ids.CTY_YEAR, "value"), State(ids.URL, "pathname"),
                 State(ids.URL, "search"), prevent_initial_call=True)(play_step)
    app.clientside_callback(PICK_COUNTRY_JS, Output(ids.URL, "pathname", allow_duplicate=True),
                            Input(ids.CTY_PICK, "value"), prevent_initial_call=True)
    app.callback(Output(ids.CTY_DOWNLOAD, "data"), Input(ids.CTY_DL_FULL, "n_clicks"),
                 State(ids.URL, "href"), prevent_initial_call=True)(download)
