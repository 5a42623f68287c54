"""One control change, one callback, one render: the link is the state (docs/dashboard.md).

Each test changes one control and records every callback request the browser sends: exactly one
writes the address, exactly one (Dash Pages' router) draws the page from it, and nothing else
builds content. Before this was fixed the Scenarios and Robustness pages drew their results in
the control's callback and then again from the address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
SLOW_MS = 30_000


def record_callbacks(page: Page) -> list[str]:
    """Return the list that fills with the output of each callback request the page sends."""
    outputs: list[str] = []

    def on_request(request: Request) -> None:
        if "_dash-update-component" in request.url:
            body = json.loads(request.post_data or "{}")
            outputs.append(body.get("output", ""))

    page.on("request", on_request)
    return outputs


def renders(outputs: list[str]) -> int:
    return sum("_pages_content" in out for out in outputs)


def change_and_count(page: Page, change: Callable[[], None]) -> list[str]:
    """Run ``change`` once the page has settled; return the callbacks it caused."""
    outputs = record_callbacks(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    outputs.clear()
    with page.expect_response(lambda r: "_dash-update-component" in r.url
                              and "_pages_content" in (r.request.post_data or ""),
                              timeout=SLOW_MS):
        change()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # room for a second render, if there were one
    return outputs


def assert_one_render(outputs: list[str]) -> None:
    assert renders(outputs) == 1, outputs
    assert len(outputs) == 2, outputs  # the control's callback writes the link; the router draws
    assert any(out.startswith("url.search") for out in outputs), outputs


def test_overview_renders_once_per_change(page: Page, live_server: str, console_errors) -> None:
    page.goto(live_server + "/")
    expect(page.locator("#ov-ranking .ag-row").first).to_be_visible()
    outputs = change_and_count(
        page, lambda: page.get_by_label("Intensity (per GDP or person)").check())
    assert_one_render(outputs)
    expect(page).to_have_url(re.compile(r"view=intensity"))
    assert console_errors == []


def test_scenarios_render_once_per_change(page: Page, live_server: str, console_errors) -> None:
    page.goto(live_server + "/scenarios?preset=us-export-controls&country=JPN")
    expect(page.locator("#scn-narrative")).to_be_visible(timeout=SLOW_MS)
    outputs = change_and_count(page, lambda: page.get_by_text("Allies exempt").click())
    assert_one_render(outputs)
    expect(page).to_have_url(re.compile(r"allies=1"))
    assert console_errors == []


@pytest.fixture(scope="module")
def mini_url(serve_app) -> str:
    return serve_app(MINI)


def test_robustness_renders_once_per_change(page: Page, mini_url: str, console_errors) -> None:
    page.goto(mini_url + "/robustness")
    expect(page.locator("#rb-run-count")).to_be_visible(timeout=SLOW_MS)

    def change() -> None:
        page.locator("#rb-seed").fill("3")
        page.locator("#rb-seed").press("Tab")

    outputs = change_and_count(page, change)
    assert_one_render(outputs)
    expect(page).to_have_url(re.compile(r"seed=3"))
    assert console_errors == []


def test_country_year_slider_renders_once(page: Page, live_server: str, console_errors) -> None:
    page.goto(live_server + "/country/JPN")
    expect(page.locator("#cty-summary")).to_be_visible()

    def change() -> None:
        page.locator("#cty-year [role=slider]").focus()
        page.keyboard.press("ArrowLeft")

    outputs = change_and_count(page, change)
    assert_one_render(outputs)
    expect(page).to_have_url(re.compile(r"/country/JPN\?year=\d{4}$"))
    assert console_errors == []
