"""Our World in Data's figure pattern: Table / Map / Chart tabs over one figure, a year slider.

Each tab is a link to the same page with ``tab=<name>`` (the link is the state), so only the
open tab is built — a hidden table or map costs nothing — and Back returns to the last tab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dash import dcc, html

#: (name, label) of each tab, in order; the first is the default.
TABS: tuple[tuple[str, str], ...] = (("table", "Table"), ("map", "Map"), ("chart", "Chart"))
TAB_NAMES = tuple(name for name, _ in TABS)


def parse_tab(raw: object, default: str = TAB_NAMES[0]) -> str:
    """Return the tab a query parameter names, else ``default`` (the table unless given)."""
    return str(raw) if str(raw) in TAB_NAMES else default


def tab_bar(active: str, href_for: Callable[[str], str], panel_id: str) -> html.Nav:
    """Return the row of tabs: a link per tab (a page link, so no ARIA tab widget), the open
    one marked in words for screen readers ("Map, shown")."""
    links = []
    for name, label in TABS:
        selected = name == active
        text: list[Any] = [label]
        if selected:
            text.append(html.Span(", shown", className="visually-hidden"))
        links.append(dcc.Link(text, href=href_for(name), id=f"{panel_id}-tab-{name}",
                              className="tab selected" if selected else "tab"))
    # dash's typed signature has no aria-* keywords; the component accepts them
    return html.Nav(links, className="tabs",
                    **{"aria-label": "Show the figure as"})  # type: ignore[arg-type]


def year_slider(slider_id: str, years: Sequence[int], value: int) -> html.Label:
    """Return the year slider under the tabs, from the first to the last scored year (a year
    without data in between is snapped to the nearest scored one by the page)."""
    shown = list(years)
    step = max(1, len(shown) // 8)
    marks = {y: str(y) for y in shown[::step]} | {shown[-1]: str(shown[-1])}
    return html.Label([html.Span("Year"),
                       dcc.Slider(id=slider_id, min=shown[0], max=shown[-1], step=1,
                                  value=value, marks=marks, included=False,
                                  updatemode="mouseup")],
                      className="year-slider")


def tab_panel(panel_id: str, active: str, children: list[Any]) -> html.Div:
    """Return the open tab's content."""
    return html.Div(children, id=panel_id, className=f"tab-panel tab-{active}")
