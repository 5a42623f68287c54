"""Overview: world map, ranking with filters, year and view, and the weights & methods panel."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import dash
import dash_ag_grid as dag
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from dashboard import data_access, ids
from dashboard.components.chart import chart_block
from dashboard.components.figure_tabs import tab_bar, tab_panel, year_slider
from dashboard.components.links import base_path, href, href_under
from dashboard.components.method_banner import method_banner
from dashboard.components.ranking_preview import PREVIEW_ROWS, grid_frame, ranking_preview
from dashboard.components.state_flow import changed_id, link_writer
from dashboard.components.weights_panel import basic_controls, spec_from_panel, weights_panel
from dashboard.components.year_player import (
    PAUSE_LABEL,
    PLAY_LABEL,
    next_year,
    play_controls,
    start_state,
)
from dashboard.views import downloads, figures, search
from dashboard.views.fmt import NUMBER_JS
from dashboard.views.grid import delta_column, escape_markdown, score_column
from dashboard.views.intervals import RUNS, rank_interval_frame
from dashboard.views.query import OVERALL, OverviewQuery, overview_query, search_for
from dashboard.views.ranking import (
    SummaryEntry,
    grid_rows,
    ranking_frame,
    ranking_summary,
    summary_entries,
    summary_of,
)
from indicators import Bundle, Result, ScoringSpec

#: The route and navigation entry (keywords of ``dash.register_page``).
ROUTE = {"path": "/", "name": "Overview", "order": 0,
         "title": "Sovereign-AI readiness — overview"}
PAGE = "overview"
#: The ranking grid's height (its preview keeps it while the grid loads).
GRID_HEIGHT = "560px"


def _select(label: str, cid: str, value: str, options: list[dict[str, Any]] | list[str],
            placeholder: str = "All") -> html.Label:
    return html.Label([html.Span(label), dcc.Dropdown(id=cid, value=value or None,
                                                      options=options, placeholder=placeholder,
                                                      clearable=bool(placeholder))],
                      className="control")


def _measure_options(bundle) -> list[dict[str, str]]:
    """Return the map's measures: overall, each pillar, each scored indicator (by its pillar)."""
    opts = [{"value": OVERALL, "label": "Overall score"}]
    opts += [{"value": p, "label": f"{bundle.pillars.at[p, 'name']} pillar"}
             for p in bundle.pillar_codes]
    indicators = bundle.scored_indicators
    pillar_names = bundle.pillars["name"]
    opts += [{"value": str(code), "label": f"{pillar_names[pillar]} · {name}"}
             for code, pillar, name in zip(indicators.index, indicators["pillar"],
                                           indicators["name"], strict=True)]
    return opts


def _state(search: str) -> OverviewQuery:
    return overview_query({k: v[0] for k, v in parse_qs(search.lstrip("?")).items()},
                          data_access.bundle())


def _scores(state: OverviewQuery) -> tuple[Bundle, Result, Result]:
    """Return the bundle, the result of the link's method and the reference's of its year."""
    bundle = data_access.bundle()
    result = data_access.result(state.spec)
    return bundle, result, data_access.result(ScoringSpec(year=result.year))


def _frame(state: OverviewQuery, scores: tuple[Bundle, Result, Result] | None = None):
    """Return the bundle, the result and the ranking shown (filters applied), its rows built
    once per method, measure and intervals (``_full_frame``), the filters a row selection."""
    bundle, result, reference = scores or _scores(state)
    full = data_access.part(_full_frame, bundle, result, reference, state.spec,
                                 state.measure, state.intervals, base_path())
    kept = data_access.part(_kept, bundle, state.region, state.income, state.bloc)
    return bundle, result, full[full["iso3"].isin(kept)].reset_index(drop=True)


def _full_frame(bundle, result, reference, spec: ScoringSpec, measure: str, intervals: bool,
                base: str):
    """Return the ranking of every country (no filter) with its links and names: memoised per
    data, method, measure, intervals and base path, so a filter's change reuses it."""
    shown = rank_interval_frame(bundle, spec) if intervals else None
    frame = ranking_frame(result, reference, bundle,
                          OverviewQuery(spec=spec, measure=measure), shown,
                          data_access.part(_result_table, bundle, result))
    spec_search = search_for(spec)
    escaped = data_access.part(_escaped_names, bundle)
    frame["country"] = [f"[{escaped.get(n) or escape_markdown(n)}]"
                        f"({href_under(base, f'/country/{i}', spec_search)})"
                        for n, i in zip(frame["name"], frame["iso3"], strict=True)]
    names = search.aliases(bundle)
    frame["aliases"] = [" ".join(names.get(i, [])) for i in frame["iso3"]]
    return frame


