"""The Scenarios page in a real browser: a preset from the URL, its paragraph, a changed preset."""

from __future__ import annotations

from playwright.sync_api import expect


def test_preset_from_url(page, live_server, console_errors, choose):
    """A shared link opens the preset with its narrative; a new preset rewrites the link."""
    page.goto(f"{live_server}/scenarios?preset=us-export-controls&country=JPN")
    narrative = page.locator("#scn-narrative")
    expect(narrative).to_contain_text("If suppliers in the United States cut off their chips and "
                                      "cloud supply, Japan", timeout=20_000)
    expect(page.locator("#scn-map .geo").first).to_be_attached()
    choose(page, page.locator("#scn-preset"), "All foreign suppliers (autarky floor)")
    expect(narrative).to_contain_text("If all foreign suppliers cut off", timeout=20_000)
    expect(page).to_have_url(f"{live_server}/scenarios?preset=autarky&country=JPN&supplier=USA")
    assert console_errors == []
