""""Show the chart as a table" keeps its cells as text in the page and builds them when opened."""

from __future__ import annotations

import json

import pandas as pd
import plotly
import plotly.graph_objects as go

from dashboard.components import chart
from dashboard.components.table import html_table, table_cells


def as_json(component: object) -> str:
    return json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder, sort_keys=True)


TABLE = pd.DataFrame({"name": ["Korea", "Japan", "Nowhere"], "overall": [71.5, 12.0, None],
                      "rank": [1, 2, None], "listed": [True, False, True]})


def test_the_page_holds_no_cells_until_opened() -> None:
    block = chart.chart_block("t-chart", go.Figure(), "summary", TABLE, "file")
    text = as_json(block)
    assert '"type": "Td"' not in text and "Korea" in text  # the cells wait as data
    built = chart.open_table(1, table_cells(TABLE), None)
    assert as_json(built) == as_json(html_table(TABLE, class_name="facts compact"))
    assert as_json(built).count('"type": "Td"') == TABLE.size


def test_cells_are_the_text_the_table_shows() -> None:
    cells = table_cells(TABLE)
    assert cells["columns"] == ["name", "overall", "rank", "listed"]
    assert cells["rows"][0] == ["Korea", "71.5", "1", "yes"]
    assert cells["rows"][1] == ["Japan", "12", "2", ""]
    assert cells["rows"][2][1:3] == ["–", "–"]
    json.dumps(cells)  # JSON-ready as it is


def test_opened_once() -> None:
    cells = table_cells(TABLE)
    assert chart.open_table(None, cells, None) is chart.no_update
    assert chart.open_table(2, cells, [{"built": True}]) is chart.no_update
