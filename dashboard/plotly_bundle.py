"""Serve a partial plotly.js bundle — only the traces the dashboard draws — instead of the full one.

The full bundle (4.8 MB, ~0.9 s of browser script time) holds every trace type; the dashboard
draws four. ``assets/plotly-sovai.min.js`` is plotly.js core (which includes scatter) with bar,
heatmap and choropleth, built by ``tools/plotly-bundle`` with plotly.js's own build options; its
licences are in ``assets/plotly-sovai.LICENSE.txt``.

Dash's graphs load plotly.js lazily, the first time one draws, from one fixed local address
(dash-renderer sets ``window._dashPlotlyJSURL`` to it when the app serves its files locally).
``install`` answers that address with the partial bundle, so nothing else changes: still loaded
only when a chart first draws, still offline; gzipped once, revalidated by ETag.
"""

from __future__ import annotations

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

import flask
from dash import Dash

BUNDLE = Path(__file__).resolve().parent / "assets" / "plotly-sovai.min.js"
#: The trace types in the bundle (tools/plotly-bundle/index-sovai.cjs). A figure of any other
#: type draws nothing: tests/dashboard/test_plotly_bundle.py checks every figure the code builds.
TRACES = frozenset({"scatter", "bar", "heatmap", "choropleth"})
#: Where dash-renderer fetches plotly.js when serving locally, after the app's path prefix.
FULL_BUNDLE_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"
#: For ``Dash(assets_ignore=...)``: the bundle is not one of the scripts every page loads first.
ASSETS_IGNORE = r"plotly-sovai\.min\.js$"


@lru_cache(maxsize=1)
def _bundle() -> tuple[bytes, bytes, str]:
    """Return the bundle's bytes, gzipped once (per-request compression costs ~50 ms), and ETag."""
    data = BUNDLE.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    return data, packed, hashlib.sha256(data).hexdigest()[:20]


def install(app: Dash) -> None:
    """Make ``app`` answer dash-renderer's plotly.js address with the partial bundle."""
    target = app.config.routes_pathname_prefix + FULL_BUNDLE_PATH

    @app.server.before_request
    def _partial_plotly() -> flask.Response | None:
        if flask.request.path != target:
            return None
        data, packed, etag = _bundle()
        if flask.request.if_none_match.contains(etag):
            response = flask.Response(status=304)
        elif "gzip" in flask.request.accept_encodings:
            response = flask.Response(packed, mimetype="application/javascript")
            response.headers["Content-Encoding"] = "gzip"  # flask-compress leaves it as it is
        else:
            response = flask.Response(data, mimetype="application/javascript")
        response.headers["Vary"] = "Accept-Encoding"
        response.set_etag(etag)
        response.cache_control.no_cache = True  # revalidate: an upgrade may add a trace type
        return response
