"""The overview's first view in Chromium: drawn from the layout, its first rows before the grid.

The page comes with the layout (dashboard/first_render.py), so the first load sends no router
request; the ranking's first rows come as a plain table (components/ranking_preview.py) that
the grid replaces, row for row, when its script has run.
"""

from __future__ import annotations

import json
import re
import urllib.request

from playwright.sync_api import Page, Route, expect

from dashboard.components.ranking_preview import PREVIEW_ROWS

GRID_SCRIPT = re.compile(r"dash_ag_grid/async-community\.js")


class HeldScript:
    """Holds every request of the grid's script until ``release``; later ones pass."""

    def __init__(self, page: Page) -> None:
        self.held: list[Route] = []
        self.released = False
        page.route(GRID_SCRIPT, self._handle)

    def _handle(self, route: Route) -> None:
        if self.released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.held:
            route.continue_()


def _router_requests(page: Page) -> list[str]:
    """Return the list that fills with each router request (a page drawn by callback)."""
    seen: list[str] = []

    def on_request(request) -> None:
        if "_dash-update-component" in request.url and \
                "_pages_content" in json.loads(request.post_data or "{}").get("output", ""):
            seen.append(request.post_data or "")

    page.on("request", on_request)
    return seen


def test_first_view_needs_no_router_request(page: Page, live_server, console_errors) -> None:
    routed = _router_requests(page)
    page.goto(live_server + "/?region=Eastern+Asia")
    expect(page.locator("#ov-ranking .ag-row").first).to_be_visible()
    expect(page.locator("#ov-summary")).to_contain_text("In Eastern Asia")
    page.wait_for_load_state("networkidle")
    assert routed == []
    # navigation after it is the router's, once
    page.get_by_role("link", name="Methodology", exact=True).first.click()
    expect(page.locator("#mth-indicators .ag-row").first).to_be_visible()
    assert len(routed) == 1
    assert console_errors == []


def test_first_rows_show_before_the_grid_and_the_grid_takes_their_place(
        page: Page, live_server) -> None:
    held = HeldScript(page)
    page.goto(live_server + "/?q=korea")
    preview = page.locator("#ov-ranking-preview")
    expect(preview.locator("tbody tr").first).to_be_visible()
    # the search applies: only the Koreas, best first, with their links and the grid's headers
    expect(preview.locator("tbody tr")).to_have_count(2)
    expect(preview.locator("tbody tr").first).to_contain_text("South Korea")
    expect(preview.locator("tbody tr").nth(1)).to_contain_text("North Korea")
    assert preview.get_by_role("link", name="South Korea").get_attribute("href") == \
        "/country/KOR"
    expect(preview.locator("thead")).to_contain_text("Δ rank vs reference")
    expect(page.locator("#ov-ranking .ag-row")).to_have_count(0)
    held.release()
    expect(page.locator("#ov-ranking .ag-row").first).to_be_visible()
    expect(preview).to_be_hidden()


def test_preview_rows_are_the_grids_first_rows(page: Page, live_server) -> None:
    held = HeldScript(page)
    page.goto(live_server + "/?bloc=OECD&norm=zscore")
    cells = page.locator("#ov-ranking-preview tbody tr td:nth-child(4)")  # ISO, after tick box
    expect(cells).to_have_count(PREVIEW_ROWS)
    codes = cells.all_inner_texts()
    held.release()
    grid = page.locator("#ov-ranking")
    expect(grid.locator(".ag-row[row-index='0']").first).to_be_visible()
    drawn = [grid.locator(f".ag-row[row-index='{i}'] [col-id='iso3']").first.inner_text()
             for i in range(PREVIEW_ROWS)]
    assert codes == drawn


def test_a_wrong_guess_of_the_page_is_redrawn(page: Page, live_server, console_errors) -> None:
    """A proxy that rewrote the Referer makes the layout hold another page: the address wins."""
    def wrong_referrer(route: Route) -> None:  # the browser's own Referer cannot be rewritten
        request = urllib.request.Request(route.request.url, headers={"Referer": live_server + "/"})
        with urllib.request.urlopen(request, timeout=60) as response:
            route.fulfill(status=200, body=response.read(), content_type="application/json")

    page.route(re.compile(r"_dash-layout$"), wrong_referrer)
    with page.expect_response(re.compile(r"_dash-layout$")) as layout:
        page.goto(live_server + "/methodology")
    assert '"ov-ranking"' in layout.value.text()  # the overview came with the layout
    expect(page.locator("#mth-indicators .ag-row").first).to_be_visible()
    expect(page.locator("#ov-ranking")).to_have_count(0)
    assert console_errors == []
