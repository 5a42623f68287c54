"""``components.plain_html.element`` writes what Dash sends of the component it stands for."""

from __future__ import annotations

import json

import pytest
from dash import dcc, html

from dashboard.components import ranking_preview, weights_panel
from dashboard.components.plain_html import element
from dashboard.page_cache import plain


@pytest.mark.parametrize(("cls", "children", "props"), [
    (html.Td, "x", {"className": "num", "style": None}),
    (html.Td, None, {"className": "tick"}),
    (html.Th, "Rank", {"scope": "col", "className": None}),
    (html.Col, None, {"style": {"width": "90px"}}),
    (dcc.Link, "Korea", {"href": "/country/KOR?view=intensity"}),
    (html.Label, [{"props": {"children": "a"}, "type": "Span",
                   "namespace": "dash_html_components"}], {"className": "slider-row"}),
    (dcc.Slider, None, {"id": {"type": "panel", "key": "d1"}, "min": 0.5, "max": 5.0,
                        "step": 0.5, "value": 2.0, "marks": {1: "1", 2: "2"},
                        "updatemode": "mouseup", "tooltip": {"placement": "bottom"}}),
])
def test_the_json_is_the_components(cls, children, props) -> None:
    built = cls(children, **props) if children is not None else cls(**props)
    assert json.dumps(element(cls, children, **props)) == json.dumps(plain(built))


def test_an_unknown_property_is_refused() -> None:
    element(html.Td, "x", className="num")
    with pytest.raises(KeyError):
        element(html.Td, "x", colour="red")


def test_a_slider_is_the_one_dash_would_build() -> None:
    ours = weights_panel._slider("overview", "iw", "d1", "Data one", 2.5)
    dash_built = html.Label([
        html.Span("Data one", className="slider-label"),
        dcc.Slider(id={"type": "panel", "page": "overview", "kind": "iw", "key": "d1"},
                   min=0.5, max=5.0, step=0.5, value=2.5, marks={i: str(i) for i in range(1, 6)},
                   updatemode="mouseup", tooltip={"placement": "bottom"})],
        className="slider-row")
    assert json.dumps(plain(ours)) == json.dumps(plain(dash_built))


def test_a_preview_cell_is_the_one_dash_would_build() -> None:
    column = {"field": "overall", "cellStyle": ranking_preview.SCORE_BAR, "type": "numericColumn"}
    cell = ranking_preview._cell(column, {"overall": 61.3}, {})
    assert json.dumps(cell) == json.dumps(plain(html.Td(
        "61.3", className="num",
        style={"background": "linear-gradient(90deg, #b9d7ee 61.3%, transparent 61.3%)"})))
    link = ranking_preview._cell({"field": "country"}, {"name": "Korea"}, {"country": "/c/KOR"})
    assert json.dumps(link) == json.dumps(plain(html.Td(dcc.Link("Korea", href="/c/KOR"),
                                                        className=None, style=None)))