def _escaped_names(bundle) -> dict[str, str]:
    """Return each country's name as a markdown link's text writes it (``country_link``)."""
    return {str(n): escape_markdown(str(n)) for n in bundle.countries["name"]}


def _kept(bundle, region: str, income: str, bloc: str) -> frozenset[str]:
    """Return the countries the region, income-group and bloc filters keep (memoised; the
    countries of ``filtered_iso3``, from sets made once per data version)."""
    every, regions, incomes, blocs = data_access.part(_filter_sets, bundle)
    kept = every
    for value, sets in ((region, regions), (income, incomes), (bloc, blocs)):
        if value:
            kept = kept & sets.get(value, frozenset())
    return kept


def _filter_sets(bundle) -> tuple[frozenset[str], dict[str, frozenset[str]],
                                  dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Return every country, and the countries of each region, income group and bloc."""
    countries = bundle.countries
    every = frozenset(str(i) for i in countries.index)

    def by(column) -> dict[str, frozenset[str]]:
        groups = column.groupby(column).groups
        return {str(k): frozenset(str(i) for i in v) for k, v in groups.items()}

    blocs = {str(g): frozenset(str(i) for i in members) & every
             for g, members in bundle.groups.groupby("group")["iso3"]}
    return every, by(countries["region"].dropna()), by(countries["income_group"].dropna()), blocs


def _rows(state: OverviewQuery, scores: tuple[Bundle, Result, Result]) -> list[dict[str, Any]]:
    """Return the grid rows shown: every country's built once per method, measure and
    intervals (``_full_rows``), those the filters keep picked from them."""
    bundle, result, reference = scores
    rows = data_access.part(_full_rows, bundle, result, reference, state.spec,
                                 state.measure, state.intervals, base_path())
    kept = data_access.part(_kept, bundle, state.region, state.income, state.bloc)
    return [row for row in rows if row["iso3"] in kept]


def _full_rows(bundle, result, reference, spec: ScoringSpec, measure: str, intervals: bool,
               base: str) -> list[dict[str, Any]]:
    """Return the grid rows of every country (``grid_rows`` of ``_full_frame``)."""
    return grid_rows(data_access.part(_full_frame, bundle, result, reference, spec,
                                           measure, intervals, base))


def _summary(bundle, result, reference, region: str, income: str, bloc: str) -> str:
    """Return the ranking's summary sentence: it reads the method and the filters only."""
    codes, entries = data_access.part(_summary_table, bundle, result, reference)
    kept = data_access.part(_kept, bundle, region, income, bloc)
    return summary_of([e for code, e in zip(codes, entries, strict=True) if code in kept],
                      result, OverviewQuery(spec=result.spec, region=region, income=income,
                                            bloc=bloc))


def _summary_table(bundle, result, reference) -> tuple[list[str], list[SummaryEntry]]:
    """Return every country's code and summary entry (``summary_entries``), best first: from
    the ranking of the overall score (the rows' own frame when the map shows it)."""
    frame = data_access.part(_full_frame, bundle, result, reference, result.spec, OVERALL,
                             False, base_path())
    return [str(i) for i in frame["iso3"]], summary_entries(frame)


def _result_table(bundle, result):
    """Return ``result.table()`` (memoised: the ranking and the summary both start from it)."""
    return result.table()


def _filter_options(bundle) -> tuple[list[str], list[str], list[str]]:
    """Return the regions, income groups and blocs to filter by, sorted (memoised)."""
    countries = bundle.countries
    return (sorted(countries["region"].dropna().unique().tolist()),
            sorted(countries["income_group"].dropna().unique().tolist()),
            sorted(bundle.groups["group"].unique().tolist()))


def _columns(result, state: OverviewQuery) -> list[dict[str, Any]]:
    cols: list[dict[str, Any]] = [
        {"field": "rank", "headerName": "Rank", "width": 90, "type": "numericColumn",
         "pinned": "left"},
        {"field": "country", "headerName": "Country", "cellRenderer": "markdown", "width": 200,
         "pinned": "left",
         "getQuickFilterText": {"function": search.QUICK_FILTER_TEXT}},
        {"field": "iso3", "headerName": "ISO", "width": 80},
        delta_column(),
        *([{"headerName": f"Rank 5–95 % ({RUNS} Monte Carlo runs)", "children": [
            {"field": "rank_p05", "headerName": "best", "width": 90, "type": "numericColumn"},
            {"field": "rank_p95", "headerName": "worst", "width": 90, "type": "numericColumn"}]}]
          if state.intervals else []),
        score_column("overall", "Overall"),
        *[score_column(p, str(result.pillar_info.at[p, "name"]), 115)
          for p in result.pillars.columns],
    ]
    if state.measure not in (OVERALL, *result.pillars.columns):
        info = result.indicators.loc[state.measure]
        cols.append(score_column("measure", f"{info['name']} (score)", 160))
        cols.append({"field": "measure_raw", "headerName": f"value ({info['unit']})",
                     "type": "numericColumn", "width": 150,
                     "valueFormatter": {"function": NUMBER_JS}})
        cols.append({"field": "measure_year", "headerName": "year", "width": 90})
    cols += [{"field": "region", "headerName": "Region", "width": 190},
             {"field": "income_group", "headerName": "Income group", "width": 170}]
    return cols


def _ranking(state: OverviewQuery, scores: tuple[Bundle, Result, Result],
             shown: bool = True) -> list[Any]:
    """Return the ranking's toolbar and grid; hidden and empty when another tab is open (the
    controls stay, so the page's callbacks always find them, but no row is built)."""
    toolbar = html.Div([
        html.Label([html.Span("Find a country"),
                    dcc.Input(id=ids.OV_SEARCH, type="search", value=state.q, debounce=False,
                              placeholder="any name the sources use, or ISO code",
                              autoFocus=bool(state.q) and shown)], className="control"),
        dcc.Checklist(id=ids.OV_INTERVALS, value=["on"] if state.intervals else [],
                      options=[{"value": "on", "label": " Show 5–95 % rank intervals"}],
                      className="check"),
        dcc.Link("Tick countries to compare them", id=ids.OV_COMPARE, href=href("/compare"),
                 className="button disabled"),
        html.Button("Download data shown", id=ids.OV_DL_SHOWN),
        html.Button("Download full data", id=ids.OV_DL_FULL, className="secondary"),
        dcc.Download(id=ids.OV_DOWNLOAD),
    ], className="toolbar")
    bundle, result, _reference = scores
    rows = _rows(state, scores) if shown else []
    columns = _columns(result, state) if shown else []
    grid = dag.AgGrid(id=ids.OV_GRID, rowData=rows,
                      columnDefs=columns,
                      defaultColDef={"sortable": True, "resizable": True},
                      dashGridOptions={"quickFilterText": state.q, "animateRows": False,
                                       **data_access.part(search.quick_filter_options,
                                                               bundle),
                                       "rowSelection": {"mode": "multiRow",
                                                        "enableClickSelection": False},
                                       "suppressCellFocus": False},
                      getRowId="params.data.iso3", className="ag-theme-quartz ranking",
                      style={"height": GRID_HEIGHT})
    if not shown:
        return [html.Div([toolbar, grid], hidden=True)]
    return [toolbar, grid_frame(_preview(state, bundle, columns, rows), grid, GRID_HEIGHT)]


def _preview(state: OverviewQuery, bundle: Bundle, columns: list[dict[str, Any]],
             rows: list[dict[str, Any]]) -> html.Div:
    """Return the grid's first rows as a plain table (the search applied, as the grid will)."""
    if state.q:
        found = data_access.part(search.matching_codes, bundle, state.q)
        rows = [row for row in rows if row["iso3"] in found]
    rows = rows[:PREVIEW_ROWS]
    spec_search = search_for(state.spec)
    links = [href(f"/country/{row['iso3']}", spec_search) for row in rows]
    return ranking_preview(ids.OV_GRID_PREVIEW, columns, rows, links,
                           f"The first {len(rows)} rows of the ranking; the full table, which "
                           "sorts and searches, takes this one's place as it loads.")


def _map_table(state: OverviewQuery, result, frame):
    """Return the table of the map and the chart: rank, name, scores (the measure's too)."""
    table = frame[["rank", "name", "overall", *result.pillars.columns]].copy()
    if state.measure not in (OVERALL, *result.pillars.columns):
        table["score"] = frame["measure"]
    return table


def _tab_content(state: OverviewQuery, scores: tuple[Bundle, Result, Result]) -> list[Any]:
    """Return what the open tab shows, and nothing heavy of the others (the table's rows come
    from memoised parts; only a map or a chart needs the ranking as a frame)."""
    if state.tab not in ("map", "chart"):
        return _ranking(state, scores)
    _bundle, result, frame = _frame(state, scores)
    map_table = _map_table(state, result, frame)
    shown = list(frame["iso3"])
    if state.tab == "map":
        return [chart_block(ids.OV_MAP, figures.world_map(result, state.measure, shown),
                            "A click on a country opens its profile.", map_table,
                            f"sovai-map-{state.measure}-{result.year}", with_map=True,
                            result=result),
                *_ranking(state, scores, shown=False)]
    if state.tab == "chart":
        bars = figures.ranking_bars(result, state.measure, shown)
        return [chart_block(ids.OV_CHART, bars, "The best-scoring countries shown, best first.",
                            map_table.head(25), f"sovai-top-{state.measure}-{result.year}",
                            result=result),
                *_ranking(state, scores, shown=False)]
    return _ranking(state, scores)


def layout(**query: Any) -> html.Div:
    """Return the overview for the state in the query string (the open tab's figure only)."""
    bundle = data_access.bundle()
    state = overview_query(query, bundle)
    scores = _scores(state)
    bundle, result, _reference = scores
    regions, incomes, blocs = data_access.part(_filter_options, bundle)
    return html.Div([
        *method_banner(state.spec, bundle, href("/", replace(
            state, spec=ScoringSpec(year=state.spec.year)).search())),
        html.H1(f"Sovereign-AI readiness, {result.year}", id=ids.OV_HEADING),
        html.P("How much of the data, compute, models and industry a nation needs for its own AI "
               "it has at home. Pick a country in the table to see why it stands where it does, "
               "or tick several and compare them.", className="lead"),
        html.Div([
            *basic_controls(PAGE, bundle, state.spec, result.year),
            _select("Map shows", ids.OV_MEASURE, state.measure,
                    data_access.memo(_measure_options, bundle), ""),
            _select("Region", ids.OV_REGION, state.region, regions),
            _select("Income group", ids.OV_INCOME, state.income, incomes),
            _select("Bloc", ids.OV_BLOC, state.bloc, blocs),
        ], className="controls-grid"),
        weights_panel(PAGE, bundle, state.spec),
        html.Section([
            html.H2("Ranking, map and chart", className="visually-hidden"),
            tab_bar(state.tab, lambda tab: href("/", replace(state, tab=tab).search()),
                    ids.OV_PANEL),
            html.Div([year_slider(ids.OV_YEAR, bundle.years, result.year),
                      play_controls(ids.OV_PLAY, ids.OV_PLAY_TICK, ids.OV_PLAYING,
                                    shown=state.tab == "map")], className="year-row"),
            html.P(data_access.part(_summary, *scores, state.region, state.income,
                                         state.bloc), className="summary",
                   id=ids.OV_SUMMARY),
            tab_panel(ids.OV_PANEL, state.tab, _tab_content(state, scores)),
        ], className="figure-tabs"),
        html.P([figures.scale_sentence(result),
                "Δ rank compares with the reference method in the same year. ",
                dcc.Link("How the scores are made", href=href("/methodology")), "."],
               className="note"),
    ])


def controls_to_url(change, measure, region, income, bloc, intervals, year, choices, pillar_w,
                    indicator_w, q, playing, search):
    """Return the query string of the controls' state (the page re-renders from it).

    The search text is read, not listened to: typing filters the grid in the browser
    (``SEARCH_JS``) without drawing the page again. While the years play, the slider moves
    without writing the link (``play_step`` writes it once when it stops).
    """
    if playing:
        return dash.no_update
    bundle = data_access.bundle()
    values = {i["id"]["key"]: i["value"] for i in ctx.states_list[6]}
    pillars = {i["id"]["key"]: i["value"] for i in ctx.states_list[7]}
    weights = {i["id"]["key"]: i["value"] for i in ctx.states_list[8]}
    changed = changed_id(change)
    if changed == ids.OV_YEAR and year is not None:  # the slider and the dropdown set the year
        values["year"] = min(bundle.years, key=lambda y: abs(y - float(year)))
    preset = isinstance(changed, dict) and changed.get("key") == "preset"
    spec = spec_from_panel(bundle, values, pillars, weights, preset)
    state = OverviewQuery(spec=spec, measure=measure or OVERALL, region=region or "",
                          income=income or "", bloc=bloc or "", q=(q or "").strip(),
                          intervals=bool(intervals),
                          tab=_state(search or "").tab)
    new = state.search()
    return dash.no_update if new == (search or "") else new


#: Client side, on every keystroke: filter the grid (AG Grid's quick filter: each word must
#: appear in the row, names from the sources included) and put the text in the address with
#: ``replaceState`` (shareable, no new history entry, no redraw).
SEARCH_JS = """
function(text, options) {
    var url = new URL(window.location.href);
    if (text) { url.searchParams.set('q', text); } else { url.searchParams.delete('q'); }
    window.history.replaceState(window.history.state, '', url.pathname + url.search);
    return Object.assign({}, options || {}, {quickFilterText: text || ''});
}
"""


def selection_to_compare(rows, search):
    """Return the compare link of the ticked countries (2 to 8), keeping the scoring choices."""
    from dashboard.views.query import MAX_COMPARED, MIN_COMPARED, compare_search

    picked = [r["iso3"] for r in rows or []][:MAX_COMPARED]
    spec = _state(search or "").spec
    link = href("/compare", compare_search(picked, spec))
    if len(picked) < MIN_COMPARED:
        return link, f"Tick {MIN_COMPARED - len(picked)} more to compare", "button disabled"
    return link, f"Compare {len(picked)} selected", "button"


def download(_shown, _full, url):
    """Return the zip of the data shown (filters applied) or of the full data."""
    state = _state(urlsplit(url or "").query)
    bundle, result, frame = _frame(state)
    full = ctx.triggered_id == ids.OV_DL_FULL
    if full:
        tables = downloads.full_tables(result)
        title = f"Sovereign-AI readiness {result.year}: full data"
    else:
        if state.q:
            frame = frame[frame["iso3"].isin(search.matching(state.q, bundle))]
        tables = {"data": frame.drop(columns=["country", "aliases"])}
        title = f"Sovereign-AI readiness {result.year}: ranking as shown"
    meta = downloads.metadata(result, bundle, url or "", title)
    name = f"sovai-{'full' if full else 'ranking'}-{result.year}.zip"
    return dcc.send_bytes(downloads.package(tables, meta), name)


def _with_year(search: str, year: int | float | None) -> Any:
    """Return the overview's query string with ``year`` (or no_update when it is already)."""
    state = _state(search or "")
    if year is None:
        return dash.no_update
    new = replace(state, spec=state.spec.model_copy(update={"year": int(year)})).search()
    return dash.no_update if new == (search or "") else new


def toggle_play(clicks, playing, year, search):
    """Start the years playing, or pause them and write the year shown into the link."""
    if not clicks:  # the button mounting with the page, not a press
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    if not playing:
        return start_state(data_access.bundle().years, year), False, PAUSE_LABEL, dash.no_update
    return None, True, PLAY_LABEL, _with_year(search, year)


#: Client side: pass a press of the play button on, not the button mounting with the page.
PRESS_GATE_JS = """
function(clicks) {
    if (!clicks) { return window.dash_clientside.no_update; }
    return Date.now();
}
"""

#: Client side: pass a tick on (as a fresh number) only while the years play.
PLAY_GATE_JS = """
function(ticks, playing) {
    if (!ticks || !playing) { return window.dash_clientside.no_update; }
    return Date.now();
}
"""


def play_step(ticks, playing, year, search):
    """Move the slider to the next scored year and redraw the map, heading and summary for it;
    at the last year stop and write the year into the link (the one link write of a play)."""
    keep = dash.no_update
    unchanged = [keep for _ in ctx.outputs_list[5]]  # a wildcard output takes a list
    if not ticks or not playing:
        return keep, keep, keep, keep, keep, unchanged, keep, keep
    years = data_access.bundle().years
    target = years[0] if playing.get("rewind") else next_year(years, year)
    if target is None:
        return None, True, PLAY_LABEL, _with_year(search, year), keep, unchanged, keep, keep
    state = _state(search or "")
    state = replace(state, intervals=False,  # Monte Carlo intervals are the table's, not the map's
                    spec=state.spec.model_copy(update={"year": target}))
    _bundle, result, frame = _frame(state)
    figure = figures.world_map(result, state.measure, list(frame["iso3"]))
    maps = [figure for _ in ctx.outputs_list[5]]  # the overview's one map
    return ({"rewind": False}, keep, keep, keep, target, maps,
            ranking_summary(frame, result, state), f"Sovereign-AI readiness, {result.year}")


def register_callbacks(app: Dash) -> None:
    """Attach this page's callbacks to ``app``."""
    link_writer(app, ids.OV_CHANGE, [
        (ids.OV_MEASURE, "value"), (ids.OV_REGION, "value"), (ids.OV_INCOME, "value"),
        (ids.OV_BLOC, "value"), (ids.OV_INTERVALS, "value"), (ids.OV_YEAR, "value"),
        (ids.panel(PAGE, "choice", ALL), "value"), (ids.panel(PAGE, "pw", ALL), "value"),
        (ids.panel(PAGE, "iw", ALL), "value")], controls_to_url,
        states=[(ids.OV_SEARCH, "value"), (ids.OV_PLAYING, "data")])
    app.clientside_callback(SEARCH_JS, Output(ids.OV_GRID, "dashGridOptions"),
                            Input(ids.OV_SEARCH, "value"), State(ids.OV_GRID, "dashGridOptions"),
                            prevent_initial_call=True)
    app.callback(Output(ids.OV_COMPARE, "href"), Output(ids.OV_COMPARE, "children"),
                 Output(ids.OV_COMPARE, "className"),
                 Input(ids.OV_GRID, "selectedRows"), State(ids.URL, "search"),
                 prevent_initial_call=True)(selection_to_compare)
    app.callback(Output(ids.OV_DOWNLOAD, "data"), Input(ids.OV_DL_SHOWN, "n_clicks"),
                 Input(ids.OV_DL_FULL, "n_clicks"), State(ids.URL, "href"),
                 prevent_initial_call=True)(download)
    play_outputs = [Output(ids.OV_PLAYING, "data", allow_duplicate=True),
                    Output(ids.OV_PLAY_TICK, "disabled", allow_duplicate=True),
                    Output(ids.OV_PLAY, "children", allow_duplicate=True),
                    Output(ids.URL, "search", allow_duplicate=True)]
    app.clientside_callback(PRESS_GATE_JS, Output(ids.OV_PLAY_PRESS, "data"),
                            Input(ids.OV_PLAY, "n_clicks"), prevent_initial_call=True)
    app.callback(*play_outputs, Input(ids.OV_PLAY_PRESS, "data"), State(ids.OV_PLAYING, "data"),
                 State(ids.OV_YEAR, "value"), State(ids.URL, "search"),
                 prevent_initial_call=True)(toggle_play)
    # A client-side gate passes a tick on only while the years play: the interval is redrawn with
    # the page, and Dash fires callbacks whose inputs a freshly drawn page mounts, so a server
    # callback on the tick itself would cost a request on every render.
    app.clientside_callback(PLAY_GATE_JS, Output(ids.OV_PLAY_STEP, "data"),
                            Input(ids.OV_PLAY_TICK, "n_intervals"), State(ids.OV_PLAYING, "data"),
                            prevent_initial_call=True)
    app.callback(*play_outputs, Output(ids.OV_YEAR, "value"),
                 Output(ids.clickable_map(ALL), "figure"),  # none on the other tabs
                 Output(ids.OV_SUMMARY, "children"), Output(ids.OV_HEADING, "children"),
                 Input(ids.OV_PLAY_STEP, "data"), State(ids.OV_PLAYING, "data"),
                 State(ids.OV_YEAR, "value"), State(ids.URL, "search"),
                 prevent_initial_call=True)(play_step)
