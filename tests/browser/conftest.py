"""Browser tests: the real app served on loopback, driven by Debian's headless Chromium."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SHIPPED_DATA = Path(__file__).resolve().parents[2] / "data"
#: The first page of a cold server draws a 200-row grid and a world map on two shared cores.
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


Serve = Callable[..., str]


@pytest.fixture(scope="session")
def serve_app() -> Iterator[Serve]:
    """Return a function that serves a new app on a free loopback port and returns its URL."""
    servers = []

    def serve(data_dir: Path = SHIPPED_DATA, base_path: str = "/", **config: object) -> str:
        from dashboard.app import create_app

        app = create_app(base_path=base_path, data_dir=data_dir)
        app.server.config.update(config)
        server = make_server("127.0.0.1", 0, app.server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}{base_path.rstrip('/')}"

    yield serve
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def live_server(serve_app: Serve) -> str:
    """Return the URL of the app serving the shipped data/ (read-only use)."""
    return serve_app()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Return a writable copy of the shipped data/ for tests that change files."""
    target = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, target)
    return target


@pytest.fixture
def console_errors(page) -> list[str]:
    """Collect console errors and failed requests of the page; a test asserts the list is empty."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    # a request the page itself dropped (navigation, Back) is aborted, not failed
    page.on("requestfailed", lambda req: errors.append(f"failed: {req.url} {req.failure}")
            if req.failure != "net::ERR_ABORTED" else None)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    return errors


def choose_option(page, dropdown, option_name, tries: int = 3) -> None:
    """Open ``dropdown`` and click the option named ``option_name``, once the page has settled.

    A Dash page may redraw itself right after its first callbacks answer (the link is its
    state), which closes a dropdown opened a moment too early; so wait for the network to go
    quiet, and open it again if the option has not appeared.

    The option is looked up in the list the opened dropdown controls (its ``aria-controls``),
    not the whole page: Dash 4 draws checklist and radio items as ``role="option"`` too, so a
    page-wide lookup finds a checklist box with the same label first (the Scenarios page's
    layer checklist says "Fabrication" like the posture map's layer picker).
    """
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(tries):
        page.wait_for_load_state("networkidle")
        dropdown.click()
        controls = dropdown.get_attribute("aria-controls")
        scope = page.locator(f'[id="{controls}"]') if controls else page
        option = scope.get_by_role("option", name=option_name)
        try:
            option.first.wait_for(state="visible", timeout=5_000)
        except PlaywrightError:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
            continue
        option.first.click()
        return


@pytest.fixture
def choose():
    """Return ``choose_option(page, dropdown_locator, option_name)``."""
    return choose_option
