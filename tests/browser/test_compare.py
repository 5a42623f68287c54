"""Compare in Chromium: by URL and by clicks, numbers equal to the library's, download, share."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from dashboard.views import compare, country
from dashboard.views.intervals import robustness_rows
from indicators import ScoringSpec, load, score

SHIPPED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def shipped():
    bundle = load(SHIPPED)
    return bundle, score(bundle)


def countries_in(url: str) -> list[str]:
    return parse_qs(urlsplit(url).query)["countries"][0].split(",")


def test_compare_by_url_shows_the_library_numbers(page: Page, live_server, console_errors,
                                                  shipped):
    _bundle, result = shipped
    picked = ["KOR", "JPN", "FRA"]
    page.goto(live_server + "/compare?countries=" + ",".join(picked))
    expect(page.locator("#cmp-summary")).to_have_text(compare.compare_summary(result, picked))
    gaps = compare.gap_to_leader(result, picked)
    first_gap = page.locator("#cmp-gaps tbody tr").first
    expect(first_gap).to_contain_text(str(gaps.iloc[0]["world_leader"]))
    expect(first_gap).to_contain_text(f"{gaps.iloc[0]['KOR_gap']:g}")
    table = compare.indicator_table(result, picked)
    first = table.iloc[0]
    row = page.locator("#cmp-indicators .ag-center-cols-container .ag-row[row-index='0']")
    expect(row.locator("[col-id='KOR_value']")).to_have_text(first["KOR_value"])
    expect(row.locator("[col-id='KOR_score']")).to_have_text(f"{first['KOR_score']:g}")
    # how fragile each rank is: the engine's interval, shown for the compared countries
    rows = robustness_rows(_bundle, ScoringSpec(), picked)
    kor = page.locator("#cmp-robustness tbody tr").first
    expect(kor).to_contain_text(str(rows.iloc[0]["country"]))
    expect(kor).to_contain_text(f"{int(rows.iloc[0]['rank_p95'])}")
    # who holds the power switch, country by country
    expect(page.locator("#ledger-compare")).to_contain_text("Dependency ledgers")
    expect(page.locator("#ledger-compare tbody tr")).not_to_have_count(0)
    # each of the two charts has a summary and a table alternative
    assert page.locator(".chart-block figcaption").count() == 2
    assert page.get_by_text("Show the chart as a table").count() == 2
    assert console_errors == []


def test_compare_by_clicks_and_back(page: Page, live_server, console_errors, shipped):
    bundle, result = shipped
    page.goto(live_server + "/compare?countries=KOR,JPN")
    expect(page.locator("#cmp-summary")).to_contain_text("Japan ranks")
    page.get_by_role("button", name="5 nearest by overall score").click()
    nearest = compare.peer_sets(result, bundle, "KOR")["5 nearest by overall score"]
    expect(page).to_have_url(re.compile("countries=" + ",".join(nearest) + "(&|$)"))
    expect(page.locator("#cmp-summary")).to_have_text(compare.compare_summary(result, nearest))
    page.go_back()
    expect(page).to_have_url(re.compile(r"countries=KOR,JPN$"))
    expect(page.locator("#cmp-summary")).to_have_text(
        compare.compare_summary(result, ["KOR", "JPN"]))
    assert console_errors == []


def test_find_compare_share_download_and_sources(page: Page, live_server, console_errors,
                                                 shipped, tmp_path):
    """The whole job: find a country, compare it with three peers, share, download, sources."""
    _bundle, result = shipped
    page.goto(live_server + "/")
    search = page.get_by_label("Find a country")
    search.fill("Korea")  # filters as you type, and the link records it
    expect(page).to_have_url(re.compile(r"q=Korea"))
    page.locator("#ov-ranking").get_by_role("link", name="South Korea").click()
    expect(page).to_have_url(re.compile(r"/country/KOR$"))
    expect(page.locator("#cty-summary")).to_have_text(country.country_summary(result, "KOR"))
    page.get_by_role("link", name="Compare with the 3 nearest countries").click()
    expect(page).to_have_url(re.compile(r"/compare\?countries=KOR,"))
    picked = countries_in(page.url)
    assert len(picked) == 4
    expect(page.locator("#cmp-summary")).to_have_text(compare.compare_summary(result, picked))
    # share: the link alone reproduces the view in a fresh page
    shared = page.context.new_page()
    shared.goto(page.url)
    expect(shared.locator("#cmp-summary")).to_have_text(compare.compare_summary(result, picked))
    shared.close()
    # download what is shown: CSVs with every value's year and source, metadata with licences
    with page.expect_download() as info:
        page.get_by_role("button", name="Download data shown").click()
    path = tmp_path / "shown.zip"
    info.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        indicators = pd.read_csv(io.BytesIO(archive.read("indicators.csv")))
        meta = archive.read("metadata.json").decode()
        assert "Cite as:" in archive.read("README.txt").decode()
    assert sorted(indicators["iso3"].unique()) == sorted(picked)
    observed = indicators.dropna(subset=["raw_value"])
    assert observed["year"].notna().all() and observed["source_id"].notna().all()
    assert "licence" in meta and page.url.split("://")[1] in meta
    assert console_errors == []


def test_tick_rows_on_the_overview_to_compare(page: Page, live_server, console_errors,
                                              shipped):
    _bundle, result = shipped
    top = result.table()["iso3"].head(3).tolist()
    page.goto(live_server + "/")
    for iso3 in top:
        row = page.locator(f"#ov-ranking .ag-row[row-id='{iso3}']")
        row.locator(".ag-selection-checkbox input").first.check()
    link = page.get_by_role("link", name="Compare 3 selected")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"/compare\?countries="))
    assert sorted(countries_in(page.url)) == sorted(top)
    # the pillar chart saves as SVG in the browser (no server, no network)
    with page.expect_download() as info:
        page.locator("#cmp-pillars").locator("xpath=..").get_by_text(
            "Download this figure").click()
        page.locator("#cmp-pillars").locator("xpath=..").get_by_role(
            "button", name="SVG image").click()
    assert info.value.suggested_filename.endswith(".svg")
    assert console_errors == []
