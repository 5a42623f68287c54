"""Pages drawn once per data version and link, then served from memory.

A page's ``layout(**query)`` is a pure function of the data and its link (docs/dashboard.md,
"How state flows"): the same link on the same data draws the same page. Drawing one costs
10–60 ms of component building (the overview's ranking, compare's tables); a link opened again
— the overview's default view, a shared link, Back — costs only Dash's serialising of it.

The key is the page, the data version (a hash of every byte of the data, ``Bundle.version``),
the app's base path (links carry it), today's date (charts print it) and the query. Each app
keeps its own ``MAX_PAGES`` pages (``app.server.extensions``), least recently used dropped
first. Pages that read more than the data and the link are drawn every time (``UNCACHED``:
the Data page shows the files on disk, their history and who may write).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import flask
from plotly.io.json import to_json_plotly

from dashboard import data_access, offload
from dashboard.components.links import BASE_KEY

#: Pages kept per app (one page is 0.1–0.2 MB of JSON, about ten times that in memory).
MAX_PAGES = 32
#: Page modules whose layout reads more than the data and the link.
UNCACHED = frozenset({"dashboard.pages.data"})
EXTENSION = "sovai_pages"

_lock = offload.native_lock()


def page_key(module: str, query: dict[str, Any]) -> tuple[Hashable, ...] | None:
    """Return the cache key of a page drawn now, or None when it must be drawn afresh."""
    if not flask.has_app_context() or module in UNCACHED:
        return None
    state = data_access.current()
    if state.bundle is None:
        return None
    return (module, state.bundle.version, flask.current_app.config.get(BASE_KEY, ""),
            dt.date.today().isoformat(), json.dumps(query, sort_keys=True, default=str))


def holds(key: Hashable) -> bool:
    """Return True when the current app keeps the page of ``key`` (``page_key``)."""
    pages = flask.current_app.extensions.get(EXTENSION)
    if pages is None:
        return False
    with _lock:
        return key in pages


def plain(page: Any) -> Any:
    """Return ``page`` as the JSON Dash sends of it, in dicts and lists (``{"type", "namespace",
    "props"}`` per component): serialising that again needs no call per component, which is
    most of what sending a page costs (Dash encodes each component through Python code).

    The standard library's engine even where orjson is installed: on components, plotly's
    orjson path walks the whole tree in Python first and took twice as long
    (``python -m benchmarks json_engine``)."""
    return json.loads(to_json_plotly(page, engine="json"))


def cached(module: str, layout: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``layout`` answering each key once per app (``module`` names the page).

    The page comes back in its JSON form (``plain``), shared by every request for that link:
    nothing may change it in place (Dash only serialises it).
    """
    if module in UNCACHED:
        return layout

    @functools.wraps(layout)
    def draw(**query: Any) -> Any:
        key = page_key(module, query)
        if key is None:
            return layout(**query)
        pages: OrderedDict[Hashable, Any] = flask.current_app.extensions.setdefault(
            EXTENSION, OrderedDict())
        with _lock:
            if key in pages:
                pages.move_to_end(key)
                return pages[key]
        page = plain(layout(**query))  # outside the lock: another page may be drawn meanwhile
        with _lock:
            pages[key] = page
            while len(pages) > MAX_PAGES:
                pages.popitem(last=False)
        return page

    return draw
