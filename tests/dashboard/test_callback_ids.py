"""Every callback's ids exist in some page: the check Dash would make at each first request.

The app sets ``suppress_callback_exceptions`` so that a fresh server builds no page before a
request asks for one (Dash otherwise renders every page's default layout on the first request,
to validate callbacks in the browser — seconds of work for one page's HTML). This test makes that
check once, here: the union of the shell and every page's default layout must hold each id a
callback reads or writes (pattern-matching ids may match none, as Dash allows).
"""

from __future__ import annotations

import inspect
from typing import Any

import dash
import pytest
from dash.development.base_component import Component

from dashboard import page_cache
from dashboard.app import create_app, shell


def _all_ids(layouts: list[Any]) -> list[Any]:
    """Return the ids in ``layouts``, read from the JSON Dash sends of them (parts of pages are
    kept in that form: dicts and lists, ``data_access.part``)."""
    ids = []
    stack: list[Any] = [page_cache.plain(root) for root in layouts
                        if isinstance(root, Component)]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "namespace" in node and "props" in node:
                cid = node["props"].get("id")
                if cid is not None:
                    ids.append(cid)
            stack.extend(node.values())
    return ids


def _callback_ids(callback_map: dict[str, dict[str, Any]]) -> set[str]:
    """Return every id (as Dash writes it: a string, or a dict as sorted JSON) a callback uses."""
    out: set[str] = set()
    for key, spec in callback_map.items():
        outputs = key.split("@")[0]
        parts = outputs.strip(".").split("...") if outputs.startswith("..") else [outputs]
        out |= {part.rsplit(".", 1)[0] for part in parts}
        out |= {dep["id"] for dep in spec["inputs"] + spec.get("state", [])}
    return out


def _matches(wanted: str, present: list[Any]) -> bool:
    """Return whether the id ``wanted`` is in ``present``; a pattern id (ALL, MATCH) always is:
    Dash lets a wildcard match no component, as the compare page's peer list at first."""
    return wanted.startswith("{") or wanted in present


@pytest.fixture(scope="module")
def app() -> dash.Dash:
    app = create_app()
    app.server.test_client().get("/")  # the first request registers the page router
    return app


def test_fresh_server_builds_no_validation_layout(app: dash.Dash) -> None:
    """The first request built no page: Dash's per-first-request validation is off."""
    assert app.config.suppress_callback_exceptions is True
    assert app.validation_layout is None


def test_every_callback_id_is_in_a_page(app: dash.Dash) -> None:
    """What dash-renderer checked in the browser, made here once for every page."""
    with app.server.test_request_context("/"):
        # each page as drawn, not its JSON form the page cache keeps (dashboard/page_cache.py)
        layouts = [shell()] + [inspect.unwrap(page["layout"])() if callable(page["layout"])
                               else page["layout"] for page in dash.page_registry.values()]
    present = _all_ids(layouts)
    wanted = _callback_ids(app.callback_map)
    assert len(wanted) > 30  # the parse found the pages' callbacks, not only Dash's own
    missing = sorted(w for w in wanted if not _matches(w, present))
    assert missing == [], f"callback ids in no page layout: {missing}"


def test_check_catches_a_missing_id(app: dash.Dash) -> None:
    """The check is not blind: an id no page has is reported."""
    assert not _matches("ov-ranking-typo", _all_ids([shell()]))
    assert _matches("url", _all_ids([shell()]))
