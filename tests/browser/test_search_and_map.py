"""Search filters as you type, by the names the sources use; a map click opens the profile
(issue 11 #5). On the code before, nothing filtered until Enter, "Korea, Rep." found nothing,
and a click on the map did nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from dashboard.views.search import matching
from indicators import load

SHIPPED = Path(__file__).resolve().parents[2] / "data"


def rows(page: Page):
    return page.locator("#ov-ranking .ag-center-cols-container .ag-row")


def test_search_as_you_type_by_source_names(page: Page, live_server: str,
                                            console_errors) -> None:
    page.goto(live_server + "/")
    expect(rows(page).first).to_be_visible()
    box = page.get_by_label("Find a country")
    box.press_sequentially("Korea, Rep.")  # no Enter, no blur
    expect(rows(page)).to_have_count(1)
    expect(page.locator("#ov-ranking .ag-row[row-id='KOR']").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=Korea%2C(\+|%20)Rep\."))  # the view stays a link
    box.fill("")
    box.press_sequentially("Republic of Korea")
    expect(rows(page)).to_have_count(1)
    box.fill("Korea")
    expect(rows(page)).to_have_count(2)  # both Koreas; North Korea is unranked
    page.locator("#ov-ranking .ag-row[row-id='PRK'] [col-id='country'] a").first.click()
    expect(page).to_have_url(re.compile(r"/country/PRK$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("North Korea")
    assert console_errors == []


def filtered_codes(page: Page) -> set[str]:
    """Return the codes of every row the ranking's filter keeps (drawn on screen or not)."""
    return set(page.evaluate("""() => { var codes = [];
        dash_ag_grid.getApi('ov-ranking').forEachNodeAfterFilter(
            function (node) { codes.push(node.data.iso3); });
        return codes; }"""))


@pytest.mark.parametrize("query", ["KOR", "kor", "Korea", "Rep. of Korea", "Korea, Rep.",
                                   "orea", "Chi", "nam", "united k"])
def test_search_matches_codes_and_word_starts_as_the_library_does(page: Page, live_server: str,
                                                                  console_errors,
                                                                  query: str) -> None:
    """Issue 11: "KOR" listed North Korea too (the match was inside "Korea"). A code is
    matched as a code, a name by the start of its words; the download of the rows shown uses
    the same rule (``views.search.matching``)."""
    page.goto(live_server + "/")
    expect(rows(page).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.get_by_label("Find a country").fill(query)
    expected = matching(query, load(SHIPPED))
    page.wait_for_function("(n) => { var shown = 0;"
                           " dash_ag_grid.getApi('ov-ranking').forEachNodeAfterFilter("
                           "   function () { shown++; }); return shown === n; }",
                           arg=len(expected))
    assert filtered_codes(page) == expected
    if query.lower() == "kor":
        assert expected == {"KOR"}
    assert console_errors == []


def test_a_click_on_the_map_opens_the_profile(page: Page, live_server: str,
                                              console_errors) -> None:
    page.goto(live_server + "/?pw_data=2&tab=map")
    shapes = page.locator("#ov-map .choroplethlocation")
    expect(shapes.first).to_be_attached()
    page.locator("#ov-map").scroll_into_view_if_needed()  # a mouse click needs it on screen
    # Plotly finds the country under the pointer itself (its shapes take no pointer events), so
    # the click goes to the middle of a compact country's box, which lies on its own land: the
    # centre of a sprawling one's (Canada's, the USA's with Alaska) or a microstate's may not.
    index = shape_of(page, "AUS")
    assert index >= 0, "Australia is drawn on the map"
    box = shapes.nth(index).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"/country/AUS\?pw_data=2$"))
    iso3 = "AUS"
    names = pd.read_csv(SHIPPED / "countries.csv", index_col="iso3", keep_default_na=False)
    expect(page.get_by_role("heading", level=1)).to_have_text(names.at[iso3, "name"])
    assert console_errors == []



def shape_of(page: Page, iso3: str) -> int:
    """Return the index of the map shape drawn for ``iso3`` (plotly keeps its location on it)."""
    return page.evaluate("""(iso3) => {
        var shapes = Array.from(document.querySelectorAll('#ov-map .choroplethlocation'));
        return shapes.findIndex(s => s.__data__ && s.__data__.loc === iso3); }""", iso3)


def dropdown_options(page: Page, dropdown: str, typed: str) -> list[str]:
    """Open ``dropdown``, type ``typed`` in its search box and return the options it lists."""
    page.wait_for_load_state("networkidle")
    page.locator(dropdown).click()
    page.locator(".dash-dropdown-search:visible").fill(typed)
    page.wait_for_timeout(500)  # the list redraws as the text filters it
    return page.locator(".dash-dropdown-option:visible").all_inner_texts()


@pytest.mark.parametrize(("path", "dropdown", "chosen"), [
    ("/country/JPN", "#cty-pick", ["Japan (JPN)"]), ("/robustness", "#rb-country", []),
    ("/scenarios?country=JPN", "#scn-country", ["Japan (JPN)"])])
def test_country_dropdowns_search_as_the_ranking_does(page: Page, live_server: str,
                                                      console_errors, path: str,
                                                      dropdown: str, chosen: list[str]) -> None:
    """The country pickers used Dash's own search, which matches inside words: "KOR" listed
    North Korea (PRK) too. The chosen country stays listed."""
    page.goto(live_server + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=60_000)
    assert sorted(o.strip() for o in dropdown_options(page, dropdown, "KOR")) == sorted(
        [*chosen, "South Korea (KOR)"])
    page.locator(".dash-dropdown-search:visible").fill("Korea")
    page.wait_for_timeout(500)
    assert sorted(o.strip() for o in page.locator(".dash-dropdown-option:visible")
                  .all_inner_texts()) == sorted([*chosen, "North Korea (PRK)",
                                                 "South Korea (KOR)"])
    page.locator(".dash-dropdown-search:visible").fill("Rep. of Korea")
    page.get_by_role("option", name="South Korea (KOR)").click()
    if path.startswith("/country"):
        expect(page).to_have_url(re.compile(r"/country/KOR$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("South Korea")
    else:
        expect(page).to_have_url(re.compile(r"country=KOR"), timeout=60_000)
    assert console_errors == []


def test_compare_chooser_keeps_the_chosen_while_searching(page: Page, live_server: str,
                                                         console_errors) -> None:
    page.goto(live_server + "/compare?countries=JPN,FRA")
    expect(page.locator("#cmp-summary")).to_be_visible(timeout=60_000)
    listed = [o.strip() for o in dropdown_options(page, "#cmp-countries", "kor")]
    assert "North Korea (PRK)" not in listed and "South Korea (KOR)" in listed
    page.get_by_role("option", name="South Korea (KOR)").click()
    expect(page).to_have_url(re.compile(r"countries=JPN,FRA,KOR"), timeout=60_000)
    expect(page.locator("#cmp-summary")).to_contain_text("South Korea")
    assert console_errors == []
