"""Views of the Robustness page: summary, rank-interval chart and grid, Sobol' and leave-one-out.

Plain functions of the bundle, the link's spec and the page settings; the page draws them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from dashboard import data_access, ids
from dashboard.views import robustness_state as state
from dashboard.views.figures import MAP_COLORSCALE, MODEBAR_PX, TITLE_CHARS, figure
from dashboard.views.fmt import chart_lines, count, is_missing, ordinal
from dashboard.views.intervals import outlier_text
from dashboard.views.plot_text import plot_text, plot_texts
from indicators import Bundle, ScoringSpec
from indicators.robustness import Uncertainty
from indicators.robustness.assumptions import MONTE_CARLO_AGGREGATIONS

#: Okabe–Ito colours (distinguishable with colour-vision deficiencies; AA contrast on white).
BLUE, VERMILLION, GREY = "#0072B2", "#D55E00", "#4a4a4a"
#: Countries shown in the interval chart and the Sobol' heatmap (the grid has them all).
TOP_SHOWN = 30
#: Below this standard deviation (in ranks) a rank barely moves and its Sobol' indices are noise.
STEADY_RANK_SD = 0.5
#: The Sobol' heatmap's scale: Cividis, as the maps (explicit stops: figures skip the validator).
SOBOL_COLORSCALE = MAP_COLORSCALE
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif"


def _layout(title: str, height: int, **more: Any) -> dict[str, Any]:
    """Return the layout of a figure of this page: title under the toolbar, font, margins."""
    text, lines = chart_lines(title, TITLE_CHARS)
    return {"title": {"text": text, "x": 0, "xanchor": "left", "y": 1, "yref": "container",
                      "yanchor": "top", "pad": {"t": MODEBAR_PX}, "font": {"size": 16}},
            "font": {"family": FONT, "size": 12, "color": "#1b1b1b"},
            "height": height + 20 * (lines - 1),
            "margin": {"l": 10, "r": 10, "t": MODEBAR_PX + 30 + 20 * lines, "b": 40},
            "paper_bgcolor": "white", "plot_bgcolor": "white", **more}


def summary(analysis: Uncertainty, version: str) -> html.Div:
    """Return how many runs there were and, one line each, exactly how each assumption varied."""
    design = analysis.design
    seed = f", seed {analysis.seed}" if analysis.seed is not None else ""
    return html.Div([
        html.P([html.Strong(f"{len(analysis.runs):,} Monte Carlo runs"),
                f"{seed}; scored {design.year}; data version {version[:12]}."],
               id=ids.RB_RUN_COUNT),
        html.Ul([html.Li(line) for line in design.statements()], id=ids.RB_ASSUMPTIONS),
    ], className="rb-summary")


def interval_rows(analysis: Uncertainty, names: pd.Series) -> pd.DataFrame:
    """Return the interval table with country names, best reference rank first."""
    table = analysis.table()
    table.insert(1, "country", table["iso3"].map(names).fillna(table["iso3"]))
    return table


def interval_figure(rows: pd.DataFrame) -> dcc.Graph:
    """Return the chart of the best-ranked countries' 5–95 % rank intervals and medians."""
    shown = rows.dropna(subset=["rank"]).head(TOP_SHOWN).iloc[::-1]
    labels = [plot_text(f"{c} ({i})") for c, i in zip(shown["country"], shown["iso3"],
                                                       strict=True)]
    p05, p95 = shown["rank_p05"].astype(float), shown["rank_p95"].astype(float)
    median = shown["median_rank"].astype(float)
    data = [
        {"type": "scatter", "x": median.to_numpy(), "y": labels, "mode": "markers",
         "name": "median rank", "marker": {"color": BLUE, "size": 9},
         "error_x": {"type": "data", "symmetric": False, "array": (p95 - median).to_numpy(),
                     "arrayminus": (median - p05).to_numpy(), "color": BLUE, "thickness": 2},
         "hovertemplate": "%{y}: median %{x}<extra>5–95 % interval</extra>"},
        {"type": "scatter", "x": shown["rank"].astype(float).to_numpy(), "y": labels,
         "mode": "markers", "name": "rank as chosen",
         "marker": {"color": VERMILLION, "symbol": "diamond-open", "size": 10,
                    "line": {"width": 2}},
         "hovertemplate": "%{y}: rank %{x} as chosen<extra></extra>"},
    ]
    layout = _layout(
        f"Rank intervals of the top {len(shown)}", 120 + 22 * len(shown),
        xaxis={"title": {"text": "rank (1 = best)<br>bar: 5–95 % of runs"},
               "autorange": "reversed", "gridcolor": "#e5e5e5", "zeroline": False},
        legend={"orientation": "h", "y": 1.0, "x": 1, "yanchor": "bottom", "xanchor": "right"})
    return dcc.Graph(id=ids.RB_INTERVAL_CHART, className="chart", config={"displaylogo": False},
                     figure=figure(data, layout))


