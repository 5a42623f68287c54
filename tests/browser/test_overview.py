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
    top = result.table().iloc[0]
    expect(grid_cell(page, top["iso3"], "country")).to_have_text(top["name"])
    expect(grid_cell(page, top["iso3"], "overall")).to_have_text(f"{top['overall']:.1f}")
    # the world map drew its country shapes from the local topojson
    expect(page.locator("#ov-map .choroplethlocation").first).to_be_attached(timeout=10000)
    assert page.locator("#ov-map .choroplethlocation").count() == result.ranked_count
    expect(page.locator("#ov-map").locator("..").locator("figcaption")).to_contain_text(
        f"{result.ranked_count} countries are ranked in {result.year}")
    # keyboard: the first Tab reaches the skip link
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
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
