"""Methodology: every indicator's definition and source, and the reference method step by step."""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
from dash import Dash, Input, Output, State, dcc, html

from dashboard import data_access, ids
from dashboard.views import downloads
from dashboard.views.grid import source_link
from dashboard.views.methodology import catalogue, catalogue_summary, method_steps

#: The route and navigation entry (keywords of ``dash.register_page``).
ROUTE = {"path": "/methodology", "name": "Methodology", "order": 5,
         "title": "Sovereign-AI readiness — methodology"}

COLUMNS = [
    {"field": "pillar", "headerName": "Pillar", "width": 100, "pinned": "left"},
    {"field": "name", "headerName": "Indicator", "width": 220, "pinned": "left"},
    {"field": "definition", "headerName": "Definition", "width": 420, "wrapText": True,
     "autoHeight": True, "cellClass": "wrap"},
    {"field": "unit", "headerName": "Unit", "width": 150},
    {"field": "direction", "headerName": "Direction", "width": 140},
    {"field": "weight", "headerName": "Weight", "width": 90},
    {"field": "transform", "headerName": "Transform", "width": 110},
    {"field": "denominator", "headerName": "Denominator (intensity)", "width": 170},
    {"field": "source", "headerName": "Source", "width": 280, "wrapText": True,
     "autoHeight": True, "cellClass": "wrap"},
    {"field": "licence", "headerName": "Licence", "width": 160},
    {"field": "link", "headerName": "Link", "width": 260, "cellRenderer": "markdown"},
    {"field": "coverage", "headerName": "Countries with data", "width": 150},
]


def layout(**_query: Any) -> html.Div:
    """Return the method steps and the indicator catalogue, from the code's own definitions.

    The page reads no parameter of its link: it is drawn once per data version
    (``data_access.part``), whatever the link carries.
    """
    bundle = data_access.bundle()
    return html.Div(data_access.part(_content, bundle, data_access.result()))


def _content(bundle, result) -> list[Any]:
    """Return the page's parts (kept in their JSON form)."""
    frame = catalogue(bundle, result)
    return [
        html.H1("Methodology"),
        html.P("Everything on this page is generated from the definitions the scoring code uses "
               "(the indicators table and the reference method's settings), so it cannot drift "
               "from what the numbers were computed with.", className="lead"),
        html.H2("The reference method, step by step"),
        html.Ol([html.Li([html.Strong(step + ". "), text]) for step, text in method_steps()],
                className="steps", id="method-steps"),
        html.P("Every choice above can be changed in the 'Weights & methods' panel of the "
               "Overview and Compare pages; the link then records it.", className="note"),
        html.H2("Indicators"),
        html.P(catalogue_summary(frame) + f" Coverage counts countries with a value in "
               f"{result.year - result.spec.window}–{result.year}.", id="catalogue-summary"),
        html.Div([html.Button("Download the indicator catalogue", id=ids.MTH_DL),
                  dcc.Download(id=ids.MTH_DOWNLOAD)], className="toolbar"),
        dag.AgGrid(id="mth-indicators", rowData=frame.assign(
            link=[source_link(u) for u in frame["url"]]).to_dict("records"), columnDefs=COLUMNS,
                   defaultColDef={"sortable": True, "resizable": True, "filter": True},
                   dashGridOptions={"suppressColumnVirtualisation": True},
                   className="ag-theme-quartz", style={"height": "640px"}),
    ]


def download_catalogue(_n, url):
    """Return the indicator catalogue and method as a zip (safe CSV + metadata)."""
    bundle = data_access.bundle()
    result = data_access.result()
    meta = downloads.metadata(result, bundle, url or "", "Sovereign-AI readiness: indicators")
    return dcc.send_bytes(downloads.package({"indicators": catalogue(bundle, result)}, meta),
                          "sovai-indicators.zip")


def register_callbacks(app: Dash) -> None:
    """Attach this page's callbacks to ``app``."""
    app.callback(Output(ids.MTH_DOWNLOAD, "data"), Input(ids.MTH_DL, "n_clicks"),
                 State(ids.URL, "href"), prevent_initial_call=True)(download_catalogue)
