"""The Robustness page in a real browser: it loads cleanly, states its runs and keeps a link."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Response, expect
from werkzeug.serving import make_server

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
#: The first analysis of a page computes every normalisation: allow for a busy 2-core machine.
FIRST_LOAD_MS = 20_000


def robustness_app(data_dir: Path):
    """Return a new app of the whole dashboard serving ``data_dir``."""
    from dashboard.app import create_app

    return create_app(data_dir=data_dir)


@pytest.fixture(scope="module")
def robustness_url() -> Iterator[str]:
    """Return the URL of one app serving the mini fixture for this module."""
    server = make_server("127.0.0.1", 0, robustness_app(MINI).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_page_states_runs_and_assumptions(page: Page, robustness_url: str,
                                          console_errors: list[str]) -> None:
    """The page loads without console errors and says how many runs and what varied."""
    page.goto(f"{robustness_url}/robustness")
    expect(page.locator("#rb-run-count")).to_contain_text("1,000 Monte Carlo runs",
                                                          timeout=FIRST_LOAD_MS)
    expect(page.locator("#rb-assumptions")).to_contain_text("outliers: fixed at none")
    expect(page.locator("#rb-interval-chart .main-svg").first).to_be_visible(timeout=FIRST_LOAD_MS)
    assert console_errors == []


def test_controls_rewrite_the_link_and_the_link_restores_them(
        page: Page, robustness_url: str, console_errors: list[str]) -> None:
    """Choosing 5,000 runs re-runs the analysis and puts runs=5000 in the address, which reloads."""
    page.goto(f"{robustness_url}/robustness?vary=weights&spread=0.1")
    expect(page.locator("#rb-assumptions")).to_contain_text(
        "normalisation: fixed at minmax (not varied)", timeout=FIRST_LOAD_MS)
    page.locator("#rb-runs").click()
    # the new address makes Dash Pages render the page again: wait for that before reloading
    def page_rendered_again(response: Response) -> bool:
        body = response.request.post_data or ""
        return ("_dash-update-component" in response.url and "_pages_content" in body
                and "runs=5000" in body)

    with page.expect_response(page_rendered_again, timeout=FIRST_LOAD_MS):
        page.get_by_role("option", name="5,000").click()
    expect(page.locator("#rb-run-count")).to_contain_text("5,000 Monte Carlo runs")
    expect(page).to_have_url(re.compile(r"/robustness\?runs=5000&spread=0\.1&vary=weights$"))
    page.reload()
    expect(page.locator("#rb-run-count")).to_contain_text("5,000 Monte Carlo runs",
                                                          timeout=FIRST_LOAD_MS)
    expect(page.locator("#rb-assumptions")).to_contain_text("±10%")
    assert console_errors == []
