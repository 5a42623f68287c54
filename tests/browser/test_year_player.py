"""The map plays through the years (issue 11, "what people expect"): a play button steps the
year slider through the scored years, the map follows, and the year is in the link when it
stops — paused, or at the last year. Before, the year moved only by hand."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from dashboard import ids
from indicators import load

SHIPPED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def years() -> list[int]:
    return list(load(SHIPPED).years)


def _year_in_link(page: Page) -> str | None:
    return (parse_qs(urlsplit(page.url).query).get("year") or [None])[0]


def test_play_steps_the_map_and_pause_writes_the_year(page: Page, live_server, console_errors,
                                                      years):
    first, second = years[0], years[1]
    page.goto(f"{live_server}/?tab=map&year={first}")
    title = page.locator("#ov-map .gtitle")
    expect(title).to_have_text(f"Overall score, {first}")
    page.wait_for_load_state("networkidle")
    play = page.get_by_role("button", name="Play the years")
    play.click()
    pause = page.get_by_role("button", name="Pause")
    expect(pause).to_be_visible()
    # the map, the heading and the slider follow the next scored year; the link does not move
    expect(title).to_have_text(f"Overall score, {second}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Sovereign-AI readiness, {second}")
    assert _year_in_link(page) == str(first)
    pause.click()
    expect(page.get_by_role("button", name="Play the years")).to_be_visible()
    # the link now holds a later year, and the page drawn from it shows that year
    expect(page).not_to_have_url(re.compile(rf"year={first}"))
    year = _year_in_link(page)
    assert year is not None and int(year) in years[1:]
    expect(title).to_have_text(f"Overall score, {year}")
    assert console_errors == []


def test_play_stops_at_the_last_year_and_keeps_it(page: Page, live_server, console_errors,
                                                  years):
    page.goto(f"{live_server}/?tab=map&measure=compute&year={years[-2]}")
    expect(page.locator("#ov-map .gtitle")).to_have_text(f"Compute pillar score, {years[-2]}")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Play the years").click()
    expect(page.locator("#ov-map .gtitle")).to_have_text(f"Compute pillar score, {years[-1]}")
    # it stops by itself: the button offers play again and the link holds the last year
    expect(page.get_by_role("button", name="Play the years")).to_be_visible(timeout=10_000)
    expect(page).to_have_url(re.compile(rf"year={years[-1]}"))
    assert parse_qs(urlsplit(page.url).query)["measure"] == ["compute"]
    assert console_errors == []


def test_play_from_the_keyboard_and_at_phone_width(page: Page, live_server, console_errors,
                                                   years):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/?tab=map&year={years[0]}")
    expect(page.locator("#ov-map .choroplethlocation").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    play = page.locator(f"#{ids.OV_PLAY}")
    for _ in range(60):  # Tab reaches the button
        page.keyboard.press("Tab")
        if play.evaluate("el => el === document.activeElement"):
            break
    expect(play).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#ov-map .gtitle")).to_have_text(f"Overall score, {years[1]}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.keyboard.press("Enter")  # focus stays on the button, now "Pause"
    expect(page.get_by_role("button", name="Play the years")).to_be_visible()
    expect(page).to_have_url(re.compile(r"year=\d{4}"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert console_errors == []


@pytest.mark.parametrize(("path", "drawn"), [("/", "#ov-ranking .ag-row"),
                                             ("/?tab=chart", "#ov-chart .main-svg")])
def test_no_play_button_off_the_map(page: Page, live_server, console_errors, path, drawn):
    page.goto(live_server + path)
    expect(page.locator(drawn).first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("button", name="Play the years").count() == 0
    assert console_errors == []


@pytest.fixture(scope="module")
def korea(years):
    """Return South Korea's summary sentence for each scored year (the library's)."""
    from dashboard.views import country
    from indicators import ScoringSpec, score

    bundle = load(SHIPPED)
    return {y: country.country_summary(score(bundle, ScoringSpec(year=y)), "KOR") for y in years}


def test_country_page_plays_the_years(page: Page, live_server, console_errors, years, korea):
    """Issue 11: the country page had a year slider but no player. Play steps its figure,
    summary and cards through the years without touching the link; Pause writes the year."""
    first = years[0]
    page.goto(f"{live_server}/country/KOR?tab=table&year={first}")
    summary = page.locator("#cty-summary")
    expect(summary).to_have_text(korea[first])
    page.wait_for_load_state("networkidle")
    play = page.get_by_role("button", name="Play the years")
    play.click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    expect(summary).to_have_text(korea[years[1]])
    expect(page.locator("#cty-figure .summary")).to_have_text(korea[years[1]])  # the tab's
    assert _year_in_link(page) == str(first)  # the link waits
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play the years")).to_be_visible()
    expect(page).not_to_have_url(re.compile(rf"year={first}"))
    assert parse_qs(urlsplit(page.url).query)["tab"] == ["table"]
    shown = _year_in_link(page)
    year = int(shown) if shown else years[-1]  # the latest year is left out of the link
    assert year in years[1:]
    expect(summary).to_have_text(korea[year])
    assert console_errors == []


def test_country_player_stops_at_the_last_year(page: Page, live_server, console_errors, years,
                                               korea):
    page.goto(f"{live_server}/country/KOR?tab=map&year={years[-2]}")
    expect(page.locator("#cty-summary")).to_have_text(korea[years[-2]])
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Play the years").click()
    expect(page.locator("#cty-summary")).to_have_text(korea[years[-1]])
    expect(page.get_by_role("button", name="Play the years")).to_be_visible(timeout=10_000)
    expect(page).to_have_url(re.compile(r"/country/KOR\?tab=map$"))  # latest: no year
    expect(page.locator("#cty-map .choroplethlocation").first).to_be_attached()
    assert console_errors == []


def test_country_player_from_the_keyboard_at_phone_width(page: Page, live_server,
                                                         console_errors, years, korea):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/country/KOR?year={years[0]}")
    expect(page.locator("#cty-distribution .main-svg").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    play = page.locator(f"#{ids.CTY_PLAY}")
    for _ in range(80):  # Tab reaches the button
        page.keyboard.press("Tab")
        if play.evaluate("el => el === document.activeElement"):
            break
    expect(play).to_be_focused()
    expect(play).to_have_accessible_name("Play the years")
    page.keyboard.press("Enter")
    expect(page.locator("#cty-summary")).to_have_text(korea[years[1]])
    expect(play).to_have_accessible_name("Pause")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.keyboard.press("Enter")  # focus stays on the button
    expect(page.get_by_role("button", name="Play the years")).to_be_visible()
    expect(page).not_to_have_url(re.compile(rf"year={years[0]}$"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert console_errors == []
