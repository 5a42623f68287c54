"""The first page comes inside the layout (dashboard/first_render.py), not by a router request.

Each test asks the app for ``/_dash-layout`` as the browser does, with and without the
``Referer`` the browser sends, and reads the page container Dash Pages' router fills.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from dashboard import page_cache
from dashboard.components.ranking_preview import PREVIEW_ROWS, leaf_columns, ranking_preview


def _find(node: Any, component_id: str) -> dict[str, Any] | None:
    """Return the component of ``component_id`` in a layout's JSON, or None."""
    if isinstance(node, list):
        for child in node:
            found = _find(child, component_id)
            if found is not None:
                return found
        return None
    if not isinstance(node, dict):
        return None
    props = node.get("props", {})
    if props.get("id") == component_id:
        return node
    return _find(props.get("children"), component_id)


def _layout(app, referrer: str | None) -> dict[str, Any]:
    client = app.server.test_client()
    client.get("/")
    headers = {"Referer": referrer} if referrer is not None else {}
    response = client.get(f"{app.config.requests_pathname_prefix}_dash-layout", headers=headers)
    assert response.status_code == 200
    return json.loads(response.data)


def _text(node: Any) -> str:
    return json.dumps(node, ensure_ascii=False)


def test_the_layout_holds_the_page_the_browser_is_on(app) -> None:
    layout = _layout(app, "http://localhost/country/BBB")
    location = _find(layout, "_pages_location")["props"]
    assert (location["pathname"], location["search"]) == ("/country/BBB", "")
    assert "href" not in location and "hash" not in location  # the browser reports those
    content = _find(layout, "_pages_content")["props"]["children"]
    assert content and "Country B" in _text(content)
    assert _find(layout, "_pages_store")["props"]["data"]["path"] == "/country/BBB"


def test_the_layout_says_it_depends_on_the_referrer(app) -> None:
    client = app.server.test_client()
    client.get("/")
    assert "Referer" in client.get("/_dash-layout").headers.get("Vary", "")
    assert "Referer" not in client.get("/").headers.get("Vary", "")


def test_the_query_reaches_the_page_as_the_router_passes_it(app) -> None:
    layout = _layout(app, "http://localhost/?region=South")
    assert _find(layout, "_pages_location")["props"]["search"] == "?region=South"
    summary = _find(layout, "ov-summary")
    assert summary is not None and "In South" in summary["props"]["children"]


@pytest.mark.parametrize("referrer", [None, "", "http://elsewhere.example/",
                                      "http://localhost/no-such-page", "not a url"])
def test_without_a_known_page_the_router_draws_it(app, referrer) -> None:
    layout = _layout(app, referrer)
    assert _find(layout, "_pages_content")["props"].get("children") is None
    assert "pathname" not in _find(layout, "_pages_location")["props"]


def test_a_page_that_fails_to_draw_is_left_to_the_router(app, monkeypatch) -> None:
    import dash

    page = next(p for p in dash.page_registry.values() if p["path"] == "/methodology")

    def broken(**_query: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(page, "layout", broken)
    layout = _layout(app, "http://localhost/methodology")
    assert _find(layout, "_pages_content")["props"].get("children") is None


def test_under_a_base_path_only_its_own_pages_count(mini_dir) -> None:
    from dashboard.app import create_app

    app = create_app(data_dir=mini_dir, base_path="/obs/")
    inside = _layout(app, "http://localhost/obs/methodology")
    assert _find(inside, "_pages_location")["props"]["pathname"] == "/obs/methodology"
    assert _find(inside, "_pages_content")["props"]["children"]
    outside = _layout(app, "http://localhost/methodology")
    assert _find(outside, "_pages_content")["props"].get("children") is None


def _grid_like_columns() -> list[dict[str, Any]]:
    return [{"field": "rank", "headerName": "Rank", "width": 90, "type": "numericColumn",
             "pinned": "left"},
            {"field": "country", "headerName": "Country", "cellRenderer": "markdown",
             "width": 200, "pinned": "left"},
            {"field": "delta_rank", "headerName": "Δ", "width": 100},
            {"headerName": "group", "children": [
                {"field": "share", "headerName": "Share", "width": 80,
                 "valueFormatter": {"function": "humanNumber(params.value, '–')"}}]}]


def _props(node: dict[str, Any]) -> dict[str, Any]:
    """Return the properties of a component in its JSON form."""
    return node["props"]


def test_the_preview_is_the_grids_first_rows_as_the_grid_writes_them() -> None:
    rows = [{"rank": i + 1, "country": "[x](y)", "name": f"Land {i}", "delta_rank": d,
             "share": 12_345.0 * (i + 1)}
            for i, d in zip(range(PREVIEW_ROWS + 3), [3, -2, 0, None] * 5, strict=False)]
    links = [f"/country/L{i}" for i in range(len(rows))]
    preview = ranking_preview("p", _grid_like_columns(), rows, links, "caption")
    # the table is written in the JSON form Dash sends (components.plain_html): read it so
    table = _props(page_cache.plain(preview)["props"]["children"])
    head, body = _props(table["children"][2]), _props(table["children"][3])
    headers = [_props(cell)["children"] for cell in _props(head["children"])["children"]]
    # pinned columns, the grid's tick-box column, then the rest, the group opened
    assert headers == ["Rank", "Country", None, "Δ", "Share"]
    assert len(body["children"]) == PREVIEW_ROWS
    first, second, third, fourth = ([_props(c) for c in _props(row)["children"]]
                                    for row in body["children"][:4])
    assert first[0]["children"] == "1" and first[0]["className"] == "num"
    link = _props(first[1]["children"])
    assert link["children"] == "Land 0" and link["href"] == "/country/L0"
    assert first[1]["className"] == "pinned-edge"
    assert [r[3]["children"] for r in (first, second, third, fourth)] == ["▲ +3", "▼ -2", "0", "–"]
    assert first[4]["children"] == "12,345" and second[4]["children"] == "24,690"
    # the table is as wide as the grid's columns plus the tick box
    assert table["style"] == {"width": f"{90 + 200 + 52 + 100 + 80}px"}
    assert [c["field"] for c in leaf_columns(_grid_like_columns())][-1] == "share"
