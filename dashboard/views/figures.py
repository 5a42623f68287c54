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
#: The explicit stops plotly's validator makes of that name (the figures skip the validator).
MAP_COLORSCALE = [list(stop) for stop in go.Choropleth(colorscale=MAP_SCALE).colorscale]
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


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """Return the figure of these plain-dict traces and layout, without plotly's validation.

    Building a figure through plotly's validating constructors and ``update_*`` calls took
    30–50 ms a figure (most of a page's server time); the builders here write the plain
    properties plotly.js reads, and tests/dashboard/test_figure_dicts.py checks every one
    against the validating constructor. The result is still a ``go.Figure`` (with the default
    template, as before), so callers and tests read it as one.
    """
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _merged(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` updated by ``changes`` as ``update_layout`` does: nested dicts merged."""
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def stamp_layout(layout: dict[str, Any], title: str, result: Result,
                 height: int | None = 420) -> dict[str, Any]:
    """Return ``layout`` with title, source annotation, font and margins for screen and export.

    The title starts below the toolbar and the title and source are broken into lines, so
    neither is covered nor clipped in a half-width chart or on a phone.
    """
    text, title_lines = chart_lines(title, TITLE_CHARS)
    source, source_lines = chart_lines(source_line(result), SOURCE_CHARS)
    out = _merged(layout, {
        "title": {"text": text, "x": 0.01, "xanchor": "left", "y": 1, "yref": "container",
                  "yanchor": "top", "pad": {"t": MODEBAR_PX}, "font": {"size": 16}},
        "font": {"family": FONT, "size": 12, "color": "#1b1b1b"},
        "margin": {"l": 10, "r": 10, "t": MODEBAR_PX + 30 + 20 * title_lines,
                   "b": SOURCE_SHIFT_PX + 20 + 14 * source_lines},
        "height": height,
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        "paper_bgcolor": "white", "plot_bgcolor": "white",
    })
    if height is None:
        out.pop("height")  # the page sizes the figure
    out["annotations"] = [*out.get("annotations", []), {
        "text": source, "xref": "paper", "yref": "paper", "x": 1, "y": -0.02,
        "yanchor": "top", "xanchor": "right", "align": "left", "showarrow": False,
        "font": {"size": 10, "color": "#4a4a4a"}, "yshift": -SOURCE_SHIFT_PX}]
    return out


def stamp(fig: go.Figure, title: str, result: Result, height: int = 420) -> go.Figure:
    """Return ``fig`` (built with plotly's constructors elsewhere) stamped as ``stamp_layout``
    says, through plotly's own (validating) updates."""
    layout = stamp_layout({}, title, result, height)
    fig.update_layout({k: v for k, v in layout.items() if k != "annotations"})
    for note in layout["annotations"]:
        fig.add_annotation(note)
    return fig


def _axis(title: str, value_range: list[float] | None = None, **more: Any) -> dict[str, Any]:
    """Return an axis with its title text, its range when given, and ``more``."""
    axis: dict[str, Any] = {"title": {"text": title}, **more}
    if value_range is not None:
        axis["range"] = list(value_range)
    return axis


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
    trace = {
        "type": "choropleth", "locations": list(values.index), "z": drawn.tolist(),
        "locationmode": "ISO-3", "text": plot_texts(names), "colorscale": MAP_COLORSCALE,
        "zmin": low, "zmax": high, "marker": {"line": {"color": "white", "width": 0.4}},
        # a horizontal scale under the map leaves its full width to the map (a phone)
        "colorbar": {"title": {"text": "score", "side": "top"}, "orientation": "h",
                     "thickness": 10, "len": 0.6, "x": 0, "xanchor": "left", "y": -0.02,
                     "yanchor": "top"},
        "hovertemplate": "%{text}<br>score %{z:.1f}<extra></extra>",
    }
    geo: dict[str, Any] = {"projection": {"type": "natural earth"}, "showframe": False,
                           "showcoastlines": False, "showcountries": True,
                           "countrycolor": "#bbbbbb", "showland": True, "landcolor": "#e8e8e8",
                           "lataxis": {"range": [-58, 85]}, "bgcolor": "white"}
    if shown is not None and len(values) < len(result.overall.dropna()):
        geo["fitbounds"] = "locations"  # a filtered map zooms on what it shows
    layout = stamp_layout({"geo": geo}, title or f"{plot_text(measure_label(result, measure))}, "
                          f"{result.year}", result, height=None)
    for note in layout["annotations"]:
        note["yshift"] = -70  # the source line goes under the colour scale
    layout["margin"]["b"] += 50
    layout["autosize"] = True
    return figure([trace], layout)  # the page sizes it (CSS .map-chart); exports are 960 × 540


def country_map(result: Result, iso3: str) -> go.Figure:
    """Return the world map of the overall score with ``iso3`` outlined (drawn even when it
    has no score, so an unranked country is found on the map)."""
    name = plot_text(result.countries.at[iso3, "name"])
    spec = world_map(result, OVERALL, title=f"Overall score, {result.year}: {name} outlined")
    outline = {"type": "choropleth", "locations": [iso3], "z": [0], "locationmode": "ISO-3",
               "showscale": False, "hoverinfo": "skip",
               "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
               "marker": {"line": {"color": OKABE_ITO[5], "width": 2.5}}}
    return figure([*spec.to_plotly_json()["data"], outline], spec.to_plotly_json()["layout"])


def ranking_bars(result: Result, measure: str, shown: list[str], top: int = 25) -> go.Figure:
    """Return horizontal bars of ``measure`` for the best ``top`` countries of ``shown``."""
    values = measure_series(result, measure).reindex(shown).dropna()
    values = values.sort_values(ascending=False, kind="stable").head(top).iloc[::-1]
    names = plot_texts(result.countries["name"].reindex(values.index))
    label, bounds = score_scale(result)
    bars = {"type": "bar", "x": values.round(1).tolist(), "y": names, "orientation": "h",
            "marker": {"color": OKABE_ITO[0]}, "customdata": list(values.index),
            "hovertemplate": "%{y}: %{x:.1f}<extra></extra>"}
    layout = {"xaxis": _axis(f"score ({label})", bounds, gridcolor="#e5e5e5"),
              "yaxis": {"automargin": True}}
    return figure([bars], stamp_layout(
        layout, f"{measure_label(result, measure)}, {result.year}: the top {len(values)}",
        result, height=160 + 20 * len(values)))


def pillar_profile(result: Result, iso3s: list[str]) -> go.Figure:
    """Return grouped bars: one group per pillar, one bar per country (0–100)."""
    pillars = list(result.pillars.columns)
    labels = [plot_text(result.pillar_info.at[p, "name"]) for p in pillars]
    data = [{"type": "bar", "name": plot_text(result.countries.at[iso3, "name"]), "x": labels,
             "y": result.pillars.loc[iso3, pillars].round(1).tolist(),
             "marker": {"color": OKABE_ITO[k % len(OKABE_ITO)]},
             "hovertemplate": "%{fullData.name}<br>%{x}: %{y:.1f}<extra></extra>"}
            for k, iso3 in enumerate(iso3s)]
    label, bounds = score_scale(result)
    layout = {"barmode": "group", "yaxis": _axis(f"score ({label})", bounds, gridcolor="#e5e5e5")}
    return figure(data, stamp_layout(layout, f"Pillar scores, {result.year}", result))


def trend_lines(trend: pd.DataFrame, result: Result, iso3s: list[str],
                measure: str = OVERALL) -> go.Figure:
    """Return one line per country of ``measure`` (overall or a pillar) across scored years."""
    data = []
    for k, iso3 in enumerate(iso3s):
        rows = trend[trend["iso3"] == iso3].sort_values("year")
        data.append({"type": "scatter", "x": rows["year"].tolist(),
                     "y": rows[measure].round(1).tolist(), "mode": "lines+markers",
                     "name": plot_text(result.countries.at[iso3, "name"]),
                     "line": {"color": OKABE_ITO[k % len(OKABE_ITO)], "width": 2},
                     "marker": {"symbol": k % 8}})
    label, bounds = score_scale(result)
    layout = {"yaxis": _axis(f"score ({label})", bounds, gridcolor="#e5e5e5"),
              "xaxis": {"dtick": 1}}
    label = "Overall score" if measure == OVERALL else plot_text(result.pillar_info.at[measure,
                                                                                      "name"])
    return figure(data, stamp_layout(layout, f"{label} over time (same method each year)",
                                     result))


def distribution(result: Result, iso3: str) -> go.Figure:
    """Return every country's pillar and overall scores as dots, with ``iso3`` highlighted."""
    columns = [OVERALL, *result.pillars.columns]
    frame = result.pillars.copy()
    frame.insert(0, OVERALL, result.overall)
    labels = ["Overall"] + [plot_text(result.pillar_info.at[p, "name"])
                            for p in result.pillars.columns]
    names = result.countries["name"]
    data: list[dict[str, Any]] = []
    for col, label in zip(columns, labels, strict=True):
        scores = frame[col].dropna()
        data.append({"type": "scatter", "x": scores.round(1).tolist(), "y": [label] * len(scores),
                     "mode": "markers", "marker": {"color": "#9a9a9a", "size": 7, "opacity": 0.5},
                     "text": plot_texts(names.reindex(scores.index)), "showlegend": False,
                     "hovertemplate": "%{text}: %{x:.1f}<extra></extra>"})
    own = frame.loc[iso3, columns]
    data.append({"type": "scatter", "x": own.round(1).tolist(), "y": labels, "mode": "markers",
                 "name": plot_text(names[iso3]),
                 "marker": {"color": OKABE_ITO[5], "size": 14, "symbol": "diamond",
                            "line": {"color": "black", "width": 1}},
                 "hovertemplate": f"{plot_text(names[iso3])}: " + "%{x:.1f}<extra></extra>"})
    label, bounds = score_scale(result)
    layout = {"xaxis": _axis(f"score ({label})", [-2, 102] if bounds else None,
                             gridcolor="#e5e5e5"),
              "yaxis": {"autorange": "reversed"}}
    return figure(data, stamp_layout(
        layout, f"Where {plot_text(names[iso3])} sits among all countries, {result.year}",
        result, height=340))


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
