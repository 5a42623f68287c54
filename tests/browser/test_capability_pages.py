"""The four capability figures, in both readings, on the Scenarios, Compare and country pages
in a real browser (issue 13's done-when: all four for any country and several side by side),
at 1366 and 390 px: a ranked country at the frontier (USA), one on the fallback (KOR), one
without an internet-user figure (TWN), an unranked one (PRK) and one without known AI compute
(NGA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

SLOW_MS = 30_000
HEADERS = ["Country", "Best model before the cut", "Best model kept",
           "Months behind the frontier (before → kept)", "Known AI compute (H100e)",
           "Fallback served at home (% of demand), installed compute",
           "Fallback served at home, strict switch",
           "Time to train at frontier compute, installed compute",
           "Time to train at frontier compute, strict switch", "Best model lost"]
WIDTHS = (1366, 390)


def _fits(page: Page, width: int) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _cells(page: Page, table: str, row: int) -> list[str]:
    return [c.strip() for c in page.locator(f"#{table} tbody tr").nth(row)
            .locator("td, th").all_inner_texts()]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("iso3", "expected"), [
    ("USA", {2: "Grok 4", 3: "0 months → 0 months", 5: "100%"}),
    ("KOR", {2: "Grok 4", 5: "100%", 6: "0%", 8: "none left under the cut"}),
    ("TWN", {5: "unknown (no internet-user figure)"}),
    ("PRK", {4: "unknown", 5: "unknown (no known AI compute)",
             7: "unknown (no known AI compute)"}),
    ("NGA", {4: "unknown", 7: "unknown (no known AI compute)"}),
])
def test_scenarios_page_shows_both_readings(page: Page, live_server, console_errors, width,
                                            iso3, expected):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/scenarios?preset=us-export-controls&country={iso3}")
    table = page.locator("#capability-country")
    expect(table).to_be_visible(timeout=SLOW_MS)
    expect(table.locator("thead th")).to_have_text(HEADERS)
    cells = _cells(page, "capability-country", 0)
    assert len(cells) == len(HEADERS)
    for position, text in expected.items():
        assert cells[position] == text, (iso3, position, cells)
    if iso3 in ("USA", "KOR"):
        assert cells[7].endswith("days)") or cells[7].endswith("days"), cells
    note = page.locator("#capability-country-note")
    expect(note).to_contain_text("Installed compute: the AI compute in place on the day")
    box = note.bounding_box()  # outside the sideways-scrolling box: whole on a phone
    assert box is not None and box["x"] + box["width"] <= width
    expect(page.locator("#capability-country-text")).to_be_visible()
    _fits(page, width)
    assert console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_shows_the_figures_side_by_side(page: Page, live_server, console_errors,
                                                width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/compare?countries=USA,KOR,TWN,PRK,NGA&scenario=us-export-controls")
    table = page.locator("#cmp-capability-table")
    expect(table).to_be_visible(timeout=SLOW_MS)
    expect(table.locator("thead th")).to_have_text(HEADERS)
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(5)
    names = [_cells(page, "cmp-capability-table", i)[0] for i in range(5)]
    assert names == ["United States", "South Korea", "Taiwan", "North Korea", "Nigeria"]
    for i in range(5):
        assert len(_cells(page, "cmp-capability-table", i)) == len(HEADERS)
    _fits(page, width)
    assert console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("iso3", ["KOR", "PRK"])
def test_country_page_shows_the_figures(page: Page, live_server, console_errors, width, iso3):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/country/{iso3}?scenario=taiwan-strait")
    table = page.locator("#cty-capability-table")
    expect(table).to_be_visible(timeout=SLOW_MS)
    expect(table.locator("thead th")).to_have_text(HEADERS)
    assert len(_cells(page, "cty-capability-table", 0)) == len(HEADERS)
    text = page.locator("#cty-capability-text")
    if iso3 == "KOR":
        expect(text).to_contain_text("If the AI compute installed on the day of the cut keeps "
                                     "running")
        expect(text).to_contain_text("Under the strict power switch")
    else:
        expect(text).to_contain_text("no AI compute is known there")
    _fits(page, width)
    assert console_errors == []
