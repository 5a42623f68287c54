"""The four user journeys of issue 11, walked whole in Chromium at 1366 × 900 and at 390 × 844.

An analyst briefing on the seed event, a journalist checking "China is 2nd", a researcher
changing methods and a data editor correcting a value. After every step the page has logged no
console error and does not scroll sideways (``document.documentElement.scrollWidth <=
innerWidth``): a journey that works on a laptop and breaks on a phone fails here. Expected
numbers come from the library on the same data the app serves.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard.views import country
from dashboard.views.fmt import ordinal
from indicators import ScoringSpec, load, score

SHIPPED = Path(__file__).resolve().parents[2] / "data"
#: A scenario or a robustness analysis on the full data takes a while on two shared cores.
SLOW_MS = 60_000
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def screen(request, page: Page) -> Page:
    """Return the page at the journey's viewport."""
    page.set_viewport_size(VIEWPORTS[request.param])
    return page


@pytest.fixture(scope="module")
def shipped():
    bundle = load(SHIPPED)
    return bundle, score(bundle)


class Walk:
    """The steps of one journey: each ``step`` checks the page is sound where it stands."""

    def __init__(self, page: Page, errors: list[str]) -> None:
        self.page, self.errors, self.problems = page, errors, []
        self.pending: set[object] = set()
        page.on("request", lambda request: self.pending.add(request))
        page.on("requestfinished", lambda request: self.pending.discard(request))
        page.on("requestfailed", lambda request: self.pending.discard(request))

    def settle(self, quiet_ms: int = 500) -> None:
        """Wait until no request has been in flight for ``quiet_ms`` (a redraw has landed).
        Playwright's "networkidle" is reached once per page load, not after each callback."""
        quiet = 0
        for _ in range(SLOW_MS // 100):
            quiet = quiet + 100 if not self.pending else 0
            if quiet >= quiet_ms:
                return
            self.page.wait_for_timeout(100)

    def step(self, name: str) -> None:
        """Record a console error or a sideways scroll at the step called ``name``."""
        self.settle()
        width, inner = self.page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]")
        if width > inner:
            wide = self.page.evaluate("""() => Array.from(document.querySelectorAll('body *'))
                .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
                .filter(el => !el.closest('.scroll-box, .ag-root-wrapper, .js-plotly-plot'))
                .slice(0, 3).map(el => el.tagName + '#' + el.id + '.' + el.className)""")
            self.problems.append(f"{name}: page {width} px wide in {inner} px: {wide}")
        if self.errors:
            self.problems.append(f"{name}: console {self.errors[:3]}")
            self.errors.clear()

    def done(self) -> None:
        assert self.problems == []


def pick_country(walk: Walk, dropdown, typed: str, option: str) -> None:
    """Open a country dropdown, type ``typed`` and choose ``option`` (a long list draws only
    the options in view)."""
    page = walk.page
    walk.settle()
    dropdown.click()
    page.locator(".dash-dropdown-search:visible").fill(typed)  # focus is on the chosen option
    choice = page.get_by_role("option", name=option).first
    expect(choice).to_be_visible()
    page.wait_for_timeout(300)  # the list redraws as the search filters it
    choice.click()


def grid_row(page: Page, iso3: str):
    return page.locator(f"#ov-ranking .ag-row[row-id='{iso3}']")


