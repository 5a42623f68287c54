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

from dashboard.views.plot_text import plot_text, plot_texts
from dashboard.views.query import OVERALL
from indicators import Result

#: Okabe–Ito: distinguishable with every common colour-vision deficiency.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000")
#: Sequential scale for maps: cividis is readable with colour-vision deficiencies.
MAP_SCALE = "Cividis"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif"


def source_line(result: Result, today: dt.date | None = None) -> str:
    """Return the line printed under each chart: method, data version, scoring year, date."""
    today = today or dt.date.today()
    method = "reference method" if result.spec.is_reference() else "custom method (see URL)"
    return (f"Source: sovai sovereign-AI readiness observatory, {method}; scored {result.year}; "
            f"data version {result.version[:12]}; made {today.isoformat()}")


def stamp(fig: go.Figure, title: str, result: Result, height: int = 420) -> go.Figure:
    """Return ``fig`` with title, source annotation, font and margins set for screen and export."""
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "y": 0.98, "yref": "container",
               "yanchor": "top", "font": {"size": 16}},
        font={"family": FONT, "size": 12, "color": "#1b1b1b"},
        margin={"l": 10, "r": 10, "t": 80, "b": 70}, height=height,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        paper_bgcolor="white", plot_bgcolor="white",
    )
    fig.add_annotation(text=source_line(result), xref="paper", yref="paper", x=0, y=-0.02,
                       yanchor="top", xanchor="left", showarrow=False,
                       font={"size": 10, "color": "#4a4a4a"}, yshift=-30)
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


def world_map(result: Result, measure: str, shown: list[str] | None = None) -> go.Figure:
    """Return a choropleth of ``measure`` (0–100) over ISO-3 countries; others stay grey."""
    values = measure_series(result, measure)
    if shown is not None:
        values = values.reindex(shown)
    values = values.dropna()
    names = result.countries["name"].reindex(values.index)
    # 0–100 unless the method scores otherwise (z-scores, Borda counts, Copeland's wins − losses)
    low, high = (0.0, 100.0) if values.between(0, 100).all() or values.empty else (
        float(values.min()), float(values.max()))
    fig = go.Figure(go.Choropleth(
        locations=list(values.index), z=values.round(1).tolist(), locationmode="ISO-3",
        text=plot_texts(names), colorscale=MAP_SCALE, zmin=low, zmax=high,
        marker_line_color="white", marker_line_width=0.4,
        colorbar={"title": {"text": "score"}, "thickness": 12, "len": 0.7},
        hovertemplate="%{text}<br>score %{z:.1f}<extra></extra>",
    ))
    if shown is not None and len(values) < len(result.overall.dropna()):
        fig.update_geos(fitbounds="locations")  # a filtered map zooms on what it shows
    fig.update_geos(projection_type="natural earth", showframe=False, showcoastlines=False,
                    showcountries=True, countrycolor="#bbbbbb", showland=True,
                    landcolor="#e8e8e8", lataxis_range=[-58, 85])
    fig.update_layout(geo={"bgcolor": "white"})
    stamp(fig, f"{plot_text(measure_label(result, measure))}, {result.year}", result, height=480)
    fig.update_layout(margin={"t": 50})
    return fig


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
    fig.update_yaxes(range=[0, 100], title="score (0–100)", gridcolor="#e5e5e5")
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
    fig.update_yaxes(range=[0, 100], title="score (0–100)", gridcolor="#e5e5e5")
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
    fig.update_xaxes(range=[-2, 102], title="score (0–100)", gridcolor="#e5e5e5")
    fig.update_yaxes(autorange="reversed")
    return stamp(fig, f"Where {plot_text(names[iso3])} sits among all countries, {result.year}",
                 result, height=340)


def graph_config(filename: str, topojson_url: str | None = None) -> Any:
    """Return the dcc.Graph config: PNG export with a file name, local map shapes, no logo."""
    config: dict[str, object] = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }
    if topojson_url:
        config["topojsonURL"] = topojson_url
    return config
