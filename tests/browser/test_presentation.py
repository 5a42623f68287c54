"""Presentation a newsroom can use (issue 11 #7): human numbers, source links, a named preset,
a scenario zip with README and citation, whole years in downloads."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from dashboard.views import country
from indicators import load, score

SHIPPED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def shipped():
    bundle = load(SHIPPED)
    return bundle, score(bundle)


def test_country_sources_read_as_people_write(page: Page, live_server: str, console_errors,
                                             shipped) -> None:
    bundle, result = shipped
    rows = country.sources(result, bundle, "KOR")
    investment = rows.index[rows["code"] == "ai_private_investment"][0]
    value = rows.at[investment, "value"]
    assert 1e9 <= value < 1e12  # the check below expects billions
    page.goto(live_server + "/country/KOR")
    grid = page.locator("#cty-sources")
    grid.scroll_into_view_if_needed()
    # AG Grid draws no rows off its own viewport: bring the row into it first
    grid.locator(".ag-body-viewport").evaluate(f"(el) => el.scrollTop = {investment} * 42")
    cell = grid.locator(f".ag-row[row-index='{investment}'] [col-id='value']").first
    expect(cell).to_have_text(f"{value / 1e9:.3g} bn")  # not 2.381e+09
    grid.locator(".ag-body-viewport").evaluate("(el) => el.scrollTop = 0")
    link = grid.locator(".ag-row[row-index='0'] [col-id='link'] a").first
    expect(link).to_have_attribute("href", rows.at[0, "url"])
    assert console_errors == []


def test_scenario_names_its_preset_and_downloads_a_citable_zip(page: Page, live_server: str,
                                                               console_errors) -> None:
    page.goto(live_server + "/scenarios")
    expect(page.locator("#scn-narrative")).to_be_visible(timeout=30_000)
    expect(page.locator("#scn-preset")).to_contain_text("Frontier")  # not an empty box
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV + metadata").click()
    with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as archive:
        names = set(archive.namelist())
        readme = archive.read("README.txt").decode()
        csv = archive.read("scenario.csv").decode()
    assert {"scenario.csv", "metadata.json", "README.txt"} <= names
    assert "Cite as:" in readme and "sovai" in readme
    header = csv.splitlines()[0].split(",")
    first = dict(zip(header, csv.splitlines()[1].split(","), strict=False))
    digits = first["overall"].replace(".", "").replace("-", "").lstrip("0")
    assert "." not in first["rank"] and len(digits) <= 7  # no 17-digit float noise
    assert console_errors == []


def test_the_preset_menu_offers_no_preset_equal_to_the_reference(page: Page, live_server: str,
                                                                 console_errors, shipped) -> None:
    """Issue 11 #7: "Equal" was offered beside "Reference" with the same weights. Every preset
    the menu lists gives weights no other listed preset gives (Equal is listed only while
    some weight of the files is not 1)."""
    from dashboard.views.presets import PRESETS, apply_preset
    from indicators import ScoringSpec

    bundle, _ = shipped
    page.goto(live_server + "/")
    expect(page.locator("#ov-ranking .ag-row").first).to_be_attached()
    page.get_by_text("Weights & methods (what-if)").click()
    page.locator("[id*='preset']").first.click()
    labels = [t.strip() for t in page.locator(".dash-dropdown-option:visible").all_inner_texts()]
    by_label = {label: key for key, (label, _) in PRESETS.items()}
    listed = [by_label[label] for label in labels if label in by_label]
    assert "reference" in listed, labels
    weights = [apply_preset(key, ScoringSpec(), bundle) for key in listed]
    effective = [(bundle.pillars["weight"].astype(float).to_dict() | w.pillar_weights,
                  bundle.indicators["weight"].astype(float).to_dict() | w.indicator_weights)
                 for w in weights]
    assert all(effective[i] != effective[j] for i in range(len(listed))
               for j in range(i)), listed
    all_one = set(bundle.pillars["weight"].astype(float)) | set(
        bundle.scored_indicators["weight"].astype(float)) == {1.0}
    assert ("equal" in listed) != all_one
    assert console_errors == []


@pytest.mark.parametrize("path", ["/country/KOR", "/compare?countries=KOR,JPN,FRA",
                                  "/scenarios?preset=us-export-controls&country=JPN",
                                  "/robustness?country=IND", "/?tab=chart&measure=compute"])
def test_no_raw_indicator_code_in_the_text(page: Page, live_server: str, shipped,
                                           path: str) -> None:
    """Issue 11 #7: raw codes such as ``gpu_cluster_h100e`` appeared in sentences. The text a
    reader sees (tables included, link addresses not) names indicators, never their codes."""
    bundle, _ = shipped
    codes = [str(c) for c in bundle.indicators.index if "_" in str(c)]
    page.goto(live_server + path)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg')"
                           ".length > 0", timeout=60_000)
    page.wait_for_load_state("networkidle")
    text = page.locator("main").inner_text()
    # a whole code, not the start of a source's id ("cloud_regions_telegeography")
    assert [c for c in codes if re.search(rf"(?<![\w-]){c}(?![\w-])", text)] == []


#: Per row of a grid: its rank columns and the Δ rank as the grid formats it.
DELTAS_JS = """([grid, before, after, delta]) => { var rows = [];
    var api = dash_ag_grid.getApi(grid);
    api.forEachNode(function (node) { rows.push({iso3: node.data.iso3, before: node.data[before],
        after: node.data[after], shown: api.getCellValue({rowNode: node, colKey: delta,
                                                          useFormatter: true})}); });
    return rows; }"""


def _sign_agrees(rows: list[dict]) -> list[dict]:
    """Return the rows whose shown Δ is not "places gained" = rank before − rank after."""
    wrong = []
    for row in rows:
        if row["before"] is None or row["after"] is None:
            continue
        gained = int(row["before"]) - int(row["after"])
        expected = f"▲ +{gained}" if gained > 0 else (f"▼ {gained}" if gained < 0 else "0")
        if row["shown"] != expected:
            wrong.append(row)
    return wrong


def test_rank_change_has_one_sign_on_overview_and_scenarios(page: Page, live_server: str,
                                                            console_errors, shipped) -> None:
    """Issue 11 #7: the sign of a rank change differed between Scenarios and Overview. On
    both a gain of places is ▲ +n and a loss ▼ −n, computed from the ranks each grid shows."""
    _, reference = shipped
    page.goto(live_server + "/?pw_compute=4")
    expect(page.locator("#ov-ranking .ag-row").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    rows = page.evaluate(DELTAS_JS, ["ov-ranking", "rank", "rank", "delta_rank"])
    # the overview's rows carry the custom rank; the reference rank is the library's
    for row in rows:
        rank = reference.rank.get(row["iso3"])
        row["before"] = None if rank is None or pd.isna(rank) else int(rank)
    assert any(r["shown"].startswith("▲") for r in rows)
    assert any(r["shown"].startswith("▼") for r in rows)
    assert _sign_agrees(rows) == []
    page.goto(live_server + "/scenarios?preset=us-export-controls")
    expect(page.locator("#scn-grid .ag-row").first).to_be_attached(timeout=60_000)
    page.wait_for_load_state("networkidle")
    rows = page.evaluate(DELTAS_JS, ["scn-grid", "rank", "rank_floor", "rank_change"])
    assert any(r["shown"].startswith("▼") for r in rows)  # a cut-off costs places
    assert _sign_agrees(rows) == []
    assert console_errors == []
