"""A chart with its text summary, its table alternative and PNG/SVG export."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from dash import MATCH, Dash, Input, Output, State, dcc, html

from dashboard import ids
from dashboard.components.links import asset_url
from dashboard.components.table import html_table
from dashboard.views.figures import graph_config


def chart_block(chart_id: str, figure: go.Figure, summary: str, table: pd.DataFrame,
                filename: str, with_map: bool = False) -> html.Figure:
    """Return a figure element: graph, generated summary, 'Save as SVG' and a table to open.

    A map (``with_map``) is clickable (``components.map_click``): its graph takes the pattern
    id and the figure element the plain ``chart_id``.
    """
    topojson = asset_url() if with_map else None
    graph_id = ids.clickable_map(chart_id) if with_map else chart_id
    block = html.Figure([
        dcc.Graph(id=graph_id, figure=figure, config=graph_config(filename, topojson),
                  className="chart map-chart" if with_map else "chart",
                  responsive=True if with_map else "auto"),
        html.Figcaption(summary, className="summary"),
        html.Div([
            html.Button("Save as SVG", id=ids.chart_svg(chart_id), className="secondary",
                        title="Download this chart as SVG (PNG: camera icon on the chart)"),
            html.Details([html.Summary("Show the chart as a table"),
                          html_table(table, class_name="facts compact")]),
        ], className="chart-tools"),
    ], className="chart-block")
    if with_map:
        setattr(block, "id", chart_id)  # noqa: B010 (the typed signature hides id)
    return block


#: Client-side: save the chart next to the clicked button as SVG (plotly.js does it offline).
SVG_EXPORT_JS = """
function(n, id) {
    if (!n) { return window.dash_clientside.no_update; }
    var host = document.getElementById(id.chart);
    var gd = host && host.querySelector('.js-plotly-plot');
    if (gd && window.Plotly) {
        window.Plotly.downloadImage(gd, {format: 'svg', filename: id.chart});
    }
    return 'SVG saved';
}
"""


def install(app: Dash) -> None:
    """Register the SVG export of every chart on ``app`` (once per app, not per page)."""
    app.clientside_callback(
        SVG_EXPORT_JS,
        Output(ids.chart_svg(MATCH), "title"),
        Input(ids.chart_svg(MATCH), "n_clicks"),
        State(ids.chart_svg(MATCH), "id"),
        prevent_initial_call=True,
    )