def interval_text(rows: pd.DataFrame) -> str:
    """Return a sentence summarising the intervals (the chart's text alternative)."""
    ranked = rows.dropna(subset=["rank", "rank_p05"])
    if ranked.empty:
        return "No country is ranked."
    width = (ranked["rank_p95"] - ranked["rank_p05"]).astype(float)
    widest = ranked.iloc[int(width.to_numpy().argmax())]
    sure = int((ranked["p_top10"] >= 0.95).sum())
    outliers = outlier_text(ranked)
    return (f"Half of the ranked countries have a 5–95 % interval narrower than "
            f"{width.median():.0f} ranks; the widest is {widest['country']} "
            f"({int(widest['rank_p05'])}–{int(widest['rank_p95'])}). {count(sure, 'country')} "
            f"{'is' if sure == 1 else 'are'} in the "
            "top 10 in at least 95 % of runs." + (f" {outliers}" if outliers else ""))


def interval_grid(rows: pd.DataFrame) -> dag.AgGrid:
    """Return every country's rank, median, interval and probabilities as a sortable grid."""
    cells = {c: [None if is_missing(v) else v for v in rows[c].tolist()] for c in rows.columns}
    for share in ("p_top10", "p_ranked"):
        cells[share] = [None if v is None else round(100 * float(v), 1) for v in cells[share]]
    records = [dict(zip(cells, row, strict=True)) for row in zip(*cells.values(), strict=True)]
    columns = [{"field": "rank", "headerName": "Rank as chosen", "width": 110},
               {"field": "country", "headerName": "Country"},
               {"field": "median_rank", "headerName": "Median rank"},
               {"field": "rank_p05", "headerName": "5 %"},
               {"field": "rank_p95", "headerName": "95 %"},
               {"field": "p_top10", "headerName": "% of runs in top 10"},
               {"field": "p_ranked", "headerName": "% of runs ranked"}]
    return dag.AgGrid(id=ids.RB_GRID, rowData=records, columnDefs=columns,
                      defaultColDef={"sortable": True, "filter": True, "resizable": True},
                      style={"height": "420px"})


def sobol_figure(indices: pd.DataFrame, rows: pd.DataFrame) -> dcc.Graph:
    """Return a heatmap of total Sobol' effects: top countries × varied assumptions."""
    shown = rows.dropna(subset=["rank"]).head(TOP_SHOWN)
    names = dict(zip(shown["iso3"], shown["country"], strict=True))
    pivot = indices.pivot(index="iso3", columns="assumption", values="total")
    first = indices.pivot(index="iso3", columns="assumption", values="first_order")
    order = list(dict.fromkeys(indices["assumption"]))
    iso3 = [i for i in shown["iso3"] if i in pivot.index][::-1]
    steady = indices.groupby("iso3")["rank_sd"].first() < STEADY_RANK_SD
    z = pivot.loc[iso3, order].clip(0, 1)
    z[steady.reindex(iso3).to_numpy()] = float("nan")  # blank: nothing to attribute
    heatmap = {"type": "heatmap", "z": z.to_numpy(), "x": order,
               "y": [plot_text(f"{names[i]} ({i})") for i in iso3], "zmin": 0, "zmax": 1,
               "colorscale": SOBOL_COLORSCALE, "colorbar": {"title": {"text": "total effect"}},
               "customdata": first.loc[iso3, order].to_numpy(),
               "hovertemplate": "%{y}, %{x}: total %{z:.2f}, first-order %{customdata:.2f}"
                                "<extra></extra>"}
    return dcc.Graph(id=ids.RB_SOBOL_CHART, className="chart", config={"displaylogo": False},
                     figure=figure([heatmap], _layout(
                         "Share of each rank's variance due to each assumption (total Sobol' "
                         "effect)", 140 + 22 * len(iso3))))


