"""Plain HTML tables: the accessible alternative to each chart and small fact tables."""

from __future__ import annotations

from collections.abc import Mapping

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


def html_table(frame: pd.DataFrame, caption: str = "",
               labels: Mapping[str, str] | None = None, class_name: str = "facts",
               table_id: str | None = None) -> html.Div:
    """Return ``frame`` as a semantic table (caption, header cells with scope), text only,
    inside a box that scrolls sideways when the table is wider than the screen (a phone)."""
    labels = labels or {}
    head = html.Thead(html.Tr([html.Th(labels.get(str(c), str(c)), scope="col")
                               for c in frame.columns]))
    body = html.Tbody([html.Tr([html.Td(_cell(v)) for v in row])
                       for row in frame.itertuples(index=False)])
    parts = ([html.Caption(caption)] if caption else []) + [head, body]
    table = html.Table(parts, className=class_name)
    if table_id:
        setattr(table, "id", table_id)  # noqa: B010 (the typed signature hides id)
    return scroll_box(table)


def scroll_box(content: Component) -> html.Div:
    """Return ``content`` in a box that scrolls sideways, reachable by keyboard to scroll it."""
    return html.Div(content, className="table-scroll", tabIndex="0")
