"""Links inside the app, right under any base path (read from the serving app, not a global)."""

from __future__ import annotations

import flask

BASE_KEY = "SOVAI_BASE_PATH"


def href(path: str, search: str = "") -> str:
    """Return ``path`` (starting with /) under the current app's base path, plus ``search``."""
    base = "/"
    if flask.has_app_context():
        base = flask.current_app.config.get(BASE_KEY, "/")
    return base.rstrip("/") + path + search


def asset_url(name: str = "") -> str:
    """Return the URL of a file in dashboard/assets under the current app's base path."""
    return href("/assets/" + name)
