"""Settings survive navigation, a custom method says so, and figures stay in their range
(issue 11 #2 and #3). Each test failed on the code before the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from indicators import load
from indicators.robustness import monte_carlo

SHIPPED = Path(__file__).resolve().parents[2] / "data"
SLOW_MS = 60_000


def test_navigation_keeps_the_what_if_method(page: Page, live_server: str,
                                              console_errors) -> None:
    page.goto(live_server + "/?norm=rank&pw_data=3&measure=compute")
    nav = page.get_by_role("navigation", name="Pages")
    # the method travels, the overview's own parameter (measure) does not
    expect(nav.get_by_role("link", name="Robustness")).to_have_attribute(
        "href", "/robustness?norm=rank&pw_data=3")
    nav.get_by_role("link", name="Robustness").click()
    expect(page).to_have_url(re.compile(r"/robustness\?norm=rank&pw_data=3$"))
    expect(page.get_by_text("The runs vary around the method in the link.")).to_be_visible(
        timeout=SLOW_MS)
    assert console_errors == []


def test_custom_method_banner_and_reset(page: Page, live_server: str, console_errors) -> None:
    page.goto(live_server + "/country/KOR?norm=rank&pw_data=3")
    banner = page.locator("#method-banner")
    expect(banner).to_contain_text("Custom method")
    expect(banner).to_contain_text("normalisation: Rank")
    expect(banner).to_contain_text("Data pillar weight 3")
    banner.get_by_role("link", name="Reset to the reference method").click()
    expect(page).to_have_url(re.compile(r"/country/KOR$"))
    expect(page.locator("#method-banner")).to_have_count(0)
    page.goto(live_server + "/")
    expect(page.locator("#ov-ranking .ag-row").first).to_be_visible()
    expect(page.locator("#method-banner")).to_have_count(0)  # the reference shows none
    assert console_errors == []


def test_z_scores_are_not_labelled_0_to_100(page: Page, live_server: str,
                                            console_errors) -> None:
    page.goto(live_server + "/?norm=zscore")
    expect(page.locator("#ov-ranking .ag-row").first).to_be_visible()
    expect(page.get_by_text("Scores are on a z-score scale")).to_be_visible()
    expect(page.get_by_text("Scores are 0–100")).to_have_count(0)
    assert console_errors == []


@pytest.fixture(scope="module")
def steady_leader() -> str:
    """Return the name of the shipped data's leader, whose rank never moves in the page's
    default analysis (the issue's United States); fails loudly if the data change that."""
    bundle = load(SHIPPED)
    table = monte_carlo(bundle, runs=1000, seed=0).table()
    top = table.dropna(subset=["rank"]).iloc[0]
    assert top["rank_p05"] == top["rank_p95"] == 1, "the leader's rank moves: update the test"
    return str(bundle.countries.at[top["iso3"], "name"])


def test_robustness_says_a_steady_rank_has_nothing_to_attribute(
        page: Page, live_server: str, console_errors, steady_leader: str) -> None:
    page.goto(live_server + "/robustness")
    detail = page.locator("#rb-country-sobol")
    expect(detail).to_contain_text(f"{steady_leader}'s rank barely moves", timeout=SLOW_MS)
    expect(page.locator("#rb-country-sobol .main-svg")).to_have_count(0)  # no noise bars
    expect(page.locator("#rb-country-loo")).to_contain_text("no single indicator holds its rank")
    assert console_errors == []
