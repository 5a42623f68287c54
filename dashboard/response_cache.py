"""The bytes of a page already sent, sent again as they are.

A page is drawn once per data version and link (``page_cache``), but each request for it still
encoded it as JSON (about a third of a replay's time) and compressed it (a quarter). This keeps
the final bytes of the two responses that carry a page, exactly as they were sent:

* ``GET /_dash-layout``, which holds the page its ``Referer`` names (``first_render``);
* the router callback's ``POST /_dash-update-component`` (the page for a new address).

The key is the page cache's key of the page (page, data version, base path, today's date, the
query) and everything else the bytes depend on: which response (the layout also carries the
shell, whose banner lists the data's problems), the exact address (its pathname and search are
written into the layout; the router's whole request body), and the ``Accept-Encoding`` header
(the body is stored as sent: compressed by flask-compress with the algorithm it chose for that
header, or plain). Only a 200 whose page the page cache holds after the request is stored (a
page that raised, a 404 page and the Data page, ``page_cache.UNCACHED``, never are).

A stored response goes through every ``after_request`` hook as any other (security headers,
``Vary: Referer``, flask-compress adds ``Vary: Accept-Encoding`` and leaves an encoded body
alone), so only the body, its type and its encoding are kept. Each app keeps at most
``MAX_BYTES`` of bodies, least recently used dropped first.

flask-compress has cache hooks of its own (``COMPRESS_CACHE_BACKEND``), but they keep only the
compressed form: the page would still be encoded to JSON on each request, and the hooks are read
when Dash builds the app, before this app's settings exist.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any, NamedTuple

import flask
from dash import Dash
from dash._pages import _parse_query_string, _path_to_page

from dashboard import data_access, first_render, page_cache

#: Bytes of bodies kept per app (a page is 4–40 kB compressed, 20–210 kB plain).
MAX_BYTES = 32 * 2**20
EXTENSION = "sovai_responses"
#: The router callback's output, as the browser names it in its request.
ROUTER_OUTPUT = f"..{first_render.CONTENT}.children...{first_render.STORE}.data.."


class Stored(NamedTuple):
    """A response body as sent, with its type and encoding."""

    body: bytes
    content_type: str
    encoding: str | None


class Store:
    """Stored responses, least recently used dropped when their bodies pass ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[Hashable, Stored] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Stored | None:
        """Return the response stored under ``key``, or None."""
        with self._lock:
            stored = self._entries.get(key)
            if stored is not None:
                self._entries.move_to_end(key)
            return stored

    def put(self, key: Hashable, stored: Stored) -> None:
        """Keep ``stored`` under ``key`` (not when it alone is over the bound)."""
        if len(stored.body) > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            self.size -= len(old.body) if old else 0
            self._entries[key] = stored
            self.size += len(stored.body)
            while self.size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every response."""
        with self._lock:
            self._entries.clear()
            self.size = 0


def store_of(app: flask.Flask) -> Store:
    """Return the app's store of responses."""
    store: Store | None = app.extensions.get(EXTENSION)
    if store is None:
        store = app.extensions.setdefault(EXTENSION, Store(MAX_BYTES))
    return store


def _page_key(app: Dash, pathname: str, search: str) -> Hashable | None:
    """Return the page cache's key of the page at (pathname, search), or None for none."""
    page, variables = _path_to_page(app.strip_relative_path(pathname))
    module = page.get("module") if page else None
    if module is None or module in page_cache.UNCACHED:
        return None
    query = {**(variables or {}), **_parse_query_string(search)}
    return page_cache.page_key(module, query)


def _router_address(body: Any) -> tuple[str, str] | None:
    """Return (pathname, search) of a router callback request body, or None for another."""
    if not isinstance(body, dict) or body.get("output") != ROUTER_OUTPUT:
        return None
    values = {i.get("property"): i.get("value") for i in body.get("inputs") or []
              if isinstance(i, dict) and i.get("id") == first_render.LOCATION}
    pathname, search = values.get("pathname"), values.get("search")
    if not isinstance(pathname, str) or not isinstance(search, str | None):
        return None
    return pathname, search or ""


def response_key(app: Dash) -> tuple[Hashable, Hashable] | None:
    """Return (the response's key, its page's key) for the current request, or None when its
    response is not one that is stored."""
    request = flask.request
    exact: Hashable
    if request.method == "GET" and request.path.endswith("_dash-layout"):
        address = first_render.referred_address(app)
        kind, exact = "layout", address  # the layout writes the address itself
    elif request.method == "POST" and request.path.endswith("_dash-update-component"):
        address = _router_address(request.get_json(silent=True))
        kind, exact = "router", hashlib.sha256(request.get_data()).hexdigest()
    else:
        return None
    if address is None:
        return None
    page = _page_key(app, *address)
    if page is None:
        return None
    problems = tuple(map(str, data_access.current().problems)) if kind == "layout" else ()
    return ((kind, exact, page, problems, request.headers.get("Accept-Encoding", "")), page)


def install(app: Dash) -> None:
    """Serve stored responses before Dash draws anything, and store those it sends.

    Call after every other ``before_request`` hook that may refuse a request (the host check,
    CSRF): a stored response is only sent to a request those let through.
    """
    server = app.server

    def serve_stored() -> flask.Response | None:
        keys = response_key(app)
        flask.g.sovai_response_key = keys
        if keys is None:
            return None
        stored = store_of(server).get(keys[0])
        if stored is None:
            return None
        flask.g.sovai_response_key = None  # nothing to store
        response = flask.Response(stored.body, content_type=stored.content_type)
        if stored.encoding:
            response.headers["Content-Encoding"] = stored.encoding
        return response

    def store_sent(response: flask.Response) -> flask.Response:
        keys = flask.g.pop("sovai_response_key", None)
        if keys is None or response.status_code != 200 or response.is_streamed \
                or response.direct_passthrough or not page_cache.holds(keys[1]):
            return response
        store_of(server).put(keys[0], Stored(response.get_data(), response.content_type or "",
                                             response.headers.get("Content-Encoding")))
        return response

    server.before_request(serve_stored)
    # Flask calls after_request hooks last registered first: at the front of the list, this
    # one sees the response after every other hook, compression included
    server.after_request_funcs.setdefault(None, []).insert(0, store_sent)
