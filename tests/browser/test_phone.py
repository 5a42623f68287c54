"""Every page is usable at 390 × 844 (issue 11 #6): no sideways scrolling of the page, a map
as wide as the screen allows, and no chart title under plotly's toolbar. Before: the compare
page was 823 px wide (its ledger table 968 px), the map 250 px, the scenario map's title
covered by the toolbar."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}
PAGES = ["/", "/?tab=map", "/?tab=chart", "/compare?countries=KOR,JPN,FRA",
         "/compare?countries=KOR,PRK", "/country/KOR", "/country/PRK", "/country/KOR?tab=map",
         "/scenarios?preset=us-export-controls", "/scenarios?preset=seed-event", "/robustness",
         "/audit", "/methodology", "/data", "/country/TWN"]


@pytest.fixture
def phone(page: Page) -> Page:
    page.set_viewport_size(PHONE)
    return page


def test_no_page_scrolls_sideways(phone: Page, live_server: str, console_errors) -> None:
    wide = {}
    for path in PAGES:
        phone.goto(live_server + path)
        expect(phone.get_by_role("heading", level=1)).to_be_visible(timeout=60_000)
        phone.wait_for_load_state("networkidle")
        phone.wait_for_timeout(500)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > phone.evaluate("window.innerWidth"):
            wide[path] = width
    assert wide == {}
    assert console_errors == []


def test_the_map_takes_the_screen_width(phone: Page, live_server: str) -> None:
    phone.goto(live_server + "/?tab=map")
    expect(phone.locator("#ov-map .choroplethlocation").first).to_be_attached()
    box = phone.locator("#ov-map .js-plotly-plot").bounding_box()
    assert box is not None and box["width"] >= 330
    land = phone.evaluate("""() => {
        var shapes = document.querySelectorAll('#ov-map .choroplethlocation');
        var left = Infinity, right = -Infinity;
        shapes.forEach(function (s) { var r = s.getBoundingClientRect();
            if (r.width) { left = Math.min(left, r.left); right = Math.max(right, r.right); } });
        return right - left; }""")
    assert land >= 300, land  # the countries drawn span most of the 390 px


@pytest.mark.parametrize(("path", "graph"), [("/scenarios?preset=us-export-controls", "#scn-map"),
                                             ("/?tab=map", "#ov-map")])
def test_titles_start_below_the_toolbar(phone: Page, live_server: str, path: str,
                                        graph: str) -> None:
    phone.goto(live_server + path)
    title = phone.locator(f"{graph} .gtitle")
    expect(title).to_be_visible(timeout=60_000)
    phone.locator(graph).hover()  # the toolbar shows on hover (a tap on a phone)
    bar = phone.locator(f"{graph} .modebar")
    expect(bar).to_be_visible()
    title_box, bar_box = title.bounding_box(), bar.bounding_box()
    assert title_box is not None and bar_box is not None
    assert title_box["y"] >= bar_box["y"] + bar_box["height"] - 1


#: Per chart: each title, source line and axis title drawn past the edge of its own image.
CLIPPED_TEXT_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
    var svg = gd.querySelector('.main-svg').getBoundingClientRect();
    return Array.from(gd.querySelectorAll('.gtitle, .annotation-text, .g-xtitle text'))
        .filter(t => { var r = t.getBoundingClientRect();
                       return r.width && (r.right > svg.right + 1 || r.left < svg.left - 1); })
        .map(t => (gd.closest('[id]') || {}).id + ': ' + t.textContent.slice(0, 60));
}).flat()"""


#: Per chart: a source line drawn over the x-axis title.
OVERLAPPING_SOURCE_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .map(gd => {
    var axis = gd.querySelector('.g-xtitle text');
    var source = Array.from(gd.querySelectorAll('.annotation-text'))
        .find(t => t.textContent.indexOf('Source:') === 0);
    if (!axis || !source) { return null; }
    var a = axis.getBoundingClientRect(), s = source.getBoundingClientRect();
    var apart = a.bottom <= s.top + 1 || s.bottom <= a.top + 1 || a.right <= s.left + 1 ||
        s.right <= a.left + 1;
    return apart ? null : (gd.closest('[id]') || {}).id + ': ' + axis.textContent;
}).filter(Boolean)"""


@pytest.mark.parametrize("path", ["/?tab=chart", "/country/CHN", "/country/CAF",
                                  "/compare?countries=KOR,JPN,FRA", "/robustness?country=CHN",
                                  "/scenarios?preset=seed-event&country=JPN"])
def test_chart_titles_and_sources_fit_a_phone(phone: Page, live_server: str, path: str) -> None:
    """At 390 px a 48-character title ("Where Central African Republic sits among all
    countries") ran past the chart's right edge, and a source line starting after long
    country labels was cut; both are in exported images too."""
    phone.goto(live_server + path)
    phone.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg')"
                            ".length > 0", timeout=60_000)
    phone.wait_for_load_state("networkidle")
    phone.wait_for_timeout(500)
    assert phone.evaluate(CLIPPED_TEXT_JS) == []
    assert phone.evaluate(OVERLAPPING_SOURCE_JS) == []
