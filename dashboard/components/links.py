"""Links inside the app, right under any base path (read from the serving app, not a global)."""

from __future__ import annotations

import flask

BASE_KEY = "SOVAI_BASE_PATH"


def base_path() -> str:
    """Return the current app's base path ('/' outside an app): a memoised part of a page that
    holds links takes it as an argument (``data_access.part``)."""
    if flask.has_app_context():
        return str(flask.current_app.config.get(BASE_KEY, "/"))
    return "/"


def href(path: str, search: str = "") -> str:
    """Return ``path`` (starting with /) under the current app's base path, plus ``search``."""
    return href_under(base_path(), path, search)


def href_under(base: str, path: str, search: str = "") -> str:
    """Return ``path`` (starting with /) under the base path ``base``, plus ``search``."""
    return base.rstrip("/") + path + search


def asset_url(name: str = "") -> str:
    """Return the URL of a file in dashboard/assets under the current app's base path."""
    return href("/assets/" + name)
