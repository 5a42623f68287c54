"""A chart with its text summary, its table alternative and one download dialog.

The dialog (a native disclosure: Tab and Enter open it) holds every way to take the figure
away, in one place, as Our World in Data's Grapher does: PNG and SVG images (plotly.js draws
them in the browser) and, when the chart is given its ``result``, the data shown as CSV in a
zip with metadata and a README carrying the citation (``views.downloads``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import MATCH, Dash, Input, Output, State, dcc, html, no_update

from dashboard import data_access, ids
from dashboard.components.citation import citation_block
from dashboard.components.links import asset_url
from dashboard.components.table import cells_table, table_cells
from dashboard.views import downloads
from dashboard.views.figures import graph_config
from indicators import Bundle, Result

#: (format, button label) of the image downloads, in the dialog's order.
IMAGES = (("png", "PNG image"), ("svg", "SVG image"))
CSV_LABEL = "CSV data with citation (zip)"


def _title(figure: go.Figure, filename: str) -> str:
    text = figure.layout.title.text if figure.layout.title else None
    return str(text) if text else filename


def _data_store(chart_id: str, figure: go.Figure, table: pd.DataFrame, filename: str,
                result: Result) -> dcc.Store:
    """Return the store the CSV download reads: the table shown and the view's metadata."""
    frame = table if isinstance(table.index, pd.RangeIndex) else table.reset_index()
    meta = dict(data_access.part(_metadata, data_access.bundle(), result, dt.date.today()))
    meta["title"] = _title(figure, filename)  # the first key, as metadata writes it
    return dcc.Store(id=ids.chart_data(chart_id),
                     data={"table": frame.to_dict("split"), "meta": meta, "filename": filename})


def _metadata(bundle: Bundle, result: Result, today: dt.date) -> dict[str, Any]:
    """Return the download's metadata but its title (memoised per data, method and day)."""
    return downloads.metadata(result, bundle, "", "", today=today)


def download_dialog(chart_id: str, figure: go.Figure, table: pd.DataFrame, filename: str,
                    result: Result | None) -> html.Details:
    """Return the figure's one download dialog: PNG, SVG and (with ``result``) the CSV."""
    buttons: list[Any] = [html.Button(label, id=ids.chart_export(chart_id, image),
                                      className="secondary", type="button")
                          for image, label in IMAGES]
    cited: list[Any] = []
    if result is not None:
        store = _data_store(chart_id, figure, table, filename, result)
        buttons += [html.Button(CSV_LABEL, id=ids.chart_csv(chart_id), className="secondary",
                                type="button"), store,
                    dcc.Download(id=ids.chart_download(chart_id))]
        cited = [citation_block(chart_id, store.data["meta"])]  # type: ignore[attr-defined]
    return html.Details([html.Summary("Download this figure"),
                         html.Div(buttons, className="download-options"), *cited],
                        className="download-dialog")


def chart_block(chart_id: str, figure: go.Figure, summary: str, table: pd.DataFrame,
                filename: str, with_map: bool = False,
                result: Result | None = None) -> html.Figure:
    """Return a figure element: graph, generated summary, the download dialog and a table to
    open. ``result`` (the scores drawn) adds the CSV with citation to the dialog.

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
            download_dialog(chart_id, figure, table, filename, result),
            html.Details([html.Summary("Show the chart as a table",
                                       id=ids.chart_table_summary(chart_id)),
                          html.Div(id=ids.chart_table(chart_id)),
                          dcc.Store(id=ids.chart_table_cells(chart_id),
                                    data=table_cells(table))]),
        ], className="chart-tools"),
    ], className="chart-block")
    if with_map:
        setattr(block, "id", chart_id)  # noqa: B010 (the typed signature hides id)
    return block


#: Client-side: save the chart of the clicked button as PNG or SVG (plotly.js, offline), with
#: the graph's own export options (file name, size of a map).
IMAGE_EXPORT_JS = """
function(n, id) {
    if (!n) { return window.dash_clientside.no_update; }
    var host = document.getElementById(id.chart);
    var gd = host && (host.classList.contains('js-plotly-plot') ? host
                      : host.querySelector('.js-plotly-plot'));
    if (gd && window.Plotly) {
        var opts = (gd._context && gd._context.toImageButtonOptions) || {};
        window.Plotly.downloadImage(gd, Object.assign({}, opts,
            {format: id.format, filename: opts.filename || id.chart}));
    }
    return id.format.toUpperCase() + ' saved';
}
"""


def open_table(clicks: int | None, cells: dict[str, Any] | None, shown: Any) -> Any:
    """Return the chart's table the first time "Show the chart as a table" is clicked.

    The cells wait in the page as text (``table_cells``): a map's 199 rows were ~1,400 table
    elements built, sent and drawn on every visit though hardly anyone opens them.
    """
    if not clicks or not cells or shown:
        return no_update
    return cells_table(cells, class_name="facts compact")


def csv_download(clicks: int | None, data: dict[str, Any] | None, url: str | None) -> Any:
    """Return the zip of a chart's data: the table as CSV, metadata.json and the citation."""
    if not clicks or not data:
        return None
    frame = pd.DataFrame(**data["table"])
    meta = downloads.with_link(data["meta"], url or "")
    return dcc.send_bytes(downloads.package({"data": frame}, meta), f"{data['filename']}.zip")


def install(app: Dash) -> None:
    """Register every chart's downloads on ``app`` (once per app, not per page)."""
    app.clientside_callback(
        IMAGE_EXPORT_JS,
        Output(ids.chart_export(MATCH, MATCH), "title"),
        Input(ids.chart_export(MATCH, MATCH), "n_clicks"),
        State(ids.chart_export(MATCH, MATCH), "id"),
        prevent_initial_call=True,
    )
    app.callback(Output(ids.chart_table(MATCH), "children"),
                 Input(ids.chart_table_summary(MATCH), "n_clicks"),
                 State(ids.chart_table_cells(MATCH), "data"),
                 State(ids.chart_table(MATCH), "children"), prevent_initial_call=True)(open_table)
    app.callback(Output(ids.chart_download(MATCH), "data"),
                 Input(ids.chart_csv(MATCH), "n_clicks"), State(ids.chart_data(MATCH), "data"),
                 State(ids.URL, "href"), prevent_initial_call=True)(csv_download)
