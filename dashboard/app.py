"""The Dash application: a shell with the ranking, built by ``create_app``."""

from __future__ import annotations

from pathlib import Path

import dash_ag_grid as dag
from dash import Dash, html

from dashboard import data_access


def ranking_rows() -> list[dict[str, object]]:
    """Return the ranking of the reference method as grid rows, best first."""
    table = data_access.result().table()
    rows = table.round(1).astype(object).where(table.notna(), None).to_dict("records")
    return [{str(k): v for k, v in row.items()} for row in rows]


def layout() -> html.Div:
    """Return the page: title, data version and the ranking grid."""
    state = data_access.current()
    banner = []
    if state.problems:
        banner = [html.Div(
            [html.Strong("The data on disk is invalid; showing the last valid data. "),
             html.Ul([html.Li(str(p)) for p in state.problems[:20]])],
            className="banner", role="alert")]
    result = data_access.result()
    columns = [{"field": "rank", "width": 80}, {"field": "name", "headerName": "Country"},
               {"field": "overall"}] + [{"field": p} for p in result.pillars.columns]
    return html.Div([
        html.H1("Sovereign-AI readiness"),
        *banner,
        html.P(f"Reference method, {result.year}; {result.ranked_count} countries ranked; "
               f"data version {result.version}."),
        dag.AgGrid(id="ranking", rowData=ranking_rows(), columnDefs=columns,
                   defaultColDef={"sortable": True, "filter": True},
                   style={"height": "70vh"}),
    ])


def create_app(base_path: str = "/", data_dir: Path | None = None) -> Dash:
    """Return a new Dash app serving the dashboard under ``base_path`` from ``data_dir``."""
    app = Dash(__name__, title="Sovereign-AI readiness", url_base_pathname=base_path,
               serve_locally=True)
    if data_dir is not None:
        app.server.config["SOVAI_DATA_DIR"] = str(Path(data_dir).resolve())
    app.layout = layout
    return app
