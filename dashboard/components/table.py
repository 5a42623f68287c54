"""Plain HTML tables: the accessible alternative to each chart and small fact tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard.views.fmt import is_missing, number


def _cell(value: object) -> str:
    if is_missing(value):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return number(value) if abs(value) >= 1000 or value != round(value, 1) else f"{value:g}"
    return str(value)


def table_cells(frame: pd.DataFrame) -> dict[str, list[Any]]:
    """Return ``frame`` as the text ``html_table`` shows: {"columns": [...], "rows": [[...]]}.

    Small and JSON-ready, so a table can be kept in the page as data and built when opened.
    """
    return {"columns": [str(c) for c in frame.columns],
            "rows": [[_cell(v) for v in row] for row in frame.itertuples(index=False)]}


def html_table(frame: pd.DataFrame, caption: str = "",
               labels: Mapping[str, str] | None = None, class_name: str = "facts",
               table_id: str | None = None) -> html.Div:
    """Return ``frame`` as a semantic table (caption, header cells with scope), text only,
    inside a box that scrolls sideways when the table is wider than the screen (a phone)."""
    return cells_table(table_cells(frame), caption, labels, class_name, table_id)


def cells_table(cells: Mapping[str, list[Any]], caption: str = "",
                labels: Mapping[str, str] | None = None, class_name: str = "facts",
                table_id: str | None = None) -> html.Div:
    """Return the table of ``table_cells`` output, as ``html_table`` draws it."""
    labels = labels or {}
    head = html.Thead(html.Tr([html.Th(labels.get(c, c), scope="col")
                               for c in cells["columns"]]))
    body = html.Tbody([html.Tr([html.Td(v) for v in row]) for row in cells["rows"]])
    parts = ([html.Caption(caption)] if caption else []) + [head, body]
    table = html.Table(parts, className=class_name)
    if table_id:
        setattr(table, "id", table_id)  # noqa: B010 (the typed signature hides id)
    return scroll_box(table)


def scroll_box(content: Component) -> html.Div:
    """Return ``content`` in a box that scrolls sideways, reachable by keyboard to scroll it."""
    return html.Div(content, className="table-scroll", tabIndex="0")