def test_analyst_briefs_on_the_seed_event(screen: Page, live_server: str, console_errors,
                                          choose) -> None:
    """From the overview to the seed event's consequences for one country, a zip to cite,
    and that country's profile."""
    page, walk = screen, Walk(screen, console_errors)
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sovereign-AI readiness")
    walk.step("overview")
    nav = page.get_by_role("navigation", name="Pages")
    nav.get_by_role("link", name="Scenarios").click()
    expect(page.locator("#scn-narrative")).to_be_visible(timeout=SLOW_MS)
    walk.step("scenarios")
    choose(page, page.locator("#scn-preset"), re.compile(r"withdraws .* from"))
    expect(page).to_have_url(re.compile(r"preset=seed-event"), timeout=SLOW_MS)
    narrative = page.locator("#scn-narrative")
    expect(narrative).to_be_visible(timeout=SLOW_MS)
    walk.step("seed event")
    pick_country(walk, page.locator("#scn-country"), "Japan", "Japan (JPN)")
    expect(page).to_have_url(re.compile(r"country=JPN"), timeout=SLOW_MS)
    expect(narrative).to_contain_text("Japan", timeout=SLOW_MS)
    walk.step("seed event for Japan")
    with page.expect_download(timeout=SLOW_MS) as info:
        page.get_by_role("button", name="Download CSV + metadata").click()
    with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as archive:
        readme = archive.read("README.txt").decode()
        rows = list(csv.DictReader(io.StringIO(archive.read("scenario.csv").decode())))
    assert "Cite as:" in readme and "preset=seed-event" in readme
    assert any(r.get("iso3") == "JPN" for r in rows)
    walk.step("scenario downloaded")
    page.goto(live_server + "/country/JPN")
    expect(page.get_by_role("heading", level=1)).to_have_text("Japan")
    expect(page.get_by_role("heading", name=re.compile("dependenc", re.I)).first).to_be_visible()
    walk.step("Japan's profile")
    walk.done()


