"""The first rows of a ranking as a plain table, shown in the grid's place until the grid draws.

AG Grid's script is most of a page's script time, so its rows are the last thing a visitor
sees. This table comes with the page itself: the same columns (headers, widths, number
formats, score bars) and the first rows in the grid's order, laid over the grid's box; the
style sheet hides it as soon as the grid has drawn (``.grid-frame:has(.ag-root-wrapper)``), so
there is no jump. It is a real table (caption, header cells with scope) for anyone who reads it
in that moment, and it holds nothing the grid does not.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components.plain_html import Plain, element
from dashboard.views.fmt import NUMBER_JS, is_missing, number, score
from dashboard.views.grid import SCORE_BAR

#: Rows the grid's 560 px box shows at once (a 48 px header, 42 px rows).
PREVIEW_ROWS = 12
#: The width AG Grid's quartz theme gives the tick-box column of a grid whose rows are ticked.
SELECTION_WIDTH = 52


def leaf_columns(columns: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield the grid's columns that hold cells, in order (groups opened)."""
    for column in columns:
        if "children" in column:
            yield from leaf_columns(column["children"])
        else:
            yield column


def _delta(value: Any) -> str:
    """Return a rank change as the grid's delta column writes it."""
    if is_missing(value):
        return "–"
    n = int(value)
    return f"▲ +{n}" if n > 0 else f"▼ {n}" if n < 0 else "0"


def _cell(column: Mapping[str, Any], row: Mapping[str, Any],
          links: Mapping[str, str]) -> Plain:
    """Return one cell as the grid draws it (a ``Td`` in its JSON form)."""
    field = column["field"]
    value = row.get(field)
    style: dict[str, str] = {}
    if field == "delta_rank":
        text: Any = _delta(value)
    elif column.get("cellStyle") == SCORE_BAR:
        text = score(value)
        if not is_missing(value):
            style["background"] = (f"linear-gradient(90deg, #b9d7ee {value}%, "
                                   f"transparent {value}%)")
    elif column.get("valueFormatter", {}).get("function") == NUMBER_JS:
        text = number(value)
    elif field in links:
        text = element(dcc.Link, str(row.get("name", "")), href=links[field])
    else:
        text = "" if is_missing(value) else str(value)
    return element(html.Td, text, className=_class(column), style=style or None)


def _class(column: Mapping[str, Any]) -> str | None:
    """Return the cell class of a column: numbers right-aligned, the pinned edge ruled."""
    names = (["num"] if column.get("type") == "numericColumn" else []) + \
        (["pinned-edge"] if column.get("pinned-edge") else [])
    return " ".join(names) or None


def _with_selection(leaves: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the columns with the grid's tick-box column where the grid puts it: after the
    columns pinned left (it is drawn, empty; the grid's own boxes do the ticking)."""
    pinned = [dict(c) for c in leaves if c.get("pinned") == "left"]
    if pinned:
        pinned[-1]["pinned-edge"] = True
    rest = [c for c in leaves if c.get("pinned") != "left"]
    return [*pinned, {"field": "", "headerName": "", "width": SELECTION_WIDTH}, *rest]


def ranking_preview(preview_id: str, columns: list[dict[str, Any]],
                    rows: list[dict[str, Any]], links: list[str],
                    caption: str) -> html.Div:
    """Return the first ``PREVIEW_ROWS`` of ``rows`` as a table of the grid's ``columns``.

    ``rows`` are the grid's own rows (``grid_rows``), in its order; ``links`` the address of
    each row's country, drawn as a link in the column whose cells the grid draws as markdown.
    The grid ticks rows (``rowSelection``), so the preview has its empty tick-box column too.
    """
    leaves = _with_selection(list(leaf_columns(columns)))
    markdown = [c["field"] for c in leaves if c.get("cellRenderer") == "markdown"]
    width = sum(int(c.get("width", 120)) for c in leaves)
    tick = element(html.Td, className="tick")
    head = element(html.Thead, element(html.Tr, [
        element(html.Th, c["headerName"], scope="col", className=_class(c)) if c["field"] else
        tick for c in leaves]))
    body = element(html.Tbody, [
        element(html.Tr, [_cell(c, row, dict.fromkeys(markdown, link)) if c["field"] else tick
                          for c in leaves])
        for row, link in zip(rows[:PREVIEW_ROWS], links[:PREVIEW_ROWS], strict=True)])
    table = element(html.Table, [
        element(html.Caption, caption, className="visually-hidden"),
        element(html.Colgroup, [element(html.Col, style={"width": f"{int(c.get('width', 120))}px"})
                                for c in leaves]),
        head, body], style={"width": f"{width}px"})
    return html.Div(table, id=preview_id, className="grid-preview")


def grid_frame(preview: Component, grid: Component, height: str) -> html.Div:
    """Return the grid with its preview laid over it until the grid has drawn; the frame keeps
    the grid's ``height`` meanwhile (the grid's own box is empty until its script runs)."""
    return html.Div([preview, grid], className="grid-frame", style={"minHeight": height})
