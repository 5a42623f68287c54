"""Country profile in Chromium: standing, strengths, every number's source, picker, ledger."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard.views import country
from dashboard.views.fmt import ordinal
from indicators import ScoringSpec, load, score

SHIPPED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def shipped():
    bundle = load(SHIPPED)
    return bundle, score(bundle)


def test_profile_numbers_and_sources(page: Page, live_server, console_errors, shipped):
    bundle, result = shipped
    page.goto(live_server + "/country/KOR")
    expect(page.get_by_role("heading", level=1)).to_have_text(bundle.countries.at["KOR", "name"])
    expect(page.locator("#cty-summary")).to_have_text(country.country_summary(result, "KOR"))
    standing = country.standing(result, "KOR").iloc[0]
    card = page.locator("#cty-cards .card").first
    expect(card).to_contain_text(f"{standing['score']:.1f}")
    expect(card).to_contain_text(f"{ordinal(int(standing['rank']))} of {standing['of']}")
    strengths, _ = country.strengths_weaknesses(result, bundle, "KOR")
    expect(page.locator("#cty-strengths tbody tr").first).to_contain_text(
        strengths.iloc[0]["indicator"])
    # every number names its source: the first indicator's row shows publisher and year
    sources = country.sources(result, bundle, "KOR").iloc[0]
    row = page.locator("#cty-sources .ag-row[row-index='0']")
    expect(row.locator("[col-id='source']").first).to_have_text(sources["source"])
    expect(row.locator("[col-id='year']").first).to_have_text(str(sources["year"]))
    # the dependency ledger slot is filled when its component exists, or says it is absent
    expect(page.get_by_role("heading", name=re.compile("dependenc", re.I)).first).to_be_visible()
    assert console_errors == []


def test_picker_and_unknown_code(page: Page, live_server, console_errors, shipped):
    bundle, _ = shipped
    page.goto(live_server + "/country/XYZ")
    expect(page.get_by_role("heading", level=1)).to_have_text("Country profile")
    # audit C9: an unknown code is named, not silently replaced by the chooser
    expect(page.get_by_role("status")).to_contain_text("No country with the code “XYZ”")
    # the navigation's own "Country" link (/country/choose) is the chooser, not an unknown code
    page.get_by_role("link", name="Country", exact=True).click()
    expect(page).to_have_url(re.compile(r"/country/choose$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Country profile")
    expect(page.get_by_text("No country with the code")).to_have_count(0)
    page.goto(live_server + "/country/XYZ")
    expect(page.get_by_role("status")).to_contain_text("No country with the code “XYZ”")
    _search_and_pick(page, "#cty-pick", "Japan", "Japan (JPN)")
    expect(page).to_have_url(re.compile(r"/country/JPN$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(bundle.countries.at["JPN", "name"])
    assert console_errors == []


def test_profile_tabs_and_year_slider(page: Page, live_server, console_errors, shipped):
    """The country page has the same Table / Map / Chart tabs and year slider as the overview
    (issue 11): the map outlines the country, the table lists its standing, the slider moves
    the whole profile to another year and keeps the open tab."""
    bundle, result = shipped
    earlier = sorted(bundle.years)[-2]
    page.goto(live_server + "/country/KOR")
    expect(page.locator("#cty-distribution .main-svg").first).to_be_visible()  # the default
    page.get_by_role("link", name="Map", exact=True).click()
    expect(page).to_have_url(re.compile(r"/country/KOR\?tab=map$"))
    expect(page.locator("#cty-map .choroplethlocation").first).to_be_attached()
    # a long title is broken into lines (``<br>``) to fit a phone
    expect(page.locator("#cty-map .gtitle")).to_have_attribute(
        "data-unformatted", re.compile(r"South Korea(<br>| )outlined"))
    page.get_by_role("link", name="Table", exact=True).click()
    rows = page.locator("#cty-standing tbody tr")
    expect(rows).to_have_count(1 + len(result.pillars.columns))
    expect(rows.first).to_contain_text(f"{country.standing(result, 'KOR').iloc[0]['score']:.1f}")
    page.wait_for_load_state("networkidle")
    page.locator("#cty-year [role=slider]").focus()
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(rf"year={earlier}"))
    expect(page).to_have_url(re.compile(r"tab=table"))
    then = score(bundle, ScoringSpec(year=earlier))
    expect(page.locator("#cty-summary")).to_have_text(country.country_summary(then, "KOR"))
    assert console_errors == []


def test_what_an_unranked_country_lacks_reads_on_a_phone(page: Page, live_server, console_errors,
                                                          shipped):
    """At 390 px the list of indicators that would fill a pillar was a column off to the side
    of a table whose row it made a screen tall (blank on a phone); it is now text under the
    counts, which fit the screen."""
    _, result = shipped
    unranked = next(str(i) for i in result.rank.index[result.rank.isna()])
    missing = country.missing_pillars(result, unranked)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/country/{unranked}")
    table = page.locator("#cty-missing")
    expect(table).to_be_visible()
    box = table.locator("xpath=..")  # its scroll box
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert table.bounding_box()["height"] < 300
    section = page.locator("section", has=table)
    for row in missing.itertuples(index=False):
        expect(section).to_contain_text(f"{row.pillar}, indicators without a value: "
                                        f"{row.missing}")
    assert console_errors == []


def _search_and_pick(page: Page, dropdown: str, typed: str, option_name: str,
                     tries: int = 3) -> None:
    """Open ``dropdown`` once the page has settled, type ``typed`` in its search box and click
    ``option_name``. The dropdown's script is a chunk loaded on first use: a click that lands
    before it has mounted opens nothing (the typing then went nowhere, once in a full run), so
    the search box is waited for and the dropdown opened again if it did not appear."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(tries):
        page.wait_for_load_state("networkidle")
        page.locator(dropdown).click()
        search = page.locator(".dash-dropdown-search:visible")
        try:
            search.wait_for(state="visible", timeout=5_000)
        except PlaywrightError:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
            continue
        search.fill(typed)
        page.get_by_role("option", name=option_name).click()
        return

