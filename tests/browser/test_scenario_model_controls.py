"""The Scenarios page's model controls in a real browser (issue 13): a provider chosen, the
tokens per user changed — each writes the link once and draws the page once — the figures follow,
the controls pass axe and fit a 390 px screen."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

SLOW_MS = 30_000
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
#: Dash 4's own markup, accepted as in test_accessibility.py (see the reasons there).
THIRD_PARTY_RULES = {"aria-hidden-focus", "nested-interactive"}


def _renders(page: Page, change) -> list[str]:
    """Run ``change`` once the page has settled; return the callbacks it sent."""
    outputs: list[str] = []
    page.on("request", lambda r: outputs.append(json.loads(r.post_data or "{}").get("output", ""))
            if "_dash-update-component" in r.url else None)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    outputs.clear()
    with page.expect_response(lambda r: "_dash-update-component" in r.url
                              and "_pages_content" in (r.request.post_data or ""),
                              timeout=SLOW_MS):
        change()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    return outputs


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_tokens_per_user_reach_the_figures(page: Page, live_server, console_errors):
    page.goto(f"{live_server}/scenarios?preset=frontier-api-withdrawn&country=ESP")
    cells = page.locator("#capability-country tbody td")
    # Spain serves 71 % of the sourced demand (8,558 tokens a day) at home (column 6 of the
    # figures: after the country, the models, the lag and its known compute)
    expect(cells.nth(5)).to_have_text("71%", timeout=SLOW_MS)
    tokens = page.get_by_label("Tokens per internet user per day")
    expect(tokens).to_have_value("8558")

    def change() -> None:
        tokens.fill("17117")
        tokens.press("Enter")

    outputs = _renders(page, change)
    assert sum("_pages_content" in o for o in outputs) == 1, outputs
    assert len(outputs) == 2, outputs
    assert _query(page)["tokens"] == ["17117"]
    # twice the demand, half the share: 0.713 / 2.0001 → 36 %
    expect(cells.nth(5)).to_have_text("36%")
    expect(page.locator("#capability-panel")).to_contain_text("17,117 (your setting)")
    assert console_errors == []


def test_a_provider_narrows_the_cut(page: Page, live_server, console_errors, choose):
    page.goto(f"{live_server}/scenarios?preset=frontier-api-withdrawn&country=KOR")
    headline = page.locator("#capability-headline")
    expect(headline).to_contain_text("South Korea loses Grok 4", timeout=SLOW_MS)
    choose(page, page.locator("#scn-provider"), "OpenAI")
    # only OpenAI's closed models go: xAI's Grok 4 stays, the largest loss is GPT-4.5
    expect(headline).to_have_text("South Korea loses GPT-4.5; the most capable model it keeps "
                                  "(by training compute) is Grok 4: the frontier model itself "
                                  "(0 months behind).", timeout=SLOW_MS)
    query = _query(page)
    assert query["provider"] == ["OpenAI"] and "preset" not in query
    expect(page.locator("#scn-preset")).to_contain_text("Custom scenario")
    assert console_errors == []


def test_the_seed_event_controls_show_its_model_and_pass_axe(page: Page, live_server,
                                                             console_errors):
    page.goto(f"{live_server}/scenarios?preset=seed-event&country=KOR")
    controls = page.locator("#scn-model-controls")
    expect(controls).to_contain_text("Anthropic", timeout=SLOW_MS)
    expect(controls).to_contain_text("Claude 3.5 Sonnet")
    expect(page.locator("#capability-headline")).to_contain_text("loses Claude 3.5 Sonnet")
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, context="#scn-model-controls", options=AXE_OPTIONS).response
    serious = [v["id"] for v in results["violations"]
               if v["impact"] in {"serious", "critical"} and v["id"] not in THIRD_PARTY_RULES]
    assert serious == []
    # every number input is reachable by its label, from the keyboard
    for label in ("Tokens per internet user per day", "Serving utilisation (%)",
                  "Training utilisation (%)", "TFLOP/s per H100-equivalent"):
        field = page.get_by_label(label)
        field.focus()
        expect(field).to_be_focused()
    assert console_errors == []


def test_the_controls_fit_a_phone(page: Page, live_server, console_errors):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/scenarios?preset=seed-event&country=KOR")
    controls = page.locator("#scn-model-controls")
    expect(controls).to_be_visible(timeout=SLOW_MS)
    page.wait_for_load_state("networkidle")
    box = controls.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    for field in controls.locator("input[type=number]").all():
        field_box = field.bounding_box()
        assert field_box is not None and field_box["x"] + field_box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert re.search(r"preset=seed-event", page.url)
    assert console_errors == []