def test_journalist_checks_china_is_second(screen: Page, live_server: str, console_errors,
                                           shipped) -> None:
    """Find China, read its rank, open its profile, see how sure the rank is, and copy the
    citation of the figure."""
    _bundle, result = shipped
    rank = int(result.rank["CHN"])
    assert rank == 2, "the shipped data no longer put China 2nd: the journey's claim changed"
    page, walk = screen, Walk(screen, console_errors)
    page.goto(live_server + "/")
    expect(grid_row(page, "USA").first).to_be_attached()
    walk.step("overview")
    box = page.get_by_label("Find a country")
    box.press_sequentially("China")
    expect(box).to_have_value("China")  # no keystroke lost to a redraw
    # China, and the places whose names the sources write with it ("Hong Kong SAR, China")
    found = page.locator("#ov-ranking .ag-center-cols-container .ag-row")
    expect(found.first).to_be_attached()
    assert found.count() <= 3
    expect(grid_row(page, "CHN").locator("[col-id='rank']").first).to_have_text(str(rank))
    walk.step("searched China")
    grid_row(page, "CHN").locator("[col-id='country'] a").first.click()
    expect(page).to_have_url(re.compile(r"/country/CHN$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("China")
    standing = country.standing(result, "CHN").iloc[0]
    expect(page.locator("#cty-cards .card").first).to_contain_text(
        f"{ordinal(rank)} of {standing['of']}")
    walk.step("China's profile")
    dialog = page.locator("#cty-distribution").locator(
        "xpath=ancestor-or-self::figure[1]").locator("details.download-dialog")
    dialog.locator("summary").click()
    cite = dialog.locator(".citation-text")
    expect(cite).to_be_visible()
    expect(cite).to_contain_text(f"scores for {result.year}")
    expect(cite).to_contain_text(f"{live_server}/country/CHN")
    walk.step("citation shown")
    page.goto(live_server + "/robustness?country=CHN")
    expect(page.locator("#rb-run-count")).to_be_visible(timeout=SLOW_MS)
    expect(page.locator("#rb-results")).to_contain_text("China", timeout=SLOW_MS)
    walk.step("robustness of China's rank")
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Methodology").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    walk.step("methodology")
    walk.done()


def test_researcher_changes_the_method(screen: Page, live_server: str, console_errors, shipped,
                                       choose) -> None:
    """Change the normalisation, see the ranking re-scored and the method marked custom, keep it
    across pages, and go back to the reference."""
    bundle, _ = shipped
    ranked = score(bundle, ScoringSpec(normalisation="rank")).table()
    leader = ranked.iloc[0]
    page, walk = screen, Walk(screen, console_errors)
    page.goto(live_server + "/")
    expect(grid_row(page, "USA").first).to_be_attached()
    walk.step("overview")
    page.get_by_text("Weights & methods (what-if)").click()
    walk.step("what-if panel open")
    choose(page, page.locator("[id*='normalisation']").first, "Rank")
    expect(page).to_have_url(re.compile(r"norm=rank"))
    expect(page.locator("#method-banner")).to_contain_text("Custom method")
    first = page.locator("#ov-ranking .ag-row[row-index='0'] [col-id='country']").first
    expect(first).to_have_text(leader["name"])
    walk.step("re-scored by rank")
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Compare").click()
    expect(page).to_have_url(re.compile(r"/compare\?.*norm=rank"))
    expect(page.locator("#method-banner")).to_contain_text("Custom method")
    walk.step("compare keeps the method")
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Robustness").click()
    expect(page.get_by_text("The runs vary around the method in the link.")).to_be_visible(
        timeout=SLOW_MS)
    walk.step("robustness around the method")
    page.locator("#method-banner").get_by_role("link",
                                               name="Reset to the reference method").click()
    expect(page).to_have_url(re.compile(r"/robustness$"))
    expect(page.locator("#method-banner")).to_have_count(0)
    walk.step("back to the reference")
    walk.done()


CORRECTED = "CHN,cloud_regions,2025,52,cloud_regions_telegeography,snapshot 2025-01-02"


def test_data_editor_corrects_a_value(screen: Page, serve_app, data_copy: Path, console_errors,
                                      choose) -> None:
    """Paste one corrected row, see its diff before writing, apply it with a note, find the new
    value on the country page, and roll it back after confirming."""
    target = data_copy / "values" / "compute.csv"
    before = target.read_bytes()
    assert b"CHN,cloud_regions,2025,51," in before  # the value the journey corrects
    url = serve_app(data_copy)
    page, walk = screen, Walk(screen, console_errors)
    page.goto(url + "/data")
    expect(page.get_by_text("All files are valid.")).to_be_visible(timeout=SLOW_MS)
    walk.step("data page")
    choose(page, page.locator("#data-target"), "values/compute.csv")
    page.fill("#data-paste", CORRECTED)
    page.click("#data-preview-paste")
    expect(page.locator(".diff-summary")).to_have_text(
        "values/compute.csv: 0 row(s) added, 1 changed, 0 removed", timeout=SLOW_MS)
    assert target.read_bytes() == before  # nothing written before Apply
    walk.step("preview")
    page.fill("#data-note", "China's cloud regions recounted")
    page.click("#data-apply")
    expect(page.locator("#data-message")).to_contain_text("Applied values/compute.csv",
                                                          timeout=SLOW_MS)
    assert b"CHN,cloud_regions,2025,52," in target.read_bytes()
    expect(page.locator("#history")).to_contain_text("China's cloud regions recounted")
    walk.step("applied")
    page.goto(url + "/country/CHN")
    expect(page.get_by_role("heading", level=1)).to_have_text("China")
    edited = load(data_copy)
    rows = country.sources(score(edited), edited, "CHN")
    index = int(rows.index[rows["code"] == "cloud_regions"][0])
    grid = page.locator("#cty-sources")
    grid.scroll_into_view_if_needed()
    grid.locator(".ag-body-viewport").evaluate(f"(el) => el.scrollTop = {index} * 42")
    expect(grid.locator(f".ag-row[row-index='{index}'] [col-id='value']").first).to_have_text(
        "52")
    walk.step("new value on the profile")
    page.goto(url + "/data")
    choose(page, page.locator("#data-version"), "0: before the first recorded update")
    page.once("dialog", lambda dialog: dialog.accept())  # rolling back asks first
    page.get_by_role("button", name="Roll back to this version").click()
    expect(page.locator("#data-message")).to_contain_text("Rolled back to version 0",
                                                          timeout=SLOW_MS)
    assert target.read_bytes() == before
    walk.step("rolled back")
    walk.done()
