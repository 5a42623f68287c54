"""Parts of the overview, robustness and methodology pages memoised by their own inputs
(``data_access.part``) never go stale.

A control's change redraws the page from its link, but reuses every part that does not read
that control; each test changes one input of a part and checks the part follows it, and that
another data version draws it again.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from dash import html

from dashboard import data_access, ids
from indicators import Bundle, ScoringSpec, score


@pytest.fixture
def calls() -> list[tuple[Any, ...]]:
    data_access._parts.clear()
    return []


def test_a_part_is_drawn_once_per_data_version_and_inputs(mini: Bundle, calls) -> None:
    def sentence(bundle: Bundle, region: str) -> str:
        calls.append((bundle.version, region))
        return f"In {region}"

    assert data_access.part(sentence, mini, "North") == "In North"
    assert data_access.part(sentence, mini, "North") == "In North"
    assert data_access.part(sentence, mini, "South") == "In South"  # its input changed
    edited = dataclasses.replace(mini, version="another-version")
    assert data_access.part(sentence, edited, "North") == "In North"
    assert calls == [(mini.version, "North"), (mini.version, "South"),
                     ("another-version", "North")]


def test_a_result_counts_by_its_spec(mini: Bundle, calls) -> None:
    def year(bundle: Bundle, result) -> int:
        calls.append(result.spec.year)
        return int(result.year)

    data_access.part(year, mini, score(mini, ScoringSpec(year=2024)))
    data_access.part(year, mini, score(mini, ScoringSpec(year=2024)))  # equal: reused
    data_access.part(year, mini, score(mini, ScoringSpec(year=2023)))
    assert calls == [2024, 2023]


def test_components_are_kept_in_their_json_form(mini: Bundle, calls) -> None:
    part = data_access.part(lambda bundle: [html.P("a", id="p")], mini)
    assert part == [{"props": {"children": "a", "id": "p"}, "type": "P",
                     "namespace": "dash_html_components"}]


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


def _find(node: Any, cid: str) -> dict[str, Any]:
    """Return the props of the component ``cid`` in a page's JSON."""
    if isinstance(node, dict):
        props = node.get("props", {})
        if props.get("id") == cid:
            return props
        children = [*node.values()] if "props" not in node else [*props.values()]
        for child in children:
            found = _find(child, cid)
            if found:
                return found
    if isinstance(node, list):
        for child in node:
            found = _find(child, cid)
            if found:
                return found
    return {}


def _page(client, search: str = "", prefix: str = "/") -> Any:
    return _router(client, prefix, search, prefix)


def _client(data_dir: Path, base_path: str | None = None):
    from dashboard.app import create_app

    client = create_app(data_dir=data_dir, base_path=base_path).server.test_client()
    client.get(base_path or "/")
    return client


def test_the_overview_rows_and_summary_follow_each_control(mini_dir, calls) -> None:
    client = _client(mini_dir)
    world = _page(client)
    north = _page(client, "?region=North")  # countries.csv: AAA and BBB are in North
    rows = {r["iso3"] for r in _find(world, ids.OV_GRID)["rowData"]}
    assert rows == {"AAA", "BBB", "CCC", "DDD"}
    assert {r["iso3"] for r in _find(north, ids.OV_GRID)["rowData"]} == {"AAA", "BBB"}
    assert "In the world," in _find(world, ids.OV_SUMMARY)["children"]
    assert "In North," in _find(north, ids.OV_SUMMARY)["children"]
    again = _page(client, "?region=North&bloc=Bloc")  # groups.csv: Bloc is AAA and BBB
    assert "In North, Bloc," in _find(again, ids.OV_SUMMARY)["children"]

    links = [r["country"] for r in _find(world, ids.OV_GRID)["rowData"]]
    intensity = [r["country"] for r in _find(_page(client, "?view=intensity"),
                                             ids.OV_GRID)["rowData"]]
    assert not any("view=intensity" in link for link in links)
    assert all("view=intensity" in link for link in intensity)  # the method is in each link

    measured = _find(_page(client, "?measure=c1"), ids.OV_GRID)["rowData"]
    assert all("measure_raw" in r for r in measured)
    assert not any("measure_raw" in r for r in _find(world, ids.OV_GRID)["rowData"])


