"""The app shell loads in a real browser with the ranking, no console errors, no failed requests."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_ranking_loads(page: Page, serve_app, console_errors):
    from pathlib import Path

    url = serve_app(Path(__file__).resolve().parents[1] / "fixtures" / "mini")
    page.goto(url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sovereign-AI readiness")
    expect(page.locator(".ag-row").first).to_contain_text("Country C")
    assert console_errors == []
