"""Parts of pages drawn once per data version and their own inputs (``data_access.part``).

A control change draws only the parts that depend on that control; these tests check that a
memoised part cannot go stale: changing what it depends on draws it again, and so do new data.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import types
from pathlib import Path
from typing import Any

import flask
import numpy as np
import pytest
from dash import html

from dashboard import data_access, ids
from dashboard.components.links import BASE_KEY
from dashboard.views import compare
from indicators import Bundle, ScoringSpec, load, score


@pytest.fixture
def calls() -> list[tuple[Any, ...]]:
    data_access._parts.clear()
    return []


def test_a_part_is_drawn_once_per_version_base_date_and_arguments(
        mini: Bundle, calls: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch) -> None:
    def block(bundle: Bundle, iso3: str, spec: ScoringSpec) -> html.Div:
        calls.append((bundle.version, iso3, spec.year))
        return html.Div(html.P(iso3, id="name"), className=str(spec.year))

    server = flask.Flask("parts")
    server.config[BASE_KEY] = "/"
    with server.app_context():
        first = data_access.part(block, mini, "AAA", ScoringSpec(year=2024))
        # the JSON Dash sends of the component, in dicts and lists
        assert first == {"type": "Div", "namespace": "dash_html_components",
                         "props": {"children": {"type": "P", "namespace": "dash_html_components",
                                                "props": {"children": "AAA", "id": "name"}},
                                   "className": "2024"}}
        assert data_access.part(block, mini, "AAA", ScoringSpec(year=2024)) == first
        assert len(calls) == 1
        data_access.part(block, mini, "BBB", ScoringSpec(year=2024))  # another country
        data_access.part(block, mini, "AAA", ScoringSpec(year=2023))  # another method
        data_access.part(block, dataclasses.replace(mini, version="edited"), "AAA",
                         ScoringSpec(year=2024))  # another data version
        assert len(calls) == 4
        later = types.SimpleNamespace(date=types.SimpleNamespace(
            today=lambda: dt.date(2031, 1, 2)))
        monkeypatch.setattr(data_access, "dt", later)  # charts print today's date
        data_access.part(block, mini, "AAA", ScoringSpec(year=2024))
        assert len(calls) == 5
    server.config[BASE_KEY] = "/obs/"  # links carry the base path
    with server.app_context():
        data_access.part(block, mini, "AAA", ScoringSpec(year=2024))
    assert len(calls) == 6


def test_a_part_other_than_components_is_kept_as_it_is(mini: Bundle,
                                                        calls: list[tuple[Any, ...]]) -> None:
    def sentence(bundle: Bundle, iso3: str) -> str:
        calls.append((iso3,))
        return f"{iso3} in {bundle.latest_year}"

    assert data_access.part(sentence, mini, "AAA") == f"AAA in {mini.latest_year}"
    assert data_access.part(sentence, mini, "AAA") == f"AAA in {mini.latest_year}"
    assert calls == [("AAA",)]
    with pytest.raises(TypeError):  # an unhashable argument is refused, not keyed wrongly
        data_access.part(sentence, mini, ["AAA"])


def test_parts_are_bounded(mini: Bundle, calls: list[tuple[Any, ...]],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_access, "MAX_PARTS", 2)

    def echo(bundle: Bundle, x: int) -> int:
        calls.append((x,))
        return x

    for x in (1, 2, 1, 3, 1, 2):
        data_access.part(echo, mini, x)
    assert calls == [(1,), (2,), (3,), (2,)]  # 2 was the least recently used when 3 came


def _router(client, path: str, search: str = "") -> dict[str, Any]:
    body = {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}
    token = client.get_cookie("_csrf_token")
    response = client.post("/_dash-update-component", json=body,
                           headers={"X-CSRFToken": token.value} if token else {})
    assert response.status_code == 200, response.data[:300]
    return json.loads(response.data)


def _find(node: Any, component_id: str) -> dict[str, Any]:
    """Return the component of the page JSON ``node`` whose id is ``component_id``."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("props", {}).get("id") == component_id:
                return item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    raise AssertionError(f"no component {component_id!r}")


def _client(data_dir: Path):
    from dashboard.app import create_app

    client = create_app(data_dir=data_dir).server.test_client()
    client.get("/")
    return client


