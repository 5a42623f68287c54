"""Pages drawn once per data version and link (dashboard/page_cache.py), through the router."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dashboard import page_cache, response_cache


def _router(client, path: str, search: str = "", prefix: str = "/") -> dict[str, Any]:
    body = {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}
    token = client.get_cookie("_csrf_token")
    response = client.post(f"{prefix}_dash-update-component", json=body,
                           headers={"X-CSRFToken": token.value} if token else {})
    assert response.status_code == 200, response.data[:300]
    return json.loads(response.data)


@pytest.fixture
def counted(monkeypatch) -> list[dict[str, Any]]:
    """Return the list of the methodology page's real draws (its query each time)."""
    from dashboard.pages import methodology

    calls: list[dict[str, Any]] = []
    original = methodology.layout

    def layout(**query: Any) -> Any:
        calls.append(query)
        return original(**query)

    monkeypatch.setattr(methodology, "layout", layout)
    return calls


def _client(data_dir: Path, base_path: str | None = None):
    from dashboard.app import create_app

    client = create_app(data_dir=data_dir, base_path=base_path).server.test_client()
    client.get(base_path or "/")
    return client


def test_a_link_drawn_again_is_the_same_page_drawn_once(counted, mini_dir) -> None:
    client = _client(mini_dir)
    first = _router(client, "/methodology")
    again = _router(client, "/methodology")
    assert again == first
    assert counted == [{}]
    _router(client, "/methodology", "?year=2023")
    assert counted == [{}, {"year": "2023"}]  # another link, another page


def test_changed_data_draws_the_page_again(mini_copy) -> None:
    client = _client(mini_copy)
    assert "Country A" in json.dumps(_router(client, "/"))
    countries = mini_copy / "countries.csv"
    countries.write_text(countries.read_text().replace("Country A", "Country Z"))
    redrawn = json.dumps(_router(client, "/"))
    assert "Country Z" in redrawn and "Country A" not in redrawn


def test_each_app_keeps_its_own_pages(counted, mini_dir) -> None:
    _router(_client(mini_dir), "/methodology")
    _router(_client(mini_dir, "/obs/"), "/obs/methodology", prefix="/obs/")  # its links carry /obs/
    assert len(counted) == 2


def test_the_data_page_is_drawn_every_time() -> None:
    def layout(**_query: Any) -> None:
        return None

    assert page_cache.cached("dashboard.pages.data", layout) is layout
    assert page_cache.cached("dashboard.pages.overview", layout) is not layout


def test_only_max_pages_are_kept(counted, mini_dir, monkeypatch) -> None:
    monkeypatch.setattr(page_cache, "MAX_PAGES", 2)
    monkeypatch.setattr(response_cache, "MAX_BYTES", 0)  # no bytes kept: the pages answer
    client = _client(mini_dir)
    for search in ("?year=2022", "?year=2023", "?year=2024", "?year=2022"):
        _router(client, "/methodology", search)
    assert [c["year"] for c in counted] == ["2022", "2023", "2024", "2022"]  # 2022 was dropped


@pytest.mark.parametrize("module_name", ["overview", "compare", "country", "methodology"])
def test_a_page_kept_as_json_sends_the_same_json(module_name, mini_dir) -> None:
    import importlib

    from plotly.io.json import to_json_plotly

    from dashboard.app import create_app

    module = importlib.import_module(f"dashboard.pages.{module_name}")
    app = create_app(data_dir=mini_dir)
    with app.server.test_request_context("/"):
        page = module.layout()
        assert to_json_plotly(page_cache.plain(page)) == to_json_plotly(page)
