"""The first page drawn inside the layout itself, not by a callback after it.

Dash Pages draws a page in two round trips: the browser fetches the shell (``/_dash-layout``),
mounts it, and only then asks the router callback for the page. Here the shell's page container
already holds the page the address names, so the browser draws it from the first response.

The layout request does not name the page; the browser sends its address as the ``Referer``
(the app asks for ``Referrer-Policy: same-origin``). When the header is missing, names another
origin, or names no page, the container is Dash's own, empty one and the router draws the page
as before. The page drawn is written into ``_pages_store`` (``path``); if the address the browser
shows is not that one (a proxy rewrote the header), ``CHECK_JS`` asks the router to draw the
right page, so a wrong guess costs one render and never shows a wrong page for long.

Later navigation is unchanged: ``dcc.Location`` only reports a change of address, which the
router draws, once.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import dash
import flask
from dash import Dash, Input, Output, dcc, html
from dash._pages import _parse_query_string, _path_to_page

from dashboard import ids

LOG = logging.getLogger(__name__)

#: Dash Pages' own component ids (``dash.page_container``).
LOCATION, CONTENT, STORE, DUMMY = ("_pages_location", "_pages_content", "_pages_store",
                                   "_pages_dummy")

#: Client side, once the layout is mounted: when the page drawn in it is not the one the
#: browser's address names, tell ``_pages_location`` the address changed (Dash's own event),
#: which makes the router draw the right page.
CHECK_JS = """
function(data) {
    if (data && data.path !== undefined &&
            data.path !== window.location.pathname + window.location.search) {
        window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
    }
    return window.dash_clientside.no_update;
}
"""


def referred_address(app: Dash) -> tuple[str, str] | None:
    """Return (pathname, search) of the page asking for the layout, or None when unknown.

    Only a ``GET`` of the layout from a page of this origin counts.
    """
    if not flask.has_request_context():
        return None
    request = flask.request
    if request.method != "GET" or not request.path.endswith("_dash-layout"):
        return None
    referrer = urlsplit(request.headers.get("Referer", ""))
    if referrer.netloc != request.host or not referrer.path.startswith(
            app.config.requests_pathname_prefix):
        return None
    return referrer.path, f"?{referrer.query}" if referrer.query else ""


def _page(app: Dash, pathname: str, search: str) -> tuple[Any, str] | None:
    """Return (layout, title) as Dash Pages' router would draw them, or None for no page."""
    page, variables = _path_to_page(app.strip_relative_path(pathname))
    if not page:
        return None  # the router draws its 404
    layout = page.get("layout", "")
    title = page["title"]
    if callable(layout):
        layout = layout(**{**(variables or {}), **_parse_query_string(search)})
    if callable(title):
        title = title(**(variables or {}))
    return layout, str(title)


def page_container(app: Dash) -> html.Div:
    """Return Dash Pages' container, holding the page the layout request came from if known."""
    address = referred_address(app)
    drawn = None
    if address is not None:
        try:
            drawn = _page(app, *address)
        except Exception:  # the router draws it again and reports the error as it always did
            LOG.exception("could not draw %s%s in the layout", *address)
    if address is None or drawn is None:
        return dash.page_container
    pathname, search = address
    layout, title = drawn
    return html.Div([
        # the browser's address as props: mounting reports no change, so no router request
        dcc.Location(id=LOCATION, refresh="callback-nav", pathname=pathname, search=search),
        html.Div(layout, id=CONTENT, disable_n_clicks=True),
        dcc.Store(id=STORE, data={"title": title, "path": pathname + search}),
        html.Div(id=DUMMY, disable_n_clicks=True),
    ])


def install(app: Dash) -> None:
    """Add the client-side check that the page drawn in the layout is the address's, and say
    that the layout's response depends on the ``Referer`` (``Vary``) for any cache between."""
    app.clientside_callback(CHECK_JS, Output(ids.FIRST_PAGE_CHECK, "data"), Input(STORE, "data"))

    def vary_on_referrer(response: flask.Response) -> flask.Response:
        if flask.request.path.endswith("_dash-layout"):
            response.vary.add("Referer")
        return response

    app.server.after_request(vary_on_referrer)