def test_compare_parts_follow_the_countries_the_method_and_the_data(mini_copy: Path) -> None:
    data_access._parts.clear()
    client = _client(mini_copy)
    bundle = load(mini_copy)

    def grid_and_summary(search: str) -> tuple[list[dict[str, Any]], str]:
        page = _router(client, "/compare", search)
        rows = _find(page, "cmp-indicators")["props"]["rowData"]
        return rows, _find(page, "cmp-summary")["props"]["children"]

    def expected(iso3s: list[str], spec: ScoringSpec) -> tuple[list[dict[str, Any]], str]:
        result = score(bundle, spec)  # computed afresh, not through any cache
        rows = json.loads(json.dumps(compare.indicator_rows(result, iso3s)))
        return rows, compare.compare_summary(result, iso3s)

    assert grid_and_summary("?countries=AAA,BBB") == expected(["AAA", "BBB"], ScoringSpec())
    # one more country: its column joins the others, drawn for it
    assert grid_and_summary("?countries=AAA,BBB,CCC") == expected(["AAA", "BBB", "CCC"],
                                                                  ScoringSpec())
    # another method: every country's cells are drawn again under it
    zscores = ScoringSpec(normalisation="zscore")
    rows, summary = grid_and_summary("?countries=AAA,BBB,CCC&norm=zscore")
    assert (rows, summary) == expected(["AAA", "BBB", "CCC"], zscores)
    assert [r["AAA_score"] for r in rows] != [r["AAA_score"] for r in
                                              expected(["AAA"], ScoringSpec())[0]]
    # new data: a country renamed in countries.csv is renamed in its sentence and its cells
    countries = mini_copy / "countries.csv"
    countries.write_text(countries.read_text().replace("Country A", "Country Z"))
    bundle = load(mini_copy)
    rows, summary = grid_and_summary("?countries=AAA,BBB")
    assert summary.startswith("Country Z") and "Country A" not in summary
    assert (rows, summary) == expected(["AAA", "BBB"], ScoringSpec())


def test_audit_heatmap_follows_its_pillar_and_correlation(mini_dir: Path) -> None:
    from indicators.audit import pillar_matrices

    data_access._parts.clear()
    client = _client(mini_dir)
    bundle = load(mini_dir)
    reference = score(bundle)
    first, second = bundle.pillar_codes[:2]

    def heatmap(search: str) -> np.ndarray:
        z = _find(_router(client, "/audit", search), "aud-heatmap")["props"]["figure"][
            "data"][0]["z"]  # a typed array, as plotly sends numpy arrays
        shape = tuple(int(n) for n in str(z["shape"]).split(","))
        return np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape)

    def expected(pillar: str, method: str, spec: ScoringSpec | None = None) -> np.ndarray:
        result = reference if spec is None else score(bundle, spec)
        return pillar_matrices(result, pillar, method).to_numpy(dtype=float)  # type: ignore[arg-type]

    def same(a: np.ndarray, b: np.ndarray) -> bool:
        return a.shape == b.shape and bool(np.allclose(a, b, equal_nan=True))

    assert same(heatmap(""), expected(first, "pearson"))
    assert same(heatmap(f"?pillar={second}"), expected(second, "pearson"))
    assert not same(expected(first, "pearson"), expected(second, "pearson"))
    assert same(heatmap(f"?pillar={second}&corr=spearman"), expected(second, "spearman"))
    # another method of scoring, the same pillar and correlation: drawn again under it
    assert same(heatmap(f"?pillar={second}&corr=spearman&norm=zscore&year=2022"),
                expected(second, "spearman", ScoringSpec(normalisation="zscore", year=2022)))


def test_country_parts_follow_the_country_the_year_and_the_tab(mini_dir: Path) -> None:
    from dashboard.views import country

    data_access._parts.clear()
    client = _client(mini_dir)
    bundle = load(mini_dir)

    def shown(path: str, search: str = "") -> tuple[list[Any], str, str]:
        page = _router(client, path, search)
        rows = _find(page, "cty-sources")["props"]["rowData"]
        return ([(r["indicator"], r["value"], r["year"], r["score"]) for r in rows],
                _find(page, "cty-summary")["props"]["children"],
                _find(page, ids.CTY_PANEL)["props"]["children"][0]["type"])

    def expected(iso3: str, spec: ScoringSpec) -> tuple[list[Any], str]:
        result = score(bundle, spec)
        frame = country.sources(result, bundle, iso3)
        rows = json.loads(frame.to_json(orient="records"))
        return ([(r["indicator"], r["value"], r["year"], r["score"]) for r in rows],
                country.country_summary(result, iso3))

    assert shown("/country/AAA")[:2] == expected("AAA", ScoringSpec())
    assert shown("/country/BBB")[:2] == expected("BBB", ScoringSpec())
    earlier = shown("/country/BBB", "?year=2022")
    assert earlier[:2] == expected("BBB", ScoringSpec(year=2022))
    assert earlier[:2] != expected("BBB", ScoringSpec())
    # the open tab: the table in place of the chart, the rest as drawn for the year
    table = shown("/country/BBB", "?year=2022&tab=table")
    assert table[:2] == earlier[:2] and (earlier[2], table[2]) == ("Figure", "P")
