"""The app factory: a fresh app per call, each with its own page callbacks, no Dash internals."""

from __future__ import annotations

import json
from pathlib import Path

import dash
import pytest
from dash import Dash

from dashboard.app import create_app, page_modules

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def callback_outputs(app: Dash) -> set[str]:
    """Return the outputs of every callback the app's front end is told about."""
    client = app.server.test_client()
    client.get("/")  # the first request sets up the server and the pages' router
    response = client.get("/_dash-dependencies")
    assert response.status_code == 200
    return {dep["output"] for dep in json.loads(response.data)}


def test_every_page_attaches_its_callbacks_to_each_new_app(app: Dash) -> None:
    first = callback_outputs(app)
    second = callback_outputs(create_app(data_dir=MINI))
    assert first == second
    # one per page control flow at least: overview, compare, country, scenarios, robustness,
    # data and methodology each write something
    for prefix in ("url.search", "ov-download", "cmp-download", "cty-download", "mth-download",
                   "scn-download", "data-entry"):
        assert any(out.startswith(prefix) or f".{prefix}" in out for out in first), prefix


def test_no_page_callback_is_left_in_dash_globals(app: Dash) -> None:
    """Page modules attach callbacks to the app given, so a second app takes nothing from the
    first (the old factory moved ``dash._callback`` globals by hand)."""
    from dash import _callback  # read-only look at Dash's global registry

    assert _callback.GLOBAL_CALLBACK_MAP == {}
    assert _callback.GLOBAL_CALLBACK_LIST == []


def test_every_page_module_declares_route_layout_and_callbacks() -> None:
    for module in page_modules():
        assert isinstance(module.ROUTE, dict), module.__name__
        assert callable(module.layout), module.__name__
        assert callable(module.register_callbacks), module.__name__


def test_importing_a_page_registers_nothing() -> None:
    """A page module has no import-time side effect (routes are registered by create_app)."""
    import importlib

    before = dict(dash.page_registry)
    for module in page_modules():
        importlib.reload(module)
    assert dict(dash.page_registry).keys() == before.keys()


@pytest.mark.parametrize("path", ["/", "/compare?countries=AAA,BBB", "/country/DDD",
                                  "/methodology", "/data", "/healthz"])
def test_pages_answer(app: Dash, path: str) -> None:
    assert app.server.test_client().get(path).status_code == 200
