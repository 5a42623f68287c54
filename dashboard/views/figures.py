"""Plotly figures, each carrying its title, source and date so an exported image stands alone."""
# pandas-stubs types every .at/.loc cell as a union of all scalars (bytes, dates, ...);
# these cells are numbers or text by the data contract, so the union checks are switched off.
# mypy: disable-error-code="union-attr, arg-type, str-bytes-safe, call-overload"
# mypy: disable-error-code="index, operator, dict-item"

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.views.fmt import chart_lines
from dashboard.views.plot_text import plot_text, plot_texts
from dashboard.views.query import OVERALL
from indicators import Result

#: Okabe–Ito: distinguishable with every common colour-vision deficiency.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000")
#: Sequential scale for maps: cividis is readable with colour-vision deficiencies.
MAP_SCALE = "Cividis"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif"


#: Normalisations whose scores are not bounded: a z-score is a T-score (mean 50, sd 10).
UNBOUNDED = ("zscore",)


#: Other methods whose scores are not on 0–100, and what they are instead.
OFF_SCALE = {("normalisation", "borda"): "Borda counts (countries outscored)",
             ("aggregation", "copeland"): "Copeland scores (countries outranked minus "
                                          "countries outranking)"}


def score_scale(result: Result) -> tuple[str, list[float] | None]:
    """Return the name of the scores' scale and its axis range (None: not bounded)."""
    if result.spec.normalisation in UNBOUNDED:
        return "z-score scale (50 = average, ±10 per standard deviation)", None
    for (field, name), label in OFF_SCALE.items():
        if getattr(result.spec, field) == name:
            return label, None
    return "0–100", [0.0, 100.0]


def scale_sentence(result: Result) -> str:
    """Return the sentence that states the scores' range under the table and charts."""
    if result.spec.normalisation in UNBOUNDED:
        return ("Scores are on a z-score scale (a T-score: 50 is the average country, each 10 "
                "points one standard deviation), so they can fall below 0 or exceed 100. ")
    label, bounds = score_scale(result)
    if bounds is None:
        return f"Scores are {label}, not on 0–100. "
    return "Scores are 0–100 (best country = 100 on each indicator). "


def source_line(result: Result, today: dt.date | None = None) -> str:
    """Return the line printed under each chart: method, data version, scoring year, date."""
    today = today or dt.date.today()
    method = "reference method" if result.spec.is_reference() else "custom method (see URL)"
    return (f"Source: sovai sovereign-AI readiness observatory, {method}; scored {result.year}; "
            f"data version {result.version[:12]}; made {today.isoformat()}")


#: Height of plotly's toolbar: titles start below it, so it never covers them (issue 11 #6).
MODEBAR_PX = 44
#: Characters per line of a chart title and of its source line: a title of 36 fits a phone's
#: 390 px (48 was clipped there, issue 11 #6); the source line is anchored at the plot's right
#: edge, since a chart's left margin grows with its labels (country names) and the right does not.
TITLE_CHARS, SOURCE_CHARS = 36, 56
#: How far below the plot the source line starts: under the tick labels and the x-axis title
#: (at 30 px a phone's narrow chart drew it over "score (0–100)").
SOURCE_SHIFT_PX = 46


def stamp(fig: go.Figure, title: str, result: Result, height: int = 420) -> go.Figure:
    """Return ``fig`` with title, source annotation, font and margins set for screen and export.

    The title starts below the toolbar and the title and source are broken into lines, so
    neither is covered nor clipped in a half-width chart or on a phone.
    """
    text, title_lines = chart_lines(title, TITLE_CHARS)
    source, source_lines = chart_lines(source_line(result), SOURCE_CHARS)
    fig.update_layout(
        title={"text": text, "x": 0.01, "xanchor": "left", "y": 1, "yref": "container",
               "yanchor": "top", "pad": {"t": MODEBAR_PX}, "font": {"size": 16}},
        font={"family": FONT, "size": 12, "color": "#1b1b1b"},
        margin={"l": 10, "r": 10, "t": MODEBAR_PX + 30 + 20 * title_lines,
                "b": SOURCE_SHIFT_PX + 20 + 14 * source_lines},
        height=height,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        paper_bgcolor="white", plot_bgcolor="white",
    )
    fig.add_annotation(text=source, xref="paper", yref="paper", x=1, y=-0.02,
                       yanchor="top", xanchor="right", align="left", showarrow=False,
                       font={"size": 10, "color": "#4a4a4a"}, yshift=-SOURCE_SHIFT_PX)
    return fig