def test_the_overview_links_follow_the_base_path(mini_dir, calls) -> None:
    _page(_client(mini_dir))  # the same parts drawn under "/" first
    page = _router(_client(mini_dir, "/obs/"), "/obs/", "", "/obs/")
    assert all("(/obs/country/" in r["country"] for r in _find(page, ids.OV_GRID)["rowData"])


def test_the_panel_follows_the_weights(mini_dir, calls) -> None:
    client = _client(mini_dir)

    def weight(search: str) -> float:
        return _find(_page(client, search), {"type": "panel", "page": "overview", "kind": "pw",
                                             "key": "compute"})["value"]  # type: ignore[arg-type]

    assert weight("?pw_compute=2") == 2.0
    assert weight("?pw_compute=3&region=North") == 3.0
    assert weight("?pw_compute=2&region=North") == 2.0


def test_another_data_version_draws_the_parts_again(mini_copy, calls) -> None:
    client = _client(mini_copy)
    before = _page(client, "?region=North")
    assert any("Country A" in r["country"] for r in _find(before, ids.OV_GRID)["rowData"])
    countries = mini_copy / "countries.csv"
    countries.write_text(countries.read_text().replace("Country A", "Country Z"))
    after = _page(client, "?region=North")
    names = [r["name"] for r in _find(after, ids.OV_GRID)["rowData"]]
    assert "Country Z" in names and "Country A" not in names
    assert "Country A" not in json.dumps(after)


def test_robustness_parts_follow_the_country_and_the_settings(mini_dir, calls) -> None:
    client = _client(mini_dir)

    def detail(search: str) -> str:
        return json.dumps(_router(client, "/robustness", search))

    assert "Country B in detail" in detail("?country=BBB")
    assert "Country C in detail" in detail("?country=CCC")
    assert "seed 7" in detail("?country=CCC&seed=7")
    assert "seed 7" not in detail("?country=CCC")


@pytest.mark.parametrize("data", ["mini", "shipped"])
def test_the_filters_keep_the_countries_filtered_iso3_keeps(data, mini, calls) -> None:
    from dashboard.pages import overview
    from dashboard.views.ranking import filtered_iso3
    from indicators import load

    bundle = mini if data == "mini" else load(Path(__file__).parents[2] / "data")
    regions = ["", *bundle.countries["region"].dropna().unique()]
    incomes = ["", *bundle.countries["income_group"].dropna().unique()]
    blocs = ["", *bundle.groups["group"].unique(), "no such bloc"]
    for region in regions:
        for income in incomes[:3]:
            for bloc in blocs:
                assert data_access.part(overview._kept, bundle, region, income, bloc) == \
                    set(filtered_iso3(bundle, region, income, bloc)), (region, income, bloc)


@pytest.mark.parametrize("spec", [ScoringSpec(), ScoringSpec(normalisation="rank"),
                                  ScoringSpec(pillar_weights={"compute": 3.0})])
def test_the_summary_of_a_filter_is_the_one_of_its_filtered_ranking(spec, mini, calls) -> None:
    from dashboard.pages import overview
    from dashboard.views.query import OverviewQuery
    from dashboard.views.ranking import ranking_frame, ranking_summary

    result, reference = score(mini, spec), score(mini, ScoringSpec(year=spec.year))
    for region, income, bloc in [("", "", ""), ("North", "", ""), ("South", "Low income", ""),
                                 ("", "", "Bloc"), ("South", "", "Bloc")]:
        state = OverviewQuery(spec=result.spec, region=region, income=income, bloc=bloc)
        expected = ranking_summary(ranking_frame(result, reference, mini, state), result, state)
        assert data_access.part(overview._summary, mini, result, reference, region, income,
                                bloc) == expected
