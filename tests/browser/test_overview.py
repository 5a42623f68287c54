"""Overview in Chromium: map offline, ranking equal to the library's, URL state, what-if, live data.

Expected numbers are computed with the library on the same data directory the app serves.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from dashboard.views.presets import apply_preset
from indicators import ScoringSpec, load, score

SHIPPED = Path(__file__).resolve().parents[2] / "data"
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def shipped():
    """Return the shipped bundle and its reference result."""
    bundle = load(SHIPPED)
    return bundle, score(bundle)


def first_name(page: Page):
    return page.locator("#ov-ranking .ag-row[row-index='0'] [col-id='country']").first


def grid_cell(page: Page, iso3: str, field: str):
    return page.locator(f"#ov-ranking .ag-row[row-id='{iso3}'] [col-id='{field}']").first


def test_overview_offline_with_library_numbers(page: Page, live_server, console_errors, shipped):
    _bundle, result = shipped
    hosts = set()
    page.on("request", lambda req: hosts.add(urlsplit(req.url).netloc))
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Sovereign-AI readiness, {result.year}")
    page.wait_for_load_state("networkidle")
    # keyboard: the first Tab reaches the skip link
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    top = result.table().iloc[0]
    expect(grid_cell(page, top["iso3"], "country")).to_have_text(top["name"])
    expect(grid_cell(page, top["iso3"], "overall")).to_have_text(f"{top['overall']:.1f}")
    expect(page.locator("#ov-summary")).to_contain_text(
        f"{result.ranked_count} countries are ranked in {result.year}")
    # the ranking comes first; the map tab draws the shapes from the local topojson, and only
    # then (no map is built while the table is open)
    assert page.locator("#ov-map").count() == 0
    page.get_by_role("link", name="Map", exact=True).click()
    expect(page).to_have_url(re.compile(r"tab=map"))
    expect(page.locator("#ov-map .choroplethlocation").first).to_be_attached(timeout=10000)
    assert page.locator("#ov-map .choroplethlocation").count() == result.ranked_count
    expect(page.locator("#ov-summary")).to_contain_text(
        f"{result.ranked_count} countries are ranked in {result.year}")
    page.get_by_role("link", name="Chart", exact=True).click()
    expect(page.locator("#ov-chart .main-svg").first).to_be_visible()
    expect(page.locator("#ov-chart .ytick").last).to_have_text(top["name"])  # best on top
    assert hosts == {urlsplit(live_server).netloc}, hosts
    assert console_errors == []


def test_filters_live_in_the_url_and_back_restores(page: Page, live_server, console_errors,
                                                   shipped, choose):
    bundle, result = shipped
    region = bundle.countries.at["KOR", "region"]
    page.goto(live_server + "/?ri=1&region=" + region.replace(" ", "+"))
    table = result.table()
    leader = table[table["iso3"].map(bundle.countries["region"]) == region].iloc[0]
    expect(first_name(page)).to_have_text(leader["name"])
    expect(page.get_by_text("Rank 5–95 %", exact=False).first).to_be_visible()
    # choose a pillar for the map: the address records it, Back returns to the overall map
    page.get_by_role("link", name="Map", exact=True).click()
    expect(page.locator("#ov-map .gtitle")).to_have_text(f"Overall score, {result.year}")
    choose(page, page.locator("#ov-measure"), "Compute pillar")
    expect(page).to_have_url(re.compile(r"measure=compute"))
    expect(page.locator("#ov-map .gtitle")).to_have_text(f"Compute pillar score, {result.year}")
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"measure="))
    expect(page.locator("#ov-map .gtitle")).to_have_text(f"Overall score, {result.year}")
    assert parse_qs(urlsplit(page.url).query)["region"] == [region]
    # the scale / intensity toggle re-scores: the leader is the library's in the intensity view
    page.get_by_label("Intensity (per GDP or person)").check()
    expect(page).to_have_url(re.compile(r"view=intensity"))
    table_tab = page.get_by_role("link", name="Table", exact=True)
    expect(table_tab).to_have_attribute("href", re.compile(r"view=intensity"))  # page redrawn
    table_tab.click()
    table = score(bundle, ScoringSpec(view="intensity")).table()
    leader = table[table["iso3"].map(bundle.countries["region"]) == region].iloc[0]
    expect(first_name(page)).to_have_text(leader["name"])
    assert console_errors == []


def test_what_if_preset_reranks_with_delta(page: Page, live_server, console_errors, shipped,
                                           choose):
    bundle, result = shipped
    spec = apply_preset("compute-heavy", ScoringSpec(), bundle)
    heavy = score(bundle, spec)
    page.goto(live_server + "/")
    expect(first_name(page)).to_have_text(result.table().iloc[0]["name"])
    page.get_by_text("Weights & methods (what-if)").click()
    choose(page, page.locator("button.dash-dropdown[id*='preset']"), re.compile("Compute-heavy"))
    expect(page).to_have_url(re.compile(r"pw_compute=3"))
    top = heavy.table().iloc[0]
    expect(first_name(page)).to_have_text(top["name"])
    # Δ rank vs reference of a country that moves
    moved = (result.rank - heavy.rank).dropna()
    visible = heavy.table()["iso3"].head(12)  # rows further down are not drawn until scrolled
    iso3 = next(i for i in visible if moved[i] != 0)
    delta = int(moved[iso3])
    expect(grid_cell(page, iso3, "delta_rank")).to_contain_text(f"{delta:+d}".replace("-", "▼ -")
                                                                if delta < 0 else f"+{delta}")
    # keyboard: a slider moves with the arrow keys and keeps focus after the page redraws
    page.locator("[role=slider]").first.focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"pw_data=1.5"))
    expect(page.locator("[role=slider]").first).to_be_focused()
    assert console_errors == []


def test_live_edit_shows_and_invalid_edit_keeps_last_valid_data(page: Page, serve_app,
                                                                console_errors, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    url = serve_app(data)
    page.goto(url + "/")
    expect(grid_cell(page, "CCC", "country")).to_have_text("Country C")
    countries = data / "countries.csv"
    page.wait_for_load_state("networkidle")  # a reload mid-callback would abort it
    countries.write_text(countries.read_text().replace("Country C", "Country Zed"))
    page.goto(url + "/")
    expect(grid_cell(page, "CCC", "country")).to_have_text("Country Zed")
    pillars = data / "pillars.csv"
    pillars.write_text(pillars.read_text().replace("compute,Compute,1", "compute,Compute,heavy"))
    page.wait_for_load_state("networkidle")
    page.goto(url + "/")
    expect(page.get_by_role("alert")).to_contain_text("pillars.csv:3")
    expect(grid_cell(page, "CCC", "country")).to_have_text("Country Zed")
    assert console_errors == []


def test_year_slider_moves_map_and_ranking_together(page: Page, live_server, console_errors,
                                                    shipped):
    """The Grapher interaction (issue 11): one year slider over the Table / Map / Chart tabs;
    the open tab stays open, and the ranking and the map show the same year."""
    bundle, _ = shipped
    earlier = sorted(bundle.years)[-2]
    page.goto(live_server + "/?tab=map")
    expect(page.locator("#ov-map .choroplethlocation").first).to_be_attached()
    thumb = page.locator("#ov-year [role=slider]")
    thumb.focus()
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(rf"year={earlier}"))
    expect(page).to_have_url(re.compile(r"tab=map"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Sovereign-AI readiness, {earlier}")
    expect(page.locator("#ov-map .gtitle")).to_have_text(f"Overall score, {earlier}")
    page.get_by_role("link", name="Table", exact=True).click()
    then = score(bundle, ScoringSpec(year=earlier)).table().iloc[0]
    expect(first_name(page)).to_have_text(then["name"])
    expect(page).to_have_url(re.compile(rf"year={earlier}"))
    assert console_errors == []