def sobol_text(indices: pd.DataFrame, rows: pd.DataFrame) -> str:
    """Return which assumption has the largest total effect for most of the top countries."""
    top = indices[indices["iso3"].isin(rows.dropna(subset=["rank"])["iso3"].head(TOP_SHOWN))]
    moving = top[top["rank_sd"] >= STEADY_RANK_SD]
    if moving.empty:
        return "No top country's rank moves enough to attribute."
    leading = moving.loc[moving.groupby("iso3")["total"].idxmax(), "assumption"].value_counts()
    return (f"The assumption with the largest total effect is {leading.index[0]} for "
            f"{int(leading.iloc[0])} of the {moving['iso3'].nunique()} top countries whose rank "
            f"moves; rows left blank barely move (standard deviation under {STEADY_RANK_SD} "
            "rank), so their indices would be noise.")


def country_figures(indices: pd.DataFrame | None, dropped: pd.DataFrame, iso3: str,
                    name: str, labels: pd.Series | None = None) -> list[dcc.Graph | html.P]:
    """Return one country's Sobol' bars (first-order and total) and leave-one-out shifts.

    A rank that barely moves (standard deviation under ``STEADY_RANK_SD``) has no variance to
    share out, so its indices are noise: a sentence says so instead of a chart. Shares are
    drawn on 0–1 (a share cannot exceed 1; a larger estimate is sampling noise, shown on hover).
    ``labels`` maps indicator codes to their names for the leave-one-out chart.
    """
    out: list[dcc.Graph | html.P] = []
    if indices is not None:
        mine = indices[indices["iso3"] == iso3]
        sd = float(mine["rank_sd"].iloc[0]) if not mine.empty else 0.0
        if sd < STEADY_RANK_SD:
            out.append(html.P(f"{name}'s rank barely moves across the runs (standard deviation "
                              f"{sd:.2f} rank), so there is no variance to attribute to the "
                              "assumptions.", id=ids.RB_COUNTRY_SOBOL))
        else:
            first = mine["first_order"].astype(float)
            total = mine["total"].astype(float)
            bars = [{"type": "bar", "x": mine["assumption"].to_numpy(),
                     "y": first.clip(0, 1).to_numpy(), "name": "first-order",
                     "marker": {"color": BLUE}, "customdata": first.to_numpy(),
                     "hovertemplate": "%{x}: estimate %{customdata:.2f}<extra>first-order</extra>"},
                    {"type": "bar", "x": mine["assumption"].to_numpy(),
                     "y": total.clip(0, 1).to_numpy(), "name": "total (with interactions)",
                     "marker": {"color": VERMILLION}, "customdata": total.to_numpy(),
                     "hovertemplate": "%{x}: estimate %{customdata:.2f}<extra>total</extra>"}]
            layout = _layout(f"{plot_text(name)}: what moves its rank", 360,
                             yaxis={"title": {"text": "share of rank variance (0–1)"},
                                    "range": [0, 1], "gridcolor": "#e5e5e5"})
            out.append(dcc.Graph(id=ids.RB_COUNTRY_SOBOL, className="chart",
                                 figure=figure(bars, layout)))
    mine_loo = dropped[dropped["iso3"] == iso3]
    loo = mine_loo.dropna(subset=["shift"])
    if loo.empty:
        out.append(html.P(f"{name} has no rank as chosen, so there is no shift to show.",
                          id=ids.RB_COUNTRY_LOO))
        return out
    if (loo["shift"] == 0).all():
        out.append(html.P(f"Dropping any one indicator leaves {name} "
                          f"{ordinal(int(loo['rank'].iloc[0]))}: no single indicator holds its "
                          "rank up.", id=ids.RB_COUNTRY_LOO))
        return out
    names = loo["indicator"].map(labels) if labels is not None else loo["indicator"]
    names = names.fillna(loo["indicator"])
    loo_bars: dict[str, Any] = {
        "type": "bar", "x": loo["shift"].astype(float).to_numpy(), "y": plot_texts(names),
        "orientation": "h",
        "marker": {"color": [VERMILLION if s > 0 else BLUE for s in loo["shift"]]},
        "hovertemplate": "without %{y}: %{x:+} ranks<extra></extra>"}
    layout = _layout(f"{plot_text(name)}: rank without each indicator", 120 + 18 * len(loo),
                     xaxis={"title": {"text": "rank change without the indicator (+ = falls)"},
                            "gridcolor": "#e5e5e5"})
    out.append(dcc.Graph(id=ids.RB_COUNTRY_LOO, className="chart",
                         figure=figure([loo_bars], layout)))
    return out


