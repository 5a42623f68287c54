"""Methodology in Chromium: steps from the spec defaults, every indicator, under a base path."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from dashboard.views.methodology import catalogue, catalogue_summary, method_steps
from indicators import load, score

SHIPPED = Path(__file__).resolve().parents[2] / "data"


def test_steps_and_catalogue_under_a_base_path(page: Page, serve_app, console_errors):
    bundle = load(SHIPPED)
    frame = catalogue(bundle, score(bundle))
    url = serve_app(base_path="/sovai/")
    page.goto(url + "/methodology")
    steps = page.locator("#method-steps li")
    expect(steps).to_have_count(len(method_steps()))
    step, text = method_steps()[0]
    expect(steps.first).to_have_text(f"{step}. {text}")
    expect(page.locator("#catalogue-summary")).to_contain_text(catalogue_summary(frame))
    first = page.locator("#mth-indicators .ag-row[row-index='0']")
    expect(first.locator("[col-id='licence']").first).to_have_text(frame.iloc[0]["licence"])
    # nav links keep the base path, and the overview's map loads its shapes under it too
    page.get_by_role("navigation").get_by_role("link", name="Overview").click()
    expect(page).to_have_url(url + "/")
    page.get_by_role("link", name="Map", exact=True).click()
    expect(page).to_have_url(url + "/?tab=map")
    expect(page.locator("#ov-map .choroplethlocation").first).to_be_attached()
    assert console_errors == []