def measure_label(result: Result, measure: str) -> str:
    """Return the readable name of 'overall', a pillar or an indicator."""
    if measure == OVERALL:
        return "Overall score"
    if measure in result.pillar_info.index:
        return f"{result.pillar_info.at[measure, 'name']} pillar score"
    return f"{result.indicators.at[measure, 'name']} (score)"


def measure_series(result: Result, measure: str) -> pd.Series:
    """Return the 0–100 score of every country on ``measure``."""
    if measure == OVERALL:
        return result.overall
    if measure in result.pillars.columns:
        return result.pillars[measure]
    return result.normalised[measure]


def world_map(result: Result, measure: str, shown: list[str] | None = None,
              title: str | None = None) -> go.Figure:
    """Return a choropleth of ``measure`` (0–100) over ISO-3 countries; others stay grey."""
    values = measure_series(result, measure)
    if shown is not None:
        values = values.reindex(shown)
    values = values.dropna()
    names = result.countries["name"].reindex(values.index)
    # 0–100, or the data's own range for a method off that scale (z-scores, Borda, Copeland)
    _, bounds = score_scale(result)
    fits = bounds is not None and bool(values.between(bounds[0], bounds[1]).all())
    drawn = values.round(1)  # the z values drawn
    low, high = (bounds if fits or values.empty else None) or (float(drawn.min()),
                                                              float(drawn.max()))
    fig = go.Figure(go.Choropleth(
        locations=list(values.index), z=values.round(1).tolist(), locationmode="ISO-3",
        text=plot_texts(names), colorscale=MAP_SCALE, zmin=low, zmax=high,
        marker_line_color="white", marker_line_width=0.4,
        # a horizontal scale under the map leaves its full width to the map (a phone)
        colorbar={"title": {"text": "score", "side": "top"}, "orientation": "h",
                  "thickness": 10, "len": 0.6, "x": 0, "xanchor": "left", "y": -0.02,
                  "yanchor": "top"},
        hovertemplate="%{text}<br>score %{z:.1f}<extra></extra>",
    ))
    if shown is not None and len(values) < len(result.overall.dropna()):
        fig.update_geos(fitbounds="locations")  # a filtered map zooms on what it shows
    fig.update_geos(projection_type="natural earth", showframe=False, showcoastlines=False,
                    showcountries=True, countrycolor="#bbbbbb", showland=True,
                    landcolor="#e8e8e8", lataxis_range=[-58, 85])
    fig.update_layout(geo={"bgcolor": "white"})
    stamp(fig, title or f"{plot_text(measure_label(result, measure))}, {result.year}", result,
          height=480)
    fig.update_annotations(yshift=-70)  # the source line goes under the colour scale
    fig.update_layout(margin={"b": fig.layout.margin.b + 50}, height=None, autosize=True)
    return fig  # the page sizes it (CSS .map-chart); exports are 960 × 540


def country_map(result: Result, iso3: str) -> go.Figure:
    """Return the world map of the overall score with ``iso3`` outlined (drawn even when it
    has no score, so an unranked country is found on the map)."""
    name = plot_text(result.countries.at[iso3, "name"])
    fig = world_map(result, OVERALL, title=f"Overall score, {result.year}: {name} outlined")
    fig.add_trace(go.Choropleth(
        locations=[iso3], z=[0], locationmode="ISO-3", showscale=False, hoverinfo="skip",
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        marker_line_color=OKABE_ITO[5], marker_line_width=2.5))
    return fig


def ranking_bars(result: Result, measure: str, shown: list[str], top: int = 25) -> go.Figure:
    """Return horizontal bars of ``measure`` for the best ``top`` countries of ``shown``."""
    values = measure_series(result, measure).reindex(shown).dropna()
    values = values.sort_values(ascending=False, kind="stable").head(top).iloc[::-1]
    names = plot_texts(result.countries["name"].reindex(values.index))
    label, bounds = score_scale(result)
    fig = go.Figure(go.Bar(x=values.round(1).tolist(), y=names, orientation="h",
                           marker_color=OKABE_ITO[0], customdata=list(values.index),
                           hovertemplate="%{y}: %{x:.1f}<extra></extra>"))
    fig.update_xaxes(range=bounds, title=f"score ({label})", gridcolor="#e5e5e5")
    fig.update_yaxes(automargin=True)
    return stamp(fig, f"{measure_label(result, measure)}, {result.year}: the top {len(values)}",
                 result, height=160 + 20 * len(values))