def results(bundle: Bundle, spec: ScoringSpec, settings: state.Settings) -> list[Any]:
    """Return the summary, interval chart and grid, and the sensitivity charts.

    In two parts memoised by their own inputs (``data_access.part``), kept in their JSON
    form: the analysis (the spec and the settings but the country) and the country in detail,
    so choosing another country redraws only its charts.
    """
    if spec.aggregation not in MONTE_CARLO_AGGREGATIONS:
        return [html.P(f"The runs use {' or '.join(MONTE_CARLO_AGGREGATIONS)} aggregation, "
                       f"so the method in the link ({spec.aggregation}) cannot be analysed "
                       "here.", id="rb-unsupported")]
    analysis = replace(settings, country="")
    return [*data_access.part(_analysis_part, bundle, spec, analysis),
            *data_access.part(_country_part, bundle, spec, analysis, settings.country)]


def _analysis_part(bundle: Bundle, spec: ScoringSpec, settings: state.Settings) -> list[Any]:
    """Return the summary, the interval chart, sentence and grid, and the Sobol' heatmap."""
    analysis = state.uncertainty(bundle, spec, settings)
    rows = data_access.part(_interval_rows, bundle, spec, settings)
    indices = state.sobol(bundle, spec, settings)
    method = "the reference method" if spec.is_reference() else "the method in the link"
    out: list[Any] = [
        summary(analysis, bundle.version),
        html.P(f"The runs vary around {method}."),
        html.H2("Rank intervals"), interval_figure(rows),
        html.P(interval_text(rows), className="summary"), interval_grid(rows),
        html.H2("Sensitivity: which assumption moves which rank")]
    if indices is None:
        out.append(html.P("No assumption varies, so there is no variance to attribute."))
    else:
        k = indices["assumption"].nunique()
        out += [html.P(f"Sobol' indices from {state.SOBOL_SAMPLES} × ({k} assumptions + 2) = "
                       f"{state.SOBOL_SAMPLES * (k + 2):,} further runs (Saltelli's scheme, "
                       "SALib). First-order: the share of a rank's variance due to the "
                       "assumption alone; total: including its interactions. Unranked counts as "
                       "last."), sobol_figure(indices, rows),
                html.P(sobol_text(indices, rows), className="summary")]
    return out


def _interval_rows(bundle: Bundle, spec: ScoringSpec, settings: state.Settings) -> pd.DataFrame:
    """Return ``interval_rows`` of the analysis (memoised: both parts read it; not changed)."""
    return interval_rows(state.uncertainty(bundle, spec, settings), bundle.countries["name"])


def _country_part(bundle: Bundle, spec: ScoringSpec, settings: state.Settings,
                  country: str) -> list[Any]:
    """Return the detail of ``country`` (the first of the intervals when none is chosen)."""
    indices = state.sobol(bundle, spec, settings)
    dropped = state.dropped_indicators(bundle, spec)
    iso3 = country or str(data_access.part(_interval_rows, bundle, spec, settings)
                          ["iso3"].iloc[0])
    name = str(bundle.countries.at[iso3, "name"])
    labels = bundle.indicators["name"].astype(str)
    return [html.H2(f"{name} in detail"),
            html.P("Leave-one-out: the rank with each indicator dropped in turn, everything "
                   "else as chosen."),
            *country_figures(indices, dropped, iso3, name, labels)]
