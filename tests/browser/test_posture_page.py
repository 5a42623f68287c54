"""Supply-chain views in a real browser: the posture map's layer picker, strip and timeline."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_posture_map_layer_and_floor_over_time(page, live_server, console_errors, choose):
    page.goto(f"{live_server}/scenarios?preset=taiwan-strait&country=DEU")
    expect(page.locator("#scn-timeline-chart .main-svg").first).to_be_attached(timeout=20_000)
    title = page.locator("#posture-map .gtitle")
    expect(title).to_have_text("Posture on the Chip design layer", timeout=20_000)
    choose(page, page.locator("#posture-map-layer"), "Fabrication")
    expect(title).to_have_text("Posture on the Fabrication layer", timeout=20_000)
    assert console_errors == []


def test_country_page_shows_the_posture_strip(page, live_server, console_errors):
    page.goto(f"{live_server}/country/KOR")
    strip = page.locator("#posture-strip table")
    expect(strip).to_contain_text("HBM memory", timeout=20_000)
    expect(strip.locator("td.posture-control").first).to_contain_text("control")
    assert console_errors == []


def test_layer_checklist_shows_labels_and_writes_codes(page, live_server, console_errors):
    page.goto(f"{live_server}/scenarios?preset=taiwan-strait")
    checklist = page.locator("#scn-layers")
    expect(checklist).to_contain_text("Fabrication", timeout=20_000)
    expect(checklist).to_contain_text("Chip-making tools")
    expect(checklist).not_to_contain_text("chips_fab")
    page.wait_for_load_state("networkidle")
    checklist.get_by_text("Chip-making tools", exact=True).click()
    # the link (the page's state) carries the code, not the label
    expect(page).to_have_url(re.compile(r"layers=[^&]*chips_tools"), timeout=20_000)
    assert console_errors == []