def pillar_profile(result: Result, iso3s: list[str]) -> go.Figure:
    """Return grouped bars: one group per pillar, one bar per country (0–100)."""
    fig = go.Figure()
    pillars = list(result.pillars.columns)
    labels = [plot_text(result.pillar_info.at[p, "name"]) for p in pillars]
    for k, iso3 in enumerate(iso3s):
        scores = result.pillars.loc[iso3, pillars]
        fig.add_bar(name=plot_text(result.countries.at[iso3, "name"]), x=labels,
                    y=scores.round(1).tolist(), marker_color=OKABE_ITO[k % len(OKABE_ITO)],
                    hovertemplate="%{fullData.name}<br>%{x}: %{y:.1f}<extra></extra>")
    fig.update_layout(barmode="group")
    label, bounds = score_scale(result)
    fig.update_yaxes(range=bounds, title=f"score ({label})", gridcolor="#e5e5e5")
    return stamp(fig, f"Pillar scores, {result.year}", result)


def trend_lines(trend: pd.DataFrame, result: Result, iso3s: list[str],
                measure: str = OVERALL) -> go.Figure:
    """Return one line per country of ``measure`` (overall or a pillar) across scored years."""
    fig = go.Figure()
    for k, iso3 in enumerate(iso3s):
        rows = trend[trend["iso3"] == iso3].sort_values("year")
        fig.add_scatter(x=rows["year"].tolist(), y=rows[measure].round(1).tolist(),
                        mode="lines+markers", name=plot_text(result.countries.at[iso3, "name"]),
                        line={"color": OKABE_ITO[k % len(OKABE_ITO)], "width": 2},
                        marker={"symbol": k % 8})
    label, bounds = score_scale(result)
    fig.update_yaxes(range=bounds, title=f"score ({label})", gridcolor="#e5e5e5")
    fig.update_xaxes(dtick=1)
    label = "Overall score" if measure == OVERALL else plot_text(result.pillar_info.at[measure,
                                                                                      "name"])
    return stamp(fig, f"{label} over time (same method each year)", result)


def distribution(result: Result, iso3: str) -> go.Figure:
    """Return every country's pillar and overall scores as dots, with ``iso3`` highlighted."""
    columns = [OVERALL, *result.pillars.columns]
    frame = result.pillars.copy()
    frame.insert(0, OVERALL, result.overall)
    labels = ["Overall"] + [plot_text(result.pillar_info.at[p, "name"])
                            for p in result.pillars.columns]
    fig = go.Figure()
    names = result.countries["name"]
    for col, label in zip(columns, labels, strict=True):
        scores = frame[col].dropna()
        fig.add_scatter(x=scores.round(1).tolist(), y=[label] * len(scores), mode="markers",
                        marker={"color": "#9a9a9a", "size": 7, "opacity": 0.5},
                        text=plot_texts(names.reindex(scores.index)), showlegend=False,
                        hovertemplate="%{text}: %{x:.1f}<extra></extra>")
    own = frame.loc[iso3, columns]
    fig.add_scatter(x=own.round(1).tolist(), y=labels, mode="markers",
                    name=plot_text(names[iso3]),
                    marker={"color": OKABE_ITO[5], "size": 14, "symbol": "diamond",
                            "line": {"color": "black", "width": 1}},
                    hovertemplate=f"{plot_text(names[iso3])}: " + "%{x:.1f}<extra></extra>")
    label, bounds = score_scale(result)
    fig.update_xaxes(range=[-2, 102] if bounds else None, title=f"score ({label})",
                     gridcolor="#e5e5e5")
    fig.update_yaxes(autorange="reversed")
    return stamp(fig, f"Where {plot_text(names[iso3])} sits among all countries, {result.year}",
                 result, height=340)


def graph_config(filename: str, topojson_url: str | None = None) -> Any:
    """Return the dcc.Graph config: PNG export with a file name, local map shapes, no logo."""
    config: dict[str, object] = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        # images are saved from the figure's download dialog (components/chart.py)
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
    }
    if topojson_url:
        config["topojsonURL"] = topojson_url
        # a map is sized by the page; its image keeps one export size
        config["toImageButtonOptions"] = {**config["toImageButtonOptions"],
                                          "width": 960, "height": 540}
    return config
